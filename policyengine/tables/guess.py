"""Telling which preset fits a table, from its first rows and its sheets' names. A guess is always
said, with what it rests on; a table no preset fits asks for `--preset` or `--mapping`."""

from __future__ import annotations

import itertools

from ..messages.core import Listed, Message, msg
from .mapping import HEADER_SCAN, Mapping, load_preset, normal, preset_names
from .problems import TableError
from .sheets import Workbook


def score(book: Workbook, mapping: Mapping) -> tuple[int, list[str]]:
    """How many of the mapping's columns the table's first rows name (its name column counting
    only if found at all), plus one for each sheet a sheet rule matches; and the headers found."""
    sheets = [s for s in book.sheets if not s.hidden] or book.sheets
    seen: set[str] = set()
    for sheet in sheets:
        for _, cells in itertools.islice(sheet.rows(), HEADER_SCAN):
            seen.update(normal(c) for c in cells if c.strip())
    found = [h for rule in mapping.columns.values() for h in rule.headers if h in seen]
    if not any(h in seen for h in mapping.columns["name"].headers):
        return 0, []
    named = {f for f, rule in mapping.columns.items() if any(h in seen for h in rule.headers)}
    sheet_hits = sum(1 for s in sheets for rule in mapping.sheets if rule.pattern.search(s.name))
    section_hits = 0
    if mapping.sections:
        for sheet in sheets:
            for _, cells in itertools.islice(sheet.rows(), HEADER_SCAN * 4):
                texts = [c for c in cells if c.strip()]
                if len(texts) == 1 and any(r.pattern.search(texts[0].strip()) for r in mapping.sections):
                    section_hits = 1
    return len(named) + sheet_hits + section_hits, sorted(set(found))


def guess(book: Workbook) -> tuple[Mapping, Message]:
    ranked = []
    for name in preset_names():
        mapping = load_preset(name)
        points, headers = score(book, mapping)
        ranked.append((points, name, mapping, headers))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    points, name, mapping, headers = ranked[0]
    if points < 2:
        raise TableError.at(book.file, "tables.no_guess", presets=Listed(tuple(preset_names())))
    others = [f"{n} ({p})" for p, n, _, _ in ranked[1:] if p]
    return mapping, msg(
        "tables.guessed",
        file=book.file,
        preset=name,
        points=points,
        headers=Listed(tuple(headers)),
        others=Listed(tuple(others)) if others else "-",
    )
