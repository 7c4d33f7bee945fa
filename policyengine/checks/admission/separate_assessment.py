"""PE205 separate-assessment (另行考核): an assessor other than the admission reviewer assesses a tier on an
item admitted to its lists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Joined, Quoted, msg
from ..assessed import assessed
from ..base import Check, Step
from ..steps import related
from .lists import admitted, admitted_by, admitted_in, cited, protected_by

if TYPE_CHECKING:
    from ..context import Context


def _cooperation_items(ctx: Context, tier: str) -> dict[str, tuple[str, ...]]:
    """The items on a tier's `cooperation` lists (by id or category), each with those lists in declared
    order."""

    def compute() -> dict[str, tuple[str, ...]]:
        policy, found = ctx.policy, dict[str, tuple[str, ...]]()
        for lst in policy.lists.values():
            if lst.tier != tier or lst.kind != "cooperation":
                continue
            categories = set(lst.categories)
            on = set(lst.items) | {i.id for i in policy.items.values() if i.category in categories}
            for item_id in sorted(on):
                found[item_id] = (*found.get(item_id, ()), lst.id)
        return found

    result: dict[str, tuple[str, ...]] = ctx.graph.memo(("cooperation-items", tier), compute)
    return result


def cooperation(ctx: Context) -> Iterator[Violation]:
    """An assessment of a tier on items of its cooperation lists, where a `no_cooperation_assessment`
    provision (不得对配合事项考核) protects the tier and covers the item: the tier only assists on them,
    the owner answers."""
    policy = ctx.policy
    for regime in policy.regimes.values():
        tier = ctx.graph.tier_of(regime.assessed)
        if tier is None or regime.kind != "assessment":
            continue
        provisions = protected_by(ctx, tier, ("no_cooperation_assessment",))
        on_lists = _cooperation_items(ctx, tier) if provisions else {}
        if not on_lists:
            continue
        if regime.items or regime.categories:
            named = {i for i in regime.items if i in on_lists}
            categories = set(regime.categories)
            named |= {i for i in on_lists if i in policy.items and policy.items[i].category in categories}
        else:
            named = {i for i in on_lists if i in policy.items and policy.items[i].owner == regime.assessor}
        covering = {i: [p for p in provisions if policy.provisions[p].concerns(i, on_lists[i])] for i in named}
        items = tuple(sorted(i for i in named if covering[i]))
        if items:
            cited = tuple(p for p in provisions if any(p in covering[i] for i in items))
            yield Violation(
                "PE205",
                "cooperation",
                regime.at("assessor"),
                Subject("assessment", regime.id),
                {
                    "regime": regime.id,
                    "assessor": regime.assessor,
                    "assessed": assessed(ctx.policy, regime.assessed),
                    "items": Quoted(items),
                    "lists": Quoted(tuple(sorted({lst for i in items for lst in on_lists[i]}))),
                    "provisions": Quoted(cited),
                },
            )


def find(ctx: Context) -> Iterator[Violation]:
    yield from separate(ctx)
    yield from cooperation(ctx)


def separate(ctx: Context) -> Iterator[Violation]:
    """An assessor other than the admission reviewer assessing a tier on an item admitted to it."""
    policy = ctx.policy
    for regime in policy.regimes.values():
        tier = ctx.graph.tier_of(regime.assessed)
        if regime.assessor not in policy.units or tier is None or regime.kind != "assessment":
            continue  # an inspection, rating or certification is PE209's
        on_lists = admitted(ctx, tier)
        if not on_lists:
            continue
        if regime.items or regime.categories:  # what the regime names, looked up, not scanned
            candidates = {i for i in regime.items if i in on_lists}
            candidates |= {i for c in regime.categories for i in admitted_in(ctx, tier, "category", c)}
        else:
            candidates = set(admitted_in(ctx, tier, "owner", regime.assessor))
        flagged = sorted(i for i in candidates if regime.assessor not in on_lists[i])  # independent of order
        if not flagged:
            continue
        procedures = admitted_by(ctx, tier)
        named = {policy.admissions[p].reviewer for i in flagged for p in procedures[i]} - {None}
        # units by id, then the other parties as written: independent of declaration order
        shown = sorted((p for p in named if p is not None), key=lambda p: (p.unit is None, p.unit or "", repr(p)))
        provisions = protected_by(ctx, tier, ("no_separate_assessment",))
        yield Violation(
            "PE205",
            "separate",
            regime.at("assessor"),
            Subject("assessment", regime.id),
            {
                "regime": regime.id,
                "assessor": regime.assessor,
                "assessed": assessed(ctx.policy, regime.assessed),
                "items": Quoted(tuple(flagged)),
                "reviewers": msg("PE205.reviewers", reviewers=Joined(tuple(p.text() for p in shown), "sep.list"))
                if shown
                else msg("PE205.no_reviewer"),
                "against": msg("PE205.breaches", provisions=Quoted(provisions))
                if provisions
                else msg("PE205.unprohibited", tier=tier),
            },
        )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names, and the provisions it cites."""
    return related(ctx.policy, v) + cited(ctx, v)


