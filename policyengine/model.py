"""The policy model: frozen dataclasses built from validated documents.

Every declaration keeps its span and its raw mapping, so that a check can point at any field
(`decl.at("mobilises", 1)`) without the model copying positions it may never need.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .dates import in_force
from .parties import Party
from .span import NOWHERE, Span
from .statedness import Marker, marker_at
from .yamlnodes import span_of

if TYPE_CHECKING:
    from .approvals import Approval
    from .channels import Channel
    from .invariants import Invariant
    from .listlife import ListLife, Provision
    from .procedures import AdmissionProcess, Handover, Weighting
    from .scoring import Measure, Scheme
    from .staffing import Staffing
    from .structure import Structure
    from .timelimits import Timing


@dataclass(frozen=True, kw_only=True)
class Decl:
    span: Span = NOWHERE
    raw: Any = field(default=None, compare=False, repr=False)
    source: Any = field(default=None, compare=False, repr=False)

    def at(self, *path: Any) -> Span:
        """The span of a field of this declaration; the declaration's own span if absent."""
        return span_of(self.raw, path, self.span) if self.raw is not None else self.span

    def marker(self, *path: Any) -> Marker | None:
        """`unstated` or `unknown` if written at a field of this declaration (statedness.py): the
        model holds the field's absence, so a reader needing a number never meets a word."""
        return marker_at(self.raw, path) if self.raw is not None else None


@dataclass(frozen=True)
class Name:
    zh: str | None = None
    en: str | None = None

    def text(self, lang: str = "en") -> str | None:
        return (self.zh or self.en) if lang == "zh" else (self.en or self.zh)


@dataclass(frozen=True, kw_only=True)
class PowerDecl(Decl):
    id: str
    name: Name | None = None


@dataclass(frozen=True, kw_only=True)
class Tier(Decl):
    id: str
    name: Name
    parent: str | None = None
    count: int | None = None


@dataclass(frozen=True, kw_only=True)
class Unit(Decl):
    id: str
    name: Name
    tier: str
    kind: str
    sent_by: str | None = None
    count: int | None = None
    headcount: int | Mapping[str, int] | None = None
    hours_per_person_month: float | None = None
    staffing: Staffing | None = None  # staff terms, whose assessment counts (staffing.py)

    @property
    def people(self) -> int | None:
        if isinstance(self.headcount, Mapping):
            return sum(self.headcount.values())
        return self.headcount


@dataclass(frozen=True, kw_only=True)
class PowerGrant(Decl):
    power: str
    scope: str | None = None
    units: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Grant(Decl):
    id: str | None
    unit: str | None
    tier: str | None
    dimensions: Mapping[str, str]
    powers: tuple[PowerGrant, ...]
    valid: tuple[str | None, str | None] = (None, None)
    handover: Handover | None = None  # mode, in whose name, who is liable (procedures.py)

    @property
    def holder(self) -> tuple[str, str]:
        return ("unit", self.unit) if self.unit else ("tier", self.tier or "")


@dataclass(frozen=True, kw_only=True)
class Category(Decl):
    id: str
    name: Name
    kind: str
    stated_items: int | None = None


@dataclass(frozen=True, kw_only=True)
class CoHandler(Decl):
    unit: str
    coverage: float | None = None


@dataclass(frozen=True)
class Cost:
    hours_per_month: float | None = None
    yuan_per_year: float | None = None

    @property
    def declared_zero(self) -> bool:
        declared = [v for v in (self.hours_per_month, self.yuan_per_year) if v is not None]
        return bool(declared) and all(v == 0 for v in declared)


