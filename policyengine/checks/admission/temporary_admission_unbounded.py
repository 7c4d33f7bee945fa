"""PE203 temporary-admission-unbounded (临时准入无约束): a temporary item admitted without approval or end,
past its end, or for longer than the procedure allows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Joined, Message, msg
from ..base import Check, Step
from ..steps import related
from .lists import held_in, number, pushed

if TYPE_CHECKING:
    from ...model import Item
    from ..context import Context


def _days(start: str, end: str) -> int | None:
    try:
        return (date.fromisoformat(end) - date.fromisoformat(start)).days
    except ValueError:
        return None


def _problems(ctx: Context, item: Item) -> list[Message]:
    """What is wrong with the item's temporary admission: no approval, no end, past its end, too long."""
    policy = ctx.policy
    procedures = [policy.admissions[p] for p in ctx.governance.governing(item, ctx.on)]
    temporary = [(p, p.temporary) for p in procedures if p.temporary is not None]
    start, end = item.valid
    problems = []
    if not any(t.approval_by for _, t in temporary):
        problems.append(msg("PE203.no_approval"))
    terms = sorted((t.max_term_days, p.id) for p, t in temporary if t.max_term_days is not None)
    decision = ctx.decision(item)
    conditional_term = decision.term_days if decision is not None else None
    if end is None and not terms and conditional_term is None:
        problems.append(msg("PE203.no_end"))
    if end is not None and end < ctx.on:
        problems.append(msg("PE203.past_end", end=end))
    if start is not None and end is not None and terms:
        length, (longest, procedure) = _days(start, end), terms[0]
        if length is not None and length > longest:
            problems.append(msg("PE203.too_long", length=length, longest=number(longest), procedure=procedure))
    return problems


def find(ctx: Context) -> Iterator[Violation]:
    for item in ctx.policy.items.values():
        if item.kind != "temporary" or not (pushed(ctx, item) or held_in(ctx, item, ("duties", "cooperation"))):
            continue
        problems = _problems(ctx, item)
        if problems:
            yield Violation(
                "PE203",
                "unbounded",
                item.at("kind"),
                Subject("item", item.id),
                {"item": item.id, "tier": item.tier, "problems": Joined(tuple(problems), "sep.semicolon")},
            )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names."""
    return related(ctx.policy, v)


DOC = """\
# PE203 temporary-admission-unbounded — 临时准入无约束

## What it finds
A temporary item (`kind: temporary`) admitted without the bounds temporary admission needs. An item is
judged when it is pushed down (its owner's or issuing tier is above its `tier`, or it comes `via` a
unit), or when it is on a list (other than `returned`) of its own tier. The admission procedures that
govern it **in force on the `--on` date** are read, and one finding per item names every problem found:
- **no approval** — no governing procedure names `temporary.approval_by`;
- **no end** — the item has no `valid.to`, no governing procedure sets `temporary.max_term_days`, and its
  admission decision (when its procedures have working criteria) is not a conditional admission with a
  `term(...)`;
- **past its end** — `valid.to` is before the date;
- **too long** — `valid.from` and `valid.to` are both given and the days between them exceed the
  smallest `temporary.max_term_days` of the governing procedures (the procedure is named).
The finding is at the item's `kind` value.

## Why it matters
Temporary tasks — census, vaccination, epidemic control — land on the grid on top of everything else,
passed down by various departments. Without an approving body they bypass review; without an end they
become permanent duties without ever being admitted as such. The paper's remedy asks that temporary items
be reviewed before they enter the grid (对临时纳入的管理事项进行审核).

## Example
```yaml
items:
  - id: census_support
    name: {zh: "人口普查协助", en: "Census support"}
    kind: temporary                           # PE203 here: past its end; 241 days > 90
    issued_by: district
    tier: grid
    role: assist
    valid: {from: "2020-11-01", to: "2021-06-30"}
admission:
  - id: grid_admission
    tier: grid
    temporary: {approval_by: district_centre, max_term_days: 90}
```
Use instead:
```yaml
items:
  - id: census_support
    kind: temporary
    issued_by: district
    tier: grid
    role: assist
    valid: {from: "2026-01-01", to: "2026-03-31"}   # within the 90-day term, and taken off when it ends
```
`examples/admission/temporary_admission_unbounded/` is the whole example. In the bundled H District
policy the four temporary tasks get PE203 with "no approval" and "no end": no procedure exists.

## Thresholds
None. The date is `lint --on` (default: today).

