"""What `verify` finds, as data: each property proved, refuted (with a counterexample) or unknown (with
the reason). A leaf module: the formatters read it without loading the solver."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PROVED, REFUTED, UNKNOWN = "proved", "refuted", "unknown"
UNENCODABLE = "unencodable"  # the reason of an unknown the solver never saw: a construct it cannot be given
# the kinds of property, in the order a report lists them
KINDS = ("coverage", "agreement", "order", "dead", "invariant", "change")


@dataclass(frozen=True)
class Step:
    """Where a decision is made: a clause of a rule of a procedure, or the engine's default."""

    decision: str
    procedure: str | None = None
    rule: str | None = None
    clause: int | None = None  # 0-based in the rule
    at: str | None = None  # file:line:column of the clause, or of the procedure for a default
    reason: str | None = None


@dataclass(frozen=True)
class Counterexample:
    """An item a department could submit: as the policy format writes it, the lists it is on, and how
    `admit` decides it (in a diff: `before` under the baseline, `steps` under the reform)."""

    item: dict[str, Any]
    lists: tuple[str, ...]
    steps: tuple[Step, ...]
    before: tuple[Step, ...] = ()
    before_lists: tuple[str, ...] = ()  # in a diff: the lists it is on in the baseline


@dataclass(frozen=True)
class Property:
    kind: str  # one of KINDS
    subject: str  # the procedure, rule or invariant it is about
    status: str  # PROVED, REFUTED, UNKNOWN
    at: str  # file:line:column of the rule, clause or invariant
    params: dict[str, Any] = field(default_factory=dict)  # what the message says besides
    counterexample: Counterexample | None = None
    reason: str | None = None  # why it is unknown


@dataclass
class Report:
    """Every property of one policy (or one diff), in a fixed order."""

    policy: str
    on: str
    timeout: float
    properties: list[Property] = field(default_factory=list)
    reform: str | None = None

    def count(self, status: str) -> int:
        return sum(1 for p in self.properties if p.status == status)

    @property
    def holds(self) -> bool:
        return all(p.status == PROVED for p in self.properties)
