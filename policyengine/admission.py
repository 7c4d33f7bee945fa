"""Admission decisions (准入): for every item, what its tier's procedure decides, and the bill.

An item is governed by the admission procedures of its assigned tier that govern a list holding
it (a procedure without `lists` governs every list of its tier; an item in no list falls under
such procedures only). Criteria are tried in declared order, procedure by procedure; the first
clause that holds decides. A procedure that declares no criteria is a review by hand: when no clause
decides and such a procedure governs the item, the item is pending that review (never rejected). With
procedures that all have criteria but no deciding clause, the item is rejected: an admission gate
admits only what a criterion admits. Without any procedure, the item is admitted unreviewed — that is the situation PE200 reports. A procedure whose `valid` range does not contain
the judged date is out of force and governs nothing on that date. An item on a list whose exit
condition (`changes.exit`) holds on the date keeps its decision; the decision names the list.
"""

from __future__ import annotations

import weakref
from dataclasses import replace
from datetime import date

from .decisions import (
    ADMITTED,
    BY_HAND,
    CONDITIONAL,
    PENDING,
    REJECTED,
    UNDECIDED,
    UNGOVERNED,
    UNREVIEWED,
    Admissions,
    Bill,
    Decision,
)
from .graph import PolicyGraph
from .model import Admission, Item, Policy
from .rules.check import CompiledRules
from .rules.facts import Facts


class Governance:
    """Which procedures govern which item, indexed once: lists holding each item, procedures per tier."""

    def __init__(self, policy: Policy):
        self.holding: dict[str, set[str]] = {}
        for lst in policy.lists.values():
            for item_id in lst.items:
                if item_id in policy.items and policy.items[item_id].tier == lst.tier:
                    self.holding.setdefault(item_id, set()).add(lst.id)
        self.by_tier: dict[str, list[Admission]] = {}
        for adm in policy.admissions.values():
            self.by_tier.setdefault(adm.tier, []).append(adm)

    def governing(self, item: Item, on: str | None = None) -> list[str]:
        """The procedures that govern an item, in declared order; with `on`, only those in force that day."""
        holding = self.holding.get(item.id, set())
        return [
            adm.id
            for adm in self.by_tier.get(item.tier, ())
            if (not adm.lists or holding & set(adm.lists)) and adm.in_force(on)
        ]


_INDEXES: dict[int, tuple[weakref.ref[Policy], Governance]] = {}  # id(policy) -> (the policy, its index)


def governance_of(policy: Policy) -> Governance:
    """The policy's governance index, built once per policy object (policies are immutable)."""
    key = id(policy)
    entry = _INDEXES.get(key)
    if entry is not None and entry[0]() is policy:
        return entry[1]
    index = Governance(policy)

    def forget(_ref: weakref.ref[Policy], k: int = key) -> None:
        _INDEXES.pop(k, None)

    _INDEXES[key] = (weakref.ref(policy, forget), index)
    return index


def governing(policy: Policy, item: Item, on: str | None = None) -> list[str]:
    """The procedures that govern one item (with `on`: those in force on that date)."""
    return governance_of(policy).governing(item, on)


def decide_item(
    policy: Policy,
    rules: CompiledRules,
    facts: Facts,
    item: Item,
    governance: Governance | None = None,
    on: str | None = None,
) -> Decision:
    """One item's decision on date `on` (default: the date the facts were built for)."""
    procedures = (governance or governance_of(policy)).governing(item, on or facts.on)
    if not procedures:
        return Decision(item.id, item.tier, UNREVIEWED, reason=UNGOVERNED)
    for procedure in procedures:
        for rule in rules.criteria.get(procedure, ()):
            outcome = rule.evaluate(facts, item.id)
            if outcome is None or outcome.kind == "finding":
                continue
            if outcome.kind == "reject":
                return Decision(item.id, item.tier, REJECTED, procedure, rule.name, outcome.reason)
            if outcome.kind == "admit":
                return Decision(item.id, item.tier, ADMITTED, procedure, rule.name)
            return Decision(
                item.id,
                item.tier,
                CONDITIONAL,
                procedure,
                rule.name,
                devolve=tuple(sorted(outcome.devolve)),
                money=outcome.money,
                people=outcome.people,
                term_days=outcome.term_days,
            )
    by_hand = next((p for p in procedures if not rules.criteria.get(p)), None)
    if by_hand is not None:
        return Decision(item.id, item.tier, PENDING, by_hand, None, BY_HAND)
    return Decision(item.id, item.tier, REJECTED, procedures[0], None, UNDECIDED)


def exits(policy: Policy, rules: CompiledRules, facts: Facts, item: Item) -> tuple[str, ...]:
    """The lists holding the item (by id, or by its category on its own tier) whose exit condition
    holds for it on the facts' date, in declared order."""
    found = []
    for list_id, conditions in rules.exits.items():
        lst = policy.lists.get(list_id)
        if lst is None or not (item.id in lst.items or (lst.tier == item.tier and item.category in lst.categories)):
            continue
        env = {"item": item.id, "on": facts.on}
        if any(condition(facts, env) is True for condition in conditions):
            found.append(list_id)
    return tuple(found)


def decide(policy: Policy, rules: CompiledRules, on: str | None = None) -> Admissions:
    """Every item's decision, in item-id order, and the bill per tier. Independent of item order."""
    on = on or date.today().isoformat()
    facts = Facts(policy, PolicyGraph(policy, on), on)
    governance = governance_of(policy)
    decisions = [decide_item(policy, rules, facts, policy.items[i], governance, on) for i in sorted(policy.items)]
    if rules.exits:
        decisions = [replace(d, exits=exits(policy, rules, facts, policy.items[d.item])) for d in decisions]
    bills: dict[str, Bill] = {}
    for d in decisions:
        if d.decision != CONDITIONAL:
            continue
        bill = bills.setdefault(d.tier, Bill(d.tier))
        for power in d.devolve:
            bill.powers.setdefault(power, []).append(d.item)
        bill.money += d.money
        bill.people += d.people
        owner = policy.items[d.item].owner or policy.items[d.item].issued_by or "?"
        bill.sources[owner] = bill.sources.get(owner, 0.0) + d.money
    return Admissions(decisions, [bills[t] for t in sorted(bills)])


__all__ = [
    "ADMITTED",
    "BY_HAND",
    "CONDITIONAL",
    "PENDING",
    "REJECTED",
    "UNDECIDED",
    "UNGOVERNED",
    "UNREVIEWED",
    "Admissions",
    "Bill",
    "Decision",
    "Governance",
    "decide",
    "decide_item",
    "exits",
    "governance_of",
    "governing",
]
