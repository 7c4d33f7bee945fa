"""Approval records (`approvals`): what a procedure's reviewer decided for one item, by hand.

A procedure without criteria is a review by hand, and `admit` leaves what it governs pending that
review; a record of the review is what a document states was decided (批复、审核意见). It holds from its
`term.from` (or the day it was given, `on`) to its `term.to` (or `on` plus `term_days`), both
inclusive; without an end it holds from then on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import Decl
from .parties import Party


@dataclass(frozen=True, kw_only=True)
class Approval(Decl):
    item: str
    procedure: str
    decision: str  # admitted | rejected | conditional
    by: Party | None = None
    on: str | None = None  # YYYY-MM-DD, the day it was given
    term: tuple[str | None, str | None] = (None, None)
    term_days: float | None = None

    @property
    def start(self) -> str | None:
        """The first day it holds (None: from any date)."""
        return self.term[0] or self.on

    @property
    def end(self) -> str | None:
        """The last day it holds (None: no end)."""
        if self.term[1] is not None:
            return self.term[1]
        if self.term_days is not None and self.start is not None:
            try:
                return (date.fromisoformat(self.start) + timedelta(days=int(self.term_days))).isoformat()
            except (ValueError, OverflowError):
                return None
        return None

    def in_term(self, on: str) -> bool:
        """Whether it holds on date `on` (YYYY-MM-DD)."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def overlaps(self, other: Approval) -> bool:
        """Whether two records hold on a common day."""
        return (self.start is None or other.end is None or self.start <= other.end) and (
            other.start is None or self.end is None or other.start <= self.end
        )


__all__ = ["Approval"]
