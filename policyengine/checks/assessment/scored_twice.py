"""PE308 scored-twice (同一行为重复计分): two regimes with different assessors score the same measure
of the same assessed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Quoted
from ..base import Check, Step
from ..steps import related, step

if TYPE_CHECKING:
    from ...model import Regime
    from ...span import Span
    from ..context import Context


def scored(regime: Regime) -> dict[str, Span]:
    """The measures a regime scores, each at the first place: scoring rules' `when`, parts' `measure`."""
    found: dict[str, Span] = {}
    for index, rule in enumerate(regime.scoring):
        found.setdefault(rule.when, regime.at("scoring", index, "when"))
    for part in regime.scheme.parts if regime.scheme else ():
        if part.measure is not None:
            found.setdefault(part.measure, part.at("measure"))
    return found


def _earlier(ctx: Context, regime: Regime, measure: str) -> list[Regime]:
    """The regimes declared before this one that score the measure of the same assessed, another assessor."""
    found = []
    for other in ctx.policy.regimes.values():
        if other is regime:
            break
        if other.assessed == regime.assessed and other.assessor != regime.assessor and measure in scored(other):
            found.append(other)
    return found


def find(ctx: Context) -> Iterator[Violation]:
    for regime in ctx.policy.regimes.values():
        for measure, span in scored(regime).items():
            others = _earlier(ctx, regime, measure)
            if others:
                yield Violation(
                    "PE308",
                    "twice",
                    span,
                    Subject("assessment", regime.id),
                    {
                        "regime": regime.id,
                        "assessor": regime.assessor,
                        "measure": measure,
                        "assessed": regime.assessed,
                        "others": Quoted(tuple(o.id for o in others)),
                    },
                )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """Each regime that scores the measure, with its assessor."""
    measure = str(v.params["measure"])
    regime = ctx.policy.regimes[v.subject.id]
    steps = related(ctx.policy, v)
    for r in (*_earlier(ctx, regime, measure), regime):
        steps.append(step("regime", 1, scored(r)[measure], id=r.id, assessor=r.assessor, assessed=r.assessed))
    return steps


DOC = """\
# PE308 scored-twice — 同一行为重复计分

## What it finds
Two assessment regimes with different `assessor`s that score the same measure of the same `assessed`:
the measure is a scoring rule's `when` or a part's `measure`, compared by name. The finding is at the
later regime's first rule or part that scores it, and names the earlier regimes.

## Why it matters
The same late verification costs the worker points twice, once with the district and once with the
street; the same reported event earns twice. Each assessor sets its own weight on it, so the measure
counts far more than either meant, and it pulls the worker's effort with double force. Multi-level
assessment (多层级考核) in H District stacked regimes on the grid in just this way.

## Example
```yaml
assessments:
  - id: district_adhoc
    assessor: district_centre
    assessed: grid
    scoring:
      - {when: late_verification, effect: deduct}
  - id: street_q_workers
    assessor: street_q_centre
    assessed: grid
    scoring:
      - {when: late_verification, effect: deduct}    # PE308
```
Use instead: let one regime score it, and have the other take its result (`weight_in`).

## Thresholds
None.

## Case reference
§6 of `docs/case.md` (the district's ad hoc cross-level assessment and Street Q's scoring rules, both
on the grid workers) and §7 (多层级考核).
"""

DOC_ZH = """\
# PE308 同一行为重复计分 — scored-twice

## 检查内容
两项考核办法的考核主体(`assessor`)不同,却对同一被考核对象(`assessed`)的同一指标计分:指标指评分规则的
`when` 或考核内容的 `measure`,按名称比较。诊断位于后声明的考核中首次对该指标计分之处,并列出先声明的考核。

## 为何重要
同一次超期核实,网格员在区里扣一次分,在街道再扣一次;同一件上报事件也计两次分。各考核主体各自定权重,该指标
的实际分量远超任何一方的本意,对网格员精力的牵引也加倍。H区的多层级考核正是这样在网格上层层叠加。

## 示例
```yaml
assessments:
  - id: district_adhoc
    assessor: district_centre
    assessed: grid
    scoring:
      - {when: late_verification, effect: deduct}
  - id: street_q_workers
    assessor: street_q_centre
    assessed: grid
    scoring:
      - {when: late_verification, effect: deduct}    # PE308
```
改为: let one regime score it, and have the other take its result (`weight_in`).

## 阈值
TODO None.

## 案例出处
TODO §6 of `docs/case.md` (the district's ad hoc cross-level assessment and Street Q's scoring rules, both
on the grid workers) and §7 (多层级考核).
"""

CHECK = Check(
    code="PE308",
    name="scored-twice",
    zh="同一行为重复计分",
    severity=Severity.WARNING,
    summary="two assessors score the same measure of the same assessed",
    finds="two regimes with different assessors scoring the same measure (`scoring.when`, part `measure`) of the same assessed",
    per="regime and measure",
    at="the later regime's first scoring rule or part on the measure",
    reads="`assessor`, `assessed`, scoring `when`, parts' `measure`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="two regimes with different assessors scoring the same measure (`scoring.when`, part `measure`) of the same assessed",
    per_zh="regime and measure",
    at_zh="the later regime's first scoring rule or part on the measure",
    reads_zh="`assessor`, `assessed`, scoring `when`, parts' `measure`",
    messages={
        "twice": (
            "regime '{regime}' of '{assessor}' scores '{measure}' of '{assessed}', also scored by {others}",
            "“{assessor}”的考核“{regime}”对“{assessed}”的“{measure}”计分,而{others}已对其计分",
        ),
    },
    find=find,
    explain=explain,
)
