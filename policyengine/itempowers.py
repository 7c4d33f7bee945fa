"""The powers held for one item: a grant with a `scope` counts only for the items in it (by id or
category), and a power entry with a `line` only for items on that line department's line (the
item's `line`, else its `owner`). PE101, PE103, PE104 and the simulator ask here rather than
`PolicyGraph`'s item-blind queries; a policy with no scoped grant and no line gets the same answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .structure import item_line

if TYPE_CHECKING:
    from .graph import PolicyGraph
    from .model import Item, Policy

Holdings = dict[str, tuple[frozenset[str], tuple[tuple[str, dict[str, Any]], ...]]]


def conditional(edge: dict[str, Any]) -> bool:
    """Whether a `holds` edge counts only for some items."""
    return edge.get("line") is not None or edge.get("scope_items") is not None


def counts_for(policy: Policy, edge: dict[str, Any], item: Item) -> bool:
    """Whether a `holds` edge (or a coordination grant's edge) counts for `item`."""
    scoped = edge.get("scope_items") is not None
    if scoped and item.id not in edge["scope_items"] and item.category not in (edge.get("scope_categories") or ()):
        return False
    line = edge.get("line")
    return line is None or item_line(policy, item) == line


def _holdings(graph: PolicyGraph) -> Holdings:
    def compute() -> Holdings:
        plain: dict[str, set[str]] = {}
        held: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for u, v, d in graph.g.edges(data=True):
            if d["kind"] != "holds":
                continue
            power = graph.g.nodes[v]["id"]
            if conditional(d):
                held.setdefault(u, []).append((power, d))
            else:
                plain.setdefault(u, set()).add(power)
        return {h: (frozenset(plain.get(h, ())), tuple(held.get(h, ()))) for h in plain.keys() | held.keys()}

    return graph.memo(("item-holdings",), compute)


def _any_conditional(graph: PolicyGraph) -> bool:
    return graph.memo(("any-conditional",), lambda: any(h for _, h in _holdings(graph).values()))


def holder_powers(graph: PolicyGraph, holder: str, item: Item) -> frozenset[str]:
    """The powers a holder node (`unit:x`, `tier:y`) holds for `item`."""
    plain, held = _holdings(graph).get(holder, (frozenset(), ()))
    if not held:
        return plain
    return plain | {p for p, d in held if counts_for(graph.policy, d, item)}


def unit_powers(graph: PolicyGraph, unit: str, item: Item) -> frozenset[str]:
    return holder_powers(graph, f"unit:{unit}", item)


def tier_powers(graph: PolicyGraph, tier: str, item: Item) -> frozenset[str]:
    """What the tier and its own units (not seconded ones) hold for `item`."""
    if not _any_conditional(graph):
        return graph.tier_powers(tier)
    held = set(holder_powers(graph, f"tier:{tier}", item))
    for u in graph.own_units_at(tier):
        held |= unit_powers(graph, u, item)
    return frozenset(held)


def held_for(
    graph: PolicyGraph, item: Item, max_coverage: float, tier: str | None = None
) -> tuple[frozenset[str], list[tuple[str, float]]]:
    """`PolicyGraph.held_for`, item by item: the powers `tier` (default: the item's tier) holds for the
    item, and the co-handlers too thinly spread to count. Powers delegated with the item
    (`funding.powers`) count at its own tier only: they go down with the item to it."""
    if tier is None or tier == item.tier:
        if not _any_conditional(graph):
            return graph.held_for(item, max_coverage)
        tier = item.tier
    held = set(tier_powers(graph, tier, item))
    if item.funding and tier == item.tier:
        held.update(item.funding.powers)
    thin = []
    for c in item.co_handlers:
        if c.coverage is None or c.coverage <= max_coverage:
            held |= unit_powers(graph, c.unit, item)
        else:
            thin.append((c.unit, c.coverage))
    return frozenset(held), thin


def settles(graph: PolicyGraph, tier: str, needed: frozenset[str], item: Item) -> bool:
    """`PolicyGraph.settles` for `item`: the tier's own grants, or one unit at it or dispatchable
    from it, hold every power needed for the item."""
    if not _any_conditional(graph):
        return graph.settles(tier, needed)
    if needed <= holder_powers(graph, f"tier:{tier}", item):
        return True
    return any(needed <= unit_powers(graph, u, item) for u in graph.units_at(tier) + graph.dispatchable(tier))


def reachable_powers(graph: PolicyGraph, tier: str, item: Item) -> frozenset[str]:
    """What the simulator counts for an item at a level: the tier's and its own units' powers and
    those of the units it may dispatch to, for the item."""
    held = set(tier_powers(graph, tier, item))
    for u in graph.dispatchable(tier):
        held |= unit_powers(graph, u, item)
    return frozenset(held)
