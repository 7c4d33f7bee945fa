"""Reading CSV files: UTF-8, UTF-8 with a byte-order mark, or GB18030 (which contains GBK and
GB2312), told apart by decoding, and said. The file is read twice in chunks — once to tell the
encoding, once for the rows — so its length does not matter.

A file in another encoding (Big5, Shift-JIS, Latin-1 …) usually fails both decodings; when it
happens to decode as GB18030, its Chinese characters fall mostly outside GB2312, which plain
Chinese text does not: that is refused too, with the position of the first such character."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator

from ..messages.core import Term, msg
from .problems import TableError
from .sheets import Row, Sheet, Workbook

ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "gb18030": "GB18030"}
DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon"}
_CHUNK = 1 << 16
_BLANK_LINES = 30  # blank lines looked past for the first line of a file
_COMMON_SHARE = 0.8  # of the Han characters of a GB18030 file at least this share must be in GB2312


def open_csv(path: str, file: str, encoding: str | None = None) -> Workbook:
    name = encoding or _detect(path, file)
    if encoding:
        _decodes(path, encoding, file, named=True)
    said = ENCODINGS.get(name, name)
    delimiter = _delimiter(path, name)
    sheet = Sheet("", lambda: _rows(path, name, file, delimiter))
    note = Term("term.encoding", "named" if encoding else "detected")
    notes = [msg("tables.encoding", file=file, encoding=said, how=note)]
    if delimiter != ",":
        notes.append(msg("tables.delimiter", file=file, delimiter=Term("term.delimiter", DELIMITERS[delimiter])))
    return Workbook(file, path, "csv", [sheet], notes)


def _delimiter(path: str, encoding: str) -> str:
    """The character between cells: a comma, or the tab Excel writes in a `Text (Tab delimited)`
    file, or the semicolon it writes where a comma is the decimal mark; told by the first line that
    is not blank (a title row too holds the separators of its empty cells), said when not a comma.
    Lines under it are not looked at: a cell's text may hold a semicolon."""
    with open(path, encoding=encoding, newline="") as handle:
        line = next((t for t in itertools.islice(handle, _BLANK_LINES) if t.strip()), "")
    counts = {d: line.count(d) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])  # a tie (none of them) goes to the comma, listed first


def _detect(path: str, file: str) -> str:
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        _decodes(path, "utf-8-sig", file, named=False)
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TableError.at(file, "tables.utf16")
    first = _first_bad(path, "utf-8")
    if first is None:
        return "utf-8"
    if _first_bad(path, "gb18030") is None:
        _common_chinese(path, file)
        return "gb18030"
    if _utf16(path):
        raise TableError.at(file, "tables.utf16")
    line, column, byte = first
    raise TableError.at(f"{file}:{line}:{column}", "tables.encoding_unknown", byte=byte)


def _decodes(path: str, encoding: str, file: str, named: bool) -> None:
    try:
        bad = _first_bad(path, encoding)
    except LookupError:
        raise TableError.at(None, "tables.no_such_encoding", encoding=encoding) from None
    if bad is not None:
        line, column, byte = bad
        raise TableError.at(f"{file}:{line}:{column}", "tables.not_in_encoding", encoding=encoding, byte=byte)


def _first_bad(path: str, encoding: str) -> tuple[int, int, int] | None:
    """Where the file stops decoding in `encoding`: line, column (in characters) and the byte;
    None when it decodes whole. A NUL stops it too: no text file holds one, a UTF-16 file without a
    byte-order mark, or a file that is no text, is full of them."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line, column = 1, 1

    def past(text: str) -> None:
        nonlocal line, column
        line += text.count("\n")
        column = (len(text) - text.rfind("\n")) if "\n" in text else column + len(text)

    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(_CHUNK)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                decoded = codecs.decode(error.object[: error.start], encoding, "replace")
                past(decoded.partition("\x00")[0])
                return line, column, 0 if "\x00" in decoded else error.object[error.start]
            if "\x00" in text:
                past(text.partition("\x00")[0])
                return line, column, 0
            past(text)
            if not chunk:
                return None


def _utf16(path: str) -> bool:
    """Whether the file looks like UTF-16 written without a byte-order mark: its NUL bytes (the high
    byte of every ASCII character) all at even or all at odd offsets."""
    with open(path, "rb") as handle:
        head = handle.read(_CHUNK)
    even, odd = head[0::2].count(0), head[1::2].count(0)
    # a table has some ASCII (digits, commas, line ends): at least one character in sixteen
    return max(even, odd) >= max(4, len(head) // 32) and min(even, odd) <= max(even, odd) // 20


def _common_chinese(path: str, file: str) -> None:
    han = common = 0
    line, column = 1, 1
    first: tuple[int, int] | None = None
    with open(path, encoding="gb18030", newline="") as handle:
        while text := handle.read(_CHUNK):
            for char in text:
                if char == "\n":
                    line, column = line + 1, 1
                    continue
                if "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0003ffff":
                    han += 1
                    try:
                        char.encode("gb2312")
                        common += 1
                    except UnicodeEncodeError:
                        first = first or (line, column)
                column += 1
    if han and common < _COMMON_SHARE * han and first is not None:
        raise TableError.at(f"{file}:{first[0]}:{first[1]}", "tables.not_chinese", share=round(100 * common / han))


def _rows(path: str, encoding: str, file: str, delimiter: str = ",") -> Iterator[Row]:
    with open(path, "rb") as raw:
        lines: list[str] = []  # the lines of the record being read: where its quotes open is told from them
        reader = csv.reader(_kept(io.TextIOWrapper(raw, encoding=encoding, newline=""), lines), delimiter=delimiter)
        start = 1  # the line the record being read starts on
        last: tuple[int, list[str]] = (1, [])  # the last record read: its first line and its lines
        try:
            # a row's number is the record's, as a spreadsheet opening the file numbers it (a quoted
            # cell may run over several lines)
            for number, cells in enumerate(reader, start=1):
                last = (start, lines[:])
                lines.clear()
                yield number, tuple(cells)
                start = reader.line_num + 1
        except csv.Error as error:
            # most often a quote never closed, the rest of the file read into one cell till it is too long
            _closed(lines, start, file, delimiter)
            raise TableError.at(f"{file}:{start}", "tables.csv_error", reason=str(error)) from None
    # csv reads a quote left open at the end of the file as a cell holding all the lines after it
    _closed(last[1], last[0], file, delimiter)


def _kept(text: Iterator[str], lines: list[str]) -> Iterator[str]:
    for line in text:
        lines.append(line)
        yield line


def _closed(lines: list[str], first: int, file: str, delimiter: str) -> None:
    """Refuse a record whose last cell opens a quote that is never closed, at that quote. The states
    are csv's: a quote opens a cell only at its start, and a doubled quote inside one is a quote."""
    state, at = "start", (first, 1)
    for n, line in enumerate(lines):
        for column, char in enumerate(line, start=1):
            if state == "quoted":
                if char == '"':
                    state = "quote"  # the closing quote, or the first of a doubled one
            elif state == "quote" and char == '"':
                state = "quoted"
            elif char in (delimiter, "\r", "\n"):
                state = "start"
            elif state == "start" and char == '"':
                state, at = "quoted", (first + n, column)
            else:
                state = "field"
    if state == "quoted":
        raise TableError.at(f"{file}:{at[0]}:{at[1]}", "tables.csv_open_quote")
