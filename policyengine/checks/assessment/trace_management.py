"""PE315 trace-management (痕迹管理): platform rules that judge the record rather than the work — check-in,
tracking, report format, photos, word counts — whose cost eats a large share of a worker's month."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Quoted
from ...statedness import value_of
from ..base import Check, Step
from ..judgement import cannot_judge
from ..steps import related, step

if TYPE_CHECKING:
    from ...model import PlatformRule
    from ..context import Context

# the platform rule kinds that judge the trace a worker leaves, not what the work achieved
TRACE_KINDS = ("check_in", "tracking", "report_format", "photo", "word_count")


def _hours(rule: PlatformRule) -> float | None:
    """What complying with the rule costs a worker a month; None when not stated (absent or marked)."""
    raw = rule.raw if isinstance(rule.raw, dict) else {}
    value = value_of(raw.get("hours_per_month"))
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _month(ctx: Context, target: str) -> float:
    """A worker's hours a month: the target unit's `hours_per_person_month`, else PE102's default."""
    unit = ctx.policy.units.get(target)
    if unit is not None and unit.hours_per_person_month is not None:
        return float(unit.hours_per_person_month)
    return float(ctx.threshold("PE102", "hours_per_person_month"))


def find(ctx: Context) -> Iterator[Violation]:
    by_target: dict[str, list[PlatformRule]] = {}
    for rule in ctx.policy.platform_rules.values():
        if rule.kind not in TRACE_KINDS:
            continue
        if rule.applies_to is None:  # whose month it costs is not stated
            yield cannot_judge("PE315", Subject("platform_rule", rule.id), rule.span, [("applies_to", None)])
            continue
        by_target.setdefault(rule.applies_to, []).append(rule)
    max_share = float(ctx.threshold("PE315", "max_share"))
    for target, rules in by_target.items():
        stated = [(r, h) for r in rules if (h := _hours(r)) is not None]
        hours = sum(h for _, h in stated)
        month = _month(ctx, target)
        if month > 0 and hours > max_share * month:
            first = stated[0][0]
            yield Violation(
                "PE315",
                "costly",
                first.at("hours_per_month"),
                Subject("platform_rule", first.id),
                {
                    "target": target,
                    "rules": Quoted(tuple(r.id for r, _ in stated)),
                    "hours": f"{hours:g}",
                    "share": f"{hours / month:.0%}",
                    "month": f"{month:g}",
                    "max": f"{max_share:.0%}",
                },
            )
            continue
        for rule in rules:  # an unstated cost is anything from zero up: it could tip the month over
            if _hours(rule) is None:
                marker = rule.marker("hours_per_month")
                at = rule.at("hours_per_month") if marker is not None else rule.span
                yield cannot_judge("PE315", Subject("platform_rule", rule.id), at, [("hours_per_month", marker)])


def explain(ctx: Context, v: Violation) -> list[Step]:
    """Each rule counted, with what it costs."""
    steps = related(ctx.policy, v)
    rules = v.params.get("rules")
    for ident in rules.values if isinstance(rules, Quoted) else ():
        rule = ctx.policy.platform_rules.get(str(ident))
        if rule is not None:
            steps.append(
                step(
                    "related", 1, rule.at("hours_per_month"), role="rules", kind="platform_rule", id=rule.id, name=None
                )
            )
    return steps


DOC = """\
# PE315 trace-management — 痕迹管理

## What it finds
Platform rules that judge the record a worker leaves rather than the work — `kind` `check_in`,
`tracking`, `report_format`, `photo` or `word_count` — whose stated monthly cost (`hours_per_month`),
summed over the rules that apply to one tier or unit (`applies_to`), exceeds `PE315.max_share` of a
worker's month: the unit's `hours_per_person_month`, or `PE102.hours_per_person_month` for a tier or a
unit that states none. The finding is at the first costed rule's `hours_per_month` and names every rule
counted. A rule whose cost is not stated (`hours_per_month` absent, `unstated` or `unknown`) could cost
anything from nothing up: when the stated costs alone do not exceed the share, each such rule gets PE010
(cannot judge), at its `hours_per_month` if written, else at its `id`; a rule with no `applies_to` gets
PE010 naming `applies_to`.

## Why it matters
The 网格通 platform rejects a report whose description breaks the rules on word count, format or
photos, requires a check-in by 8:30 every day or counts the worker absent, and tracks patrol routes in
real time; the data feed the upper levels' assessment of the grid. In epidemic control the worker still
had to complete "the check-in, patrol tracks and other indicator tasks" or lose points. Time spent
leaving the trace the platform checks is time not spent on the grid's problems, and patrol routes were
walked to leave a track: the record drifts away from the work (悬浮化).

## Example
```yaml
platform_rules:
  - {id: photos, name: {zh: 上报配图}, applies_to: grid, kind: photo, hours_per_month: 10}
  - {id: tracks, name: {zh: 巡查轨迹}, applies_to: grid, kind: tracking, hours_per_month: 12}
```
(22 of 166 hours, 13%, above 10%.) Use instead: judge the events closed and verified, not the trace;
drop the rules that check only the record, or state and budget what they cost.

## Thresholds
- `PE315.max_share` (default `0.1`): the share of a worker's monthly hours the trace rules on one
  target may take.
- `PE102.hours_per_person_month` (default `166`): a worker's month where the unit states none.

## Case reference
§6 of `docs/case.md` (the 网格通 platform: word count, format and photos, check-in by 8:30, tracked
patrol routes) and §7 (patrol routes walked to leave a trace).
"""

