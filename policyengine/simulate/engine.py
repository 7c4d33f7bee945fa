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

from dataclasses import dataclass

import numpy as np

from .world import World

# Terminal states of a problem (the hidden truth). Every problem ends in exactly one.
UNDETECTED, DROPPED, RESOLVED_ON_SITE, RESOLVED_ABOVE, RESOLVED_AFTER_RETURN, COSMETIC, RETURNED, DEAD_END = range(8)
STATES = (
    "undetected",
    "dropped",
    "resolved_on_site",
    "resolved_above",
    "resolved_after_return",
    "cosmetic",
    "returned",
    "dead_end",
)
RESOLVED = (RESOLVED_ON_SITE, RESOLVED_ABOVE, RESOLVED_AFTER_RETURN)

# What is counted each month (one row of `Tally.counts` per month).
COUNTERS = (
    *STATES,
    "arisen",
    "reports",
    "genuine_reports",
    "fabricated",
    "closed",
    "closed_urban",
    "cosmetic_closed",
    "unqualified",
    "verified_on_time",
    "to_verify",
    "escalated",
    "district_transfers",
    "returns",
    "handled_above",
    "caught",
    "dismissals",
    "lost_pay",
    "double_pay",
    "grids",
)
C = {name: i for i, name in enumerate(COUNTERS)}

# Within-month timing (docs/simulation.md, rule 10). An ASSUMPTION: the case gives no number.
FABRICATED_PER_DAY = 4.0  # reports a worker fabricates a day at most, working back from the month's last day
MAX_DAYS = 31  # columns of the day-of-month histogram
GENUINE, FABRICATED = 0, 1  # rows of the day-of-month histogram
TIMING_KEY = 0x71D  # spawn key of the timing child of a stream
RETURN_KEY = 0x7E7  # spawn key of the child of the behaviour stream drawn for returned events


def timing_stream(stream: np.random.Generator, key: int = TIMING_KEY) -> np.random.Generator:
    """A child of `stream` (within-month timing by default), derived from its seed without drawing
    from it (so no draw of the stream depends on it): same seed, same child, in every process."""
    ss = getattr(stream.bit_generator, "seed_seq", None)
    if ss is None or not hasattr(ss, "spawn_key"):  # a stream without a seed sequence: draw a seed from it
        return np.random.default_rng(int(stream.integers(2**63)))
    return np.random.default_rng(
        np.random.SeedSequence(ss.entropy, spawn_key=(*ss.spawn_key, key), pool_size=ss.pool_size)
    )


@dataclass
class MonthRecord:
    """One month's problems and reports, kept only when asked (tests, inspection)."""

    problem_grid: np.ndarray
    problem_kind: np.ndarray
    state: np.ndarray  # terminal state of each problem
    report_problem: np.ndarray  # index of the problem a report is about; -1: fabricated
    report_fabricated: np.ndarray
    report_closed: np.ndarray
    report_qualified: np.ndarray
    report_grid: np.ndarray
    counts: np.ndarray
    report_day: np.ndarray | None = None  # day of the month of each report, 1-based
    month_length: int = 30  # days of the month


@dataclass
class Tally:
    counts: np.ndarray  # (months, len(COUNTERS)) int64
    records: list[MonthRecord] | None = None
    days: np.ndarray | None = None  # (months, 2, MAX_DAYS) int64: reports per day of the month, genuine / fabricated
    month_length: np.ndarray | None = None  # (months,) days of each month

    def total(self, name: str) -> int:
        return int(self.counts[:, C[name]].sum())


