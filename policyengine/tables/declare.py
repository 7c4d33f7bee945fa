"""An item's record made a declaration: the item, and the units, categories and lists it names —
each checked (a kind, role or tier the format knows, a body the policy declares) and each carrying
the cell it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..cells import CellRef, letters
from ..ids import closest, is_id
from ..messages.core import Listed, Quoted, Term, msg
from ..vocabulary import ROLES
from .mapping import Mapping, said_mapping
from .problems import TableError
from .rows import Record
from .spools import IdSet, ListSpools

KINDS = ("routine", "line", "temporary")
_NOT_ID = re.compile(r"[^\w.-]+")
ID_LENGTH = 24  # an id made from a long name is cut short: output names the item by its name anyway


def make_id(text: str, fallback: str, limit: int = ID_LENGTH) -> str:
    """An id from a name: the characters an id may hold kept (Chinese ones too), runs of others made
    one `_`; a name starting with a digit gets a leading `_`."""
    made = _NOT_ID.sub("_", text.strip()).strip("_")[:limit].rstrip("_.-")
    if made and not (made[0].isalpha() or made[0] == "_"):
        made = f"_{made}"
    return made if made and is_id(made) else fallback


@dataclass
class Known:
    """What the policy in the output directory already declares, and what this import has declared."""

    tiers: set[str] = field(default_factory=set)
    units: dict[str, str] = field(default_factory=dict)  # a unit's id and its Chinese name -> its id
    items: IdSet = field(default_factory=IdSet)  # in fixed memory, however many
    lists: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)


@dataclass
class Declared:
    """What an import adds, in the order first met."""

    units: dict[str, dict[str, Any]] = field(default_factory=dict)
    categories: dict[str, dict[str, Any]] = field(default_factory=dict)
    lists: list[str] = field(default_factory=list)  # the lists its items go to (their ids are spooled)


class Declarer:
    def __init__(self, mapping: Mapping, known: Known, problems: list[TableError], spools: ListSpools):
        self.mapping, self.known, self.problems, self.spools = mapping, known, problems, spools
        self.declared = Declared()

    def item(self, record: Record, name_cell: CellRef) -> dict[str, Any] | None:
        f, where = record.fields, record.where
        bad = len(self.problems)
        name = str(f.get("name", ""))  # an empty name is said already; the row's other cells are still judged
        item: dict[str, Any] = {"id": self._item_id(str(f.get("id") or name), record.row) if name else ""}
        item["name"] = {"zh": name}
        item["kind"] = self._one_of(f, where, "kind", "line", KINDS, name_cell)
        item["tier"] = self._tier(f, where, name_cell)
        item["role"] = self._one_of(f, where, "role", "handle", ROLES, name_cell)
        if f.get("category"):
            item["category"] = self._category(str(f["category"]))
        bodies = _many(f.get("owner"), self.mapping)
        if bodies:
            item["owner"] = self._unit(bodies[0], where.get("owner", name_cell))
        helpers = [self._unit(b, where.get("owner", name_cell)) for b in bodies[1:]]
        helpers += [
            self._unit(b, where.get("co_handlers", name_cell)) for b in _many(f.get("co_handlers"), self.mapping)
        ]
        if helpers:
            item["co_handlers"] = [{"unit": u} for u in dict.fromkeys(helpers) if u != item.get("owner")]
        if f.get("deadline"):
            item["deadlines"] = {"handling": time_limit(str(f["deadline"]))}
        for key in ("legal_basis", "description", "note"):
            if f.get(key):
                item[key] = str(f[key])
        item["source"] = {
            "document": name_cell.file,
            "cell": str(name_cell),
            "cells": {k: c.address for k, c in sorted(where.items())},
            "row": {letters(c): t for c, t in enumerate(record.cells, start=1) if t.strip()},
        }
        if name and f.get("list"):
            self._list(str(f["list"]), item["id"], where.get("list", name_cell))
        return item if name and len(self.problems) == bad else None

    def _item_id(self, text: str, row: int) -> str:
        ident = make_id(text, f"item_{row}")
        if ident in self.known.items:
            ident = f"{ident}_{row}"
        while ident in self.known.items:
            ident += "_"
        self.known.items.add(ident)
        return ident

    def _one_of(
        self,
        f: dict[str, Any],
        where: dict[str, CellRef],
        key: str,
        default: str,
        allowed: tuple[str, ...],
        at: CellRef,
    ) -> str:
        value = str(f.get(key) or default)
        if value not in allowed:
            self.problems.append(
                TableError.at(
                    where.get(key, at),
                    "tables.bad_value",
                    field=Term("term.import_field", key),
                    value=Quoted((value,)),
                    known=Listed(allowed),
                )
            )
        return value

    def _tier(self, f: dict[str, Any], where: dict[str, CellRef], at: CellRef) -> str:
        tier = str(f.get("tier") or "")
        if not tier:
            self.problems.append(TableError.at(at, "tables.no_tier", mapping=said_mapping(self.mapping.where)))
        elif tier not in self.known.tiers:
            self._unknown(where.get("tier", at), "tier", tier, self.known.tiers)
        return tier

    def _unknown(self, at: CellRef, kind: str, value: str, known: set[str] | dict[str, str]) -> None:
        guess = closest(value, sorted(known))
        hint = msg("common.did_you_mean", guess=guess) if guess else ""
        self.problems.append(
            TableError.at(
                at, "tables.unknown_ref", kind=Term("term.import_kind", kind), value=Quoted((value,)), hint=hint
            )
        )

    def _category(self, text: str) -> str:
        ident = make_id(text, "category")
        if ident not in self.known.categories and ident not in self.declared.categories:
            self.declared.categories[ident] = {"id": ident, "name": {"zh": text}, "kind": self.mapping.category_kind}
        return ident

    def _unit(self, text: str, at: CellRef) -> str:
        if text in self.known.units:
            return self.known.units[text]
        ident = make_id(text, "unit")
        if ident in self.declared.units or ident in self.known.units.values():
            return ident
        if not self.mapping.create_units:
            self._unknown(at, "unit", text, self.known.units)
            return ident
        tier, kind = self.mapping.unit_tier, self.mapping.unit_kind
        for rule in self.mapping.unit_rules:
            if rule.pattern.search(text):
                tier, kind = rule.tier or tier, rule.kind or kind
                break
        if not tier:
            self.problems.append(
                TableError.at(at, "tables.unit_no_tier", unit=Quoted((text,)), mapping=said_mapping(self.mapping.where))
            )
        elif tier not in self.known.tiers:
            self._unknown(at, "tier", tier, self.known.tiers)
        self.declared.units[ident] = {"id": ident, "name": {"zh": text}, "tier": tier, "kind": kind}
        return ident

    def _list(self, key: str, item: str, at: CellRef) -> None:
        if key not in self.mapping.lists:
            self._unknown(at, "list", key, set(self.mapping.lists))
            return
        if key not in self.declared.lists:
            self.declared.lists.append(key)
        self.spools.add(key, item)


_LIMIT = re.compile(r"^(?:在?)(\d+(?:\.\d+)?)\s*个?\s*(工作日|自然日|日|天|小时|时)(?:内)?$")
_UNITS = {"工作日": "working_days", "自然日": "days", "日": "days", "天": "days", "小时": "hours", "时": "hours"}


def time_limit(text: str) -> dict[str, Any]:
    """A handling time limit as the format writes it (`3个工作日` -> within 3 working_days). A text it
    cannot read (`5工作时`, `立即`) is a limit the table states whose length the format cannot hold:
    `unknown`, the text kept in its note."""
    found = _LIMIT.match(re.sub(r"\s+", "", text))
    if not found:
        return {"within": "unknown", "unit": "unknown", "note": text}
    number = float(found.group(1))
    return {"within": int(number) if number.is_integer() else number, "unit": _UNITS[found.group(2)]}


def _many(value: Any, mapping: Mapping) -> list[str]:
    """The bodies a field names: a cell's, split already; a text the mapping gives (a default, a
    section's), split as a cell would be."""
    if isinstance(value, str):
        from .mapping import SPLIT

        return [p.strip() for p in re.split(SPLIT, value) if p.strip()]
    return list(value or [])