DOC_ZH = """\
# PE315 痕迹管理 — trace-management

## 检查内容
评判工作痕迹而非工作本身的平台规则,即类型(`kind`)为打卡(`check_in`)、轨迹(`tracking`)、格式(`report_format`)、配图(`photo`)或字数(`word_count`)的规则,按适用对象(`applies_to`,同一层级或单位)合计其每月耗时(`hours_per_month`),超过一名工作人员每月工时的一定比例(`PE315.max_share`)时报告。每月工时取该单位的 `hours_per_person_month`;适用对象为层级,或单位未写明该值的,取 `PE102.hours_per_person_month`。诊断位于第一条写明耗时的规则的 `hours_per_month` 处,并列出计入的全部规则。未写明耗时的规则(未写 `hours_per_month`,或写为 `unstated`、`unknown`),耗时可能从零到任意多:仅凭已写明的耗时未超过比例时,对每条此类规则报告 PE010(无法判断),位于其 `hours_per_month`(已写时)或 `id` 处;未写适用对象的规则报告 PE010,指出需要写明 `applies_to`。

## 为何重要
“网格平台对上报事件描述的字数、格式、配图都有严格规范要求,不符合标准的将会被系统驳回”;“我们网格员每天8点30必须在系统里打卡,不然就算旷工”;平台“会实时监控网格员在岗情况和巡查轨迹”,平台数据是上级考核网格的重要依据。疫情防控期间,网格员仍须照常完成平台规定的打卡、巡查轨迹等指标任务,否则扣分。为平台留痕所花的时间,就是没有用在解决网格问题上的时间;巡查路线也为留下轨迹而走,记录与实际工作渐行渐远(悬浮化)。

## 示例
```yaml
platform_rules:
  - {id: photos, name: {zh: 上报配图}, applies_to: grid, kind: photo, hours_per_month: 10}
  - {id: tracks, name: {zh: 巡查轨迹}, applies_to: grid, kind: tracking, hours_per_month: 12}
```
(每月166小时中占用22小时,即13%,超过10%。)改为:以办结和核实的事件评价工作,而不是评价痕迹;取消只检查记录的规则,或者写明其耗时并计入工作量。

## 阈值
- `PE315.max_share`(默认 `0.1`):同一适用对象的痕迹类规则合计耗时,占一名工作人员每月工时的最高比例。
- `PE102.hours_per_person_month`(默认 `166`):单位未写明时,一名工作人员每月的工时。

## 案例出处
[案例](../case.zh.md) §6(“网格通”平台:字数、格式、配图要求,每天8:30前打卡,巡查轨迹全程追踪)、§7(巡查路线为留下痕迹而走)。
"""

CHECK = Check(
    code="PE315",
    name="trace-management",
    zh="痕迹管理",
    severity=Severity.WARNING,
    summary="platform rules on the record cost too much of the month (痕迹管理)",
    finds="check-in, tracking, format, photo and word-count rules whose monthly hours exceed a share of a worker's month",
    per="tier or unit the rules apply to",
    at="the first costed rule's `hours_per_month`",
    reads="`platform_rules` (`kind`, `applies_to`, `hours_per_month`), units' `hours_per_person_month`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="打卡、轨迹、格式、配图、字数类平台规则,每月合计耗时超过一名工作人员每月工时的一定比例",
    per_zh="规则适用的层级或单位",
    at_zh="第一条写明耗时的规则的 `hours_per_month`",
    reads_zh="平台规则 `platform_rules`(`kind`、`applies_to`、`hours_per_month`),单位的 `hours_per_person_month`",
    messages={
        "costly": (
            "platform rules {rules} judge the record and cost '{target}' {hours} hours a month, {share} of a worker's {month} hours (more than {max}) — trace management",
            "平台规则{rules}评判工作痕迹,每月耗费“{target}”{hours}小时,占一名工作人员每月{month}小时的{share}(超过{max})——痕迹管理",
        ),
    },
    thresholds={"max_share": 0.1},
    uses=("PE102.hours_per_person_month",),
    find=find,
    explain=explain,
)
