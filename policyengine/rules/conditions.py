"""What an admission's conditions may hold: a term is a positive number of days, a transfer's money
and people are not negative. Known from the rule alone when its argument reads nothing of the policy
(a type problem, PE007); otherwise known only once the facts give it (then it counts as null)."""

from __future__ import annotations

from typing import Any, cast

from . import ast
from .compiled import Fn
from .facts import Facts

# nodes whose value depends on the policy or the date; a tree without them is a constant
_VARYING = (ast.Path, ast.Call, ast.Quant)


def constant_value(node: ast.Node, fn: Fn) -> float | None:
    """The number a term or transfer always gives, when its expression reads nothing of the policy:
    `-5d` or `30d - 60d` is known wrong before any item is decided, so it is a type problem (PE007)."""
    stack = [node]
    while stack:  # iterative, as every walk of a rule's tree
        here = stack.pop()
        if isinstance(here, _VARYING):
            return None
        stack.extend(_children(here))
    value = fn(cast(Facts, None), {})  # a constant's closures read no facts
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _children(node: ast.Node) -> list[ast.Node]:
    """A node's operands: its node fields, a set's elements, a chain's (op, pos, operand) steps."""
    found: list[ast.Node] = []
    for value in vars(node).values():
        if isinstance(value, ast.Node):
            found.append(value)
        elif isinstance(value, tuple):
            for element in value:
                if isinstance(element, ast.Node):
                    found.append(element)
                elif isinstance(element, tuple):
                    found.extend(v for v in element if isinstance(v, ast.Node))
    return found


def meaningful(key: str, value: Any) -> bool:
    """A term is a positive number of days and a transfer is not negative; a value computed from the
    facts that breaks this cannot be judged, and counts as null (no term, nothing transferred)."""
    if value is None or key == "devolve":
        return True
    return bool(value > 0) if key == "term" else bool(value >= 0)
