"""Policy -> a networkx graph of who is responsible for what and who holds which power.

Node kinds and edge kinds are documented in docs/graph.md. `PolicyGraph` wraps the graph with
the queries checks need, memoised, so that a check over 100,000 items stays linear.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable
from datetime import date
from functools import cached_property
from typing import Any, TypeAlias, TypeVar, cast

import networkx as nx

from .dates import in_force
from .model import Item, Policy
from .structuregraph import structure_edges
from .vocabulary import DIMENSIONS

T = TypeVar("T")
# an edge's attributes: `kind` and what that kind of edge carries (docs/graph.md)
EdgeData: TypeAlias = dict[str, Any]


def node(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


def build_graph(policy: Policy, on: str | None = None) -> nx.MultiDiGraph[str]:
    """The responsibility graph. Grants out of force on date `on` (default: today) are left out."""
    on = on or date.today().isoformat()
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(policy=policy.id)
    _structure(g, policy, on)
    _items(g, policy)
    _lists(g, policy)
    _workflow(g, policy)
    _assessment(g, policy)
    return structure_edges(g, policy, on)  # variants, joint roles, leadership, delegation terms


def _structure(g: nx.MultiDiGraph[str], policy: Policy, on: str) -> None:
    """Tiers, powers, units and the grants in force."""
    for t in policy.tiers.values():
        g.add_node(node("tier", t.id), kind="tier", id=t.id, count=t.count)
    for t in policy.tiers.values():
        if t.parent is not None and t.parent in policy.tiers:
            g.add_edge(node("tier", t.id), node("tier", t.parent), kind="child_of")
    for p in policy.powers:
        g.add_node(node("power", p), kind="power", id=p)
    for u in policy.units.values():
        g.add_node(node("unit", u.id), kind="unit", id=u.id, unit_kind=u.kind, count=u.count, people=u.people)
        g.add_edge(node("unit", u.id), node("tier", u.tier), kind="located_at")
        if u.sent_by:
            g.add_edge(node("unit", u.id), node("unit", u.sent_by), kind="sent_by")
    for grant in policy.grants:
        if not in_force(grant.valid, on):
            continue
        holder = node(*grant.holder)
        for dim, level in grant.dimensions.items():
            g.add_edge(holder, holder, kind="dimension", dimension=dim, level=level)
        for pg in grant.powers:
            g.add_edge(holder, node("power", pg.power), kind="holds", scope=pg.scope, units=pg.units)


def _items(g: nx.MultiDiGraph[str], policy: Policy) -> None:
    """Categories and items: who owns, issues, holds and handles each."""
    for c in policy.categories.values():
        g.add_node(node("category", c.id), kind="category", id=c.id, item_kind=c.kind)
    for i in policy.items.values():
        n = node("item", i.id)
        g.add_node(n, kind="item", id=i.id, item_kind=i.kind, role=i.role, responsibility=i.responsibility)
        g.add_edge(n, node("tier", i.tier), kind="assigned_to", role=i.role)
        if i.owner:
            g.add_edge(n, node("unit", i.owner), kind="owned_by")
        if i.issued_by:
            g.add_edge(n, node("tier", i.issued_by), kind="issued_by")
        if i.category:
            g.add_edge(n, node("category", i.category), kind="in_category")
        for role, powers in i.requires.items():
            for p in powers:
                g.add_edge(n, node("power", p), kind="requires", role=role)
        for u in i.mobilises:
            g.add_edge(n, node("unit", u), kind="mobilises")
        for co in i.co_handlers:
            coverage = float(co.coverage) if co.coverage is not None else None  # one GraphML type
            g.add_edge(n, node("unit", co.unit), kind="co_handled_by", coverage=coverage)
        if i.funding:
            for p in i.funding.powers:
                g.add_edge(n, node("power", p), kind="delegates")


def _lists(g: nx.MultiDiGraph[str], policy: Policy) -> None:
    """Lists, what they contain, and the admission procedures governing them."""
    for lst in policy.lists.values():
        n = node("list", lst.id)
        g.add_node(n, kind="list", id=lst.id, list_kind=lst.kind, stated_items=lst.stated_items)
        g.add_edge(n, node("tier", lst.tier), kind="list_of")
        for i in lst.items:
            g.add_edge(n, node("item", i), kind="contains")
        for c in lst.categories:
            g.add_edge(n, node("category", c), kind="contains")
    for a in policy.admissions.values():
        n = node("admission", a.id)
        g.add_node(n, kind="admission", id=a.id)
        g.add_edge(n, node("tier", a.tier), kind="admits_to")
        # a procedure without `lists` governs every list of its tier
        governed = a.lists or tuple(lst.id for lst in policy.lists.values() if lst.tier == a.tier)
        for lst_id in governed:
            g.add_edge(n, node("list", lst_id), kind="governs")


def _workflow(g: nx.MultiDiGraph[str], policy: Policy) -> None:
    """Escalation, returns and dispatch."""
    if not policy.workflow:
        return
    chain = policy.workflow.escalation
    for low, high in itertools.pairwise(chain):
        g.add_edge(node("tier", low), node("tier", high), kind="escalates_to")
    for rule in policy.workflow.returns:
        # `assigned_tier` returns to whichever lower tier the item sits at: an edge to each tier below
        targets = (
            [rule.to] if rule.to != "assigned_tier" else [t for t in policy.tiers if _below(policy, t, rule.from_tier)]
        )
        for target in targets:
            g.add_edge(
                node("tier", rule.from_tier), node("tier", target), kind="returns_to", to=rule.to, basis=rule.basis
            )
    for d in policy.workflow.dispatch:
        for u in d.to:
            g.add_edge(node("tier", d.from_tier), node("unit", u), kind="dispatches_to")


def _assessment(g: nx.MultiDiGraph[str], policy: Policy) -> None:
    """Assessment regimes and fixed-time duties."""
    for r in policy.regimes.values():
        n = node("assessment", r.id)
        g.add_node(n, kind="assessment", id=r.id)
        g.add_edge(node("unit", r.assessor), n, kind="runs")
        target = node("tier", r.assessed) if r.assessed in policy.tiers else node("unit", r.assessed)
        g.add_edge(n, target, kind="assesses")
        if r.adds_to:
            g.add_edge(n, node("assessment", r.adds_to), kind="adds_to")
    for d in policy.duties.values():
        n = node("duty", d.id)
        g.add_node(n, kind="duty", id=d.id, start=d.start, end=d.end)
        target = node("tier", d.applies_to) if d.applies_to in policy.tiers else node("unit", d.applies_to)
        g.add_edge(n, target, kind="applies_to")


def _below(policy: Policy, low: str, high: str) -> bool:
    seen, cur = set(), policy.tiers[low].parent if low in policy.tiers else None
    while cur is not None and cur not in seen:
        if cur == high:
            return True
        seen.add(cur)
        cur = policy.tiers[cur].parent if cur in policy.tiers else None
    return False


class PolicyGraph:
    """The graph plus memoised queries. Checks read the policy and ask this object."""

    def __init__(self, policy: Policy, on: str | None = None):
        self.policy = policy
        self.on = on or date.today().isoformat()  # the date grants (and admissions) are judged on
        self.g = build_graph(policy, self.on)
        self._memo: dict[tuple[Hashable, ...], object] = {}

    def memo(self, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
        """Memoise a query: checks ask the same question for thousands of items."""
        try:
            # a key is always asked with the same question, so its value is what `compute` returns
            return cast(T, self._memo[key])
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def _edges(self, source: str, kind: str) -> Iterable[tuple[str, str, EdgeData]]:
        if source not in self.g:
            return ()
        return ((u, v, d) for u, v, d in self.g.out_edges(source, data=True) if d["kind"] == kind)

    # -- tiers ----------------------------------------------------------------------------------
    def parent(self, tier: str) -> str | None:
        # looked up, as its child_of edge holds it: walking a tier's edges passed all its children each time
        declared = self.policy.tiers.get(tier)
        if declared is None or declared.parent is None or declared.parent not in self.policy.tiers:
            return None
        return declared.parent

    @cached_property
    def _ancestors(self) -> dict[str, tuple[str, ...]]:
        result: dict[str, tuple[str, ...]] = {}
        for t in self.policy.tiers:
            chain, seen, cur = [], {t}, self.parent(t)
            while cur is not None and cur not in seen:  # a cycle is PE005, not a hang
                chain.append(cur)
                seen.add(cur)
                cur = self.parent(cur)
            result[t] = tuple(chain)
        return result

    def ancestors(self, tier: str) -> tuple[str, ...]:
        """Tiers above `tier`, nearest first."""
        return self._ancestors.get(tier, ())

    def is_below(self, low: str, high: str) -> bool:
        return high in self.ancestors(low)

    def depth(self, tier: str) -> int:
        return len(self.ancestors(tier))

    @cached_property
    def _units_at(self) -> dict[str, tuple[str, ...]]:
        table: dict[str, list[str]] = {t: [] for t in self.policy.tiers}
        for u in self.policy.units.values():
            table.setdefault(u.tier, []).append(u.id)
        return {t: tuple(us) for t, us in table.items()}

    def units_at(self, tier: str) -> tuple[str, ...]:
        return self._units_at.get(tier, ())

    def tier_of(self, holder: str) -> str | None:
        """The tier of a tier-or-unit id."""
        if holder in self.policy.tiers:
            return holder
        unit = self.policy.units.get(holder)
        return unit.tier if unit else None

    # -- powers ---------------------------------------------------------------------------------
    @cached_property
    def _holdings(self) -> dict[str, dict[str, list[EdgeData]]]:
        """holder node -> power id -> the 'holds' edges (with scope) granting it."""
        table: dict[str, dict[str, list[EdgeData]]] = {}
        for u, v, d in self.g.edges(data=True):
            if d["kind"] == "holds":
                table.setdefault(u, {}).setdefault(self.g.nodes[v]["id"], []).append(d)
        return table

    def unit_powers(self, unit: str) -> frozenset[str]:
        return self.memo(("unit_powers", unit), lambda: frozenset(self._holdings.get(node("unit", unit), {})))

    def tier_own_powers(self, tier: str) -> frozenset[str]:
        """Powers granted to the tier as such, not to a unit at it."""
        return frozenset(self._holdings.get(node("tier", tier), {}))

    @cached_property
    def _tier_powers(self) -> dict[str, frozenset[str]]:
        result = {}
        for t in self.policy.tiers:
            powers = set(self._holdings.get(node("tier", t), {}))
            for u in self.own_units_at(t):  # a seconded unit's powers are its sender's line
                powers |= self.unit_powers(u)
            result[t] = frozenset(powers)
        return result

    def tier_powers(self, tier: str) -> frozenset[str]:
        """Powers granted to the tier itself or to any unit of its own at it (not a seconded one)."""
        return self._tier_powers.get(tier, frozenset())

    def held_for(self, item: Item, max_coverage: float) -> tuple[frozenset[str], list[tuple[str, float]]]:
        """Powers the assigned tier holds for `item`, and the co-handlers too thinly spread to count."""
        held = set(self.tier_powers(item.tier))
        if item.funding:
            held.update(item.funding.powers)
        thin = []
        for c in item.co_handlers:
            if c.coverage is None or c.coverage <= max_coverage:
                held |= self.unit_powers(c.unit)
            else:
                thin.append((c.unit, c.coverage))
        return frozenset(held), thin

    def coordination(self, tier: str) -> list[EdgeData]:
        """The coordination grants held at `tier` (by the tier or a unit of its own at it)."""

        def compute() -> list[EdgeData]:
            holders = [node("tier", tier)] + [node("unit", u) for u in self.own_units_at(tier)]
            return [d for h in holders for d in self._holdings.get(h, {}).get("coordination", ())]

        return self.memo(("coordination", tier), compute)

    def own_units_at(self, tier: str) -> tuple[str, ...]:
        """Units at `tier` that are its own, not seconded from elsewhere (`sent_by`)."""
        return self.memo(
            ("own", tier), lambda: tuple(u for u in self.units_at(tier) if not self.policy.units[u].sent_by)
        )

    def reaches(self, grant: EdgeData, unit: str) -> bool:
        target = self.policy.units.get(unit)
        if target is None:
            return False
        if unit in grant["units"]:
            return True
        scope = grant["scope"]
        return scope is not None and (target.tier == scope or self.is_below(target.tier, scope))

    def dispatchable(self, tier: str) -> tuple[str, ...]:
        return self.memo(
            ("dispatch", tier),
            lambda: tuple(v.split(":", 1)[1] for _, v, _ in self._edges(node("tier", tier), "dispatches_to")),
        )

    # -- authority dimensions ---------------------------------------------------------------------
    @cached_property
    def _levels(self) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
        """The best level held on each dimension, in [0, 1]: per tier (its grants and its own
        units', not seconded ones: their authority is their sender's) and per unit (its grants)."""
        tiers: dict[str, dict[str, float]] = {t: {} for t in self.policy.tiers}
        units: dict[str, dict[str, float]] = {u: {} for u in self.policy.units}
        for holder, _, d in self.g.edges(data=True):
            if d["kind"] != "dimension":
                continue
            ident = holder.split(":", 1)[1]
            value = self.policy.level_value(d["level"])
            unit = self.policy.units.get(ident) if holder.startswith("unit:") else None
            if unit is not None:
                units[ident][d["dimension"]] = max(units[ident].get(d["dimension"], 0.0), value)
                if unit.sent_by:
                    continue
            tier = self.tier_of(ident)
            if tier in tiers:
                tiers[tier][d["dimension"]] = max(tiers[tier].get(d["dimension"], 0.0), value)
        return tiers, units

    def level(self, holder: str, dimension: str) -> float | None:
        """A tier's or unit's level on one authority dimension (0 when nothing grants it)."""
        tiers, units = self._levels
        table = units.get(holder) if holder in self.policy.units else tiers.get(holder)
        return None if table is None else table.get(dimension, 0.0)

    @cached_property
    def authority(self) -> dict[str, float]:
        """Per tier: mean over the four dimensions of the best level held at that tier, in [0, 1]."""
        return {
            t: sum(levels.get(dim, 0.0) for dim in DIMENSIONS) / len(DIMENSIONS)
            for t, levels in self._levels[0].items()
        }

    # -- responsibility ---------------------------------------------------------------------------
    def origin_of(self, item: Item) -> str | None:
        """The tier an item comes from: its owner department's tier, else the tier that issues it."""
        if item.owner and item.owner in self.policy.units:
            return self.policy.units[item.owner].tier
        return item.issued_by

    def settles(self, tier: str, needed: frozenset[str]) -> bool:
        """Whether an event needing `needed` can be settled at `tier`: the tier's own grants, or one unit
        at it or dispatchable from it, hold every power needed (seconded units included: they act)."""

        def compute() -> bool:
            if needed <= self.tier_own_powers(tier):
                return True
            candidates = self.units_at(tier) + self.dispatchable(tier)
            return any(needed <= self.unit_powers(u) for u in candidates)

        settled: bool = self.memo(("settles", tier, needed), compute)
        return settled

    def hours_per_person(self, tier: str) -> float | None:
        """The working hours a person at `tier` gives a month, as the first of its units that says."""

        def compute() -> float | None:
            return next(
                (
                    u.hours_per_person_month
                    for u in map(self.policy.units.get, self.units_at(tier))
                    if u is not None and u.hours_per_person_month
                ),
                None,
            )

        return self.memo(("hours-per-person", tier), compute)

    @cached_property
    def responsibility_load(self) -> tuple[dict[str, int], dict[str, int]]:
        """Per tier, the items assigned to it and the items its lists state beyond those (PE105's load
        is their sum; the report's pyramid draws the same)."""
        policy = self.policy
        assigned = dict.fromkeys(policy.tiers, 0)
        for item in policy.items.values():
            assigned[item.tier] = assigned.get(item.tier, 0) + 1
        stated = dict.fromkeys(policy.tiers, 0)
        items = policy.items
        for lst in policy.lists.values():
            if lst.stated_items is not None and lst.kind != "returned":  # 上收事项 left the tier
                # stated items beyond those declared in the list *and assigned to its tier* (counted above)
                declared = sum(1 for i in lst.items if i in items and items[i].tier == lst.tier)
                stated[lst.tier] = stated.get(lst.tier, 0) + max(0, lst.stated_items - declared)
        return assigned, stated

    def assessors_of(self, tier: str) -> list[str]:
        """Distinct assessor units of a tier, assessed directly or through a unit at it."""
        found = []
        for r in self.policy.regimes.values():
            if self.tier_of(r.assessed) == tier and r.assessor not in found:
                found.append(r.assessor)
        return sorted(found)
