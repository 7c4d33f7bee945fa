"""The month loop, on counts: every step draws how many problems of each grid and kind take each path
(binomial and multinomial draws over a (grids, kinds) array), never one row per problem. A problem's
path depends only on its grid, its kind and the month, so drawing the counts is the same model as
drawing each problem (docs/simulation.md, "How a run draws"), in a few numpy calls a month.

Two generators drive a run: `arrivals` (each grid's size and the problem counts per grid, kind and
month) — shared by every scenario of the run, so baseline and reform see the same problems — and
`behaviour` (every choice and check). Side streams, children derived from the streams' seeds without
drawing from them, give what depends on a scenario's own state but belongs to the problems: which
problems are found (the arrivals' detection child), the days reports fall on (the timing children),
and whether a co-handler is at hand when a returned event comes back (the behaviour's return child).
No draw of the two main streams depends on them. The rules are documented in docs/simulation.md.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .assess import Month, assess
from .chain import Chain, binomial, prior
from .parameters import value_of
from .pressure import pressure
from .regimes import scored_at
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
from .timing import DETECT_KEY, FABRICATED_PER_DAY, RETURN_KEY, TIMING_KEY, fabricated_days, timing_stream
from .world import World

REPORTED = (RESOLVED_ON_SITE, RESOLVED_ABOVE, RESOLVED_AFTER_RETURN, COSMETIC, RETURNED, DEAD_END)
CLOSED = (RESOLVED_ON_SITE, RESOLVED_ABOVE, RESOLVED_AFTER_RETURN, COSMETIC)


class _Run:
    """One run of a world: what lasts from month to month (each worker's caution, integrity, beliefs,
    dismissal streaks and the hours spent last month), and the month's steps."""

    def __init__(
        self, world: World, months: int, arrivals: np.random.Generator, behaviour: np.random.Generator, keep: bool
    ) -> None:
        p = self.p = world.params
        self.world, self.arrivals, self.behaviour = world, arrivals, behaviour
        G = self.G = world.grids
        self.K = len(world.kinds)
        self.L = len(world.levels)
        self.prior = prior(world)
        self.belief = np.tile(self.prior, (G, 1))
        self.spread = value_of(p, "worker_caution_spread")
        self.caution = behaviour.lognormal(0.0, self.spread, G)
        self.integrity_spread = value_of(p, "integrity_spread")
        self.integrity = behaviour.lognormal(0.0, self.integrity_spread, G)
        # each grid's size: drawn from the arrivals stream, so every scenario of the run has the same grids
        self.rates = arrivals.lognormal(0.0, value_of(p, "grid_rate_spread"), G)[:, None] * world.rate[None, :]
        self.street_rate = np.bincount(world.street, weights=self.rates.sum(axis=1), minlength=len(world.streets))
        self.streaks = {r.id: np.zeros(G, dtype=np.int64) for r in world.regimes if r.consequences}
        self.score_hours = np.zeros(G)  # last month's hours on fabricating and packaging
        self.handling_hours = np.zeros(G)  # last month's hours on handling and reporting
        S = len(world.streets)
        self.street_starts = np.searchsorted(world.street, np.arange(S))
        self.by_street = np.zeros((months, S, len(COUNTERS)), dtype=np.int64)
        self.days = np.zeros((months, 2, MAX_DAYS), dtype=np.int64)
        self.month_length = np.zeros(months, dtype=np.int64)
        self.detect_draws = timing_stream(arrivals, DETECT_KEY)
        self.arise_clock, self.report_clock = timing_stream(arrivals, TIMING_KEY), timing_stream(behaviour, TIMING_KEY)
        self.return_draws = timing_stream(behaviour, RETURN_KEY)
        self.records: list[MonthRecord] | None = [] if keep else None
        self.audit_eff = value_of(p, "audit_probability") * (1 - value_of(p, "collusion_tolerance"))
        self.esc_pts = np.where(
            scored_at(world.regimes, G, "district_transfers"), value_of(p, "escalation_points"), 0.0
        )
        self.ret_pen = np.where(
            scored_at(world.regimes, G, "returned"),
            value_of(p, "return_penalty_points"),
            value_of(p, "unqualified_points"),
        )
        self.packages = scored_at(world.regimes, G, "excellent_event") | scored_at(world.regimes, G, "excellence_rate")
        self.own: NDArray[np.bool_] = world.assigned == 0  # kinds the grid bears: it may close them cosmetically
        self.stuck_kinds = np.flatnonzero(~world.settle[0])
        self.co_kinds = np.flatnonzero(~world.settle[0] & (world.co_presence > 0))
        self.funded_kinds = np.flatnonzero(world.funded > 0)
        self.chain = Chain(world, self.stuck_kinds)
        self.service = value_of(p, "service_motive")
        easy = np.flatnonzero(world.settle[0])
        weight = world.rate[easy].sum() if easy.size else 0.0
        self.fabricates = weight > 0  # fabricated reports take the kinds the grid settles itself
        self.easy_urban = float(world.rate[easy][world.urban[easy]].sum() / weight) if weight > 0 else 0.0
        self.capacity = value_of(p, "verification_capacity") * ((world.verification_hours or 24.0) / 24.0)

    def month(self, m: int) -> None:
        """One month: problems arise and are found, workers act, reviewers review, reports are made,
        verified and audited, workers are assessed, paid, dismissed and replaced, and learn."""
        self._arise(m)
        self._choose()
        self._review()
        self._report()
        self._verify_and_audit()
        self._assess()
        self._learn()
        self._tally(m)

    # -- the hidden truth: problems arise, found or not; a worker short of patrol hours finds fewer --
    def _arise(self, m: int) -> None:
        p, world = self.p, self.world
        days = world.days(m)
        self.D = min(MAX_DAYS, max(1, int(days)))
        # a Poisson count split at random is two independent Poisson counts (found, missed): both from the
        # arrivals stream, so every scenario of the run sees the same problems, found the same way
        det = value_of(p, "detection_probability")
        found = self.arrivals.poisson(self.rates * (days * det))
        # what is missed is counted per street (no step reads its grid or kind): one count per street
        self.missed_street = self.arrivals.poisson(self.street_rate * days * (1 - det))
        missed = np.zeros(self.G, dtype=np.int64)  # per grid: what a short patrol misses
        # chasing the score comes first, then last month's handling; patrol gets what is left
        patrol_need = value_of(p, "patrol_hours_per_month")
        left = np.maximum(0.0, value_of(p, "worker_hours_per_month") - self.score_hours - self.handling_hours)
        self.patrol = np.minimum(patrol_need, left)
        short = np.flatnonzero(self.patrol < patrol_need)
        if short.size:  # of what a full patrol finds, a shorter one finds its share
            lost = binomial(self.detect_draws, found[short], (1 - self.patrol[short] / patrol_need)[:, None])
            found[short] -= lost
            missed[short] += lost.sum(axis=1)
        self.found, self.missed = found, missed
        self.by_state = np.zeros((len(STATES), self.G), dtype=np.int64)  # (states, G)
        self.by_state[UNDETECTED] = missed
        self.pressure = pressure(world.regimes, p, self.streaks, self.G)

    # -- on site when the grid holds the powers (or a co-handler is at hand) and has the hours;
    #    otherwise escalate, close cosmetically, or drop, by a logit over motive and weighted points
    def _choose(self) -> None:
        p, world, st = self.p, self.world, self.by_state
        found, J = self.found, self.stuck_kinds
        on_site = np.where(world.settle[0][None, :], found, 0)
        if self.co_kinds.size:
            co = self.co_kinds
            on_site[:, co] = binomial(self.behaviour, found[:, co], world.co_presence[None, co])
        # hours: the funded hours handle the kind first, the worker's own the rest
        per_event = value_of(p, "grid_hours_per_event")
        own = on_site * per_event
        if self.funded_kinds.size:
            f = self.funded_kinds
            own[:, f] = np.maximum(0.0, own[:, f] - world.funded[None, f])
        need = own.sum(axis=1)
        free = np.maximum(0.0, value_of(p, "worker_hours_per_month") - self.score_hours - self.patrol)
        short = np.flatnonzero(need > free)
        kept = on_site
        if short.size:
            kept = on_site.copy()
            share = np.where(world.funded[None, :] > 0, 1.0, (free[short] / need[short])[:, None])
            kept[short] = binomial(self.behaviour, on_site[short], share)
        self.kept = kept
        st[RESOLVED_ON_SITE] = kept.sum(axis=1)
        self.no_time_kinds = on_site - kept
        self.no_time = self.no_time_kinds.sum(axis=1)
        self.worker_handled = st[RESOLVED_ON_SITE] - kept[:, self.funded_kinds].sum(axis=1)
        # the choice concerns only the kinds the grid cannot settle itself: escalate, close
        # cosmetically or drop, drawn as two binomials (the multinomial's counts, one after the other)
        s = found[:, J] - on_site[:, J]
        esc = np.zeros_like(s)
        cos = np.zeros_like(s)
        idx = np.flatnonzero(s)
        if idx.size:
            rows = idx // J.size
            b = self.belief[:, J].ravel()[idx]
            c, m = self.caution[rows], self.pressure[rows]
            u_esc = self.service * (1 - b) + m * ((1 - b) * self.esc_pts[rows] - b * self.ret_pen[rows] * c)
            u_cos = np.where(
                self.own[J][idx % J.size],
                m * (value_of(p, "closure_points") - self.audit_eff * value_of(p, "unqualified_points") * c),
                -np.inf,
            )
            tau = value_of(p, "choice_temperature")
            top = np.maximum(np.maximum(u_esc, u_cos), 0.0)
            w_esc, w_cos, w_drop = np.exp((u_esc - top) / tau), np.exp((u_cos - top) / tau), np.exp(-top / tau)
            total = w_esc + w_cos + w_drop
            n = s.ravel()[idx]
            e = self.behaviour.binomial(n, w_esc / total)
            k = self.behaviour.binomial(n - e, np.where(w_cos > 0, w_cos / np.maximum(w_cos + w_drop, 1e-300), 0.0))
            esc.flat[idx], cos.flat[idx] = e, k
        self.escalated = esc  # (G, J)
        self.cos_j = cos
        st[COSMETIC] = cos.sum(axis=1)
        self.drop_j = s - esc - cos
        st[DROPPED] = self.no_time + self.drop_j.sum(axis=1)

    # -- reviewers level by level: return, settle within the unit's hours, or pass it up (chain.py)
    def _review(self) -> None:
        world, J = self.world, self.stuck_kinds
        r = self.reviewed = self.chain.review(self.escalated, self.behaviour, self.return_draws)
        self.returned_any = r.returned_any
        st = self.by_state
        st[RESOLVED_AFTER_RETURN], st[RETURNED] = r.after_return.sum(axis=1), r.returned.sum(axis=1)
        st[RESOLVED_ABOVE], st[DEAD_END] = r.above.sum(axis=1), r.dead.sum(axis=1)
        urban_j = world.urban[J]
        self.closed_urban = self.kept[:, world.urban].sum(axis=1) + (self.cos_j + r.after_return + r.above)[
            :, urban_j
        ].sum(axis=1)
        if self.records is not None:
            self.per_kind = self._per_kind(r.after_return, r.returned, r.above, r.dead)

    def _per_kind(self, *review: NDArray[np.int64]) -> NDArray[np.int64]:
        """The month's found problems by grid, kind and terminal state (kept records only)."""
        J = self.stuck_kinds
        out = np.zeros((self.G, self.K, len(STATES)), dtype=np.int64)
        out[:, :, RESOLVED_ON_SITE] = self.kept
        out[:, :, DROPPED] = self.no_time_kinds
        out[:, J, COSMETIC] += self.cos_j
        out[:, J, DROPPED] += self.drop_j
        for state, value in zip((RESOLVED_AFTER_RETURN, RETURNED, RESOLVED_ABOVE, DEAD_END), review, strict=True):
            out[:, J, state] += value
        return out

    # -- what the platform sees: genuine reports, packaging, then at month end the quota filled ---
    def _report(self) -> None:
        p, world, by_state = self.p, self.world, self.by_state
        self.genuine = by_state[list(REPORTED)].sum(axis=0)
        self.closed_genuine = by_state[list(CLOSED)].sum(axis=0)
        self.rep_unq = self.returned_any.sum(axis=1) + by_state[DEAD_END]
        m, c, i = self.pressure, self.caution, self.integrity
        shortfall = np.maximum(0.0, world.grid_quota - self.genuine)
        gain = m * (value_of(p, "quota_miss_points") - self.audit_eff * value_of(p, "fabrication_penalty_points") * c)
        fabricate = (
            (shortfall >= value_of(p, "fabrication_min_shortfall"))
            & (shortfall > 0)
            & (gain > value_of(p, "integrity_points") * i)
        )
        self.fab = np.where(fabricate & self.fabricates, np.ceil(shortfall), 0).astype(np.int64)
        bonus = value_of(p, "excellent_bonus_points")
        lure = m * bonus
        share = np.where(self.packages, lure / np.maximum(lure + value_of(p, "service_motive"), 1e-12), 0.0)
        # how many to package is the worker's choice, not chance: the share, rounded
        self.packaged = np.rint(share * self.closed_genuine).astype(np.int64)
        self.reports = self.genuine + self.fab
        self.closed = self.closed_genuine + self.fab
        self.cosmetic = by_state[COSMETIC]

    # -- verification within the deadline, less likely with more to verify; audits expose a
    #    workaround unless street and community tolerate it; the format rule rejects some reports
    def _verify_and_audit(self) -> None:
        p, world, b = self.p, self.world, self.behaviour
        if world.verification_hours is None:
            p_on = np.ones(self.G)
        else:
            p_on = value_of(p, "verification_base") * np.minimum(1.0, self.capacity / np.maximum(self.closed, 1.0))
        self.on_time = self.closed - b.binomial(self.closed, 1.0 - p_on)  # the late ones: the rarer draw
        self.caught = b.binomial(self.cosmetic + self.fab, self.audit_eff)
        fmt = value_of(p, "format_rejection_probability") if world.format_rule else 0.0
        rejected = b.binomial(self.reports - self.rep_unq - self.caught, fmt)
        self.unq = self.rep_unq + self.caught + rejected

    def _assess(self) -> None:
        month = Month(
            reports=self.reports,
            transfers_ok=self.escalated.sum(axis=1) - self.returned_any.sum(axis=1),
            returns=self.returned_any.sum(axis=1),
            unqualified=self.unq,
            late=self.closed - self.on_time,
            packaged=self.packaged,
        )
        self.outcome = assess(self.world.regimes, month, self.p, self.streaks, self.behaviour.random(self.G))

    # -- workers learn the return risk of what they escalated; a dismissed worker is replaced by a
    #    new one with the written rules' beliefs and no streak; the month's hours carry over
    def _learn(self) -> None:
        p = self.p
        esc, ret, J = self.escalated, self.returned_any, self.stuck_kinds
        lam = value_of(p, "belief_learning_rate")
        seen = esc > 0
        belief = self.belief[:, J]
        self.belief[:, J] = np.where(seen, (1 - lam) * belief + lam * ret / np.maximum(esc, 1), belief)
        self.score_hours = value_of(p, "report_hours") * self.fab + value_of(p, "packaging_hours") * self.packaged
        self.handling_hours = (
            value_of(p, "grid_hours_per_event") * self.worker_handled + value_of(p, "report_hours") * self.genuine
        )
        d = np.flatnonzero(self.outcome.dismissed)
        if d.size:
            self.caution[d] = self.behaviour.lognormal(0.0, self.spread, d.size)
            self.integrity[d] = self.behaviour.lognormal(0.0, self.integrity_spread, d.size)
            self.belief[d] = self.prior
            for streak in self.streaks.values():
                streak[d] = 0
            self.score_hours[d] = 0.0
            self.handling_hours[d] = 0.0

    def _tally(self, m: int) -> None:
        G = self.G
        cols = np.zeros((G, len(COUNTERS)))
        cols[:, : len(STATES)] = self.by_state.T
        fab_urban = self.behaviour.binomial(self.fab, self.easy_urban)
        for name, value in (
            ("arisen", self.by_state.sum(axis=0)),
            ("reports", self.reports),
            ("genuine_reports", self.genuine),
            ("fabricated", self.fab),
            ("closed", self.closed),
            ("closed_urban", self.closed_urban + fab_urban),
            ("cosmetic_closed", self.cosmetic),
            ("unqualified", self.unq),
            ("verified_on_time", self.on_time),
            ("to_verify", self.closed),
            ("escalated", self.escalated.sum(axis=1)),
            ("returns", self.returned_any.sum(axis=1)),
            ("handled_above", self.by_state[RESOLVED_ABOVE]),
            ("caught", self.caught),
            ("dismissals", self.outcome.dismissed),
            ("lost_pay", self.outcome.lose),
            ("double_pay", self.outcome.double),
            ("grids", 1.0),
            ("packaged", self.packaged),
            ("no_time", self.no_time),
            ("district_transfers", self.reviewed.top),
            ("settled_top", self.reviewed.settled_top),
            ("over_capacity", self.reviewed.over),
        ):
            cols[:, C[name]] = value
        # grids are laid out street by street (layout.py): each street's rows are one run of rows
        by_street = np.rint(np.add.reduceat(cols, self.street_starts, axis=0)).astype(np.int64)
        by_street[:, UNDETECTED] += self.missed_street
        by_street[:, C["arisen"]] += self.missed_street
        self.by_street[m] = by_street
        self.month_length[m] = self.D
        # genuine reports on the days their problems are found: uniform over the month's days
        self.days[m, GENUINE, : self.D] = self.arise_clock.multinomial(
            int(self.genuine.sum()), np.full(self.D, 1 / self.D)
        )
        self.days[m, FABRICATED] = fabricated_days(self.fab, self.D, self.report_clock)
        if self.records is not None:
            self.records.append(
                MonthRecord(
                    self.per_kind,
                    self.missed,
                    self.missed_street,
                    self.fab,
                    self.reports,
                    self.closed,
                    self.unq,
                    by_street.sum(axis=0),
                    self.D,
                )
            )


def run(
    world: World, months: int, arrivals: np.random.Generator, behaviour: np.random.Generator, keep: bool = False
) -> Tally:
    """`months` months of a world. `arrivals` draws the grids' sizes and the problems (shared by every
    scenario of a run), `behaviour` every choice and check; `keep` keeps each month's counts by grid
    and kind."""
    state = _Run(world, months, arrivals, behaviour, keep)
    for m in range(months):
        state.month(m)
    return Tally(
        counts=state.by_street.sum(axis=1),
        by_street=state.by_street,
        records=state.records,
        days=state.days,
        month_length=state.month_length,
    )


# what a run counts lives in tally.py, its side streams in timing.py; docs/simulation.md names them
# as the engine's, so they stay importable from here
__all__ = [
    "CLOSED",
    "COSMETIC",
    "COUNTERS",
    "DEAD_END",
    "DETECT_KEY",
    "DROPPED",
    "FABRICATED",
    "FABRICATED_PER_DAY",
    "GENUINE",
    "MAX_DAYS",
    "REPORTED",
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
