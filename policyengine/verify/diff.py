"""What a reform does to items not yet submitted: for each pair of decisions, whether some item the
baseline decides one way the reform decides the other, and, for each pair of clauses that does it,
an item that shows it. The item is one valid under both policies (its tier, units, powers and
category declared in each); the lists it is on are its lists in each policy."""

from __future__ import annotations

from collections.abc import Callable

import z3

from ..model import Policy
from ..rules.check import CompiledRules
from .results import PROVED, REFUTED, UNENCODABLE, UNKNOWN, Counterexample, Property, Report
from .session import Session
from .values import Names
from .world import Unencodable

DECISIONS = ("admitted", "conditional", "rejected", "pending", "unreviewed")
PER_CHANGE = 8  # clause pairs shown for one change of decision, at most


def changes(
    base: tuple[Policy, CompiledRules],
    reformed: tuple[Policy, CompiledRules],
    on: str,
    timeout: float,
    label: str,
    tick: Callable[[int], None] | None = None,
) -> Report:
    names = Names()
    report = Report(label, on, timeout)
    try:
        before = Session(*base, on, timeout, names, "base")
        after = Session(*reformed, on, timeout, names, "reform")
    except Unencodable as error:  # every change unknown: a construct stands between the rules and the solver
        params = {"construct": error.reason}
        report.properties.append(Property("change", "any", UNKNOWN, label, params, reason=UNENCODABLE))
        return report
    before.also(after)
    for old in DECISIONS:
        for new in DECISIONS:
            if old != new:
                report.properties.extend(_change(before, after, old, new))
                if tick is not None:
                    tick(len(report.properties))
    if not report.properties:
        report.properties.append(Property("change", "none", PROVED, label, {}))
    return report


def _change(before: Session, after: Session, old: str, new: str) -> list[Property]:
    query = z3.And(before.cascade.decided((old,)), after.cascade.decided((new,)))
    found: list[Property] = []
    blocked: list[z3.BoolRef] = []
    params = {"before": old, "after": new}
    while len(found) < PER_CHANGE:
        status, model, reason = before.ask(z3.And(query, *blocked))
        if status == PROVED:
            break
        if model is None:
            found.append(Property("change", f"{old} → {new}", status, "", params, reason=reason))
            break
        was, now = before.way_of(model), after.way_of(model)
        blocked.append(z3.Not(z3.And(was.fires, now.fires)))
        cx = after.counterexample(model)
        steps, earlier = (after.step(now),), (before.step(was),)
        at = steps[0].at or earlier[0].at or ""
        example = Counterexample(cx.item, cx.lists, steps, earlier, before.counterexample(model).lists)
        found.append(Property("change", f"{old} → {new}", REFUTED, at, params, example))
    return found


__all__ = ["changes"]
