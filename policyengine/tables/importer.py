"""`policyengine import`: tables in, policy YAML out. Every table is read, every bad cell found and
said, and only then — when there is none — the policy file is written, whole (`atomic`)."""

from __future__ import annotations

import itertools
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_chunks
from ..cells import CellRef, letters
from ..errors import InputError
from ..inputs import FILE, stat_input
from ..loader import load_text, read_source
from ..messages.core import Joined, Listed, Message, Term, msg
from ..yamlnodes import YMap
from . import emit
from .declare import Declarer, Known, make_id
from .guess import guess
from .mapping import Mapping, load_mapping, load_preset, said_mapping
from .problems import TableError, TableErrors
from .rows import Kept, Layout, read
from .sheets import Sheet, Workbook
from .spools import ListSpools

READERS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".txt": "csv", ".docx": "docx"}
OLD = {".xls": "tables.old_xls", ".doc": "tables.old_doc"}


@dataclass
class Imported:
    output: str
    items: int = 0
    tables: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # units, categories, lists, tiers declared
    notes: list[Message] = field(default_factory=list)


def open_table(path: str, encoding: str | None = None) -> Workbook:
    stat_input(path, FILE)
    file, suffix = Path(path).name, Path(path).suffix.lower()
    if suffix in OLD:
        raise TableError.at(file, OLD[suffix])
    kind = READERS.get(suffix)
    if kind == "xlsx":
        from .xlsx import open_xlsx

        return open_xlsx(path, file)
    if kind == "docx":
        from .wordtables import open_docx

        return open_docx(path, file)
    if kind == "csv":
        from .csvfile import open_csv

        return open_csv(path, file, encoding)
    raise TableError.at(file, "tables.unknown_suffix", suffix=suffix or "-", known=Listed(tuple(READERS)))


def output_path(paths: list[str], out_dir: str) -> Path:
    return Path(out_dir) / f"{make_id(Path(paths[0]).stem, 'imported', limit=200)}.yaml"


def run(
    paths: list[str],
    out_dir: str,
    mapping_file: str | None,
    preset: str | None,
    encoding: str | None,
    sheets: tuple[str, ...],
) -> Imported:
    books = [open_table(p, encoding) for p in paths]
    target = output_path(paths, out_dir)
    if target.is_file() and not target.read_bytes().startswith(emit.HEADER[:30].encode("utf-8")):
        raise TableError.at(str(target), "tables.not_ours")
    known = existing(out_dir, target)
    fixed = load_mapping(mapping_file) if mapping_file else load_preset(preset) if preset else None
    result = Imported(str(target))
    problems: list[TableError] = []
    tiers: dict[str, dict[str, Any]] = {}
    tables: list[dict[str, Any]] = []
    lists: dict[str, dict[str, Any]] = {}
    units: dict[str, dict[str, Any]] = {}
    categories: dict[str, dict[str, Any]] = {}
    with ExitStack() as stack:
        spool = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
        spools = ListSpools(stack)
        for book in books:
            result.notes.extend(book.notes)
            mapping = fixed
            if mapping is None:
                mapping, said = guess(book)
                result.notes.append(said)
            for tier in mapping.tiers:
                if tier["id"] not in known.tiers:
                    tiers.setdefault(tier["id"], tier)
            known.tiers |= {t["id"] for t in mapping.tiers}
            declarer = Declarer(mapping, known, problems, spools)
            chosen = _chosen(book, sheets, result.notes)
            for sheet in chosen:
                try:
                    tables.append(_sheet(book, sheet, mapping, declarer, spool, problems, result))
                except TableError as error:
                    if error.message.key != "tables.no_header" or len(chosen) == 1 or sheets:
                        raise
                    # a workbook's other sheet (a cover, an explanation): said, not read
                    result.notes.append(msg("tables.sheet_not_read", table=str(error.where), reason=error.message))
            for key in declarer.declared.lists:
                spec = mapping.lists[key]
                entry = lists.setdefault(key, {"id": key, **({"name": spec["name"]} if "name" in spec else {})})
                entry.setdefault("tier", spec.get("tier") or mapping.defaults.get("tier", ""))
                entry.setdefault("kind", spec["kind"])
            units.update(declarer.declared.units)
            categories.update(declarer.declared.categories)
            known.units.update({u["name"]["zh"]: u["id"] for u in declarer.declared.units.values()})
        if problems:
            raise TableErrors(problems)
        if not tables:
            raise TableError.at(None, "tables.nothing_read")
        head = [
            ("tiers", list(tiers.values())),
            ("units", list(units.values())),
            ("categories", list(categories.values())),
        ]
        mapping_said = ", ".join(dict.fromkeys(t["mapping"] for t in tables))
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        chunks = emit.document(
            "、".join(b.file for b in books), mapping_said, head, spool, list(lists.values()), spools
        )
        write_chunks(target, itertools.chain(chunks, [emit.section("tables", tables).encode("utf-8")]))
    result.counts = {"tiers": len(tiers), "units": len(units), "categories": len(categories), "lists": len(lists)}
    result.tables = len(tables)
    return result


