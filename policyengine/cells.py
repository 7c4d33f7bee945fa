"""Where a value sits in a table: file, sheet, row and column, written `清单.xlsx!基本履职事项:C12`.
Standard library only."""

from __future__ import annotations

import re
from typing import NamedTuple

_ADDRESS = re.compile(r"^([A-Z]{1,3})([1-9][0-9]*)$")


def letters(column: int) -> str:
    """1 -> A, 27 -> AA: how spreadsheets name a column."""
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def column_number(text: str) -> int:
    """A -> 1, AA -> 27."""
    number = 0
    for char in text:
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def parse_address(text: str) -> tuple[int, int] | None:
    """`C12` -> (12, 3); None when `text` is not a cell address."""
    found = _ADDRESS.match(text)
    return (int(found.group(2)), column_number(found.group(1))) if found else None


def split_ref(text: str) -> tuple[str, tuple[int, int] | None]:
    """`清单.xlsx!基本履职事项:C12` -> (`清单.xlsx!基本履职事项`, (12, 3)): the table a written cell
    reference names, and its row and column (None when the part after the last colon is no address)."""
    table, _, address = text.rpartition(":")
    return table, parse_address(address)


class CellRef(NamedTuple):
    """A cell of a table: `file` as the user named it (its base name), the sheet (or `表N` for the
    N-th table of a Word document, the file's stem for a CSV file), 1-based row and column."""

    file: str
    sheet: str
    row: int
    column: int

    @property
    def address(self) -> str:
        return f"{letters(self.column)}{self.row}"

    @property
    def table(self) -> str:
        """`清单.xlsx!基本履职事项`; a CSV file, which has no sheets, by its name alone."""
        return f"{self.file}!{self.sheet}" if self.sheet else self.file

    def __str__(self) -> str:
        return f"{self.table}:{self.address}"
