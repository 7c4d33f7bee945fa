"""Dates as policies write them (YYYY-MM-DD text, which orders as dates do). A leaf module."""

from __future__ import annotations


def in_force(valid: tuple[str | None, str | None], on: str) -> bool:
    """Whether a `valid: {from, to}` range (either end open) contains the date `on`."""
    start, end = valid
    return (start is None or start <= on) and (end is None or on <= end)
