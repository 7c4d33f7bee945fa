"""Compiler-style text: `path:line:col: severity[CODE] message`, the source line and a caret."""

from __future__ import annotations

from collections.abc import Callable

from ..diagnostics import Finding, Severity
from ..messages.catalogue import text
from ..result import LintResult

Style = Callable[[str, str], str]


def label(severity: Severity, lang: str) -> str:
    """The severity as the reader's language says it: `warning`, `警告`."""
    return text(f"term.severity.{severity.label}", lang)


def _caret_line(line: str, column: int) -> str:
    # keep tabs so the caret lines up under tab-indented text; wide (CJK) characters count double
    prefix = line[: max(column - 1, 0)]
    pad = "".join("\t" if ch == "\t" else ("  " if ord(ch) > 0x2E80 else " ") for ch in prefix)
    return pad + "^"


def render(
    result: LintResult, lang: str = "en", style: Style | None = None, after: Callable[[Finding], str] | None = None
) -> str:
    """`after` gives text to print under a finding's source lines (`lint --explain`: its chain)."""
    paint = style or (lambda words, _kind: words)
    lines_of = {f.path: f.text.splitlines() for f in result.files}
    out: list[str] = []
    for f in result.findings:
        out.append(_header(f, lang, paint))
        source = lines_of.get(f.span.file, [])
        if 0 < f.span.line <= len(source):
            line = source[f.span.line - 1]
            out.append(f"  {f.span.line:>4} | {line}")
            out.append(f"       | {paint(_caret_line(line, f.span.column), 'caret')}")
        if after is not None:
            out.append(after(f).rstrip("\n"))
    out.append(summary(result, lang))
    return "\n".join(out) + "\n"


def summary(result: LintResult, lang: str) -> str:
    """The last line: how many findings of each severity, and how many were left out."""
    counts = {s.label: result.count(s) for s in Severity}
    said = (
        text("formats.summary", lang, n=len(result.findings), files=len(result.files), **counts)
        if result.findings
        else text("formats.summary_none", lang, files=len(result.files))
    )
    hidden = [
        text(key, lang, n=n)
        for key, n in (("formats.suppressed", result.suppressed), ("formats.baselined", result.baselined))
        if n
    ]
    if hidden:
        stop = "." if said.endswith(".") else ""
        said = (
            said.rstrip(".") + text("formats.hidden", lang, hidden=text("formats.hidden_sep", lang).join(hidden)) + stop
        )
    return said


def _header(f: Finding, lang: str, paint: Style) -> str:
    return (
        f"{paint(str(f.span), 'path')}: {paint(label(f.severity, lang) + '[' + f.code + ']', f.severity.label)} "
        f"{f.message} [{f.name}]"
    )
