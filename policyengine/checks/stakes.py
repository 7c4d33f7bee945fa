"""What an assessment's stakes rest on: the consequences that put pay, post or standing at stake, the
measures its parts, quotas and scoring rules count, and whether the assessed controls a measure. Shared
by the checks that judge a regime by its measures (PE307, and a dismissal rule that reads a regime)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..span import Span
from .steps import step

if TYPE_CHECKING:
    from ..model import Policy, Regime
    from ..parties import Party
    from ..scoring import Measure
    from .base import Step
    from .context import Context

# effects that are at stake whatever `PE303.stakes` lists: a post lost, a formal talk with the leaders
ALWAYS_AT_STAKE = ("dismissal", "interview")


def stake_effects(ctx: Context) -> set[str]:
    return set(ctx.threshold("PE303", "stakes")) | set(ALWAYS_AT_STAKE)


def chain(policy: Policy, regime: Regime) -> list[Regime]:
    """The regime and those it adds to, in order (an `adds_to` chain may loop in bad input)."""
    found: list[Regime] = []
    seen: set[str] = set()
    cur: Regime | None = regime
    while cur is not None and cur.id not in seen:
        seen.add(cur.id)
        found.append(cur)
        cur = policy.regimes.get(cur.adds_to) if cur.adds_to else None
    return found


@dataclass(frozen=True)
class Stake:
    """A consequence at stake: its effect, where it is written, and the event it counts (None: it rests
    on the regime's whole result — a grade, a score, a rank)."""

    effect: str
    span: Span
    event: str | None = None


def stakes(ctx: Context, regime: Regime) -> list[Stake]:
    """The regime's consequences (regime-level and ranking) whose effect is at stake."""
    effects = stake_effects(ctx)
    found = [Stake(c.effect, c.span) for c in regime.consequences if c.effect in effects]
    if regime.scheme is not None:
        found += [Stake(o.effect, o.span, o.event) for o in regime.scheme.outcomes if o.effect in effects]
    return found


@dataclass(frozen=True)
class Use:
    """A measure a regime counts, and where: a part's `measure`, a quota's `metric`, a rule's `when`."""

    measure: str
    span: Span
    regime: str


def uses(policy: Policy, regime: Regime) -> Iterator[Use]:
    """Every place the regime (with the quotas along its `adds_to` chain) counts a declared measure."""
    if regime.scheme is not None:
        for p in regime.scheme.parts:
            if p.measure is not None and p.measure in policy.measures:
                yield Use(p.measure, p.at("measure"), regime.id)
    for r in chain(policy, regime):
        for q in r.quotas:
            if q.metric in policy.measures:
                yield Use(q.metric, q.at("metric"), r.id)
    for s in regime.scoring:
        if s.when in policy.measures:
            yield Use(s.when, s.at("when"), regime.id)


def rests_on(ctx: Context, regime: Regime) -> tuple[list[Stake], dict[str, Use]]:
    """The stakes and the measures they rest on, each at its first use: every measure the regime counts
    for a stake on its result, and the counted event of an event-triggered stake."""
    policy = ctx.policy
    at_stake = stakes(ctx, regime)
    found: dict[str, Use] = {}
    if any(s.event is None for s in at_stake):
        for u in uses(policy, regime):
            found.setdefault(u.measure, u)
    for s in at_stake:
        if s.event is not None and s.event in policy.measures:
            found.setdefault(s.event, Use(s.event, s.span, regime.id))
    return at_stake, found


def _controls(policy: Policy, party: Party, assessed: str) -> bool:
    """Whether the party is the assessed (a unit of it, or its tier); `all_of` shares control, so it
    counts only when every member is the assessed."""
    if party.any_of:
        return any(_controls(policy, p, assessed) for p in party.any_of)
    if party.all_of:
        return all(_controls(policy, p, assessed) for p in party.all_of)
    assessed_tier = policy.units[assessed].tier if assessed in policy.units else assessed
    if party.unit is not None:
        unit = policy.units.get(party.unit)
        return party.unit == assessed or (unit is not None and unit.tier == assessed)
    return party.tier is not None and party.tier == assessed_tier


@dataclass(frozen=True)
class Verdict:
    """Why a measure is out of the assessed's hands: what it depends on, or who else decides it; or the
    fields a check would need (`unstated`)."""

    depends_on: tuple[str, ...] = ()
    controlled_by: tuple[Party, ...] = ()
    unstated: tuple[str, ...] = ()


def measure_step(measure: Measure) -> Step:
    """The `why` step that shows a measure: what it depends on and who decides it."""
    return step(
        "measure",
        1,
        measure.span,
        measure=measure.id,
        depends_on=list(measure.depends_on or ()),
        controlled_by=[str(p.unit or p.tier or p.relation or "") for p in measure.controlled_by or ()],
    )


def verdict(policy: Policy, measure: Measure, assessed: str) -> Verdict | None:
    """None when the assessed controls the measure and nothing outside it counts."""
    if measure.depends_on:
        return Verdict(depends_on=measure.depends_on)
    if measure.controlled_by is not None and not any(_controls(policy, p, assessed) for p in measure.controlled_by):
        return Verdict(controlled_by=measure.controlled_by)
    missing = tuple(
        name
        for name, value in (("controlled_by", measure.controlled_by), ("depends_on", measure.depends_on))
        if value is None
    )
    return Verdict(unstated=missing) if missing else None


__all__ = [
    "ALWAYS_AT_STAKE",
    "Stake",
    "Use",
    "Verdict",
    "chain",
    "measure_step",
    "rests_on",
    "stake_effects",
    "stakes",
    "uses",
    "verdict",
]
