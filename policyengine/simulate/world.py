"""What a policy implies for the simulator, as numpy arrays: the grids and their community and
street, the kinds of problem with their daily rates, which level of the escalation chain can
settle each kind (from the items' required powers and the tiers' powers at the judged date), how
likely each level is to return each kind (from the return rules and the items' responsibility
modes), the quota, the scoring rules and ranking consequences, and the verification deadline.

Nothing here is random: a `World` is a pure function of the policy, the date and the parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

from ..checks import CATALOGUE
from ..errors import InputError
from ..graph import PolicyGraph
from ..itempowers import reachable_powers
from ..model import Item, Policy, Simulation, Tier
from ..span import Span
from ..yamlnodes import YMap
from .capacity import funded_hours, level_limits
from .layout import lay_out
from .parameters import resolve, value_of
from .regimes import ScopedRegime, per_grid_quota, scoped_regimes

DAYS_PER_MONTH = 365.25 / 12
# The most grids a co-handler may cover and still count as the grid's: PE101's threshold (a number,
# though thresholds in general may be lists of names). A co-handler spread over more grids is not at
# the grid's disposal, so an upper level applying the written rule ("return what the lower level has
# the authority for") does not count its powers as the grid's.
ATTACHED_COVERAGE = float(cast(float, CATALOGUE["PE101"].thresholds["max_co_handler_coverage"]))
# The most problems one month of one run may expect (docs/simulation.md, "Size"): what it holds in
# memory at once. `build_world` refuses a world past it from the declared sizes, before it allocates
# anything; `runs.check_size` applies it again to the worlds a simulation runs.
MAX_MONTH_PROBLEMS = 20_000_000


def month_problems(grids: float, per_day: float, days: float, quota: float, kinds: int) -> float:
    """The problems one month of one run expects: per grid, those of the month's days and the quota's
    reports, and one draw per kind of problem."""
    return grids * (per_day * days + max(quota, 0.0) + kinds)


@dataclass(frozen=True)
class World:
    params: dict[str, float | None]  # every parameter by name: declared, overridden, or its default
    levels: tuple[str, ...]  # the escalation chain, lowest first (level 0: the grid)
    kinds: tuple[str, ...]  # problem kind ids
    categories: tuple[str, ...]  # the category each kind is counted under ('' when none)
    rate: NDArray[np.float64]  # (K,) problems per grid per day
    settle: NDArray[np.bool_]  # (L, K): the level holds (or can dispatch to a unit holding) the powers
    co_presence: NDArray[np.float64]  # (K,) chance a co-handler holding the powers is at hand at the grid
    assigned: NDArray[np.int64]  # (K,) level of the tier the item is assigned to
    ret: NDArray[np.float64]  # (L, K) chance that the level returns an escalated event of the kind
    ret_to: NDArray[np.int64]  # (L, K) the level a return from the level sends the kind to (its rule's `to`)
    urban: NDArray[np.bool_]  # (K,): counted as urban management or public order
    grids: int
    community: NDArray[np.int64]  # (G,) community index of each grid
    street: NDArray[np.int64]  # (G,) street index of each grid
    streets: tuple[str, ...]  # per street index: the instance it is, or street_N (layout.py)
    review_units: tuple[str, ...]  # per level: the units it reviews in — grid, community, street or one
    quota: float  # the largest quota of any grid (sizes; the `world` entry of the result)
    grid_quota: NDArray[np.float64]  # (G,) events the grid's worker must report a month (0: no quota)
    regimes: tuple[ScopedRegime, ...]  # every regime on grid workers, with the grids it covers
    funded: NDArray[np.float64]  # (K,) hours per grid-month that money and people bring for the kind at its level
    limits: dict[int, NDArray[np.float64]]  # per level above the grid: events each of its units can settle a month
    verification_hours: float | None
    grid_cost_per_month: float  # yuan per grid per month (the policy's spending)
    format_rule: bool  # the platform rejects reports breaking a format rule
    month_days: tuple[float, ...] = field(default=())  # calendar month lengths from `start`, cycled

    def days(self, month: int) -> float:
        return self.month_days[month % len(self.month_days)] if self.month_days else DAYS_PER_MONTH


def _month_days(start: str | None) -> tuple[float, ...]:
    if not start:
        return ()
    import calendar

    year, month = map(int, start.split("-"))
    out = []
    for _ in range(48):  # four years: leap years come round
        out.append(float(calendar.monthrange(year, month)[1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


@dataclass
class _Kinds:
    """Per problem kind: what it needs and who bears it, as the policy's items say."""

    kinds: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    rates: list[float] = field(default_factory=list)
    required: list[frozenset[str]] = field(default_factory=list)
    assigned: list[int] = field(default_factory=list)  # the level the kind's items are assigned to
    modes: list[str] = field(default_factory=list)  # territorial, dual or owner responsibility
    co: list[float] = field(default_factory=list)  # how often a co-handler holding the powers is at hand
    fund: list[frozenset[str]] = field(default_factory=list)  # powers devolved with the items
    attached: list[bool] = field(default_factory=list)  # a co-handler covers few enough grids to be the grid's
    items: list[tuple[Item, ...]] = field(default_factory=list)  # for powers scoped to items or a line


