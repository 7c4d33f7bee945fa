"""Admission decisions as data: what `admit` decides for each item and what admitting costs each tier.
A leaf module: the formatters read it without loading the engine (`admission.py` decides)."""

from __future__ import annotations

from dataclasses import dataclass, field

ADMITTED, REJECTED, CONDITIONAL, UNREVIEWED = "admitted", "rejected", "conditional", "unreviewed"
# governed by a procedure that declares no criteria: a reviewer decides by hand, so nothing is decided yet
PENDING = "pending"
# the engine's own reasons, as `admit --format json` writes them (a rule's reason is its own text)
UNGOVERNED = "no admission procedure governs it"
UNDECIDED = "no criterion admits it"
BY_HAND = "its procedure has no criteria: a reviewer decides"


@dataclass(frozen=True)
class Decision:
    item: str
    tier: str
    decision: str
    procedure: str | None = None
    rule: str | None = None
    reason: str | None = None
    devolve: tuple[str, ...] = ()
    money: float = 0.0
    people: float = 0.0
    term_days: float | None = None
    exits: tuple[str, ...] = ()  # lists holding the item whose exit condition holds on the date


@dataclass
class Bill:
    """What admitting a tier's conditional items moves down to it: 权随责走、人随事转、钱随事转."""

    tier: str
    powers: dict[str, list[str]] = field(default_factory=dict)  # power -> items needing it
    money: float = 0.0
    people: float = 0.0
    sources: dict[str, float] = field(default_factory=dict)  # owner unit -> money it transfers


@dataclass
class Admissions:
    decisions: list[Decision]
    bills: list[Bill]

    def count(self, kind: str) -> int:
        return sum(1 for d in self.decisions if d.decision == kind)
