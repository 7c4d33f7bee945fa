"""PE102 unfunded-mandate (费随事转缺失): an item pushed below its owner's tier without money or people
covering its cost."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...decisions import CONDITIONAL, Decision
from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Quoted, msg
from ..admission.lists import cited
from ..base import Check, Step
from ..judgement import cannot_judge
from ..steps import assigned, field_at, step

if TYPE_CHECKING:
    from ...model import Item
    from ...span import Span
    from ...statedness import Marker
    from ..context import Context

    Bound = tuple[float, float]  # the least and the most a value may be
    Unstated = tuple[str, Marker | None]  # a field that is not stated: its name and marker (None: absent)
    Where = tuple[Span, Subject, dict[str, Any]]  # where the finding is, what about, its message's base


def _transfer(ctx: Context, item: Item) -> Decision | None:
    """The admission decision that admits the item on condition of a transfer: that money and those
    people move with the item as its funding does (费随事转、人随事转), so they count towards its cost."""
    decision = ctx.decision(item)
    if decision is None or decision.decision != CONDITIONAL or not (decision.money or decision.people):
        return None
    return decision


INF = float("inf")


def _funded(ctx: Context, item: Item) -> tuple[Bound, Bound, list[Unstated]]:
    """Money and people moving with the item, each as (least, most): its declared funding plus an
    admission's transfer. Funding absent or marked reads as not stated: anything from none up."""
    marked: list[Unstated] = []
    money, people = _stated(item, "money_yuan_per_year", marked), _stated(item, "people", marked)
    transfer = _transfer(ctx, item)
    if transfer is not None:
        money, people = (
            (money[0] + transfer.money, money[1] + transfer.money),
            (
                people[0] + transfer.people,
                people[1] + transfer.people,
            ),
        )
    return money, people, marked


def _stated(item: Item, name: str, marked: list[Unstated]) -> Bound:
    whole = item.marker("funding")
    if item.funding is None:
        if not marked:
            marked.append(("funding", whole))
        return (0.0, INF)
    field = item.marker("funding", name)
    if field is not None:
        marked.append((f"funding.{name}", field))
        return (0.0, INF)
    value = float(getattr(item.funding, name))
    return (value, value)


def _cost(item: Item, name: str, marked: list[Unstated]) -> Bound | None:
    """A cost as (least, most): None when not declared (not compared, as before), any when marked."""
    found = item.marker("cost", name)
    if found is not None:
        marked.append((f"cost.{name}", found))
        return (0.0, INF)
    value = getattr(item.cost, name)
    return None if value is None else (value, value)


def _judge(
    reading: tuple[float, float, float | None, float | None], per_person: float, cover: float, at: Where
) -> Violation | None:
    """The finding one reading of money, people, yuan and hours gives, as the check has always judged."""
    money, people, yuan, hours = reading
    span, subject, base = at
    if money == 0 and people == 0:
        declared = [v for v in (yuan, hours) if v is not None]
        return None if declared and all(v == 0 for v in declared) else Violation("PE102", "none", span, subject, base)
    if yuan is not None and money < yuan * cover:
        return Violation("PE102", "money", span, subject, {**base, "money": money, "cost": yuan})
    if hours is not None and people * per_person < hours * cover:
        return Violation("PE102", "people", span, subject, {**base, "hours": people * per_person, "cost": hours})
    return None


def find(ctx: Context) -> Iterator[Violation]:
    cover = ctx.threshold("PE102", "min_coverage")
    default_hours = ctx.threshold("PE102", "hours_per_person_month")
    for item in ctx.policy.items.values():
        origin = ctx.graph.origin_of(item)
        if origin is None or not ctx.graph.is_below(item.tier, origin):
            continue
        money, people, marked = _funded(ctx, item)
        yuan, hours = _cost(item, "yuan_per_year", marked), _cost(item, "hours_per_month", marked)
        per_person = ctx.graph.hours_per_person(item.tier) or default_hours
        at = (
            item.at("tier"),
            Subject("item", item.id),
            {"item": item.id, "tier": item.tier, "origin": origin, "against": _against(ctx, item)},
        )
        # judged under the reading most favourable to the item (most funding, least cost), then the least:
        # what is flagged even at the most is a defect; what only the least flags, the check cannot judge
        most = (money[1], people[1], yuan and yuan[0], hours and hours[0])
        least = (money[0], people[0], yuan and yuan[1], hours and hours[1])
        found = _judge(most, per_person, cover, at)
        if found is not None:
            yield found
        elif _judge(least, per_person, cover, at) is not None:
            first = marked[0][0].split(".")
            written = isinstance(item.raw, dict) and first[0] in item.raw
            yield cannot_judge("PE102", at[1], item.at(*first) if written else at[0], marked)