def _chosen(book: Workbook, named: tuple[str, ...], notes: list[Message]) -> list[Sheet]:
    if named and book.kind == "csv":
        notes.append(msg("tables.csv_no_sheets", file=book.file))
    if named and book.kind != "csv":
        by_name = {s.name: s for s in book.sheets}
        missing = [n for n in named if n not in by_name]
        if missing:
            raise TableError.at(book.file, "tables.no_sheet", sheet=missing[0], sheets=Listed(tuple(by_name)))
        return [by_name[n] for n in named]
    for sheet in book.sheets:
        if sheet.hidden:
            notes.append(msg("tables.hidden_sheet", file=book.file, sheet=sheet.name))
    return [s for s in book.sheets if not s.hidden]


def _sheet(
    book: Workbook,
    sheet: Sheet,
    mapping: Mapping,
    declarer: Declarer,
    spool: Any,
    problems: list[TableError],
    result: Imported,
) -> dict[str, Any]:
    """Read one sheet: its items spooled as YAML, and the table entry that lets it be written back."""
    layout, rows = read(sheet, mapping, book.file, problems)
    result.notes.append(_bound(book, sheet, mapping, layout))
    kept: list[dict[str, Any]] = []
    for row in rows:
        if isinstance(row, Kept):
            cells = {letters(c): t for c, t in enumerate(row.cells, start=1) if t.strip()}
            if cells:
                kept.append({"row": row.row, "cells": cells})
            continue
        column = row.where["name"].column if "name" in row.where else 1
        item = declarer.item(row, CellRef(book.file, sheet.name, row.row, column))
        if item is not None:
            spool.write(emit.dump([item]))
            result.items += 1
    stem = Path(book.file).stem
    table: dict[str, Any] = {"id": make_id(f"{stem}_{sheet.name}" if sheet.name else stem, "table")}
    table.update({"file": book.file, "sheet": sheet.name, "header": max(layout.header, 0)})
    table["columns"] = {letters(c): t for c, t in layout.titles.items() if t.strip()}
    table["rows"] = kept
    merged = [f"{letters(b)}{a}:{letters(d)}{c}" for a, b, c, d in sorted(sheet.merges())]
    if merged:
        table["merged"] = merged
    table["mapping"] = mapping.where
    return table


def _bound(book: Workbook, sheet: Sheet, mapping: Mapping, layout: Layout) -> Message:
    """Which column each field was read from: said for every sheet, the preset's choice as a guess's."""
    bound = tuple(
        msg(
            "tables.bound",
            header=(layout.titles.get(c, "") or letters(c)).replace("\n", ""),
            column=letters(c),
            field=Term("term.import_field", f),
        )
        for f, c in sorted(layout.columns.items(), key=lambda fc: fc[1])
    )
    used = set(layout.columns.values())
    kept = tuple(
        msg("tables.kept", header=t.replace("\n", ""), column=letters(c))
        for c, t in layout.titles.items()
        if t.strip() and c not in used
    )
    return msg(
        "tables.read_sheet" if layout.header else "tables.read_sheet_by_letter",
        table=f"{book.file}!{sheet.name}" if sheet.name else book.file,
        mapping=said_mapping(mapping.where),
        header=f"{layout.first}-{layout.header}" if layout.first < layout.header else str(layout.header),
        bound=Joined(bound),
        kept=Joined(kept) if kept else "-",
    )


def existing(out_dir: str, target: Path) -> Known:
    """The ids (and units' Chinese names) the policy already in the output directory declares, the
    file the import writes left out: the import declares none of them again."""
    known = Known()
    directory = Path(out_dir)
    if not directory.is_dir():
        return known
    for path in sorted(directory.rglob("*.y*ml")):
        if path.resolve() == target.resolve() or any(
            part.startswith(".") for part in path.relative_to(directory).parts
        ):
            continue
        try:
            source, _ = load_text(str(path), read_source(path))
        except InputError:  # a file lint will say is broken (empty, not UTF-8): what it declares cannot be known
            continue
        for document in source.documents:
            if isinstance(document, YMap):
                _collect(document, known)
    return known


def _collect(document: YMap, known: Known) -> None:
    def ids(section: str) -> list[dict[str, Any]]:
        value = document.get(section)
        return (
            [e for e in value if isinstance(e, dict) and isinstance(e.get("id"), str)]
            if isinstance(value, list)
            else []
        )

    known.tiers |= {e["id"] for e in ids("tiers")}
    known.items.update(e["id"] for e in ids("items"))
    known.lists |= {e["id"] for e in ids("lists")}
    known.categories |= {e["id"] for e in ids("categories")}
    for unit in ids("units"):
        known.units[unit["id"]] = unit["id"]
        name = unit.get("name")
        if isinstance(name, dict) and isinstance(name.get("zh"), str):
            known.units[name["zh"]] = unit["id"]


__all__ = ["Imported", "open_table", "run"]
