"""What a run counts: the terminal states of a problem, the counters of each month, the shape of the
day-of-month histogram, and the `Tally` (with the optional `MonthRecord`s) that holds them. The
engine fills them; measurement (metrics.py) reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

# Terminal states of a problem (the hidden truth). Every problem ends in exactly one.
UNDETECTED, DROPPED, RESOLVED_ON_SITE, RESOLVED_ABOVE, RESOLVED_AFTER_RETURN, COSMETIC, RETURNED, DEAD_END = range(8)
STATES = (
    "undetected",
    "dropped",
    "resolved_on_site",
    "resolved_above",
    "resolved_after_return",
    "cosmetic",
    "returned",
    "dead_end",
)
RESOLVED = (RESOLVED_ON_SITE, RESOLVED_ABOVE, RESOLVED_AFTER_RETURN)

# What is counted each month (one row of `Tally.counts` per month).
COUNTERS = (
    *STATES,
    "arisen",
    "reports",
    "genuine_reports",
    "fabricated",
    "closed",
    "closed_urban",
    "cosmetic_closed",
    "unqualified",
    "verified_on_time",
    "to_verify",
    "escalated",
    "district_transfers",
    "returns",
    "handled_above",
    "caught",
    "dismissals",
    "lost_pay",
    "double_pay",
    "grids",
    "packaged",
    "settled_top",
    "over_capacity",
    "no_time",
)
C = {name: i for i, name in enumerate(COUNTERS)}

MAX_DAYS = 31  # columns of the day-of-month histogram
GENUINE, FABRICATED = 0, 1  # rows of the day-of-month histogram


@dataclass
class MonthRecord:
    """One month's counts by grid and kind, kept only when asked (tests, inspection)."""

    states: NDArray[np.int64]  # (G, K, len(STATES)): the found problems of each grid and kind by terminal state
    short_patrol: NDArray[np.int64]  # (G,) problems a full patrol would have found and a short one missed
    undetected: NDArray[
        np.int64
    ]  # (streets,) the other problems not found, counted per street (no step reads their grid)
    fabricated: NDArray[np.int64]  # (G,) fabricated reports
    reports: NDArray[np.int64]  # (G,) reports, genuine and fabricated
    closed: NDArray[np.int64]  # (G,) closed reports
    unqualified: NDArray[np.int64]  # (G,) unqualified reports
    counts: NDArray[np.int64]  # the month's row of COUNTERS
    month_length: int = 30  # days of the month


@dataclass
class Tally:
    counts: NDArray[np.int64]  # (months, len(COUNTERS))
    by_street: NDArray[np.int64] | None = None  # (months, streets, len(COUNTERS)): the same, street by street
    records: list[MonthRecord] | None = None
    days: NDArray[np.int64] | None = None  # (months, 2, MAX_DAYS): reports per day of the month, genuine / fabricated
    month_length: NDArray[np.int64] | None = None  # (months,) days of each month

    def total(self, name: str) -> int:
        return int(self.counts[:, C[name]].sum())


__all__ = [
    "COSMETIC",
    "COUNTERS",
    "DEAD_END",
    "DROPPED",
    "FABRICATED",
    "GENUINE",
    "MAX_DAYS",
    "RESOLVED",
    "RESOLVED_ABOVE",
    "RESOLVED_AFTER_RETURN",
    "RESOLVED_ON_SITE",
    "RETURNED",
    "STATES",
    "UNDETECTED",
    "C",
    "MonthRecord",
    "Tally",
]
