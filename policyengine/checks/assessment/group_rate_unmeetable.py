"""PE318 group-rate-unmeetable (集体指标个人难以完成): a regime holds a tier to a rate that depends on
other units, while the tier lacks powers its own items need handled: others dispose of those events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Quoted
from ..assessed import assessed
from ..base import Check, Step
from ..judgement import cannot_judge
from ..stakes import Use, measure_step, uses
from ..steps import related, step

if TYPE_CHECKING:
    from ...model import Policy, Regime
    from ..context import Context


def lacking(ctx: Context, tier: str) -> tuple[str, ...]:
    """The handling powers (`requires.handle`) the items assigned to the tier need and the tier does not
    hold, in first-seen order: the events others must dispose of."""
    held = ctx.graph.tier_powers(tier)
    needed = (p for i in ctx.policy.items.values() if i.tier == tier for p in i.required("handle"))
    return tuple(dict.fromkeys(p for p in needed if p not in held))


def _rate(policy: Policy, use: Use) -> bool:
    """Whether the measure is a rate: declared so, or counted by a rate quota along the regime's chain."""
    if policy.measures[use.measure].kind == "rate":
        return True
    return any(q.metric == use.measure and q.kind == "rate" for q in policy.regimes[use.regime].quotas)


def group_rates(policy: Policy, regime: Regime) -> Iterator[Use]:
    """The rate measures the regime counts, each once, at its first use."""
    seen: set[str] = set()
    for use in uses(policy, regime):
        if use.measure not in seen and _rate(policy, use):
            seen.add(use.measure)
            yield use


def find(ctx: Context) -> Iterator[Violation]:
    policy = ctx.policy
    for regime in policy.regimes.values():
        tier = ctx.graph.tier_of(regime.assessed)
        powers = lacking(ctx, tier) if tier is not None else ()
        if tier is None or not powers:
            continue  # the tier can handle all its items itself
        for use in group_rates(policy, regime):
            measure = policy.measures[use.measure]
            if measure.depends_on is None:
                yield cannot_judge(
                    "PE318", Subject("measure", measure.id), use.span, [("depends_on", measure.marker("depends_on"))]
                )
                continue
            if "other_units" not in measure.depends_on:
                continue
            params = {
                "regime": regime.id,
                "assessed": assessed(ctx.policy, regime.assessed),
                "measure": measure.id,
                "tier": tier,
                "powers": Quoted(powers),
            }
            yield Violation("PE318", "unmeetable", use.span, Subject("assessment", regime.id), params)


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The measure, and the items of the tier that need a handling power it lacks."""
    policy = ctx.policy
    steps = related(policy, v)
    measure = policy.measures.get(str(v.params.get("measure")))
    if measure is not None:
        steps.append(measure_step(measure))
    tier = str(v.params.get("tier"))
    missing = set(lacking(ctx, tier))
    for item in policy.items.values():
        if item.tier == tier and missing & set(item.required("handle")):
            steps.append(step("related", 1, item.span, role="item", kind="item", id=item.id, name=None))
    return steps


DOC = """\
# PE318 group-rate-unmeetable — 集体指标个人难以完成

## What it finds
An assessment regime that holds a tier (or a unit at it) to a **rate** — a declared measure of
`kind: rate`, or one a `rate` quota counts, the regime's own or along its `adds_to` chain — whose
`depends_on` names `other_units`, when the assessed tier lacks handling powers (`requires.handle`)
that items assigned to it need. Those events are disposed of by others: the tier can only pass them
on, and is judged on how well those others do. One finding per regime and measure, at the
first place the regime counts it. A rate measure whose `depends_on` is not stated gives PE010.

## Why it matters
A group-disposal rate (组团处置率) or an excellence rate counts the work of the departments' seconded
staff and of the units events are sent to. A grid that holds no power to penalise, enforce or dispose
cannot raise it by its own work; a target on it invites the grid to pick the events others will
close, or to report what is easy to close, rather than what the grid sees.

