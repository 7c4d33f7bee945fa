"""Random valid policies, section by section: every reference resolves, every id is unique in its kind.

The sections are drawn in SECTION_ORDER, each by its own function (the structure here, the sections
that refer to it in procedures.py); the draws happen in the same order whatever is drawn, so that an
example hypothesis found stays the same example.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from ...vocabulary import BUILTIN_POWERS, DIMENSIONS, ROLES
from . import procedures
from .drawn import Drawn, Entry
from .draws import (
    COVERAGE,
    HEADCOUNT,
    ITEM_KINDS,
    LEVELS,
    MAX_ITEMS,
    MAX_TIERS,
    NUMBERS,
    PEOPLE,
    SECTION_ORDER,
    SMALL,
    UNIT_KINDS,
    Draw,
    coin,
    flags,
    maybe,
    name,
    pick,
    put,
    subset,
    text,
    tier_trees,
)


@st.composite
def policies(draw: Draw, max_tiers: int = MAX_TIERS, max_items: int = MAX_ITEMS) -> dict[str, Any]:
    """A random valid policy: {section: list or dict}, sections in SECTION_ORDER, empty ones left out."""
    d = Drawn()
    _meta(draw, d)
    _powers(draw, d)
    d.tiers = draw(tier_trees(max_tiers))
    d.policy["tiers"] = d.tiers
    d.tier_ids = [t["id"] for t in d.tiers]
    _units(draw, d)
    _grants(draw, d)
    _categories(draw, d)
    _items(draw, d, max_items)
    procedures.add_lists(draw, d)
    procedures.add_admissions(draw, d)
    procedures.add_workflow(draw, d)
    procedures.add_assessments(draw, d)
    procedures.add_duties_and_platform_rules(draw, d)
    procedures.add_figures(draw, d)
    return {k: d.policy[k] for k in SECTION_ORDER if k in d.policy}


def _meta(draw: Draw, d: Drawn) -> None:
    meta: Entry = {"id": pick(draw, ["pol", "policy_1", "P.x-2", "_p"])}
    put(meta, "name", (name(draw, "policy") if coin(draw) else None))
    put(meta, "version", maybe(draw, st.one_of(st.integers(0, 9), st.sampled_from(("1.0", "draft")))))
    put(meta, "jurisdiction", (text(draw, "J") if coin(draw) else None))
    d.policy["policy"] = meta
    if coin(draw):
        d.policy["scale"] = {"levels": list(LEVELS)}  # the default scale, declared


def _powers(draw: Draw, d: Drawn) -> None:
    custom_powers = [f"p_custom{i}" for i in range(draw(st.integers(0, 2)))]
    if custom_powers:
        d.policy["powers"] = [{"id": pid, **({"name": name(draw, pid)} if coin(draw) else {})} for pid in custom_powers]
    d.powers = list(BUILTIN_POWERS) + custom_powers


def _units(draw: Draw, d: Drawn) -> None:
    units: list[Entry] = []
    for i in range(draw(st.integers(0, 8))):
        uid = f"u{i}"
        unit: Entry = {
            "id": uid,
            "name": name(draw, uid),
            "tier": pick(draw, d.tier_ids),
            "kind": draw(st.sampled_from(UNIT_KINDS)),
        }
        if units and draw(st.integers(0, 3)) == 0:
            unit["sent_by"] = pick(draw, [u["id"] for u in units])
        put(unit, "count", maybe(draw, st.integers(0, 2000)))
        put(unit, "headcount", maybe(draw, HEADCOUNT, 3))
        put(unit, "hours_per_person_month", maybe(draw, st.integers(0, 200), 3))
        units.append(unit)
    if units:
        d.policy["units"] = units
    d.unit_ids = [u["id"] for u in units]


def _granted(draw: Draw, d: Drawn) -> list[Any]:
    """The powers of one grant: a name, {power: name}, or coordination with a scope or units."""
    granted: list[Any] = []
    for power in subset(draw, d.powers, 4):
        shape = draw(st.integers(0, 2))
        if power == "coordination" and shape:
            pg: Entry = {"power": "coordination"}
            put(pg, "scope", (pick(draw, d.tier_ids) if draw(st.integers(0, 1)) == 0 else None))
            if d.unit_ids and coin(draw):
                pg["units"] = subset(draw, d.unit_ids, 3)
            granted.append(pg)
        elif shape == 2:
            granted.append({"power": power})
        else:
            granted.append(power)
    return granted


def _grants(draw: Draw, d: Drawn) -> None:
    grants: list[Entry] = []
    for i in range(draw(st.integers(0, 10))):
        grant: Entry = {}
        if coin(draw):
            grant["id"] = f"g{i}"
        if d.unit_ids and coin(draw):
            grant["unit"] = pick(draw, d.unit_ids)
        else:
            grant["tier"] = pick(draw, d.tier_ids)
        dims = subset(draw, list(DIMENSIONS))
        if dims or coin(draw):
            grant["dimensions"] = {dim: draw(st.sampled_from(LEVELS)) for dim in dims}
        granted = _granted(draw, d)
        if granted or coin(draw):
            grant["powers"] = granted
        validity = pick(draw, ["always", "always", "always", "in_force", "expired", "open_from"])
        if validity == "in_force":
            grant["valid"] = {"from": "2000-01-01", "to": "2099-12-31"}
        elif validity == "expired":
            grant["valid"] = {"from": "2001-01-01", "to": "2002-12-31"}
        elif validity == "open_from":
            grant["valid"] = {"from": "2003-06-30"}
        grants.append(grant)
    if grants:
        d.policy["grants"] = grants


def _categories(draw: Draw, d: Drawn) -> None:
    categories = []
    for i in range(draw(st.integers(0, 4))):
        cid = f"c{i}"
        cat: Entry = {"id": cid, "name": name(draw, cid), "kind": draw(st.sampled_from(ITEM_KINDS))}
        if coin(draw):
            cat["stated"] = {"items": draw(SMALL)}
        categories.append(cat)
    if categories:
        d.policy["categories"] = categories
    d.category_ids = [c["id"] for c in categories]


def _item(draw: Draw, d: Drawn, iid: str) -> Entry:
    # which optional fields the item has, in one draw (fewer draws: faster generation); shrinks
    # towards an item with none of them
    has = flags(
        draw,
        "category",
        "owner",
        "issued_by",
        "responsibility",
        "requires",
        "mobilises",
        "cost",
        "hours",
        "yuan",
        "funding",
        "money",
        "people",
        "delegated",
        "co_handlers",
    )
    item: Entry = {
        "id": iid,
        "name": name(draw, iid),
        "kind": draw(st.sampled_from(ITEM_KINDS)),
        "tier": pick(draw, d.tier_ids),
        "role": draw(st.sampled_from(ROLES)),
    }
    if d.category_ids and has["category"]:
        item["category"] = pick(draw, d.category_ids)
    if d.unit_ids and has["owner"]:
        item["owner"] = pick(draw, d.unit_ids)
    if has["issued_by"]:
        item["issued_by"] = pick(draw, d.tier_ids)
    if has["responsibility"]:
        item["responsibility"] = draw(st.sampled_from(("territorial", "dual", "owner")))
    if has["requires"]:
        item["requires"] = {r: subset(draw, d.powers, 4) for r in subset(draw, list(ROLES))}
    if d.unit_ids and has["mobilises"]:
        item["mobilises"] = subset(draw, d.unit_ids, 3)
    if has["cost"]:
        cost: Entry = {}
        if has["hours"]:
            cost["hours_per_month"] = draw(NUMBERS)
        if has["yuan"]:
            cost["yuan_per_year"] = draw(NUMBERS)
        item["cost"] = cost
    if has["funding"]:
        funding: Entry = {}
        if has["money"]:
            funding["money_yuan_per_year"] = draw(NUMBERS)
        if has["people"]:
            funding["people"] = draw(PEOPLE)
        if has["delegated"]:
            funding["powers"] = subset(draw, d.powers, 3)
        item["funding"] = funding
    if d.unit_ids and has["co_handlers"]:
        handlers = []
        for unit in subset(draw, d.unit_ids, 3):
            handler: Entry = {"unit": unit}
            put(handler, "coverage", maybe(draw, COVERAGE))
            handlers.append(handler)
        item["co_handlers"] = handlers
    return item


def _items(draw: Draw, d: Drawn, max_items: int) -> None:
    # hypothesis favours boundary values (0 among them): drawing the count from 0..max_items left a
    # third of the policies without items; an interior value of a guard is rarer
    item_count = 0 if not max_items or draw(st.integers(0, 9)) == 5 else draw(st.integers(1, max_items))
    d.items = [_item(draw, d, f"i{i}") for i in range(item_count)]
    if d.items:
        d.policy["items"] = d.items
    d.item_ids = [i["id"] for i in d.items]
