"""The structure (structure.py) in the responsibility graph: tiers' variants and instances, what
belongs to one, items' further roles and line, units' leadership, and grants' delegation terms on
their `holds` edges (docs/graph.md)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from .dates import in_force
from .model import Policy
from .structure import NO_BELONGING, structure_of


def node(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


def structure_edges(g: nx.MultiDiGraph[str], policy: Policy, on: str) -> nx.MultiDiGraph[str]:
    """Add the structure to a graph `build_graph` made (grants in force on `on`, as it kept them)."""
    st = structure_of(policy)
    for tier, shapes in st.tiers.items():
        n = node("tier", tier)
        if n in g:
            g.nodes[n]["variants"] = tuple(shapes.variants)
            g.nodes[n]["instances"] = tuple(shapes.instances)
    for (kind, ident), belongs in st.belongs.items():
        n = node(kind, ident)
        if n in g and belongs is not NO_BELONGING:
            g.nodes[n]["variant"] = belongs.variant
            g.nodes[n]["instance"] = belongs.instance
    for item, roles in st.roles.items():
        for role in roles:
            g.add_edge(node("item", item), node("tier", role.tier), kind="assigned_to", role=role.role, joint=True)
    for item, line in st.lines.items():
        g.add_edge(node("item", item), node("unit", line), kind="on_line")
    for unit, leadership in st.leadership.items():
        for relation, party in leadership.relations():
            for named, _ in party.units():
                g.add_edge(node("unit", unit), node("unit", named), kind=relation)
            for tier, _ in party.tiers():
                g.add_edge(node("unit", unit), node("tier", tier), kind=relation)
    _holds(g, policy, on)
    return g


def _holds(g: nx.MultiDiGraph[str], policy: Policy, on: str) -> None:
    """Each `holds` edge gets its grant's terms. `build_graph` adds one edge per power entry of each
    grant in force, in declared order, so the n-th edge from a holder to a power is the n-th entry."""
    seen: dict[tuple[str, str], int] = {}
    terms = structure_of(policy).grants
    for index, grant in enumerate(policy.grants):
        if not in_force(grant.valid, on):
            continue
        t = terms[index] if index < len(terms) else None
        holder = node(*grant.holder)
        for position, pg in enumerate(grant.powers):
            pair = (holder, node("power", pg.power))
            key = seen[pair] = seen.get(pair, -1) + 1
            if t is None or not g.has_edge(*pair, key):
                continue
            attrs: dict[str, Any] = {
                "line": t.line(position),
                "delegated_by": t.delegated_by,
                "scope_items": t.scope_items if t.scoped else None,
                "scope_categories": t.scope_categories if t.scoped else None,
                "term_from": t.term[0] if t.term else None,
                "term_to": t.term[1] if t.term else None,
                "support": t.support,
            }
            g.edges[(*pair, key)].update(attrs)
