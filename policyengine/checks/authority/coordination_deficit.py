"""PE103 coordination-deficit (协调能力虚化): the assigned tier must mobilise a unit that no coordination
power of its own reaches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Listed, msg
from ..base import Check, Step
from ..steps import assigned, step
from .chains import grants_holding

if TYPE_CHECKING:
    from ...model import Grant, PowerGrant
    from ..context import Context


def find(ctx: Context) -> Iterator[Violation]:
    for item in ctx.policy.items.values():
        if not item.mobilises:
            continue
        # a grant scoped to some items, or a power on one line, coordinates for those items only
        grants = [g for g in ctx.graph.coordination(item.tier) if ctx.structure.counts_for(g, item)]
        scopes = sorted({g["scope"] for g in grants if g["scope"]})
        for index, unit in enumerate(item.mobilises):
            if any(ctx.graph.reaches(g, unit) for g in grants):
                continue
            target = ctx.policy.units[unit]
            yield Violation(
                "PE103",
                "reach",
                item.at("mobilises", index),
                Subject("item", item.id),
                {
                    "item": item.id,
                    "tier": item.tier,
                    "unit": unit,
                    "unit_tier": target.tier,
                    "scopes": msg("PE103.scopes", scopes=Listed(tuple(scopes))) if scopes else msg("PE103.none"),
                },
            )


def _reach(ctx: Context, scope: str | None) -> list[str]:
    """The tiers a coordination scope reaches: the scope and every tier below it."""
    if scope is None:
        return []
    return [scope] + [t for t in ctx.policy.tiers if ctx.graph.is_below(t, scope)]


def _grant_step(
    ctx: Context, grant: Grant, pg: PowerGrant, unit: str, counted: bool, reaches: bool | None = None
) -> Step:
    kind, ident = grant.holder
    if reaches is None:
        reaches = ctx.graph.reaches({"scope": pg.scope, "units": pg.units}, unit)
    return step(
        "coordination_grant",
        2,
        pg.span,
        holder_kind=kind,
        holder=ident,
        grant=grant.id,
        scope=pg.scope,
        units=list(pg.units),
        reach=_reach(ctx, pg.scope),
        reaches=reaches,
        counted=counted,
    )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The unit to mobilise, the coordination the tier and its own units hold and how far it reaches,
    seconded units' coordination (not the tier's), and every grant in force that does reach the unit."""
    item, graph = ctx.policy.items[v.subject.id], ctx.graph
    unit_id = v.params["unit"]
    index = next(
        (i for i, u in enumerate(item.mobilises) if u == unit_id and item.at("mobilises", i) == v.span),
        item.mobilises.index(unit_id),
    )
    unit = ctx.policy.units[unit_id]
    steps = [
        assigned(item, item.at("tier")),
        step("mobilises", 1, v.span, unit=unit_id, unit_tier=unit.tier, index=index),
        step("unit", 2, unit.span, id=unit_id, tier=unit.tier, unit_kind=unit.kind, sent_by=unit.sent_by),
    ]
    own = set(graph.own_units_at(item.tier))
    grants = list(grants_holding(ctx, "coordination"))
    mine = [
        (g, pg) for g, pg in grants if g.holder == ("tier", item.tier) or (g.holder[0] == "unit" and g.holder[1] in own)
    ]
    scopes = sorted({pg.scope for _, pg in mine if pg.scope})
    steps.append(
        step(
            "coordination",
            1,
            ctx.policy.tiers[item.tier].span,
            tier=item.tier,
            scopes=scopes,
            grants=len(mine),
            reaches=False,
        )
    )
    steps += [_grant_step(ctx, grant, pg, unit_id, True) for grant, pg in mine]
    for grant, pg in grants:  # a seconded unit's coordination is its sender's line, not the tier's
        kind, ident = grant.holder
        if kind == "unit" and ident not in own and graph.tier_of(ident) == item.tier:
            steps.append(_grant_step(ctx, grant, pg, unit_id, False))
    reaching = [(g, pg) for g, pg in grants if graph.reaches({"scope": pg.scope, "units": pg.units}, unit_id)]
    steps.append(step("reachers", 1, None, unit=unit_id, count=len(reaching)))
    steps += [_grant_step(ctx, grant, pg, unit_id, False, True) for grant, pg in reaching]
    return steps


