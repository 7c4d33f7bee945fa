"""PE207 returned-item-still-assigned (上收事项未落实): an item on a tier's list of items taken back up
(`returned`, 上收事项) that the policy still assigns to that tier."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ..base import Check, Step
from ..steps import assigned, related
from .lists import entries

if TYPE_CHECKING:
    from ..context import Context


def find(ctx: Context) -> Iterator[Violation]:
    policy = ctx.policy
    for lst, index, item in entries(policy, returned=True):
        yield Violation(
            "PE207",
            "by_id",
            lst.at("items", index),
            Subject("item", item.id),
            {"item": item.id, "tier": lst.tier, "list": lst.id},
        )
    for lst in policy.lists.values():
        if lst.kind != "returned":
            continue
        for index, category in enumerate(lst.categories):
            for item in policy.items.values():
                if item.category == category and item.tier == lst.tier:
                    yield Violation(
                        "PE207",
                        "by_category",
                        lst.at("categories", index),
                        Subject("item", item.id),
                        {"item": item.id, "tier": lst.tier, "list": lst.id, "category": category},
                    )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """Where the item is still assigned, then the list that says it was taken back."""
    item = ctx.policy.items[v.subject.id]
    return [assigned(item, item.at("tier")), *related(ctx.policy, v)]


DOC = """\
# PE207 returned-item-still-assigned — 上收事项未落实

## What it finds
An item on a list of kind `returned` (上收事项: items taken back up from the list's tier) whose `tier`
is still the list's tier. A list names the item by id (`items`) or by its `category` (`categories`);
each item so named and still assigned to the tier is one finding, at the list's entry that names it.
Items assigned to another tier, and lists of other kinds, are not judged.

## Why it matters
A duty list says what a township, a street or a grid does and what it no longer does. Taking an item
back up is the one part of the list that removes work from the tier: when the same policy still
assigns the item there, the tier keeps the responsibility the list says it has been relieved of, and
every check that reads the item — its powers (PE101), its funding (PE102), the tier's load (PE105) —
counts it against the tier. Either the item has really been taken back, and its `tier` should say
where it went, or it has not, and it does not belong on the `returned` list.

## Example
```yaml
items:
  - id: illegal_construction_enforcement
    name: {zh: "违法建设查处", en: "Enforcement against illegal construction"}
    kind: line
    owner: urban_management_bureau
    tier: street                                  # still the street's
    role: handle
lists:
  - id: street_returned
    tier: street
    kind: returned
    items: [illegal_construction_enforcement]     # PE207 here: taken back, yet assigned to the street
```
Use instead:
```yaml
items:
  - id: illegal_construction_enforcement
    kind: line
    owner: urban_management_bureau
    tier: district                                # taken back: the bureau's tier carries it
    role: handle
```
`examples/admission/returned_item_still_assigned/` is the whole example.

## Thresholds
None.

## Case reference
The H District policy declares no list of returned items, so PE207 has nothing to judge there. Duty
lists compiled for townships and streets commonly come in three parts — basic duties, cooperation
duties and items taken back by higher departments — which the list kinds `duties`, `cooperation` and
`returned` write down.
"""

DOC_ZH = """\
# PE207 上收事项未落实 — returned-item-still-assigned

## 检查内容
列入 `returned` 类清单(上收事项,即从清单所属层级收回上级的事项)的事项,其 `tier` 仍为该清单所属层级。清单可按 id(`items`)
或按类别(`categories`)列出事项;每个如此列出且仍指派给该层级的事项为一条诊断,位于清单中列出它的条目处。指派给其他层级的事项、
其他类别的清单不予判断。

## 为何重要
履职事项清单既写明乡镇(街道)、网格做什么,也写明不再做什么。上收是清单中唯一为该层级减去工作的部分:同一策略若仍把该事项
指派给该层级,该层级就仍承担清单声称已为其减去的责任,而读取该事项的各项检查——权力(PE101)、经费(PE102)、层级负荷(PE105)——
都会把它计在该层级名下。要么事项确已上收,其 `tier` 应写明收归何处;要么并未上收,就不应列入 `returned` 清单。

## 示例
```yaml
items:
  - id: illegal_construction_enforcement
    name: {zh: "违法建设查处", en: "Enforcement against illegal construction"}
    kind: line
    owner: urban_management_bureau
    tier: street                                  # still the street's
    role: handle
lists:
  - id: street_returned
    tier: street
    kind: returned
    items: [illegal_construction_enforcement]     # PE207 here: taken back, yet assigned to the street
```
改为:
```yaml
items:
  - id: illegal_construction_enforcement
    kind: line
    owner: urban_management_bureau
    tier: district                                # taken back: the bureau's tier carries it
    role: handle
```
`examples/admission/returned_item_still_assigned/` is the whole example.

## 阈值
TODO None.

## 案例出处
TODO The H District policy declares no list of returned items, so PE207 has nothing to judge there. Duty
lists compiled for townships and streets commonly come in three parts — basic duties, cooperation
duties and items taken back by higher departments — which the list kinds `duties`, `cooperation` and
`returned` write down.
"""

CHECK = Check(
    code="PE207",
    name="returned-item-still-assigned",
    zh="上收事项未落实",
    severity=Severity.WARNING,
    summary="an item taken back up from a tier (上收) is still assigned to it",
    finds="an item on a tier's `returned` list, by id or by category, whose `tier` is still that tier",
    per="item and list entry",
    at="the list's entry naming the item",
    reads="lists of kind `returned` (`tier`, `items`, `categories`), items' `tier` and `category`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="an item on a tier's `returned` list, by id or by category, whose `tier` is still that tier",
    per_zh="item and list entry",
    at_zh="the list's entry naming the item",
    reads_zh="lists of kind `returned` (`tier`, `items`, `categories`), items' `tier` and `category`",
    messages={
        "by_id": (
            "item '{item}' is on '{list}', the items taken back up from '{tier}', but is still assigned to '{tier}'",
            "事项“{item}”已列入{tier}的上收事项清单“{list}”,但仍指派给{tier}",
        ),
        "by_category": (
            "item '{item}' is on '{list}', the items taken back up from '{tier}', by its category '{category}', "
            "but is still assigned to '{tier}'",
            "事项“{item}”按类别“{category}”列入{tier}的上收事项清单“{list}”,但仍指派给{tier}",
        ),
    },
    find=find,
    explain=explain,
)
