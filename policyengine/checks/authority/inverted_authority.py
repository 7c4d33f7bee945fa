"""PE105 inverted-authority (低治理权): a heavily loaded tier with low authority on the four dimensions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...dates import in_force
from ...diagnostics import Severity, Subject, Violation
from ...vocabulary import DIMENSIONS
from ..base import Check, Step
from ..judgement import cannot_judge
from ..steps import field_at, step

if TYPE_CHECKING:
    from ...statedness import Marker
    from ..context import Context


def _open(ctx: Context) -> dict[str, dict[str, tuple[Any, Marker | None]]]:
    """Per tier, the dimensions a grant in force of the tier (or of a unit of its own) leaves not
    stated — marked, or left out while the grant declares others — each with the first such grant and
    its marker (None: left out). A holder that declares no dimension at all has no level there."""
    found: dict[str, dict[str, tuple[Any, Marker | None]]] = {}
    for grant in ctx.policy.grants:
        written = grant.raw.get("dimensions") if isinstance(grant.raw, dict) else None
        if not written or not isinstance(written, dict) or not in_force(grant.valid, ctx.graph.on):
            continue
        kind, ident = grant.holder
        unit = ctx.policy.units.get(ident) if kind == "unit" else None
        tier = ident if kind == "tier" else (unit.tier if unit and not unit.sent_by else None)
        for dim in DIMENSIONS:
            if tier is not None and dim not in grant.dimensions:
                found.setdefault(tier, {}).setdefault(dim, (grant, grant.marker("dimensions", dim)))
    return found


def _bounds(ctx: Context, open_: dict[str, dict[str, tuple[Any, Marker | None]]]) -> dict[str, tuple[float, float]]:
    """Per tier, its authority at the least and at the most: a dimension not stated is anything from
    the best level stated (0 without one) up to the top of the scale."""
    low = ctx.graph.authority
    share = 1 / len(DIMENSIONS)
    return {
        t: (a, a + sum(share * (1 - (ctx.graph.level(t, d) or 0.0)) for d in open_.get(t, {}))) for t, a in low.items()
    }


def find(ctx: Context) -> Iterator[Violation]:
    ratio = ctx.threshold("PE105", "ratio")
    min_items = ctx.threshold("PE105", "min_items")
    load = ctx.structure.tier_load  # per variant where items or lists belong to one (the most loaded)
    total = sum(load.values())
    if not ctx.graph.authority:
        return
    open_ = _open(ctx)
    bounds = _bounds(ctx, open_)
    for tier_id, tier in ctx.policy.tiers.items():
        if load[tier_id] < min_items:
            continue
        # the reading most favourable to the tier: its authority at the most, every other at the least
        mine = bounds.get(tier_id, (0.0, 0.0))
        reading = {t: (b[1] if t == tier_id else b[0]) for t, b in bounds.items()}
        top_tier = min(reading, key=lambda t: (-reading[t], t))
        top = reading[top_tier]
        if top > 0 and mine[1] * ratio <= top:
            yield Violation(
                "PE105",
                "inverted",
                tier.span,
                Subject("tier", tier_id),
                {
                    "tier": tier_id,
                    "load": load[tier_id],
                    "load_share": load[tier_id] / total if total else 0.0,
                    "authority": mine[1],
                    "top": top,
                    "top_tier": top_tier,
                },
            )
            continue
        # the least favourable: its authority at the least, the strongest other at the most
        worst = max((b[1] for t, b in bounds.items() if t != tier_id), default=0.0)
        if max(worst, mine[0]) > 0 and mine[0] * ratio <= max(worst, mine[0]):
            fields = [
                (f"{grant.id or grant.holder[1]}: dimensions.{d}", marker)
                for t in sorted(open_, key=lambda t: (t != tier_id, t))
                for d, (grant, marker) in sorted(open_[t].items())
                if t == tier_id or bounds[t][1] >= mine[0] * ratio
            ]
            yield cannot_judge("PE105", Subject("tier", tier_id), tier.span, fields)


def _best_grant(ctx: Context, tier_id: str, dim: str) -> Any:
    """The grant in force giving the tier (or a unit of its own) its level on one dimension."""
    own = set(ctx.graph.own_units_at(tier_id))
    best = None
    for grant in ctx.policy.grants:
        kind, ident = grant.holder
        if (
            dim in grant.dimensions
            and in_force(grant.valid, ctx.graph.on)
            and ((kind == "tier" and ident == tier_id) or (kind == "unit" and ident in own))
        ):
            value = ctx.policy.level_value(grant.dimensions[dim])
            if best is None or value > best[0]:
                best = (value, grant)
    return best[1] if best else None


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The tier's load (items and what its lists state beyond them), its level on each dimension and
    the grant that gives it, against the strongest tier, and the ratio against the threshold."""
    tier_id, policy, graph = v.subject.id, ctx.policy, ctx.graph
    p = v.params
    shape = ctx.structure.heaviest(tier_id)  # the variant whose load counts, if any
    declared = sum(1 for i in policy.items.values() if i.tier == tier_id and ctx.structure.within("item", i.id, shape))
    steps = [
        step(
            "load",
            1,
            policy.tiers[tier_id].span,
            tier=tier_id,
            load=p["load"],
            share=p["load_share"],
            items=declared,
            stated=p["load"] - declared,
            min_items=ctx.threshold("PE105", "min_items"),
        )
    ]
    for lst in policy.lists.values():
        if (
            lst.tier == tier_id
            and lst.stated_items is not None
            and lst.kind != "returned"
            and ctx.structure.within("list", lst.id, shape)
        ):
            listed = sum(1 for i in lst.items if i in policy.items and policy.items[i].tier == tier_id)
            steps.append(
                step(
                    "stated_list",
                    2,
                    field_at(lst, "stated", "items") or lst.span,
                    list=lst.id,
                    stated=lst.stated_items,
                    listed=listed,
                    extra=max(0, lst.stated_items - listed),
                )
            )
    top_tier = p["top_tier"]
    for dim in DIMENSIONS:
        grant = _best_grant(ctx, tier_id, dim)
        steps.append(
            step(
                "dimension",
                1,
                grant.at("dimensions", dim) if grant else None,
                dimension=dim,
                level=graph.level(tier_id, dim),
                level_name=grant.dimensions[dim] if grant else None,
                holder=grant.holder[1] if grant else None,
                grant=grant.id if grant else None,
                top_tier=top_tier,
                top_level=graph.level(top_tier, dim),
            )
        )
    ratio = ctx.threshold("PE105", "ratio")
    steps.append(
        step(
            "authority",
            1,
            None,
            tier=tier_id,
            authority=p["authority"],
            top_tier=top_tier,
            top=p["top"],
            ratio=(p["top"] / p["authority"]) if p["authority"] else None,
            threshold=ratio,
        )
    )
    return steps