@dataclass(frozen=True)
class Funding:
    money_yuan_per_year: float = 0.0
    people: float = 0.0
    powers: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Item(Decl):
    id: str
    name: Name
    kind: str
    tier: str
    role: str
    category: str | None = None
    owner: str | None = None
    issued_by: str | None = None
    responsibility: str | None = None
    requires: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    mobilises: tuple[str, ...] = ()
    cost: Cost = Cost()
    funding: Funding | None = None
    co_handlers: tuple[CoHandler, ...] = ()
    valid: tuple[str | None, str | None] = (None, None)
    legal_basis: Any = None  # a citation string or a source mapping: what puts the item on the tier
    via: str | None = None  # the task force / leading group / temporary body it is assigned through
    applicant: Party | None = None  # who applied for it to enter the lists

    def required(self, role: str | None = None) -> tuple[str, ...]:
        return self.requires.get(role or self.role, ())


@dataclass(frozen=True, kw_only=True)
class PolicyList(Decl):
    id: str
    tier: str
    kind: str
    name: Name | None = None
    items: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    compiled_by: tuple[str, ...] = ()
    stated_items: int | None = None
    workload_hours_per_month: float | None = None  # stated workload of items not enumerated
    life: ListLife | None = None  # owner, approval, publication, changes, catch-all (listlife.py)


@dataclass(frozen=True)
class TemporaryAdmission:
    approval_by: Party | None = None
    max_term_days: float | None = None


@dataclass(frozen=True, kw_only=True)
class Admission(Decl):
    id: str
    tier: str
    name: Name | None = None
    lists: tuple[str, ...] = ()
    applicant: Party | None = None
    reviewer: Party | None = None
    criteria: tuple[str, ...] = ()  # rule text; `at("criteria", i)` locates each
    rules: tuple[str, ...] = ()  # ids of rules written in the policy's `.rules` files
    lead_time_days: float | None = None
    approval_deadline_days: float | None = None
    legal_basis_required: bool | None = None
    publication_required: bool | None = None
    temporary: TemporaryAdmission | None = None
    review_period_months: float | None = None
    exit: str | None = None
    valid: tuple[str | None, str | None] = (None, None)
    process: AdmissionProcess | None = None  # application and ordered steps (procedures.py)

    def in_force(self, on: str | None) -> bool:
        """Whether the procedure is in force on date `on` (YYYY-MM-DD); any date when `on` is None."""
        return on is None or in_force(self.valid, on)

    def governs(self, lst: PolicyList) -> bool:
        """Whether it governs a list: the lists it names in `lists`, whatever their tier (a county body
        may review the grid's list); without `lists`, every list of its own tier."""
        return lst.id in self.lists if self.lists else lst.tier == self.tier


@dataclass(frozen=True, kw_only=True)
class ReturnRule(Decl):
    from_tier: str
    to: str  # a tier id or "assigned_tier"
    basis: str


@dataclass(frozen=True, kw_only=True)
class Dispatch(Decl):
    from_tier: str
    to: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Workflow(Decl):
    escalation: tuple[str, ...] = ()
    returns: tuple[ReturnRule, ...] = ()
    dispatch: tuple[Dispatch, ...] = ()
    verification_hours: float | None = None
    verification_by: str | None = None


@dataclass(frozen=True, kw_only=True)
class Quota(Decl):
    metric: str
    kind: str
    min: float | None = None
    max: float | None = None
    add: float | None = None
    per: str | None = None


@dataclass(frozen=True, kw_only=True)
class Scoring(Decl):
    when: str
    effect: str
    points: float | None = None


@dataclass(frozen=True, kw_only=True)
class Consequence(Decl):
    effect: str
    top: int | None = None
    bottom: int | None = None
    score_at_most: float | None = None
    consecutive_periods: int | None = None
    decided_by: str | None = None


@dataclass(frozen=True, kw_only=True)
class Regime(Decl):
    id: str
    assessor: str
    assessed: str
    name: Name | None = None
    period: str | None = None
    adds_to: str | None = None
    quotas: tuple[Quota, ...] = ()
    scoring: tuple[Scoring, ...] = ()
    ranking_of: str | None = None
    consequences: tuple[Consequence, ...] = ()
    items: tuple[str, ...] = ()  # what the regime assesses the tier on: items ...
    categories: tuple[str, ...] = ()  # ... and categories of items
    kind: str = "assessment"  # assessment | inspection | rating | certification (检查评比、证明)
    weighting: Weighting | None = None  # regimes it counts in, whom it consults (procedures.py)
    scheme: Scheme | None = None  # total, pass mark, grades, parts, consequences (scoring.py)


