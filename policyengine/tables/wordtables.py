"""Reading the tables of a `.docx` document with python-docx. The N-th table is sheet `表N`. A merged
cell (across columns, `gridSpan`, or down rows, `vMerge`) holds its text in its first position; the
positions it covers are empty and reported as a merged range, as a spreadsheet reports them. A cell
of several paragraphs is one text with a line break between them. Tables, rows, cells and text inside
content controls or tracked insertions are read; deleted and moved-away text is not."""

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
    look_into_zip(path, file, "word/", "tables.not_docx")
    try:
        import docx  # the `tables` extra
    except ImportError:
        raise TableError.at(None, "tables.needs_extra", extra="tables", package="python-docx") from None
    try:
        document = docx.Document(path)
        # the body's tables, those inside a content control too (python-docx's `tables` leaves them out)
        grids = [_grid(table) for table in _children(document.element.body, "tbl")]
    except Exception as error:  # python-docx raises what its zip and XML parsers raise
        raise TableError.at(file, "tables.corrupt", reason=reason_of(error)) from None
    sheets = [
        Sheet(f"表{n}", partial(iter, rows), partial(list, merges)) for n, (rows, merges) in enumerate(grids, start=1)
    ]
    if not sheets:
        raise TableError.at(file, "tables.no_tables")
    return Workbook(file, path, "docx", sheets)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# elements that only wrap rows, cells or runs: a content control (`sdt`), custom XML, a tracked
# insertion or move, a hyperlink, a simple field, a smart tag; their content is read as if unwrapped
_WRAPS = {f"{_W}{t}" for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "hyperlink", "fldSimple", "smartTag")}
# what is not the text as it reads: deleted or moved-away runs, text boxes, properties
_SKIPPED = {f"{_W}{t}" for t in ("del", "moveFrom", "txbxContent", "sdtPr", "pPr", "rPr", "tcPr", "trPr", "tblPr")}


def _grid(tbl: Any) -> tuple[list[Row], list[Merge]]:
    """The table's rows, each merged cell's text at its first position only, and its merged ranges.
    Read from the table's XML: python-docx leaves out rows and cells inside a content control and
    text inside a tracked insertion, which would drop rows and shift columns unsaid."""
    merges: list[list[int]] = []
    above: dict[int, list[int]] = {}  # grid column -> the merged range open down from the row above
    rows: list[Row] = []
    for r, tr in enumerate(_children(tbl, "tr"), start=1):
        texts: list[str] = []
        props = tr.find(f"{_W}trPr")
        before = props.find(f"{_W}gridBefore") if props is not None else None
        texts += [""] * _number(before, 0)
        for tc in _children(tr, "tc"):
            c = len(texts) + 1
            props = tc.find(f"{_W}tcPr")
            span = max(_number(props.find(f"{_W}gridSpan") if props is not None else None, 1), 1)
            vmerge = props.find(f"{_W}vMerge") if props is not None else None
            texts += [""] * span
            box = above.get(c)
            if vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue" and box is not None:
                box[2] = r  # the cell continues the one above: its text is the first cell's
                continue
            texts[c - 1] = "\n".join(_text(p) for p in _children(tc, "p"))
            box = [r, c, r, c + span - 1]
            merges.append(box)
            for column in range(c, c + span):
                above[column] = box
        rows.append((r, tuple(texts)))
    return rows, sorted((a, b, c, d) for a, b, c, d in merges if (a, b) != (c, d))


def _children(parent: Any, tag: str) -> list[Any]:
    """The `tag` elements under `parent`, through the elements that only wrap them."""
    found = []
    for child in parent:
        if child.tag == f"{_W}{tag}":
            found.append(child)
        elif child.tag in _WRAPS:
            found += _children(child, tag)
    return found


def _text(paragraph: Any) -> str:
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr") and child.get(f"{_W}type", "textWrapping") == "textWrapping":
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _number(element: Any, default: int) -> int:
    try:
        return int(element.get(f"{_W}val")) if element is not None else default
    except (TypeError, ValueError):
        return default
