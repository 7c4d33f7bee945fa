"""The ranges a policy declares for its assumptions (`simulation: parameters: NAME: {value, range}`):
what `simulate --sensitivity` varies, each with where it is written.

The schema already admits a range only on an assumption, as two numbers within the parameter's
bounds; what JSON Schema cannot say is checked here, at the range: LOW above HIGH, and a declared
value outside its own range (the range is the values the assumption may plausibly take, so the
value the policy settles on must be one of them).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

from ..errors import InputError
from ..model import Simulation
from ..span import NOWHERE, Span
from ..yamlnodes import YMap, YSeq
from .parameters import PARAMETERS
from .runs import allowed_range


class Declared(NamedTuple):
    """A declared range: LOW, HIGH, and where the range is written (for messages)."""

    low: float
    high: float
    span: Span


def declared_ranges(sim: Simulation | None) -> dict[str, Declared]:
    """Every parameter with a `range`, in declaration order, checked: a range that is not two
    finite numbers of an assumption within its bounds, LOW above HIGH, or a declared value
    outside the range is a located InputError (exit 2)."""
    if sim is None:
        return {}
    written = sim.raw.get("parameters") if isinstance(sim.raw, Mapping) else None
    out: dict[str, Declared] = {}
    for name, raw in sim.parameters.items():
        if not isinstance(raw, Mapping) or "range" not in raw:
            continue
        out[name] = _checked(
            name, raw, _span(written, name, "range", sim.span), _span(written, name, "value", sim.span)
        )
    return out


def where_to_declare(sim: Simulation | None) -> Span | None:
    """Where ranges would be written: the `parameters` key of the simulation section, else the section."""
    if sim is None:
        return None
    if isinstance(sim.raw, YMap) and "parameters" in sim.raw:
        return sim.raw.key_span("parameters")
    return sim.span


def _span(written: Any, name: str, key: str, default: Span) -> Span:
    """Where `parameters.NAME.KEY` is written; the nearest enclosing place when unknown."""
    if isinstance(written, YMap) and isinstance(node := written.get(name), YMap):
        return node.value_span(key) if key in node else node.span
    return default if default is not None else NOWHERE


def _checked(name: str, raw: Mapping[str, Any], at: Span, value_at: Span) -> Declared:
    p = PARAMETERS.get(name)
    bounds = raw["range"]
    if p is None or not p.assumption:
        raise InputError.of("assumptions.not_assumption", at, name=name)
    numbers = isinstance(bounds, (list, tuple)) and len(bounds) == 2
    if not numbers or not all(_finite(b) for b in bounds):
        raise InputError.of("assumptions.range_form", at, name=name)
    low, high = float(bounds[0]), float(bounds[1])
    for i, b in enumerate((low, high)):
        if (p.minimum is not None and b < p.minimum) or (p.maximum is not None and b > p.maximum):
            where = bounds.item_span(i) if isinstance(bounds, YSeq) else at
            raise InputError.of(
                "assumptions.range_bounds", where, name=name, value=b, range=allowed_range(p.minimum, p.maximum)
            )
    if low > high:
        raise InputError.of("assumptions.range_order", at, name=name, low=low, high=high)
    value = raw.get("value", p.default)
    if value is not None and _finite(value) and not low <= float(value) <= high:
        raise InputError.of("assumptions.value_outside", value_at, name=name, value=value, low=low, high=high)
    return Declared(low, high, at)


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


__all__ = ["Declared", "declared_ranges", "where_to_declare"]
