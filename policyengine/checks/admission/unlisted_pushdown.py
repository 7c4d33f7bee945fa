"""PE202 unlisted-pushdown (清单外下派): work pushed down to a tier with lists, outside every duties or
cooperation list of it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Quoted, msg
from ..base import Check, Step
from ..steps import related
from .lists import cited, held_in, protected_by, pushed

if TYPE_CHECKING:
    from ...model import PolicyList
    from ..context import Context


# the provisions a pushdown outside the lists breaches: 清单之外不得派任务, 有权拒绝清单外事项
AGAINST = ("no_unlisted_assignment", "right_to_refuse_unlisted")


def find(ctx: Context) -> Iterator[Violation]:
    policy = ctx.policy
    lists_of: dict[str, list[PolicyList]] = {}
    for lst in policy.lists.values():
        if lst.kind in ("duties", "cooperation"):
            lists_of.setdefault(lst.tier, []).append(lst)
    for item in policy.items.values():
        lists = lists_of.get(item.tier)
        if not lists or not pushed(ctx, item) or held_in(ctx, item, ("duties", "cooperation")):
            continue
        provisions = protected_by(ctx, item.tier, AGAINST)
        yield Violation(
            "PE202",
            "unlisted",
            item.at("tier"),
            Subject("item", item.id),
            {
                "item": item.id,
                "tier": item.tier,
                "lists": Quoted(tuple(lst.id for lst in lists)),
                "via": msg("PE202.via", via=item.via) if item.via else "",
                "against": msg("PE202.breaches", provisions=Quoted(provisions))
                if provisions
                else msg("PE202.unprohibited", tier=item.tier),
            },
        )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names, and the provisions it cites."""
    return related(ctx.policy, v) + cited(ctx, v)


DOC = """\
# PE202 unlisted-pushdown — 清单外下派

## What it finds
Work pushed down to a tier outside the lists that tier has. An item is **pushed down** when its
`owner` department's tier or its `issued_by` tier is above its assigned `tier`, or when it comes `via` a
unit (a task force, leading group or temporary body: 议事协调机构、专班、临时机构). It is flagged when its tier
has at least one list of kind `duties` or `cooperation` and the item is in none of them — neither by id
(`items`) nor by its `category` (`categories`). A tier with no such list is not judged (there is no list
to be outside of; PE200 asks for one when line items arrive). A `returned` list does not count: an item
taken back up and still assigned to the tier is outside its lists. The finding is at the item's `tier`
value; with `via`, the message names the body the work came through. The message then says what the
pushdown breaches: the `provisions` of kind `no_unlisted_assignment` or `right_to_refuse_unlisted` that
protect the item's tier, by id; or, when the policy declares none for that tier, that it declares no
prohibition of unlisted assignment there — the same finding, since the work still bypasses the lists,
but the remedy differs: with a prohibition the pushdown is a breach of the policy's own rule; without
one the policy itself lacks the rule (清单之外不得派任务) that would make the lists bind.

## Why it matters
A list only limits a tier's duties if work outside it does not reach the tier anyway. In H District the
Interim Measures add "other matters the Working Committee decides to run through the grid", and temporary
tasks are passed down by various departments; task forces and temporary bodies are the usual side door.
Each such item bypasses the admission review, and with it the transfer of powers and money.

## Example
```yaml
units:
  - {id: registration_task_force, name: {zh: "街道入户登记工作专班"}, tier: street, kind: committee}
items:
  - id: door_to_door_registration
    name: {zh: "入户信息登记", en: "Door-to-door registration"}
    kind: routine
    issued_by: street
    via: registration_task_force
    tier: grid                                # PE202 here
    role: assist
lists:
  - {id: grid_line_list, tier: grid, kind: duties, items: [fire_hazard_reporting]}
```
Use instead:
```yaml
lists:
  - {id: grid_line_list, tier: grid, kind: duties, items: [fire_hazard_reporting]}
  - {id: grid_temporary_list, tier: grid, kind: duties, items: [door_to_door_registration]}
```
so that the item passes the grid's admission procedure — or keep the work with the task force's tier.
Where the source says so, declare the prohibition too, and the finding cites it:
```yaml
provisions:
  - {id: no_unlisted_tasks, kind: no_unlisted_assignment, tier: grid, source: "..."}
```
`examples/admission/unlisted_pushdown/` is the whole example.

## Thresholds
None.

## Case reference
§4 of `docs/case.md` (the Interim Measures' catch-all "other matters"; temporary central tasks landing on
the grid) and §8 (a clear list of routine items; temporary items reviewed).
"""

