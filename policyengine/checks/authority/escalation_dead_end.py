"""PE104 escalation-dead-end (退件后无权处置): no tier up the escalation chain can settle the item, or its events
are returned to a tier that lacks the powers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ..base import Check, Step
from ..steps import assigned
from .chains import escalation, powers, requires, returns

if TYPE_CHECKING:
    from ..context import Context


def find(ctx: Context) -> Iterator[Violation]:
    workflow = ctx.policy.workflow
    max_coverage = ctx.threshold("PE101", "max_co_handler_coverage")
    for item in ctx.policy.items.values():
        needed = frozenset(item.required("handle"))
        if not needed:
            continue
        held, _ = ctx.structure.held_for(item, max_coverage)
        missing = needed - held
        if not missing:
            continue
        subject, span = Subject("item", item.id), item.at("tier")
        chain = workflow.escalation if workflow else ()
        above = chain[chain.index(item.tier) + 1 :] if item.tier in chain else ()
        if not any(ctx.structure.settles(tier, needed, item) for tier in above):
            yield Violation(
                "PE104", "dead_end", span, subject, {"item": item.id, "tier": item.tier, "powers": powers(needed)}
            )
            continue
        for rule in workflow.returns if workflow else ():
            target = item.tier if rule.to == "assigned_tier" else rule.to
            if target == item.tier and rule.basis == "responsibility" and ctx.graph.is_below(item.tier, rule.from_tier):
                yield Violation(
                    "PE104",
                    "returned",
                    span,
                    subject,
                    {"item": item.id, "tier": item.tier, "by": rule.from_tier, "missing": powers(missing)},
                )
                break


def explain(ctx: Context, v: Violation) -> list[Step]:
    """What handling the item requires and where it is held, the escalation path to the first tier
    that can settle it, and, for a return, the path back down."""
    item = ctx.policy.items[v.subject.id]
    held, _ = ctx.structure.held_for(item, ctx.threshold("PE101", "max_co_handler_coverage"))
    needed = frozenset(item.required("handle"))
    steps = [assigned(item, item.at("tier")), *requires(ctx, item, "handle", held), *escalation(ctx, item, needed)]
    if v.key == "returned":
        steps += returns(ctx, item, needed - held)
    return steps


DOC = """\
# PE104 escalation-dead-end — 退件后无权处置

## What it finds
An item whose assigned tier lacks some power in `requires.handle`, and whose events then have nowhere to
go. Walking `workflow.escalation` upward from the assigned tier, no unit at a higher tier (seconded or
not), no unit that tier may dispatch to under `workflow.dispatch`, and no grant to the higher tier
itself holds all of the handling powers: a dead end — also reported when the assigned tier is not on
the escalation chain, or there is no workflow; the message names every handling power. Or: a
`workflow.returns` rule with `basis: responsibility` sends events from a tier above down to the
assigned tier (`to:` that tier, or `to: assigned_tier`) although it lacks the powers: events are
returned to a tier that cannot handle them; the message names only the powers the assigned tier
lacks. What the assigned tier holds is counted as for PE101 (its own units, `funding.powers`, attached
co-handlers; grants in force on the `--on` date). One finding per item, at its `tier` value.

A grant with a `scope` of items, or a power entry with a `line`, counts only for the items it covers,
at the assigned tier and in the search upward alike. The item's further `roles` are not judged here:
the escalation starts at its `tier`.

## Why it matters
The written workflow returns an event only when review finds that the lower level has the authority to
handle it (审定下级有处置权限的事件,则退回). In practice events were returned on responsibility: the broken road
where old people had fallen went up to the district and came back to the grid to "fix it yourselves",
then counted as unqualified. An event that bounces between a tier with the duty and a tier with the
power is never resolved; it is closed on paper, and workers learn not to report such events at all.

## Example
```yaml
grants:
  - unit: highway_bureau
    powers: [administrative, enforcement]
items:
  - id: road_repair
    name: {zh: 道路破损维修, en: road repair}
    kind: line
    owner: highway_bureau
    tier: grid
    role: resolve_or_report
    requires: {handle: [administrative]}
workflow:
  escalation: [grid, community, street, district]
  dispatch:
    - {from: district, to: [highway_bureau]}
  returns:
    - {from: district, to: assigned_tier, basis: responsibility}   # "fix it yourselves"
```
Use instead:
```yaml
workflow:
  escalation: [grid, community, street, district]
  dispatch:
    - {from: district, to: [highway_bureau]}
  returns:
    - {from: district, to: assigned_tier, basis: authority}   # return only to a tier that holds the powers
```

