"""A sheet's rows read under a mapping: the header found and each field bound to its column, then
every row either an item's record (its fields, and the cell each came from) or a row kept as it
stands — a title above the header, the header, a section title, a note, an empty row — so that the
table can be written back whole. Rows stream through; only the merged ranges open at a row are held."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..cells import CellRef
from ..messages.core import Listed, Quoted, Term
from .mapping import HEADER_SCAN, MANY, Mapping, normal
from .problems import TableError
from .sheets import Merge, Row, Sheet


@dataclass
class Kept:
    """A row that is no item: `kind` is title, header, section, skip or empty."""

    row: int
    cells: tuple[str, ...]
    kind: str


@dataclass
class Record:
    row: int
    cells: tuple[str, ...]  # as published: a merged cell's text only at its first position
    fields: dict[str, str | list[str]] = field(default_factory=dict)
    where: dict[str, CellRef] = field(default_factory=dict)  # field -> the cell its value came from


@dataclass
class Layout:
    """How one sheet is read: its header row(s) and the column of each field."""

    header: int  # the header's (last) row number; 0: none
    columns: dict[str, int]  # field -> column number
    titles: dict[int, str]  # column number -> its header text, as published
    first: int = 0  # the header's first row (a header may take several)


def read(
    sheet: Sheet, mapping: Mapping, file: str, problems: list[TableError]
) -> tuple[Layout, Iterator[Record | Kept]]:
    """How the sheet is laid out (found from its first rows, now), and its rows under `mapping`, as
    they are read; a bad cell adds to `problems` and its row is still read."""
    rows = sheet.rows()
    head = list(itertools.islice(rows, (mapping.header_row or 0) + HEADER_SCAN))
    layout = _layout(head, mapping, CellRef(file, sheet.name, 1, 1))
    return layout, _rows(itertools.chain(head, rows), sheet, layout, mapping, file, problems)


def _rows(
    rows: Iterator[Row], sheet: Sheet, layout: Layout, mapping: Mapping, file: str, problems: list[TableError]
) -> Iterator[Record | Kept]:
    merges = _Merges(sheet.merges())
    sets = _sheet_sets(sheet.name, mapping)
    section: dict[str, str] = {}
    section_where: dict[str, CellRef] = {}
    carried: dict[str, tuple[str, CellRef]] = {}  # field -> the last text of a `carry` column, and its cell
    for number, cells in rows:
        filled = merges.fill(number, cells)  # kept up with whatever `merged` says: titles read the ranges
        if mapping.merged != "fill":
            filled = cells
        if number <= layout.header:
            yield Kept(number, cells, "title" if number < layout.first else "header")
            continue
        texts = [(c, t) for c, t in enumerate(cells, start=1) if t.strip()]
        if not texts:
            yield Kept(number, cells, "empty")
            continue
        if any(p.search(texts[0][1].strip()) for p in mapping.skip):
            yield Kept(number, cells, "skip")
            continue
        if len(texts) == 1 and _is_title(texts[0], number, layout, mapping, merges):
            column, text = texts[0]
            for rule in mapping.sections:
                found = rule.pattern.search(text.strip())
                if found:
                    groups = {k: (v or "").strip() for k, v in found.groupdict().items()}
                    if "list" in rule.sets:  # a new list: what the titles above it gave ends there
                        section.clear()
                        section_where.clear()
                    for key, template in rule.sets.items():
                        section[key] = template.format(**groups)
                        section_where[key] = CellRef(file, sheet.name, number, column)
                    break
            carried.clear()  # a section starts afresh
            yield Kept(number, cells, "section")
            continue
        record = _record(
            number,
            cells,
            filled,
            layout,
            mapping,
            {**sets, **section},
            section_where,
            carried,
            file,
            sheet.name,
            problems,
        )
        if mapping.merged == "fill":  # a value from a merged range is where its text is: the range's first cell
            for name, where in record.where.items():
                if where.row == number:
                    top, left = merges.origin(number, where.column)
                    record.where[name] = CellRef(file, sheet.name, top, left)
        yield record


def _record(
    number: int,
    cells: tuple[str, ...],
    filled: tuple[str, ...],
    layout: Layout,
    mapping: Mapping,
    given: dict[str, str],
    given_where: dict[str, CellRef],
    carried: dict[str, tuple[str, CellRef]],
    file: str,
    sheet: str,
    problems: list[TableError],
) -> Record:
    record = Record(number, cells)
    record.fields.update(mapping.defaults)
    record.fields.update(given)
    record.where.update({k: v for k, v in given_where.items() if k in given})
    for name, column in layout.columns.items():
        rule = mapping.columns[name]
        where = CellRef(file, sheet, number, column)
        text = filled[column - 1].strip() if column <= len(filled) else ""
        if rule.carry:
            if text:
                carried[name] = (text, where)
            elif name in carried:
                text, where = carried[name]
        if text and rule.lines != "keep":
            parts = [line.strip() for line in text.splitlines() if line.strip()]
            text = "".join(parts) if rule.lines == "join" else parts[0]
        if not text:
            if rule.required:
                problems.append(TableError.at(where, "tables.empty_required", field=Term("term.import_field", name)))
            continue
        if rule.values is not None:
            value = rule.values.get(normal(text))
            if value is None:
                problems.append(
                    TableError.at(
                        where,
                        "tables.unknown_value",
                        field=Term("term.import_field", name),
                        text=Quoted((text,)),
                        known=Listed(tuple(rule.values)),
                    )
                )
                continue
            text = value
        record.fields[name] = [p.strip() for p in rule.split.split(text) if p.strip()] if name in MANY else text
        record.where[name] = where
    return record


def _is_title(only: tuple[int, str], number: int, layout: Layout, mapping: Mapping, merges: _Merges) -> bool:
    """A row holding one text is a section title when a section rule matches it, when its cell is
    merged across columns, or when it stands in the table's first column (where titles such as
    二、平安建设 are written) and that is not the name column. Any other row is an item's, and an item
    with no name is said to be one."""
    column, text = only
    if any(rule.pattern.search(text.strip()) for rule in mapping.sections):
        return True
    first = min((c for c, t in layout.titles.items() if t.strip()), default=1)
    return merges.wide(number, column) or (column == first and column != layout.columns.get("name"))


def _sheet_sets(name: str, mapping: Mapping) -> dict[str, str]:
    for rule in mapping.sheets:
        found = rule.pattern.search(name)
        if found:
            groups = {k: (v or "").strip() for k, v in found.groupdict().items()}
            return {k: t.format(**groups) for k, t in rule.sets.items()}
    return {}


def _layout(head: list[Row], mapping: Mapping, at: CellRef) -> Layout:
    """The header row (the first holding a header of the name column, or all of `header.contains`;
    or the row the mapping names), extended over the rows right under it that name columns too (a
    header of two rows: 处置时限 under 任务处理阶段), and the column each field is read from."""
    wanted = mapping.header_contains or mapping.columns["name"].headers
    first: int | None = mapping.header_row
    if first is None:
        for row, cells in head:
            present = {normal(c) for c in cells}
            if (all if mapping.header_contains else any)(w in present for w in wanted):
                first = row
                break
    if first is None:
        if all(rule.letter for rule in mapping.columns.values() if rule.required):
            return Layout(0, _letters(mapping, every=True), {})  # every column named by its letter: no header needed
        if not any(any(c.strip() for c in cells) for _, cells in head):
            raise TableError.at(at.table, "tables.empty_table")
        raise TableError.at(at.table, "tables.no_header", wanted=Listed(wanted), n=len(head))
    by_row = dict(head)
    layers = [by_row.get(first, ())]
    columns = _bind(layers, mapping)
    last = first
    headers = {h for rule in mapping.columns.values() for h in rule.headers}
    while (under := by_row.get(last + 1)) is not None and _names_columns(under, headers, columns.get("name")):
        last += 1
        layers.append(under)
        columns = _bind(layers, mapping)
    for name, rule in mapping.columns.items():
        if name not in columns and rule.required:
            raise TableError.at(
                CellRef(at.file, at.sheet, first, 1),
                "tables.no_column",
                field=Term("term.import_field", name),
                wanted=Listed(rule.headers),
            )
    width = max(len(layer) for layer in layers)
    titles = {}
    for column in range(1, width + 1):
        texts = [layer[column - 1] for layer in layers if column <= len(layer) and layer[column - 1].strip()]
        titles[column] = texts[-1] if texts else ""  # the lowest header names the column most closely
    return Layout(last, columns, titles, first)


def _names_columns(cells: tuple[str, ...], headers: set[str], name_column: int | None) -> bool:
    """A row under the header still names columns: it holds a header the mapping knows, and no name."""
    if name_column is not None and name_column <= len(cells) and cells[name_column - 1].strip():
        return False
    return any(normal(c) in headers for c in cells if c.strip())


def _bind(layers: list[tuple[str, ...]], mapping: Mapping) -> dict[str, int]:
    """Field -> column: a column given by letter, else the first of the field's headers found in any
    header row (its first spelling first)."""
    columns = _letters(mapping)
    for name, rule in mapping.columns.items():
        if name in columns:
            continue
        for header in rule.headers:
            found = next(
                (
                    c
                    for layer in layers
                    for c, t in enumerate(layer, start=1)
                    if normal(t) == header and c not in columns.values()
                ),
                None,
            )
            if found is not None:
                columns[name] = found
                break
    return columns


def _letters(mapping: Mapping, every: bool = False) -> dict[str, int]:
    """The columns the mapping names by letter alone; `every`: by letter also where it names headers
    (the letter then serves a table printed without a header)."""
    from ..cells import column_number

    return {
        name: column_number(rule.letter)
        for name, rule in mapping.columns.items()
        if rule.letter and (every or not rule.headers)
    }


class _Merges:
    """The merged ranges open at the row being read: a covered position takes the text of its range's
    first cell (`fill`); `wide` says whether a cell is merged across columns."""

    def __init__(self, merges: list[Merge]):
        self.pending = sorted(merges)
        self.open: list[tuple[Merge, str]] = []
        self.next = 0

    def origin(self, number: int, column: int) -> tuple[int, int]:
        """The cell whose text a position shows: its merged range's first cell, or itself."""
        for (top, left, bottom, right), _ in self.open:
            if top <= number <= bottom and left <= column <= right:
                return top, left
        return number, column

    def fill(self, number: int, cells: tuple[str, ...]) -> tuple[str, ...]:
        while self.next < len(self.pending) and self.pending[self.next][0] <= number:
            merge = self.pending[self.next]
            text = cells[merge[1] - 1] if merge[0] == number and merge[1] <= len(cells) else ""
            self.open.append((merge, text))
            self.next += 1
        self.open = [(m, t) for m, t in self.open if m[2] >= number]
        if not self.open:
            return cells
        out = list(cells)
        for (top, left, _bottom, right), text in self.open:
            for column in range(left, right + 1):
                if (number, column) != (top, left):
                    while len(out) < column:
                        out.append("")
                    out[column - 1] = text
        return tuple(out)

    def wide(self, number: int, column: int) -> bool:
        return any(m[0] <= number <= m[2] and m[1] == column and m[3] > m[1] for m, _ in self.open)
