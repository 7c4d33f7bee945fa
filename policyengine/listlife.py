"""A list's life and the provisions that protect a tier: who keeps and approved a list, whether it is
published, how it changes and when an item leaves it, its catch-all clause; and the prohibitions and
rights (`provisions`) a policy declares for a tier.

Real lists (乡镇(街道)履行职责事项清单, 村(社区)工作事项清单) say who compiles and approves them, that they are
published, revised periodically or on a trigger, and nearly always end with a catch-all ("法律法规规定的
和主管部门决定的其他事项") through which unlisted work enters anyway. Prohibitions ("清单之外不得派任务",
"不得另行考核", "检查评比") and rights ("有权拒绝") are what the admission checks judge pushed-down work
against.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import Decl
from .parties import Party, party_of

if TYPE_CHECKING:
    from .model import PolicyList

# what may change a list besides its periodic revision (修订的触发情形)
TRIGGERS = ("law_change", "evaluation", "public_objection", "reform", "superior_decision", "other")
# what may add items under a catch-all (兜底条款的边界)
BOUNDS = ("law", "regulation", "superior_decision", "department_decision", "other")
# the kinds of provision: prohibitions that protect a tier, and its right to refuse
PROVISION_KINDS = (
    "no_unlisted_assignment",  # 清单之外不得派任务
    "right_to_refuse_unlisted",  # 有权拒绝清单外事项
    "no_separate_assessment",  # 不得另行考核
    "no_inspection_rating",  # 不得擅自开展检查评比
    "no_certification_demand",  # 不得要求出具证明
    "other",
)


@dataclass(frozen=True)
class Published:
    """Whether the list must be published and where; `required` None when the document does not say."""

    required: bool | None = None
    where: str | None = None


@dataclass(frozen=True)
class ListChanges:
    """How the list changes: a periodic revision, the triggers of an extra one, the exit rules (rule
    text; `PolicyList.at("changes", "exit", i)` locates each), and who revises it."""

    period_months: float | None = None
    triggers: tuple[str, ...] = ()
    exit: tuple[str, ...] = ()
    by: Party | None = None


@dataclass(frozen=True)
class CatchAll:
    """The list's catch-all clause (兜底条款): its words, whether any authority may add items under it
    (`open_ended`; None when not stated), and what bounds it when it is not open."""

    text: str | None = None
    open_ended: bool | None = None
    bounded_by: tuple[str, ...] = ()

    @property
    def open(self) -> bool:
        """Open: stated open-ended, or bounded by a department's own decision, which is no bound at all
        on what departments push down (the catch-all is the very door PE202 watches)."""
        return self.open_ended is True or "department_decision" in self.bounded_by


@dataclass(frozen=True)
class ListLife:
    """What a list says about itself besides its entries."""

    owner: Party | None = None
    approved_by: Party | None = None
    published: Published | None = None
    changes: ListChanges | None = None
    catch_all: CatchAll | None = None


@dataclass(frozen=True, kw_only=True)
class Provision(Decl):
    """A prohibition or right (`provisions`): which tier it protects, who it binds or issued it."""

    id: str
    kind: str
    tier: str
    by: Party | None = None
    text: str | None = None


def life_of(raw: Any) -> ListLife:
    """The life a validated list entry declares (all None when it declares none)."""
    published = raw.get("published")
    if isinstance(published, dict):
        shown: Published | None = Published(published.get("required"), published.get("where"))
    elif isinstance(published, bool):
        shown = Published(published)
    else:  # absent or `unstated`
        shown = None
    changes = raw.get("changes")
    catch_all = raw.get("catch_all")
    return ListLife(
        owner=party_of(raw.get("owner"), ("owner",)),
        approved_by=party_of(raw.get("approved_by"), ("approved_by",)),
        published=shown,
        changes=ListChanges(
            period_months=_number(changes.get("period_months")),
            triggers=tuple(changes.get("triggers", ())),
            exit=tuple(changes.get("exit", ())),
            by=party_of(changes.get("by"), ("changes", "by")),
        )
        if isinstance(changes, dict)
        else None,
        catch_all=CatchAll(
            text=catch_all.get("text"),
            open_ended=catch_all.get("open_ended"),
            bounded_by=tuple(catch_all.get("bounded_by", ())),
        )
        if isinstance(catch_all, dict)
        else None,
    )


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def provision_of(raw: Any, common: dict[str, Any]) -> Provision:
    return Provision(
        id=raw["id"],
        kind=raw["kind"],
        tier=raw["tier"],
        by=party_of(raw.get("by"), ("by",)),
        text=raw.get("text"),
        **common,
    )


def party_refs(*parties: Party | None) -> Iterator[tuple[str, str, tuple[Any, ...]]]:
    """(kind, id, path) of every unit and tier the parties name, for the reference check (PE004)."""
    for party in parties:
        if party is None:
            continue
        for unit, path in party.units():
            yield "unit", unit, path
        for tier, path in party.tiers():
            yield "tier", tier, path


def list_parties(lst: PolicyList) -> tuple[Party | None, ...]:
    life = lst.life
    if life is None:
        return ()
    return (life.owner, life.approved_by, life.changes.by if life.changes else None)


__all__ = [
    "BOUNDS",
    "PROVISION_KINDS",
    "TRIGGERS",
    "CatchAll",
    "ListChanges",
    "ListLife",
    "Provision",
    "Published",
    "life_of",
    "list_parties",
    "party_refs",
]