def _against(ctx: Context, item: Item) -> object:
    """The `no_cost_shifting` provisions (不得将支出责任转移或变相转移) that protect the item's tier and cover
    it, cited by id; nothing when none is declared, since most documents state cost transfer as a
    principle only."""
    policy = ctx.policy
    shifting = [p for p in policy.provisions.values() if p.kind == "no_cost_shifting" and p.tier == item.tier]
    if not shifting:  # the common case: no list scan for every pushed-down item
        return ""
    on_lists = [lst.id for lst in policy.lists.values() if item.id in lst.items or item.category in lst.categories]
    cited = tuple(p.id for p in shifting if p.concerns(item.id, on_lists))
    return msg("PE102.breaches", provisions=Quoted(cited)) if cited else ""


def explain(ctx: Context, v: Violation) -> list[Step]:
    """Where the item comes from and the path down to its tier, its cost, what moves with it, the gap, and
    the provisions the message cites."""
    item, graph = ctx.policy.items[v.subject.id], ctx.graph
    origin = graph.origin_of(item)
    owner = ctx.policy.units.get(item.owner) if item.owner else None
    steps = [
        assigned(item, item.at("tier")),
        step(
            "origin",
            1,
            field_at(item, "owner") if owner else field_at(item, "issued_by"),
            owner=item.owner,
            owner_tier=owner.tier if owner else None,
            issued_by=item.issued_by,
            origin=origin,
        ),
    ]
    path = [item.tier]
    for tier in graph.ancestors(item.tier):
        path.append(tier)
        if tier == origin:
            break
    steps.append(step("pushdown", 1, ctx.policy.tiers[item.tier].span, origin=origin, tier=item.tier, path=path))
    steps.append(
        step(
            "cost",
            1,
            field_at(item, "cost"),
            hours_per_month=item.cost.hours_per_month,
            yuan_per_year=item.cost.yuan_per_year,
        )
    )
    funding = item.funding
    steps.append(
        step(
            "funding",
            1,
            field_at(item, "funding"),
            declared=funding is not None,
            money_yuan_per_year=funding.money_yuan_per_year if funding else 0.0,
            people=funding.people if funding else 0.0,
            powers=list(funding.powers) if funding else [],
        )
    )
    transfer = _transfer(ctx, item)
    if transfer is not None:
        steps.append(
            step(
                "transfer",
                1,
                ctx.policy.admissions[transfer.procedure].span if transfer.procedure else v.span,
                procedure=transfer.procedure,
                rule=transfer.rule,
                money=transfer.money,
                people=transfer.people,
            )
        )
    return [*steps, _gap(ctx, v), *cited(ctx, v)]


def _gap(ctx: Context, v: Violation) -> Step:
    cover = ctx.threshold("PE102", "min_coverage")
    if v.key == "money":
        money, cost = float(v.params["money"]), float(v.params["cost"])
        return step(
            "gap",
            1,
            v.span,
            measure="money",
            provided=money,
            needed=cost * cover,
            gap=cost * cover - money,
            min_coverage=cover,
        )
    if v.key == "people":
        hours, cost = float(v.params["hours"]), float(v.params["cost"])
        per_person = ctx.graph.hours_per_person(ctx.policy.items[v.subject.id].tier)
        return step(
            "gap",
            1,
            v.span,
            measure="hours",
            provided=hours,
            needed=cost * cover,
            gap=cost * cover - hours,
            min_coverage=cover,
            hours_per_person_month=per_person or ctx.threshold("PE102", "hours_per_person_month"),
            hours_from=("unit" if per_person else "threshold"),
        )
    return step("gap", 1, v.span, measure="none", provided=0.0, needed=None, gap=None, min_coverage=cover)


