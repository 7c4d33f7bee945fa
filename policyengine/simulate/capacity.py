"""Hours: what each level can settle in a month, and what money and people bring with an item.

Capacity is finite at every level. Each unit of a level above the grid (a community, a street, the
district, with the departments it dispatches to) has `department_hours_per_grid` hours a month for
every grid below it, and settling an event there takes `hours_per_event_above` hours; events past
that are left unsettled past their deadline (dead ends). A grid worker has `worker_hours_per_month`
hours for grid events (engine.py spends them).

Money and people transferred with an item (`funding`: 费随事转) land at the item's tier: people bring
`hours_per_person_month` hours each (PE102's threshold), money buys hours at `yuan_per_hour`. At the
grid, those hours handle the item's problems; where a co-handler holding the powers the grid lacks is
declared, money buys that co-handler's time at the grid (the co-handler is at hand for the share of
the item's expected problems the hours cover). Above the grid, they add to the level's hours.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..checks import CATALOGUE
from ..model import Item
from .parameters import value_of

HOURS_PER_PERSON_MONTH = float(CATALOGUE["PE102"].thresholds["hours_per_person_month"])  # type: ignore[arg-type]


@dataclass(frozen=True)
class Hours:
    funded: NDArray[np.float64]  # (K,) hours a month per grid that money and people bring for the kind, at its level
    above: NDArray[np.float64]  # (L,) hours a month the money and people of items assigned to a level add to it


def funded_hours(
    items: list[tuple[Item, ...]],
    assigned: list[int],
    levels: int,
    units_at_level: list[int],
    params: dict[str, float | None],
) -> Hours:
    """Per kind, the hours a month per unit of its assigned level that its items' money and people bring."""
    per_hour = value_of(params, "yuan_per_hour")
    funded = np.zeros(len(items))
    above = np.zeros(levels)
    counted: set[str] = set()  # an item behind two kinds brings its money once
    for j, group in enumerate(items):
        hours = 0.0
        for item in group:
            if item.funding is None or item.id in counted:
                continue
            counted.add(item.id)
            f = item.funding
            hours += (f.money_yuan_per_year or 0.0) / per_hour / 12 + (f.people or 0.0) * HOURS_PER_PERSON_MONTH
        units = max(units_at_level[assigned[j]], 1)
        if assigned[j] == 0:
            funded[j] = hours / units
        else:
            above[assigned[j]] += hours
    return Hours(funded, above)


def level_limits(
    units_at: dict[int, NDArray[np.int64]], hours: Hours, params: dict[str, float | None]
) -> dict[int, NDArray[np.float64]]:
    """Per level above the grid, the events each of its units can settle in a month."""
    per_grid = value_of(params, "department_hours_per_grid")
    per_event = value_of(params, "hours_per_event_above")
    out = {}
    for ell, unit in units_at.items():
        grids_below = np.bincount(unit).astype(float)
        extra = hours.above[ell] * grids_below / max(grids_below.sum(), 1.0)  # spread by the grids each unit serves
        out[ell] = np.floor((per_grid * grids_below + extra) / per_event)
    return out


__all__ = ["HOURS_PER_PERSON_MONTH", "Hours", "funded_hours", "level_limits"]
