"""PE313 dismissal-on-uncontrolled-score (辞退取决于本人无法控制的考核结果): a unit's people may be
dismissed on a regime's result that rests on measures they do not control."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Joined, Quoted, Term
from ..base import Check, Step
from ..judgement import cannot_judge
from ..stakes import Use, uses, verdict
from ..steps import related, step

if TYPE_CHECKING:
    from ...model import Policy, Regime, Unit
    from ...statedness import Marker
    from ..context import Context


def _grounds(policy: Policy, unit: Unit) -> Iterator[tuple[int, Regime]]:
    """The unit's `staff.dismissal` rules that rest on a declared regime's result, with their index."""
    staff = unit.staffing.staff if unit.staffing is not None else None
    for index, rule in enumerate(staff.dismissal if staff is not None else ()):
        regime = policy.regimes.get(rule.regime or "")
        if regime is not None and not rule.for_cause:
            yield index, regime


def _measures(policy: Policy, regime: Regime) -> dict[str, Use]:
    found: dict[str, Use] = {}
    for u in uses(policy, regime):
        found.setdefault(u.measure, u)
    return found


def find(ctx: Context) -> Iterator[Violation]:
    policy = ctx.policy
    for unit in policy.units.values():
        for index, regime in _grounds(policy, unit):
            where = unit.at("staff", "dismissal", index, "when", "regime")
            subject = Subject("unit", unit.id)
            out: list[str] = []
            depends: list[str] = []
            unstated: list[tuple[str, Marker | None]] = []
            for ident in _measures(policy, regime):
                measure = policy.measures[ident]
                why = verdict(policy, measure, unit.id)
                if why is None:
                    continue
                if why.unstated:
                    unstated += [(f"{ident}.{name}", measure.marker(name)) for name in why.unstated]
                else:
                    out.append(ident)
                    depends += [d for d in why.depends_on if d not in depends]
            if out:
                yield Violation(
                    "PE313",
                    "dismissal",
                    where,
                    subject,
                    {
                        "unit": unit.id,
                        "regime": regime.id,
                        "measures": Quoted(tuple(out)),
                        "depends": Joined(tuple(Term("term.depends", d) for d in depends), "sep.list")
                        if depends
                        else Term("term.depends", "others"),
                    },
                )
            elif unstated:
                yield cannot_judge("PE313", subject, where, unstated)


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The regime's measures and what each depends on."""
    unit = ctx.policy.units[v.subject.id]
    steps = related(ctx.policy, v)
    for _, regime in _grounds(ctx.policy, unit):
        if regime.id != v.params.get("regime"):
            continue
        for ident, use in _measures(ctx.policy, regime).items():
            m = ctx.policy.measures[ident]
            steps.append(
                step(
                    "measure",
                    1,
                    use.span,
                    measure=ident,
                    depends_on=list(m.depends_on or ()),
                    controlled_by=[str(p.unit or p.tier or p.relation or "") for p in m.controlled_by or ()],
                )
            )
    return steps


DOC = """\
# PE313 dismissal-on-uncontrolled-score — 辞退取决于本人无法控制的考核结果

## What it finds
A unit whose `staff.dismissal` names a rule on a regime's result (`when: {regime: ...}`, not `for:
cause`) where that regime counts a declared measure the unit's people do not control: its
`depends_on` is non-empty, or its `controlled_by` names neither the unit nor its tier (the same
reading as PE307). The regime's measures are its parts' `measure`, its quotas' `metric` (its own and
along `adds_to`) and its scoring rules' `when`. One finding per rule, at its `when.regime`, naming the
measures and what they depend on. When a measure states neither `controlled_by` nor `depends_on` and
no other measure decides, PE313 gives PE010.

## Why it matters
Dismissal is the heaviest stake an assessment can carry. When the score it turns on rises and falls
with what happens in the grid or with other units' work, a worker keeps the job by making the numbers
(凑件), not by doing the work; Street Q's full-time grid workers, engaged by labour dispatch, are
dismissed after two months at 59 points or less on a score built from counts of reported events.

## Example
```yaml
measures:
  - {id: events_reported, controlled_by: [{tier: grid}], depends_on: [occurrence]}
units:
  - id: grid_team
    name: {zh: 网格团队}
    tier: grid
    kind: grid_team
    staff:
      engagement: labour_dispatch
      dismissal:
        - when: {regime: street_q_workers, score_at_most: 59, consecutive_periods: 2}   # PE313
assessments:
  - id: street_q_workers
    assessor: street_q_centre
    assessed: grid
    quotas:
      - {metric: events_reported, kind: count, min: 40}
```
Use instead: dismiss for cause (`- {for: cause}`), or score what the worker's own work decides.

## Thresholds
None.

## Case reference
§6 of `docs/case.md` (Street Q: 连续两个月59分以下辞退; the full-time workers' labour-dispatch terms) and §7 (凑件).
"""