def _kinds(policy: Policy, graph: PolicyGraph, level_of: dict[str, int], max_coverage: float) -> _Kinds:
    sim = policy.simulation
    assert sim is not None
    found = _Kinds()
    for p in sim.problems:
        items = _items_of(policy, p.item, p.category)
        if p.item is None and p.category is None:
            raise InputError.of("simulate.problem_target", p.span, id=p.id)
        found.kinds.append(p.id)
        found.items.append(tuple(items))
        item = policy.items.get(p.item) if p.item else None
        found.categories.append(p.category or (item.category if item else None) or "")
        found.rates.append(float(p.per_grid_per_day))
        req = frozenset(pw for i in items for pw in i.requires.get("handle", ()))
        found.required.append(req)
        tiers = [level_of[i.tier] for i in items if i.tier in level_of]
        found.assigned.append(min(tiers) if tiers else 0)
        mode = next((i.responsibility for i in items if i.responsibility), None)
        if mode is None:
            category = policy.categories.get(p.category) if p.category is not None else None
            kind = category.kind if category is not None else "routine"
            mode = "dual" if kind == "line" else "territorial"  # line matters: dual management (§4)
        found.modes.append(mode)
        found.fund.append(frozenset(pw for i in items if i.funding for pw in i.funding.powers))
        presence, near = 0.0, False
        for i in items:
            for c in i.co_handlers:
                if req and req <= graph.unit_powers(c.unit):
                    presence = max(presence, 1.0 / c.coverage if c.coverage and c.coverage > 1 else 1.0)
                    near = near or c.coverage is None or c.coverage <= max_coverage
        found.co.append(presence)
        found.attached.append(near)
    return found


def _settle(graph: PolicyGraph, levels: tuple[str, ...], k: _Kinds) -> NDArray[np.bool_]:
    """Which level can settle which kind: it holds (or may dispatch to a unit holding) every power
    the kind's handling requires, counting the powers devolved with it at its own level."""
    settle = np.zeros((len(levels), len(k.kinds)), dtype=bool)
    for ell, tier in enumerate(levels):
        held = set(graph.tier_powers(tier))
        for u in graph.dispatchable(tier):
            held |= graph.unit_powers(u)
        for j in range(len(k.kinds)):
            # a grant scoped to items, or a power on one line, counts for the kind through its items
            mine = {pw for i in k.items[j] for pw in reachable_powers(graph, tier, i)} if k.items[j] else held
            settle[ell, j] = k.required[j] <= mine | (k.fund[j] if k.assigned[j] == ell else frozenset())
    return settle