DOC = """\
# PE102 unfunded-mandate — 费随事转缺失

## What it finds
An item pushed down: its owner unit's tier (or, without an owner, its `issued_by` tier) is above its
assigned tier — and its `funding` does not cover its `cost`. Flagged when the funding has neither money
nor people (unless the declared cost is zero); or `money_yuan_per_year` is below
`cost.yuan_per_year` × `PE102.min_coverage`; or `people` × `PE102.hours_per_person_month` is below
`cost.hours_per_month` × `PE102.min_coverage`. Money and people that an admission procedure's
criteria transfer when they admit the item on condition (`transfer(money = …, people = …)`, as
`admit` decides on the judged date) count as funding too. The finding is at the item's `tier` value.
Funding not stated — `funding` omitted or written `unstated`/`unknown`, whole or a field — is anything
from none up, and a `cost` field so written anything from 0 up: the item is flagged when even the
reading most favourable to it (most funding, least cost) leaves the cost uncovered, and PE010
(cannot-judge) names what to state when only a less favourable reading does. `funding:
{money_yuan_per_year: 0, people: 0}` states that nothing follows the item.
When the policy declares a `provisions` entry of kind `no_cost_shifting` (不得将支出责任转移或变相转移)
protecting the item's tier, the message cites it by id; a provision that names `items` or `lists` is cited
only for the items it names or that are on the lists it names (by id or category).

## Why it matters
In H District the grid "does not control any public resources": the full-time workers are hired by the
district centre through a labour-dispatch company, paid from the district budget, with allowances and
activity funds from the street's governance budget. As nearly 1,000 line items were pushed down, the
resources the grid controls did not grow with them. Money was not lacking overall — grid management cost 88,948,800 yuan
in 2019, mostly salaries and system maintenance — yet workers say "it's not that we can't find problems, we
have no way to solve them": high input, low governance (involution). The paper's remedy is that
departments sinking an item also allocate the grid's funds for it.

## Example
```yaml
items:
  - id: street_stall
    name: {zh: 占道经营, en: street stall blocking the road}
    kind: line
    owner: urban_management_bureau   # a district department
    tier: grid
    role: resolve_or_report
    responsibility: dual
    cost: {hours_per_month: 83, yuan_per_year: 6000}   # illustrative figures
```
Use instead:
```yaml
items:
  - id: street_stall
    name: {zh: 占道经营, en: street stall blocking the road}
    kind: line
    owner: urban_management_bureau
    tier: grid
    role: resolve_or_report
    responsibility: dual
    cost: {hours_per_month: 83, yuan_per_year: 6000}   # illustrative figures
    funding: {money_yuan_per_year: 6000, people: 0.5}  # 0.5 × 166 h ≥ 83 h (费随事转)
```

## Thresholds
- `PE102.min_coverage` (default `1.0`): the share of the item's cost that the funding must cover, for
  money and for working hours alike; `0.8` would accept funding of 80% of the cost.
- `PE102.hours_per_person_month` (default `166`): the working hours one funded person gives per month,
  used to turn `funding.people` into hours.

## Case reference
§3 of `docs/case.md` (salaries from the district budget, allowances from the street's); §4 (13 categories,
nearly 1,000 line items: 网格所掌握的治理资源却没有相应增加); §7 (2019 spending 88,948,800 yuan, 内卷化); §8
(权随责走、费随事转, 合理划拨网格经费).
"""