DOC = """\
# PE103 coordination-deficit — 协调能力虚化

## What it finds
An item whose `mobilises` names a unit that the assigned tier must mobilise, while no coordination power
held by that tier — granted to the tier itself or to a unit of its own at it — reaches the unit. A
seconded unit (one with `sent_by`, such as professional grid workers) is not the tier's own: its
coordination is its sender's and does not count. A coordination grant reaches a unit when the unit's
tier is the grant's `scope` tier or below it, or when the unit is named in the grant's `units`; a bare
`coordination` (no `scope`, no `units`) reaches nobody. Only grants in force on the date of the run
count (`lint --on`, default today). One finding per item and unit, at the `mobilises` entry.

A coordination grant with a `scope` of items, or a coordination power with a `line`, reaches units
only for the items it covers.

## Why it matters
Routine tasks sent to the grid are comprehensive and need district departments to act, but mobilisation
inside the administration runs top-down by rank; the grid's only power is coordination with the
departments inside its street. Worker XDL reported a road where several old people had fallen; the
highway bureau phoned to ask why it had been reported, the district returned the event ("fix it
yourselves"), and it was then scored as unqualified, costing the street points. The "street calls,
district answers" channel exists on paper but is rarely used, since the district centre and the
district departments are the same rank; most events beyond the grid's reach are shelved in the
community.

## Example
```yaml
grants:
  - tier: grid
    powers: [report, verify, {power: coordination, scope: street}]   # 仅有对镇街内职能部门的协调权
items:
  - id: road_repair
    name: {zh: 道路破损维修, en: road repair}
    kind: routine
    issued_by: street
    tier: grid
    role: resolve_or_report
    mobilises: [highway_bureau]      # a district unit, outside the street scope
```
Use instead:
```yaml
grants:
  - tier: grid
    powers:
      - report
      - verify
      - {power: coordination, scope: street}
      - {power: coordination, units: [highway_bureau], note: 街呼区应 made binding}
  # (or assign the item to the tier that can mobilise the bureau, with the grid reporting it)
```

## Thresholds
None.

## Case reference
§3 of `docs/case.md` (the grid's only power: 对镇街内职能部门的协调权) and §6 (the road case and 街呼区应);
the paper's name for it: 协调能力虚化.
"""

DOC_ZH = """\
# PE103 协调能力虚化 — coordination-deficit

## 检查内容
事项的 `mobilises` 中列出了其承接层级必须动员的单位,而该层级(授予层级本身或该层级自有单位的)没有任何协调权能够覆盖这个单位。派驻单位(带 `sent_by`,如专业网格员)不属于该层级自有,其协调权属于派出单位,不予计入。协调授权覆盖某单位的条件是:该单位所在层级是授权的 `scope` 层级或其下级,或者该单位列在授权的 `units` 中;只写 `coordination`(无 `scope`、无 `units`)的协调权不覆盖任何单位。只计运行日期有效的授权(`lint --on`,默认为今天)。每个(事项, 单位)一条诊断,位于相应的 `mobilises` 条目处。

写有事项 `scope` 的协调授权、写有 `line` 的协调权,只对其覆盖的事项调动单位。

## 为何重要
下达到网格的常规事务往往具有综合性,需要动员区级条块部门协同,而行政体制内部的动员是以层级为基础自上而下的权威动员;网格仅有对镇街内职能部门的协调权。网格员XDL把"好几个老人摔了跤"的一段坏路报到区里,公路局打电话责问为什么要报,事件被从区里退了回来,"让我们自己想办法修",最后还作为不合格件扣了街道的分。"街呼区应"的逆向评价机制虽有制度设计,但区社会治理中心与区职能部门平级,实际很少使用;大多数超出网格协调能力的事件只能搁置在社区。

## 示例
```yaml
grants:
  - tier: grid
    powers: [report, verify, {power: coordination, scope: street}]   # 仅有对镇街内职能部门的协调权
items:
  - id: road_repair
    name: {zh: 道路破损维修, en: road repair}
    kind: routine
    issued_by: street
    tier: grid
    role: resolve_or_report
    mobilises: [highway_bureau]      # a district unit, outside the street scope
```
改为:
```yaml
grants:
  - tier: grid
    powers:
      - report
      - verify
      - {power: coordination, scope: street}
      - {power: coordination, units: [highway_bureau], note: 街呼区应 made binding}
  # (or assign the item to the tier that can mobilise the bureau, with the grid reporting it)
```

## 阈值
TODO None.

## 案例出处
TODO §3 of `docs/case.md` (the grid's only power: 对镇街内职能部门的协调权) and §6 (the road case and 街呼区应);
the paper's name for it: 协调能力虚化.
"""

CHECK = Check(
    code="PE103",
    name="coordination-deficit",
    zh="协调能力虚化",
    severity=Severity.WARNING,
    summary="协调能力虚化: the tier must mobilise a unit it cannot reach",
    finds="the assigned tier must mobilise a unit that no coordination power of its own (the tier's, or its own units') reaches",
    per="item and mobilised unit",
    at="the `mobilises` entry",
    reads="`mobilises`, coordination grants in force held by the assigned tier or its units without `sent_by` (`scope`, `units`, `line`; the grant's item `scope`)",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="the assigned tier must mobilise a unit that no coordination power of its own (the tier's, or its own units') reaches",
    per_zh="item and mobilised unit",
    at_zh="the `mobilises` entry",
    reads_zh="`mobilises`, coordination grants in force held by the assigned tier or its units without `sent_by` (`scope`, `units`, `line`; the grant's item `scope`)",
    messages={
        "reach": (
            "item '{item}': tier '{tier}' must mobilise '{unit}' (tier '{unit_tier}') but has no coordination path to it{scopes}",
            "事项“{item}”:{tier}须动员{unit_tier}的“{unit}”,但没有协调该单位的渠道{scopes}",
        ),
        "scopes": (" (its coordination reaches only tier {scopes} and below)", "(其协调范围仅限{scopes}及以下)"),
        "none": (" (it holds no coordination power)", "(不具备协调权)"),
    },
    find=find,
    explain=explain,
)
