"""PE314 dual-leadership-unresolved (双重领导未明确考核归属): a unit led by two or more parties, each of
which assesses it, with nothing saying whose assessment counts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Quoted
from ...statedness import UNKNOWN
from ..base import Check, Step
from ..judgement import cannot_judge
from ..steps import name_of, step

if TYPE_CHECKING:
    from ...model import Regime, Unit
    from ..context import Context


def _leaders_assessing(ctx: Context, unit: Unit) -> list[tuple[tuple[str, ...], tuple[Regime, ...]]]:
    """For each leader of the unit that assesses it: the units the leader can mean and its regimes
    assessing the unit (naming the unit, or the tier it sits at)."""
    structure = ctx.policy.structure
    leadership = structure.leadership.get(unit.id) if structure is not None else None
    found = []
    for party in leadership.led_by if leadership is not None else ():
        units = ctx.party_units(party)
        regimes = tuple(
            r for r in ctx.policy.regimes.values() if r.assessor in units and r.assessed in (unit.id, unit.tier)
        )
        if regimes:
            found.append((tuple(sorted({r.assessor for r in regimes})), regimes))
    return found


def find(ctx: Context) -> Iterator[Violation]:
    for unit in ctx.policy.units.values():
        leaders = _leaders_assessing(ctx, unit)
        regimes = {r.id: r for _, found in leaders for r in found}
        if len(leaders) < 2 or len(regimes) < 2:  # one leader assessing, or all through one joint regime
            continue
        staffing = unit.staffing
        if staffing is not None and staffing.assessment_counts is not None:
            continue
        subject = Subject("unit", unit.id)
        if unit.marker("assessment_counts", "regime") is UNKNOWN:  # stated, not known: cannot judge
            yield cannot_judge(
                "PE314", subject, unit.at("assessment_counts", "regime"), [("assessment_counts", UNKNOWN)]
            )
            continue
        # `unstated` is the defect itself: the document leaves whose assessment counts open
        yield Violation(
            "PE314",
            "unresolved",
            unit.at("led_by"),
            subject,
            {
                "unit": unit.id,
                "leaders": Quoted(tuple(dict.fromkeys(a for assessors, _ in leaders for a in assessors))),
                "regimes": Quoted(tuple(regimes)),
            },
        )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """Each leader that assesses the unit, with its regimes."""
    unit = ctx.policy.units.get(v.subject.id)
    if unit is None:
        return []
    steps: list[Step] = []
    for assessors, regimes in _leaders_assessing(ctx, unit):
        for ident in assessors:
            leader = ctx.policy.units[ident]
            steps.append(step("related", 1, leader.span, role="leader", kind="unit", id=ident, name=name_of(leader)))
        for r in regimes:
            steps.append(step("regime", 2, r.span, id=r.id, assessor=r.assessor, assessed=r.assessed))
    return steps


DOC = """\
# PE314 dual-leadership-unresolved — 双重领导未明确考核归属

## What it finds
A unit with two or more leaders (`led_by`, dual leadership 双重领导) where at least two of them each run
an assessment regime that assesses it — the regime's `assessed` is the unit or the tier it sits at, its
`assessor` a unit the leader names — and the unit does not say whose assessment counts
(`assessment_counts: {regime: …}`, 以…考核为主). One finding per unit, at its `led_by`. Leaders that
assess it through one joint regime are one assessment, not two. `assessment_counts: {regime: unknown}`
(the document says whose, the encoder does not know) gives PE010; `unstated` is the defect itself.

## Why it matters
A unit answering to two leaders that each score it serves two sets of targets, and when they pull apart
nothing says which result decides its pay, its ranking or its people's posts. The weaker leader's
assessment becomes one more layer of assessment (多层级考核) on top of the other, and the unit does what
the later or louder score rewards. Real documents settle it in a phrase: 以块为主 / 以…考核为主.