DOC = """\
# PE205 separate-assessment — 另行考核

## What it finds
A regime whose assessor assesses a tier separately on an item admitted to it. For each assessment
regime whose `assessor` is a declared unit: the assessed tier is `assessed` (a tier, or the tier of the
unit named). The **admitted items** are the items assigned to that tier on one of its lists (other than
`returned`, by id or by category) governed by an admission procedure in force on the `--on` date. An
item is **assessed on** when it is in the regime's `items`, or its `category` is in the regime's
`categories`, or — when the regime names neither — when the assessor is the item's `owner`. The regime is
flagged when it assesses the tier on an admitted item and its assessor is none of the units the
`reviewer` of a procedure governing that item can mean for it (a reviewer is a party: a unit, the
bodies of a tier, a relation such as `item_owner` resolved for the item, or `any_of`/`all_of` several,
of which any member counts; see "Parties" in docs/policy-format.md). The message names the reviewers
as the procedures write them. One finding per regime, at its `assessor` value, listing the items (sorted by id).
Only regimes of `kind: assessment` (the default) are judged here; an inspection, rating or certification
is PE209's. The message then cites the `provisions` of kind `no_separate_assessment` that protect the
assessed tier (不得另行考核), by id; or, when the policy declares none for that tier, says that it declares
no prohibition of separate assessment there (the same finding; the remedy is to state the prohibition).
An item's being rejected by the criteria does not matter here (that is PE201): being on a governed list
is what counts.

A second finding, at the same place, concerns cooperation items (配合事项): where the policy declares a
`provisions` entry of kind `no_cooperation_assessment` (不得对配合事项考核) protecting the assessed tier,
an assessment regime (of any assessor) that assesses the tier on items of its `cooperation` lists (by id
or category; when the regime names neither `items` nor `categories`, the cooperation items its assessor
owns) is flagged, citing the provision and the lists. A provision that names `items` or `lists` covers
only the items it names or that are on the lists it names. Without such a provision, assessing
cooperation items is not judged.

## Why it matters
Admission moves an item onto the tier together with its powers and money; if the department that pushed
it down keeps assessing the tier on it by itself, the tier answers to one more assessor per admitted item.
In H District assessments come from the district centre, the street and the community, all landing on the
grid worker; the admission mechanism only helps if what it admits is assessed through it.

## Example
```yaml
admission:
  - {id: grid_admission, tier: grid, reviewer: district_centre}
lists:
  - {id: grid_line_list, tier: grid, kind: duties, items: [fire_hazard_reporting]}
assessments:
  - id: fire_department_check
    assessor: fire_department                 # PE205 here
    assessed: grid
    items: [fire_hazard_reporting]
```
Use instead:
```yaml
assessments:
  - id: grid_admitted_items_check
    assessor: district_centre                 # the admission reviewer assesses what it admitted
    assessed: grid
    items: [fire_hazard_reporting]
```
`examples/admission/separate_assessment/` is the whole example.

## Thresholds
None. The date is `lint --on` (default: today).

## Case reference
§6 of `docs/case.md` (assessments from several levels, all landing on the grid worker) and §8 (the
grid-management agency reviews admission).
"""

