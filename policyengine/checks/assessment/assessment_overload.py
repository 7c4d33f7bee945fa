"""PE301 assessment-overload (多层级考核): more assessors of one tier than configured."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Listed
from ..base import Check, Step
from ..steps import related, step

if TYPE_CHECKING:
    from ..context import Context


def find(ctx: Context) -> Iterator[Violation]:
    limit = ctx.threshold("PE301", "max_assessors")
    for tier_id, tier in ctx.policy.tiers.items():
        assessors = ctx.graph.assessors_of(tier_id)
        if len(assessors) > limit:
            yield Violation(
                "PE301",
                "overload",
                tier.span,
                Subject("tier", tier_id),
                {
                    "tier": tier_id,
                    "count": len(assessors),
                    "assessors": Listed(tuple(assessors)),
                    "max": limit,
                },
            )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The assessors the message names, the limit, and every regime assessing the tier."""
    tier = v.subject.id
    steps = [*related(ctx.policy, v), step("limit", 1, None, count=v.params["count"], max=v.params["max"])]
    for regime in ctx.policy.regimes.values():
        if ctx.graph.tier_of(regime.assessed) == tier:
            steps.append(
                step(
                    "regime", 2, regime.at("assessor"), id=regime.id, assessor=regime.assessor, assessed=regime.assessed
                )
            )
    return steps


DOC = """\
# PE301 assessment-overload — 多层级考核

## What it finds
A tier assessed — directly, or through a unit at that tier — by more distinct assessor units than
`PE301.max_assessors`, counting every `assessments` regime whose `assessed` is the tier or one of its
units, whatever its `kind`: an inspection, rating or demand for certificates is one more body judging
the tier. The finding is at the tier declaration and names the assessors.

## Why it matters
The grid answers to every level: the district centre assesses full-time grid workers ad hoc across
levels and the streets annually, the street ranks communities monthly, the community ranks the heads of
its grids, and all of it finally presses down on the grid worker. With several assessors and no channel
for feedback, the quantitative targets replace the community's real needs as the goal of the work
(goal displacement), and the grid has no room to set its own priorities.

## Example
```yaml
assessments:
  - {id: district_cross_level, assessor: district_centre, assessed: grid, period: ad_hoc}
  - {id: street_monthly, assessor: street_centre, assessed: grid, period: month}
  - {id: community_ranking, assessor: community_station, assessed: grid}
```
Use instead:
```yaml
assessments:
  - {id: district_annual, assessor: district_centre, assessed: street, period: year}
  - {id: street_monthly, assessor: street_centre, assessed: grid, period: month}
```

## Thresholds
- `PE301.max_assessors` (default `2`): the most distinct assessor units one tier may answer to.

## Case reference
§6 of `docs/case.md`: assessments from the district centre, the street and the community, all landing on
the grid worker — 应对的考核层级多, 所有考核项目最终都会下压到网格.
"""

DOC_ZH = """\
# PE301 多层级考核 — assessment-overload

## 检查内容
某一层级(直接地,或通过该层级的单位)接受考核的考核主体(不同的考核单位)多于 `PE301.max_assessors` 个。凡被考核对象(`assessed`)为该层级或该层级单位的考核办法(`assessments`)都计入,不论其类别(`kind`):检查、评比、索要证明,同样是又一个评判该层级的主体。诊断位于该层级的声明处,并列出各考核主体。

## 为何重要
网格要应对的考核层级多:区社会治理中心不定期对专职网格员进行跨级考核,还对各镇街进行年度考核;镇街每月对各社区考核排名;社区又对每个网格负责人考核排名。考核虽按行政序列逐级进行,但“所有考核项目最终都会下压到网格”。多头考核又缺少逆向反馈渠道,量化指标取代了社区实际的治理需求,成为工作的目标(目标替代),网格也失去了自主安排工作重点的空间。

## 示例
```yaml
assessments:
  - {id: district_cross_level, assessor: district_centre, assessed: grid, period: ad_hoc}
  - {id: street_monthly, assessor: street_centre, assessed: grid, period: month}
  - {id: community_ranking, assessor: community_station, assessed: grid}
```
改为:
```yaml
assessments:
  - {id: district_annual, assessor: district_centre, assessed: street, period: year}
  - {id: street_monthly, assessor: street_centre, assessed: grid, period: month}
```

## 阈值
- `PE301.max_assessors`(默认 2):一个层级最多可接受几个不同考核主体的考核。

## 案例出处
[案例](../case.zh.md) §6:区社会治理中心、街道、社区多个层级同时考核,最终都落到网格员身上。
"""

CHECK = Check(
    code="PE301",
    name="assessment-overload",
    zh="多层级考核",
    severity=Severity.WARNING,
    summary="多层级考核: too many assessors of one tier",
    finds="a tier assessed by more distinct assessor units than allowed",
    per="tier",
    at="the tier's `id`",
    reads="`assessments` (`assessor`, `assessed`)",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="某一层级接受考核的不同考核主体多于允许的数量",
    per_zh="层级",
    at_zh="层级的 `id`",
    reads_zh="考核办法(`assessments`)的 `assessor`、`assessed`",
    messages={
        "overload": (
            "tier '{tier}' is assessed by {count} assessors ({assessors}); at most {max} allowed",
            "{tier}接受 {count} 个考核主体的考核({assessors}),超过上限 {max} 个",
        ),
    },
    thresholds={"max_assessors": 2},
    find=find,
    explain=explain,
)
