"""How a regime scores (考核办法/评分细则): its full score and pass mark, grades, parts and the terms of its
scoring rules, the consequences its result brings, and the measures (指标) that parts, quotas and
scoring rules count. Kept apart from `model.Regime`, which gains only `scheme`."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Decl, Name
from .parties import Party

PART_KINDS = ("base", "bonus", "deduction")  # 基本分、加分项、扣分项
# what outside the assessed's own work a measure depends on
DEPENDS_ON = ("occurrence", "residents", "other_units", "upper_tier", "platform")


@dataclass(frozen=True, kw_only=True)
class Grade(Decl):
    id: str
    name: Name | None = None
    min: float | None = None
    at_most_share: float | None = None


@dataclass(frozen=True, kw_only=True)
class Part(Decl):
    id: str
    name: Name | None = None
    kind: str = "base"
    points: float | None = None
    weight: float | None = None
    cap: float | None = None
    scored_by: Party | None = None
    measure: str | None = None


@dataclass(frozen=True, kw_only=True)
class RuleTerms(Decl):
    """The terms a scoring rule gains: the part its points go to, what they are per, from how many on,
    and at most how many points (the rule itself is `model.Scoring`, at the same index)."""

    part: str | None = None
    per: str | None = None
    above: float | None = None
    cap: float | None = None


@dataclass(frozen=True, kw_only=True)
class Outcome(Decl):
    """A regime-level consequence: `effect` when a grade is given, for `consecutive_periods` in a row,
    or when at least `at_least` events `event` happen in a `period`."""

    effect: str
    grade: str | None = None
    consecutive_periods: int | None = None
    event: str | None = None
    at_least: int | None = None
    period: str | None = None
    decided_by: str | None = None


@dataclass(frozen=True, kw_only=True)
class Scheme:
    """A regime's scoring structure; empty fields when the regime states none of it."""

    positions: tuple[str, ...] = ()
    total: float | None = None
    pass_mark: float | None = None
    grades: tuple[Grade, ...] = ()
    parts: tuple[Part, ...] = ()
    rules: tuple[RuleTerms, ...] = ()  # one per `Regime.scoring` rule, in the same order
    outcomes: tuple[Outcome, ...] = ()
    ranking_grades: tuple[str | None, ...] = ()  # one per ranking consequence: its `when.grade`

    def part(self, ident: str | None) -> Part | None:
        return next((p for p in self.parts if p.id == ident), None)


@dataclass(frozen=True, kw_only=True)
class Measure(Decl):
    """What a quota, part or scoring rule counts. `controlled_by` and `depends_on` are None when not
    stated: a check then cannot say whether the assessed controls it."""

    id: str
    name: Name | None = None
    kind: str | None = None
    controlled_by: tuple[Party, ...] | None = None
    depends_on: tuple[str, ...] | None = None


__all__ = ["DEPENDS_ON", "PART_KINDS", "Grade", "Measure", "Outcome", "Part", "RuleTerms", "Scheme"]