## Example
```yaml
units:
  - id: street_grid_centre
    name: {zh: 街道网格化服务管理中心}
    tier: street
    kind: governance_centre
    led_by: [street_party_working_committee, street_office]
assessments:
  - {id: committee_assesses_centre, assessor: street_party_working_committee, assessed: street_grid_centre}
  - {id: office_assesses_centre, assessor: street_office, assessed: street_grid_centre}
```
Use instead:
```yaml
units:
  - id: street_grid_centre
    name: {zh: 街道网格化服务管理中心}
    tier: street
    kind: governance_centre
    led_by: [street_party_working_committee, street_office]
    assessment_counts: {regime: office_assesses_centre}   # 以街道办事处考核为主
```

## Thresholds
None.

## Case reference
§6 of `docs/case.md` (multi-level assessment, 应对的考核层级多): every layer above the grid assesses it,
and nothing says which result prevails.
"""

DOC_ZH = """\
# PE314 双重领导未明确考核归属 — dual-leadership-unresolved

## 检查内容
单位有两个及以上领导方(`led_by`,双重领导),其中至少两方各自对其进行考核(考核的被考核对象 `assessed` 为该单位或其所在层级,考核主体 `assessor` 为该领导方所指的单位),而该单位未写明以哪一方的考核为主(`assessment_counts: {regime: …}`)。每个单位一条诊断,位于其 `led_by` 处。几个领导方通过同一项联合考核进行考核的,视为一项考核。写为 `assessment_counts: {regime: unknown}` 的(文件已写明以谁为主,录入者不掌握),报告 PE010(无法判断);写为 `unstated` 的,即属本检查所指的问题。

## 为何重要
被两个领导方分别考核的单位要同时回应两套目标;两套目标不一致时,没有任何规定说明哪个结果决定其绩效、排名乃至人员去留。一方的考核就成了叠加在另一方之上的又一层考核(多层级考核),单位只能迎合更晚或更强势的那一方。规范的文件通常一句话即可明确,如以块为主、以某一方的考核为主。

## 示例
```yaml
units:
  - id: street_grid_centre
    name: {zh: 街道网格化服务管理中心}
    tier: street
    kind: governance_centre
    led_by: [street_party_working_committee, street_office]
assessments:
  - {id: committee_assesses_centre, assessor: street_party_working_committee, assessed: street_grid_centre}
  - {id: office_assesses_centre, assessor: street_office, assessed: street_grid_centre}
```
改为:
```yaml
units:
  - id: street_grid_centre
    name: {zh: 街道网格化服务管理中心}
    tier: street
    kind: governance_centre
    led_by: [street_party_working_committee, street_office]
    assessment_counts: {regime: office_assesses_centre}   # 以街道办事处考核为主
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6(多个层级同时考核:网格以上的每一级都对其进行考核,却没有规定以哪一级的结果为准)。
"""

CHECK = Check(
    code="PE314",
    name="dual-leadership-unresolved",
    zh="双重领导未明确考核归属",
    severity=Severity.WARNING,
    summary="two leaders each assess a unit; whose assessment counts is not said",
    finds="a unit under dual leadership that two of its leaders each assess, without `assessment_counts`",
    per="unit",
    at="the unit's `led_by`",
    reads="units' `led_by` and `assessment_counts`; regimes' `assessor` and `assessed`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="实行双重领导的单位,其中两个领导方分别对其进行考核,而未写明以哪一方的考核为主(`assessment_counts`)",
    per_zh="单位",
    at_zh="单位的 `led_by`",
    reads_zh="单位的 `led_by` 和 `assessment_counts`;考核的 `assessor` 和 `assessed`",
    messages={
        "unresolved": (
            "unit '{unit}' is led by several parties, of which {leaders} each assess it ({regimes});"
            " `assessment_counts` does not say whose assessment counts",
            "单位“{unit}”实行双重(多头)领导,其中{leaders}分别对其进行考核({regimes}),未明确以哪一方的考核为主",
        ),
    },
    find=find,
    explain=explain,
)
