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
清单要求某一层级承担的工时,超出该层级人员所能提供的工时。按层级的每一个实例(如每一个网格)计算:
- **承载能力**:该层级的自有单位(不含由其他单位派驻的单位,`sent_by`)中写明人员编制(`headcount`)的,按每个单位的人数 × 单位数量(`count`,未写按 1 计,写 0 即没有)× 每人每月工时(`hours_per_person_month`,未写时取 `PE206.hours_per_person_month`)求和,再除以该层级的实例数(层级的 `count`,未写或为 0 时按 1 计);
- **工作量**:清单所列、且指派给该层级的事项的每月工时(`cost.hours_per_month`)之和,加上清单写明的、未逐项列出的事项的每月工时(`workload_hours_per_month`)。

工作量超过承载能力 × `PE206.max_share` 的清单予以报告,上收事项清单除外。自有单位都没有写明人员编制的层级,视为未声明承载能力,不作判断。每份清单单独判断(几份清单合计超出承载能力的,本版本不报告)。诊断位于清单的标识处,列出工作量、承载能力和二者之比。

只适用于层级某一类型或某一实例的清单(`variant`、`instance`),按其中的一个成员判断:属于该类型的单位,其人数按该类型的实例数分摊(单位写有 `counts[类型]` 时按其中的数量);全层级共有的单位,其人数按层级的实例数分摊;属于其他类型的单位不计。未写实例数的类型按整个层级判断。

## 为何重要
H区一格一员(1309个网格、1309名专职网格员),网格除常规性事务和临时性任务外,还要承担近1000项条线事项。清单所需的工时超过网格员所能提供的工时,工作就不可能全部完成,只能在纸面上完成——凑件、为留痕而走的巡查路线、表面结案——这正是论文所说的内卷化和悬浮化。

## 示例
```yaml
tiers:
  - {id: grid, name: {zh: "网格"}, parent: community, count: 1309}
units:
  - {id: grid_team, name: {zh: "网格团队"}, tier: grid, kind: grid_team, count: 1309,
     headcount: {full_time_grid_worker: 1}}
lists:
  - id: grid_line_list                       # PE206:每月需 208 工时,承载能力 166 工时(125%)
    tier: grid
    kind: duties
    items: [fire_hazard_reporting]           # 该事项每月 6 工时
    workload_hours_per_month: 202
```
改为:
```yaml
lists:
  - id: grid_line_list
    tier: grid
    kind: duties
    items: [fire_hazard_reporting]
    workload_hours_per_month: 60             # 网格承担不了的事项留在职能部门
```
也可以为网格增配人员(人随事转)。完整示例见 `examples/admission/list_over_capacity/`。

## 阈值
- `PE206.hours_per_person_month`(默认 166):未写明每人每月工时的单位,每人每月可提供的工作时间(小时)。
- `PE206.max_share`(默认 1.0):清单工作量占承载能力的比例上限。

## 案例出处
[案例](../case.zh.md) §3(全区1309个网格,一格一员)、§4(条线下沉事务近1000项)和 §7(凑件、内卷化、悬浮化)。
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
    finds_zh="清单的工作量(所列事项的工时加写明的工时)超出其层级每个实例人员所能提供的工时",
    per_zh="清单",
    at_zh="清单的 `id`",
    reads_zh="单位的 `tier`、`sent_by`、`count`、`headcount`、`hours_per_person_month`,层级的 `count`,事项的 `cost.hours_per_month`,清单的 `workload_hours_per_month`;清单和单位的 `variant`、`instance`,单位的 `counts`,类型的 `count`",
    messages={
        "over": (
            "list '{list}' of '{tier}' needs {workload} hours/month against a capacity of {capacity} hours/month per {tier} ({share} of it)",
            "{tier}的清单“{list}”每月需 {workload} 工时,为每个{tier}每月承载能力({capacity} 工时)的 {share}",
        ),
    },
    thresholds={"hours_per_person_month": 166, "max_share": 1.0},
    find=find,
    explain=explain,
)
