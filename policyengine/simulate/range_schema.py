"""The JSON Schema of an assumption's `range: [LOW, HIGH]` under `simulation: parameters:` — the
values `simulate --sensitivity` varies it over (docs/simulation.md, "Sensitivity over the
assumptions"). What JSON Schema cannot say (LOW above HIGH, a value outside its own range) is
checked by assumptions.py when the ranges are read."""

from __future__ import annotations

from typing import Any

RANGE_DESCRIPTION = (
    "[LOW, HIGH]: the values this assumption may plausibly take, which `simulate --sensitivity` "
    "varies it over (LOW <= HIGH). Only an assumption may have a range."
)


def with_range(written: dict[str, Any], minimum: float | None, maximum: float | None) -> None:
    """Let the object form of a parameter (`{value, source, note}`) carry a range of two numbers
    within the parameter's bounds; with a range, `value` may be left out (the default)."""
    bound: dict[str, Any] = {"type": "number"}
    if minimum is not None:
        bound["minimum"] = minimum
    if maximum is not None:
        bound["maximum"] = maximum
    written["properties"]["range"] = {
        "type": "array",
        "minItems": 2,
        "maxItems": 2,
        "items": bound,
        "description": RANGE_DESCRIPTION,
    }
    written.pop("required", None)
    written["if"] = {"not": {"required": ["range"]}}
    written["then"] = {"required": ["value"]}


__all__ = ["RANGE_DESCRIPTION", "with_range"]