def _returns(
    policy: Policy, params: dict[str, float | None], level_of: dict[str, int], k: _Kinds, settle: NDArray[np.bool_]
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Per level and kind: how likely an escalated event is returned, and to which level."""
    wf = policy.workflow
    ret = np.zeros(settle.shape)
    ret_to = np.zeros(settle.shape, dtype=np.int64)
    for rule in wf.returns if wf else ():
        ell = level_of.get(rule.from_tier)
        if ell is None:
            continue
        for j in range(len(k.kinds)):
            target = k.assigned[j] if rule.to == "assigned_tier" else level_of.get(rule.to, ell)
            if target >= ell:
                continue
            if rule.basis == "authority":  # the lower level holds the powers, or an attached co-handler does
                holds = settle[target, j] or (target == 0 and k.attached[j])
                p = value_of(params, "return_probability_authority") if holds else 0.0
            else:
                by_mode = f"return_probability_{k.modes[j]}"
                p = value_of(params, by_mode if by_mode in params else "return_probability_territorial")
            if p > ret[ell, j] or (p == ret[ell, j] == 0):
                ret[ell, j], ret_to[ell, j] = p, target
    return ret, ret_to


def build_world(
    policy: Policy,
    on: str | None = None,
    overrides: dict[str, Any] | None = None,
    max_coverage: float = ATTACHED_COVERAGE,
) -> World:
    """The arrays a policy implies; `max_coverage` is PE101's threshold for a co-handler to count as the
    grid's. Raises InputError (located) when it cannot be simulated."""
    sim = policy.simulation
    if sim is None or not sim.problems:
        raise InputError.of(
            "simulate.no_problems",
            sim.span if sim is not None else Span(policy.files[0], 1, 1) if policy.files else None,
        )
    params = resolve(sim.parameters)
    params.update(overrides or {})
    graph = PolicyGraph(policy, on)
    wf = policy.workflow
    levels = tuple(wf.escalation) if wf and wf.escalation else _chain(policy)
    if not levels:
        raise InputError.of("simulate.no_tiers", sim.span)
    level_of = {t: i for i, t in enumerate(levels)}
    k = _kinds(policy, graph, level_of, max_coverage)
    settle = _settle(graph, levels, k)
    ret, ret_to = _returns(policy, params, level_of, k, settle)

    lowest = policy.tiers.get(levels[0])
    rates = np.array(k.rates) * value_of(params, "problem_rate_scale")
    size = _grid_count(policy, sim, lowest, params, overrides or {}, rates)
    grids = size
    per_c, per_s = int(value_of(params, "grids_per_community")), int(value_of(params, "communities_per_street"))
    layout = lay_out(policy, levels[0], grids, per_c, per_s, lowest.count if lowest is not None else None)
    regimes = scoped_regimes(policy, graph, levels[0], layout)
    grid_quota = per_grid_quota(regimes, grids)

    review_units = tuple(_review_unit(policy, levels[0], t) for t in levels)
    by_unit = {"grid": np.arange(grids), "community": layout.community, "street": layout.street}
    units_at = {ell: by_unit.get(review_units[ell], np.zeros(grids, dtype=np.int64)) for ell in range(1, len(levels))}
    units_count = [grids, *(int(u.max()) + 1 if u.size else 1 for u in units_at.values())]
    hours = funded_hours(k.items, k.assigned, len(levels), units_count, params)
    spending = max(policy.spending, key=lambda s: s.year).yuan if policy.spending else 0.0
    total_grids = lowest.count if lowest and lowest.count else grids
    urban = set(sim.urban_public_order_categories)
    return World(
        params=params,
        levels=levels,
        kinds=tuple(k.kinds),
        categories=tuple(k.categories),
        rate=rates,
        settle=settle,
        co_presence=_bought_presence(np.array(k.co), hours.funded, settle[0], rates, params),
        assigned=np.array(k.assigned),
        ret=ret,
        ret_to=ret_to,
        urban=np.array([c in urban for c in k.categories], dtype=bool),
        grids=grids,
        community=layout.community,
        street=layout.street,
        streets=layout.streets,
        review_units=review_units,
        quota=float(grid_quota.max()) if grids else 0.0,
        grid_quota=grid_quota,
        regimes=regimes,
        funded=hours.funded,
        limits=level_limits(units_at, hours, params),
        verification_hours=wf.verification_hours if wf else None,
        grid_cost_per_month=spending / 12 / total_grids if total_grids else 0.0,
        format_rule=any(r.kind == "report_format" for r in policy.platform_rules.values()),
        month_days=_month_days(sim.start),
    )


def _bought_presence(
    co: NDArray[np.float64],
    funded: NDArray[np.float64],
    settled: NDArray[np.bool_],
    rates: NDArray[np.float64],
    params: dict[str, float | None],
) -> NDArray[np.float64]:
    """Where the grid cannot settle a kind but a co-handler holding the powers is declared, money and
    people transferred with the kind buy that co-handler's hours at the grid: the co-handler is at
    hand for the share of the kind's expected found problems the hours cover (capacity.py)."""
    need = rates * DAYS_PER_MONTH * value_of(params, "detection_probability") * value_of(params, "grid_hours_per_event")
    bought = np.where(need > 0, funded / np.maximum(need, 1e-12), 0.0)
    return np.where(~settled & (co > 0), np.minimum(1.0, co + bought), co)


def _quota_bound(policy: Policy, regime_id: str) -> float:
    """An upper bound of a regime's quota before the grids are laid out (the size check)."""
    total, seen, cur = 0.0, set(), regime_id
    while cur in policy.regimes and cur not in seen:
        seen.add(cur)
        for q in policy.regimes[cur].quotas:
            if q.metric == "events_reported" and q.kind == "count":
                total += float(q.min or 0) + float(q.add or 0)
        cur = policy.regimes[cur].adds_to or ""
    return total


def _grid_count(
    policy: Policy,
    sim: Simulation,
    lowest: Tier | None,
    params: dict[str, float | None],
    overrides: dict[str, Any],
    rates: NDArray[np.float64],
) -> int:
    """The number of grids to simulate: the `grids` parameter, else the lowest tier's `count`; refused
    (located) when neither is stated, or when one month of one run would hold too many problems —
    from the declared sizes, before the grids' arrays exist (10^9 grids would fill the memory)."""
    declared = params["grids"]
    if not declared and not (lowest and lowest.count):
        if lowest is not None and lowest.count == 0 and isinstance(lowest.raw, YMap):
            # declared, but as none: said where the 0 is written, not as if it were missing
            raise InputError.of("simulate.zero_grids", lowest.raw.value_span("count"))
        if lowest is not None and lowest.marker("count") is not None and isinstance(lowest.raw, YMap):
            # `unstated`/`unknown`: the number is not in the document, which is not the same as missing here
            raise InputError.of(
                "simulate.unstated_grids", lowest.raw.value_span("count"), marker=str(lowest.marker("count"))
            )
        raise InputError.of("simulate.no_grids", lowest.span if lowest is not None else sim.span)
    size = declared or (lowest.count if lowest and lowest.count else 0)
    fullest = max(_month_days(sim.start) or (DAYS_PER_MONTH,))
    quota = max((_quota_bound(policy, r) for r in policy.regimes), default=0.0)
    expected = month_problems(_float(size), float(rates.sum()), fullest, quota, len(rates))
    if not math.isfinite(expected) or expected > MAX_MONTH_PROBLEMS:
        where = _grids_span(sim, lowest, overrides)
        raise InputError.of("simulate.too_many_month", where, count=expected, limit=MAX_MONTH_PROBLEMS)
    return int(size)


def _float(value: float) -> float:
    """A declared size as a float; infinite when it is an integer past what a float holds."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _grids_span(sim: Simulation, lowest: Tier | None, overrides: dict[str, Any]) -> Span | None:
    """Where the number of grids was declared: the `grids` parameter, else the lowest tier's `count`
    (None when given on the command line)."""
    if "grids" in overrides:
        return None
    parameters = sim.raw.get("parameters") if isinstance(sim.raw, dict) else None
    if isinstance(parameters, YMap) and parameters.get("grids") is not None:
        return parameters.value_span("grids")
    if lowest is not None and isinstance(lowest.raw, YMap):
        return lowest.raw.value_span("count")
    return sim.span


def _review_unit(policy: Policy, grid: str, tier: str) -> str:
    """The units a level of the chain comes in, from its tier: the grid's own tier, its parent (one
    unit per community), a tier further up (one per street), the root (one in all)."""
    if tier == grid:
        return "grid"
    declared = policy.tiers.get(tier)
    if declared is None or declared.parent is None or declared.parent not in policy.tiers:
        return "one"
    lowest = policy.tiers.get(grid)
    return "community" if lowest is not None and lowest.parent == tier else "street"


def _chain(policy: Policy) -> tuple[str, ...]:
    """Without a workflow: the tier tree from a leaf up to the root."""
    children = {t.parent for t in policy.tiers.values()}
    leaves = [t for t in policy.tiers if t not in children]
    if not leaves:
        return ()
    chain: list[str] = []
    seen: set[str] = set()
    cur: str | None = leaves[0]
    while cur is not None and cur not in seen:
        chain.append(cur)
        seen.add(cur)
        cur = policy.tiers[cur].parent if cur in policy.tiers else None
    return tuple(chain)


def _items_of(policy: Policy, item: str | None, category: str | None) -> list[Item]:
    if item is not None:
        return [policy.items[item]] if item in policy.items else []
    return [i for i in policy.items.values() if i.category == category]
