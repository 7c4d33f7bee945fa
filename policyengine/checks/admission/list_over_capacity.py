"""PE206 list-over-capacity (清单超出承载能力): a list whose workload exceeds its tier's headcount hours."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ..base import Check, Step
from ..steps import related
from .lists import number

if TYPE_CHECKING:
    from ..context import Context


def find(ctx: Context) -> Iterator[Violation]:
    """Per tier instance: the headcount hours of the tier's own units against each list's workload."""
    policy = ctx.policy
    default_hours = ctx.threshold("PE206", "hours_per_person_month")
    max_share = ctx.threshold("PE206", "max_share")
    for tier_id, tier in policy.tiers.items():
        own = [u for u in policy.units.values() if u.tier == tier_id and u.sent_by is None and u.people is not None]
        if not own:
            continue  # the tier declares no capacity
        capacity = sum(
            (u.people or 0)
            * (u.count if u.count is not None else 1)
            * (u.hours_per_person_month if u.hours_per_person_month is not None else default_hours)
            for u in own
        ) / (tier.count or 1)
        for lst in policy.lists.values():
            if lst.tier != tier_id or lst.kind == "returned":
                continue
            shape = ctx.structure.belonging("list", lst.id).of  # a list of one variant: its capacity
            of_shape = ctx.structure.capacity(tier_id, shape, own, default_hours) if shape is not None else None
            cap = capacity if of_shape is None else of_shape
            workload = sum(
                policy.items[i].cost.hours_per_month or 0.0
                for i in lst.items
                if i in policy.items and policy.items[i].tier == tier_id
            )
            workload += lst.workload_hours_per_month or 0.0
            if workload <= cap * max_share:
                continue
            share = f"{workload / cap:.0%}" if cap > 0 else "∞"
            yield Violation(
                "PE206",
                "over",
                lst.span,
                Subject("list", lst.id),
                {
                    "list": lst.id,
                    "tier": tier_id,
                    "workload": number(workload),
                    "capacity": number(cap),
                    "share": share,
                },
            )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names."""
    return related(ctx.policy, v)


DOC = """\
# PE206 list-over-capacity — 清单超出承载能力

## What it finds
A list asking more hours of its tier than the tier's people have. Per **instance** of a tier:
- **capacity** = Σ over the tier's own units (not `sent_by` another unit) that declare a `headcount`, of
  people per unit × the unit's `count` (1 when not given; 0 means none) × the unit's
  `hours_per_person_month` (default `PE206.hours_per_person_month`), divided by the tier's `count`
  (1 when not given or 0);
- **workload** of a list = Σ `cost.hours_per_month` of the items it names that are assigned to its tier,
  plus its `workload_hours_per_month` (the stated workload of items it holds but does not enumerate).
A list (other than `returned`) is flagged when its workload exceeds capacity × `PE206.max_share`. A tier
none of whose own units declares a headcount declares no capacity and is **not judged**. Each list is
judged alone (a tier whose lists together exceed its capacity is not flagged in this version). The
finding is at the list's `id`, with workload, capacity and the share.

A list of one variant or instance of its tier (`variant`, `instance`) is judged against one member of
it: a unit of that variant counts its people over the variant's `count` members (or over
`counts[VARIANT]`, when the unit gives it), a unit common to the tier its share over the tier's
`count`, a unit of another variant nothing. A variant without `count` is judged as the tier as a whole.

## Why it matters
H District has one full-time worker per grid (1,309 grids, 1,309 workers) and a line list of nearly 1,000
items besides the routine tasks and temporary campaigns. When a list asks more hours than the worker has,
the work cannot all be done: it is done on paper — quota filling (凑件), patrol tracks walked for the
record, cosmetic closures — which is the involution and suspension the paper describes.

## Example
```yaml
tiers:
  - {id: grid, name: {zh: "网格"}, parent: community, count: 1309}
units:
  - {id: grid_team, name: {zh: "网格团队"}, tier: grid, kind: grid_team, count: 1309,
     headcount: {full_time_grid_worker: 1}}
lists:
  - id: grid_line_list                       # PE206: 208 hours/month against 166 (125%)
    tier: grid
    kind: duties
    items: [fire_hazard_reporting]           # cost.hours_per_month: 6
    workload_hours_per_month: 202
```
Use instead:
```yaml
lists:
  - id: grid_line_list
    tier: grid
    kind: duties
    items: [fire_hazard_reporting]
    workload_hours_per_month: 60             # items the grid cannot carry stay with the departments
```
(or add people to the grid, 人随事转). `examples/admission/list_over_capacity/` is the whole example.

## Thresholds
- `PE206.hours_per_person_month` (166): working hours one person gives per month, for units that do not
  declare `hours_per_person_month`.
- `PE206.max_share` (1.0): the share of capacity a list may ask for.

## Case reference
§3 of `docs/case.md` (1,309 grids, one full-time worker per grid), §4 (nearly 1,000 line items) and §7
(quota filling, involution, suspension).
"""

