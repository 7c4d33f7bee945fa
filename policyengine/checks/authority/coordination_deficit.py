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
事项写明承接层级须动员的单位(`mobilises`),而该层级的协调权——授予本层级或本层级自有单位的——都不及该单位。派驻单位(写有 `sent_by` 的单位,如专业网格员)不属于该层级自有,其协调权属于派出单位,不予计入。协调权授权及于某单位,是指该单位所在层级为授权的协调范围层级(`scope`)或其下级,或者该单位列在授权的单位名单(`units`)中;只写 `coordination`、既无范围也无单位名单的协调权,不及于任何单位。只计运行日期(`lint --on`,默认为当天)有效的授权。每个事项和被动员单位一条诊断,位于 `mobilises` 中的相应条目处。

授权的适用范围写明事项(`scope` 列出事项或类别)的,或者协调权写明所属条线(`line`)的,只对其覆盖的事项及于相应单位。

## 为何重要
下达到网格的常规事务大多是综合性的,需要动员区级职能部门共同处置;而行政体制内的动员依层级自上而下进行,网格“仅有对镇街内职能部门的协调权”。网格员XDL上报了一段已有老人摔倒的破损道路:“我把这个件报到了区里,公路局给我打电话责问我为什么要报这个路”;“这个件从区里被退了回来,让我们自己想办法修”;“这个件后来作为不合格件,扣了街道的分”。“街呼区应”作为下级对上级的逆向评价渠道虽有制度设计,但区社会治理中心与区属各部门同级,实际几乎无人使用;超出网格协调能力的事件,大多只能搁置在社区。

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
    mobilises: [highway_bureau]      # 区级单位,超出镇街范围
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
  # (或把事项交给能够动员公路局的层级,由网格负责上报)
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §3(网格仅有对镇街内职能部门的协调权)、§6(破损道路一事;“街呼区应”);论文称之为协调能力虚化。
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
    finds_zh="承接层级须动员某单位,而本层级及其自有单位的协调权都不及该单位",
    per_zh="事项及被动员的单位",
    at_zh="`mobilises` 中的相应条目",
    reads_zh="事项的 `mobilises`;承接层级及其非派驻单位(无 `sent_by`)现行有效的协调权授权(`scope`、`units`、`line`,以及授权的事项范围 `scope`)",
    messages={
        "reach": (
            "item '{item}': tier '{tier}' must mobilise '{unit}' (tier '{unit_tier}') but has no coordination path to it{scopes}",
            "事项“{item}”:{tier}须动员{unit_tier}的“{unit}”,但无权协调该单位{scopes}",
        ),
        "scopes": (" (its coordination reaches only tier {scopes} and below)", "(其协调范围仅限{scopes}及以下)"),
        "none": (" (it holds no coordination power)", "(不具备协调权)"),
    },
    find=find,
    explain=explain,
)