DOC_ZH = """\
# PE313 辞退取决于本人无法控制的考核结果 — dismissal-on-uncontrolled-score

## 检查内容
某单位的辞退条件(`staff.dismissal`)规定依某项考核的结果辞退(`when: {regime: ...}`,而不是因过错辞退 `for: cause`),而该考核计入的已声明指标并非该单位人员所能控制:该指标取决于外部因素(`depends_on` 不为空),或其控制方(`controlled_by`)既不包括该单位,也不包括其所在层级(与 PE307 的判断相同)。考核计入的指标包括考核内容的 `measure`、配额的 `metric`(含经 `adds_to` 承接的)和计分规则的 `when`。每条辞退规则一条诊断,位于其 `when.regime` 处,列出相关指标及其取决的因素。指标既未写明 `controlled_by` 也未写明 `depends_on`,且没有其他指标可以作出判断的,PE313 报告 PE010(无法判断)。

## 为何重要
辞退是考核所能带来的最重后果。如果所依据的分数随辖区内实际发生的情况或其他单位的工作而涨落,网格员保住岗位靠的是把数字做出来(凑件),而不是把事情办好。Q街道以劳务派遣方式聘用的专职网格员,“连续两个月考核得分在59分(包括59分)以下的,由街道社会治理委员会研究予以辞退”,而分数主要由上报事件的件数等构成。

## 示例
```yaml
measures:
  - {id: events_reported, controlled_by: [{tier: grid}], depends_on: [occurrence]}
units:
  - id: grid_team
    name: {zh: 网格团队}
    tier: grid
    kind: grid_team
    staff:
      engagement: labour_dispatch
      dismissal:
        - when: {regime: street_q_workers, score_at_most: 59, consecutive_periods: 2}   # PE313
assessments:
  - id: street_q_workers
    assessor: street_q_centre
    assessed: grid
    quotas:
      - {metric: events_reported, kind: count, min: 40}
```
改为:只因过错辞退(`- {for: cause}`);或者只考核网格员本人工作所能决定的内容。

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §3(专职网格员由劳务派遣公司聘用)、§6(Q街道:连续两个月得分在59分及以下的予以辞退)、§7(凑件)。
"""

CHECK = Check(
    code="PE313",
    name="dismissal-on-uncontrolled-score",
    zh="辞退取决于本人无法控制的考核结果",
    severity=Severity.WARNING,
    summary="people may be dismissed on a score that rests on measures they do not control",
    finds="a `staff.dismissal` rule on a regime that counts a measure with `depends_on`, or whose `controlled_by` leaves out the unit",
    per="dismissal rule",
    at="the rule's `when.regime`",
    reads="units' `staff.dismissal` (`when.regime`, `for`), the regime's parts, quotas (along `adds_to`) and scoring, `measures`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="辞退条件(`staff.dismissal`)依据的考核计入了本人无法控制的指标:取决于外部因素(`depends_on`),或控制方(`controlled_by`)不包括该单位",
    per_zh="辞退规则",
    at_zh="辞退规则的 `when.regime`",
    reads_zh="单位的 `staff.dismissal`(`when.regime`、`for`),所依据考核的考核内容、配额(含经 `adds_to` 承接的)和计分规则,`measures`",
    messages={
        "dismissal": (
            "unit '{unit}' may dismiss its people on the result of regime '{regime}', which counts {measures}, depending on {depends}",
            "单位“{unit}”可依考核“{regime}”的结果辞退人员,而该考核计入的{measures}取决于{depends},并非其人员所能控制",
        ),
    },
    find=find,
    explain=explain,
)
