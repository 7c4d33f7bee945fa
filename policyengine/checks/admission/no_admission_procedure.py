"""PE200 no-admission-procedure (缺少准入机制): a tier receives line items but no admission procedure
governs its lists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Quoted, msg
from ..base import Check, Step
from ..steps import related

if TYPE_CHECKING:
    from ...model import Item, Policy
    from ..context import Context


def _received(policy: Policy, item: Item) -> bool:
    """A line item is received by its tier unless its owner department sits at that same tier."""
    owner = policy.units.get(item.owner) if item.owner else None
    return owner is None or owner.tier != item.tier


def find(ctx: Context) -> Iterator[Violation]:
    policy = ctx.policy
    line_items = {i.id for i in policy.items.values() if i.kind == "line" and _received(policy, i)}
    line_categories = {c.id for c in policy.categories.values() if c.kind == "line"}
    for tier_id, tier in policy.tiers.items():
        # as `admit` judges: a procedure out of force on the judged date governs nothing that day
        lists = [lst for lst in policy.lists.values() if lst.tier == tier_id and lst.kind != "returned"]
        # the procedures of the tier, and those of any tier naming one of its lists (`Admission.governs`)
        procedures = [
            a
            for a in policy.admissions.values()
            if a.in_force(ctx.on) and (a.tier == tier_id or any(lst.id in a.lists for lst in lists))
        ]
        if any(not a.lists and a.tier == tier_id for a in procedures):
            continue  # a procedure without `lists` governs every list of its tier
        governed = {lst.id for lst in lists if any(a.governs(lst) for a in procedures)}
        ungoverned = [
            lst
            for lst in lists
            if lst.id not in governed and (set(lst.items) & line_items or set(lst.categories) & line_categories)
        ]
        listed = {i for lst in policy.lists.values() if lst.tier == tier_id for i in lst.items}
        mine = {i for i in line_items if policy.items[i].tier == tier_id}
        unlisted = {i for i in mine if i not in listed}
        if not ungoverned and not (unlisted and not procedures):
            continue
        # the count is of the line items seen, each once: a list's `stated.items` is a claim, not items
        seen = unlisted | {
            i for lst in ungoverned for i in mine if i in lst.items or policy.items[i].category in lst.categories
        }
        names = tuple(lst.id for lst in ungoverned)
        lists_named = Quoted(names) if names else msg("PE200.its_lists")
        subject = Subject("tier", tier_id)
        if seen:
            params = {"tier": tier_id, "count": len(seen), "lists": lists_named}
            yield Violation("PE200", "missing", tier.span, subject, params)
        else:  # lists that name only line categories, none of whose items is assigned here: no count to give
            yield Violation("PE200", "categories", tier.span, subject, {"tier": tier_id, "lists": lists_named})


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names."""
    return related(ctx.policy, v)


DOC = """\
# PE200 no-admission-procedure — 缺少准入机制

## What it finds
A tier that receives line-department work while no admission procedure governs it (an `admission`
entry with `tier:` that tier, or of any tier naming one of its lists in `lists`). A line item (`kind: line`) counts as received by its tier unless its
`owner` department sits at that same tier. The tier is flagged when one of its lists holding a received
line item or a line category is governed by no procedure, or when received line items assigned to it are
in none of its lists (`returned` ones aside) and no procedure names the tier at all. An admission
procedure governs the lists its `lists` names, whatever its own tier (a county body may review the
grid's list); without `lists`, every list of its own tier. As in `admit`, only procedures in force on
the judged date (`--on`, their `valid` range) govern. Lists of kind `returned` (上收事项, taken back up
from the tier) are not judged. The finding is at the tier declaration; its count is the received line
items assigned to the tier that it saw outside any list or on an ungoverned list (by id or by
category), each counted once; a list's `stated.items` is not counted. When the ungoverned lists hold
line categories but none of their items, the message says so instead of a count.

## Why it matters
In H District the district centre and the functional departments compiled a grid management list of 13
categories and nearly 1,000 items, many of them professional matters the departments should handle, all
coded into the platform as tick-boxes for grid workers; the Interim Measures add "other matters the
Working Committee decides to run through the grid". Nothing decides whether an item belongs at the grid,
or whether authority and money come with it, so the grid becomes the catch-all for every territorial
responsibility. The paper's first remedy is a grid admission mechanism: the grid-management agency
reviews what enters, a clear list of routine items, review of temporary items, and for each admitted
item the department sinks the matching powers and funds (权随责走、费随事转).

## Example
```yaml
categories:
  - {id: urban_management, name: {zh: 城市管理类, en: urban management}, kind: line}
  - {id: safety_supervision, name: {zh: 安全监管类, en: safety supervision}, kind: line}
lists:
  - id: grid_management_list
    name: {zh: 网格管理事项清单, en: grid management list}
    tier: grid
    kind: duties
    categories: [urban_management, safety_supervision]
    compiled_by: [district_centre]
    stated: {categories: 13, items: 1000, approximate: true}
```
Use instead:
```yaml
admission:
  - id: grid_admission
    tier: grid
    lists: [grid_management_list]
    reviewer: district_centre          # the grid-management agency reviews what enters
    legal_basis_required: true
    publication_required: true
    lead_time_days: 30                 # illustrative figures
    approval_deadline_days: 15
    temporary: {approval_by: district_centre, max_term_days: 90}
    review_period_months: 12
```

## Thresholds
None.

## Case reference
§4 of `docs/case.md` (the Interim Measures; the line list of 13 categories, nearly 1,000 items, 属地管理扩张)
and §8 (网格准入机制, 权随责走、费随事转).
"""

