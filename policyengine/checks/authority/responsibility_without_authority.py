"""PE101 responsibility-without-authority (有责无权): the assigned tier lacks a power its role on the item
requires, and no attached co-handler holds it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Joined, Term, msg
from ..base import Check, Step
from ..steps import assigned, field_at, step
from .chains import escalation, powers, requires, returns

if TYPE_CHECKING:
    from ...model import Item
    from ...span import Span
    from ..context import Context


def find(ctx: Context) -> Iterator[Violation]:
    max_coverage = ctx.threshold("PE101", "max_co_handler_coverage")
    for item in ctx.policy.items.values():
        yield from _judge(ctx, item, item.tier, item.role, item.required(), item.at("role"), max_coverage)
        for role in ctx.structure.roles(item):  # a further tier carrying the item jointly: judged there
            yield from _judge(ctx, item, role.tier, role.role, role.required(item), role.at("role"), max_coverage)


def _judge(
    ctx: Context, item: Item, tier: str, role: str, required: tuple[str, ...], at: Span, max_coverage: float
) -> Iterator[Violation]:
    if not required:
        return
    held, thin = ctx.structure.held_for(item, max_coverage, tier)
    missing = set(required) - held
    if not missing:
        return
    # co-handlers that hold a missing power but cover too many grids to count as the tier's
    helpers = tuple(
        msg("PE101.thin", unit=u, coverage=c, max=max_coverage)
        for u, c in thin
        if missing & ctx.structure.unit_powers(u, item)
    )
    yield Violation(
        "PE101",
        "missing",
        at,
        Subject("item", item.id),
        {
            "item": item.id,
            "tier": tier,
            "role": Term("term.role", role),
            "powers": powers(missing),
            "cohandlers": Joined(helpers, "sep.none"),
        },
    )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The item's role and what it requires, where each power is held, and the escalation and return
    paths for what is missing."""
    item = ctx.policy.items[v.subject.id]
    extra = next((r for r in ctx.structure.roles(item) if r.at("role") == v.span), None)
    if extra is not None:  # a further role: its tier and role, what it requires and whether it is held there
        held, _ = ctx.structure.held_for(item, ctx.threshold("PE101", "max_co_handler_coverage"), extra.tier)
        needed = extra.required(item)
        own = extra.requires is not None
        at = extra.at("requires") if own else field_at(item, "requires", extra.role) or item.at("requires")
        return [
            step("assigned", 1, v.span, tier=extra.tier, role=extra.role),
            step("requires", 1, at, role=extra.role, powers=list(needed), missing=[p for p in needed if p not in held]),
            *(
                step(
                    "power",
                    2,
                    extra.at("requires", i) if own else field_at(item, "requires", extra.role, i),
                    power=p,
                    tier=extra.tier,
                    held=p in held,
                )
                for i, p in enumerate(needed)
            ),
        ]
    held, _ = ctx.structure.held_for(item, ctx.threshold("PE101", "max_co_handler_coverage"))
    missing = frozenset(item.required()) - held
    return [
        assigned(item, item.at("role")),
        *requires(ctx, item, item.role, held),
        *escalation(ctx, item, missing),
        *returns(ctx, item, missing),
    ]


