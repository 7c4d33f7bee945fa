"""The month loop, vectorised over the month's problems with numpy: no Python object per event,
no global random state. Each problem is a row of a few arrays; each report a row of others.

Two generators drive a run: `arrivals` (problem counts per grid and kind, and how visible each
problem is) — shared by every scenario of the run, so baseline and reform see the same problems —
and `behaviour` (every choice and check). Side streams, children derived from the streams' seeds
without drawing from them, give within-month timing (the day a problem arises and is found from
the arrivals' child, the days of fabricated reports from the behaviour's child) and whether a
co-handler is at hand when a returned event comes back to the grid (another child of the
behaviour stream); no draw of the two main streams depends on them. The rules are documented in
docs/simulation.md.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .parameters import value_of
from .tally import (
    COSMETIC,
    COUNTERS,
    DEAD_END,
    DROPPED,
    FABRICATED,
    GENUINE,
    MAX_DAYS,
    RESOLVED,
    RESOLVED_ABOVE,
    RESOLVED_AFTER_RETURN,
    RESOLVED_ON_SITE,
    RETURNED,
    STATES,
    UNDETECTED,
    C,
    MonthRecord,
    Tally,
)
from .timing import FABRICATED_PER_DAY, RETURN_KEY, TIMING_KEY, fabricated_on, timing_stream
from .world import World


def _prior(world: World) -> NDArray[np.float64]:
    """The return risk of escalating each kind from the grid, as the written rules imply it: the
    chance it is returned at some level before one settles it."""
    L, K = world.settle.shape
    keep = np.ones(K)
    open_ = np.ones(K, dtype=bool)
    for ell in range(1, L):
        keep = np.where(open_, keep * (1 - world.ret[ell]), keep)
        open_ &= ~world.settle[ell]
    return 1 - keep


class _Run:
    """One run of a world: the state that lasts from month to month (the workers' beliefs, caution
    and dismissal streaks), and the month's steps, each drawing from the streams in a fixed order."""

    def __init__(
        self, world: World, months: int, arrivals: np.random.Generator, behaviour: np.random.Generator, keep: bool
    ) -> None:
        p = self.p = world.params
        self.world, self.arrivals, self.behaviour = world, arrivals, behaviour
        G, _K = self.G, self.K = world.grids, len(world.kinds)
        L = self.L = len(world.levels)
        self.prior = _prior(world)
        self.belief = np.tile(self.prior, (G, 1))
        self.spread = value_of(p, "worker_caution_spread")
        self.caution = behaviour.lognormal(0.0, self.spread, G)
        self.streak = np.zeros(G, dtype=np.int64)
        self.counts = np.zeros((months, len(COUNTERS)), dtype=np.int64)
        self.days = np.zeros((months, 2, MAX_DAYS), dtype=np.int64)
        self.month_length = np.zeros(months, dtype=np.int64)
        self.arise_clock, self.report_clock = timing_stream(arrivals), timing_stream(behaviour)
        self.return_draws = timing_stream(behaviour, RETURN_KEY)
        self.records: list[MonthRecord] | None = [] if keep else None
        self.audit_eff = value_of(p, "audit_probability") * (1 - value_of(p, "collusion_tolerance"))
        scored = self.scored = world.scores
        self.esc_pts = value_of(p, "escalation_points") if "district_transfers" in scored else 0.0
        self.ret_pen = (
            value_of(p, "return_penalty_points") if "returned" in scored else value_of(p, "unqualified_points")
        )
        self.tau = value_of(p, "choice_temperature")
        # kinds the grid bears responsibility for: it may close them cosmetically
        self.own: NDArray[np.bool_] = world.assigned == 0
        easy = self.easy = np.flatnonzero(world.settle[0])
        self.easy_w: NDArray[np.float64] | None = (
            world.rate[easy] / world.rate[easy].sum() if easy.size and world.rate[easy].sum() > 0 else None
        )
        self.capacity = value_of(p, "verification_capacity") * ((world.verification_hours or 24.0) / 24.0)
        cons = self.cons = world.consequences
        self.group = (
            world.community
            if cons.group == "community"
            else world.street
            if cons.group == "street"
            else np.zeros(G, dtype=np.int64)
        )
        cap = p.get("review_capacity_per_grid")
        self.cap = None if cap is None else float(cap)
        # the unit of each level above the grid that an event from each grid reaches, by the level's tier:
        # its community, its street, or the one unit at the root
        by_unit = {"grid": np.arange(G), "community": world.community, "street": world.street}
        self.units_at = {ell: by_unit.get(world.review_units[ell], np.zeros(G, dtype=np.int64)) for ell in range(1, L)}
        # without a capacity nothing is limited (`_within_capacity` returns before it looks)
        self.limit_at: dict[int, NDArray[np.float64]] = (
            {ell: np.floor(self.cap * np.bincount(u)) for ell, u in self.units_at.items()}
            if self.cap is not None
            else {}
        )

    def month(self, m: int) -> None:
        """One month: problems arise, workers act, reviewers review, reports are made, verified and
        audited, workers are assessed and learn; then the month is counted."""
        self.counts[m][C["grids"]] = self.G
        self._arise(m)
        self._choose()
        self._review()
        self._report()
        self._verify_and_audit()
        self._assess()
        self._learn()
        self._tally(m)

    # -- the hidden truth: problems arise (the shared stream) ----------------------------------------
    def _arise(self, m: int) -> None:
        world, G, K = self.world, self.G, self.K
        n_gk = self.arrivals.poisson(world.rate * world.days(m), size=(G, K))
        cell = np.repeat(np.arange(G * K), n_gk.ravel())
        self.grid, self.kind = cell // K, cell % K
        n = self.n = cell.size
        self.visibility = self.arrivals.random(n)
        self.D = min(MAX_DAYS, max(1, int(world.days(m))))
        # the day each problem arises and is found: uniform over the month (shared by scenarios)
        self.found_on = np.floor(self.arise_clock.random(n) * self.D).astype(np.int64) + 1
        self.state = np.full(n, UNDETECTED, dtype=np.int8)

    # -- workers detect; handle on site when the grid holds the powers (or a co-handler is at hand);
    #    otherwise escalate, close cosmetically, or drop: by expected points (selective reporting)
    def _choose(self) -> None:
        p, world, kind, state = self.p, self.world, self.kind, self.state
        detected = self.visibility < value_of(p, "detection_probability")
        co = self.behaviour.random(self.n) < world.co_presence[kind]
        on_site = detected & (world.settle[0, kind] | co)
        state[on_site] = RESOLVED_ON_SITE
        stuck = np.flatnonzero(detected & ~on_site)
        b, c = self.belief[self.grid[stuck], kind[stuck]], self.caution[self.grid[stuck]]
        u_esc = (1 - b) * self.esc_pts - b * self.ret_pen * c
        u_cos = np.where(
            self.own[kind[stuck]],
            value_of(p, "closure_points") - self.audit_eff * value_of(p, "unqualified_points") * c,
            -np.inf,
        )
        u = np.stack([u_esc, u_cos, np.zeros_like(u_esc)], axis=1) / self.tau
        u -= u.max(axis=1, keepdims=True)
        w = np.exp(u)
        cum = np.cumsum(w / w.sum(axis=1, keepdims=True), axis=1)
        pick = (self.behaviour.random(stuck.size)[:, None] > cum[:, :2]).sum(axis=1)  # 0 escalate, 1 cosmetic, 2 drop
        state[stuck[pick == 1]] = COSMETIC
        state[stuck[pick == 2]] = DROPPED
        self.moving: NDArray[np.intp] = stuck[pick == 0]
        self.escalated = self.moving.copy()

    # -- reviewers level by level: return, settle (handle or dispatch), or pass it up ----------------
    def _review(self) -> None:
        world, kind, state, behaviour = self.world, self.kind, self.state, self.behaviour
        moving = self.moving
        self.reached = reached = np.zeros(self.n, dtype=np.int8)
        self.returned_any = returned_any = np.zeros(self.n, dtype=bool)
        for ell in range(1, self.L):
            if not moving.size:
                break
            reached[moving] = ell
            k = kind[moving]
            back = behaviour.random(moving.size) < world.ret[ell, k]
            ret_idx = moving[back]
            returned_any[ret_idx] = True
            # returned to the rule's target level: settled there if the level holds the powers,
            # or (at the grid) if a co-handler holding them is at hand this time
            k_ret, to = kind[ret_idx], world.ret_to[ell, kind[ret_idx]]
            fixed = world.settle[to, k_ret] | (
                (to == 0) & (self.return_draws.random(ret_idx.size) < world.co_presence[k_ret])
            )
            state[ret_idx[fixed]] = RESOLVED_AFTER_RETURN
            state[ret_idx[~fixed]] = RETURNED
            rest = moving[~back]
            done = world.settle[ell, kind[rest]]
            settled = self._within_capacity(ell, rest[done])
            state[settled] = RESOLVED_ABOVE
            moving = rest[~done]
        state[moving] = DEAD_END

    def _within_capacity(self, ell: int, settled: NDArray[np.intp]) -> NDArray[np.intp]:
        """The events a level settles; beyond each unit's capacity, the rest are dead ends."""
        if self.cap is None or not settled.size:
            return settled
        unit = self.units_at[ell][self.grid[settled]]
        order = np.lexsort((self.behaviour.random(settled.size), unit))
        first = np.searchsorted(unit[order], unit[order], side="left")
        within = np.empty(settled.size, dtype=np.int64)
        within[order] = np.arange(settled.size) - first
        over = within >= self.limit_at[ell][unit]
        self.state[settled[over]] = DEAD_END
        return settled[~over]

    # -- what the platform sees: genuine reports, then at month end the quota filled (凑件) ---------
    def _report(self) -> None:
        p, world, G, state = self.p, self.world, self.G, self.state
        rep = self.rep = np.flatnonzero(state >= RESOLVED_ON_SITE)  # every state a worker reports
        rep_grid = self.grid[rep]
        rep_closed = np.isin(state[rep], (RESOLVED_ON_SITE, RESOLVED_ABOVE, RESOLVED_AFTER_RETURN, COSMETIC))
        self.rep_unq = np.isin(state[rep], (RETURNED, DEAD_END)) | self.returned_any[rep]
        rep_cosmetic: NDArray[np.bool_] = state[rep] == COSMETIC
        self.rep_cosmetic = rep_cosmetic
        genuine = np.bincount(rep_grid, minlength=G)
        # fabricating when the shortfall is large and detection unlikely
        shortfall = np.maximum(0.0, world.quota - genuine)
        fabricate = (
            (shortfall >= value_of(p, "fabrication_min_shortfall"))
            & (shortfall > 0)
            & (
                self.audit_eff * value_of(p, "fabrication_penalty_points") * self.caution
                < value_of(p, "quota_miss_points")
            )
        )
        n_fab = np.where(fabricate, np.ceil(shortfall), 0).astype(np.int64)
        if self.easy_w is None:
            n_fab[:] = 0
        fab_grid = self.fab_grid = np.repeat(np.arange(G), n_fab)
        fab_kind = (
            self.easy[self.behaviour.choice(self.easy.size, size=fab_grid.size, p=self.easy_w)]
            if fab_grid.size
            else np.zeros(0, dtype=np.int64)
        )
        # all reports: genuine first, then fabricated
        self.r_grid = np.concatenate([rep_grid, fab_grid])
        self.r_kind = np.concatenate([self.kind[rep], fab_kind])
        self.r_problem = np.concatenate([rep, np.full(fab_grid.size, -1)])
        self.r_fab = self.r_problem < 0
        self.r_closed = np.concatenate([rep_closed, np.ones(fab_grid.size, dtype=bool)])
        self.r_workaround = np.concatenate([rep_cosmetic, np.ones(fab_grid.size, dtype=bool)])
        # when in the month: genuine reports as problems arise and are found, fabricated ones at the end
        self.r_day = np.concatenate([self.found_on[rep], fabricated_on(n_fab, self.D, self.report_clock)])

    # -- verification within the deadline, less likely with more to verify; audits: an exposed
    #    workaround is unqualified unless street and community tolerate it
    def _verify_and_audit(self) -> None:
        p, world, behaviour, r_grid, r_closed = self.p, self.world, self.behaviour, self.r_grid, self.r_closed
        load = np.bincount(r_grid[r_closed], minlength=self.G).astype(float)
        if world.verification_hours is None:
            p_on = np.ones(self.G)
        else:
            p_on = value_of(p, "verification_base") * np.minimum(1.0, self.capacity / np.maximum(load, 1.0))
        self.on_time: NDArray[np.bool_] = r_closed & (behaviour.random(r_grid.size) < p_on[r_grid])
        self.late: NDArray[np.bool_] = r_closed & ~self.on_time
        self.caught: NDArray[np.bool_] = r_closed & self.r_workaround & (behaviour.random(r_grid.size) < self.audit_eff)
        rejected = behaviour.random(r_grid.size) < (
            value_of(p, "format_rejection_probability") if world.format_rule else 0.0
        )
        self.r_unq: NDArray[np.bool_] = (
            np.concatenate([self.rep_unq, np.zeros(self.fab_grid.size, dtype=bool)]) | self.caught | rejected
        )

    # -- monthly assessment: scores, ranking, pay, dismissal -------------------------------------------
    def _assess(self) -> None:
        p, world, G, r_grid, cons = self.p, self.world, self.G, self.r_grid, self.cons
        grid, escalated, returned_any = self.grid, self.escalated, self.returned_any
        reports = np.bincount(r_grid, minlength=G)
        miss = np.maximum(0.0, world.quota - reports)
        transfers_ok = np.bincount(grid[escalated[~returned_any[escalated]]], minlength=G)
        returns_g = np.bincount(grid[returned_any], minlength=G)
        unq_other = np.bincount(r_grid[self.r_unq], minlength=G) - returns_g
        score = (
            value_of(p, "score_base")
            - value_of(p, "quota_miss_points") * miss
            + self.esc_pts * transfers_ok
            - self.ret_pen * returns_g
            - value_of(p, "unqualified_points") * unq_other
        )
        if "exceeds_quota" in self.scored:
            score += value_of(p, "exceed_bonus_points") * np.maximum(0.0, reports - world.quota)
        if "late_verification" in self.scored:
            score -= value_of(p, "late_verification_points") * np.bincount(r_grid[self.late], minlength=G)
        jitter = self.behaviour.random(G)  # ties in the ranking broken at random
        group = self.group
        order = np.lexsort((jitter, score, group))  # by group, then score ascending
        pos = np.empty(G, dtype=np.int64)
        starts = np.searchsorted(group[order], group[order], side="left")
        pos[order] = np.arange(G) - starts
        size = np.bincount(group)[group]
        lose = pos < cons.bottom_lose_pay
        if cons.lose_pay_at_most is not None:
            lose |= score <= cons.lose_pay_at_most
        self.lose = lose
        self.double = (pos >= size - cons.top_double_pay) & ~lose
        self.dismissed = np.zeros(G, dtype=bool)
        if cons.dismissal_at_most is not None:
            self.streak = np.where(score <= cons.dismissal_at_most, self.streak + 1, 0)
            self.dismissed = self.streak >= cons.dismissal_periods

    # -- workers learn the return risk of what they escalated; a dismissed worker is replaced by a new
    #    one with the written rules' beliefs
    def _learn(self) -> None:
        G, K, grid, kind = self.G, self.K, self.grid, self.kind
        escalated, returned_any = self.escalated, self.returned_any
        esc_gk = np.bincount(grid[escalated] * K + kind[escalated], minlength=G * K).reshape(G, K)
        ret_gk = np.bincount(grid[returned_any] * K + kind[returned_any], minlength=G * K).reshape(G, K)
        lam = value_of(self.p, "belief_learning_rate")
        seen = esc_gk > 0
        self.belief[seen] = (1 - lam) * self.belief[seen] + lam * ret_gk[seen] / esc_gk[seen]
        if self.dismissed.any():
            d = np.flatnonzero(self.dismissed)
            self.caution[d] = self.behaviour.lognormal(0.0, self.spread, d.size)
            self.belief[d] = self.prior
            self.streak[d] = 0

    def _tally(self, m: int) -> None:
        row, world, state, r_closed = self.counts[m], self.world, self.state, self.r_closed
        row[: len(STATES)] = np.bincount(state, minlength=len(STATES))
        row[C["arisen"]] = self.n
        row[C["reports"]] = self.r_grid.size
        row[C["genuine_reports"]] = self.rep.size
        row[C["fabricated"]] = self.fab_grid.size
        row[C["closed"]] = r_closed.sum()
        row[C["closed_urban"]] = (r_closed & world.urban[self.r_kind]).sum()
        row[C["cosmetic_closed"]] = self.rep_cosmetic.sum()
        row[C["unqualified"]] = self.r_unq.sum()
        row[C["verified_on_time"]] = self.on_time.sum()
        row[C["to_verify"]] = r_closed.sum()
        row[C["escalated"]] = self.escalated.size
        row[C["district_transfers"]] = (self.reached == self.L - 1).sum() if self.L > 1 else 0
        row[C["returns"]] = self.returned_any.sum()
        row[C["handled_above"]] = (state == RESOLVED_ABOVE).sum()
        row[C["caught"]] = self.caught.sum()
        row[C["dismissals"]] = self.dismissed.sum()
        row[C["lost_pay"]] = self.lose.sum()
        row[C["double_pay"]] = self.double.sum()
        self.month_length[m] = self.D
        self.days[m] = np.bincount(self.r_fab * MAX_DAYS + self.r_day - 1, minlength=2 * MAX_DAYS).reshape(2, MAX_DAYS)
        if self.records is not None:
            self.records.append(
                MonthRecord(
                    self.grid,
                    self.kind,
                    state,
                    self.r_problem,
                    self.r_fab,
                    r_closed,
                    ~self.r_unq,
                    self.r_grid,
                    row.copy(),
                    self.r_day,
                    self.D,
                )
            )


def run(
    world: World, months: int, arrivals: np.random.Generator, behaviour: np.random.Generator, keep: bool = False
) -> Tally:
    """`months` months of a world. `arrivals` draws the problems (shared by every scenario of a run),
    `behaviour` every choice and check; `keep` keeps each month's problems and reports."""
    state = _Run(world, months, arrivals, behaviour, keep)
    for m in range(months):
        state.month(m)
    return Tally(state.counts, state.records, state.days, state.month_length)


# what a run counts lives in tally.py, its side streams in timing.py; docs/simulation.md names them
# as the engine's, so they stay importable from here
__all__ = [
    "COSMETIC",
    "COUNTERS",
    "DEAD_END",
    "DROPPED",
    "FABRICATED",
    "FABRICATED_PER_DAY",
    "GENUINE",
    "MAX_DAYS",
    "RESOLVED",
    "RESOLVED_ABOVE",
    "RESOLVED_AFTER_RETURN",
    "RESOLVED_ON_SITE",
    "RETURNED",
    "RETURN_KEY",
    "STATES",
    "TIMING_KEY",
    "UNDETECTED",
    "C",
    "MonthRecord",
    "Tally",
    "run",
    "timing_stream",
]