DOC = """\
# PE105 inverted-authority — 低治理权

## What it finds
A tier that carries a heavy responsibility load while holding at most a fraction of the authority of the
strongest tier. Its load is the number of items assigned to it plus, for each of its lists, the items the
list states (`stated.items`) beyond those it declares that are assigned to the tier (those are already
counted); a list of kind `returned` (上收事项, taken back up from the tier) adds nothing. Its authority is
the mean over the four dimensions (resources, task_setting, timing, assessment) of the level's position
on the scale divided by (number of levels − 1), taking per dimension the highest level granted, by a
grant in force on the date of the run (`lint --on`, default today), to the tier or to a unit of its own
at it — a seconded unit (`sent_by`) lends none (missing = 0). Flagged when load ≥ `PE105.min_items`,
the highest authority of any tier is above 0, and authority × `PE105.ratio` ≤ that highest authority;
at the tier declaration. The measure is absolute, not a share, so removing an item never adds a finding.
A level not stated — written `unstated` or `unknown`, or a dimension a grant leaves out while it
declares others — is a bound: anything from the best level stated (0 without one) to the top of the
scale. A tier is flagged when even the reading most favourable to it (its levels at their highest,
every other tier's at their lowest) is inverted; when only a less favourable reading is, PE010
(cannot-judge) names the levels to state. A tier whose grants declare no dimension at all has none.

When a tier's items or lists belong to variants or instances of it (`variant`, `instance`), its load
is counted per variant or instance — what belongs to none counts for each — and the tier's load is
that of the most loaded one: a list of rural communities does not add to the urban communities' load.

## Why it matters
Responsibilities sink level by level while authority rises level by level (事权逐级下沉、治权逐级上移). The
grid carries 11 categories of routine tasks plus a line list of 13 categories and nearly 1,000 items,
yet it controls no public resources, has no say over what its work is, little over when it is done,
and is assessed by every level above it. The paper places the root of the grid's workarounds —
selective reporting, quota filling, cross-level collusion — and of involution and suspension in this
inverted pair: low governance authority under a pressure-type environment.

## Example
```yaml
grants:
  - tier: district
    dimensions: {resources: high, task_setting: high, timing: high, assessment: full}
  - tier: grid
    dimensions: {resources: none, task_setting: none, timing: low, assessment: none}
lists:
  - id: grid_management_list
    name: {zh: 网格管理事项清单, en: grid management list}
    tier: grid
    kind: duties
    stated: {categories: 13, items: 1000, approximate: true}   # 13大类、近1000项
    # grid: 1,000 items with authority 0.06 against 0.81 at the district
```
Use instead:
```yaml
lists:
  - id: line_department_list
    name: {zh: 条线事项清单, en: line-department list}
    tier: district       # handled by the owner departments; the grid reports what it finds
    kind: duties
    stated: {categories: 13, items: 1000, approximate: true}
    # the grid keeps only admitted items, each declared with the powers and funding that come with it
```

## Thresholds
- `PE105.ratio` (default `2.0`): a loaded tier is flagged when the strongest tier holds at least this
  many times its authority.
- `PE105.min_items` (default `5`): tiers whose load (items plus the lists' undeclared stated items) is
  below this are not judged.

## Case reference
§2 of `docs/case.md` (the four dimensions; 事权逐级下沉、治权逐级上移), §3 (the grid's powers) and §4 (11
categories of routine tasks; 13 categories, nearly 1,000 line items); the paper's title concept: 低治理权.
"""

