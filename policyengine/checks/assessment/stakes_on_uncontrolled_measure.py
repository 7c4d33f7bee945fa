"""PE307 stakes-on-uncontrolled-measure (考核结果取决于被考核者无法控制的指标): pay, post or a formal
interview rides on a measure the assessed does not decide."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Joined, Term
from ..assessed import assessed
from ..base import Check, Step
from ..judgement import cannot_judge
from ..stakes import measure_step, rests_on, verdict
from ..steps import related, step

if TYPE_CHECKING:
    from ..context import Context


def find(ctx: Context) -> Iterator[Violation]:
    policy = ctx.policy
    for regime in policy.regimes.values():
        at_stake, measures = rests_on(ctx, regime)
        if not at_stake:
            continue
        effects = Joined(tuple(Term("term.effect", e) for e in sorted({s.effect for s in at_stake})), "sep.list")
        subject = Subject("assessment", regime.id)
        for ident, use in measures.items():
            measure = policy.measures[ident]
            why = verdict(policy, measure, regime.assessed)
            if why is None:
                continue
            if why.unstated:
                fields = [(name, measure.marker(name)) for name in why.unstated]
                yield cannot_judge("PE307", Subject("measure", ident), use.span, fields)
                continue
            params = {
                "regime": regime.id,
                "stakes": effects,
                "measure": ident,
                "assessed": assessed(ctx.policy, regime.assessed),
            }
            if why.depends_on:
                depends = Joined(tuple(Term("term.depends", d) for d in why.depends_on), "sep.list")
                yield Violation("PE307", "depends", use.span, subject, {**params, "depends": depends})
            else:
                parties = Joined(tuple(p.text() for p in why.controlled_by), "sep.list")
                yield Violation("PE307", "controlled", use.span, subject, {**params, "parties": parties})


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The consequences at stake and the measure's declaration."""
    regime = ctx.policy.regimes[v.subject.id]
    steps = related(ctx.policy, v)
    at_stake, _ = rests_on(ctx, regime)
    for s in at_stake:
        steps.append(step("stake", 1, s.span, regime=regime.id, effect=s.effect))
    measure = ctx.policy.measures.get(str(v.params.get("measure")))
    if measure is not None:
        steps.append(measure_step(measure))
    return steps


DOC = """\
# PE307 stakes-on-uncontrolled-measure — 考核结果取决于被考核者无法控制的指标

## What it finds
An assessment regime with a consequence at stake — a regime-level `consequences` entry or a ranking
consequence whose `effect` is listed in `PE303.stakes`, or is `dismissal` or `interview` (约谈) — that
rests on a measure the assessed does not control. A consequence on a grade, a score or a rank rests on
every declared measure the regime counts (a part's `measure`, a quota's `metric`, its own or along
`adds_to`, a scoring rule's `when`); one triggered by an `event` rests on that measure. The measure
(in `measures`) is out of the assessed's hands when its `depends_on` is non-empty (what happens in the
grid, residents, other units, the tier above, the platform), or when its `controlled_by` does not name
the assessed (the tier, a unit at it or the unit itself; `all_of` shares control and does not count).
One finding per regime and measure, at the first place the regime counts it. When the measure states
neither `depends_on` nor `controlled_by` (or only one of them, and that one does not decide), PE307
gives PE010. Names the regime counts that no `measures` entry declares are not judged.

## Why it matters
A worker who can lose a month's pay or the post for a number that rises and falls with what happens
in the grid, with residents' calls or with other departments' work, is being judged on luck. The
rational answer is to make the number: in H District workers "first make up the number of reports the
assessment requires, and if need be invent them" (凑件). Score what the assessed's own work decides,
or put nothing at stake on the rest.

## Example
```yaml
measures:
  - id: events_reported
    name: {zh: 上报事件数}
    kind: count
    controlled_by: [{tier: grid}]
    depends_on: [occurrence]              # how many events there are is not the grid's doing
assessments:
  - id: street_q_workers
    assessor: street_q_centre
    assessed: grid
    quotas:
      - {metric: events_reported, kind: count, min: 40, per: worker, period: month}   # PE307 here
    ranking:
      of: worker
      consequences:
        - {when: {bottom: 2}, effect: lose_performance_pay}
```
Use instead:
```yaml
measures:
  - id: on_time_verification
    name: {zh: 按期核查率}
    kind: rate
    controlled_by: [{tier: grid}]
    depends_on: []                        # the worker's own timeliness
assessments:
  - id: street_q_workers
    assessor: street_q_centre
    assessed: grid
    quotas:
      - {metric: on_time_verification, kind: rate, min: 0.9}
    ranking:
      of: worker
      consequences:
        - {when: {bottom: 2}, effect: lose_performance_pay}
```

## Thresholds
Reads `PE303.stakes` (the effects at stake), to which `dismissal` and `interview` are always added.

## Case reference
§6 of `docs/case.md` (Street Q's ranking: pay and dismissal on counts of reported events) and §7
(凑件: 先把考核要求的报件数量凑出来,实在不行可以自己造).
"""

