"""PE302 quota-escalation (层层加码): a lower level raises a quota set above it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ..base import Check, Step
from ..steps import related, step

if TYPE_CHECKING:
    from ...model import Regime
    from ..context import Context


def _assessor_depth(ctx: Context, regime: Regime) -> int:
    unit = ctx.policy.units.get(regime.assessor)
    return ctx.graph.depth(unit.tier) if unit else 0


def _bases(ctx: Context, regime: Regime) -> list[Regime]:
    """Regimes whose quotas `regime` builds on: the one it adds to, and those set higher on the same target."""
    found = []
    if regime.adds_to is not None and regime.adds_to in ctx.policy.regimes:
        found.append(ctx.policy.regimes[regime.adds_to])
    depth = _assessor_depth(ctx, regime)
    for other in ctx.policy.regimes.values():
        if (
            other is not regime
            and other not in found
            and other.assessed == regime.assessed
            and _assessor_depth(ctx, other) < depth
        ):
            found.append(other)
    return found


def find(ctx: Context) -> Iterator[Violation]:
    for regime in ctx.policy.regimes.values():
        bases = _bases(ctx, regime)
        for quota in regime.quotas:
            for base in bases:
                above = next((q for q in base.quotas if q.metric == quota.metric), None)
                if above is None:
                    continue
                common = {"regime": regime.id, "metric": quota.metric, "base": base.id}
                if quota.add is not None and quota.add > 0:
                    yield Violation(
                        "PE302", "add", quota.at("add"), Subject("assessment", regime.id), {**common, "add": quota.add}
                    )
                    break
                if quota.min is not None and above.min is not None and quota.min > above.min:
                    yield Violation(
                        "PE302",
                        "min",
                        quota.at("min"),
                        Subject("assessment", regime.id),
                        {**common, "min": quota.min, "base_min": above.min},
                    )
                    break


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The regimes the message names, the quota that raises and the quota it raises."""
    regime, base = ctx.policy.regimes[v.subject.id], ctx.policy.regimes.get(v.params["base"])
    metric = v.params["metric"]
    steps = [
        *related(ctx.policy, v),
        step("quota", 1, v.span, regime=regime.id, metric=metric, add=v.params.get("add"), min=v.params.get("min")),
    ]
    above = next((q for q in base.quotas if q.metric == metric), None) if base else None
    if base is not None and above is not None:
        steps.append(step("quota", 1, above.span, regime=base.id, metric=metric, add=above.add, min=above.min))
    return steps


DOC = """\
# PE302 quota-escalation — 层层加码

## What it finds
An assessment regime that raises a quota set by a regime above it. Regime B raises regime A when B
`adds_to` A, or when B assesses the same target on the same metric while B's assessor sits at a lower
tier than A's assessor. B is flagged when its quota for a metric A sets has `add` > 0, or a `min` above
A's `min` for that metric. The finding is at B's quota.

## Why it matters
Under the district's assessment pressure, Street Q "actively added" to the district's standard: each
full-time grid worker must report 10 events a month more than the district's 30, with bonus points for
exceeding the count. Each level adds its margin and the bottom carries the sum. Under multi-level
assessment and quota escalation, standardised indicators displace the community's actual needs, and the
surplus count is met by whatever the platform accepts — quota filling (凑件) included.

## Example
```yaml
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: street
    period: month
    quotas:
      - {metric: events_reported, kind: count, min: 30, per: worker, period: month}
  - id: street_q_rules
    assessor: street_q_centre
    assessed: grid
    period: month
    adds_to: district_monthly
    quotas:
      - {metric: events_reported, kind: count, add: 10, per: worker, period: month}
```
Use instead:
```yaml
assessments:
  - id: street_q_rules
    assessor: street_q_centre
    assessed: grid
    period: month
    adds_to: district_monthly        # inherits the district's 30 a month, adds nothing to it
    scoring:
      - {when: late_verification, effect: deduct}
```

## Thresholds
None.

## Case reference
§6 of `docs/case.md`: the district's quota of at least 30 events a month per worker; Street Q's rules
(《Q街道社会治理专职网格员工作成效考核评分细则》) require 10 more — 主动加码, 层层加码.
"""

DOC_ZH = """\
# PE302 层层加码 — quota-escalation

## 检查内容
某一考核办法抬高了上级考核办法设定的指标。考核办法 B 在考核办法 A 之上加码,是指 B 写明以 A 为基础(`adds_to`),或者 B 与 A 考核同一对象的同一指标、而 B 的考核主体所在层级低于 A 的考核主体所在层级。B 对 A 所设的某项指标写有大于 0 的加码数(`add`),或写有高于 A 的最低要求(`min`)的,予以报告。诊断位于 B 的该项指标处。

## 为何重要
在区里的考核压力下,Q街道“依据区里的考核标准主动加码”:“细则要求每位专职网格员比区考核标准多报10个事件”(区里的标准是每人每月至少30件),超额完成报件数量的还给予加分。每一级都加上自己的一份,最终由最底层承担全部叠加。在多层级考核和层层加码之下,标准化指标取代了社区实际的治理需求;多出来的件数,只能用平台接受的任何办法凑齐,凑件也在其中。

## 示例
```yaml
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: street
    period: month
    quotas:
      - {metric: events_reported, kind: count, min: 30, per: worker, period: month}
  - id: street_q_rules
    assessor: street_q_centre
    assessed: grid
    period: month
    adds_to: district_monthly
    quotas:
      - {metric: events_reported, kind: count, add: 10, per: worker, period: month}
```
改为:
```yaml
assessments:
  - id: street_q_rules
    assessor: street_q_centre
    assessed: grid
    period: month
    adds_to: district_monthly        # 沿用区里每月30件的标准,不再加码
    scoring:
      - {when: late_verification, effect: deduct}
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6:区里要求每名专职网格员每月至少上报30件;Q街道的《Q街道社会治理专职网格员工作成效考核评分细则》要求多报10件,即主动加码、层层加码。
"""

CHECK = Check(
    code="PE302",
    name="quota-escalation",
    zh="层层加码",
    severity=Severity.WARNING,
    summary="层层加码: a lower level raises a quota set above it",
    finds="a lower level raises a quota set above it",
    per="raising quota",
    at="the quota's `add` or `min`",
    reads="`adds_to`, `quotas` (`metric`, `add`, `min`), assessors' tiers",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="下级考核办法抬高上级考核办法设定的指标",
    per_zh="加码的指标",
    at_zh="该指标的 `add` 或 `min`",
    reads_zh="考核办法的 `adds_to`,指标(`quotas`)的 `metric`、`add`、`min`,考核主体所在的层级",
    messages={
        "add": (
            "regime '{regime}' adds {add:g} to the '{metric}' quota set by '{base}'",
            "考核“{regime}”在“{base}”设定的“{metric}”指标上加码 {add:g}",
        ),
        "min": (
            "regime '{regime}' raises the '{metric}' quota from {base_min:g} ('{base}') to {min:g}",
            "考核“{regime}”把“{base}”设定的“{metric}”指标从 {base_min:g} 提高到 {min:g}",
        ),
    },
    find=find,
    explain=explain,
)
