"""PE201 inadmissible-item (事项不符合准入规则): an item on a list of its tier that the admission procedures
governing it reject."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...decisions import RECORDED, REJECTED
from ...diagnostics import Severity, Subject, Violation
from ..base import Check, Step
from ..steps import assigned, step
from .lists import entries

if TYPE_CHECKING:
    from ..context import Context


def find(ctx: Context) -> Iterator[Violation]:
    for lst, index, item in entries(ctx.policy):
        decision = ctx.decision(item)
        if decision is None or decision.decision != REJECTED:
            continue
        params = {"item": item.id, "list": lst.id, "procedure": decision.procedure}
        if decision.reason == RECORDED and decision.record is not None:
            yield Violation(
                "PE201",
                "recorded",
                lst.at("items", index),
                Subject("item", item.id),
                {**params, "at": decision.record.at},
            )
        elif decision.rule is None:
            yield Violation("PE201", "default", lst.at("items", index), Subject("item", item.id), params)
        else:
            yield Violation(
                "PE201",
                "rejected",
                lst.at("items", index),
                Subject("item", item.id),
                {**params, "rule": decision.rule, "reason": decision.reason or ""},
            )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The admission decision as `admit` makes it: the procedures in force that govern the item, and
    each criterion tried in order until one decides."""
    item, policy = ctx.policy.items[v.subject.id], ctx.policy
    steps = [assigned(item, item.at("tier")), step("listed", 1, v.span, list=v.params.get("list"))]
    for pid in ctx.governance.governing(item, ctx.on):
        adm = policy.admissions[pid]
        steps.append(step("procedure", 1, adm.span, id=pid, tier=adm.tier, lists=list(adm.lists)))
        for rule in ctx.rules.criteria.get(pid, ()):
            outcome = rule.evaluate(ctx.facts, item.id)
            kind = "none" if outcome is None else outcome.kind
            steps.append(
                step(
                    "criterion",
                    2,
                    rule.span,
                    rule=rule.name,
                    outcome=kind,
                    reason=outcome.reason if outcome is not None else None,
                )
            )
            if kind not in ("none", "finding"):
                return steps
    decision = ctx.decision(item)
    if decision is not None and decision.record is not None:
        steps.append(step("record", 1, None, record=decision.record.at, decision=decision.record.decision))
    else:
        steps.append(step("no_criterion", 1, None))
    return steps


DOC = """\
# PE201 inadmissible-item — 事项不符合准入规则

## What it finds
An item on a list of its own tier that the admission procedures governing it reject. For each entry of
a list (other than a `returned` one) naming an item assigned to the list's tier, the item is decided as
`policyengine admit` decides it: the procedures that govern a list holding it (a procedure governs the
lists its `lists` names, whatever its own tier, and without `lists` every list of its own tier), **in force on the `--on` date** (their `valid` range),
tried in declared order, the first deciding clause wins; with procedures but no deciding clause, the item
is rejected. The finding is at the item's entry in the list (`items[i]`) and names the item, the list,
the procedure, the rule and the rule's reason. Decisions of this version:
- an item governed by a procedure whose rule is broken (PE006/PE007) is not judged: those codes already
  report the rule;
- an item whose governing procedures declare no criteria at all is judged only by its approval record
  (`approvals`) in term: such a procedure reviews by hand; a record's rejection is reported as such;
- an item in no procedure's reach is unreviewed, which is PE200's business, not PE201's;
- an item on two lists gets a finding at each entry.

## Why it matters
An admission mechanism that is written down but not applied changes nothing: the paper's remedy is that
the grid-management agency reviews what enters the grid and that only items fit for the grid — chiefly
information collection, which grids do well — are admitted. An item sitting on the list although the
criteria reject it is exactly the unreviewed push-down (属地管理扩张) the procedure was meant to stop.

## Example
```yaml
items:
  - id: occupied_road_clearance
    name: {zh: "占道经营清理", en: "Clearing road-occupying businesses"}
    kind: line
    owner: fire_department
    tier: grid
    role: assist
lists:
  - id: grid_line_list
    tier: grid
    kind: duties
    items: [fire_hazard_reporting, occupied_road_clearance]    # PE201 at the second entry
admission:
  - id: grid_admission
    tier: grid
    criteria:
      - >
        when item.kind != "line" then admit
        when item.role == "report" and item.requires <= powers(item.tier) then admit
        otherwise reject "line items enter the grid for information collection only"
```
Use instead:
```yaml
lists:
  - id: grid_line_list
    tier: grid
    kind: duties
    items: [fire_hazard_reporting]          # the rejected item stays with its department
```
(or change the item so that the criteria admit it, e.g. `role: report` with the powers the grid holds).
`examples/admission/inadmissible_item/` is the whole example.

## Thresholds
None. The date is `lint --on` (default: today).

## Case reference
§8 of `docs/case.md` (网格准入机制: the agency reviews what enters; grids suit information collection)
and §4 (属地管理扩张: professional matters coded into the grid's list).
"""

