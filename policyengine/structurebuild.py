"""Validated entries -> the policy's `Structure` (structure.py): tiers' variants and instances, what
belongs to one, items' further roles and line, units' leadership, grants' delegation terms.

References to units, tiers, items, categories and powers go to the builder's second pass like every
other reference; a variant or instance is resolved here, against the tier of the declaration that
names it, since all tiers are gathered before anything is built (PE004 at the value, PE003 for an
id repeated within a tier).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from .declarations import Declarations, common, required_name, valid_of
from .diagnostics import Subject, Violation
from .messages import Term, msg
from .model import Decl, Grant, Item, PolicyList, Unit
from .parties import Party, party_of
from .statedness import marker_of, value_of
from .structure import Belonging, ExtraRole, GrantTerms, Leadership, Structure, TierShapes, Variant
from .yamlnodes import YMap


def _shapes(b: Declarations, raw: YMap) -> TierShapes:
    found: dict[str, dict[str, Variant]] = {"variants": {}, "instances": {}}
    seen: dict[str, Variant] = {}
    for key in ("variants", "instances"):
        for r in raw.get(key, ()):
            v = Variant(id=r["id"], name=required_name(r["name"]), count=value_of(r.get("count")), **common(r))
            if v.id in seen:
                b.violations.append(
                    Violation(
                        "PE003",
                        "id",
                        v.span,
                        Subject("tier", raw["id"]),
                        {"kind": Term("term.kind", key[:-1]), "id": v.id, "first": str(seen[v.id].span)},
                    )
                )
                continue
            seen[v.id] = found[key][v.id] = v
    return TierShapes(variants=found["variants"], instances=found["instances"])


def _shape_ref(
    b: Declarations, tiers: Mapping[str, TierShapes], tier: str, value: Any, key: str, at: Any, subject: Subject
) -> None:
    """PE004 when `value` is not a variant/instance (`key`; "counts": either) of `tier`."""
    shapes = tiers.get(tier)
    if value is None or shapes is None:  # no such tier: reported as its own reference
        return
    names = {
        "variant": shapes.variants,
        "instance": shapes.instances,
        "counts": {**shapes.variants, **shapes.instances},
    }[key]
    if value in names:
        return
    close = difflib.get_close_matches(str(value), list(names), n=1)
    b.violations.append(
        Violation(
            "PE004",
            "shape",
            at,
            subject,
            {
                "kind": Term("term.kind", "variant_or_instance" if key == "counts" else key),
                "written": value,
                "tier": tier,
                "hint": msg("rules.rule_guess", guess=close[0]) if close else "",
            },
        )
    )


def _belonging(
    b: Declarations, tiers: Mapping[str, TierShapes], decl: Decl, tier: str, subject: Subject
) -> Belonging | None:
    raw = decl.raw
    if not any(k in raw for k in ("variant", "instance", "counts")):
        return None
    for key in ("variant", "instance"):
        _shape_ref(b, tiers, tier, raw.get(key), key, decl.at(key), subject)
    counts = dict(raw.get("counts") or {})
    for name in counts:
        _shape_ref(b, tiers, tier, name, "counts", decl.at("counts", name), subject)
    known = {k: n for k, n in counts.items() if marker_of(n) is None}  # a marked count is as if not written
    return Belonging(variant=raw.get("variant"), instance=raw.get("instance"), counts=known)


def _parties(b: Declarations, decl: Decl, subject: Subject, *path: Any) -> tuple[Party, ...]:
    value = decl.raw.get(path[0])
    raws = value if isinstance(value, list) else [value] if value is not None else []
    parties = []
    for index, r in enumerate(raws):
        where = (*path, index) if isinstance(value, list) else path
        party = party_of(r, where)
        if party is None:
            continue
        parties.append(party)
        for unit, at in party.units():
            b.refs.append(("unit", unit, decl.at(*at), subject))
        for tier, at in party.tiers():
            b.refs.append(("tier", tier, decl.at(*at), subject))
    return tuple(parties)


def _leadership(b: Declarations, unit: Unit) -> Leadership | None:
    if not any(k in unit.raw for k in ("led_by", "placed_by", "deployed_by", "supervised_by", "guided_by")):
        return None
    subject = Subject("unit", unit.id)
    placed = _parties(b, unit, subject, "placed_by")
    deployed = _parties(b, unit, subject, "deployed_by")
    return Leadership(
        led_by=_parties(b, unit, subject, "led_by"),
        placed_by=placed[0] if placed else None,
        deployed_by=deployed[0] if deployed else None,
        supervised_by=_parties(b, unit, subject, "supervised_by"),
        guided_by=_parties(b, unit, subject, "guided_by"),
    )


def _roles(b: Declarations, tiers: Mapping[str, TierShapes], item: Item) -> tuple[ExtraRole, ...]:
    subject, roles = Subject("item", item.id), []
    for index, r in enumerate(item.raw.get("roles", ())):
        requires = r.get("requires")
        role = ExtraRole(
            tier=r["tier"],
            role=r["role"],
            variant=r.get("variant"),
            instance=r.get("instance"),
            requires=tuple(requires) if requires is not None else None,
            span=item.at("roles", index),
            raw=r,
            source=r.get("source"),
        )
        b.ref("tier", role.tier, role, subject, "tier")
        b.refs_in("power", role.requires or (), role, subject, "requires")
        for key in ("variant", "instance"):
            _shape_ref(b, tiers, role.tier, r.get(key), key, role.at(key), subject)
        roles.append(role)
    return tuple(roles)


def _terms(b: Declarations, grant: Grant) -> GrantTerms:
    raw = grant.raw
    subject = Subject("grant", grant.id or (grant.unit or grant.tier or ""))
    lines = tuple(p.get("line") if isinstance(p, dict) else None for p in raw.get("powers", ()))
    for index, line in enumerate(lines):
        b.ref("unit", line, grant, subject, "powers", index, "line")
    scope = raw.get("scope")
    terms = GrantTerms(
        delegated_by=raw.get("delegated_by"),
        scoped=isinstance(scope, dict),
        scope_items=tuple(scope.get("items", ())) if isinstance(scope, dict) else (),
        scope_categories=tuple(scope.get("categories", ())) if isinstance(scope, dict) else (),
        term=valid_of(raw["term"]) if "term" in raw else None,
        support=tuple(raw.get("support", ())),
        lines=lines,
    )
    b.ref("unit", terms.delegated_by, grant, subject, "delegated_by")
    b.refs_in("item", terms.scope_items, grant, subject, "scope", "items")
    b.refs_in("category", terms.scope_categories, grant, subject, "scope", "categories")
    return terms


def structure(
    b: Declarations,
    raw_tiers: list[YMap],
    units: Mapping[str, Unit],
    grants: tuple[Grant, ...],
    items: Mapping[str, Item],
    lists: Mapping[str, PolicyList],
) -> Structure:
    """The structure of the declarations built, noting references and reporting bad variants."""
    tiers: dict[str, TierShapes] = {}
    for r in raw_tiers:
        if r["id"] not in tiers:  # a repeated tier is PE003 already
            tiers[r["id"]] = _shapes(b, r)
    belongs: dict[tuple[str, str], Belonging] = {}
    sections: tuple[tuple[str, Mapping[str, Unit | Item | PolicyList]], ...] = (
        ("list", lists),
        ("unit", units),
        ("item", items),
    )
    for kind, table in sections:
        for decl in table.values():
            found = _belonging(b, tiers, decl, decl.tier, Subject(kind, decl.id))
            if found is not None:
                belongs[(kind, decl.id)] = found
    lines: dict[str, str] = {}
    for item in items.values():
        if isinstance(item.raw.get("line"), str):
            lines[item.id] = item.raw["line"]
            b.ref("unit", item.raw["line"], item, Subject("item", item.id), "line")
    leadership = {u.id: lead for u in units.values() if (lead := _leadership(b, u)) is not None}
    return Structure(
        tiers=tiers,
        belongs=belongs,
        roles={i.id: roles for i in items.values() if (roles := _roles(b, tiers, i))},
        lines=lines,
        leadership=leadership,
        grants=tuple(_terms(b, g) for g in grants),
    )
