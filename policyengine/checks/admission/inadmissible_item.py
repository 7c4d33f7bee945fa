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
清单中的事项被管辖它的准入程序拒绝。对每份清单(`returned` 类除外)中指派给该清单所属层级的事项,按
`policyengine admit` 的方式裁决:管辖某份包含该事项之清单的准入程序(程序管辖其 `lists` 列明的清单,不论清单属于哪一层级;未写 `lists` 的程序管辖其本层级全部清单),
且仅限在 `--on` 日期有效(`valid` 范围内)的程序,按声明顺序逐条尝试,第一条适用的子句作出裁决;有程序而无子句裁决的,视为拒绝。
诊断位于该事项在清单中的条目处,写明事项、清单、程序、规则及拒绝理由。规则有语法或类型错误(PE006/PE007)的程序所管辖的事项不予判断;
管辖程序均未写任何准则的事项(人工审核)只依其在有效期内的审批记录(`approvals`)判断,记录不予准入的按此报告;不受任何程序管辖的事项属于 PE200。

## 为何重要
准入机制写在纸上却不执行,什么也不会改变。论文的对策是由网格化管理机构审核进入网格的事项,只准入适合网格的事项——
首先是网格擅长的信息收集。准入准则明明拒绝、事项却仍列在清单上,正是准入程序本应阻止的未经审核的属地下压。

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
改为:
```yaml
lists:
  - id: grid_line_list
    tier: grid
    kind: duties
    items: [fire_hazard_reporting]          # the rejected item stays with its department
```
(or change the item so that the criteria admit it, e.g. `role: report` with the powers the grid holds).
`examples/admission/inadmissible_item/` is the whole example.

## 阈值
TODO None. The date is `lint --on` (default: today).

## 案例出处
TODO §8 of `docs/case.md` (网格准入机制: the agency reviews what enters; grids suit information collection)
and §4 (属地管理扩张: professional matters coded into the grid's list).
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
    finds_zh="an item on a list of its tier that the admission procedures governing it (in force on the date) reject",
    per_zh="list entry",
    at_zh="the entry in the list's `items`",
    reads_zh="`lists` (`kind`, `items`), items' `tier`, `admission` (`tier`, `lists`, `valid`, criteria), the `--on` date; decided as `admit` decides",
    messages={
        "rejected": (
            "item '{item}' in list '{list}' is rejected by admission procedure '{procedure}' ({rule}): {reason}",
            "清单“{list}”中的事项“{item}”被准入程序“{procedure}”拒绝({rule}):{reason}",
        ),
        "recorded": (
            "item '{item}' in list '{list}' is rejected by its approval record under procedure '{procedure}' (at {at})",
            "清单“{list}”中的事项“{item}”依准入程序“{procedure}”下的审批记录不予准入(记录位于 {at})",
        ),
        "default": (
            "item '{item}' in list '{list}' is admitted by no criterion of admission procedure '{procedure}'",
            "清单“{list}”中的事项“{item}”不符合准入程序“{procedure}”的任何一条准入准则",
        ),
    },
    find=find,
    explain=explain,
)
