"""PE311 deadline-shorter-than-escalation (时限短于逐级上报答复所需时间): an item its tier cannot settle
must be handled sooner than the tiers up to one that can take to answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Quoted
from ...timeunits import length_text, limit_text, shorter, total
from ..base import Check, Step
from ..judgement import cannot_judge
from ..steps import related

if TYPE_CHECKING:
    from ...model import Item
    from ...span import Span
    from ...timelimits import Handling
    from ..context import Context


def _path(ctx: Context, item: Item, needed: frozenset[str]) -> list[str]:
    """The tiers above the item's, up the escalation chain to the first that settles it; [] if none."""
    chain = ctx.policy.workflow.escalation if ctx.policy.workflow else ()
    if item.tier not in chain:
        return []
    path = []
    for tier in chain[chain.index(item.tier) + 1 :]:
        path.append(tier)
        if ctx.structure.settles(tier, needed, item):
            return path
    return []  # a dead end: PE104's


def _at(item: Item, handling: Handling) -> Span:
    """The item's own handling limit where written; the item's `tier` when its class sets the limit."""
    return handling.limit.span if handling.written_in.raw is item.raw else item.at("tier")


def find(ctx: Context) -> Iterator[Violation]:
    timing = ctx.policy.timing
    if timing is None or not timing.answer:
        return
    max_coverage = ctx.threshold("PE101", "max_co_handler_coverage")
    for item in ctx.policy.items.values():
        handling = timing.handling(item)
        needed = frozenset(item.required("handle"))
        if handling is None or not needed or not needed - ctx.structure.held_for(item, max_coverage)[0]:
            continue
        path = _path(ctx, item, needed)
        if not path:
            continue
        subject, at = Subject("item", item.id), _at(item, handling)
        answers = [(tier, timing.answer_of(tier)) for tier in path]
        known = [a.limit.length for _, a in answers if a is not None and a.limit.length is not None]
        gaps = [
            ("workflow.answer", a.limit.gap if a else None) for _, a in answers if a is None or a.limit.length is None
        ]
        deadline = handling.limit.length
        need = total(known) if known else None
        if deadline is not None and need is not None and shorter(deadline, need):
            limit = handling.limit
            yield Violation(
                "PE311",
                "short",
                at,
                subject,
                {
                    "item": item.id,
                    "tier": item.tier,
                    "target": path[-1],
                    "limit": limit_text(limit.longest, limit.shortest, limit.unit),
                    "need": length_text(need),
                    "tiers": Quoted(tuple(path)),
                },
            )
        elif deadline is None:
            yield cannot_judge("PE311", subject, at, [("deadlines.handling", handling.limit.gap)])
        elif gaps:
            yield cannot_judge("PE311", subject, at, gaps)


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names."""
    return related(ctx.policy, v)


DOC = """\
# PE311 deadline-shorter-than-escalation — 时限短于逐级上报答复所需时间

