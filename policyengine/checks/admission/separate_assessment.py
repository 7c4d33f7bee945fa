"""PE205 separate-assessment (另行考核): an assessor other than the admission reviewer assesses a tier on an
item admitted to its lists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Joined, Quoted, msg
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
                    "assessed": regime.assessed,
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
                "assessed": regime.assessed,
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
考核主体就已准入的事项对某一层级另行考核。被考核层级为 `assessed`(层级,或所指单位的层级)。已准入事项指在该层级清单
(`returned` 除外,按 id 或类别)中、且该清单受 `--on` 日期有效的准入程序管辖的事项。考核内容:事项在考核的 `items` 中,
或其类别在 `categories` 中;考核两者都未写时,以考核主体为事项主管部门(`owner`)者为准。考核主体不是管辖该事项的任何程序的
审核部门(`reviewer`)可指的任何单位时报告(审核方是一个主体:单位、某层级的机构、按关系确定的机构如
`item_owner`(按该事项解析),或 `any_of`/`all_of` 多个主体,其中任一成员均算;见 docs/policy-format.md“Parties”)。
消息按程序的写法列出审核方。每个考核一条诊断,位于 `assessor` 值处,列出事项。只判断 `kind: assessment`(默认)的考核;
检查、评比和证明由 PE209 判断。消息随后列出保护被考核层级的 `no_separate_assessment` 类规定(不得另行考核)的 id;
政策没有为该层级作此规定时,则说明政策未规定不得对其另行考核(同一诊断;纠正办法是写明该禁止性规定)。

第二类诊断(位置相同)针对配合事项:政策为被考核层级规定了 `no_cooperation_assessment` 类规定(不得对配合事项考核)时,
考核(无论考核主体是谁)就该层级 `cooperation` 清单中的事项(按 id 或类别;考核既未写 `items` 也未写 `categories` 时,
以考核主体为主管部门的配合事项为准)对该层级考核的,报告并列出该规定和清单。规定写明 `items` 或 `lists` 的,只适用于其所列
事项或所列清单中的事项。未作此规定时,不判断对配合事项的考核。

## 为何重要
准入把事项连同权力和经费一起交给该层级;如果下压事项的部门仍就此另行考核,每准入一个事项,该层级就多一个考核主体。
H区的考核来自区中心、街道和社区,最终都落在网格员身上;只有通过准入机制考核其准入的事项,准入机制才有帮助。

## 示例
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
改为:
```yaml
assessments:
  - id: grid_admitted_items_check
    assessor: district_centre                 # the admission reviewer assesses what it admitted
    assessed: grid
    items: [fire_hazard_reporting]
```
`examples/admission/separate_assessment/` is the whole example.

## 阈值
TODO None. The date is `lint --on` (default: today).

## 案例出处
TODO §6 of `docs/case.md` (assessments from several levels, all landing on the grid worker) and §8 (the
grid-management agency reviews admission).
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
    finds_zh="an assessor other than the admission reviewer assessing a tier on an item admitted to its lists; an assessment on cooperation items where `no_cooperation_assessment` protects the tier",
    per_zh="regime",
    at_zh="the regime's `assessor` value",
    reads_zh="`assessments` (`assessor`, `assessed`, `items`, `categories`), items' `owner` and `category`, governed lists, procedures' `reviewer`, `cooperation` lists, `provisions` (`no_separate_assessment`, `no_cooperation_assessment`)",
    messages={
        "separate": (
            "'{assessor}' assesses '{assessed}' separately on admitted item(s) {items} (regime '{regime}'; {reviewers}); {against}",
            "“{assessor}”就已准入的事项{items}对“{assessed}”另行考核(考核“{regime}”;{reviewers});{against}",
        ),
        "breaches": ("this breaches provision {provisions}", "违反规定{provisions}"),
        "unprohibited": (
            "the policy declares no prohibition of separate assessment of '{tier}'",
            "政策未规定不得对{tier}另行考核",
        ),
        "reviewers": ("the admission reviewer is {reviewers}", "准入审核部门为{reviewers}"),
        "no_reviewer": ("no admission reviewer is named", "未指定准入审核部门"),
        "cooperation": (
            "'{assessor}' assesses '{assessed}' on cooperation item(s) {items} of list(s) {lists} (regime '{regime}'); "
            "this breaches provision {provisions}",
            "“{assessor}”就{lists}清单中的配合事项{items}对“{assessed}”考核(考核“{regime}”);违反规定{provisions}",
        ),
    },
    find=find,
    explain=explain,
)