def _prior(world: World) -> np.ndarray:
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
    ):
        p = self.p = world.params
        self.world, self.arrivals, self.behaviour = world, arrivals, behaviour
        G, _K = self.G, self.K = world.grids, len(world.kinds)
        L = self.L = len(world.levels)
        self.prior = _prior(world)
        self.belief = np.tile(self.prior, (G, 1))
        self.spread = float(p["worker_caution_spread"])
        self.caution = behaviour.lognormal(0.0, self.spread, G)
        self.streak = np.zeros(G, dtype=np.int64)
        self.counts = np.zeros((months, len(COUNTERS)), dtype=np.int64)
        self.days = np.zeros((months, 2, MAX_DAYS), dtype=np.int64)
        self.month_length = np.zeros(months, dtype=np.int64)
        self.arise_clock, self.report_clock = timing_stream(arrivals), timing_stream(behaviour)
        self.return_draws = timing_stream(behaviour, RETURN_KEY)
        self.records: list[MonthRecord] | None = [] if keep else None
        self.audit_eff = float(p["audit_probability"]) * (1 - float(p["collusion_tolerance"]))
        scored = self.scored = world.scores
        self.esc_pts = float(p["escalation_points"]) if "district_transfers" in scored else 0.0
        self.ret_pen = float(p["return_penalty_points"]) if "returned" in scored else float(p["unqualified_points"])
        self.tau = float(p["choice_temperature"])
        self.own = world.assigned == 0  # kinds the grid bears responsibility for: it may close them cosmetically
        easy = self.easy = np.flatnonzero(world.settle[0])
        self.easy_w = world.rate[easy] / world.rate[easy].sum() if easy.size and world.rate[easy].sum() > 0 else None
        self.capacity = float(p["verification_capacity"]) * ((world.verification_hours or 24.0) / 24.0)
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
        self.limit_at = {
            ell: np.floor(self.cap * np.bincount(u)) if self.cap is not None else None
            for ell, u in self.units_at.items()
        }

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
        detected = self.visibility < float(p["detection_probability"])
        co = self.behaviour.random(self.n) < world.co_presence[kind]
        on_site = detected & (world.settle[0, kind] | co)
        state[on_site] = RESOLVED_ON_SITE
        stuck = np.flatnonzero(detected & ~on_site)
        b, c = self.belief[self.grid[stuck], kind[stuck]], self.caution[self.grid[stuck]]
        u_esc = (1 - b) * self.esc_pts - b * self.ret_pen * c
        u_cos = np.where(
            self.own[kind[stuck]],
            float(p["closure_points"]) - self.audit_eff * float(p["unqualified_points"]) * c,
            -np.inf,
        )
        u = np.stack([u_esc, u_cos, np.zeros_like(u_esc)], axis=1) / self.tau
        u -= u.max(axis=1, keepdims=True)
        w = np.exp(u)
        cum = np.cumsum(w / w.sum(axis=1, keepdims=True), axis=1)
        pick = (self.behaviour.random(stuck.size)[:, None] > cum[:, :2]).sum(axis=1)  # 0 escalate, 1 cosmetic, 2 drop
        state[stuck[pick == 1]] = COSMETIC
        state[stuck[pick == 2]] = DROPPED
        self.moving = stuck[pick == 0]
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

    def _within_capacity(self, ell: int, settled: np.ndarray) -> np.ndarray:
        """The events a level settles; beyond each unit's capacity, the rest are dead ends."""
        if self.cap is None or not settled.size:
            return settled
        unit = self.units_at[ell][self.grid[settled]]
        order = np.lexsort((self.behaviour.random(settled.size), unit))
        first = np.searchsorted(unit[order], unit[order], side="left")
        within = np.empty(settled.size, dtype=np.int64)
        within[order] = np.arange(settled.size) - first
        over = within >= self.limit_at[ell][unit]  # type: ignore[index]
        self.state[settled[over]] = DEAD_END
        return settled[~over]

    # -- what the platform sees: genuine reports, then at month end the quota filled (凑件) ---------
    def _report(self) -> None:
        p, world, G, state = self.p, self.world, self.G, self.state
        rep = self.rep = np.flatnonzero(state >= RESOLVED_ON_SITE)  # every state a worker reports
        rep_grid = self.grid[rep]
        rep_closed = np.isin(state[rep], (RESOLVED_ON_SITE, RESOLVED_ABOVE, RESOLVED_AFTER_RETURN, COSMETIC))
        self.rep_unq = np.isin(state[rep], (RETURNED, DEAD_END)) | self.returned_any[rep]
        self.rep_cosmetic = rep_cosmetic = state[rep] == COSMETIC
        genuine = np.bincount(rep_grid, minlength=G)
        # fabricating when the shortfall is large and detection unlikely
        shortfall = np.maximum(0.0, world.quota - genuine)
        fabricate = (
            (shortfall >= float(p["fabrication_min_shortfall"]))
            & (shortfall > 0)
            & (self.audit_eff * float(p["fabrication_penalty_points"]) * self.caution < float(p["quota_miss_points"]))
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
        self.r_day = np.concatenate([self.found_on[rep], _fabricated_on(n_fab, self.D, self.report_clock)])

    # -- verification within the deadline, less likely with more to verify; audits: an exposed
    #    workaround is unqualified unless street and community tolerate it
    def _verify_and_audit(self) -> None:
        p, world, behaviour, r_grid, r_closed = self.p, self.world, self.behaviour, self.r_grid, self.r_closed
        load = np.bincount(r_grid[r_closed], minlength=self.G).astype(float)
        if world.verification_hours is None:
            p_on = np.ones(self.G)
        else:
            p_on = float(p["verification_base"]) * np.minimum(1.0, self.capacity / np.maximum(load, 1.0))
        self.on_time = r_closed & (behaviour.random(r_grid.size) < p_on[r_grid])
        self.late = r_closed & ~self.on_time
        self.caught = r_closed & self.r_workaround & (behaviour.random(r_grid.size) < self.audit_eff)
        rejected = behaviour.random(r_grid.size) < (
            float(p["format_rejection_probability"]) if world.format_rule else 0.0
        )
        self.r_unq = np.concatenate([self.rep_unq, np.zeros(self.fab_grid.size, dtype=bool)]) | self.caught | rejected

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
            float(p["score_base"])
            - float(p["quota_miss_points"]) * miss
            + self.esc_pts * transfers_ok
            - self.ret_pen * returns_g
            - float(p["unqualified_points"]) * unq_other
        )
        if "exceeds_quota" in self.scored:
            score += float(p["exceed_bonus_points"]) * np.maximum(0.0, reports - world.quota)
        if "late_verification" in self.scored:
            score -= float(p["late_verification_points"]) * np.bincount(r_grid[self.late], minlength=G)
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
        lam = float(self.p["belief_learning_rate"])
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


def _fabricated_on(n_fab: np.ndarray, D: int, clock: np.random.Generator) -> np.ndarray:
    """Day of the month (1-based) of each fabricated report, grid by grid in the order they were made:
    a worker fabricating f reports works back from the month's last day, at most FABRICATED_PER_DAY a
    day, so their reports fall uniformly over the last ceil(f / FABRICATED_PER_DAY) days (at most the
    whole month)."""
    total = int(n_fab.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    window = np.clip(np.ceil(n_fab / FABRICATED_PER_DAY), 1, D).astype(np.int64)
    w = np.repeat(window, n_fab)
    return D - np.floor(clock.random(total) * w).astype(np.int64)
