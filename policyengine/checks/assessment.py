"""PE301-PE305: assessment regimes and platform rules that invite gaming (变通)."""

from __future__ import annotations

from itertools import combinations
from typing import Iterator

from ..codes import EFFECT_ZH, EVENT_ZH
from ..diagnostics import Subject, Violation
from ..model import Duty, Quota, Regime
from .context import Context


def assessment_overload(ctx: Context) -> Iterator[Violation]:
    """PE301: more assessors of one tier than configured (多层级考核)."""
    limit = ctx.threshold("PE301", "max_assessors")
    for tier_id, tier in ctx.policy.tiers.items():
        assessors = ctx.graph.assessors_of(tier_id)
        if len(assessors) > limit:
            yield Violation("PE301", "overload", tier.span, Subject("tier", tier_id), {
                "tier": tier_id, "count": len(assessors), "assessors": ", ".join(assessors), "max": limit})


def _assessor_depth(ctx: Context, regime: Regime) -> int:
    unit = ctx.policy.units.get(regime.assessor)
    return ctx.graph.depth(unit.tier) if unit else 0


def _bases(ctx: Context, regime: Regime) -> list[Regime]:
    """Regimes whose quotas `regime` builds on: the one it adds to, and those set higher on the same target."""
    found = []
    if regime.adds_to in ctx.policy.regimes:
        found.append(ctx.policy.regimes[regime.adds_to])
    depth = _assessor_depth(ctx, regime)
    for other in ctx.policy.regimes.values():
        if (other is not regime and other not in found and other.assessed == regime.assessed
                and _assessor_depth(ctx, other) < depth):
            found.append(other)
    return found


def quota_escalation(ctx: Context) -> Iterator[Violation]:
    """PE302: a lower level raises a quota set above it (层层加码)."""
    for regime in ctx.policy.regimes.values():
        bases = _bases(ctx, regime)
        for index, quota in enumerate(regime.quotas):
            for base in bases:
                above = next((q for q in base.quotas if q.metric == quota.metric), None)
                if above is None:
                    continue
                common = {"regime": regime.id, "metric": quota.metric, "base": base.id}
                if quota.add is not None and quota.add > 0:
                    yield Violation("PE302", "add", quota.at("add"), Subject("assessment", regime.id),
                                    {**common, "add": quota.add})
                    break
                if quota.min is not None and above.min is not None and quota.min > above.min:
                    yield Violation("PE302", "min", quota.at("min"), Subject("assessment", regime.id),
                                    {**common, "min": quota.min, "base_min": above.min})
                    break


def _count_quotas(ctx: Context, regime: Regime) -> list[Quota]:
    found, seen, cur = [], set(), regime
    while cur is not None and cur.id not in seen:  # adds_to chains may loop in bad input
        seen.add(cur.id)
        found += [q for q in cur.quotas if q.kind == "count" and ((q.min or 0) > 0 or (q.add or 0) > 0)]
        cur = ctx.policy.regimes.get(cur.adds_to) if cur.adds_to else None
    return found


def count_quota_forced_ranking(ctx: Context) -> Iterator[Violation]:
    """PE303: count quotas plus forced ranking with pay or dismissal at stake (invites 凑件)."""
    stakes = set(ctx.threshold("PE303", "stakes"))
    for regime in ctx.policy.regimes.values():
        quotas = _count_quotas(ctx, regime)
        by_rank = [c for c in regime.consequences if (c.top or 0) > 0 or (c.bottom or 0) > 0]
        at_stake = sorted({c.effect for c in by_rank} & stakes)
        if not (quotas and at_stake):
            continue
        yield Violation("PE303", "ranking", regime.at("ranking"), Subject("assessment", regime.id), {
            "regime": regime.id, "metrics": ", ".join(sorted({q.metric for q in quotas})),
            "stakes": ", ".join(at_stake).replace("_", " "),
            "stakes_zh": "、".join(EFFECT_ZH.get(s, s) for s in at_stake)})


def escalation_penalised(ctx: Context) -> Iterator[Violation]:
    """PE304: escalated events cost points when returned (invites selective reporting)."""
    if not ctx.policy.workflow or not ctx.policy.workflow.returns:
        return
    events = set(ctx.threshold("PE304", "events"))
    for regime in ctx.policy.regimes.values():
        for index, rule in enumerate(regime.scoring):
            if rule.effect == "deduct" and rule.when in events:
                yield Violation("PE304", "penalised", regime.at("scoring", index), Subject("assessment", regime.id),
                                {"regime": regime.id, "event": rule.when,
                                 "event_zh": EVENT_ZH.get(rule.when, rule.when)})


def _minutes(text: str | None, default: int) -> int:
    if text is None:
        return default
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _window(duty: Duty) -> tuple[str, str]:
    if duty.start and duty.end:
        return f"{duty.start}-{duty.end}", f"{duty.start}至{duty.end}"
    if duty.end:
        return f"by {duty.end}", f"{duty.end}前"
    if duty.start:
        return f"from {duty.start}", f"{duty.start}起"
    return "all day", "全天"


def _intervals(duty: Duty) -> list[tuple[int, int]]:
    """The duty's minutes of the day; a window whose end is before its start runs past midnight."""
    start, end = _minutes(duty.start, 0), _minutes(duty.end, 24 * 60)
    if end < start:
        return [(start, 24 * 60), (0, end)]
    return [(start, end)]


def _overlap(a: tuple, b: tuple) -> bool:
    return max(a[0], b[0]) <= min(a[1], b[1])


def timing_collision(ctx: Context) -> Iterator[Violation]:
    """PE305: fixed-time duties that collide (8:30 check-in vs a 6:30 task)."""
    duties = sorted(ctx.policy.duties.values(), key=lambda d: (d.span, d.id))
    for first, second in combinations(duties, 2):
        target = _shared_target(ctx, first, second)
        if target is None:
            continue
        if first.id in second.waived_during or second.id in first.waived_during:
            continue
        times = any(_overlap(a, b) for a in _intervals(first) for b in _intervals(second))
        dates = [(d.active[0] or "0000-00-00", d.active[1] or "9999-99-99") for d in (first, second)]
        if not (times and _overlap(*dates)):
            continue
        (window, window_zh), (other, other_zh) = _window(second), _window(first)
        yield Violation("PE305", "collision", second.span, Subject("duty", second.id), {
            "duty": second.id, "window": window, "window_zh": window_zh, "other": first.id,
            "other_window": other, "other_window_zh": other_zh, "target": target})


def _shared_target(ctx: Context, a: Duty, b: Duty) -> str | None:
    """The tier (or unit) both duties fall on, if any."""
    if a.applies_to == b.applies_to:
        return a.applies_to
    tier_a, tier_b = ctx.graph.tier_of(a.applies_to), ctx.graph.tier_of(b.applies_to)
    if a.applies_to in ctx.policy.tiers and tier_b == a.applies_to:
        return b.applies_to
    if b.applies_to in ctx.policy.tiers and tier_a == b.applies_to:
        return a.applies_to
    return None
