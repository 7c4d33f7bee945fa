"""Who a unit's people are and on what terms (人员): how they are engaged, who employs, recruits,
trains and pays them, whom they may be drawn from, when they may be dismissed, how many posts the
unit may have, and — under dual leadership — whose assessment counts (以…考核为主).

Real grid-worker management measures state these terms, and the case turns on them: a worker
engaged by labour dispatch, without formal status, can be dismissed on a monthly score. The model
keeps them as written; `dismissal_rules` lists a unit's dismissal rules with the regimes they rest
on, for the checks that ask whether a worker can lose the post on a score out of their control.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .parties import Party, party_of
from .statedness import value_of

if TYPE_CHECKING:
    from .model import Consequence, Policy, Regime, Unit

# how the people are engaged: 公务员, 事业编制, 合同制, 劳务派遣, 政府购买服务, 志愿者, 兼职, 委托
ENGAGEMENTS = (
    "civil_servant",
    "career",
    "contract",
    "labour_dispatch",
    "purchased_service",
    "volunteer",
    "part_time",
    "entrusted",
)


@dataclass(frozen=True)
class Training:
    hours_per_year: float | None = None
    by: Party | None = None


@dataclass(frozen=True)
class Pay:
    by: Party | None = None
    performance_share: float | None = None  # 绩效工资占比, 0..1


@dataclass(frozen=True)
class DismissalRule:
    """One ground for dismissal (解聘/辞退): for cause (过错), or a result of an assessment regime —
    a grade, a rank or a score — held for `consecutive_periods` periods; who decides it."""

    for_cause: bool = False
    regime: str | None = None
    grade: str | None = None
    top: int | None = None
    bottom: int | None = None
    score_at_most: float | None = None
    consecutive_periods: int | None = None
    decided_by: Party | None = None
    path: tuple[Any, ...] = ()  # where it is written below its unit, for `Unit.at`


@dataclass(frozen=True)
class Staff:
    """A unit's staff terms as its document states them (None / empty: not stated)."""

    engagement: str | None = None
    position: str | None = None  # the position (of the unit's headcount) the terms are for
    employer: str | None = None
    recruited_by: Party | None = None
    contract_years: float | None = None
    drawn_from: tuple[Party, ...] = ()
    training: Training | None = None
    pay: Pay | None = None
    dismissal: tuple[DismissalRule, ...] = ()
    headcount_range: tuple[int | None, int | None] | None = None


@dataclass(frozen=True)
class Staffing:
    """A unit's `staff` and, under dual leadership, the regime whose assessment counts."""

    staff: Staff | None = None
    assessment_counts: str | None = None


def _dismissal(raw: Any, path: tuple[Any, ...]) -> DismissalRule:
    when = raw.get("when") or {}
    rank = when.get("rank") or {}
    return DismissalRule(
        for_cause=raw.get("for") == "cause",
        regime=when.get("regime"),
        grade=when.get("grade"),
        top=value_of(rank.get("top")),
        bottom=value_of(rank.get("bottom")),
        score_at_most=value_of(when.get("score_at_most")),
        consecutive_periods=value_of(when.get("consecutive_periods")),
        decided_by=party_of(raw.get("decided_by"), (*path, "decided_by")),
        path=path,
    )


def _staff(raw: Any) -> Staff | None:
    if not isinstance(raw, dict):  # absent, or a marker: nothing stated
        return None
    training, pay, size = raw.get("training"), raw.get("pay"), raw.get("headcount_range")
    return Staff(
        engagement=value_of(raw.get("engagement")),
        position=raw.get("position"),
        employer=value_of(raw.get("employer")),
        recruited_by=party_of(raw.get("recruited_by"), ("staff", "recruited_by")),
        contract_years=value_of(raw.get("contract_years")),
        drawn_from=tuple(
            p for i, r in enumerate(raw.get("drawn_from", ())) if (p := party_of(r, ("staff", "drawn_from", i)))
        ),
        training=Training(
            value_of(training.get("hours_per_year")), party_of(training.get("by"), ("staff", "training", "by"))
        )
        if isinstance(training, dict)
        else None,
        pay=Pay(party_of(pay.get("by"), ("staff", "pay", "by")), value_of(pay.get("performance_share")))
        if isinstance(pay, dict)
        else None,
        dismissal=tuple(_dismissal(r, ("staff", "dismissal", i)) for i, r in enumerate(raw.get("dismissal", ()))),
        headcount_range=(value_of(size.get("min")), value_of(size.get("max"))) if isinstance(size, dict) else None,
    )


def staffing_of(raw: Any) -> Staffing | None:
    """What a validated unit entry states of its people (None when it states nothing of them)."""
    if "staff" not in raw and "assessment_counts" not in raw:
        return None
    counts = raw.get("assessment_counts")
    return Staffing(
        staff=_staff(raw.get("staff")),
        assessment_counts=value_of(counts.get("regime")) if isinstance(counts, dict) else None,
    )


def staffing_refs(staffing: Staffing | None) -> Iterator[tuple[str, str, tuple[Any, ...]]]:
    """(kind, id, path) of every unit, tier and regime the staffing names, for the reference check."""
    if staffing is None:
        return
    if staffing.assessment_counts is not None:
        yield "assessment", staffing.assessment_counts, ("assessment_counts", "regime")
    staff = staffing.staff
    if staff is None:
        return
    if staff.employer is not None:
        yield "unit", staff.employer, ("staff", "employer")
    parties = [staff.recruited_by, *staff.drawn_from, *(r.decided_by for r in staff.dismissal)]
    parties += [staff.training.by if staff.training else None, staff.pay.by if staff.pay else None]
    for party in parties:
        if party is None:
            continue
        for unit, path in party.units():
            yield "unit", unit, path
        for tier, path in party.tiers():
            yield "tier", tier, path
    for rule in staff.dismissal:
        if rule.regime is not None:
            yield "assessment", rule.regime, (*rule.path, "when", "regime")


@dataclass(frozen=True)
class Dismissal:
    """A ground on which a unit's people may be dismissed, with the regime it rests on: a rule of the
    unit's `staff.dismissal` (`rule`), or a consequence with effect `dismissal` of a regime assessing
    the unit (`consequence`). `regime` is None for a rule for cause or one naming no known regime."""

    regime: Regime | None
    rule: DismissalRule | None = None
    consequence: Consequence | None = None


def assesses(regime: Regime, unit: Unit) -> bool:
    """Whether a regime assesses the unit: it names the unit, or the tier the unit sits at."""
    return regime.assessed in (unit.id, unit.tier)


def dismissal_rules(policy: Policy, unit: Unit) -> tuple[Dismissal, ...]:
    """Every ground on which the unit's people may be dismissed, each with its regime: the unit's own
    `staff.dismissal` rules first (in order), then the `dismissal` consequences of the regimes that
    assess the unit (in declaration order). A regime's rule may be stated on both sides; each is
    listed where it is written."""
    staffing = unit.staffing
    found: list[Dismissal] = []
    if staffing is not None and staffing.staff is not None:
        for rule in staffing.staff.dismissal:
            found.append(Dismissal(regime=policy.regimes.get(rule.regime or ""), rule=rule))
    for regime in policy.regimes.values():
        if assesses(regime, unit):
            found.extend(Dismissal(regime, consequence=c) for c in regime.consequences if c.effect == "dismissal")
    return tuple(found)


__all__ = [
    "ENGAGEMENTS",
    "Dismissal",
    "DismissalRule",
    "Pay",
    "Staff",
    "Staffing",
    "Training",
    "assesses",
    "dismissal_rules",
    "staffing_of",
    "staffing_refs",
]