DOC_ZH = """\
# PE201 事项不符合准入规则 — inadmissible-item

## 检查内容
清单中的事项,管辖它的准入程序不予准入。对每份清单(上收事项清单除外)中指派给该清单所属层级的事项,按 `policyengine admit` 的方式裁决:取管辖含有该事项的清单、且在 `--on` 日期有效(有效期 `valid` 内)的准入程序(程序管辖其清单范围 `lists` 列明的清单,不论程序本身属于哪一层级;未写清单范围的,管辖本层级的全部清单),按声明顺序逐条适用,以第一条作出裁决的条款为准;有准入程序而没有任何条款作出裁决的,视为不予准入。诊断位于该事项在清单中的条目处(`items[i]`),写明事项、清单、准入程序、规则及规则给出的理由。本版本的处理:

- 管辖程序的规则有错误(PE006/PE007)的,该事项不予判断:这两项检查已报告该规则;
- 管辖程序都没有写准入标准的,属人工审核,只依事项在有效期内的审批记录(`approvals`)判断;审批记录不予准入的,按此报告;
- 不受任何准入程序管辖的事项属于未经审核,由 PE200 处理,不属于本检查;
- 列在两份清单中的事项,在每个条目处各报告一次。

## 为何重要
准入机制写在纸上却不执行,什么也不会改变。论文的对策是由网格化管理机构审核进入网格的事项,只准入适合网格承担的事项——主要是网格擅长的信息采集。准入标准不予准入的事项仍列在清单上,正是准入程序本应制止的未经审核的下压(属地管理扩张)。

## 示例
```yaml
items:
  - id: occupied_road_clearance
    name: {zh: "占道经营清理", en: "Clearing road-occupying businesses"}
    kind: line
    owner: fire_department
    tier: grid
    role: assist
lists:
  - id: grid_line_list
    tier: grid
    kind: duties
    items: [fire_hazard_reporting, occupied_road_clearance]    # PE201 报告第二个条目
admission:
  - id: grid_admission
    tier: grid
    criteria:
      - >
        when item.kind != "line" then admit
        when item.role == "report" and item.requires <= powers(item.tier) then admit
        otherwise reject "line items enter the grid for information collection only"
```
改为:
```yaml
lists:
  - id: grid_line_list
    tier: grid
    kind: duties
    items: [fire_hazard_reporting]          # 不予准入的事项仍由主管部门承担
```
或者修改事项,使其符合准入标准,例如改为只负责上报(`role: report`),所需权力以网格具备的为限。完整示例见 `examples/admission/inadmissible_item/`。

## 阈值
无。判断日期为 `lint --on` 指定的日期(默认为当天)。

## 案例出处
[案例](../case.zh.md) §8(网格准入机制:由网格化管理机构审核进入网格的事项;网格擅长信息采集)、§4(属地管理扩张:大量专业性工作编进网格的清单)。
"""

CHECK = Check(
    code="PE201",
    name="inadmissible-item",
    zh="事项不符合准入规则",
    severity=Severity.WARNING,
    summary="an item in a list fails the admission rules",
    finds="an item on a list of its tier that the admission procedures governing it (in force on the date) reject",
    per="list entry",
    at="the entry in the list's `items`",
    reads="`lists` (`kind`, `items`), items' `tier`, `admission` (`tier`, `lists`, `valid`, criteria), the `--on` date; decided as `admit` decides",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="本层级清单中的事项,管辖它的准入程序(在判断日期有效的)不予准入",
    per_zh="清单条目",
    at_zh="清单 `items` 中的相应条目",
    reads_zh="清单的 `kind`、`items`,事项的 `tier`,准入程序 `admission`(`tier`、`lists`、`valid`、准入标准),`--on` 日期;裁决方式同 `admit`",
    messages={
        "rejected": (
            "item '{item}' in list '{list}' is rejected by admission procedure '{procedure}' ({rule}): {reason}",
            "清单“{list}”中的事项“{item}”按准入程序“{procedure}”的准入标准不予准入({rule}):{reason}",
        ),
        "recorded": (
            "item '{item}' in list '{list}' is rejected by its approval record under procedure '{procedure}' (at {at})",
            "清单“{list}”中的事项“{item}”按准入程序“{procedure}”的审批记录不予准入(记录见 {at})",
        ),
        "default": (
            "item '{item}' in list '{list}' is admitted by no criterion of admission procedure '{procedure}'",
            "清单“{list}”中的事项“{item}”不符合准入程序“{procedure}”的任何一条准入标准",
        ),
    },
    find=find,
    explain=explain,
)