DOC_ZH = """\
# PE202 清单外下派 — unlisted-pushdown

## 检查内容
下压到某一层级、却不在该层级任何清单中的工作。事项的主管部门(`owner`)所在层级或签发层级(`issued_by`)高于其指派层级,
或者经由某个单位(`via`:议事协调机构、专班、临时机构)派下的,视为下派。若该层级至少有一份 `duties` 或 `cooperation`
清单,而事项既不以 id 也不以类别出现在其中任何一份,则报告。没有此类清单的层级不予判断;`returned` 清单不算。
诊断位于事项的 `tier` 值处;有 `via` 时,消息写明经由的机构。消息随后说明违反了什么:保护该层级的
`no_unlisted_assignment` 或 `right_to_refuse_unlisted` 类规定(`provisions`),列出其 id;若政策没有为该层级规定,
则说明政策未规定清单之外不得向其派任务。两者是同一诊断(工作都绕开了清单),但纠正办法不同:有禁止性规定时,下派违反政策自身的规定;
没有时,政策本身缺少使清单具有约束力的规定(清单之外不得派任务)。

## 为何重要
清单只有在清单外的工作到达不了该层级时,才能约束其职责。H区暂行办法兜底规定了"党工委、管委会决定通过网格开展的其他事项",
临时任务由各部门转派;专班、临时机构是常见的旁门。这样的事项绕开了准入审核,也就绕开了随之下沉的权力和经费。

## 示例
```yaml
units:
  - {id: registration_task_force, name: {zh: "街道入户登记工作专班"}, tier: street, kind: committee}
items:
  - id: door_to_door_registration
    name: {zh: "入户信息登记", en: "Door-to-door registration"}
    kind: routine
    issued_by: street
    via: registration_task_force
    tier: grid                                # PE202 here
    role: assist
lists:
  - {id: grid_line_list, tier: grid, kind: duties, items: [fire_hazard_reporting]}
```
改为:
```yaml
lists:
  - {id: grid_line_list, tier: grid, kind: duties, items: [fire_hazard_reporting]}
  - {id: grid_temporary_list, tier: grid, kind: duties, items: [door_to_door_registration]}
```
so that the item passes the grid's admission procedure — or keep the work with the task force's tier.
Where the source says so, declare the prohibition too, and the finding cites it:
```yaml
provisions:
  - {id: no_unlisted_tasks, kind: no_unlisted_assignment, tier: grid, source: "..."}
```
`examples/admission/unlisted_pushdown/` is the whole example.

## 阈值
TODO None.

## 案例出处
TODO §4 of `docs/case.md` (the Interim Measures' catch-all "other matters"; temporary central tasks landing on
the grid) and §8 (a clear list of routine items; temporary items reviewed).
"""

CHECK = Check(
    code="PE202",
    name="unlisted-pushdown",
    zh="清单外下派",
    severity=Severity.WARNING,
    summary="work pushed to a tier outside its lists (incl. via task forces)",
    finds="an item pushed down (from its owner's or issuing tier, or `via` a task force) to a tier that has duties/cooperation lists, in none of them",
    per="item",
    at="the item's `tier` value",
    reads="`owner` (its tier), `issued_by`, `via`, `category`, the tier's `duties`/`cooperation` lists (`items`, `categories`)",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="an item pushed down (from its owner's or issuing tier, or `via` a task force) to a tier that has duties/cooperation lists, in none of them",
    per_zh="item",
    at_zh="the item's `tier` value",
    reads_zh="`owner` (its tier), `issued_by`, `via`, `category`, the tier's `duties`/`cooperation` lists (`items`, `categories`)",
    messages={
        "unlisted": (
            "item '{item}' is pushed down to '{tier}'{via} but is in none of its lists ({lists}); {against}",
            "事项“{item}”{via}下派至{tier},却不在其任何清单({lists})之中;{against}",
        ),
        "breaches": (
            "this breaches provision {provisions}",
            "违反规定{provisions}",
        ),
        "unprohibited": (
            "the policy declares no prohibition of unlisted assignment to '{tier}'",
            "政策未规定清单之外不得向{tier}派任务",
        ),
        "via": (" (assigned through the task force '{via}')", "经专班(临时机构)“{via}”"),
    },
    find=find,
    explain=explain,
)
