"""Random valid policies, section by section: every reference resolves, every id is unique in its kind.

The sections are drawn in SECTION_ORDER, each by its own function; the draws happen in the same order
whatever is drawn, so that an example hypothesis found stays the same example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from .draws import (
    BUILTIN_POWERS,
    COVERAGE,
    DATE,
    DIMENSIONS,
    HEADCOUNT,
    ITEM_KINDS,
    LEVELS,
    MAX_ITEMS,
    MAX_TIERS,
    NUMBERS,
    PEOPLE,
    ROLES,
    SECTION_ORDER,
    SMALL,
    TIME,
    UNIT_KINDS,
    Draw,
    ancestors,
    flags,
    maybe,
    name,
    pick,
    put,
    subset,
    text,
    tier_trees,
)

Entry = dict[str, Any]


@dataclass
class _Drawn:
    """What later sections may refer to: the ids drawn so far."""

    policy: dict[str, Any] = field(default_factory=dict)
    powers: list[str] = field(default_factory=list)
    tiers: list[Entry] = field(default_factory=list)
    tier_ids: list[str] = field(default_factory=list)
    unit_ids: list[str] = field(default_factory=list)
    category_ids: list[str] = field(default_factory=list)
    items: list[Entry] = field(default_factory=list)
    item_ids: list[str] = field(default_factory=list)
    list_ids: list[str] = field(default_factory=list)


@st.composite
def policies(draw: Draw, max_tiers: int = MAX_TIERS, max_items: int = MAX_ITEMS) -> dict[str, Any]:
    """A random valid policy: {section: list or dict}, sections in SECTION_ORDER, empty ones left out."""
    d = _Drawn()
    _meta(draw, d)
    _powers(draw, d)
    d.tiers = draw(tier_trees(max_tiers))
    d.policy["tiers"] = d.tiers
    d.tier_ids = [t["id"] for t in d.tiers]
    _units(draw, d)
    _grants(draw, d)
    _categories(draw, d)
    _items(draw, d, max_items)
    _lists(draw, d)
    _admissions(draw, d)
    _workflow(draw, d)
    _assessments(draw, d)
    _duties_and_platform_rules(draw, d)
    _figures(draw, d)
    return {k: d.policy[k] for k in SECTION_ORDER if k in d.policy}


def _meta(draw: Draw, d: _Drawn) -> None:
    meta: Entry = {"id": pick(draw, ["pol", "policy_1", "P.x-2", "_p"])}
    put(meta, "name", (name(draw, "policy") if draw(st.booleans()) else None))
    put(meta, "version", maybe(draw, st.one_of(st.integers(0, 9), st.sampled_from(("1.0", "draft")))))
    put(meta, "jurisdiction", (text(draw, "J") if draw(st.booleans()) else None))
    d.policy["policy"] = meta
    if draw(st.booleans()):
        d.policy["scale"] = {"levels": list(LEVELS)}  # the default scale, declared


def _powers(draw: Draw, d: _Drawn) -> None:
    custom_powers = [f"p_custom{i}" for i in range(draw(st.integers(0, 2)))]
    if custom_powers:
        d.policy["powers"] = [
            {"id": pid, **({"name": name(draw, pid)} if draw(st.booleans()) else {})} for pid in custom_powers
        ]
    d.powers = list(BUILTIN_POWERS) + custom_powers


def _units(draw: Draw, d: _Drawn) -> None:
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


def _granted(draw: Draw, d: _Drawn) -> list[Any]:
    """The powers of one grant: a name, {power: name}, or coordination with a scope or units."""
    granted: list[Any] = []
    for power in subset(draw, d.powers, 4):
        shape = draw(st.integers(0, 2))
        if power == "coordination" and shape:
            pg: Entry = {"power": "coordination"}
            put(pg, "scope", (pick(draw, d.tier_ids) if draw(st.integers(0, 1)) == 0 else None))
            if d.unit_ids and draw(st.booleans()):
                pg["units"] = subset(draw, d.unit_ids, 3)
            granted.append(pg)
        elif shape == 2:
            granted.append({"power": power})
        else:
            granted.append(power)
    return granted


def _grants(draw: Draw, d: _Drawn) -> None:
    grants: list[Entry] = []
    for i in range(draw(st.integers(0, 10))):
        grant: Entry = {}
        if draw(st.booleans()):
            grant["id"] = f"g{i}"
        if d.unit_ids and draw(st.booleans()):
            grant["unit"] = pick(draw, d.unit_ids)
        else:
            grant["tier"] = pick(draw, d.tier_ids)
        dims = subset(draw, list(DIMENSIONS))
        if dims or draw(st.booleans()):
            grant["dimensions"] = {dim: draw(st.sampled_from(LEVELS)) for dim in dims}
        granted = _granted(draw, d)
        if granted or draw(st.booleans()):
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


def _categories(draw: Draw, d: _Drawn) -> None:
    categories = []
    for i in range(draw(st.integers(0, 4))):
        cid = f"c{i}"
        cat: Entry = {"id": cid, "name": name(draw, cid), "kind": draw(st.sampled_from(ITEM_KINDS))}
        if draw(st.booleans()):
            cat["stated"] = {"items": draw(SMALL)}
        categories.append(cat)
    if categories:
        d.policy["categories"] = categories
    d.category_ids = [c["id"] for c in categories]


def _item(draw: Draw, d: _Drawn, iid: str) -> Entry:
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


def _items(draw: Draw, d: _Drawn, max_items: int) -> None:
    # hypothesis favours boundary values (0 among them): drawing the count from 0..max_items left a
    # third of the policies without items; an interior value of a guard is rarer
    item_count = 0 if not max_items or draw(st.integers(0, 9)) == 5 else draw(st.integers(1, max_items))
    d.items = [_item(draw, d, f"i{i}") for i in range(item_count)]
    if d.items:
        d.policy["items"] = d.items
    d.item_ids = [i["id"] for i in d.items]


def _lists(draw: Draw, d: _Drawn) -> None:
    lists = []
    for i in range(draw(st.integers(0, 4))):
        lid = f"l{i}"
        lst: Entry = {
            "id": lid,
            "tier": pick(draw, d.tier_ids),
            "kind": pick(draw, ["duties", "cooperation", "returned"]),
        }
        if draw(st.booleans()):
            lst["name"] = name(draw, lid)
        # mostly items of the list's own tier, sometimes any item
        own = [i["id"] for i in d.items if i["tier"] == lst["tier"]]
        pool = own if own and draw(st.booleans()) else d.item_ids
        if pool and draw(st.integers(0, 3)):
            lst["items"] = subset(draw, pool, 6)
        if d.category_ids and draw(st.booleans()):
            lst["categories"] = subset(draw, d.category_ids, 2)
        if d.unit_ids and draw(st.booleans()):
            lst["compiled_by"] = subset(draw, d.unit_ids, 2)
        if draw(st.booleans()):
            lst["stated"] = {"items": draw(SMALL), **({"approximate": True} if draw(st.booleans()) else {})}
        lists.append(lst)
    if lists:
        d.policy["lists"] = lists
    d.list_ids = [lst["id"] for lst in lists]


def _admissions(draw: Draw, d: _Drawn) -> None:
    admissions = []
    for i in range(draw(st.integers(0, 3))):
        adm: Entry = {"id": f"a{i}", "tier": pick(draw, d.tier_ids)}
        if d.list_ids and draw(st.booleans()):
            adm["lists"] = subset(draw, d.list_ids, 2)
        if d.unit_ids:
            put(adm, "applicant", (pick(draw, d.unit_ids) if draw(st.integers(0, 1)) == 0 else None))
            put(adm, "reviewer", (pick(draw, d.unit_ids) if draw(st.integers(0, 1)) == 0 else None))
            if draw(st.booleans()):
                adm["temporary"] = {"approval_by": pick(draw, d.unit_ids), "max_term_days": draw(SMALL)}
        put(adm, "lead_time_days", maybe(draw, SMALL))
        put(adm, "legal_basis_required", maybe(draw, st.booleans()))
        admissions.append(adm)
    if admissions:
        d.policy["admission"] = admissions


def _workflow(draw: Draw, d: _Drawn) -> None:
    if not draw(st.integers(0, 3)):
        return
    wf: Entry = {}
    start = pick(draw, d.tier_ids)
    chain = [start, *ancestors(d.tiers, start)]
    top = draw(st.integers(1, len(chain)))
    if draw(st.integers(0, 4)):
        wf["escalation"] = chain[:top]  # bottom-up, along parent links
    returns = []
    for _ in range(draw(st.integers(0, 2))):
        returns.append(
            {
                "from": pick(draw, d.tier_ids),
                "to": "assigned_tier" if draw(st.booleans()) else pick(draw, d.tier_ids),
                "basis": pick(draw, ["responsibility", "authority"]),
            }
        )
    if returns:
        wf["returns"] = returns
    if d.unit_ids and draw(st.booleans()):
        wf["dispatch"] = [
            {"from": pick(draw, d.tier_ids), "to": subset(draw, d.unit_ids, 3)} for _ in range(draw(st.integers(1, 2)))
        ]
    if draw(st.booleans()):
        wf["verification"] = {"deadline_hours": draw(st.integers(1, 72)), "by": pick(draw, d.tier_ids)}
    d.policy["workflow"] = wf


def _quotas(draw: Draw) -> list[Entry]:
    quotas = []
    for _ in range(draw(st.integers(0, 2))):
        quota: Entry = {
            "metric": pick(draw, ["events_reported", "disposal_rate"]),
            "kind": pick(draw, ["count", "rate"]),
        }
        put(quota, "min", maybe(draw, st.integers(0, 50)))
        put(quota, "max", maybe(draw, st.integers(0, 50), 3))
        put(quota, "add", maybe(draw, st.integers(-5, 20)))
        put(quota, "per", maybe(draw, st.sampled_from(("worker", "unit", "tier"))))
        put(quota, "period", maybe(draw, st.sampled_from(("day", "week", "month", "quarter", "year"))))
        quotas.append(quota)
    return quotas


def _scoring(draw: Draw) -> list[Entry]:
    scoring = []
    for _ in range(draw(st.integers(0, 2))):
        rule: Entry = {
            "when": pick(draw, ["returned", "unqualified", "late_verification", "excellent_event"]),
            "effect": pick(draw, ["bonus", "deduct", "score"]),
        }
        put(rule, "points", maybe(draw, st.integers(-10, 10)))
        put(rule, "direction", maybe(draw, st.sampled_from(("higher_better", "lower_better"))))
        scoring.append(rule)
    return scoring


def _ranking(draw: Draw, d: _Drawn) -> Entry:
    ranking: Entry = {}
    put(ranking, "of", maybe(draw, st.sampled_from(("worker", "unit", "tier"))))
    put(ranking, "period", maybe(draw, st.sampled_from(("month", "quarter", "year"))))
    consequences = []
    for _ in range(draw(st.integers(0, 3))):
        when: Entry = {}
        for key in subset(draw, ["top", "bottom", "score_at_most", "consecutive_periods"], 2):
            when[key] = draw(st.integers(0, 5)) if key != "score_at_most" else draw(st.integers(0, 100))
        consequence: Entry = {
            "when": when,
            "effect": draw(
                st.sampled_from(("lose_performance_pay", "double_performance_pay", "dismissal", "funding", "other"))
            ),
        }
        put(consequence, "decided_by", (pick(draw, d.unit_ids) if draw(st.integers(0, 2)) == 0 else None))
        consequences.append(consequence)
    if consequences:
        ranking["consequences"] = consequences
    return ranking


def _assessments(draw: Draw, d: _Drawn) -> None:
    regimes: list[Entry] = []
    if d.unit_ids:
        for i in range(draw(st.integers(0, 4))):
            rid = f"r{i}"
            regime: Entry = {
                "id": rid,
                "assessor": pick(draw, d.unit_ids),
                "assessed": pick(draw, d.tier_ids + d.unit_ids),
            }
            put(regime, "period", maybe(draw, st.sampled_from(("ad_hoc", "day", "week", "month", "quarter", "year"))))
            if regimes and draw(st.booleans()):
                regime["adds_to"] = pick(draw, [r["id"] for r in regimes])  # earlier only: no cycle
            quotas = _quotas(draw)
            if quotas:
                regime["quotas"] = quotas
            scoring = _scoring(draw)
            if scoring:
                regime["scoring"] = scoring
            if draw(st.booleans()):
                regime["ranking"] = _ranking(draw, d)
            regimes.append(regime)
    if regimes:
        d.policy["assessments"] = regimes


def _duties_and_platform_rules(draw: Draw, d: _Drawn) -> None:
    rules = []
    for i in range(draw(st.integers(0, 2))):
        rule: Entry = {
            "id": f"pr{i}",
            "name": name(draw, f"pr{i}"),
            "kind": pick(draw, ["registration", "check_in", "report_format", "alert", "tracking", "other"]),
        }
        put(rule, "applies_to", (pick(draw, d.tier_ids + d.unit_ids) if draw(st.integers(0, 1)) == 0 else None))
        put(rule, "deadline_days", maybe(draw, SMALL))
        rules.append(rule)
    rule_ids = [r["id"] for r in rules]
    duties = []
    duty_ids = [f"d{i}" for i in range(draw(st.integers(0, 4)))]
    for did in duty_ids:
        duty: Entry = {"id": did, "name": name(draw, did), "applies_to": pick(draw, d.tier_ids + d.unit_ids)}
        put(duty, "start", maybe(draw, TIME))
        put(duty, "end", maybe(draw, TIME))
        if d.item_ids:
            put(duty, "item", (pick(draw, d.item_ids) if draw(st.integers(0, 1)) == 0 else None))
        if rule_ids:
            put(duty, "platform_rule", (pick(draw, rule_ids) if draw(st.integers(0, 1)) == 0 else None))
        if draw(st.booleans()):
            active: Entry = {}
            put(active, "from", maybe(draw, DATE))
            put(active, "to", maybe(draw, DATE))
            duty["active"] = active
        others = [o for o in duty_ids if o != did]
        if others and draw(st.booleans()):
            duty["waived_during"] = subset(draw, others, 2)
        put(duty, "penalty", (text(draw, "penalty") if draw(st.integers(0, 2)) == 0 else None))
        duties.append(duty)
    if duties:
        d.policy["duties"] = duties
    if rules:
        d.policy["platform_rules"] = rules


def _figures(draw: Draw, d: _Drawn) -> None:
    figures = [{"id": f"f{i}", "value": draw(NUMBERS)} for i in range(draw(st.integers(0, 2)))]
    if figures:
        d.policy["figures"] = figures
    spending = [{"year": draw(st.integers(2000, 2030)), "yuan": draw(NUMBERS)} for _ in range(draw(st.integers(0, 2)))]
    if spending:
        d.policy["spending"] = spending
