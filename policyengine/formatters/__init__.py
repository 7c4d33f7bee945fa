"""Output formats for findings; each format is its own small module. Formatters return text."""

from __future__ import annotations

from . import github, json_format, sarif, text

FORMATS = {"text": text.render, "json": json_format.render, "sarif": sarif.render, "github": github.render}
