"""PE304 escalation-penalised (上报受罚): escalated events cost points when returned (invites selective
reporting)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Term
from ...vocabulary import EVENTS
from ..base import Check, Step
from ..steps import related, step

if TYPE_CHECKING:
    from ..context import Context


def find(ctx: Context) -> Iterator[Violation]:
    if not ctx.policy.workflow or not ctx.policy.workflow.returns:
        return
    events = set(ctx.threshold("PE304", "events"))
    for regime in ctx.policy.regimes.values():
        for index, rule in enumerate(regime.scoring):
            if rule.effect == "deduct" and rule.when in events:
                yield Violation(
                    "PE304",
                    "penalised",
                    regime.at("scoring", index),
                    Subject("assessment", regime.id),
                    {"regime": regime.id, "event": Term("term.event", rule.when)},
                )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The deduction and the workflow's return rules."""
    workflow = ctx.policy.workflow
    event = v.params["event"]
    steps = [
        *related(ctx.policy, v),
        step(
            "scoring",
            1,
            v.span,
            regime=v.subject.id,
            when=event.value if isinstance(event, Term) else event,
            effect="deduct",
        ),
    ]
    for rule in workflow.returns if workflow else ():
        steps.append(
            step("return", 1, rule.span, by=rule.from_tier, to=rule.to, target=None, basis=rule.basis, lacks=[])
        )
    return steps


DOC = """\
# PE304 escalation-penalised — 上报受罚

## What it finds
A workflow that allows returns (`workflow.returns` declares at least one rule) together with an
assessment regime whose `scoring` deducts points (`effect: deduct`) `when` an event listed in
`PE304.events` occurs (by default `returned`). The finding is at that scoring entry.

## Why it matters
The district scores streets higher for more district-level transfers, yet an escalated event that is
returned is counted as unhandled and costs the street and the community points. Escalating becomes a
gamble the reporter pays for, so grid workers report first what the street's and community's own
resources can fix and avoid anything that must go to the district: "unless we absolutely have to, we
don't report it". Over 90% of closed events in H District are urban-management and public-order events,
and one community had only 12 district-level transfers in nearly two years. The problems the grid
cannot solve drop out of the data, which is how it comes to float above reality.

## Example
```yaml
workflow:
  escalation: [grid, community, street, district]
  returns:
    - {from: district, to: street, basis: responsibility}
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: street
    scoring:
      - {when: district_transfer, effect: score, direction: higher_better}
      - {when: returned, effect: deduct}
```
Use instead:
```yaml
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: street
    scoring:
      - {when: district_transfer, effect: score, direction: higher_better}
      - {when: late_verification, effect: deduct}   # score what the reporter controls, not the review outcome
```

## Thresholds
- `PE304.events` (default `[returned]`): the scoring `when` values that stand for an escalated event
  coming back; a deduction on any of them is flagged when the workflow allows returns.

## Case reference
§6 of `docs/case.md` (district transfers score higher; the road case, returned and scored unqualified) and
§7 (选择性报件: >90% urban-management and public-order closures; 12 district-level transfers in nearly two
years).
"""

DOC_ZH = """\
# PE304 上报受罚 — escalation-penalised

## 检查内容
事件流转允许退件(`workflow.returns` 中至少有一条退回规则),同时某一考核办法的计分规则(`scoring`)在 `PE304.events` 所列情形(默认为 `returned`,即事件被退回)发生时扣分(`effect: deduct`)。诊断位于该条计分规则处。

## 为何重要
区里考核镇街,“区级转办事项越多,得分越高”;可上报到区里的事件一旦被退回,就作为未处置的事件,扣街道和社区的分。上报成了由报件人承担后果的赌博,网格员于是优先上报靠街道、社区自身资源就能处置的事件,能不报到区里的就尽量不报。H区已办结的事件中,“城市管理类、社会治安类等事件占比超过90%”;某社区“推行网格化管理近两年的时间里,区级转办的事件仅有12例”。网格解决不了的问题从数据中消失了,数据也就脱离了基层实际(悬浮化)。

## 示例
```yaml
workflow:
  escalation: [grid, community, street, district]
  returns:
    - {from: district, to: street, basis: responsibility}
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: street
    scoring:
      - {when: district_transfer, effect: score, direction: higher_better}
      - {when: returned, effect: deduct}
```
改为:
```yaml
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: street
    scoring:
      - {when: district_transfer, effect: score, direction: higher_better}
      - {when: late_verification, effect: deduct}   # 考核报件人自己能把握的事,而不是上级审核的结果
```

## 阈值
- `PE304.events`(默认 `[returned]`):代表上报事件被退回的计分情形;事件流转允许退件时,对其中任何一种情形扣分的,予以报告。

## 案例出处
[案例](../case.zh.md) §6(区级转办得分更高;破损道路一事:事件被退回,又被判为不合格)和 §7(选择性报件:城市管理类和社会治安类事件占已办结事件的90%以上;某社区近两年间区级转办事件只有12件)。
"""

CHECK = Check(
    code="PE304",
    name="escalation-penalised",
    zh="上报受罚",
    severity=Severity.WARNING,
    summary="returned escalations cost points (选择性报件)",
    finds="returned escalations cost points while the workflow returns events (invites 选择性报件)",
    per="scoring rule",
    at="the scoring entry",
    reads="`scoring` (`effect: deduct`, `when`), whether `workflow.returns` is non-empty",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="事件流转会退件,而上报后被退回的事件要扣分(易诱发选择性报件)",
    per_zh="计分规则",
    at_zh="该条计分规则",
    reads_zh="计分规则(`scoring`)中的 `effect: deduct` 和 `when`,以及 `workflow.returns` 是否为空",
    messages={
        "penalised": (
            "regime '{regime}' deducts points when an event is {event}, and the workflow returns escalated events — invites selective reporting",
            "考核“{regime}”对{event}的事件扣分,而上报的事件在流转中可能被退回——易诱发选择性报件",
        ),
    },
    thresholds={"events": ("returned",)},
    words={"events": EVENTS},
    find=find,
    explain=explain,
)