## Case reference
§4 of `docs/case.md` (temporary central tasks: census, vaccination, epidemic control) and §8 (temporary
items reviewed).
"""

DOC_ZH = """\
# PE203 临时准入无约束 — temporary-admission-unbounded

## 检查内容
临时事项(`kind: temporary`)准入时缺少应有的约束。下派的临时事项(主管部门或签发层级高于承接层级,或经由某个机构派下,`via`),以及列在本层级清单(上收事项清单除外)中的临时事项,予以判断。读取在 `--on` 日期有效、管辖该事项的准入程序,每个事项一条诊断,列出发现的全部问题:

- **未经审批**:管辖该事项的准入程序都未规定临时事项由谁审批(`temporary.approval_by`);
- **没有期限**:事项没有截止日期(`valid.to`),管辖程序都未规定最长期限(`temporary.max_term_days`),准入裁决(程序有可用的准入标准时)也不是附有期限(`term(...)`)的附条件准入;
- **已过期限**:截止日期早于判断日期;
- **期限过长**:起止日期(`valid.from`、`valid.to`)都已写明,其间天数超过管辖程序所定最长期限中最短的一个(诊断写明该程序)。

诊断位于事项的 `kind` 值处。

## 为何重要
网格“还要不时承担各部门转派下来的紧急任务,如人口普查、疫苗注射和疫情防控等”,叠加在其他工作之上。没有审批主体,临时任务就绕开了审核;没有期限,就在从未经过准入的情况下变成了长期职责。论文的对策要求对临时纳入网格的事项进行审核。

## 示例
```yaml
items:
  - id: census_support
    name: {zh: "人口普查协助", en: "Census support"}
    kind: temporary                           # PE203 报告于此:已过期限;241天 > 90天
    issued_by: district
    tier: grid
    role: assist
    valid: {from: "2020-11-01", to: "2021-06-30"}
admission:
  - id: grid_admission
    tier: grid
    temporary: {approval_by: district_centre, max_term_days: 90}
```
改为:
```yaml
items:
  - id: census_support
    kind: temporary
    issued_by: district
    tier: grid
    role: assist
    valid: {from: "2026-01-01", to: "2026-03-31"}   # 在90天期限之内,到期即撤下
```
完整示例见 `examples/admission/temporary_admission_unbounded/`。内置的H区政策中,4项临时任务都报告 PE203 的“未经审批”和“没有期限”:H区没有准入程序。

## 阈值
无。判断日期为 `lint --on` 指定的日期(默认为当天)。

## 案例出处
[案例](../case.zh.md) §4(临时性任务:人口普查、疫苗接种、疫情防控)、§8(对临时事项进行审核)。
"""

CHECK = Check(
    code="PE203",
    name="temporary-admission-unbounded",
    zh="临时准入无约束",
    severity=Severity.WARNING,
    summary="temporary admission without approval or end date, or past it",
    finds="a pushed-down or listed temporary item with no approval, no end, past its end, or a term longer than the procedure allows",
    per="temporary item",
    at="the item's `kind` value",
    reads="`kind`, `owner`/`issued_by`/`via`, lists holding it, `valid`, governing procedures' `temporary` (`approval_by`, `max_term_days`) and a conditional admission's `term`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="下派或列入清单的临时事项未经审批、没有期限、已过期限,或期限超过准入程序允许的最长期限",
    per_zh="临时事项",
    at_zh="事项的 `kind` 值",
    reads_zh="事项的 `kind`、`owner`/`issued_by`/`via`、所在清单、`valid`,管辖程序的 `temporary`(`approval_by`、`max_term_days`)以及附条件准入的 `term`",
    messages={
        "unbounded": ("temporary item '{item}' on '{tier}': {problems}", "{tier}的临时事项“{item}”:{problems}"),
        "no_approval": (
            "no approval (no admission procedure in force names temporary.approval_by)",
            "未经审批(现行准入程序均未规定临时事项由谁审批)",
        ),
        "no_end": (
            "no end (no valid.to, no temporary.max_term_days, no term in its admission)",
            "没有期限(未规定截止日期和最长期限,准入决定也未规定期限)",
        ),
        "past_end": ("past its end (valid.to {end})", "已过期限(截止日期为 {end})"),
        "too_long": (
            "a term of {length} days, longer than the {longest} days procedure '{procedure}' allows",
            "期限 {length} 天,超过准入程序“{procedure}”允许的 {longest} 天",
        ),
    },
    find=find,
    explain=explain,
)
