"""Admission decisions (准入): for every item, what the procedures governing it decide, and the bill.

An item is governed by the procedures that govern a list of its tier holding it — a procedure
governs the lists its `lists` names, whatever their tier, and without `lists` every list of its own
tier — and by the procedures of its tier without `lists` (an item in no list falls under those
only; `governance.py`). Criteria are tried in declared order, procedure by procedure; the first
clause that holds decides. A procedure that declares no criteria is a review by hand: when no clause
decides and such a procedure governs the item, the item takes the decision of its approval record
(`approvals`) in term on the judged date, and is otherwise pending that review (never rejected),
saying so when its record is out of term. With procedures that all have criteria but no deciding
clause, the item is rejected: an admission gate admits only what a criterion admits. Where criteria
(or that default) decide, they stand, and a record in term that says otherwise is named as
disagreeing. Without any procedure, the item is admitted unreviewed — that is the situation PE200
reports. A procedure whose `valid` range does not contain the judged date governs nothing that day.
An item on a list whose exit condition (`changes.exit`) holds on the date keeps its decision; the
decision names the list.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from .approvals import Approval
from .decisions import (
    ADMITTED,
    APPLIED,
    BY_HAND,
    CONDITIONAL,
    DISAGREES,
    LAPSED,
    OUT_OF_TERM,
    PENDING,
    RECORDED,
    REJECTED,
    UNDECIDED,
    UNGOVERNED,
    UNREVIEWED,
    Admissions,
    Bill,
    Decision,
    Record,
)
from .governance import Governance, governance_of, governing
from .graph import PolicyGraph
from .model import Item, Policy
from .rules.check import CompiledRules
from .rules.facts import Facts


def _by_criteria(rules: CompiledRules, facts: Facts, item: Item, procedures: list[str]) -> Decision | None:
    """The decision of the first clause that holds, trying the procedures' criteria in order."""
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
    return None


def _plain(value: Any) -> Any:
    """A value as the policy writes it, in plain data (a record's `by` and `source` in JSON)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def record_of(approval: Approval, status: str) -> Record:
    """What a decision says of the approval record it rests on or sets aside."""
    raw = approval.raw if isinstance(approval.raw, dict) else {}
    return Record(
        procedure=approval.procedure,
        decision=approval.decision,
        status=status,
        by=approval.by.text() if approval.by is not None else None,
        by_written=_plain(raw.get("by")),
        on=approval.on,
        start=approval.start,
        end=approval.end,
        source=_plain(approval.source),
        at=str(approval.span),
    )


def _with_records(decided: Decision, records: list[Approval], on: str) -> Decision:
    """A decision the criteria (or the gate's default) made: a record in term that says otherwise is
    set aside, and the decision says so."""
    other = next((r for r in records if r.in_term(on) and r.decision != decided.decision), None)
    return decided if other is None else replace(decided, record=record_of(other, DISAGREES))


def _by_hand(item: Item, procedure: str, records: list[Approval], on: str) -> Decision:
    """An item a procedure without criteria governs: the decision of its record in term, if any;
    pending otherwise (saying the record lapsed when there is one out of term)."""
    current = next((r for r in records if r.in_term(on)), None)
    if current is not None:
        return Decision(
            item.id, item.tier, current.decision, current.procedure, None, RECORDED, record=record_of(current, APPLIED)
        )
    if records:
        return Decision(
            item.id, item.tier, PENDING, procedure, None, LAPSED, record=record_of(records[-1], OUT_OF_TERM)
        )
    return Decision(item.id, item.tier, PENDING, procedure, None, BY_HAND)


def decide_item(
    policy: Policy,
    rules: CompiledRules,
    facts: Facts,
    item: Item,
    governance: Governance | None = None,
    on: str | None = None,
) -> Decision:
    """One item's decision on date `on` (default: the date the facts were built for)."""
    on = on or facts.on
    index = governance or governance_of(policy)
    procedures = index.governing(item, on)
    if not procedures:
        return Decision(item.id, item.tier, UNREVIEWED, reason=UNGOVERNED)
    records = [r for r in index.records.get(item.id, ()) if r.procedure in procedures]
    decided = _by_criteria(rules, facts, item, procedures)
    if decided is not None:
        return _with_records(decided, records, on)
    by_hand = [p for p in procedures if not rules.criteria.get(p)]
    if by_hand:
        return _by_hand(item, by_hand[0], [r for r in records if r.procedure in by_hand], on)
    return _with_records(Decision(item.id, item.tier, REJECTED, procedures[0], None, UNDECIDED), records, on)


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
