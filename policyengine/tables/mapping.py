"""An import mapping: which row names the columns, which column holds which field of an item, how a
cell's text maps to values, which rows are section titles. Read from a YAML file (checked against
`schemas/mapping.schema.json`, every problem located) or from a preset shipped with the package."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..loader import load_text, read_source
from ..messages.core import Listed, Message, msg
from ..resources import data_dir
from ..schema import located_problems
from ..span import Span
from ..yamlnodes import YMap, span_of
from .problems import TableError, TableErrors

FIELDS = (
    "id",
    "name",
    "kind",
    "tier",
    "role",
    "category",
    "owner",
    "co_handlers",
    "legal_basis",
    "note",
    "description",
    "list",
    "deadline",
)
MANY = frozenset({"owner", "co_handlers"})  # fields a cell may name several of
SPLIT = r"[、,\uff0c;\uff1b\n]+"  # 、 , ， ; ； and line breaks
PRESETS = Path(__file__).resolve().parent / "presets"
HEADER_SCAN = 30  # rows searched for the header


@dataclass(frozen=True)
class Column:
    field: str
    headers: tuple[str, ...] = ()
    letter: str | None = None
    required: bool = False
    values: dict[str, str] | None = None
    split: re.Pattern[str] = re.compile(SPLIT)
    lines: str = "keep"
    carry: bool = False  # an empty cell repeats the one above (a merged cell saved as CSV)


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    sets: dict[str, str]


@dataclass(frozen=True)
class UnitRule:
    pattern: re.Pattern[str]
    tier: str | None
    kind: str | None


@dataclass(frozen=True)
class Mapping:
    where: str  # the mapping's file, or `preset:NAME`
    id: str
    columns: dict[str, Column]
    header_row: int | None = None
    header_contains: tuple[str, ...] = ()
    merged: str = "fill"
    skip: tuple[re.Pattern[str], ...] = ()
    sections: tuple[Rule, ...] = ()
    sheets: tuple[Rule, ...] = ()
    defaults: dict[str, str] = field(default_factory=dict)
    tiers: tuple[dict[str, Any], ...] = ()
    lists: dict[str, dict[str, Any]] = field(default_factory=dict)
    unit_tier: str | None = None
    unit_kind: str = "functional_department"
    create_units: bool = True
    unit_rules: tuple[UnitRule, ...] = ()
    category_kind: str = "line"


def normal(text: str) -> str:
    """A header or a value as compared: without spaces (ideographic ones too), line breaks and the
    asterisk that marks a required column."""
    return re.sub(r"[\s\u3000*\uff0a]+", "", text)


@cache
def mapping_schema() -> dict[str, Any]:
    with open(data_dir("schemas") / "mapping.schema.json", encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def said_mapping(where: str) -> Message | str:
    """`preset:three_list` said as `preset three_list` / `预设 three_list`; a mapping file by its path."""
    return msg("tables.preset_named", name=where.removeprefix("preset:")) if where.startswith("preset:") else where


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESETS.glob("*.yaml"))


def load_preset(name: str) -> Mapping:
    path = PRESETS / f"{name}.yaml"
    if not path.is_file():
        from ..ids import closest

        guess = closest(name, preset_names())
        hint = (
            msg("common.did_you_mean", guess=guess)
            if guess
            else msg("tables.presets", names=Listed(tuple(preset_names())))
        )
        raise InputError.of("tables.no_preset", name=name, hint=hint)
    return _read(str(path), f"preset:{name}")


def load_mapping(path: str) -> Mapping:
    return _read(path, path)


def _read(path: str, where: str) -> Mapping:
    source, violations = load_text(path, read_source(path))
    if violations:
        first = violations[0]
        raise InputError(msg("tables.mapping_unreadable", problem=first.message()), first.span)
    document = source.documents[0]
    problems = located_problems(mapping_schema(), document, Span(path, 1, 1))
    if problems:
        raise TableErrors([TableError(message, str(span)) for message, span in problems], "tables.mapping_not_read")
    return _build(document, where, path)


def _pattern(text: str, data: Any, path: tuple[Any, ...], file: str) -> re.Pattern[str]:
    try:
        return re.compile(text)
    except re.error as error:
        raise TableError.at(
            str(span_of(data, path, Span(file, 1, 1))), "tables.bad_pattern", reason=str(error)
        ) from None


def plain(value: Any) -> Any:
    """A loaded value as plain dicts, lists and strings (the loader's mappings carry positions)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _texts(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value or ())


def _build(doc: YMap, where: str, file: str) -> Mapping:
    columns = {}
    for name, spec in doc["columns"].items():
        split = _pattern(spec["split"], doc, ("columns", name, "split"), file) if "split" in spec else re.compile(SPLIT)
        values = {normal(k): v for k, v in spec["values"].items()} if "values" in spec else None
        columns[name] = Column(
            name,
            tuple(normal(h) for h in _texts(spec.get("header"))),
            spec.get("column"),
            bool(spec.get("required", name == "name")),
            values,
            split,
            spec.get("lines", "keep"),
            bool(spec.get("carry", False)),
        )
    header = doc.get("header") or {}
    rows = doc.get("rows") or {}
    units = doc.get("units") or {}

    def rules(key: str) -> tuple[Rule, ...]:
        return tuple(
            Rule(_pattern(r["match"], doc, (key, i, "match"), file), plain(r.get("set") or {}))
            for i, r in enumerate(doc.get(key) or [])
        )

    return Mapping(
        where=where,
        id=str((doc.get("mapping") or {}).get("id") or Path(file).stem),
        columns=columns,
        header_row=header.get("row"),
        header_contains=tuple(normal(t) for t in _texts(header.get("contains"))),
        merged=rows.get("merged", "fill"),
        skip=tuple(_pattern(p, doc, ("rows", "skip", i), file) for i, p in enumerate(rows.get("skip") or [])),
        sections=rules("sections"),
        sheets=rules("sheets"),
        defaults=plain(doc.get("defaults") or {}),
        tiers=tuple(plain(t) for t in doc.get("tiers") or []),
        lists={k: plain(v) for k, v in (doc.get("lists") or {}).items()},
        unit_tier=units.get("tier"),
        unit_kind=units.get("kind", "functional_department"),
        create_units=bool(units.get("create", True)),
        unit_rules=tuple(
            UnitRule(_pattern(r["match"], doc, ("units", "by_name", i, "match"), file), r.get("tier"), r.get("kind"))
            for i, r in enumerate(units.get("by_name") or [])
        ),
        category_kind=(doc.get("categories") or {}).get("kind", "line"),
    )
