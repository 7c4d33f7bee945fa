"""What a worker risks, and how much a point of score weighs with it (docs/simulation.md, rule 3).

The behavioural rule is loss aversion (Kahneman and Tversky's prospect theory): a loss weighs
`loss_aversion` times a gain of the same size. What each regime covering a worker's grid puts at
stake is counted in months of performance pay:

- losing the month's performance pay (bottom of the ranking, or at or below a score line): a loss
  of one month's pay, weighted by `loss_aversion`;
- double pay for the top of the ranking: a gain of one month's pay;
- dismissal after a streak: a loss of `dismissal_months_of_pay`, weighted by `loss_aversion`, and
  by how near the worker is to it — (months already in the streak + 1) / months the streak needs;
- every grid a regime assesses (by a quota, a score or a ranking) also carries `pressed_down_stake`:
  what the assessment of the street, with the street's funding at stake, presses down on the worker
  (所有考核项目最终都会下压到网格) where no regime states a consequence for the worker.

The sum is the worker's *pressure* that month: the weight of one point of score against the
worker's own motives (`service_motive` for a problem truly resolved, `integrity_points` against a
fabricated report). Without a stake, points weigh nothing and workers act on their motives; the
more is at stake, the more they chase points. Each assessor's stakes count: two regimes with
consequences on one grid add up.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .parameters import value_of
from .regimes import ScopedRegime


def pressure(
    regimes: tuple[ScopedRegime, ...],
    params: dict[str, float | None],
    streaks: dict[str, NDArray[np.int64]],
    grids: int,
) -> NDArray[np.float64]:
    """Per grid, the loss-weighted performance pay at stake this month, in months of pay."""
    lam = value_of(params, "loss_aversion")
    dismissal = value_of(params, "dismissal_months_of_pay")
    out = np.zeros(grids)
    assessed = np.zeros(grids, dtype=bool)
    for r in regimes:
        assessed |= r.covers
        cons = r.consequences
        if cons is None:
            continue
        stake = np.zeros(grids)
        if cons.takes_pay:
            stake += lam
        if cons.top_double_pay:
            stake += 1.0
        if cons.dismisses:
            near = (streaks[r.id] + 1) / max(cons.dismissal_periods, 1)
            stake = stake + lam * dismissal * np.minimum(near, 1.0)
        out += np.where(r.covers, stake, 0.0)
    return out + np.where(assessed, value_of(params, "pressed_down_stake"), 0.0)


__all__ = ["pressure"]