DOC_ZH = """\
# PE206 清单超出承载能力 — list-over-capacity

## 检查内容
清单对其层级的工时需求超出该层级人员所能提供的工时。按层级的每个实例计算:承载能力 = 该层级自有单位(无 `sent_by`)中写有
`headcount` 者的人数 × 单位 `count`(未写为 1)× `hours_per_person_month`(默认 `PE206.hours_per_person_month`),除以层级的
`count`(未写或为 0 时为 1);清单工作量 = 其列出且指派给该层级的事项的 `cost.hours_per_month` 之和,加上
`workload_hours_per_month`。工作量超过承载能力 × `PE206.max_share` 的清单(`returned` 除外)予以报告。
没有自有单位写明人数的层级未声明承载能力,不予判断。诊断位于清单的 `id` 处。

属于层级某一类型或具体单位的清单(`variant`、`instance`),按该类型的一个成员判断:属于该类型的单位,其人数按该类型的 `count` 分摊(单位写有 `counts[类型]` 时按其数量);全层级共有的单位按层级的 `count` 分摊;属于其他类型的单位不计。未写 `count` 的类型按整个层级判断。

## 为何重要
H区一格一员(1309个网格、1309名专职网格员),除常规事务和临时任务外还有近1000项条线事项。清单所需工时超过网格员所有,
工作就不可能全部完成,只能在纸面上完成——凑件、为留痕而走的巡查轨迹、表面结案——这正是论文所说的内卷化与悬浮化。

## 示例
```yaml
tiers:
  - {id: grid, name: {zh: "网格"}, parent: community, count: 1309}
units:
  - {id: grid_team, name: {zh: "网格团队"}, tier: grid, kind: grid_team, count: 1309,
     headcount: {full_time_grid_worker: 1}}
lists:
  - id: grid_line_list                       # PE206: 208 hours/month against 166 (125%)
    tier: grid
    kind: duties
    items: [fire_hazard_reporting]           # cost.hours_per_month: 6
    workload_hours_per_month: 202
```
改为:
```yaml
lists:
  - id: grid_line_list
    tier: grid
    kind: duties
    items: [fire_hazard_reporting]
    workload_hours_per_month: 60             # items the grid cannot carry stay with the departments
```
(or add people to the grid, 人随事转). `examples/admission/list_over_capacity/` is the whole example.

## 阈值
TODO - `PE206.hours_per_person_month` (166): working hours one person gives per month, for units that do not
  declare `hours_per_person_month`.
- `PE206.max_share` (1.0): the share of capacity a list may ask for.

## 案例出处
TODO §3 of `docs/case.md` (1,309 grids, one full-time worker per grid), §4 (nearly 1,000 line items) and §7
(quota filling, involution, suspension).
"""

CHECK = Check(
    code="PE206",
    name="list-over-capacity",
    zh="清单超出承载能力",
    severity=Severity.WARNING,
    summary="a list's workload exceeds the tier's headcount hours",
    finds="a list whose workload (item hours plus stated hours) exceeds its tier's headcount hours per instance",
    per="list",
    at="the list's `id`",
    reads="units (`tier`, `sent_by`, `count`, `headcount`, `hours_per_person_month`), tiers' `count`, items' `cost.hours_per_month`, lists' `workload_hours_per_month`; lists' and units' `variant`/`instance`, units' `counts`, variants' `count`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="a list whose workload (item hours plus stated hours) exceeds its tier's headcount hours per instance",
    per_zh="list",
    at_zh="the list's `id`",
    reads_zh="units (`tier`, `sent_by`, `count`, `headcount`, `hours_per_person_month`), tiers' `count`, items' `cost.hours_per_month`, lists' `workload_hours_per_month`; lists' and units' `variant`/`instance`, units' `counts`, variants' `count`",
    messages={
        "over": (
            "list '{list}' of '{tier}' needs {workload} hours/month against a capacity of {capacity} hours/month per {tier} ({share} of it)",
            "{tier}的清单“{list}”每月需 {workload} 工时,而每个{tier}每月的承载能力为 {capacity} 工时(占 {share})",
        ),
    },
    thresholds={"hours_per_person_month": 166, "max_share": 1.0},
    find=find,
    explain=explain,
)
