"""What the checks ask of the structure (structure.py), through `Context.structure`: an item's
further roles, the powers held for one item (itempowers.py), and the load and capacity of one
variant or instance of a tier (PE105, PE206)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import itempowers
from .structure import NO_TERMS, Belonging, ExtraRole, GrantTerms, Structure, item_line, structure_of

if TYPE_CHECKING:
    from .graph import PolicyGraph
    from .model import Grant, Item, PowerGrant, Unit


class StructureQueries:
    def __init__(self, graph: PolicyGraph) -> None:
        self.graph = graph
        self.policy = graph.policy
        self.structure: Structure = structure_of(graph.policy)

    def belonging(self, kind: str, ident: str) -> Belonging:
        return self.structure.belonging(kind, ident)

    def roles(self, item: Item) -> tuple[ExtraRole, ...]:
        return self.structure.roles.get(item.id, ())

    @cached_property
    def _grant_index(self) -> dict[int, int]:
        # grants need not have ids: each is found by identity, once per policy rather than per question
        return {id(g): i for i, g in enumerate(self.policy.grants)}

    def terms(self, grant: Grant) -> GrantTerms:
        index = self._grant_index.get(id(grant))
        grants = self.structure.grants
        return grants[index] if index is not None and index < len(grants) else NO_TERMS

    # -- powers for one item ----------------------------------------------------------------------
    def grant_counts_for(self, grant: Grant, power: PowerGrant, item: Item) -> bool:
        """Whether one power entry of a grant counts for `item`: its grant's scope holds the item and
        its line, if any, is the item's."""
        if not self.structure.grants:
            return True
        terms = self.terms(grant)
        line = terms.line(grant.powers.index(power)) if power in grant.powers else None
        return terms.covers(item) and (line is None or item_line(self.policy, item) == line)

    def held_for(
        self, item: Item, max_coverage: float, tier: str | None = None
    ) -> tuple[frozenset[str], list[tuple[str, float]]]:
        return itempowers.held_for(self.graph, item, max_coverage, tier)

    def settles(self, tier: str, needed: frozenset[str], item: Item) -> bool:
        return itempowers.settles(self.graph, tier, needed, item)

    def unit_powers(self, unit: str, item: Item) -> frozenset[str]:
        return itempowers.unit_powers(self.graph, unit, item)

    def tier_own_powers(self, tier: str, item: Item) -> frozenset[str]:
        """What is granted to the tier itself (not to a unit at it) for `item`."""
        return itempowers.holder_powers(self.graph, f"tier:{tier}", item)

    def counts_for(self, edge: dict[str, Any], item: Item) -> bool:
        return itempowers.counts_for(self.policy, edge, item)

    # -- variants and instances -------------------------------------------------------------------
    def _of(self, kind: str, ident: str) -> str | None:
        return self.belonging(kind, ident).of

    @cached_property
    def _used(self) -> frozenset[str]:
        return frozenset(b.of for (kind, _), b in self.structure.belongs.items() if kind in ("item", "list") and b.of)

    def shapes_of(self, tier: str) -> tuple[str, ...]:
        """The variants and instances of `tier` something belongs to (a tier's load is judged per one)."""
        used = self._used
        shapes = self.structure.tiers.get(tier)
        if shapes is None:
            return ()
        return tuple(s for s in (*shapes.variants, *shapes.instances) if s in used)

    def shape_count(self, tier: str, shape: str) -> int | None:
        """How many of the tier a variant or instance stands for (an instance without `count`: 1)."""
        shapes = self.structure.tiers.get(tier)
        if shapes is None:
            return None
        if shape in shapes.variants:
            return shapes.variants[shape].count
        return shapes.instances[shape].count or 1 if shape in shapes.instances else None

    @cached_property
    def tier_load(self) -> dict[str, int]:
        """PE105's load per tier: the items assigned to it and the items its lists state beyond them;
        for a tier whose items or lists belong to variants or instances, the load of the most loaded
        one (what is common counts for each, what belongs to one counts for it alone)."""
        assigned, stated = self.graph.responsibility_load
        load = {t: assigned.get(t, 0) + stated.get(t, 0) for t in assigned.keys() | stated.keys()}
        for tier in self.policy.tiers:
            shapes = self.shapes_of(tier)
            if shapes:
                load[tier] = max(self._load_of(tier, shape) for shape in shapes)
        return load

    def heaviest(self, tier: str) -> str | None:
        """The variant or instance whose load is the tier's (None: the tier is judged whole)."""
        shapes = self.shapes_of(tier)
        return max(shapes, key=lambda s: self._load_of(tier, s)) if shapes else None

    def within(self, kind: str, ident: str, shape: str | None) -> bool:
        """Whether a declaration counts for `shape` (None: the whole tier): it is common or of it."""
        return shape is None or self._of(kind, ident) in (None, shape)

    def _load_of(self, tier: str, shape: str) -> int:
        items = self.policy.items
        mine = [i for i in items.values() if i.tier == tier and self._of("item", i.id) in (None, shape)]
        total = len(mine)
        for lst in self.policy.lists.values():
            if lst.tier != tier or lst.kind == "returned" or lst.stated_items is None:
                continue
            if self._of("list", lst.id) not in (None, shape):
                continue
            declared = sum(1 for i in lst.items if i in items and items[i].tier == tier)
            total += max(0, lst.stated_items - declared)
        return total

    def capacity(self, tier: str, shape: str, units: Iterable[Unit], default_hours: float) -> float | None:
        """PE206's capacity of one instance of `shape` (a variant or instance of `tier`): each own unit
        common to the tier counts its share (count / the tier's count), a unit of that shape all of
        its count (or `counts[shape]`) over the shape's count, a unit of another shape nothing. None
        when the variant states no `count` (or 0): how many members share its units is not known."""
        tier_count = self.policy.tiers[tier].count or 1
        shape_count = self.shape_count(tier, shape)
        if not shape_count:
            return None
        total = 0.0
        for u in units:
            belongs = self.belonging("unit", u.id)
            count = u.count if u.count is not None else 1
            if shape in belongs.counts:
                share = belongs.counts[shape] / shape_count
            elif belongs.of == shape:
                share = count / shape_count
            elif belongs.of is None:
                share = count / tier_count
            else:
                continue
            hours = u.hours_per_person_month if u.hours_per_person_month is not None else default_hours
            total += (u.people or 0) * share * hours
        return total
