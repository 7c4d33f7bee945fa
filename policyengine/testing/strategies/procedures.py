"""The sections of a random valid policy drawn after its structure (tiers, units, grants, categories,
items): lists, admission procedures, the workflow, assessment regimes, duties and platform rules,
figures and spending. Each refers only to ids drawn before it.
"""

from __future__ import annotations

from hypothesis import strategies as st

from .drawn import Drawn, Entry
from .draws import (
    DATE,
    NUMBERS,
    SMALL,
    TIME,
    Draw,
    ancestors,
    coin,
    maybe,
    name,
    pick,
    put,
    subset,
    text,
)


def add_lists(draw: Draw, d: Drawn) -> None:
    lists = []
    for i in range(draw(st.integers(0, 4))):
        lid = f"l{i}"
        lst: Entry = {
            "id": lid,
            "tier": pick(draw, d.tier_ids),
            "kind": pick(draw, ["duties", "cooperation", "returned"]),
        }
        if coin(draw):
            lst["name"] = name(draw, lid)
        # mostly items of the list's own tier, sometimes any item
        own = [i["id"] for i in d.items if i["tier"] == lst["tier"]]
        pool = own if own and coin(draw) else d.item_ids
        if pool and draw(st.integers(0, 3)):
            lst["items"] = subset(draw, pool, 6)
        if d.category_ids and coin(draw):
            lst["categories"] = subset(draw, d.category_ids, 2)
        if d.unit_ids and coin(draw):
            lst["compiled_by"] = subset(draw, d.unit_ids, 2)
        if coin(draw):
            lst["stated"] = {"items": draw(SMALL), **({"approximate": True} if coin(draw) else {})}
        lists.append(lst)
    if lists:
        d.policy["lists"] = lists
    d.list_ids = [lst["id"] for lst in lists]


def add_admissions(draw: Draw, d: Drawn) -> None:
    admissions = []
    for i in range(draw(st.integers(0, 3))):
        adm: Entry = {"id": f"a{i}", "tier": pick(draw, d.tier_ids)}
        if d.list_ids and coin(draw):
            adm["lists"] = subset(draw, d.list_ids, 2)
        if d.unit_ids:
            put(adm, "applicant", (pick(draw, d.unit_ids) if draw(st.integers(0, 1)) == 0 else None))
            put(adm, "reviewer", (pick(draw, d.unit_ids) if draw(st.integers(0, 1)) == 0 else None))
            if coin(draw):
                adm["temporary"] = {"approval_by": pick(draw, d.unit_ids), "max_term_days": draw(SMALL)}
        put(adm, "lead_time_days", maybe(draw, SMALL))
        put(adm, "legal_basis_required", maybe(draw, st.booleans()))
        admissions.append(adm)
    if admissions:
        d.policy["admission"] = admissions


def add_workflow(draw: Draw, d: Drawn) -> None:
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
                "to": "assigned_tier" if coin(draw) else pick(draw, d.tier_ids),
                "basis": pick(draw, ["responsibility", "authority"]),
            }
        )
    if returns:
        wf["returns"] = returns
    if d.unit_ids and coin(draw):
        wf["dispatch"] = [
            {"from": pick(draw, d.tier_ids), "to": subset(draw, d.unit_ids, 3)} for _ in range(draw(st.integers(1, 2)))
        ]
    if coin(draw):
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


def _ranking(draw: Draw, d: Drawn) -> Entry:
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


def add_assessments(draw: Draw, d: Drawn) -> None:
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
            if regimes and coin(draw):
                regime["adds_to"] = pick(draw, [r["id"] for r in regimes])  # earlier only: no cycle
            quotas = _quotas(draw)
            if quotas:
                regime["quotas"] = quotas
            scoring = _scoring(draw)
            if scoring:
                regime["scoring"] = scoring
            if coin(draw):
                regime["ranking"] = _ranking(draw, d)
            regimes.append(regime)
    if regimes:
        d.policy["assessments"] = regimes


def add_duties_and_platform_rules(draw: Draw, d: Drawn) -> None:
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
        if coin(draw):
            active: Entry = {}
            put(active, "from", maybe(draw, DATE))
            put(active, "to", maybe(draw, DATE))
            duty["active"] = active
        others = [o for o in duty_ids if o != did]
        if others and coin(draw):
            duty["waived_during"] = subset(draw, others, 2)
        put(duty, "penalty", (text(draw, "penalty") if draw(st.integers(0, 2)) == 0 else None))
        duties.append(duty)
    if duties:
        d.policy["duties"] = duties
    if rules:
        d.policy["platform_rules"] = rules


def add_figures(draw: Draw, d: Drawn) -> None:
    figures = [{"id": f"f{i}", "value": draw(NUMBERS)} for i in range(draw(st.integers(0, 2)))]
    if figures:
        d.policy["figures"] = figures
    spending = [{"year": draw(st.integers(2000, 2030)), "yuan": draw(NUMBERS)} for _ in range(draw(st.integers(0, 2)))]
    if spending:
        d.policy["spending"] = spending
