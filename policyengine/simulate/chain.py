"""The escalation chain of one month (docs/simulation.md, rule 4), on the counts of the kinds the grid
escalates: at each level above the grid, a return rule may send events back (settled there if the
target level can, or at the grid if a co-handler is at hand), the level settles what its powers cover
within its units' hours, and passes the rest up; what reaches the top unsettled is a dead end.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .world import World


def binomial(rng: np.random.Generator, n: NDArray[np.int64], p: NDArray[np.float64] | float) -> NDArray[np.int64]:
    """Binomial counts of a 2-D `n`, drawn only where the outcome is uncertain (n > 0 and 0 < p < 1):
    a chance of 1 keeps every count and a chance of 0 none, without a draw. `p` is a number, a row
    (1, K), a column (G, 1) or the shape of `n`."""
    p = np.asarray(p, dtype=float)
    sure = p >= 1.0
    out = np.where(sure, n, 0) if sure.any() else np.zeros_like(n)
    uncertain = (p > 0.0) & ~sure
    if not uncertain.any():
        return out
    idx = np.flatnonzero((n > 0) & uncertain) if not uncertain.all() else np.flatnonzero(n)
    if idx.size:
        if p.size == 1:
            chance: NDArray[np.float64] | float = float(p.ravel()[0])
        elif p.shape == n.shape:
            chance = p.ravel()[idx]
        elif p.shape[0] == 1:  # a row: one chance per column
            chance = p.ravel()[idx % n.shape[1]]
        else:  # a column: one chance per row
            chance = p.ravel()[idx // n.shape[1]]
        out.flat[idx] = rng.binomial(n.ravel()[idx], chance)
    return out


def prior(world: World) -> NDArray[np.float64]:
    """The return risk of escalating each kind from the grid, as the written rules imply it: the
    chance it is returned at some level before one settles it."""
    L, K = world.settle.shape
    keep = np.ones(K)
    open_ = np.ones(K, dtype=bool)
    for ell in range(1, L):
        keep = np.where(open_, keep * (1 - world.ret[ell]), keep)
        open_ &= ~world.settle[ell]
    return 1 - keep


@dataclass
class Reviewed:
    """Per grid and escalated kind (G, J): how the month's escalations ended; per grid (G,): how many
    reached the top level, were settled there, and were left unsettled for want of hours."""

    returned_any: NDArray[np.int64]
    after_return: NDArray[np.int64]
    returned: NDArray[np.int64]
    above: NDArray[np.int64]
    dead: NDArray[np.int64]
    top: NDArray[np.int64]
    settled_top: NDArray[np.int64]
    over: NDArray[np.int64]


class Chain:
    """The levels above the grid of one world, for the kinds the grid cannot settle (`J`)."""

    def __init__(self, world: World, J: NDArray[np.intp]) -> None:
        self.world, self.J = world, J
        G, L = world.grids, len(world.levels)
        self.L = L
        by_unit = {"grid": np.arange(G), "community": world.community, "street": world.street}
        self.units_at = {ell: by_unit.get(world.review_units[ell], np.zeros(G, dtype=np.int64)) for ell in range(1, L)}
        # each unit's grids, for a unit past its hours
        self.unit_rows = {
            ell: np.split(np.argsort(u, kind="stable"), np.cumsum(np.bincount(u))[:-1])
            for ell, u in self.units_at.items()
        }
        # the levels that return or settle any kind the grid escalates (the others only pass it up)
        self.returns_at = [bool(ell and (world.ret[ell, J] > 0).any()) for ell in range(L)]
        self.settles_at = [bool(ell and world.settle[ell, J].any()) for ell in range(L)]

    def review(
        self, escalated: NDArray[np.int64], behaviour: np.random.Generator, return_draws: np.random.Generator
    ) -> Reviewed:
        world, J = self.world, self.J
        moving = escalated.copy()
        zero = np.zeros(escalated.shape[0], dtype=np.int64)
        z = [np.zeros_like(moving) for _ in range(5)]
        out = Reviewed(z[0], z[1], z[2], z[3], z[4], top=zero, settled_top=zero, over=zero)
        for ell in range(1, self.L):
            if not moving.any():
                break
            if ell == self.L - 1:
                out.top = moving.sum(axis=1)
            if self.returns_at[ell]:
                back = binomial(behaviour, moving, world.ret[ell, J][None, :])
                out.returned_any += back
                to = world.ret_to[ell, J]
                fixed = np.where(world.settle[to, J][None, :], back, 0)
                at_grid = (to == 0) & (world.co_presence[J] > 0)
                if at_grid.any() and back[:, at_grid].any():
                    fixed[:, at_grid] = binomial(return_draws, back[:, at_grid], world.co_presence[J][at_grid][None, :])
                out.after_return += fixed
                out.returned += back - fixed
                moving = moving - back
            if self.settles_at[ell]:
                can = np.where(world.settle[ell, J][None, :], moving, 0)
                settled = self.within_capacity(ell, can, behaviour)
                out.above += settled
                out.dead += can - settled
                out.over = out.over + (can - settled).sum(axis=1)
                if ell == self.L - 1:
                    out.settled_top = settled.sum(axis=1)
                moving = moving - can
        out.dead += moving
        return out

    def within_capacity(self, ell: int, can: NDArray[np.int64], rng: np.random.Generator) -> NDArray[np.int64]:
        """The events a level settles: a unit with more than its hours allow settles exactly as many as
        they allow, drawn at random among its events (a multivariate hypergeometric draw: which events
        it takes, not how many); the rest stay unsettled past their deadline (dead ends)."""
        limit = self.world.limits[ell]
        demand = np.bincount(self.units_at[ell], weights=can.sum(axis=1), minlength=limit.size)
        over = np.flatnonzero(demand > limit)
        if not over.size:
            return can
        settled = can.copy()
        for u in over:
            rows = self.unit_rows[ell][u]
            settled[rows] = rng.multivariate_hypergeometric(can[rows].ravel(), int(limit[u])).reshape(rows.size, -1)
        return settled


__all__ = ["Chain", "Reviewed", "binomial", "prior"]