## Example
```yaml
measures:
  - {id: group_disposal_rate, name: {zh: 组团处置率}, kind: rate, depends_on: [other_units]}
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: grid
    quotas:
      - {metric: group_disposal_rate, kind: rate, min: 0.2, period: month}
items:
  - {id: occupied_road_business, name: {zh: 占道经营}, kind: line, owner: urban_management_department,
     tier: grid, role: handle, requires: {handle: [penalty]}}
```
Use instead: assess the grid on what it controls (events found and reported, verification on time),
and hold the units that dispose of events to the disposal rate; or devolve the handling powers with
the items (权随责走).

## Thresholds
None.

## Case reference
§6 of `docs/case.md`: the district's monthly assessment requires a group disposal rate of at least
20% (并要求组团处置率不低于20%) and Street Q's assessment of its grid workers builds on it, while the grid
holds no handling power and group disposal is done by the professional grid workers the departments
second.
"""

DOC_ZH = """\
# PE318 集体指标个人难以完成 — group-rate-unmeetable

## 检查内容
考核以比率指标考核某一层级(或该层级的单位),即 `kind: rate` 的已声明指标,或比率类配额(`kind: rate`)所计的指标(本考核的,或其加码关系 `adds_to` 链上的),而该指标取决于其他单位(`depends_on` 含 `other_units`),被考核层级又缺少其所承担事项的办理权力(`requires.handle`)。这些事件由其他单位处置:被考核层级只能转交,却要以他人的处置结果接受考核。每项考核的每个指标一条诊断,位于该考核首次计入该指标之处。比率指标未写明 `depends_on` 的,报告 PE010(无法判断)。

## 为何重要
组团处置率、优秀率等比率,计的是职能部门派驻人员和事件承办单位的工作。网格没有处罚、执法或处置的权力,靠自身工作提高不了这些比率;对网格设定比率指标,只会促使网格挑选别人会办结的事件,或者挑容易办结的事件上报,而不是如实上报所见的问题。

## 示例
```yaml
measures:
  - {id: group_disposal_rate, name: {zh: 组团处置率}, kind: rate, depends_on: [other_units]}
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: grid
    quotas:
      - {metric: group_disposal_rate, kind: rate, min: 0.2, period: month}
items:
  - {id: occupied_road_business, name: {zh: 占道经营}, kind: line, owner: urban_management_department,
     tier: grid, role: handle, requires: {handle: [penalty]}}
```
改为:以网格自己能够控制的内容考核网格(发现并上报的事件、按期核查),以处置率考核实际处置事件的单位;或者在事项下沉时一并下放所需的办理权力(权随责走)。

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6:区对镇街的月考核“并要求组团处置率不低于20%”,Q街道对专职网格员的考核又在此基础上加码;而网格没有处置权,组团处置靠的是职能部门派驻的专业网格员(§3)。
"""

CHECK = Check(
    code="PE318",
    name="group-rate-unmeetable",
    zh="集体指标个人难以完成",
    severity=Severity.WARNING,
    summary="a tier is held to a rate other units make, and lacks powers to handle its items",
    finds="a rate measure depending on other units counted by a regime assessing a tier that lacks handling powers",
    per="regime and measure",
    at="the first place the regime counts the measure",
    reads="measures' `kind` and `depends_on`; regimes' quotas (along `adds_to`), parts and scoring; items' `tier` and `requires.handle`; grants",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="考核以取决于其他单位的比率指标考核某一层级,而该层级缺少其所承担事项的办理权力",
    per_zh="每项考核的每个指标",
    at_zh="该考核首次计入该指标之处",
    reads_zh="指标的 `kind` 和 `depends_on`;考核的配额(含经 `adds_to` 承接的)、考核内容和计分规则;事项的 `tier` 和 `requires.handle`;权力授予 `grants`",
    messages={
        "unmeetable": (
            "regime '{regime}' holds {assessed} to the rate '{measure}', which depends on other units,"
            " while '{tier}' lacks powers its items need handled ({powers})",
            "考核“{regime}”以取决于其他单位的比率“{measure}”考核{assessed},而{tier}缺少其承担事项所需的处置权({powers})",
        ),
    },
    find=find,
    explain=explain,
)
