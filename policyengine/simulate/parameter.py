"""One parameter of the simulator (its name, default, unit, meaning and basis), and the largest
values parameters may take (docs/limits.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Parameter:
    name: str
    default: float | None
    unit: str
    meaning: str
    source: str | None = None  # a case figure: where it is stated; None: an ASSUMPTION
    minimum: float | None = 0.0
    maximum: float | None = None

    @property
    def assumption(self) -> bool:
        return self.source is None


# The largest values a parameter may take (docs/limits.md): grids, as a tier's `count` may declare them;
# points, as a scoring rule may give them; events a month; yuan.
MAX_GRIDS = 10_000_000
MAX_POINTS = 1_000_000
MAX_EVENTS = 1_000_000_000
MAX_YUAN = 1_000_000_000_000_000
