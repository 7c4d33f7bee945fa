"""Dates as policies write them (YYYY-MM-DD text, which orders as dates do). A leaf module.

Arithmetic on them is total: a result before 0001-01-01 or after 9999-12-31, or a text that is not a
calendar date, has no value (None) rather than raising.
"""

from __future__ import annotations

from datetime import date, timedelta


def in_force(valid: tuple[str | None, str | None], on: str) -> bool:
    """Whether a `valid: {from, to}` range (either end open) contains the date `on`."""
    start, end = valid
    return (start is None or start <= on) and (end is None or on <= end)


def plus_days(day: str, days: float) -> str | None:
    """`day` moved by `days` (a part of a day moves it by whole days only); None out of range."""
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except (OverflowError, ValueError):  # past year 1 or 9999, past timedelta's range, not a date
        return None


def days_between(later: str, earlier: str) -> float | None:
    """Days from `earlier` to `later` (negative when it is before); None for a text that is not a date."""
    try:
        return float((date.fromisoformat(later) - date.fromisoformat(earlier)).days)
    except ValueError:
        return None