DOC = """\
# PE101 responsibility-without-authority — 有责无权

## What it finds
An item assigned to a tier with a role (`handle`, `report`, `assist` or `resolve_or_report`) whose
`requires` for that role names a power the tier does not hold. A tier holds the powers granted to the
tier itself, the powers granted to any unit of its own at that tier (a unit with `sent_by`, seconded by
a department like professional grid workers, is not the tier's own), the powers delegated with the item
(`funding.powers`), and the powers of the item's `co_handlers` — but only of co-handlers covering at
most `PE101.max_co_handler_coverage` grids (a co-handler without `coverage` counts as attached). Only
grants in force count: no `valid`, or the date of the run within it (`lint --on YYYY-MM-DD`, default
today). One finding per item, at its `role` value, naming the missing powers (and any co-handler that
holds one of them but covers too many grids).

A grant with a `scope` counts only for the items in it, and a power entry with a `line` only for items
on that department's line (the item's `line`, else its `owner`). The item's further `roles` are judged
the same way, each at its own tier, with the finding at that entry's `role`; `funding.powers` count at
the item's main tier only.

## Why it matters
Line departments push their items down to the grid under territorial or dual responsibility but keep
the management and law-enforcement powers. For fire hazards in the many small venues or for stalls
blocking the road, the grid is responsible, yet a worker who finds the problem "can only remind them,
and they simply don't listen — we would need penalty power". The professional grid workers who do hold
it each cover a dozen or more grids and are rarely seen: "the full-time worker does the work, the
professional one watches". On paper the power is present; in practice the duty lands on a tier that
cannot discharge it, and the event is handled cosmetically, escalated, or not reported. That is why a
co-handler spread over more grids than the threshold does not count.

## Example
```yaml
grants:
  - tier: grid
    powers: [report, verify, {power: coordination, scope: street}]
  - unit: fire_professional_grid     # professional grid workers, seconded by the department (sent_by)
    powers: [penalty]
items:
  - id: fire_hazard_small_venues
    name: {zh: 九小场所消防隐患, en: fire hazards in small venues}
    kind: line
    owner: fire_department
    tier: grid
    role: handle                      # PE101: the grid lacks penalty
    responsibility: dual
    requires: {handle: [penalty], report: [report]}
    co_handlers:
      - {unit: fire_professional_grid, coverage: 12}   # 一人负责十几个网格
```
Use instead:
```yaml
items:
  - id: fire_hazard_small_venues
    name: {zh: 九小场所消防隐患, en: fire hazards in small venues}
    kind: line
    owner: fire_department
    tier: grid
    role: report                      # the grid collects and reports; the department handles
    responsibility: dual
    requires: {handle: [penalty], report: [report]}
    # or keep `role: handle` and sink the power with the item (权随责走):
    # funding: {powers: [penalty]}
```

## Thresholds
- `PE101.max_co_handler_coverage` (default `5`): the most grids one co-handler may cover and still
  count as holding its powers for the tier. A co-handler spread more thinly is ignored.

## Case reference
§3 and §4 of `docs/case.md`: the grid holds no enforcement and no administrative power (网格因此不具备执法权和行政权);
one professional grid worker covers a dozen or more grids (专职网格员做、专业网格员看); the paper calls it
"有责无权"的治理权限悬浮困境.
"""

