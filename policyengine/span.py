"""Source positions. A leaf module: imports only the standard library."""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """A position in a source file; line and column are 1-based. A tuple: cheap to make by the million."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NOWHERE = Span("", 0, 0)
