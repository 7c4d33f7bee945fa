"""The monthly assessment of grid workers under each scoped regime (docs/simulation.md, rule 8): the
score on the regime's own rules, the ranking within its groups, and its consequences — pay lost, pay
doubled, dismissal after a streak."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import NDArray

from .parameters import value_of
from .regimes import ScopedRegime


@dataclass
class Month:
    """One month of one grid's worker, per grid (G,): what the assessment reads."""

    reports: NDArray[np.int64]
    transfers_ok: NDArray[np.int64]  # escalations never returned
    returns: NDArray[np.int64]  # escalations returned
    unqualified: NDArray[np.int64]  # every unqualified report, returns included
    late: NDArray[np.int64]  # closed reports verified late
    packaged: NDArray[np.int64]  # reports packaged as excellent


@dataclass
class Outcome:
    lose: NDArray[np.bool_]  # (G,) lost the month's performance pay under some regime
    double: NDArray[np.bool_]  # (G,) paid double under some regime (and lost it under none)
    dismissed: NDArray[np.bool_]  # (G,) dismissed under some regime


def score(r: ScopedRegime, m: Month, p: dict[str, float | None]) -> NDArray[np.float64]:
    """The month's score of each worker in `m` on regime r's rules."""
    ret_pen = value_of(p, "return_penalty_points") if "returned" in r.scores else value_of(p, "unqualified_points")
    s = (
        value_of(p, "score_base")
        - value_of(p, "quota_miss_points") * np.maximum(0.0, r.quota - m.reports)
        - ret_pen * m.returns
        - value_of(p, "unqualified_points") * (m.unqualified - m.returns)
    )
    if "district_transfers" in r.scores:
        s += value_of(p, "escalation_points") * m.transfers_ok
    if "exceeds_quota" in r.scores:
        s += value_of(p, "exceed_bonus_points") * np.maximum(0.0, m.reports - r.quota)
    if "late_verification" in r.scores:
        s -= value_of(p, "late_verification_points") * m.late
    if "excellent_event" in r.scores:
        s += value_of(p, "excellent_bonus_points") * m.packaged
    return np.asarray(s, dtype=float)


def assess(
    regimes: tuple[ScopedRegime, ...],
    m: Month,
    p: dict[str, float | None],
    streaks: dict[str, NDArray[np.int64]],
    jitter: NDArray[np.float64],
) -> Outcome:
    """Every regime with consequences ranks the grids it covers within its groups (ties broken by
    `jitter`); `streaks` (per dismissing regime) are advanced in place."""
    G = m.reports.size
    out = Outcome(np.zeros(G, dtype=bool), np.zeros(G, dtype=bool), np.zeros(G, dtype=bool))
    for r in regimes:
        cons = r.consequences
        if cons is None:
            continue
        # ranked within its groups, among the grids it covers only
        cov = np.flatnonzero(r.covers)
        s = score(r, Month(*(getattr(m, f.name)[cov] for f in fields(Month))), p)
        group = r.group[cov]
        order = np.lexsort((jitter[cov], s, group))
        pos = np.empty(cov.size, dtype=np.int64)
        starts = np.searchsorted(group[order], group[order], side="left")
        pos[order] = np.arange(cov.size) - starts
        size = np.bincount(group)[group]
        lose = pos < cons.bottom_lose_pay
        if cons.lose_pay_at_most is not None:
            lose |= s <= cons.lose_pay_at_most
        double = (pos >= size - cons.top_double_pay) & (cons.top_double_pay > 0)
        out.lose[cov] |= lose
        out.double[cov] |= double
        if cons.dismissal_at_most is not None:
            streak = np.where(s <= cons.dismissal_at_most, streaks[r.id][cov] + 1, 0)
            streaks[r.id][cov] = streak
            out.dismissed[cov] |= streak >= cons.dismissal_periods
    out.double &= ~out.lose
    return out


__all__ = ["Month", "Outcome", "assess", "score"]
