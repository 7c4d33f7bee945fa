"""Reading `.xlsx` workbooks with openpyxl, in read-only mode: rows stream from the file, so memory
stays flat however long the sheet. Before openpyxl sees the file it is looked at: an encrypted
(password-protected) workbook or an old `.xls` is an OLE2 file, not a zip; a zip whose parts would
inflate beyond a bound is refused unopened. Formulas are never evaluated: the value Excel saved with
the file is read, and a formula saved without one is reported."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from functools import cache
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from .problems import TableError
from .sheets import Merge, Row, Sheet, Workbook, cell_text

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted OOXML file, or an Excel 97-2003 .xls
ZIP = b"PK\x03\x04"
MAX_UNPACKED = 1 << 30  # what all the parts of one workbook may inflate to
BIG_PART = 16 << 20  # a part this large must not inflate more than MAX_RATIO times its packed size
MAX_RATIO = 100  # sheets of text pack ten to thirty times; a zip bomb thousands
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHOWN_FORMULAS = 5  # the addresses of formulas with no saved value named in the note


def open_xlsx(path: str, file: str) -> Workbook:
    main = _look(path, file)
    try:
        import openpyxl  # the `tables` extra
    except ImportError:
        raise TableError.at(None, "tables.needs_extra", extra="tables", package="openpyxl") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises what its parsers raise on a damaged file
        raise TableError.at(file, "tables.corrupt", reason=reason_of(error)) from None
    lost = _lost_sheets(path, main, book.sheetnames)
    if lost:
        raise TableError.at(f"{file}!{lost[0]}", "tables.sheet_missing", sheet=lost[0])
    sheets = []
    for ws in book.worksheets:
        hidden = getattr(ws, "sheet_state", "visible") != "visible"
        sheets.append(Sheet(ws.title, _reader(ws, file), _merges(book, ws, file), hidden))
    return Workbook(file, path, "xlsx", sheets)


def _look(path: str, file: str) -> str:
    with open(path, "rb") as handle:
        head = handle.read(8)
        if head == OLE2:
            key = "tables.encrypted" if encrypted(handle) else "tables.old_xls"
            raise TableError.at(file, key)
    if not head.startswith(ZIP):
        raise TableError.at(file, "tables.not_xlsx")
    return look_into_zip(path, file, "xl/", "tables.not_xlsx")


def _lost_sheets(path: str, main: str, found: list[str]) -> list[str]:
    """The sheets the workbook lists whose part the file lacks: openpyxl leaves them out unsaid."""
    with zipfile.ZipFile(path) as archive, archive.open(main) as source:
        listed = [e.get("name", "") for _, e in iterparse(source) if e.tag == f"{_NS}sheet"]
    return [name for name in listed if name not in found]


def encrypted(handle: Any) -> bool:
    """Whether an OLE2 file holds an encrypted workbook or document: its directory names an
    `EncryptionInfo` stream (an `.xls` names `Workbook`, a `.doc` `WordDocument`). The directory's
    first sector, where the header says it is, is read as well as the file's first MiB: in a large
    file the directory may come after the data."""
    name = "EncryptionInfo".encode("utf-16-le")
    handle.seek(0)
    head = handle.read(1 << 20)
    if name in head:
        return True
    if len(head) < 0x34:
        return False
    size = 1 << int.from_bytes(head[0x1E:0x20], "little")  # the sector size: 512 or 4096
    first = int.from_bytes(head[0x30:0x34], "little")  # the directory's first sector
    if not 7 <= size.bit_length() - 1 <= 16 or first >= 0xFFFFFFFA:
        return False
    handle.seek((first + 1) * size)
    return name in handle.read(size)


def look_into_zip(path: str, file: str, folder: str, other_kind: str) -> str:
    """Refuse a zip (a workbook, a Word document) that is damaged, whose main part (named in
    `_rels/.rels`) is missing or not under `folder`, or that would inflate beyond the bounds, from
    its directory alone, before a reader inflates a part (python-docx holds a whole part in memory).
    The main part's name: `xl/workbook.xml` or `word/document.xml` as a rule, not always."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            main = _main_part(archive)
    except (zipfile.BadZipFile, OSError, ValueError, ParseError) as error:
        raise TableError.at(file, "tables.corrupt", reason=reason_of(error)) from None
    if main is None or not main.startswith(folder) or main not in {part.filename for part in parts}:
        raise TableError.at(file, other_kind)
    total = sum(part.file_size for part in parts)
    for part in parts:
        if part.file_size > BIG_PART and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise TableError.at(file, "tables.bomb", part=part.filename, size=part.file_size, packed=part.compress_size)
    if total > MAX_UNPACKED:
        raise TableError.at(file, "tables.too_big", size=total, limit=MAX_UNPACKED)
    return main