DOC_ZH = """\
# PE102 费随事转缺失 — unfunded-mandate

## 检查内容
事项下沉,而随之划转的经费和人员不足以覆盖其成本。事项主管单位(`owner`)所在层级高于事项的承接层级(`tier`)的,即为下沉;未写主管单位的,以签发层级(`issued_by`)为准。有下列情形之一的,予以报告:

- 既没有资金也没有人员随事项划转(`funding`),而事项声明的成本(`cost`)不为零,或未声明成本;
- 每年划转资金(`money_yuan_per_year`)低于每年成本(`cost.yuan_per_year`)× `PE102.min_coverage`;
- 划转人员数(`people`)折算的每月工时低于每月所需工时(`cost.hours_per_month`)× `PE102.min_coverage`。每人每月工时取承接层级单位声明的数值(`hours_per_person_month`),未声明的取 `PE102.hours_per_person_month`。

准入程序的准入标准以划转经费、人员为条件准入该事项的(`transfer(money = …, people = …)`,以 `admit` 在判断日期作出的决定为准),划转的经费和人员一并计入。诊断位于事项的承接层级值处。

经费未说明的——未写 `funding`,或整体、某一项写为 `unstated`/`unknown`——视为从零到任意多;成本中某一项如此书写的,视为从 0 起的任意值。按对事项最有利的取值(经费最多、成本最低)仍不能覆盖成本的,予以报告;只有按较不利的取值才不能覆盖的,报告 PE010(无法判断),指出需要说明的内容。写明 `funding: {money_yuan_per_year: 0, people: 0}`,表示确无经费和人员随事项划转。

政策规定了保护该承接层级、不得将支出责任转移或变相转移的条款(`provisions` 中 `kind: no_cost_shifting`)的,诊断列出该条款;条款写明适用事项(`items`)或清单(`lists`)的,只对所列事项和所列清单中的事项(按编号或类别)列出。

## 为何重要
H区网格不掌握公共资源:专职网格员“没有正式行政身份,由区社会治理中心以劳务派遣方式从劳务公司统一招聘,工资由区级财政承担”,津贴和活动经费从镇街社会治理经费中列支。近千项条线事务下沉到网格,而“在各项治理事务被不断下压至网格的过程中,网格所掌握的治理资源却没有相应增加”。总投入并不少,“仅2019年该区网格化管理项目支出就达8894.88万元,主要用于专职网格员工资支出和网格技术系统维护费用”;网格员却说,发现的问题自己解决不了。投入多、治理成效少,即内卷化。论文的对策是按照权随责走、费随事转的原则,职能部门下沉事项的同时,合理划拨网格履职所需的经费。

## 示例
```yaml
items:
  - id: street_stall
    name: {zh: 占道经营, en: street stall blocking the road}
    kind: line
    owner: urban_management_bureau   # 区级职能部门
    tier: grid
    role: resolve_or_report
    responsibility: dual
    cost: {hours_per_month: 83, yuan_per_year: 6000}   # 示意数字
```
改为:
```yaml
items:
  - id: street_stall
    name: {zh: 占道经营, en: street stall blocking the road}
    kind: line
    owner: urban_management_bureau
    tier: grid
    role: resolve_or_report
    responsibility: dual
    cost: {hours_per_month: 83, yuan_per_year: 6000}   # 示意数字
    funding: {money_yuan_per_year: 6000, people: 0.5}  # 0.5人 × 166小时 ≥ 83小时(费随事转)
```

## 阈值
- `PE102.min_coverage`(默认 `1.0`):经费和人员工时各自至少须覆盖的成本比例;设为 `0.8`,即经费达到成本的80%即不报告。
- `PE102.hours_per_person_month`(默认 `166`):每名划转人员每月提供的工时,用于把人员数折算为工时;承接层级的单位声明了每人每月工时的,以单位声明为准。

## 案例出处
[案例](../case.zh.md) §3(专职网格员工资由区级财政负担,津贴和活动经费从镇街社会治理经费中列支);§4(条线下沉事务13大类、近1000项);§7(2019年网格化管理支出88,948,800元,内卷化);§8(权随责走、费随事转)。
"""

CHECK = Check(
    code="PE102",
    name="unfunded-mandate",
    zh="费随事转缺失",
    severity=Severity.WARNING,
    summary="费随事转: an item pushed down without money or people for its cost",
    finds="an item pushed below its owner's tier without money or people covering its cost",
    per="item",
    at="the item's `tier` value",
    reads="`owner` (its tier) or `issued_by`, the tier tree, `cost`, `funding.money_yuan_per_year`, `funding.people`, the `transfer` of a conditional admission, units' `hours_per_person_month`, `provisions` of kind `no_cost_shifting`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="事项下沉到主管单位所在层级以下,随之划转的经费或人员不足以覆盖其成本",
    per_zh="事项",
    at_zh="事项的 `tier` 值",
    reads_zh="事项的 `owner`(取其所在层级)或 `issued_by`,层级结构,事项的 `cost`、`funding.money_yuan_per_year`、`funding.people`,附条件准入的 `transfer`,单位的 `hours_per_person_month`,`no_cost_shifting` 类的 `provisions`",
    messages={
        "none": (
            "item '{item}' is pushed from '{origin}' down to '{tier}' with no money and no people{against}",
            "事项“{item}”从{origin}下沉至{tier},未随之划转经费和人员{against}",
        ),
        "money": (
            "item '{item}' is pushed down to '{tier}' with {money:g} yuan/year for a cost of {cost:g} yuan/year{against}",
            "事项“{item}”下沉至{tier},随之划转的经费每年 {money:g} 元,而成本每年 {cost:g} 元{against}",
        ),
        "people": (
            "item '{item}' is pushed down to '{tier}' with {hours:g} person-hours/month for a cost of {cost:g} hours/month{against}",
            "事项“{item}”下沉至{tier},随之划转的人员每月 {hours:g} 工时,而所需工时每月 {cost:g} 工时{against}",
        ),
        "breaches": ("; this breaches provision {provisions}", ";违反规定{provisions}"),
    },
    thresholds={"min_coverage": 1.0, "hours_per_person_month": 166},
    find=find,
    explain=explain,
)
