"""PE303 count-quota-forced-ranking (数量指标加强制排名): count quotas plus forced ranking with pay or
dismissal at stake (invites 凑件)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Joined, Listed, Term
from ...vocabulary import EFFECTS
from ..base import Check, Step
from ..stakes import chain
from ..steps import related, step

if TYPE_CHECKING:
    from ...model import Quota, Regime
    from ..context import Context


def _count_quotas(ctx: Context, regime: Regime) -> list[tuple[Regime, Quota]]:
    """The count quotas that bind: its own and along `adds_to`, each with the regime that sets it."""
    return [
        (r, q)
        for r in chain(ctx.policy, regime)
        for q in r.quotas
        if q.kind == "count" and ((q.min or 0) > 0 or (q.add or 0) > 0)
    ]


def find(ctx: Context) -> Iterator[Violation]:
    stakes = set(ctx.threshold("PE303", "stakes"))
    for regime in ctx.policy.regimes.values():
        quotas = _count_quotas(ctx, regime)
        by_rank = [c for c in regime.consequences if (c.top or 0) > 0 or (c.bottom or 0) > 0]
        at_stake = sorted({c.effect for c in by_rank} & stakes)
        if not (quotas and at_stake):
            continue
        yield Violation(
            "PE303",
            "ranking",
            regime.at("ranking"),
            Subject("assessment", regime.id),
            {
                "regime": regime.id,
                "metrics": Listed(tuple(sorted({q.metric for _, q in quotas}))),
                "stakes": Joined(tuple(Term("term.effect", s) for s in at_stake), "sep.list"),
            },
        )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The count quotas that bind (own and along `adds_to`) and the ranking consequences at stake."""
    regime = ctx.policy.regimes[v.subject.id]
    steps = related(ctx.policy, v)
    for owner, q in _count_quotas(ctx, regime):
        steps.append(step("quota", 1, q.span, regime=owner.id, metric=q.metric, add=q.add, min=q.min))
    stakes = set(ctx.threshold("PE303", "stakes"))
    for c in regime.consequences:
        if ((c.top or 0) > 0 or (c.bottom or 0) > 0) and c.effect in stakes:
            steps.append(step("consequence", 1, c.span, regime=regime.id, effect=c.effect, top=c.top, bottom=c.bottom))
    return steps


DOC = """\
# PE303 count-quota-forced-ranking — 数量指标加强制排名

## What it finds
An assessment regime that combines a count quota (a quota of `kind: count` with `min` or `add` above 0,
its own or inherited through `adds_to`) with ranking consequences decided by rank position
(`when: {top: N}` or `when: {bottom: N}`, N > 0), where at least one such consequence has an effect
listed in `PE303.stakes` (by default losing performance pay, double performance pay, dismissal). Only
rank-position consequences put something at stake: a consequence on a score threshold
(`score_at_most`, `consecutive_periods`), like the dismissal in the example, neither triggers the
finding nor appears in its message. The finding is at the regime's `ranking`.

## Why it matters
Street Q ranks its grid workers monthly: the bottom two, or anyone at 59 points or less, lose that
month's performance pay; the top two get double; two consecutive months at 59 or less mean dismissal.
A forced ranking always produces losers whatever the real work, and when what is ranked is a count of
reported events, the count becomes the job: "those who spend all day working out reports and packaging
'excellent' events rank near the top; the ones who really do things for residents end up as laggards".
Workers make up the required count first thing each morning, fabricating if they must (凑件); patrol
tracks are walked only to leave a trace. The data floats free of reality: L Street's 14,978 events had
a 96.7% qualification rate.

## Example
```yaml
assessments:
  - id: street_q_rules
    assessor: street_q_centre
    assessed: grid
    period: month
    adds_to: district_monthly        # the district's count quota: at least 30 events a month
    quotas:
      - {metric: events_reported, kind: count, add: 10, per: worker, period: month}
    ranking:
      of: worker
      period: month
      consequences:
        - {when: {bottom: 2}, effect: lose_performance_pay}
        - {when: {top: 2}, effect: double_performance_pay}
        - {when: {score_at_most: 59, consecutive_periods: 2}, effect: dismissal, decided_by: street_q_committee}
```
Use instead:
```yaml
assessments:
  - id: street_q_rules
    assessor: street_q_centre
    assessed: grid
    period: month
    adds_to: district_monthly
    ranking:
      of: worker
      period: month
      consequences:                  # an absolute standard: nobody loses pay for a rank position
        - {when: {score_at_most: 59}, effect: lose_performance_pay}
```

## Thresholds
- `PE303.stakes` (default `[lose_performance_pay, double_performance_pay, dismissal]`): the ranking
  consequence effects that put a worker's pay or post at stake; a rank-position consequence (`top` or
  `bottom` > 0) with one of them, on top of a count quota, is flagged.

## Case reference
§6 of `docs/case.md` (Street Q's monthly ranking: 后两位扣发当月绩效、前两位双倍绩效、连续两个月59分以下辞退) and
§7 (凑件, 运动式达标; L Street: 14,978 events, 96.7% qualification, 悬浮化).
"""

