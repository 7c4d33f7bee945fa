"""The assessment regimes as they land on grid workers, each scoped to the grids it covers.

A regime covers the grids of its assessor's reach: an assessor on the root tier (the district
centre) covers every grid; an assessor that belongs to an instance of a tier (`instance: street_q`:
Street Q's own centre) covers the grids of the street laid out for that instance (layout.py); any
other assessor covers every grid, each ranked within its own unit (each street centre its street).
A regime's monthly quota per worker and what it scores follow its `adds_to` chain (Street Q's +10
on the district's 30). A worker must meet every quota that covers the grid (the largest counts);
each regime that ranks workers with consequences ranks, scores and pays them on its own rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..graph import PolicyGraph
from ..model import Policy
from .layout import Layout


@dataclass(frozen=True)
class Consequences:
    """A ranking's consequences for workers, as declared (None: not declared)."""

    group: str = "street"  # ranking group: street, community or district
    bottom_lose_pay: int = 0
    top_double_pay: int = 0
    lose_pay_at_most: float | None = None
    dismissal_at_most: float | None = None
    dismissal_periods: int = 0

    @property
    def takes_pay(self) -> bool:
        return self.bottom_lose_pay > 0 or self.lose_pay_at_most is not None

    @property
    def dismisses(self) -> bool:
        return self.dismissal_at_most is not None


@dataclass(frozen=True)
class ScopedRegime:
    id: str
    covers: NDArray[np.bool_]  # (G,) the grids it assesses
    quota: float  # events a worker must report a month (0: none)
    scores: frozenset[str]  # the `when`s it scores, its adds_to chain's included
    consequences: Consequences | None = None  # a ranking of workers with consequences
    group: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # (G,) ranking group


def _chain(policy: Policy, regime_id: str) -> list[str]:
    out: list[str] = []
    cur: str | None = regime_id
    while cur is not None and cur in policy.regimes and cur not in out:
        out.append(cur)
        cur = policy.regimes[cur].adds_to
    return out


def _quota(policy: Policy, regime_id: str) -> float:
    """The regime's per-worker monthly count of events reported: a `min`, or an `add` on the quota of
    the regime it adds to."""
    chain = _chain(policy, regime_id)
    total = 0.0
    for rid in reversed(chain):
        base = total
        for q in policy.regimes[rid].quotas:
            if q.metric == "events_reported" and q.kind == "count" and q.per == "worker":
                if q.min is not None:
                    total = max(total, float(q.min))
                if q.add is not None:
                    total = max(total, base + float(q.add))
    return total


def _consequences(policy: Policy, graph: PolicyGraph, grid: str, regime_id: str) -> Consequences | None:
    r = policy.regimes[regime_id]
    if r.ranking_of != "worker" or not r.consequences:
        return None
    tier = graph.tier_of(r.assessor)
    kw: dict[str, object] = {
        "group": "community"
        if tier == graph.parent(grid)
        else "street"
        if tier and graph.depth(tier) >= 1
        else "district"
    }
    for c in r.consequences:
        if c.effect == "lose_performance_pay":
            if c.bottom:
                kw["bottom_lose_pay"] = c.bottom
            if c.score_at_most is not None and not c.consecutive_periods:
                kw["lose_pay_at_most"] = c.score_at_most
        elif c.effect == "double_performance_pay" and c.top:
            kw["top_double_pay"] = c.top
        elif c.effect == "dismissal" and c.score_at_most is not None:
            kw["dismissal_at_most"] = c.score_at_most
            kw["dismissal_periods"] = c.consecutive_periods or 1
    return Consequences(**kw)  # type: ignore[arg-type]


def _covers(policy: Policy, graph: PolicyGraph, layout: Layout, assessor: str) -> NDArray[np.bool_]:
    instance = policy.structure.belonging("unit", assessor).instance if policy.structure else None
    if instance is not None and instance in layout.streets:
        return np.asarray(layout.street == layout.streets.index(instance))
    if instance is not None and instance in layout.empty:  # its street has no grid in this run
        return np.zeros(layout.street.size, dtype=bool)
    return np.ones(layout.street.size, dtype=bool)


def scoped_regimes(policy: Policy, graph: PolicyGraph, grid: str, layout: Layout) -> tuple[ScopedRegime, ...]:
    """Every regime that puts a quota, a score or a ranking on grid workers, with the grids it covers
    (a regime that adds to another carries the other's quota and scoring within its own cover)."""
    out = []
    for rid, r in policy.regimes.items():
        chain = _chain(policy, rid)
        cons = _consequences(policy, graph, grid, rid)
        quota = _quota(policy, rid)
        scores = frozenset(s.when for x in chain for s in policy.regimes[x].scoring)
        if not quota and not scores and cons is None:
            continue
        covers = _covers(policy, graph, layout, r.assessor)
        group = {"community": layout.community, "street": layout.street}.get(
            cons.group if cons else "district", np.zeros(layout.street.size, dtype=np.int64)
        )
        out.append(ScopedRegime(rid, covers, quota, scores, cons, np.asarray(group, dtype=np.int64)))
    return tuple(out)


def per_grid_quota(regimes: tuple[ScopedRegime, ...], grids: int) -> NDArray[np.float64]:
    """Each grid's quota: the largest of the regimes that cover it."""
    quota = np.zeros(grids)
    for r in regimes:
        quota = np.where(r.covers, np.maximum(quota, r.quota), quota)
    return quota


def scored_at(regimes: tuple[ScopedRegime, ...], grids: int, when: str) -> NDArray[np.bool_]:
    """Per grid: a regime covering it scores `when`."""
    out = np.zeros(grids, dtype=bool)
    for r in regimes:
        if when in r.scores:
            out |= r.covers
    return out


__all__ = ["Consequences", "ScopedRegime", "per_grid_quota", "scoped_regimes", "scored_at"]