DOC_ZH = """\
# PE105 低治理权 — inverted-authority

## 检查内容
某一层级承担的责任很重,治理权却至多只有最强层级的几分之一。

- 责任负荷:指派给该层级的事项数,加上该层级各清单所述事项数(`stated.items`)超出清单已列明且指派给该层级的事项(已经计入)的部分;上收事项清单(`kind: returned`)不计入负荷。
- 治理权:在资源调配、任务设定、时间安排、检查考核四个维度(`resources`、`task_setting`、`timing`、`assessment`)上,各取授予该层级或其自有单位、在运行日期(`lint --on`,默认为当天)有效的授权中的最高等级,以该等级在等级表中的位次除以(等级数 − 1),再求四个维度的平均值。派驻单位(写有 `sent_by`)不计入,未授予的维度按 0 计。

负荷不小于 `PE105.min_items`、各层级中的最高治理权大于 0,且该层级治理权 × `PE105.ratio` 不大于最高治理权的,予以报告,诊断位于该层级的声明处。负荷按绝对数计算而非占比,因此删减事项不会新增诊断。

等级未说明的——写为 `unstated` 或 `unknown`,或授权声明了其他维度而未写的维度——视为一个区间:从已说明的最高等级(没有则为 0)到等级表的最高一级。按对该层级最有利的取值(本层级取最高、其他层级取最低)仍然倒挂的,予以报告;只有按较不利的取值才倒挂的,报告 PE010(无法判断),指出需要说明的等级。授权中未声明任何维度的层级,治理权为零。

层级的事项或清单分属不同类型或具体单位(`variant`、`instance`)的,负荷按类型或单位分别计算——不属于任何类型的计入每一类型——取负荷最重者作为该层级的负荷:涉农社区的清单不计入城市社区的负荷。

## 为何重要
事权逐级下沉、治权逐级上移,“越高层级政府的治理权越高,越到基层治理权越低”。网格承担11大类常规性事务,另有13大类、近1000项条线下沉事务,却不掌握公共资源,无权决定做哪些工作,对什么时候做、以多快的节奏做也少有自主,还要接受上面各级的考核。论文认为,网格处于低治理权的结构性位置,又身处压力型环境,选择性报件、凑件、跨级共谋等变通执行,以及网格化管理的内卷化、悬浮化,根源都在于此。

## 示例
```yaml
grants:
  - tier: district
    dimensions: {resources: high, task_setting: high, timing: high, assessment: full}
  - tier: grid
    dimensions: {resources: none, task_setting: none, timing: low, assessment: none}
lists:
  - id: grid_management_list
    name: {zh: 网格管理事项清单, en: grid management list}
    tier: grid
    kind: duties
    stated: {categories: 13, items: 1000, approximate: true}   # 13大类、近1000项
    # 网格:1000项事项,治理权0.06,区为0.81
```
改为:
```yaml
lists:
  - id: line_department_list
    name: {zh: 条线事项清单, en: line-department list}
    tier: district       # 由主管部门办理,网格上报发现的问题
    kind: duties
    stated: {categories: 13, items: 1000, approximate: true}
    # 网格只保留经准入的事项,每项写明随之下放的权力和划转的经费
```

## 阈值
- `PE105.ratio`(默认 `2.0`):最强层级的治理权达到某一负荷较重层级的这一倍数及以上的,报告该层级。
- `PE105.min_items`(默认 `5`):责任负荷(事项数加各清单所述而未列明的事项数)低于此数的层级,不予判断。

## 案例出处
[案例](../case.zh.md) §2(治理权的四个维度;事权逐级下沉、治权逐级上移)、§3(网格的权力)、§4(11大类常规性事务;条线下沉事务13大类、近1000项);论文标题中的概念:低治理权。
"""

