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
下派到某一层级、却在该层级清单之外的工作。事项主管部门(`owner`)所在层级或签发层级(`issued_by`)高于事项的承接层级(`tier`),或者事项经由某个机构(`via`:议事协调机构、专班、临时机构)派下的,即为**下派**。承接层级至少有一份履职事项清单或配合事项清单(`kind: duties` 或 `cooperation`),而事项既未按编号(`items`)、也未按类别(`categories`)列入其中任何一份的,予以报告。没有此类清单的层级不予判断(无所谓清单之外;条线事项进入这类层级时,由 PE200 要求建立准入程序)。上收事项清单不计:已经上收、却仍指派给该层级的事项,属于清单之外。诊断位于事项的承接层级值处;经由某个机构派下的,诊断写明该机构。

诊断随后说明下派违反了什么:政策为承接层级规定了清单之外不得派任务(`provisions` 中 `kind: no_unlisted_assignment`)或有权拒绝清单外事项(`kind: right_to_refuse_unlisted`)的条款的,列出这些条款;未作此类规定的,说明政策未规定清单之外不得向该层级派任务。两者是同一诊断,因为工作都绕开了清单,但纠正办法不同:有禁止性规定的,下派违反了政策自身的规定;没有的,是政策本身缺少使清单具有约束力的规定(清单之外不得派任务)。

## 为何重要
清单之外的工作照样能派到某一层级,清单就约束不了这一层级的职责。H区暂行办法规定,“基层网格还要完成H区党工委、管委会决定通过网格开展的其他事项”;网格“还要不时承担各部门转派下来的紧急任务,如人口普查、疫苗注射和疫情防控等”;专班、临时机构则是常见的旁门。这样的事项都绕开了准入审核,也就绕开了随之下放的权力和划转的经费。

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
    tier: grid                                # PE202 报告于此
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
这样事项须经网格的准入程序;也可以把这项工作留在专班所在的层级。文件有相应规定的,同时写明禁止性规定,诊断即予引用:
```yaml
provisions:
  - {id: no_unlisted_tasks, kind: no_unlisted_assignment, tier: grid, source: "..."}
```
完整示例见 `examples/admission/unlisted_pushdown/`。

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §4(暂行办法中“其他事项”的兜底规定;上级交办的临时任务落到网格)、§8(明确常规事项清单;对临时事项进行审核)。
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
    finds_zh="下派(来自主管部门或签发层级,或经由专班等机构)到设有履职事项清单或配合事项清单的层级、却未列入其中任何一份清单的事项",
    per_zh="事项",
    at_zh="事项的 `tier` 值",
    reads_zh="事项的 `owner`(取其所在层级)、`issued_by`、`via`、`category`,承接层级的 `duties`/`cooperation` 清单(`items`、`categories`)",
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
