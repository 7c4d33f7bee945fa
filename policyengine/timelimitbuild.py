"""Validated entries -> the policy's `Timing` (timelimits.py): items' `nature`, `deadlines` and
`intake`, the workflow's `classes`, `answer` and verification `capacity`.

The short forms `handling_days` and `verification_hours` read as `within` days and hours. References
(a class's items and categories, an answering tier, a consent party) go to the builder's second pass
like every other reference, each at the place it is written.
"""

from __future__ import annotations

from typing import Any

from .declarations import Declarations, at, name_of
from .diagnostics import Subject
from .parties import party_of
from .statedness import marker_of, value_of
from .timelimits import Answer, Capacity, Extension, ItemTiming, Limit, ProblemClass, Timing
from .yamlnodes import YMap


def _decl(raw: Any) -> dict[str, Any]:
    """Span, raw and source of a nested mapping."""
    return {"span": at(raw), "raw": raw, "source": raw.get("source") if isinstance(raw, dict) else None}


def _gap(raw: Any, *keys: str) -> Any:
    return next((m for key in keys if (m := marker_of(raw.get(key))) is not None), None)


def limit_of(raw: Any) -> Limit | None:
    """A `{within | from/to, unit}` mapping as a limit."""
    if not isinstance(raw, dict):
        return None
    longest_key = "within" if "within" in raw else "to"
    return Limit(
        longest=value_of(raw.get(longest_key)),
        shortest=value_of(raw.get("from")),
        unit=value_of(raw.get("unit")),
        gap=_gap(raw, longest_key, "unit"),
        **_decl(raw),
    )


def _short(raw: Any, key: str, unit: str) -> Limit | None:
    """`handling_days: N` / `verification_hours: N`: a limit of N in `unit`, at the value."""
    if key not in raw:
        return None
    value = raw[key]
    return Limit(longest=value_of(value), unit=unit, gap=marker_of(value), span=at(raw, key))


def _extension(b: Declarations, raw: Any, subject: Subject) -> tuple[Extension | None, Any]:
    if raw is None:
        return None, None
    if not isinstance(raw, dict):
        return None, marker_of(raw)
    ext = Extension(
        up_to=value_of(raw.get("up_to")),
        unit=value_of(raw.get("unit")),
        consent=party_of(raw.get("consent"), ("consent",)),
        **_decl(raw),
    )
    b.party_ref(ext.consent, ext, subject)
    return ext, None


def _item_timing(b: Declarations, r: YMap) -> ItemTiming:
    deadlines = r.get("deadlines") or {}
    subject = Subject("item", r["id"])
    verification = deadlines.get("verification")
    extension, gap = _extension(b, deadlines.get("extension"), subject)
    return ItemTiming(
        item=r["id"],
        nature=r.get("nature"),
        handling=limit_of(deadlines.get("handling")) or _short(deadlines, "handling_days", "days"),
        extension=extension,
        extension_gap=gap,
        verification=limit_of(verification) or _short(deadlines, "verification_hours", "hours"),
        verification_when=verification.get("when") if isinstance(verification, dict) else None,
        prevails=deadlines.get("prevails"),
        intake=tuple(r.get("intake", ())),
        span=r.value_span("id"),
        raw=r,
        source=r.get("source"),
    )


def _classes(b: Declarations, raw: list[YMap]) -> dict[str, ProblemClass]:
    classes = []
    for r in raw:
        subject = Subject("workflow", "workflow")
        extension, gap = _extension(b, r.get("extension"), subject)
        cls = ProblemClass(
            id=r["id"],
            name=name_of(r.get("name")),
            handling=limit_of(r.get("handling")),
            extension=extension,
            extension_gap=gap,
            items=tuple(r.get("items", ())),
            categories=tuple(r.get("categories", ())),
            span=r.value_span("id"),
            raw=r,
            source=r.get("source"),
        )
        b.refs_in("item", cls.items, cls, subject, "items")
        b.refs_in("category", cls.categories, cls, subject, "categories")
        classes.append(cls)
    return b.unique("problem_class", classes)


def timing(b: Declarations, raw_items: list[YMap], workflow: YMap | None) -> Timing:
    """The policy's time limits. An item id declared twice keeps its first entry, as `items` does."""
    items: dict[str, ItemTiming] = {}
    for r in raw_items:
        if r["id"] not in items and any(k in r for k in ("nature", "deadlines", "intake")):
            items[r["id"]] = _item_timing(b, r)
    wf: Any = workflow or {}
    answer = []
    for r in wf.get("answer", ()):
        entry = Answer(tier=r["tier"], limit=limit_of(r) or Limit(), **_decl(r))
        b.ref("tier", entry.tier, entry, Subject("workflow", "workflow"), "tier")
        answer.append(entry)
    raw_capacity = (wf.get("verification") or {}).get("capacity")
    capacity = (
        Capacity(
            per_person_day=value_of(raw_capacity.get("per_person_day")),
            gap=marker_of(raw_capacity.get("per_person_day")),
            **_decl(raw_capacity),
        )
        if isinstance(raw_capacity, dict)
        else None
    )
    return Timing(
        items=items, classes=_classes(b, list(wf.get("classes", ()))), answer=tuple(answer), capacity=capacity
    )


__all__ = ["limit_of", "timing"]
