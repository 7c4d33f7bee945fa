"""PE317 unused-channel (协调渠道无人使用): a declared coordination channel that nothing in the policy
uses (街呼区应, which exists on paper)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ..base import Check, Step
from ..steps import related

if TYPE_CHECKING:
    from ...channels import Channel
    from ..context import Context


def _at(ctx: Context, party: str, tier: str) -> bool:
    """Whether a tier or unit id stands at `tier`."""
    return party == tier or ctx.graph.tier_of(party) == tier


def _evaluated(ctx: Context, channel: Channel) -> bool:
    """A reverse evaluation is used when some assessment lets the calling tier assess the answering one."""
    return any(
        _at(ctx, r.assessor, channel.from_tier) and _at(ctx, r.assessed, channel.to_tier)
        for r in ctx.policy.regimes.values()
    )


def _routed(ctx: Context, channel: Channel) -> bool:
    """Another channel is used when an escalation or dispatch step goes from its `from` to its `to`."""
    workflow = ctx.policy.workflow
    if workflow is None:
        return False
    steps = set(zip(workflow.escalation, workflow.escalation[1:], strict=False))
    if (channel.from_tier, channel.to_tier) in steps:
        return True
    return any(
        d.from_tier == channel.from_tier and any(_at(ctx, unit, channel.to_tier) for unit in d.to)
        for d in workflow.dispatch
    )


def find(ctx: Context) -> Iterator[Violation]:
    for channel in ctx.policy.channels.values():
        subject = Subject("channel", channel.id)
        params = {"channel": channel.id, "origin": channel.from_tier, "target": channel.to_tier}
        if channel.kind == "reverse_evaluation":
            if not _evaluated(ctx, channel):
                yield Violation("PE317", "evaluation", channel.span, subject, params)
        elif not _routed(ctx, channel):
            yield Violation("PE317", "route", channel.span, subject, params)


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The tiers the channel joins."""
    return related(ctx.policy, v)


DOC = """\
# PE317 unused-channel — 协调渠道无人使用

## What it finds
A coordination channel declared in `channels` that nothing in the policy uses. A `reverse_evaluation`
(逆向评价) channel is used when an assessment regime's `assessor` stands at the channel's `from` tier
(the tier itself or a unit at it) and its `assessed` at the `to` tier: a channel for the lower tier to
evaluate the upper one is used only when that evaluation counts somewhere. Events sent up the
escalation do not use it — they are the line the channel was meant to correct. A channel of another
kind (`joint_meeting`, `whistle`, `hotline`) is used when the workflow's `escalation` has a step from
`from` straight to `to`, or a `dispatch` from `from` sends to a unit at `to`. The finding is at the
channel's `id`.

## Why it matters
To help the grid move the district's departments, H District's centre designed "the street calls, the
district answers" (街呼区应): streets, communities and grids may evaluate how well the district's
functional departments cooperate. In practice it is hardly used: the district centre and the streets
rank equal with those departments, and grid workers are seldom encouraged to give them a bad
evaluation. Workers fall back on reporting to the street, whose leaders reach the departments through
informal ties, and only for emergencies or what residents complain loudly about; most events beyond
the grid's reach stay stuck in the community. A channel that counts nowhere is a channel on paper.

## Example
```yaml
channels:
  - {id: street_calls_district_answers, kind: reverse_evaluation, from: street, to: district}
assessments:
  - {id: district_monthly, assessor: district_centre, assessed: street}
```
Use instead:
```yaml
channels:
  - {id: street_calls_district_answers, kind: reverse_evaluation, from: street, to: district}
assessments:
  - {id: district_monthly, assessor: district_centre, assessed: street}
  - id: street_evaluates_departments     # the street's evaluation counts in the departments' assessment
    assessor: street_centre
    assessed: highway_bureau
```

## Thresholds
None.

## Case reference
§6 of `docs/case.md` ("the street calls, the district answers", 街呼区应, exists but is hardly used).
"""

DOC_ZH = """\
# PE317 协调渠道无人使用 — unused-channel

## 检查内容
政策中声明的协调渠道(`channels`)无处使用。逆向评价渠道(`reverse_evaluation`),只有当某项考核的考核主体(`assessor`)位于渠道的起点层级(`from`,该层级本身或其所属单位)、被考核对象(`assessed`)位于终点层级(`to`)时,才算被使用:供下级评价上级的渠道,只有评价结果在某项考核中计分才算用上。沿上报链上报的事件不算使用该渠道,这条渠道正是为弥补逐级上报的不足而设。其他类型的渠道(联席会议 `joint_meeting`、吹哨 `whistle`、热线 `hotline`),当上报链(`workflow.escalation`)中有从起点直接到终点的一步,或者从起点发出的派单(`dispatch`)派往终点层级的单位时,视为被使用。诊断位于渠道的 `id` 处。

## 为何重要
为解决网格动员区职能部门乏力的问题,H区社会治理中心专门设计了“街呼区应”机制,“即街道、社区和网格可以对区属职能部门的配合程度进行逆向评价”。但在实际运行中难以实现:区社会治理中心和镇街与区职能部门同级,很少鼓励网格员使用街呼区应机制给区职能部门负面评价。网格员只能向镇街汇报,再由镇街领导依靠非正式关系对接区职能部门,而且只在遇到紧急问题或群众反映强烈的问题时才这样做;大多数超出网格协调能力的事件仍被搁置在社区。评价结果不计入任何考核的渠道,只是纸面上的渠道。

## 示例
```yaml
channels:
  - {id: street_calls_district_answers, kind: reverse_evaluation, from: street, to: district}
assessments:
  - {id: district_monthly, assessor: district_centre, assessed: street}
```
改为:
```yaml
channels:
  - {id: street_calls_district_answers, kind: reverse_evaluation, from: street, to: district}
assessments:
  - {id: district_monthly, assessor: district_centre, assessed: street}
  - id: street_evaluates_departments     # 街道的评价计入对职能部门的考核
    assessor: street_centre
    assessed: highway_bureau
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6(“街呼区应”虽然存在,却几乎无人使用)。
"""

CHECK = Check(
    code="PE317",
    name="unused-channel",
    zh="协调渠道无人使用",
    severity=Severity.WARNING,
    summary="a coordination channel nothing uses (街呼区应 on paper)",
    finds="a declared channel no assessment (reverse evaluation) or workflow step (other kinds) uses",
    per="channel",
    at="the channel's `id`",
    reads="`channels` (`kind`, `from`, `to`); assessments' `assessor` and `assessed`; `workflow.escalation` and `dispatch`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="声明的协调渠道没有被任何考核(逆向评价渠道)或流转环节(其他类型的渠道)使用",
    per_zh="渠道",
    at_zh="渠道的 `id`",
    reads_zh="渠道 `channels`(`kind`、`from`、`to`);考核的 `assessor` 和 `assessed`;`workflow.escalation` 和 `dispatch`",
    messages={
        "evaluation": (
            "channel '{channel}' lets '{origin}' evaluate '{target}', but no assessment counts that evaluation — a channel on paper",
            "协调渠道“{channel}”供{origin}评价{target},但没有任何考核计入该评价——渠道只停留在纸面上",
        ),
        "route": (
            "channel '{channel}' from '{origin}' to '{target}' is reached by no escalation or dispatch step — a channel on paper",
            "从{origin}到{target}的协调渠道“{channel}”没有任何上报或派单环节经过——渠道只停留在纸面上",
        ),
    },
    find=find,
    explain=explain,
)