DOC_ZH = """\
# PE303 数量指标加强制排名 — count-quota-forced-ranking

## 检查内容
某一考核办法既设有数量指标(指标类别为 `count`,最低要求 `min` 或加码数 `add` 大于 0,自身设定或经 `adds_to` 沿用上级的),又按名次规定排名后果(前 N 名 `when: {top: N}` 或后 N 名 `when: {bottom: N}`,N 大于 0),且至少一项这样的后果属于 `PE303.stakes` 所列(默认为扣发绩效、双倍绩效、辞退)。只有按名次规定的后果才使报酬或岗位与排名挂钩:按分数线规定的后果(`score_at_most`、`consecutive_periods`),如示例中的辞退,既不触发本检查,也不出现在诊断信息中。诊断位于该考核办法的排名(`ranking`)处。

## 为何重要
Q街道每月对专职网格员考核排名:“月考核排名在后两位的或考核分数在59分以下(包括59分)者扣发当月绩效工资”,“月考核排名前两位的发放当月双倍绩效工资”,“连续两个月考核得分在59分(包括59分)以下的,由街道社会治理委员会研究予以辞退”。强制排名不论实际工作如何,总会排出末位;排的又是报件数量,报件本身就成了工作。整天琢磨报件、包装优秀件的网格员排名靠前,真正为群众办事的反而落在后面。网格员每天早上“先把考核要求的报件数量凑出来,实在不行可以自己造”(凑件、造件);巡查路线也只是为了留下痕迹而走。数据由此脱离实际(悬浮化):L街道上报的14978个事件,“处置合格率高达96.7%”。

## 示例
```yaml
assessments:
  - id: street_q_rules
    assessor: street_q_centre
    assessed: grid
    period: month
    adds_to: district_monthly        # 区里的数量指标:每月至少30件
    quotas:
      - {metric: events_reported, kind: count, add: 10, per: worker, period: month}
    ranking:
      of: worker
      period: month
      consequences:
        - {when: {bottom: 2}, effect: lose_performance_pay}
        - {when: {top: 2}, effect: double_performance_pay}
        - {when: {score_at_most: 59, consecutive_periods: 2}, effect: dismissal, decided_by: street_q_committee}
```
改为:
```yaml
assessments:
  - id: street_q_rules
    assessor: street_q_centre
    assessed: grid
    period: month
    adds_to: district_monthly
    ranking:
      of: worker
      period: month
      consequences:                  # 按绝对标准:不因名次扣发绩效
        - {when: {score_at_most: 59}, effect: lose_performance_pay}
```

## 阈值
- `PE303.stakes`(默认 `[lose_performance_pay, double_performance_pay, dismissal]`,即扣发绩效、双倍绩效、辞退):使网格员的报酬或岗位与考核挂钩的排名后果;在数量指标之上,按名次(前 N 名或后 N 名,N 大于 0)规定其中任何一项后果的,予以报告。

## 案例出处
[案例](../case.zh.md) §6(Q街道的月度排名:后两位扣发当月绩效,前两位双倍绩效,连续两个月59分及以下辞退)和 §7(凑件、运动式达标;L街道上报事件14978件,处置合格率96.7%;悬浮化)。
"""

CHECK = Check(
    code="PE303",
    name="count-quota-forced-ranking",
    zh="数量指标加强制排名",
    severity=Severity.WARNING,
    summary="count quotas plus forced ranking with pay or dismissal at stake (凑件)",
    finds="count quotas plus consequences by rank position (`top`/`bottom`) with pay or dismissal at stake (invites 凑件)",
    per="regime",
    at="the regime's `ranking`",
    reads="`count` quotas with `min` or `add` > 0 (own and along `adds_to`), the effects of consequences with `top` or `bottom` > 0",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="数量指标加按名次(前 N 名、后 N 名)规定的排名后果,报酬或岗位与排名挂钩(易诱发凑件)",
    per_zh="考核办法",
    at_zh="考核办法的 `ranking`",
    reads_zh="`min` 或 `add` 大于 0 的 `count` 类指标(自身的和经 `adds_to` 沿用的),`top` 或 `bottom` 大于 0 的排名后果的 `effect`",
    messages={
        "ranking": (
            "regime '{regime}' ranks against count quotas ({metrics}) with {stakes} at stake — invites quota filling",
            "考核“{regime}”按数量指标({metrics})排名,排名结果与{stakes}挂钩——易诱发凑件",
        ),
    },
    thresholds={"stakes": ("lose_performance_pay", "double_performance_pay", "dismissal")},
    words={"stakes": EFFECTS},
    find=find,
    explain=explain,
)