CHECK = Check(
    code="PE105",
    name="inverted-authority",
    zh="低治理权",
    severity=Severity.WARNING,
    summary="低治理权: high responsibility load, low authority on the four dimensions",
    finds="a heavily loaded tier with at most 1/ratio of the strongest tier's authority on the four dimensions (seconded units lend none)",
    per="tier",
    at="the tier's `id`",
    reads="items per tier, lists' `kind`, `items` and `stated.items`, grants' `dimensions` (in force, not of units with `sent_by`), `scale`; items' and lists' `variant`/`instance`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="责任负荷较重的层级,四个维度的治理权至多为最强层级的 1/`PE105.ratio`(派驻单位不计入)",
    per_zh="层级",
    at_zh="层级的 `id`",
    reads_zh="各层级的事项,清单的 `kind`、`items` 和 `stated.items`,授权的 `dimensions`(现行有效,不含写有 `sent_by` 的单位),等级表 `scale`;事项和清单的 `variant`/`instance`",
    messages={
        "inverted": (
            "tier '{tier}' carries {load} items ({load_share:.0%} of the load) with authority {authority:.2f} on the four dimensions, against {top:.2f} at '{top_tier}'",
            "{tier}承担 {load} 项事项(占全部事项的 {load_share:.0%}),但在资源调配、任务设定、时间安排、检查考核四个维度上的治理权得分仅为 {authority:.2f},{top_tier}为 {top:.2f}",
        ),
    },
    thresholds={"ratio": 2.0, "min_items": 5},
    find=find,
    explain=explain,
)
