"""Compiler-style text: `path:line:col: severity[CODE] message`, the source line and a caret.

Every piece that comes from the input (the path, the message, a custom check's name, the source
line) is made printable first: a finding is one header line whatever its message holds.
"""

from __future__ import annotations

from collections.abc import Callable

from ..diagnostics import Finding, Severity
from ..messages.catalogue import text
from ..printable import printable
from ..result import LintResult
from ..textwidth import char_width
from .regions import source_lines

Style = Callable[[str, str], str]


def label(severity: Severity, lang: str) -> str:
    """The severity as the reader's language says it: `warning`, `警告`."""
    return text(f"term.severity.{severity.label}", lang)


TAB = {"\t": "\t"}  # a tab in a source line stays a tab, so that the caret lines up under it


def _caret_line(line: str, column: int) -> str:
    # under the line as shown (escapes included); tabs kept, every other character as many columns
    # as a terminal gives it (a Chinese character two, a combining mark none)
    prefix = printable(line[: max(column - 1, 0)], TAB)
    pad = "".join(ch if ch == "\t" else " " * char_width(ch) for ch in prefix)
    return pad + "^"


def render(
    result: LintResult, lang: str = "en", style: Style | None = None, after: Callable[[Finding], str] | None = None
) -> str:
    """`after` gives text to print under a finding's source lines (`lint --explain`: its chain)."""
    paint = style or (lambda words, _kind: words)
    lines_of = {f.path: _lines(f.text) for f in result.files}
    out: list[str] = []
    for f in result.findings:
        out.append(_header(f, lang, paint))
        source = lines_of.get(f.span.file, [])
        if 0 < f.span.line <= len(source):
            line = source[f.span.line - 1]
            out.append(f"  {f.span.line:>4} | {printable(line, TAB)}")
            out.append(f"       | {paint(_caret_line(line, f.span.column), 'caret')}")
        if f.cell:  # imported from a table: the cell the reviewer opens
            out.append(f"       = {printable(text('formats.cell', lang, cell=f.cell))}")
        if after is not None:
            out.append(after(f).rstrip("\n"))
    out.append(summary(result, lang))
    return "\n".join(out) + "\n"


def _lines(text: str) -> list[str]:
    """The lines as YAML numbers them (str.splitlines() also breaks at a form feed or U+001C, which
    would shift every line after it); no empty line after the last line break."""
    lines = source_lines(text)
    return lines[:-1] if lines and not lines[-1] else lines


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
        f"{paint(printable(str(f.span)), 'path')}: "
        f"{paint(label(f.severity, lang) + '[' + f.code + ']', f.severity.label)} "
        f"{printable(f.message)} [{printable(f.name)}]"
    )


def header(f: Finding, lang: str) -> str:
    """A finding's first line, unpainted: `path:line:col: severity[CODE] message [name]`."""
    return _header(f, lang, lambda words, _kind: words)
