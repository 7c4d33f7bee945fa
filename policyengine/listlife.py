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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import Decl
from .parties import Party, party_of
from .structure import SUPPORT as STRUCTURE_SUPPORT

if TYPE_CHECKING:
    from .model import PolicyList

# what may change a list besides its periodic revision (修订的触发情形)
TRIGGERS = (
    "law_change",
    "evaluation",
    "public_objection",
    "reform",
    "superior_decision",
    "practice",  # 基层工作实际
    "policy_change",  # 政策变化
    "as_needed",  # 动态调整
    "other",
)
# what may add items under a catch-all (兜底条款的边界)
BOUNDS = ("law", "regulation", "superior_decision", "department_decision", "other")
# the kinds of provision: prohibitions that protect a tier, and its right to refuse
PROVISION_KINDS = (
    "no_unlisted_assignment",  # 清单之外不得派任务
    "right_to_refuse_unlisted",  # 有权拒绝清单外事项
    "no_separate_assessment",  # 不得另行考核
    "no_inspection_rating",  # 不得擅自开展检查评比
    "no_certification_demand",  # 不得要求出具证明
    "no_parallel_grids",  # 不得另行划分网格
    "no_cost_shifting",  # 不得将支出责任转移或变相转移 (PE102 cites it)
    "no_one_vote_veto",  # 不得擅自增设"一票否决"
    "no_cooperation_assessment",  # 不得对配合事项考核 (PE205 cites it)
    "no_return_by_designated",  # 指定承办单位不得退回
    "confidentiality",  # 保密
    "data_sharing",  # 数据共享
    "information_security",  # 信息安全与分级授权
    "records",  # 全过程电子档案
    "feedback",  # 办理结果反馈
    "training",  # 培训
    "incentive",  # 激励
    "fault_tolerance",  # 容错免责
    "liability",  # 法律责任
    "consultation",  # 征求意见
    "budget",  # 经费纳入同级财政预算
    "support",  # 工作保障与支持
    "reporting",  # 报告工作
    "compliance",  # 遵照执行清单
    "participation",  # 组织群众参与
    "planning",  # 规划
    "other",
)
# what a body provides or a provision secures (保障): the words of a grant's `support`, shared
SUPPORT = STRUCTURE_SUPPORT
# a list's standing (试行 / 正式)
LIST_STATUSES = ("trial", "final")


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
    status: str | None = None  # trial 试行 | final; None when not stated
    follows: tuple[Any, ...] = ()  # the superior documents it implements (sources)
    interpreted_by: Party | None = None  # 负责解释
    counterpart: str | None = None  # a list numbered one-to-one with this one (对应目录)
    valid: tuple[str | None, str | None] = (None, None)


@dataclass(frozen=True, kw_only=True)
class Provision(Decl):
    """A prohibition, right or duty (`provisions`): which tier it protects, who it binds or issued it,
    its counterpart (`with`: whom data is shared with, whom to consult or report to), the support it
    secures, and the lists, items and further tiers it concerns."""

    id: str
    kind: str
    tier: str
    by: Party | None = None
    text: str | None = None
    with_party: Party | None = None  # `with` in YAML
    support: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()

    def concerns(self, item: str, on_lists: Iterable[str]) -> bool:
        """Whether the provision covers an item on these lists: naming neither `items` nor `lists`, it
        covers all the tier's work; naming some, it covers only those (a prohibition scoped by the
        document to one list or a few matters protects nothing else)."""
        if not self.items and not self.lists:
            return True
        return item in self.items or any(lst in self.lists for lst in on_lists)


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
        status=raw.get("status"),
        follows=tuple(raw.get("follows", ())),
        interpreted_by=party_of(raw.get("interpreted_by"), ("interpreted_by",)),
        counterpart=raw.get("counterpart"),
        valid=(valid.get("from"), valid.get("to")) if isinstance(valid := raw.get("valid"), dict) else (None, None),
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
        with_party=party_of(raw.get("with"), ("with",)),
        support=tuple(raw.get("support", ())),
        lists=tuple(raw.get("lists", ())),
        items=tuple(raw.get("items", ())),
        tiers=tuple(raw.get("tiers", ())),
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
    return (life.owner, life.approved_by, life.changes.by if life.changes else None, life.interpreted_by)


__all__ = [
    "BOUNDS",
    "LIST_STATUSES",
    "PROVISION_KINDS",
    "SUPPORT",
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
