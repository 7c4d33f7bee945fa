"""The steps of the chain behind a finding (`policyengine why`), as the checks build them.

A step is plain data for the formatters: `{"step": KIND, "depth": N, ...fields..., "at": {"file",
"line", "column"} | None}`. The first step of every chain is the finding's subject (made by `why`);
then come the steps its check gives (`Check.explain`), from the facts it used. Checks without a
chain of their own give the declarations their message names (`related`).
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Violation
from ..messages.core import Listed, Quoted
from ..span import Span
from .base import Step

KINDS = ("item", "tier", "unit", "list", "admission", "assessment", "duty", "category", "platform_rule", "grant")


def position(span: Span | None) -> dict[str, Any] | None:
    """A span as JSON: {"file", "line", "column"}; None when the position is unknown."""
    if span is None or not span.file or span.line <= 0:
        return None
    return {"file": span.file, "line": span.line, "column": span.column}


def step(name: str, depth: int, at: Span | None = None, /, **fields: Any) -> Step:
    return {"step": name, "depth": depth, **fields, "at": position(at)}


def has(decl: Any, *path: Any) -> bool:
    """Whether the declaration's source has a value at `path` (so that `decl.at(*path)` is that value)."""
    node = decl.raw
    for key in path:
        if (isinstance(node, dict) and key in node) or (
            isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        ):
            node = node[key]
        else:
            return False
    return True


def field_at(decl: Any, *path: Any) -> Span | None:
    """Where a field of a declaration is written; None when it is not written."""
    return decl.at(*path) if has(decl, *path) else None


def name_of(decl: Any) -> dict[str, str | None] | None:
    """A declaration's names as the chain shows them: {"en", "zh"}; None when it has none."""
    name = getattr(decl, "name", None)
    if name is None or not (name.en or name.zh):
        return None
    return {"en": name.en, "zh": name.zh}


def declaration(policy: Any, kind: str, ident: str) -> Any:
    """The declaration of a subject kind and id, or None."""
    if policy is None:
        return None
    if kind == "grant":
        return next((g for g in policy.grants if (g.id or g.unit or g.tier) == ident), None)
    table = {
        "item": policy.items,
        "tier": policy.tiers,
        "unit": policy.units,
        "list": policy.lists,
        "admission": policy.admissions,
        "assessment": policy.regimes,
        "duty": policy.duties,
        "category": policy.categories,
        "platform_rule": policy.platform_rules,
        "provision": policy.provisions,
        "channel": policy.channels,
        "invariant": policy.invariants,
    }.get(kind)
    return table.get(ident) if table is not None else None


# message parameters that name declarations, and the kinds they may be (tried in order)
RELATED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("item", ("item",)),
    ("tier", ("tier",)),
    ("origin", ("tier",)),
    ("by", ("tier",)),
    ("unit", ("unit",)),
    ("list", ("list",)),
    ("procedure", ("admission",)),
    ("regime", ("assessment",)),
    ("base", ("assessment",)),
    ("assessor", ("unit",)),
    ("assessed", ("tier", "unit")),
    ("assessors", ("unit",)),
    ("items", ("item",)),
    ("lists", ("list",)),
    ("duty", ("duty",)),
    ("other", ("duty",)),
    ("target", ("tier", "unit")),
    ("top_tier", ("tier",)),
)


def related(policy: Any, v: Violation) -> list[Step]:
    """The declarations a finding's message names, each once and never the subject itself: the chain
    of a check whose facts are all in its message."""
    steps, seen = [], {(v.subject.kind, v.subject.id)}
    params = v.params
    for key, kinds in RELATED:
        value = params.get(key)
        if isinstance(value, (Quoted, Listed)):
            names = list(value.values)
        elif isinstance(value, str):
            names = [value]
        else:
            continue
        for ident in names:
            for kind in kinds:
                decl = declaration(policy, kind, ident)
                if decl is not None and (kind, ident) not in seen:
                    seen.add((kind, ident))
                    steps.append(step("related", 1, decl.span, role=key, kind=kind, id=ident, name=name_of(decl)))
                    break
    return steps


def assigned(item: Any, at: Span) -> Step:
    """The item's tier and role: the step after the subject in the chains about an item."""
    return step("assigned", 1, at, tier=item.tier, role=item.role)


__all__ = ["KINDS", "Step", "assigned", "declaration", "field_at", "has", "name_of", "position", "related", "step"]
