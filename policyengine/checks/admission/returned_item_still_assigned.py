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
列入上收事项清单(清单类别为 `returned`,即从清单所属层级收回上级承担的事项)的事项,其所属层级(`tier`)仍是该清单所属的层级。清单可以逐项列出事项(`items`),也可以按类别列出(`categories`);每个这样列出、仍指派给该层级的事项报告一条诊断,位于清单中列出它的条目处。已指派给其他层级的事项,以及其他类别的清单,不作判断。

## 为何重要
履职事项清单既写明乡镇(街道)、网格要做什么,也写明不再做什么。上收是清单中唯一为该层级减去工作的部分:同一政策若仍把该事项指派给该层级,该层级就仍然承担清单所称已经减去的责任,读取该事项的各项检查——所需权力(PE101)、经费(PE102)、层级负荷(PE105)——也都把它计在该层级名下。事项确已上收的,应写明它改由哪一层级承担;没有上收的,就不应列入上收事项清单。

## 示例
```yaml
items:
  - id: illegal_construction_enforcement
    name: {zh: "违法建设查处", en: "Enforcement against illegal construction"}
    kind: line
    owner: urban_management_bureau
    tier: street                                  # 仍由街道承担
    role: handle
lists:
  - id: street_returned
    tier: street
    kind: returned
    items: [illegal_construction_enforcement]     # PE207 报在此处:已上收,却仍指派给街道
```
改为:
```yaml
items:
  - id: illegal_construction_enforcement
    kind: line
    owner: urban_management_bureau
    tier: district                                # 已上收:由城管局所在的层级承担
    role: handle
```
完整示例见 `examples/admission/returned_item_still_assigned/`。

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §4 所述H区的各类事项清单中没有上收事项清单,H区的政策也没有声明,PE207 在该政策中无可判断。各地为乡镇(街道)编制的履职事项清单,通常分为基本履职事项、配合履职事项和上级部门收回的事项三部分,分别对应清单类别 `duties`、`cooperation` 和 `returned`。
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
    finds_zh="列入某层级上收事项清单(`returned`,逐项或按类别列出)的事项,仍指派给该层级",
    per_zh="事项及清单条目",
    at_zh="清单中列出该事项的条目",
    reads_zh="上收事项清单(`kind: returned`)的 `tier`、`items`、`categories`,事项的 `tier` 和 `category`",
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
