"""PE312 verification-capacity (核查时限超出核查能力): more events a month need verifying within the
deadline than the verifying tier's people can verify."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...timeunits import DAYS_PER_MONTH
from ..base import Check, Step
from ..judgement import cannot_judge
from ..steps import related

if TYPE_CHECKING:
    from ..context import Context


def _people(ctx: Context, tier: str) -> tuple[float, bool]:
    """People of the units at `tier`, per instance of it (a unit's `count` over the tier's), and
    whether some unit's headcount is not stated."""
    policy = ctx.policy
    instances = policy.tiers[tier].count if tier in policy.tiers else None
    people, unstated = 0.0, False
    for unit in policy.units.values():
        if unit.tier != tier:
            continue
        if unit.people is None:
            unstated = True
            continue
        people += unit.people * ((unit.count or 1) / instances if instances else 1)
    return people, unstated


def _per_instance(ctx: Context, tier: str) -> float | None:
    """Simulated problems a day per instance of `tier` (the rates are per grid: the chain's first tier)."""
    policy = ctx.policy
    sim, workflow = policy.simulation, policy.workflow
    if sim is None or not sim.problems or workflow is None or not workflow.escalation:
        return None
    rate = sum(p.per_grid_per_day for p in sim.problems)
    grid = workflow.escalation[0]
    if tier == grid:
        return rate
    lowest, verifying = policy.tiers.get(grid), policy.tiers.get(tier)
    if lowest is None or verifying is None or not lowest.count or not verifying.count:
        return None
    return rate * lowest.count / verifying.count


def find(ctx: Context) -> Iterator[Violation]:
    timing, workflow = ctx.policy.timing, ctx.policy.workflow
    if timing is None or timing.capacity is None or workflow is None or workflow.verification_by is None:
        return
    capacity, tier = timing.capacity, workflow.verification_by
    subject, at = Subject("tier", tier), capacity.at("per_person_day")
    rate = _per_instance(ctx, tier)
    people, unstated = _people(ctx, tier)
    if capacity.per_person_day is None or rate is None:
        fields = [("verification.capacity.per_person_day", capacity.gap)] if capacity.per_person_day is None else []
        yield cannot_judge("PE312", subject, at, fields or [("simulation.problems", None)])
        return
    days = DAYS_PER_MONTH  # the deadline is in hours, which run on every day of the week
    needed = rate * DAYS_PER_MONTH
    can = capacity.per_person_day * people * days
    if needed <= can:
        return
    if unstated:
        yield cannot_judge("PE312", subject, at, [("units.headcount", None)])
        return
    yield Violation(
        "PE312",
        "over",
        at,
        subject,
        {"tier": tier, "needed": needed, "can": can, "per": capacity.per_person_day, "people": people, "days": days},
    )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names."""
    return related(ctx.policy, v)


DOC = """\
# PE312 verification-capacity — 核查时限超出核查能力

