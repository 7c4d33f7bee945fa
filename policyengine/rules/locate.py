"""Map a position inside a rule written as a YAML string onto the file: quoted, plain or block."""

from __future__ import annotations

from ..span import Span
from .ast import Pos


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def locate(lines: list[str], start: Span, pos: Pos) -> Span:
    """`start` is where the YAML scalar begins; `pos` is 1-based inside its text."""
    index = start.line - 1
    if not 0 <= index < len(lines):
        return start
    head = lines[index][start.column - 1 : start.column]
    if head in ("|", ">"):
        body = [k for k in range(index + 1, len(lines)) if lines[k].strip()]
        if not body:
            return start
        indent = _indent(lines[body[0]])
        if head == "|":  # literal: the text's lines are the file's lines
            line = index + 1 + (pos.line - 1)
            return Span(start.file, line + 1, indent + pos.column) if line < len(lines) else start
        return _folded(start, lines, body, pos, indent)
    shift = 1 if head in ("'", '"') else 0
    if pos.line == 1:
        return Span(start.file, start.line, start.column + shift + pos.column - 1)
    line = index + pos.line - 1  # a multi-line flow scalar: approximate by the line's indentation
    if line >= len(lines):
        return start
    return Span(start.file, line + 1, _indent(lines[line]) + pos.column)


def _folded(start: Span, lines: list[str], body: list[int], pos: Pos, indent: int) -> Span:
    """Folded text joins the block's lines with spaces: walk them to find the offset."""
    offset = pos.column - 1
    for k in body:
        text = lines[k][indent:]
        if offset <= len(text):
            return Span(start.file, k + 1, indent + offset + 1)
        offset -= len(text) + 1
    return Span(start.file, body[-1] + 1, indent + 1)
