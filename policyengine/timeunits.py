"""Units of time limits and how they compare (a leaf: standard library and message types only).

Documents write limits in hours (小时), calendar days (日) or working days (工作日). Two lengths in
the same unit are compared as written. Where a comparison mixes units, both are turned into calendar
hours: an hour is 1, a day 24, and a working day 24 × 7 / 5 = 33.6 — a week has five working days,
spread over the seven days the calendar runs, so that five working days are the calendar week they
take. A month, for rates a month, is 30 days.
"""

from __future__ import annotations

from collections.abc import Iterable

from .messages.core import Message, Term, msg

UNITS = ("hours", "days", "working_days")
WORKING_DAYS_PER_WEEK = 5
HOURS = {"hours": 1.0, "days": 24.0, "working_days": 24.0 * 7 / WORKING_DAYS_PER_WEEK}
DAYS_PER_MONTH = 30
WORKING_DAYS_PER_MONTH = DAYS_PER_MONTH * WORKING_DAYS_PER_WEEK / 7


def total(parts: Iterable[tuple[float, str]]) -> tuple[float, str]:
    """The sum of (length, unit) pairs: in their unit when they share one, else in calendar hours."""
    items = list(parts)
    units = {unit for _, unit in items}
    if len(units) == 1:
        return sum(v for v, _ in items), units.pop()
    return sum(v * HOURS[u] for v, u in items), "hours"


def shorter(a: tuple[float, str], b: tuple[float, str]) -> bool:
    """Whether length `a` is shorter than `b`: as written when they share a unit, else in hours."""
    if a[1] == b[1]:
        return a[0] < b[0]
    return a[0] * HOURS[a[1]] < b[0] * HOURS[b[1]]


def length_text(length: tuple[float, str]) -> Message:
    """'7 days' / '7日'."""
    return msg("time.within", n=length[0], unit=Term("term.time_unit", length[1]))


def limit_text(longest: float | None, shortest: float | None, unit: str | None) -> Message:
    """A limit as a message names it: '7 days', '2 to 3 working days', or 'a time not stated'."""
    if longest is None or unit is None:
        return msg("time.unstated")
    if shortest is not None:
        return msg("time.range", low=shortest, high=longest, unit=Term("term.time_unit", unit))
    return length_text((longest, unit))


__all__ = [
    "DAYS_PER_MONTH",
    "HOURS",
    "UNITS",
    "WORKING_DAYS_PER_MONTH",
    "WORKING_DAYS_PER_WEEK",
    "length_text",
    "limit_text",
    "shorter",
    "total",
]
