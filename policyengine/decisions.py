"""Admission decisions as data: what `admit` decides for each item and what admitting costs each tier.
A leaf module: the formatters read it without loading the engine (`admission.py` decides)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .messages.core import Text

ADMITTED, REJECTED, CONDITIONAL, UNREVIEWED = "admitted", "rejected", "conditional", "unreviewed"
# governed by a procedure that declares no criteria: a reviewer decides by hand, so nothing is decided yet
PENDING = "pending"
# every decision `admit` gives, in the order the format lists them (an invariant's `every`)
DECISIONS = (ADMITTED, CONDITIONAL, REJECTED, PENDING, UNREVIEWED)
# the engine's own reasons, as `admit --format json` writes them (a rule's reason is its own text)
UNGOVERNED = "no admission procedure governs it"
UNDECIDED = "no criterion admits it"
BY_HAND = "its procedure has no criteria: a reviewer decides"
RECORDED = "an approval record in term decides it"
LAPSED = "its approval record is out of term: a reviewer decides again"
# how a decision stands to its approval record (`Record.status`)
APPLIED, OUT_OF_TERM, DISAGREES = "applied", "out_of_term", "disagrees"


@dataclass(frozen=True)
class Record:
    """The approval record (`approvals`) a decision rests on, or that it sets aside."""

    procedure: str
    decision: str
    status: str  # APPLIED: it decides; OUT_OF_TERM: lapsed or not yet in term; DISAGREES: criteria decide otherwise
    by: Text | None = None  # who decided, as a message names it
    by_written: object = None  # ... and as the policy writes it (for JSON)
    on: str | None = None
    start: str | None = None
    end: str | None = None
    source: object = None  # as the policy writes it
    at: str = ""  # where the record is written, `file:line:column`


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
    record: Record | None = None
    exits: tuple[str, ...] = ()  # lists holding the item whose exit condition holds on the date


@dataclass
class Bill:
    """What admitting a tier's conditional items moves down to it: 权随责走、人随事转、费随事转."""

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
