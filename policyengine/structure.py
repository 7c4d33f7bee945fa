"""The structure real documents give a tier and what sits at it, beyond the bare tree: a tier's
variants (城市社区 / 涉农社区) and named instances (each township), what belongs to one of them, an
item carried jointly at several tiers (社区和网格共同), who leads, places, deploys and supervises a
unit, a grant's delegation terms (who hands it down, for which items, for how long, with what
support) and the line department a power is scoped to.

The model keeps them in one `Structure` (the policy's `structure` field), keyed by the id of the
declaration they belong to; grant terms are aligned with `Policy.grants`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Decl, Item, Name, Policy
from .parties import Party

# what a delegated grant may say comes with the power (保障: 工作条件, 培训, 物资, 信息系统, 经费, 人员)
SUPPORT = ("working_conditions", "training", "materials", "information_system", "funding", "staff", "other")


@dataclass(frozen=True, kw_only=True)
class Variant(Decl):
    """A variant of a tier (a kind of community) or one named instance of it (a township)."""

    id: str
    name: Name
    count: int | None = None


@dataclass(frozen=True)
class TierShapes:
    """A tier's declared variants and instances, each by id."""

    variants: Mapping[str, Variant] = field(default_factory=dict)
    instances: Mapping[str, Variant] = field(default_factory=dict)


@dataclass(frozen=True)
class Belonging:
    """What a list, unit or item says of its tier's variants and instances."""

    variant: str | None = None
    instance: str | None = None
    counts: Mapping[str, int] = field(default_factory=dict)  # variant or instance -> how many

    @property
    def of(self) -> str | None:
        """The one variant or instance it belongs to (its variant first)."""
        return self.variant or self.instance


@dataclass(frozen=True, kw_only=True)
class ExtraRole(Decl):
    """A further tier and role an item is carried at, beside its main `tier` and `role`."""

    tier: str
    role: str
    variant: str | None = None
    instance: str | None = None
    requires: tuple[str, ...] | None = None  # None: the item's `requires` for the role

    def required(self, item: Item) -> tuple[str, ...]:
        return self.requires if self.requires is not None else item.required(self.role)


@dataclass(frozen=True)
class Leadership:
    """Who leads (two for dual leadership), places, deploys, supervises and guides a unit."""

    led_by: tuple[Party, ...] = ()
    placed_by: Party | None = None
    deployed_by: Party | None = None
    supervised_by: tuple[Party, ...] = ()
    guided_by: tuple[Party, ...] = ()  # 业务指导: guidance without command, kept apart from leading

    def relations(self) -> tuple[tuple[str, Party], ...]:
        """(relation, party) for each party named, in the order of the keys."""
        return (
            *(("led_by", p) for p in self.led_by),
            *((("placed_by", self.placed_by),) if self.placed_by else ()),
            *((("deployed_by", self.deployed_by),) if self.deployed_by else ()),
            *(("supervised_by", p) for p in self.supervised_by),
            *(("guided_by", p) for p in self.guided_by),
        )


@dataclass(frozen=True)
class GrantTerms:
    """A grant's delegation terms and the line each of its powers is scoped to."""

    delegated_by: str | None = None
    scoped: bool = False  # the grant states a `scope`: it counts only for the items in it
    scope_items: tuple[str, ...] = ()
    scope_categories: tuple[str, ...] = ()
    term: tuple[str | None, str | None] | None = None
    support: tuple[str, ...] = ()
    lines: tuple[str | None, ...] = ()  # per power entry: the line department it is scoped to

    def covers(self, item: Item) -> bool:
        """Whether the grant counts for `item`: no scope, or the item (or its category) is in it."""
        return not self.scoped or item.id in self.scope_items or item.category in self.scope_categories

    def line(self, index: int) -> str | None:
        return self.lines[index] if index < len(self.lines) else None


NO_TERMS = GrantTerms()


@dataclass(frozen=True)
class Structure:
    tiers: Mapping[str, TierShapes] = field(default_factory=dict)
    belongs: Mapping[tuple[str, str], Belonging] = field(default_factory=dict)  # (list|unit|item, id)
    roles: Mapping[str, tuple[ExtraRole, ...]] = field(default_factory=dict)  # item id -> its further roles
    lines: Mapping[str, str] = field(default_factory=dict)  # item id -> its stated line department
    leadership: Mapping[str, Leadership] = field(default_factory=dict)  # unit id -> who leads it
    grants: tuple[GrantTerms, ...] = ()  # aligned with Policy.grants

    def belonging(self, kind: str, ident: str) -> Belonging:
        return self.belongs.get((kind, ident), NO_BELONGING)


NO_BELONGING = Belonging()


EMPTY = Structure()


def joint_validity(
    valid: tuple[str | None, str | None], term: tuple[str | None, str | None]
) -> tuple[str | None, str | None]:
    """A grant's `valid` and its delegation `term` both have to hold: the later start, the earlier end
    (dates as YYYY-MM-DD text order as dates do)."""
    starts = [d for d in (valid[0], term[0]) if d is not None]
    ends = [d for d in (valid[1], term[1]) if d is not None]
    return (max(starts) if starts else None, min(ends) if ends else None)


def structure_of(policy: Policy) -> Structure:
    """The policy's structure (empty for a policy made without one)."""
    return policy.structure or EMPTY


def item_line(policy: Policy, item: Item) -> str | None:
    """The line department an item belongs to: its stated `line`, else its `owner`."""
    return structure_of(policy).lines.get(item.id) or item.owner


__all__ = [
    "NO_TERMS",
    "SUPPORT",
    "Belonging",
    "ExtraRole",
    "GrantTerms",
    "Leadership",
    "Structure",
    "TierShapes",
    "Variant",
    "item_line",
    "joint_validity",
    "structure_of",
]