DOC_ZH = """\
# PE101 有责无权 — responsibility-without-authority

## 检查内容
事项以某种职责方式(办理 `handle`、上报 `report`、协助 `assist`、限时化解或上报 `resolve_or_report`)交由某一层级承担,而这种职责方式所需的权力(`requires`)中,有该层级不具备的。一个层级具备的权力包括:直接授予该层级的权力;授予该层级自有单位的权力(由职能部门派驻、写有派出部门 `sent_by` 的单位,如专业网格员,不属于该层级自有);随事项下放的权力(`funding.powers`);事项的协同处置单位(`co_handlers`)的权力——但只计入覆盖网格数不超过 `PE101.max_co_handler_coverage` 个的协同处置单位(没有写覆盖网格数 `coverage` 的,视为驻在本网格)。只计入生效的授权:没有写有效期(`valid`),或者检查所依据的日期在有效期之内(`lint --on YYYY-MM-DD`,默认为当天)。每个事项报告一条,诊断位于其职责方式(`role`)的取值处,列出所缺的权力,以及具备该权力、但覆盖网格过多的协同处置单位。

写有事项范围(`scope`)的授权,只对范围内的事项计入;写明条线(`line`)的权力,只对该职能部门条线上的事项计入(事项的条线 `line`,没有写时为其主管部门 `owner`)。事项由其他层级共同承担的职责(`roles`)也逐一按同样方式判断,各在其层级,诊断位于该条目的 `role` 处;随事项下放的权力只计入事项的主层级。

## 为何重要
条线部门以属地管理或双重管理的名义把事项压到网格,“管理权和执法权依然收归职能部门所有”。九小场所的消防隐患、占道经营,网格都负有属地责任,可网格员发现了问题“也就只能提醒一下”,“我们需要有处罚权才行”。具备处罚权的是专业网格员,而“一名专业网格员需要同时负责十几个社区网格”,平时很少到场,于是有“专职网格员做、专业网格员看”的说法。纸面上权力是有的,实际上责任落在一个无力履责的层级,事件只能敷衍了结、向上推,或者干脆不报。因此,覆盖网格数超过阈值的协同处置单位不予计入。

## 示例
```yaml
grants:
  - tier: grid
    powers: [report, verify, {power: coordination, scope: street}]
  - unit: fire_professional_grid     # 专业网格员,由职能部门派驻(sent_by)
    powers: [penalty]
items:
  - id: fire_hazard_small_venues
    name: {zh: 九小场所消防隐患, en: fire hazards in small venues}
    kind: line
    owner: fire_department
    tier: grid
    role: handle                      # PE101:网格不具备处罚权
    responsibility: dual
    requires: {handle: [penalty], report: [report]}
    co_handlers:
      - {unit: fire_professional_grid, coverage: 12}   # 一人负责十几个网格
```
改为:
```yaml
items:
  - id: fire_hazard_small_venues
    name: {zh: 九小场所消防隐患, en: fire hazards in small venues}
    kind: line
    owner: fire_department
    tier: grid
    role: report                      # 网格负责发现和上报,由职能部门处置
    responsibility: dual
    requires: {handle: [penalty], report: [report]}
    # 或者保留 `role: handle`,让处罚权随事项下放(权随责走):
    # funding: {powers: [penalty]}
```

## 阈值
- `PE101.max_co_handler_coverage`(默认 `5`):一个协同处置单位最多覆盖多少个网格,其权力仍可计入该层级。覆盖网格更多的协同处置单位,不予计入。

## 案例出处
[案例](../case.zh.md) §3、§4:“网格因此不具备执法权和行政权,仅有对镇街内职能部门的协调权”;一名专业网格员要同时负责十几个乃至更多网格(“专职网格员做、专业网格员看”)。论文在“条线事务治理与治理权限悬浮”一节中,把这种有责无权的状况称为治理权限悬浮。
"""

CHECK = Check(
    code="PE101",
    name="responsibility-without-authority",
    zh="有责无权",
    severity=Severity.WARNING,
    summary="有责无权: the assigned tier lacks a power its role requires",
    finds="the assigned tier lacks a power its role on the item requires",
    per="item",
    at="the item's `role` value",
    reads="`role`, `requires[role]`, powers held (grants in force on the `--on` date, to the tier or its units without `sent_by`; `funding.powers`; attached co-handlers; a grant's item `scope` and `term`, a power's `line`); each of `roles`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="事项交由某一层级承担,而该层级不具备其职责方式所需的某项权力",
    per_zh="一个事项",
    at_zh="事项的职责方式 `role` 的取值",
    reads_zh="事项的职责方式 `role` 及其所需权力 `requires[role]`;层级具备的权力:在 `--on` 日期生效、授予该层级或其自有单位(没有 `sent_by`)的授权,随事项下放的 `funding.powers`,驻格的协同处置单位 `co_handlers`,授权的事项范围 `scope` 和期限 `term`,权力的条线 `line`;事项的每一项其他层级职责 `roles`",
    messages={
        "missing": (
            "item '{item}': tier '{tier}' must {role} it but lacks {powers}{cohandlers}",
            "事项“{item}”:{tier}须{role}该事项,却不具备{powers}{cohandlers}",
        ),
        "thin": (
            "; co-handler '{unit}' holds it but covers {coverage:g} grids (more than {max:g})",
            ";“{unit}”具备该权力,但须同时负责 {coverage:g} 个网格(超过 {max:g} 个),难以到场处置",
        ),
    },
    thresholds={"max_co_handler_coverage": 5},
    find=find,
    explain=explain,
)
