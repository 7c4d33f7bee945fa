"""Output formats for findings; each format is its own small module. Formatters return text."""

from __future__ import annotations

from collections.abc import Callable

from ..result import LintResult
from . import github, json_format, sarif, text

# what `lint --format` calls: every format takes the result, the language and the text format's painter
Render = Callable[[LintResult, str, text.Style | None], str]

FORMATS: dict[str, Render] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
}
