"""What the schema cannot say of the ranges under `simulation: parameters:` (`NAME: {value, range}`,
the values `simulate --sensitivity` varies an assumption over): a range whose LOW is above its HIGH,
and a declared value outside its own range. Each is PE002 at the range (or the value), found while
the policy is built, so `lint` reports it as it reports the range's other faults (docs/simulation.md,
"Sensitivity over the assumptions")."""

from __future__ import annotations

import math
from collections.abc import Iterator

from .diagnostics import Subject, Violation
from .messages import msg
from .model import Policy
from .yamlnodes import YMap


def range_findings(policy: Policy) -> Iterator[Violation]:
    """PE002 for each range out of order, and for each value outside its range."""
    sim = policy.simulation
    written = sim.raw.get("parameters") if sim is not None and isinstance(sim.raw, YMap) else None
    if not isinstance(written, YMap):
        return
    subject = Subject("section", "simulation")
    for name, node in written.items():
        bounds = node.get("range") if isinstance(node, YMap) else None
        if not isinstance(node, YMap) or not isinstance(bounds, list) or not _pair(bounds):
            continue  # no range, or one the schema already refuses
        low, high = float(bounds[0]), float(bounds[1])
        if low > high:
            said = msg("assumptions.range_order", name=name, low=low, high=high)
            yield Violation("PE002", "schema", node.value_span("range"), subject, {"message": said})
        elif isinstance(value := node.get("value"), (int, float)) and _number(value) and not low <= value <= high:
            said = msg("assumptions.value_outside", name=name, value=value, low=low, high=high)
            yield Violation("PE002", "schema", node.value_span("value"), subject, {"message": said})


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _pair(bounds: list[object]) -> bool:
    return len(bounds) == 2 and all(_number(b) for b in bounds)


__all__ = ["range_findings"]
