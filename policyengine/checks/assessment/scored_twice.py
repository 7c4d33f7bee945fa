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
on the grid workers; assessment from several levels at once, 多层级考核).
"""

DOC_ZH = """\
# PE308 同一行为重复计分 — scored-twice

## 检查内容
两项考核的考核主体(`assessor`)不同,却对同一被考核对象(`assessed`)的同一指标计分。指标指计分规则所针对的情形(`scoring` 的 `when`)或考核内容所计的指标(`parts` 的 `measure`),按标识比较。诊断位于后声明的考核中第一条对该指标计分的规则或考核内容处,并列出先声明的考核。

## 为何重要
同一次超期核实,网格员在区里被减一次分,在街道又被减一次;同一件上报事件也被计两次分。各考核主体各自设定分值,该指标的实际分量远超任何一方的本意,对网格员精力的牵引也成倍放大。H区多个层级同时考核网格员,正是这样层层叠加的。

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
改为:只由一项考核对该指标计分,另一项考核采用其结果(`weight_in`)。

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6(区社会治理中心不定期的跨级考核和Q街道的评分细则,都以专职网格员为对象;多个层级同时考核,最终都落到网格员身上)。
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
    finds_zh="考核主体不同的两项考核,对同一被考核对象的同一指标(计分规则的 `when`、考核内容的 `measure`)计分",
    per_zh="每项考核的每个指标",
    at_zh="后声明的考核中第一条对该指标计分的规则或考核内容",
    reads_zh="考核的 `assessor`、`assessed`,计分规则的 `when`,考核内容的 `measure`",
    messages={
        "twice": (
            "regime '{regime}' of '{assessor}' scores '{measure}' of '{assessed}', also scored by {others}",
            "“{assessor}”的考核“{regime}”对“{assessed}”的“{measure}”计分,而考核{others}已对同一指标计分",
        ),
    },
    find=find,
    explain=explain,
)