@dataclass(frozen=True, kw_only=True)
class Duty(Decl):
    id: str
    name: Name
    applies_to: str
    start: str | None = None
    end: str | None = None
    item: str | None = None
    platform_rule: str | None = None
    active: tuple[str | None, str | None] = (None, None)
    waived_during: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PlatformRule(Decl):
    id: str
    name: Name
    kind: str
    applies_to: str | None = None
    deadline_days: float | None = None


@dataclass(frozen=True, kw_only=True)
class Figure(Decl):
    id: str
    value: float
    name: Name | None = None
    unit: str | None = None


@dataclass(frozen=True, kw_only=True)
class Table(Decl):
    """A table a part of the policy was imported from (`policyengine import`): what is needed to write
    it back with the findings beside its rows — its header, the rows that are no item, its merged cells."""

    id: str
    file: str
    sheet: str
    header: int
    columns: Mapping[str, str] = field(default_factory=dict)  # column letter -> header text
    rows: Mapping[int, Mapping[str, str]] = field(default_factory=dict)  # row -> its cells, for rows that are no item
    merged: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Spending(Decl):
    year: int
    yuan: float


@dataclass(frozen=True, kw_only=True)
class Problem(Decl):
    """A kind of problem the simulator lets arise in every grid (`simulation: problems:`)."""

    id: str
    per_grid_per_day: float
    item: str | None = None
    category: str | None = None
    name: Name | None = None


@dataclass(frozen=True, kw_only=True)
class Simulation(Decl):
    """The `simulation` section: problem rates and behavioural parameters (docs/simulation.md)."""

    start: str | None = None  # YYYY-MM
    parameters: Mapping[str, Any] = field(default_factory=dict)  # name -> number or {value, source, note}
    problems: tuple[Problem, ...] = ()
    urban_public_order_categories: tuple[str, ...] = ()
    streets: tuple[Any, ...] = ()  # `streets`: each a mapping as written (simulate/layout.py reads them)


@dataclass(frozen=True)
class Policy:
    """A whole policy. Mappings keep declaration order; ids are unique within a kind."""

    id: str | None
    name: Name | None
    levels: tuple[str, ...]
    powers: Mapping[str, Decl | None]  # built-in powers map to None
    tiers: Mapping[str, Tier]
    units: Mapping[str, Unit]
    grants: tuple[Grant, ...]
    categories: Mapping[str, Category]
    items: Mapping[str, Item]
    lists: Mapping[str, PolicyList]
    admissions: Mapping[str, Admission]
    workflow: Workflow | None
    regimes: Mapping[str, Regime]
    duties: Mapping[str, Duty]
    platform_rules: Mapping[str, PlatformRule]
    figures: Mapping[str, Figure]
    spending: tuple[Spending, ...]
    files: tuple[str, ...]
    simulation: Simulation | None = None
    approvals: tuple[Approval, ...] = ()  # approval records (`approvals`), in declared order
    structure: Structure | None = None  # variants, joint roles, leadership, delegation (structure.py)
    provisions: Mapping[str, Provision] = field(default_factory=dict)  # prohibitions and rights (listlife.py)
    measures: Mapping[str, Measure] = field(default_factory=dict)  # what quotas and parts count (scoring.py)
    channels: Mapping[str, Channel] = field(default_factory=dict)  # coordination channels (channels.py)
    timing: Timing | None = None  # items' deadlines, problem classes, answer times (timelimits.py)
    tables: Mapping[str, Table] = field(default_factory=dict)  # the tables items were imported from
    invariants: Mapping[str, Invariant] = field(default_factory=dict)  # theorems on admission decisions

    def level_value(self, level: str | None) -> float:
        """A dimension level as a number in [0, 1] on the declared ordinal scale."""
        if level is None or level not in self.levels:
            return 0.0
        return self.levels.index(level) / (len(self.levels) - 1)
