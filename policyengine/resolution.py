"""The build's second pass, once every declaration is known: each reference resolved (PE004), then the
tier tree checked for cycles, roots and depth (PE005)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from .diagnostics import Subject, Violation
from .ids import closest
from .messages import Listed, Term, msg
from .model import Policy, Tier
from .span import Span


def unresolved(
    policy: Policy, refs: Iterable[tuple[str, str, Span, Subject]], dropped: Mapping[str, set[str]]
) -> list[Violation]:
    """PE004: the references (kind, id, span, subject) no declaration answers, but those to a
    declaration the schema refused (`dropped`: kind -> ids), which is reported already."""
    violations: list[Violation] = []
    known: dict[str, Mapping[str, object]] = {
        "tier": policy.tiers,
        "unit": policy.units,
        "item": policy.items,
        "category": policy.categories,
        "list": policy.lists,
        "admission": policy.admissions,
        "power": policy.powers,
        "assessment": policy.regimes,
        "duty": policy.duties,
        "platform_rule": policy.platform_rules,
        "channel": policy.channels,
        "level": dict.fromkeys(policy.levels),
        "measure": policy.measures,
    }
    known["unit_or_tier"] = {**policy.tiers, **policy.units}
    for kind, value, span, subject in refs:
        table = known[kind]
        if value in table:
            continue
        if any(value in dropped.get(k, ()) for k in (("tier", "unit") if kind == "unit_or_tier" else (kind,))):
            continue  # its declaration has a schema error, already reported
        close = closest(str(value), table)
        violations.append(
            Violation(
                "PE004",
                "ref",
                span,
                subject,
                {
                    "kind": Term("term.kind", kind),
                    "written": value,
                    "hint": msg("rules.rule_guess", guess=close) if close else "",
                },
            )
        )
    return violations


# Levels of the tier tree, the root the first (docs/limits.md). Real hierarchies have under ten; every
# query that climbs the tree (ancestors, depth, is_below) holds a tier's whole chain, so an unbounded
# chain costs time and memory with the square of its length.
MAX_TIER_LEVELS = 100


def _levels(tiers: Mapping[str, Tier]) -> dict[str, int | None]:
    """Each tier's level (a root, or a tier whose parent is unknown, is 1), in one pass: a tier's
    chain is climbed only up to a tier already measured. None for a tier on or below a cycle."""
    levels: dict[str, int | None] = {}
    for start in tiers:
        path: list[str] = []
        on_path: set[str] = set()
        here: str | None = start
        while here is not None and here in tiers and here not in levels and here not in on_path:
            path.append(here)
            on_path.add(here)
            here = tiers[here].parent
        if here is None or here not in tiers:
            base: int | None = 0
        else:  # measured already, or a cycle (reported as one)
            base = levels.get(here)
        for tier in reversed(path):
            base = None if base is None else base + 1
            levels[tier] = base
    return levels


def _too_deep(tiers: Mapping[str, Tier]) -> list[Violation]:
    """PE005 at each tier one level past the limit, at its `parent`: the tiers below it are not
    reported again."""
    levels = _levels(tiers)
    return [
        Violation("PE005", "too_deep", t.at("parent"), Subject("tier", t.id), {"limit": MAX_TIER_LEVELS})
        for t in tiers.values()
        if levels.get(t.id) == MAX_TIER_LEVELS + 1
    ]


def tier_tree(policy: Policy) -> list[Violation]:
    """PE005: cycles in the tier tree, more than one root, or none, and a tree too deep."""
    tiers = policy.tiers
    violations = _too_deep(tiers)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(tiers)
    graph.add_edges_from((t.id, t.parent) for t in tiers.values() if t.parent is not None and t.parent in tiers)
    reported: set[str] = set()
    for cycle in sorted((sorted(c) for c in nx.simple_cycles(graph)), key=lambda c: c[0]):
        first = min((tiers[t] for t in cycle), key=lambda t: t.span)
        order = [first.id]
        while len(order) <= len(cycle):
            parent = tiers[order[-1]].parent
            if parent is None or parent == first.id:  # a tier on a cycle always has a parent
                break
            order.append(parent)
        reported.update(cycle)
        violations.append(
            Violation(
                "PE005",
                "cycle",
                first.at("parent"),
                Subject("tier", first.id),
                {"path": Listed((*order, first.id), "sep.arrow")},
            )
        )
    roots = [t for t in tiers.values() if t.parent is None]
    dangling = any(t.parent is not None and t.parent not in tiers for t in tiers.values())  # PE004
    if len(roots) > 1:

        def size(t: Tier) -> int:
            return len(nx.ancestors(graph, t.id))  # edges point child -> parent

        main = max(roots, key=lambda t: (size(t), [-ord(ch) for ch in t.id]))
        for t in sorted(roots, key=lambda t: t.span):
            if t is not main:
                violations.append(
                    Violation("PE005", "roots", t.span, Subject("tier", t.id), {"tier": t.id, "top_tier": main.id})
                )
    elif not roots and tiers and not reported and not dangling:
        first = min(tiers.values(), key=lambda t: t.span)
        violations.append(Violation("PE005", "none", first.span, Subject("tier", first.id), {}))
    return violations