DOC_ZH = """\
# PE307 考核结果取决于被考核者无法控制的指标 — stakes-on-uncontrolled-measure

## 检查内容
某一考核办法规定了奖惩后果,而奖惩所依据的指标并非被考核者所能控制。奖惩后果,指考核办法本身的后果(`consequences`)或排名后果中,其后果类别(`effect`)列于 `PE303.stakes`,或为辞退(`dismissal`)、约谈(`interview`)的。按等次、分数或名次规定的后果,依据该考核办法计入的全部已声明指标(考核内容的 `measure`、数量指标的 `metric`(含经 `adds_to` 沿用的)、计分规则的 `when`);由某一事件(`event`)触发的后果,依据该事件对应的指标。指标(在 `measures` 中声明)有下列情形之一的,视为被考核者无法控制:写有影响因素(`depends_on` 不为空:辖区内实际发生的情况、群众、其他单位、上级、平台),或者其控制者(`controlled_by`)不包括被考核者(该层级、该层级的单位或该单位本身;共同控制 `all_of` 不算)。每个考核办法的每项指标报告一条诊断,位于该考核办法首次计入该指标之处。指标既没有写明影响因素,也没有写明控制者(或只写了其中一项,据此不足以判断)的,PE307 给出 PE010。考核办法计入、但未在 `measures` 中声明的名称,不作判断。

## 为何重要
网格员可能因为一个随辖区实际情况、群众来电或其他部门工作而涨落的数字,被扣发当月绩效乃至辞退,这样的考核评判的是运气。理性的应对就是把数字“做”出来:H区的网格员每天“先把考核要求的报件数量凑出来,实在不行可以自己造”(凑件、造件)。只应考核被考核者自身工作所能决定的内容;其余指标不与奖惩挂钩。

## 示例
```yaml
measures:
  - id: events_reported
    name: {zh: 上报事件数}
    kind: count
    controlled_by: [{tier: grid}]
    depends_on: [occurrence]              # 辖区内发生多少事件,不由网格决定
assessments:
  - id: street_q_workers
    assessor: street_q_centre
    assessed: grid
    quotas:
      - {metric: events_reported, kind: count, min: 40, per: worker, period: month}   # PE307 报在此处
    ranking:
      of: worker
      consequences:
        - {when: {bottom: 2}, effect: lose_performance_pay}
```
改为:
```yaml
measures:
  - id: on_time_verification
    name: {zh: 按期核查率}
    kind: rate
    controlled_by: [{tier: grid}]
    depends_on: []                        # 取决于网格员自己是否按时核查
assessments:
  - id: street_q_workers
    assessor: street_q_centre
    assessed: grid
    quotas:
      - {metric: on_time_verification, kind: rate, min: 0.9}
    ranking:
      of: worker
      consequences:
        - {when: {bottom: 2}, effect: lose_performance_pay}
```

## 阈值
读取 `PE303.stakes`(哪些后果类别算作奖惩后果),并始终加上辞退(`dismissal`)和约谈(`interview`)。

## 案例出处
[案例](../case.zh.md) §6(Q街道的排名:扣发绩效和辞退取决于上报事件的数量)和 §7(凑件:“先把考核要求的报件数量凑出来,实在不行可以自己造”)。
"""

CHECK = Check(
    code="PE307",
    name="stakes-on-uncontrolled-measure",
    zh="考核结果取决于被考核者无法控制的指标",
    severity=Severity.WARNING,
    summary="pay, post or an interview rides on a measure the assessed does not control",
    finds="consequences at stake (`PE303.stakes`, dismissal, interview) resting on a measure with `depends_on` or whose `controlled_by` leaves out the assessed",
    per="regime and measure",
    at="the first part, quota or scoring rule of the regime that counts the measure",
    reads="regime `consequences` and ranking consequences, parts' `measure`, quotas' `metric` (along `adds_to`), scoring `when`, `measures` (`controlled_by`, `depends_on`)",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="奖惩后果(`PE303.stakes` 所列及辞退、约谈)所依据的指标受被考核者以外的因素影响(`depends_on`),或不由被考核者控制(`controlled_by`)",
    per_zh="考核办法及指标",
    at_zh="考核办法中首次计入该指标的考核内容、数量指标或计分规则",
    reads_zh="考核办法的 `consequences` 和排名后果,考核内容的 `measure`,数量指标的 `metric`(沿 `adds_to`),计分规则的 `when`,指标(`measures`)的 `controlled_by`、`depends_on`",
    messages={
        "depends": (
            "regime '{regime}' puts {stakes} at stake on measure '{measure}', which depends on {depends}, outside the control of {assessed}",
            "考核“{regime}”将{stakes}与指标“{measure}”挂钩,而该指标取决于{depends},非{assessed}所能控制",
        ),
        "controlled": (
            "regime '{regime}' puts {stakes} at stake on measure '{measure}', which {parties} decide, not {assessed}",
            "考核“{regime}”将{stakes}与指标“{measure}”挂钩,而该指标由{parties}决定,不由{assessed}决定",
        ),
    },
    uses=("PE303.stakes",),
    find=find,
    explain=explain,
)
