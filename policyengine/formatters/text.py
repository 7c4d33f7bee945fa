"""Compiler-style text: `path:line:col: severity[CODE] message`, the source line and a caret."""

from __future__ import annotations

from typing import Callable

from ..diagnostics import Finding, Severity
from ..lint import LintResult

SUMMARY = {
    "en": ("{n} finding(s): {error} error(s), {warning} warning(s), {info} info in {files} file(s)", "No findings in {files} file(s)."),
    "zh": ("共 {n} 条诊断:错误 {error} 条,警告 {warning} 条,提示 {info} 条,涉及 {files} 个文件", "{files} 个文件中没有诊断。"),
}
HIDDEN = {"en": ("{n} suppressed", "{n} held in the baseline"), "zh": ("已抑制 {n} 条", "基线中已有 {n} 条")}
LABEL = {"en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
         "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}}


def _caret_line(line: str, column: int) -> str:
    # keep tabs so the caret lines up under tab-indented text; wide (CJK) characters count double
    prefix = line[: max(column - 1, 0)]
    pad = "".join("\t" if ch == "\t" else ("  " if ord(ch) > 0x2E80 else " ") for ch in prefix)
    return pad + "^"


def render(result: LintResult, lang: str = "en", style: Callable[[str, str], str] | None = None,
           after: Callable[[Finding], str] | None = None) -> str:
    """`after` gives text to print under a finding's source lines (`lint --explain`: its chain)."""
    paint = style or (lambda text, _kind: text)
    lines_of = {f.path: f.text.splitlines() for f in result.files}
    out: list[str] = []
    for f in result.findings:
        out.append(_header(f, lang, paint))
        source = lines_of.get(f.span.file, [])
        if 0 < f.span.line <= len(source):
            text = source[f.span.line - 1]
            out.append(f"  {f.span.line:>4} | {text}")
            out.append(f"       | {paint(_caret_line(text, f.span.column), 'caret')}")
        if after is not None:
            out.append(after(f).rstrip("\n"))
    counts = {s.label: result.count(s) for s in Severity}
    many, none = SUMMARY[lang]
    summary = (many.format(n=len(result.findings), files=len(result.files), **counts) if result.findings
               else none.format(files=len(result.files)))
    hidden = [text.format(n=n) for text, n in zip(HIDDEN[lang], (result.suppressed, result.baselined)) if n]
    if hidden:
        stop = "." if summary.endswith(".") else ""
        summary = summary.rstrip(".") + (f" ({', '.join(hidden)})" if lang == "en" else f"({','.join(hidden)})") + stop
    out.append(summary)
    return "\n".join(out) + "\n"


def _header(f: Finding, lang: str, paint: Callable[[str, str], str]) -> str:
    label = LABEL[lang][f.severity]
    return (f"{paint(str(f.span), 'path')}: {paint(label + '[' + f.code + ']', f.severity.label)} "
            f"{f.message} [{f.name}]")
