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
事项的承接层级缺少办理所需的某项权力(`requires.handle`),其事件却无处可办。有两种情形:

- 逐级上报无人能办:沿上报链(`workflow.escalation`)从承接层级逐级向上,更高层级的任何单位(含派驻单位)、更高层级可按转派规则(`workflow.dispatch`)转办的任何单位,以及授予更高层级本身的权力,都不同时具备全部办理所需的权力;承接层级不在上报链上,或政策未规定事件流转(`workflow`)的,同样报告。诊断列出全部办理所需的权力。
- 退件后无权处置:某条按责任退件的规则(`workflow.returns` 中 `basis: responsibility`)把事件从上级退回承接层级(`to:` 为该层级,或 `to: assigned_tier`),而承接层级并不具备这些权力。诊断只列出承接层级缺少的权力。

承接层级具备的权力按 PE101 的口径计算(自有单位、随事项下放的权力 `funding.powers`、计入的协同处置单位 `co_handlers`;只计 `--on` 日期有效的授权)。每个事项一条诊断,位于事项的承接层级(`tier`)值处。

授权的适用范围写明事项(`scope`)的,或权力写明所属条线(`line`)的,无论在承接层级还是向上查找,都只对其覆盖的事项计入。事项在其他层级的职责(`roles`)不在此判断:上报从事项的承接层级开始。

## 为何重要
书面流程规定,上级二次审核后,“对确属本级处置的,转派至相关职能部门处置”,“审定下级有处置权限的事件,则退回”。实际却是按属地责任退件:已有老人摔倒的破损道路上报到区里,区里把事件退回网格,“让我们自己想办法修”,随后又判为不合格件。在有责无权的层级和有权无责的层级之间来回推诿的事件,始终得不到解决,只在纸面上办结;网格员也就学会了不再上报这类事件。

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
    - {from: district, to: assigned_tier, basis: responsibility}   # “让我们自己想办法修”
```
改为:
```yaml
workflow:
  escalation: [grid, community, street, district]
  dispatch:
    - {from: district, to: [highway_bureau]}
  returns:
    - {from: district, to: assigned_tier, basis: authority}   # 只退回具备处置权限的层级
```

## 阈值
无。协同处置单位是否计入承接层级,沿用 PE101 的阈值 `PE101.max_co_handler_coverage`。

## 案例出处
[案例](../case.zh.md) §5(逐级上报、二次审核,转派或退回)、§6(破损道路一事:区里把事件退回网格,“让我们自己想办法修”,随后判为不合格件)。
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
    finds_zh="沿上报链向上没有层级能够处置该事项,或事件被退回不具备所需权力的层级",
    per_zh="事项",
    at_zh="事项的 `tier` 值",
    reads_zh="事项的 `requires.handle`,承接层级具备的权力(口径同 PE101),上报链上各层级及其单位(含派驻单位)的权力,`workflow.escalation`、`workflow.dispatch`、`workflow.returns`;授权的事项 `scope` 和权力的 `line`",
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
