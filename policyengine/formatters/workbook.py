"""Writing a review workbook with openpyxl (the `tables` extra): sheets of rows, a frozen header,
filters, column widths fit for Chinese text, wrapped long cells — and the same bytes every time:
the document's dates and every part's time in the zip are fixed."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..textwidth import display_width

FIXED = datetime(2000, 1, 1)  # the document's created and modified dates: output is deterministic
MAX_WIDTH = 60  # columns wider than this wrap their text instead
_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


@dataclass
class SheetData:
    title: str
    rows: list[list[str]]
    header: int = 1  # the row under which the sheet is frozen and filtered; 0: none
    merged: Sequence[str] = ()
    first_data: int = 0  # rows before it are free text (a check's explanation), not the table
    widths: dict[int, int] = field(default_factory=dict)  # column -> width, where the content would mislead


def sheet_title(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = (text.translate(_FORBIDDEN).strip("'") or "Sheet")[:31]
    title, n = base, 2
    while title.lower() in taken:
        suffix = f"_{n}"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def build(sheets: list[SheetData]) -> bytes:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:  # the command says so before any work; kept for a direct call
        raise RuntimeError("openpyxl is needed: pip install 'openpyxl>=3.1' (the extra 'tables')") from None
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for data in sheets:
        ws = book.create_sheet(data.title)
        for row in data.rows:
            ws.append(row)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # a text the table holds, never a formula to calculate
        for ref in data.merged:
            ws.merge_cells(ref)
        width = max((len(r) for r in data.rows), default=0)
        # a title above a table's header (one text in its row) runs over the empty cells beside it: it
        # neither widens its column nor wraps; the free text above a check's findings wraps in its column
        titles = {n for n, r in enumerate(data.rows, start=1) if n < data.header and sum(1 for c in r if c) == 1}
        titles -= set(range(1, data.first_data))
        free = set(range(1, data.first_data))
        for column in range(1, width + 1):
            letter = get_column_letter(column)
            texts = [
                r[column - 1] for n, r in enumerate(data.rows, start=1) if n not in titles | free and column <= len(r)
            ]
            widest = max((max((display_width(line) for line in t.splitlines()), default=0) for t in texts), default=0)
            if data.header and column <= len(data.rows[data.header - 1]):  # the head and its filter button
                widest = max(widest, display_width(data.rows[data.header - 1][column - 1]) + 3)
            ws.column_dimensions[letter].width = data.widths.get(column, min(max(widest + 2, 6), MAX_WIDTH))
        for row in ws.iter_rows():
            for cell in row:
                if cell.row in titles:
                    continue
                room = ws.column_dimensions[get_column_letter(cell.column)].width or MAX_WIDTH
                if isinstance(cell.value, str) and ("\n" in cell.value or display_width(cell.value) > room):
                    cell.alignment = wrap
        if data.header:
            for cell in ws[data.header]:
                cell.font = bold
            ws.freeze_panes = ws.cell(row=data.header + 1, column=1)
            if width and len(data.rows) >= data.header:
                ws.auto_filter.ref = f"A{data.header}:{get_column_letter(width)}{len(data.rows)}"
    book.properties.created = book.properties.modified = FIXED
    book.properties.creator = "policyengine"
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_times(raw.getvalue())


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_times(data: bytes) -> bytes:
    """The workbook's zip with every part dated 1980-01-01, and the document's modified date (which
    openpyxl sets to the moment of saving) fixed: the same input gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            part = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                part = _MODIFIED.sub(rb"\g<1>" + FIXED.isoformat().encode() + rb"Z\g<2>", part)
            dst.writestr(fixed, part)
    return out.getvalue()