DOC_ZH = """\
# PE205 另行考核 — separate-assessment

## 检查内容
考核主体就已准入的事项,对某一层级另行考核。逐一判断考核主体(`assessor`)为已声明单位的各项考核:被考核层级为考核对象(`assessed`)——写的是层级的即该层级,写的是单位的即该单位所在层级。**已准入事项**,是指派给该层级、列入其某份清单(上收事项清单除外,按编号或按类别)、且该清单受 `--on` 日期有效的准入程序管辖的事项。事项在考核的事项范围(`items`)中,或其类别在考核的类别范围(`categories`)中,或者——考核两者都未写时——考核主体就是事项的主管部门(`owner`),即为**就该事项考核**。考核就已准入事项考核该层级,而考核主体不是管辖该事项的任一准入程序的审核方(`reviewer`)就该事项所指的任何单位的,予以报告。审核方是一个主体:一个单位、某一层级的机构、按关系确定的机构(如 `item_owner`,按该事项确定),或以 `any_of`/`all_of` 组合的多个主体,其中任一成员均可(见[政策格式](../policy-format.zh.md)中关于主体的说明)。诊断按准入程序的写法列出审核方。每项考核一条诊断,位于其考核主体值处,列出所涉事项(按编号排序)。

这里只判断考核类(`kind: assessment`,默认)的考核;检查、评比和证明事项由 PE209 判断。诊断随后列出保护被考核层级、不得另行考核的条款(`provisions` 中 `kind: no_separate_assessment`);政策未为该层级作此规定的,说明政策未规定不得对其另行考核(同一诊断;纠正办法是写明这一禁止性规定)。事项是否符合准入标准,在此不论(由 PE201 判断):只看它是否列在受准入程序管辖的清单中。

第二类诊断位置相同,针对配合事项:政策为被考核层级规定了不得对配合事项考核的条款(`provisions` 中 `kind: no_cooperation_assessment`)的,任何考核主体就该层级配合事项清单(`kind: cooperation`)中的事项考核该层级(按编号或按类别;考核既未写事项范围也未写类别范围的,以考核主体作为主管部门的配合事项为准),都予以报告,并列出该条款和清单。条款写明适用事项(`items`)或清单(`lists`)的,只适用于所列事项和所列清单中的事项。未作此规定的,不判断对配合事项的考核。

## 为何重要
准入把事项连同相应的权力和经费一并交给承接层级;下沉事项的职能部门如果仍就这些事项自行考核该层级,每准入一个事项,该层级就多一个考核主体。H区的考核来自区社会治理中心、街道和社区,最终都落到网格员身上;准入的事项只有经由准入机制考核,准入机制才能真正起作用。

## 示例
```yaml
admission:
  - {id: grid_admission, tier: grid, reviewer: district_centre}
lists:
  - {id: grid_line_list, tier: grid, kind: duties, items: [fire_hazard_reporting]}
assessments:
  - id: fire_department_check
    assessor: fire_department                 # PE205 报告于此
    assessed: grid
    items: [fire_hazard_reporting]
```
改为:
```yaml
assessments:
  - id: grid_admitted_items_check
    assessor: district_centre                 # 由准入审核部门考核其准入的事项
    assessed: grid
    items: [fire_hazard_reporting]
```
完整示例见 `examples/admission/separate_assessment/`。

## 阈值
无。判断日期为 `lint --on` 指定的日期(默认为当天)。

## 案例出处
[案例](../case.zh.md) §6(多个层级同时考核,最终都落到网格员身上)、§8(由网格化管理机构审核事项准入)。
"""

CHECK = Check(
    code="PE205",
    name="separate-assessment",
    zh="另行考核",
    severity=Severity.WARNING,
    summary="a department assesses a tier separately on an admitted item",
    finds="an assessor other than the admission reviewer assessing a tier on an item admitted to its lists; an assessment on cooperation items where `no_cooperation_assessment` protects the tier",
    per="regime",
    at="the regime's `assessor` value",
    reads="`assessments` (`assessor`, `assessed`, `items`, `categories`), items' `owner` and `category`, governed lists, procedures' `reviewer`, `cooperation` lists, `provisions` (`no_separate_assessment`, `no_cooperation_assessment`)",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="准入审核部门以外的考核主体,就已准入某一层级清单的事项考核该层级;保护该层级的条款规定不得对配合事项考核,仍就配合事项考核",
    per_zh="考核",
    at_zh="考核的 `assessor` 值",
    reads_zh="考核 `assessments` 的 `assessor`、`assessed`、`items`、`categories`,事项的 `owner` 和 `category`,受准入程序管辖的清单,准入程序的 `reviewer`,`cooperation` 类清单,`provisions`(`no_separate_assessment`、`no_cooperation_assessment`)",
    messages={
        "separate": (
            "'{assessor}' assesses {assessed} separately on admitted item(s) {items} (regime '{regime}'; {reviewers}); {against}",
            "“{assessor}”就已准入的事项{items}对{assessed}另行考核(考核“{regime}”;{reviewers});{against}",
        ),
        "breaches": ("this breaches provision {provisions}", "违反规定{provisions}"),
        "unprohibited": (
            "the policy declares no prohibition of separate assessment of '{tier}'",
            "政策未规定不得对{tier}另行考核",
        ),
        "reviewers": ("the admission reviewer is {reviewers}", "准入审核部门为{reviewers}"),
        "no_reviewer": ("no admission reviewer is named", "未指定准入审核部门"),
        "cooperation": (
            "'{assessor}' assesses {assessed} on cooperation item(s) {items} of list(s) {lists} (regime '{regime}'); "
            "this breaches provision {provisions}",
            "“{assessor}”就{lists}中的配合事项{items}对{assessed}考核(考核“{regime}”);违反规定{provisions}",
        ),
        # whom the regime assesses: a tier stands unquoted in the Chinese templates, a unit quoted
    },
    find=find,
    explain=explain,
)
