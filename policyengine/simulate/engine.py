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
STATES = ("undetected", "dropped", "resolved_on_site", "resolved_above", "resolved_after_return",
          "cosmetic", "returned", "dead_end")
RESOLVED = (RESOLVED_ON_SITE, RESOLVED_ABOVE, RESOLVED_AFTER_RETURN)

# What is counted each month (one row of `Tally.counts` per month).
COUNTERS = (
    *STATES, "arisen", "reports", "genuine_reports", "fabricated", "closed", "closed_urban", "cosmetic_closed",
    "unqualified", "verified_on_time", "to_verify", "escalated", "district_transfers", "returns", "handled_above",
    "caught", "dismissals", "lost_pay", "double_pay", "grids",
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
    return np.random.default_rng(np.random.SeedSequence(ss.entropy, spawn_key=(*ss.spawn_key, key),
                                                        pool_size=ss.pool_size))


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


def run(world: World, months: int, arrivals: np.random.Generator, behaviour: np.random.Generator,
        keep: bool = False) -> Tally:
    p = world.params
    G, K = world.grids, len(world.kinds)
    L = len(world.levels)
    prior = _prior(world)
    belief = np.tile(prior, (G, 1))
    spread = float(p["worker_caution_spread"])
    caution = behaviour.lognormal(0.0, spread, G)
    streak = np.zeros(G, dtype=np.int64)
    counts = np.zeros((months, len(COUNTERS)), dtype=np.int64)
    days = np.zeros((months, 2, MAX_DAYS), dtype=np.int64)
    month_length = np.zeros(months, dtype=np.int64)
    arise_clock, report_clock = timing_stream(arrivals), timing_stream(behaviour)
    return_draws = timing_stream(behaviour, RETURN_KEY)
    records: list[MonthRecord] | None = [] if keep else None
    audit_eff = float(p["audit_probability"]) * (1 - float(p["collusion_tolerance"]))
    scored = world.scores
    esc_pts = float(p["escalation_points"]) if "district_transfers" in scored else 0.0
    ret_pen = float(p["return_penalty_points"]) if "returned" in scored else float(p["unqualified_points"])
    tau = float(p["choice_temperature"])
    own = world.assigned == 0  # kinds the grid bears responsibility for: it may close them cosmetically
    easy = np.flatnonzero(world.settle[0])
    easy_w = world.rate[easy] / world.rate[easy].sum() if easy.size and world.rate[easy].sum() > 0 else None
    capacity = float(p["verification_capacity"]) * ((world.verification_hours or 24.0) / 24.0)
    cons = world.consequences
    group = world.community if cons.group == "community" else world.street if cons.group == "street" \
        else np.zeros(G, dtype=np.int64)

    cap = p.get("review_capacity_per_grid")
    cap = None if cap is None else float(cap)
    # the unit of each level above the grid that an event from each grid reaches, by the level's tier:
    # its community, its street, or the one unit at the root
    by_unit = {"grid": np.arange(G), "community": world.community, "street": world.street}
    units_at = {ell: by_unit.get(world.review_units[ell], np.zeros(G, dtype=np.int64))
                for ell in range(1, L)}
    limit_at = {ell: np.floor(cap * np.bincount(u)) if cap is not None else None for ell, u in units_at.items()}

    for m in range(months):
        row = counts[m]
        row[C["grids"]] = G
        # -- the hidden truth: problems arise (the shared stream) --------------------------------------
        n_gk = arrivals.poisson(world.rate * world.days(m), size=(G, K))
        cell = np.repeat(np.arange(G * K), n_gk.ravel())
        grid, kind = cell // K, cell % K
        n = cell.size
        visibility = arrivals.random(n)
        D = min(MAX_DAYS, max(1, int(world.days(m))))
        # the day each problem arises and is found: uniform over the month (shared by scenarios)
        found_on = np.floor(arise_clock.random(n) * D).astype(np.int64) + 1
        state = np.full(n, UNDETECTED, dtype=np.int8)
        # -- workers detect; handle on site when the grid holds the powers (or a co-handler is at hand)
        detected = visibility < float(p["detection_probability"])
        co = behaviour.random(n) < world.co_presence[kind]
        on_site = detected & (world.settle[0, kind] | co)
        state[on_site] = RESOLVED_ON_SITE
        # -- otherwise escalate, close cosmetically, or drop: by expected points (selective reporting)
        stuck = np.flatnonzero(detected & ~on_site)
        b, c = belief[grid[stuck], kind[stuck]], caution[grid[stuck]]
        u_esc = (1 - b) * esc_pts - b * ret_pen * c
        u_cos = np.where(own[kind[stuck]], float(p["closure_points"]) - audit_eff * float(p["unqualified_points"]) * c,
                         -np.inf)
        u = np.stack([u_esc, u_cos, np.zeros_like(u_esc)], axis=1) / tau
        u -= u.max(axis=1, keepdims=True)
        w = np.exp(u)
        cum = np.cumsum(w / w.sum(axis=1, keepdims=True), axis=1)
        pick = (behaviour.random(stuck.size)[:, None] > cum[:, :2]).sum(axis=1)  # 0 escalate, 1 cosmetic, 2 drop
        state[stuck[pick == 1]] = COSMETIC
        state[stuck[pick == 2]] = DROPPED
        # -- reviewers level by level: return, settle (handle or dispatch), or pass it up ------------
        moving = stuck[pick == 0]
        escalated = moving.copy()
        reached = np.zeros(n, dtype=np.int8)
        returned_any = np.zeros(n, dtype=bool)
        for ell in range(1, L):
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
            fixed = world.settle[to, k_ret] | ((to == 0) & (return_draws.random(ret_idx.size) < world.co_presence[k_ret]))
            state[ret_idx[fixed]] = RESOLVED_AFTER_RETURN
            state[ret_idx[~fixed]] = RETURNED
            rest = moving[~back]
            done = world.settle[ell, kind[rest]]
            settled = rest[done]
            if cap is not None and settled.size:  # each unit of the level settles up to its capacity
                unit = units_at[ell][grid[settled]]
                order = np.lexsort((behaviour.random(settled.size), unit))
                first = np.searchsorted(unit[order], unit[order], side="left")
                within = np.empty(settled.size, dtype=np.int64)
                within[order] = np.arange(settled.size) - first
                over = within >= limit_at[ell][unit]
                state[settled[over]] = DEAD_END
                settled = settled[~over]
            state[settled] = RESOLVED_ABOVE
            moving = rest[~done]
        state[moving] = DEAD_END
        # -- what the platform sees: genuine reports ------------------------------------------------
        rep = np.flatnonzero((state >= RESOLVED_ON_SITE))  # on site, above, after return, cosmetic, returned, dead end
        rep_grid = grid[rep]
        rep_closed = np.isin(state[rep], (RESOLVED_ON_SITE, RESOLVED_ABOVE, RESOLVED_AFTER_RETURN, COSMETIC))
        rep_unq = np.isin(state[rep], (RETURNED, DEAD_END)) | returned_any[rep]
        rep_cosmetic = state[rep] == COSMETIC
        genuine = np.bincount(rep_grid, minlength=G)
        # -- month end: fill the quota, fabricating when the shortfall is large and detection unlikely (凑件)
        shortfall = np.maximum(0.0, world.quota - genuine)
        fabricate = (shortfall >= float(p["fabrication_min_shortfall"])) & (shortfall > 0) & \
            (audit_eff * float(p["fabrication_penalty_points"]) * caution < float(p["quota_miss_points"]))
        n_fab = np.where(fabricate, np.ceil(shortfall), 0).astype(np.int64)
        if easy_w is None:
            n_fab[:] = 0
        fab_grid = np.repeat(np.arange(G), n_fab)
        fab_kind = easy[behaviour.choice(easy.size, size=fab_grid.size, p=easy_w)] if fab_grid.size else \
            np.zeros(0, dtype=np.int64)
        # all reports: genuine first, then fabricated
        r_grid = np.concatenate([rep_grid, fab_grid])
        r_kind = np.concatenate([kind[rep], fab_kind])
        r_problem = np.concatenate([rep, np.full(fab_grid.size, -1)])
        r_fab = r_problem < 0
        r_closed = np.concatenate([rep_closed, np.ones(fab_grid.size, dtype=bool)])
        r_workaround = np.concatenate([rep_cosmetic, np.ones(fab_grid.size, dtype=bool)])
        # -- when in the month: genuine reports as problems arise and are found, fabricated ones at the end
        r_day = np.concatenate([found_on[rep], _fabricated_on(n_fab, D, report_clock)])
        # -- verification within the deadline, less likely with more to verify ----------------------
        load = np.bincount(r_grid[r_closed], minlength=G).astype(float)
        if world.verification_hours is None:
            p_on = np.ones(G)
        else:
            p_on = float(p["verification_base"]) * np.minimum(1.0, capacity / np.maximum(load, 1.0))
        on_time = r_closed & (behaviour.random(r_grid.size) < p_on[r_grid])
        late = r_closed & ~on_time
        # -- audits: an exposed workaround is unqualified unless street and community tolerate it -----
        caught = r_closed & r_workaround & (behaviour.random(r_grid.size) < audit_eff)
        rejected = behaviour.random(r_grid.size) < (float(p["format_rejection_probability"]) if world.format_rule else 0.0)
        r_unq = np.concatenate([rep_unq, np.zeros(fab_grid.size, dtype=bool)]) | caught | rejected
        # -- monthly assessment: scores, ranking, pay, dismissal and replacement ----------------------
        reports = np.bincount(r_grid, minlength=G)
        miss = np.maximum(0.0, world.quota - reports)
        transfers_ok = np.bincount(grid[escalated[~returned_any[escalated]]], minlength=G)
        returns_g = np.bincount(grid[returned_any], minlength=G)
        unq_other = np.bincount(r_grid[r_unq], minlength=G) - returns_g
        score = (float(p["score_base"]) - float(p["quota_miss_points"]) * miss + esc_pts * transfers_ok
                 - ret_pen * returns_g - float(p["unqualified_points"]) * unq_other)
        if "exceeds_quota" in scored:
            score += float(p["exceed_bonus_points"]) * np.maximum(0.0, reports - world.quota)
        if "late_verification" in scored:
            score -= float(p["late_verification_points"]) * np.bincount(r_grid[late], minlength=G)
        jitter = behaviour.random(G)  # ties in the ranking broken at random
        order = np.lexsort((jitter, score, group))  # by group, then score ascending
        pos = np.empty(G, dtype=np.int64)
        starts = np.searchsorted(group[order], group[order], side="left")
        pos[order] = np.arange(G) - starts
        size = np.bincount(group)[group]
        lose = pos < cons.bottom_lose_pay
        if cons.lose_pay_at_most is not None:
            lose |= score <= cons.lose_pay_at_most
        double = (pos >= size - cons.top_double_pay) & ~lose
        dismissed = np.zeros(G, dtype=bool)
        if cons.dismissal_at_most is not None:
            streak = np.where(score <= cons.dismissal_at_most, streak + 1, 0)
            dismissed = streak >= cons.dismissal_periods
        # -- workers learn the return risk of what they escalated -------------------------------------
        esc_gk = np.bincount(grid[escalated] * K + kind[escalated], minlength=G * K).reshape(G, K)
        ret_gk = np.bincount(grid[returned_any] * K + kind[returned_any], minlength=G * K).reshape(G, K)
        lam = float(p["belief_learning_rate"])
        seen = esc_gk > 0
        belief[seen] = (1 - lam) * belief[seen] + lam * ret_gk[seen] / esc_gk[seen]
        if dismissed.any():  # replacement: a new worker with the written rules' beliefs
            d = np.flatnonzero(dismissed)
            caution[d] = behaviour.lognormal(0.0, spread, d.size)
            belief[d] = prior
            streak[d] = 0
        # -- tally ------------------------------------------------------------------------------------
        row[:len(STATES)] = np.bincount(state, minlength=len(STATES))
        row[C["arisen"]] = n
        row[C["reports"]] = r_grid.size
        row[C["genuine_reports"]] = rep.size
        row[C["fabricated"]] = fab_grid.size
        row[C["closed"]] = r_closed.sum()
        row[C["closed_urban"]] = (r_closed & world.urban[r_kind]).sum()
        row[C["cosmetic_closed"]] = rep_cosmetic.sum()
        row[C["unqualified"]] = r_unq.sum()
        row[C["verified_on_time"]] = on_time.sum()
        row[C["to_verify"]] = r_closed.sum()
        row[C["escalated"]] = escalated.size
        row[C["district_transfers"]] = (reached == L - 1).sum() if L > 1 else 0
        row[C["returns"]] = returned_any.sum()
        row[C["handled_above"]] = (state == RESOLVED_ABOVE).sum()
        row[C["caught"]] = caught.sum()
        row[C["dismissals"]] = dismissed.sum()
        row[C["lost_pay"]] = lose.sum()
        row[C["double_pay"]] = double.sum()
        month_length[m] = D
        days[m] = np.bincount(r_fab * MAX_DAYS + r_day - 1, minlength=2 * MAX_DAYS).reshape(2, MAX_DAYS)
        if records is not None:
            records.append(MonthRecord(grid, kind, state, r_problem, r_fab, r_closed, ~r_unq, r_grid, row.copy(),
                                       r_day, D))
    return Tally(counts, records, days, month_length)


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
