"""Reading the tables of a `.docx` document with python-docx. The N-th table is sheet `表N`. A merged
cell (across columns, `gridSpan`, or down rows, `vMerge`) holds its text in its first position; the
positions it covers are empty and reported as a merged range, as a spreadsheet reports them. A cell
of several paragraphs is one text with a line break between them."""

from __future__ import annotations

from functools import partial
from typing import Any

from .problems import TableError
from .sheets import Merge, Row, Sheet, Workbook
from .xlsx import OLE2, ZIP, encrypted, look_into_zip, reason_of


def open_docx(path: str, file: str) -> Workbook:
    with open(path, "rb") as handle:
        head = handle.read(8)
        if head == OLE2:
            raise TableError.at(file, "tables.encrypted_doc" if encrypted(handle) else "tables.old_doc")
    if not head.startswith(ZIP):
        raise TableError.at(file, "tables.not_docx")
    look_into_zip(path, file, "word/document.xml", "tables.not_docx")
    try:
        import docx  # the `tables` extra
    except ImportError:
        raise TableError.at(None, "tables.needs_extra", extra="tables", package="python-docx") from None
    try:
        document = docx.Document(path)
        grids = [_grid(table) for table in document.tables]
    except Exception as error:  # python-docx raises what its zip and XML parsers raise
        raise TableError.at(file, "tables.corrupt", reason=reason_of(error)) from None
    sheets = [
        Sheet(f"表{n}", partial(iter, rows), partial(list, merges)) for n, (rows, merges) in enumerate(grids, start=1)
    ]
    if not sheets:
        raise TableError.at(file, "tables.no_tables")
    return Workbook(file, path, "docx", sheets)


def _grid(table: Any) -> tuple[list[Row], list[Merge]]:
    """The table's rows, each merged cell's text at its first position only, and its merged ranges."""
    # a cell's XML element -> [first row, first col, last row, last col]; the dict holds the element,
    # so python-docx hands back the same one for every position a merged cell covers
    seen: dict[Any, list[int]] = {}
    rows: list[Row] = []
    for r, row in enumerate(table.rows, start=1):
        texts = []
        for c, cell in enumerate(row.cells, start=1):
            key = cell._tc
            if key in seen:
                box = seen[key]
                box[2], box[3] = max(box[2], r), max(box[3], c)
                texts.append("")
            else:
                seen[key] = [r, c, r, c]
                texts.append("\n".join(p.text for p in cell.paragraphs))
        rows.append((r, tuple(texts)))
    merges = [(a, b, c, d) for a, b, c, d in seen.values() if (a, b) != (c, d)]
    return rows, sorted(merges)
