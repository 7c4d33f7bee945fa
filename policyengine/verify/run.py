"""Verify a policy: every property, in a fixed order, each proved, refuted or unknown."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import Policy
from ..rules.check import CompiledRules
from . import properties
from .results import KINDS, UNENCODABLE, UNKNOWN, Property, Report
from .session import Session
from .world import Unencodable

CHECKS: tuple[Callable[[Session], Iterator[Property]], ...] = (
    properties.coverage,
    properties.agreement,
    properties.order,
    properties.dead,
    properties.invariants,
)


def _cannot_encode(policy: Policy, rules: CompiledRules, error: Unencodable) -> list[Property]:
    """Every property the policy has, unknown: a construct the prover cannot write stands in the way."""
    said = {"construct": error.reason}
    out = [
        Property("coverage", adm.id, UNKNOWN, str(adm.span), {"procedure": adm.id, **said}, reason=UNENCODABLE)
        for adm in policy.admissions.values()
        if rules.criteria.get(adm.id)
    ]
    for ident, inv in rules.invariants.items():
        params = {"invariant": ident, **said}
        out.append(Property("invariant", ident, UNKNOWN, str(inv.span), params, reason=UNENCODABLE))
    return out


def verify(
    policy: Policy,
    rules: CompiledRules,
    on: str,
    timeout: float,
    label: str,
    tick: Callable[[int], None] | None = None,
) -> Report:
    """`tick(n)` is told how many properties are settled so far (a progress bar)."""
    report = Report(label, on, timeout)
    try:
        session = Session(policy, rules, on, timeout)
        for check in CHECKS:
            for found in check(session):
                report.properties.append(found)
                if tick is not None:
                    tick(len(report.properties))
    except Unencodable as error:
        report.properties = _cannot_encode(policy, rules, error)
    report.properties.sort(key=lambda p: KINDS.index(p.kind))  # stable: declared order within a kind
    return report


__all__ = ["verify"]
