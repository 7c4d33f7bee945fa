"""A table as the importer reads it, whatever the file: sheets of rows of cell texts, the merged
ranges, and what the reader has to say about the file (its encoding, hidden sheets, formulas).
Rows are produced one at a time, so a sheet of any length is read in constant memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..messages.core import Message

Row = tuple[int, tuple[str, ...]]  # the row's number (1-based) and its cells' texts, "" for an empty cell
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based, inclusive)


@dataclass
class Sheet:
    name: str  # as the file names it: the sheet's name, 表N for a Word table, "" for a CSV file
    read: Callable[[], Iterator[Row]]
    merges: Callable[[], list[Merge]] = list  # asked for before the rows are read
    hidden: bool = False

    def rows(self) -> Iterator[Row]:
        return self.read()


@dataclass
class Workbook:
    file: str  # the name a cell reference shows: the file's base name
    path: str
    kind: str  # xlsx, csv or docx
    sheets: list[Sheet]
    notes: list[Message] = field(default_factory=list)  # said on standard error, never silent


def cell_text(value: Any) -> str:
    """A cell's value as the text a reader sees: numbers without a spurious `.0`, dates as
    YYYY-MM-DD, a date and time as YYYY-MM-DD HH:MM:SS."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
