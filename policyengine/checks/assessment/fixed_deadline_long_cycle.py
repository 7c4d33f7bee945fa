"""PE310 fixed-deadline-long-cycle (对长周期工作规定固定时限): long-cycle work (dispute mediation)
under a fixed handling limit that cannot be extended."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...timeunits import limit_text
from ..base import Check, Step
from ..judgement import cannot_judge
from ..steps import related

if TYPE_CHECKING:
    from ..context import Context


def find(ctx: Context) -> Iterator[Violation]:
    timing = ctx.policy.timing
    if timing is None:
        return
    for item in ctx.policy.items.values():
        own = timing.items.get(item.id)
        if own is None or own.nature != "long_cycle":
            continue
        handling = timing.handling(item)
        if handling is None or handling.extension is not None:
            continue
        subject, at = Subject("item", item.id), own.at("nature")
        if handling.extension_gap is not None:
            yield cannot_judge("PE310", subject, at, [("deadlines.extension", handling.extension_gap)])
            continue
        limit = handling.limit
        yield Violation(
            "PE310",
            "fixed",
            at,
            subject,
            {"item": item.id, "limit": limit_text(limit.longest, limit.shortest, limit.unit)},
        )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names."""
    return related(ctx.policy, v)


DOC = """\
# PE310 fixed-deadline-long-cycle — 对长周期工作规定固定时限

## What it finds
An item declared `nature: long_cycle` (work that coordinates several parties over a long, uncertain
time, such as dispute mediation) held to a fixed handling limit — its own `deadlines.handling` (or
`handling_days`), or that of a `workflow.classes` entry covering it — with no `extension`, neither
the item's nor its class's. A limit whose length is `unstated` or `unknown` is still a fixed limit:
the document says there is one. One finding per item, at its `nature` value. An `extension` written
`unstated` or `unknown` gives PE010 (cannot judge) instead.

## Why it matters
Mediating a community dispute means coordinating the interests of several parties; it takes long and
its course is uncertain. The platform nevertheless holds every event to rigid handling times and
closing evaluations, so the grid worker handling a complex community matter loses the room to decide
how and when to act: the dispute is closed on time on paper, or the worker is scored down for it.

## Example
```yaml
items:
  - id: dispute_mediation
    name: {zh: 社区纠纷调解}
    kind: routine
    tier: grid
    role: handle
    nature: long_cycle
    deadlines:
      handling: {within: 3, unit: days}
```
Use instead:
```yaml
    deadlines:
      handling: {within: 7, unit: days}
      extension: {up_to: 15, unit: days, consent: {relation: applicant_tier_government}}
```

## Thresholds
None.

## Case reference
§6 of `docs/case.md` (the platform's rigid handling times and closing evaluations; dispute mediation
needs the coordination of several parties' interests over a long and uncertain period).
"""

DOC_ZH = """\
# PE310 对长周期工作规定固定时限 — fixed-deadline-long-cycle

## 检查内容
事项声明为长周期工作(`nature: long_cycle`,即需要协调多方利益、周期长且结果不确定的工作,如纠纷调解),却适用固定的办理时限(事项自身的 `deadlines.handling` 或 `handling_days`,或覆盖该事项的事件类别 `workflow.classes` 规定的时限),且事项及其类别都未规定可以延期(`extension`)。时限长度写为 `unstated` 或 `unknown` 的,仍属固定时限:文件规定了时限,只是未载明长短。每个事项一条诊断,位于其 `nature` 值处。延期写为 `unstated` 或 `unknown` 的,改报 PE010(无法判断)。

## 为何重要
社区纠纷调解需要协调多方利益关系,治理周期长,不确定性强。平台却对进入系统的事件的处置时间和办结评价有刚性要求,专职网格员处置社区复杂事务时失去了自主空间:纠纷要么在纸面上按时办结,要么网格员因超期被扣分。

## 示例
```yaml
items:
  - id: dispute_mediation
    name: {zh: 社区纠纷调解}
    kind: routine
    tier: grid
    role: handle
    nature: long_cycle
    deadlines:
      handling: {within: 3, unit: days}
```
改为:
```yaml
    deadlines:
      handling: {within: 7, unit: days}
      extension: {up_to: 15, unit: days, consent: {relation: applicant_tier_government}}
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6(平台对事件的处置时间和办结评价有刚性要求;纠纷调解需要协调多方利益关系,周期长、不确定性强)。
"""

CHECK = Check(
    code="PE310",
    name="fixed-deadline-long-cycle",
    zh="对长周期工作规定固定时限",
    severity=Severity.WARNING,
    summary="long-cycle work held to a fixed deadline without extension",
    finds="an item of long-cycle work (dispute mediation) held to a fixed handling limit with no extension",
    per="item",
    at="the item's `nature` value",
    reads="items' `nature`, `deadlines.handling`/`handling_days` and `extension`; `workflow.classes`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="长周期工作(如纠纷调解)适用固定的办理时限,且未规定可以延期",
    per_zh="事项",
    at_zh="事项的 `nature` 值",
    reads_zh="事项的 `nature`、`deadlines.handling`/`handling_days` 和 `extension`;`workflow.classes`",
    messages={
        "fixed": (
            "item '{item}' is long-cycle work but must be handled within {limit}, with no extension",
            "事项“{item}”属周期长、不确定性强的工作,却须在{limit}内办结,且未规定可以延期",
        ),
    },
    find=find,
    explain=explain,
)
