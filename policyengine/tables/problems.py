"""What goes wrong reading a table: an input error located at a cell (`清单.xlsx!基本履职事项:C12: …`),
at a line of a CSV file, or at the file itself."""

from __future__ import annotations

from ..cells import CellRef
from ..errors import InputError
from ..messages.core import Message, msg


class TableError(InputError):
    """An input error whose place is a cell, or a `file:line:column` of a CSV file, or a file."""

    def __init__(self, message: Message, where: CellRef | str | None = None):
        self.where = where
        super().__init__(message)

    @classmethod
    def at(cls, where: CellRef | str | None, key: str, /, **params: object) -> TableError:
        return cls(msg(key, **params), where)

    def render(self, lang: str = "en") -> str:
        text = self.text(lang)
        return f"{self.where}: {text}" if self.where else text


class TableErrors(InputError):
    """Every bad row of an import at once, one located line each: nothing was written."""

    def __init__(self, errors: list[TableError], summary: str = "tables.not_written"):
        self.errors, self.summary = errors, summary  # the line after them: a catalogue key taking `n`
        super().__init__(errors[0].message)

    def render(self, lang: str = "en") -> str:
        return "\n".join(error.render(lang) for error in self.errors)
