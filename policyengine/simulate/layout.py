"""How the simulated grids are divided into communities and streets.

A policy may size streets itself (`simulation: streets:`, each an instance of a tier above the grid
with its own number of grids and communities): one street can be larger than the rest, and a regime
whose assessor belongs to that instance assesses only its grids (regimes.py). The grids no entry
claims are laid out in streets of `communities_per_street` x `grids_per_community` grids, the last
street and community taking what is left. Streets are numbered in that order: the declared ones
first, in declaration order, then the others.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..errors import InputError
from ..model import Policy
from ..yamlnodes import YMap


@dataclass(frozen=True)
class Layout:
    community: NDArray[np.int64]  # (G,) community index of each grid
    street: NDArray[np.int64]  # (G,) street index of each grid
    streets: tuple[str, ...]  # per street: the instance it is, or "street_N" for a laid-out one
    empty: frozenset[str] = frozenset()  # declared streets left with no grid (fewer grids simulated than streets)

    @property
    def communities(self) -> int:
        return int(self.community.max()) + 1 if self.community.size else 0


def instances_above_grid(policy: Policy, grid: str) -> set[str]:
    """Every instance declared on a tier other than the grid's own."""
    out: set[str] = set()
    for tier, shapes in policy.structure.tiers.items() if policy.structure else ():
        if tier != grid:
            out |= set(shapes.instances)
    return out


def lay_out(
    policy: Policy, grid: str, grids: int, per_community: int, per_street: int, counted: int | None = None
) -> Layout:
    """The communities and streets of `grids` grids. The declared streets' sizes are shares of the
    grids the lowest tier counts (`counted`): simulating fewer or more grids (the `grids` parameter)
    scales them, so a smaller district keeps the policy's shape. Declared streets holding more than
    the counted grids are an error at the last one's `grids`."""
    sim = policy.simulation
    declared: list[tuple[str, int, int | None, Mapping[str, object]]] = []
    known = instances_above_grid(policy, grid)
    seen: set[str] = set()
    for entry in sim.streets if sim is not None else ():
        name, size = str(entry.get("instance")), int(entry.get("grids") or 0)
        where = entry.value_span("instance") if isinstance(entry, YMap) else None
        if name not in known:
            raise InputError.of("simulate.street_instance", where, name=name, known=", ".join(sorted(known)) or "-")
        if name in seen:
            raise InputError.of("simulate.street_twice", where, name=name)
        seen.add(name)
        communities = entry.get("communities")
        declared.append((name, size, int(communities) if isinstance(communities, int) else None, entry))
    claimed = sum(size for _, size, _, _ in declared)
    base = counted or grids
    if claimed > base:
        last = declared[-1][3]
        raise InputError.of(
            "simulate.streets_too_many",
            last.value_span("grids") if isinstance(last, YMap) else None,
            claimed=claimed,
            grids=base,
        )
    if base != grids:  # scaled to the simulated grids; too few grids leave the last streets empty
        declared = [
            (name, round(size * grids / base), None if c is None else max(1, round(c * grids / base)), e)
            for name, size, c, e in declared
        ]
        while sum(size for _, size, _, _ in declared) > grids:
            i = max(range(len(declared)), key=lambda j: declared[j][1])
            name, size, c, e = declared[i]
            declared[i] = (name, size - 1, c, e)
        claimed = sum(size for _, size, _, _ in declared)
    names: list[str] = []
    street_of: list[NDArray[np.int64]] = []
    community_of: list[NDArray[np.int64]] = []
    next_community = 0

    def add(name: str, size: int, communities: int) -> None:
        nonlocal next_community
        communities = max(1, min(communities, size))
        # grids spread as evenly as the count allows: community c holds grids [c*size/n, (c+1)*size/n)
        local = (np.arange(size) * communities) // size
        names.append(name)
        street_of.append(np.full(size, len(names) - 1, dtype=np.int64))
        community_of.append(local + next_community)
        next_community += communities

    for name, size, communities, _ in declared:
        if size:
            add(name, size, communities or math.ceil(size / per_community))
    rest = grids - claimed
    street_size = per_community * per_street
    for s in range(math.ceil(rest / street_size) if rest else 0):
        size = min(street_size, rest - s * street_size)
        add(f"street_{len(names) + 1}", size, math.ceil(size / per_community))
    empty = np.zeros(0, dtype=np.int64)
    return Layout(
        community=np.concatenate(community_of) if community_of else empty,
        street=np.concatenate(street_of) if street_of else empty,
        streets=tuple(names),
        empty=frozenset(name for name, size, _, _ in declared if not size),
    )


__all__ = ["Layout", "instances_above_grid", "lay_out"]