## What it finds
A workflow whose verification declares a `capacity` (`per_person_day`: events one person verifies in
a day) and a verifying tier (`verification.by`), where the events a month that need verifying exceed
what that tier's people can verify in a month. Events a month: the `simulation.problems` rates (per
grid a day) × 30, per instance of the verifying tier (scaled by the tiers' `count` when it is not the
chain's first tier). What the tier can verify: `per_person_day` × its people × 30 days — the
verification deadline (`deadline_hours`, 24 h in H District) runs through weekends, so every day's
closures must be verified within it. The people: the `headcount` of every unit at the tier, spread
over the tier's instances by the units' `count`. One finding, at `per_person_day`. PE010 (cannot
judge) when `per_person_day` is `unstated`/`unknown`, when there are no rates to count, or when the
stated people fall short but some unit at the tier has no stated headcount.

## Why it matters
Every full-time grid worker must verify each closed event on site within 24 hours and call back
residents who reported by phone, besides collecting, reporting and handling events. A deadline the
people available cannot meet makes late verification certain, and the late verifications cost points:
the worker either falls behind in the ranking or verifies on paper.

## Example
```yaml
workflow:
  escalation: [grid, street]
  verification:
    deadline_hours: 24
    by: grid
    capacity: {per_person_day: 1}
units:
  - {id: grid_team, name: {zh: 网格团队}, tier: grid, kind: grid_team, headcount: 1}
simulation:
  problems:
    - {id: events, per_grid_per_day: 2}
```
Use instead: more people at the verifying tier, a longer deadline, or verification by sample.

## Thresholds
None.

## Case reference
§5 of `docs/case.md` (full-time workers verify closed events on site within 24 hours) and §6 (late
verification costs points; unverified events raise alerts).
"""

DOC_ZH = """\
# PE312 核查时限超出核查能力 — verification-capacity

## 检查内容
事件流转规定了核查能力(`capacity`,其中 `per_person_day` 为每人每天可核查的件数)和核查层级(`verification.by`),而每月需要核查的事件数超过该层级人员每月所能核查的件数。每月事件数:各类问题的发生率(`simulation.problems`,每个网格每天)× 30,按核查层级的每一个(如每个网格)计;核查层级不是上报链的第一级时,按各层级的数量(`count`)折算。每月可核查件数:`per_person_day` × 该层级人数 × 30 天。核查时限(`deadline_hours`,H区为24小时)不分工作日和休息日,每天办结的事件都须在时限内核查,所以按30天计。人数:该层级各单位的人数(`headcount`),按单位的数量(`count`)分摊到该层级的每一个。只报告一条诊断,位于 `per_person_day` 处。`per_person_day` 写为 `unstated`/`unknown`、没有可计的发生率,或已载明的人数不足而该层级有单位未载明人数的,报告 PE010(无法判断)。

## 为何重要
专职网格员在采集、上报和处置事件之外,还须在24小时内对已办结的事件进行现场核实,并对民众电话反映的事件进行电话回访。现有人手达不到的核查时限,必然造成超期核实,而超期核实要减分:网格员要么在排名中落后,要么只在纸面上核实。

## 示例
```yaml
workflow:
  escalation: [grid, street]
  verification:
    deadline_hours: 24
    by: grid
    capacity: {per_person_day: 1}
units:
  - {id: grid_team, name: {zh: 网格团队}, tier: grid, kind: grid_team, headcount: 1}
simulation:
  problems:
    - {id: events, per_grid_per_day: 2}
```
改为:为核查层级增加人员,延长核查时限,或者改为抽样核查。

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §5(事件办结后24小时内,专职网格员要到现场核实)、§6(超期核实减分;未核实的事件触发预警)。
"""

CHECK = Check(
    code="PE312",
    name="verification-capacity",
    zh="核查时限超出核查能力",
    severity=Severity.WARNING,
    summary="more events to verify than the verifying tier can",
    finds="more events a month need verifying within the deadline than the verifying tier's people can verify",
    per="workflow",
    at="the verification's `capacity.per_person_day`",
    reads="`workflow.verification` (`by`, `capacity`), units' `headcount` and `count`, `simulation.problems`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="每月须在时限内核查的事件数,超过核查层级人员所能核查的件数",
    per_zh="事件流转规定",
    at_zh="核查能力的 `capacity.per_person_day`",
    reads_zh="核查规定 `workflow.verification`(`by`、`capacity`),单位的 `headcount` 和 `count`,`simulation.problems`",
    messages={
        "over": (
            "{needed:g} events a month need verifying at each '{tier}', but its people can verify {can:g} ({per:g} a person a day × {people:g} people × {days:g} days)",
            "每个{tier}每月需核查 {needed:g} 件,而其人员每月只能核查 {can:g} 件(每人每天 {per:g} 件 × {people:g} 人 × {days:g} 天)",
        ),
    },
    find=find,
    explain=explain,
)