## What it finds
An item whose assigned tier lacks a power its handling requires (`requires.handle`, counted as PE104
counts it), held to a handling limit (its own `deadlines.handling` or `handling_days`, or its
`workflow.classes` entry's) shorter than the time the escalation takes: the sum of the
`workflow.answer` times of every tier above it on `workflow.escalation` up to and including the first
that can settle it. A range counts by its longest. Lengths in one unit are compared as written; mixed
units are compared in calendar hours (a day 24 h; a working day 33.6 h, five working days a week
spread over seven days). One finding per item, at its own handling limit (at its `tier` when its
class sets the limit). Nothing is reported without `workflow.answer`, nor when no tier settles the
item (PE104). A limit of unstated length gives PE010 (cannot judge); so does a tier on the way
without a stated answer time, unless the stated times alone already exceed the limit.

## Why it matters
An event the grid has no authority for is reported up level by level, and each level reviews it a
second time before it reaches the one that can act. When the grid is held to a handling limit shorter
than that journey, the event is overdue before anyone able to handle it has seen it: the grid is
scored down for a delay it cannot avoid, and learns to close such events on paper or not to report
them.

## Example
```yaml
workflow:
  escalation: [grid, street, district]
  answer:
    - {tier: street, within: 2, unit: working_days}
    - {tier: district, within: 5, unit: working_days}
items:
  - id: road_repair
    name: {zh: 道路破损维修}
    kind: line
    tier: grid
    role: resolve_or_report
    requires: {handle: [administrative]}     # held at the district only
    deadlines:
      handling: {within: 3, unit: working_days}
```
Use instead: a limit that runs from when the tier able to settle it receives the event, or one at
least as long as the escalation (`within: 7, unit: working_days`).

## Thresholds
None of its own; what the assigned tier holds is counted with `PE101.max_co_handler_coverage`, as PE104 counts it.

## Case reference
§5 of `docs/case.md` (events without authority are reported up level by level and reviewed a second
time at each level) and §6 (overdue handling raises alerts on the platform).
"""

DOC_ZH = """\
# PE311 时限短于逐级上报答复所需时间 — deadline-shorter-than-escalation

## 检查内容
事项的承接层级缺少办理所需的某项权力(`requires.handle`,按 PE104 的口径计算),而其办理时限(事项自身的 `deadlines.handling` 或 `handling_days`,或其所属事件类别 `workflow.classes` 的时限)短于逐级上报所需的时间,即沿上报链(`workflow.escalation`)自上一层级起、至第一个能够处置该事项的层级(含)止,各层级答复时限(`workflow.answer`)之和。时限为区间的,按上限计。单位相同的直接比较;单位不同的换算为日历小时比较(1日按24小时计;1个工作日按33.6小时计,即每周5个工作日分布在7天之内)。每个事项一条诊断,位于其自身的办理时限处(时限由事件类别规定的,位于事项的 `tier` 值处)。未规定答复时限的,或没有层级能够处置该事项的(见 PE104),不报告。办理时限未载明长短的,报告 PE010(无法判断);途经层级未载明答复时限的,除非已载明的时限之和已经超过办理时限,也报告 PE010。

## 为何重要
网格无权处置的事件要逐级上报,每一级都要再次审核,才能到达有权处置的层级。网格的办理时限如果短于这一过程所需的时间,事件还没到有权处置的单位手中就已超期:网格因无法避免的延误被扣分,久而久之,只好在纸面上办结此类事件,或者干脆不报。

## 示例
```yaml
workflow:
  escalation: [grid, street, district]
  answer:
    - {tier: street, within: 2, unit: working_days}
    - {tier: district, within: 5, unit: working_days}
items:
  - id: road_repair
    name: {zh: 道路破损维修}
    kind: line
    tier: grid
    role: resolve_or_report
    requires: {handle: [administrative]}     # 只有区级具备
    deadlines:
      handling: {within: 3, unit: working_days}
```
改为:办理时限从有权处置的层级收到事件时起算;或者不短于逐级上报所需的时间(`within: 7, unit: working_days`)。

## 阈值
本检查没有自己的阈值;承接层级具备哪些权力,按 `PE101.max_co_handler_coverage` 计算,与 PE104 的口径相同。

## 案例出处
[案例](../case.zh.md) §5(网格无权处置的事件逐级上报,每一级上级都要再次审核)、§6(超期处置的事件在平台上触发预警)。
"""

CHECK = Check(
    code="PE311",
    name="deadline-shorter-than-escalation",
    zh="时限短于逐级上报答复所需时间",
    severity=Severity.WARNING,
    summary="handling deadline shorter than the escalation's answer times",
    finds="an item its tier cannot settle, held to a handling limit shorter than the answer times up to a tier that can",
    per="item",
    at="the item's handling limit",
    reads="items' `deadlines.handling`/`handling_days`, `requires.handle`; `workflow.escalation`, `answer`, `classes`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="承接层级无权处置的事项,办理时限短于逐级上报至有权处置层级的答复时限之和",
    per_zh="事项",
    at_zh="事项的办理时限",
    reads_zh="事项的 `deadlines.handling`/`handling_days`、`requires.handle`;`workflow.escalation`、`answer`、`classes`",
    messages={
        "short": (
            "item '{item}' must be handled within {limit}, but '{tier}' cannot settle it and the answers of {tiers} up the escalation take {need}",
            "事项“{item}”须在{limit}内办结,但{tier}无权处置,须经{tiers}逐级上报,各级答复时限合计{need}",
        ),
    },
    uses=("PE101.max_co_handler_coverage",),
    find=find,
    explain=explain,
)
