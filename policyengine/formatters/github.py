"""GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding, which
the runner turns into an annotation on the file and line; then the summary, a plain log line.

    ::warning file=policies/h_district/items.yaml,line=332,col=11,endColumn=17,title=PE101 responsibility-without-authority::item ...
"""

from __future__ import annotations

from ..diagnostics import Finding, Severity
from ..printable import printable
from ..result import LintResult
from . import regions, text
from .regions import Root
from .text import Style

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


RUNNER = {"\r": "%0D", "\n": "%0A"}  # the runner reads these back, after %25


def escape_data(text: str) -> str:
    """A command's message: the runner reads %25, %0D and %0A back as %, CR and LF; any other
    control character is written as text shows it (`\\x1b`), since the runner has no escape for it."""
    return printable(text.replace("%", "%25"), RUNNER)


def escape_property(text: str) -> str:
    """A property value (file, title): also : and , which would end the value or the property."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult, lang: str = "en", style: Style | None = None, root: Root = None) -> str:
    """`root` is the directory file paths are written relative to: the current one by default."""
    texts = {f.path: regions.source_lines(f.text) for f in result.files}
    out = [command(f, texts, root) for f in result.findings]
    out.append(text.summary(result, lang))  # the text format's last line
    return "\n".join(out) + "\n"


def command(f: Finding, texts: dict[str, list[str]], root: Root = None) -> str:
    properties = []
    if f.span.file:
        properties.append(("file", regions.display_path(f.span.file, root)))
        if f.span.line > 0:
            column = max(f.span.column, 1)
            _, end = regions.region(texts, f.span.file, f.span.line, column, f.code)
            properties += [("line", str(f.span.line)), ("col", str(column)), ("endColumn", str(end))]
    properties.append(("title", f"{f.code} {f.name}"))
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMAND[f.severity]} {listed}::{escape_data(f.message)}"