DOC_ZH = """\
# PE200 缺少准入机制 — no-admission-procedure

## 检查内容
某一层级承接条线事务,却没有准入程序加以管辖。这里的准入程序,是准入程序(`admission`)中层级(`tier`)为该层级的,或任一层级在其清单范围(`lists`)中列明该层级清单的。条线事项(`kind: line`)视为由其承接层级承接,主管部门(`owner`)就在同一层级的除外。有下列情形之一的,报告该层级:

- 该层级某份清单含有承接的条线事项或条线类别,而不受任何准入程序管辖;
- 指派给该层级的承接条线事项不在其任何清单中(上收事项清单除外),而该层级根本没有准入程序。

准入程序管辖其清单范围列明的清单,不论程序本身属于哪一层级(如县级机构可以审核网格的清单);未写清单范围的,管辖本层级的全部清单。与 `admit` 一致,只有在判断日期(`--on`)处于有效期(`valid`)内的程序才有管辖效力。上收事项清单(`kind: returned`)不予判断。

诊断位于该层级的声明处。诊断中的数量,是指派给该层级、不在任何清单中或列入(按编号或按类别)不受管辖清单的承接条线事项数,每项只计一次;清单所述事项数(`stated.items`)不计入。不受管辖的清单只列有条线类别、没有列入其中任何事项的,诊断说明这一点,不报数量。

## 为何重要
H区社会治理中心会同区属职能部门编制了网格管理事项清单,共13大类、近1000项,其中许多本是职能部门应当承担的专业性工作,全部编进平台,成了网格员逐项勾选的选项;暂行办法还规定,“基层网格还要完成H区党工委、管委会决定通过网格开展的其他事项”。哪些事项该进网格、进网格时权力和经费是否随之下沉,无人把关,网格于是成了各类属地责任的兜底。论文提出的第一条对策就是建立网格准入机制:由网格化管理机构审核进入网格的事项,明确常规事项清单,对临时纳入的事项进行审核;准入网格的事项,主管部门按照权随责走、费随事转的原则,下放相应的权力和经费。

## 示例
```yaml
categories:
  - {id: urban_management, name: {zh: 城市管理类, en: urban management}, kind: line}
  - {id: safety_supervision, name: {zh: 安全监管类, en: safety supervision}, kind: line}
lists:
  - id: grid_management_list
    name: {zh: 网格管理事项清单, en: grid management list}
    tier: grid
    kind: duties
    categories: [urban_management, safety_supervision]
    compiled_by: [district_centre]
    stated: {categories: 13, items: 1000, approximate: true}
```
改为:
```yaml
admission:
  - id: grid_admission
    tier: grid
    lists: [grid_management_list]
    reviewer: district_centre          # 由网格化管理机构审核进入网格的事项
    legal_basis_required: true
    publication_required: true
    lead_time_days: 30                 # 示意数字
    approval_deadline_days: 15
    temporary: {approval_by: district_centre, max_term_days: 90}
    review_period_months: 12
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §4(暂行办法;条线下沉事务13大类、近1000项,属地管理扩张)、§8(网格准入机制;权随责走、费随事转)。
"""

CHECK = Check(
    code="PE200",
    name="no-admission-procedure",
    zh="缺少准入机制",
    severity=Severity.WARNING,
    summary="line items reach a tier whose lists no admission procedure governs",
    finds="a tier receiving line items from a department at another tier, whose lists (other than `returned` ones) no admission procedure governs",
    per="tier",
    at="the tier's `id`",
    reads="`line` items (and their `owner`'s tier, `category`) and categories, lists of the tier (`kind`, `items`, `categories`), `admission` (`tier`, `lists`, `valid`)",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="层级承接其他层级职能部门下沉的条线事项,而其清单(上收事项清单除外)不受任何准入程序管辖",
    per_zh="层级",
    at_zh="层级的 `id`",
    reads_zh="`line` 类事项(及其 `owner` 所在层级、`category`)和条线类别,该层级的清单(`kind`、`items`、`categories`),准入程序 `admission`(`tier`、`lists`、`valid`)",
    messages={
        "missing": (
            "tier '{tier}' receives {count} line item(s) but no admission procedure governs {lists}",
            "{tier}承接 {count} 项条线事项,但{lists}未纳入任何准入程序",
        ),
        "categories": (
            "tier '{tier}' lists line categories but no admission procedure governs {lists}",
            "{tier}的清单列有条线类别,但{lists}未纳入任何准入程序",
        ),
        "its_lists": ("its lists", "其清单"),
    },
    find=find,
    explain=explain,
)