## Thresholds
None.

## Case reference
§5 of `docs/case.md` (escalation level by level, review, dispatch or return: 退回) and §6 (the road case:
the district returned the event to the grid, 让我们自己想办法修, then scored it unqualified).
"""

DOC_ZH = """\
# PE104 退件后无权处置 — escalation-dead-end

## 检查内容
事项的承接层级缺少 `requires.handle` 中的某项权力,其事件却无处可去。沿 `workflow.escalation` 从承接层级逐级向上,任何更高层级的单位(无论是否为派驻单位,包括该层级按 `workflow.dispatch` 可转派的单位)以及授予更高层级本身的权力,都不具备全部办理所需的权力:上报无门;承接层级不在上报链上或没有流程时同样报告,诊断列出全部办理所需的权力。或者:某条 `basis: responsibility` 的 `workflow.returns` 规则把事件从上级退回承接层级(`to:` 该层级或 `to: assigned_tier`),而后者并不具备相应权力:事件被退回到一个无力处置的层级,诊断只列出承接层级所缺的权力。承接层级具备的权力按 PE101 的口径计算(自有单位、`funding.powers`、驻格的协办方;只计 `--on` 日期有效的授权)。每个事项一条诊断,位于其 `tier` 值处。

写有事项 `scope` 的授权、写有 `line` 的权力,无论在指派层级还是向上查找时,都只对其覆盖的事项计入。事项 `roles` 中的其他层级职责不在此判断:上报从事项的 `tier` 开始。

## 为何重要
书面流程规定,上级二次审核后,"审定下级有处置权限的事件,则退回"。实际运行中却是按属地责任退件:老人摔跤的那段坏路报到区里,又被退回网格"自己想办法修",最后算作不合格件。在有责无权的层级与有权无责的层级之间来回踢皮球的事件永远得不到解决,只会在纸面上办结,网格员也就学会了不再上报这类事件。

## 示例
```yaml
grants:
  - unit: highway_bureau
    powers: [administrative, enforcement]
items:
  - id: road_repair
    name: {zh: 道路破损维修, en: road repair}
    kind: line
    owner: highway_bureau
    tier: grid
    role: resolve_or_report
    requires: {handle: [administrative]}
workflow:
  escalation: [grid, community, street, district]
  dispatch:
    - {from: district, to: [highway_bureau]}
  returns:
    - {from: district, to: assigned_tier, basis: responsibility}   # "fix it yourselves"
```
改为:
```yaml
workflow:
  escalation: [grid, community, street, district]
  dispatch:
    - {from: district, to: [highway_bureau]}
  returns:
    - {from: district, to: assigned_tier, basis: authority}   # return only to a tier that holds the powers
```

## 阈值
TODO None.

## 案例出处
TODO §5 of `docs/case.md` (escalation level by level, review, dispatch or return: 退回) and §6 (the road case:
the district returned the event to the grid, 让我们自己想办法修, then scored it unqualified).
"""

CHECK = Check(
    code="PE104",
    name="escalation-dead-end",
    zh="退件后无权处置",
    severity=Severity.WARNING,
    summary="no unit up the chain holds the power, or events are returned to a tier lacking it",
    finds="no tier up the escalation chain can settle the item, or events are returned to a tier lacking the powers",
    per="item",
    at="the item's `tier` value",
    reads="`requires.handle`, powers held (as for PE101), powers of the tiers and units up the chain (seconded ones included), `workflow.escalation`, `workflow.dispatch`, `workflow.returns`; grants' item `scope` and powers' `line`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="no tier up the escalation chain can settle the item, or events are returned to a tier lacking the powers",
    per_zh="item",
    at_zh="the item's `tier` value",
    reads_zh="`requires.handle`, powers held (as for PE101), powers of the tiers and units up the chain (seconded ones included), `workflow.escalation`, `workflow.dispatch`, `workflow.returns`; grants' item `scope` and powers' `line`",
    messages={
        "dead_end": (
            "item '{item}': no unit on the escalation path from '{tier}' holds {powers}",
            "事项“{item}”:从{tier}逐级上报,沿途没有单位具备{powers}",
        ),
        "returned": (
            "item '{item}': events are returned from '{by}' to '{tier}', which lacks {missing}",
            "事项“{item}”:事件由{by}退回{tier},而{tier}不具备{missing}",
        ),
    },
    uses=("PE101.max_co_handler_coverage",),
    find=find,
    explain=explain,
)