def _main_part(archive: zipfile.ZipFile) -> str | None:
    try:
        with archive.open("_rels/.rels") as source:
            for _, element in iterparse(source):
                if element.get("Type", "").endswith("/officeDocument"):
                    return element.get("Target", "").lstrip("/")
    except KeyError:  # no such part: not an Office file
        pass
    return None


def _reader(ws: Any, file: str) -> Any:
    def rows() -> Iterator[Row]:
        ws.reset_dimensions()  # a dimension written wrong would cut rows off or pad them
        try:
            for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
                yield number, tuple(_text(v) for v in values)
        except TableError:
            raise
        except Exception as error:  # a damaged sheet part fails in the middle of its rows
            raise TableError.at(f"{file}!{ws.title}", "tables.corrupt", reason=reason_of(error)) from None

    return rows


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _text(value: Any) -> str:
    """A cell's text as Excel shows it. Excel writes a character XML cannot carry as `_xHHHH_` (a
    carriage return as `_x000D_`, a literal `_x` as `_x005F_x`), which openpyxl leaves as it is."""
    text = cell_text(value)
    if isinstance(value, str) and "_x" in text:
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _merges(book: Any, ws: Any, file: str) -> Any:
    """The merged ranges, and formulas saved without a value, read from the sheet's XML before its
    rows: the ranges come after the rows in the file, and the reader needs them first. The sheet's
    XML is read once: the ranges are asked for again when the table entry is written."""

    @cache
    def scan() -> list[Merge]:
        found: list[Merge] = []
        missing: list[str] = []
        # openpyxl keeps the open archive and the part's name; read-only mode has no public way to them
        archive, part = getattr(book, "_archive", None), getattr(ws, "_worksheet_path", None)
        if archive is None or part is None:
            return found
        try:
            with archive.open(part) as source:
                for _, element in iterparse(source):
                    tag = element.tag
                    if tag == f"{_NS}mergeCell":
                        found.append(_range(element.get("ref", "")))
                    elif tag == f"{_NS}c":
                        if element.find(f"{_NS}f") is not None and _no_value(element):
                            missing.append(element.get("r", "?"))
                        element.clear()
                    elif tag == f"{_NS}row":
                        element.clear()
        except Exception as error:  # the XML parser's errors on a damaged part
            raise TableError.at(f"{file}!{ws.title}", "tables.corrupt", reason=reason_of(error)) from None
        if missing:
            shown = "、".join(missing[:_SHOWN_FORMULAS]) + ("…" if len(missing) > _SHOWN_FORMULAS else "")
            raise TableError.at(f"{file}!{ws.title}", "tables.formula_no_value", n=len(missing), cells=shown)
        return [m for m in found if m[0] > 0]

    return scan


def _no_value(cell: Any) -> bool:
    """A formula cell saved without the value it calculates: no `<v>`, or an empty one. Excel saves
    a formula that yields an empty text (`=IF(A2="","",…)`) as a text cell with an empty `<v>`."""
    value = cell.find(f"{_NS}v")
    if value is None:
        return True
    return not value.text and cell.get("t") != "str"


def _range(ref: str) -> Merge:
    from ..cells import parse_address

    first, _, last = ref.partition(":")
    a, b = parse_address(first), parse_address(last or first)
    if a is None or b is None:
        return (0, 0, 0, 0)
    return (a[0], a[1], b[0], b[1])


def reason_of(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:200]}" if text else type(error).__name__


__all__ = ["encrypted", "look_into_zip", "open_xlsx", "reason_of"]
