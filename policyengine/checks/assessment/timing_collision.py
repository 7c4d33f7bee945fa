"""PE305 timing-collision (时间冲突): fixed-time duties on the same tier or unit whose times and dates overlap
(an 8:30 check-in against a 6:30 task)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import TYPE_CHECKING, TypeVar

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Message, msg
from ...statedness import marker_of
from ..base import Check, Step
from ..judgement import cannot_judge
from ..steps import related

if TYPE_CHECKING:
    from ...model import Duty
    from ...statedness import Marker
    from ..context import Context


def _minutes(text: str | None, default: int) -> int:
    if text is None:
        return default
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day_order(day: str | int) -> int:
    """Weekdays in the week's order, days of the month by number."""
    return WEEKDAYS.index(day) if isinstance(day, str) else day


def _recurrence(duty: Duty) -> tuple[str, frozenset[str | int] | None]:
    """How often the duty recurs (`every`, default day) and the days it falls on: None for a daily
    duty, or when `on` is not stated (absent or marked)."""
    raw = duty.raw.get("recurrence") if isinstance(duty.raw, dict) else None
    if not isinstance(raw, dict) or raw.get("every", "day") == "day":
        return "day", None
    on = raw.get("on")
    if on is None or marker_of(on) is not None:
        return str(raw["every"]), None
    return str(raw["every"]), frozenset(on if isinstance(on, list) else [on])


def _meet(a: Duty, b: Duty) -> bool | None:
    """Whether two duties fall on a common day; None when their `on` days are needed and not stated.
    A daily duty meets every other; a weekly and a monthly one meet whatever their days (any day of
    the month falls on each weekday in some month); two weekly, or two monthly, meet on a shared day."""
    (every_a, days_a), (every_b, days_b) = _recurrence(a), _recurrence(b)
    if "day" in (every_a, every_b) or every_a != every_b:
        return True
    if days_a is None or days_b is None:
        return None
    return bool(days_a & days_b)


def _window(duty: Duty) -> Message:
    """A timed duty's window (an untimed one is never compared): a moment when it starts as it ends,
    with the days it recurs on when it is not daily."""
    window = (
        msg("PE305.at", start=duty.start)
        if duty.start == duty.end
        else msg("PE305.between", start=duty.start, end=duty.end)
    )
    every, days = _recurrence(duty)
    on = ", ".join(str(d) for d in sorted(days, key=_day_order)) if days else ""
    if every == "week":
        return msg("PE305.weekly", window=window, on=on) if on else msg("PE305.every_week", window=window)
    if every == "month":
        return msg("PE305.monthly", window=window, on=on) if on else msg("PE305.every_month", window=window)
    return window


def _days_unstated(duty: Duty) -> list[tuple[str, Marker | None]]:
    """`recurrence.on` when a weekly or monthly duty does not state it."""
    every, days = _recurrence(duty)
    if every == "day" or days is not None:
        return []
    return [("recurrence.on", duty.marker("recurrence", "on"))]


def _intervals(duty: Duty) -> list[tuple[int, int]]:
    """The duty's minutes of the day; a window whose end is before its start runs past midnight."""
    start, end = _minutes(duty.start, 0), _minutes(duty.end, 24 * 60)
    if end < start:
        return [(start, 24 * 60), (0, end)]
    return [(start, end)]


# what a window is made of: minutes of the day, or dates as YYYY-MM-DD text (which sorts as dates do)
T = TypeVar("T", int, str)


def _overlap(a: tuple[T, T], b: tuple[T, T]) -> bool:
    return max(a[0], b[0]) <= min(a[1], b[1])


def _shared_target(ctx: Context, a: Duty, b: Duty) -> str | None:
    """The tier (or unit) both duties fall on, if any."""
    if a.applies_to == b.applies_to:
        return a.applies_to
    tier_a, tier_b = ctx.graph.tier_of(a.applies_to), ctx.graph.tier_of(b.applies_to)
    if a.applies_to in ctx.policy.tiers and tier_b == a.applies_to:
        return b.applies_to
    if b.applies_to in ctx.policy.tiers and tier_a == b.applies_to:
        return a.applies_to
    return None


def _untimed(duty: Duty) -> list[tuple[str, Marker | None]]:
    """The ends of its daily window a duty does not state (absent or marked): when it falls is not known."""
    return [(end, duty.marker(end)) for end in ("start", "end") if getattr(duty, end) is None]


def _collision(ctx: Context, first: Duty, second: Duty, target: str) -> Violation:
    """The finding at the later-declared duty. A tier is named bare in Chinese (网格的职责), a unit in
    quotation marks (“网格团队”的职责): each has its own message."""
    params = {"duty": second.id, "window": _window(second), "other": first.id, "other_window": _window(first)}
    subject = Subject("duty", second.id)
    if target in ctx.policy.tiers:
        return Violation("PE305", "collision", second.span, subject, {**params, "tier": target})
    return Violation("PE305", "collision_unit", second.span, subject, {**params, "unit": target})


def find(ctx: Context) -> Iterator[Violation]:
    duties = sorted(ctx.policy.duties.values(), key=lambda d: (d.span, d.id))
    unjudged: dict[str, Duty] = {}  # untimed duties sharing a target and dates with another: PE010
    unstated_days: dict[str, Duty] = {}  # weekly or monthly duties whose days decide a collision: PE010
    for first, second in combinations(duties, 2):
        target = _shared_target(ctx, first, second)
        if target is None:
            continue
        if first.id in second.waived_during or second.id in first.waived_during:
            continue
        dates = [(d.active[0] or "0000-00-00", d.active[1] or "9999-99-99") for d in (first, second)]
        if not _overlap(*dates):
            continue
        untimed = [d for d in (first, second) if _untimed(d)]
        if untimed:
            unjudged.update((d.id, d) for d in untimed)
            continue
        if not any(_overlap(a, b) for a in _intervals(first) for b in _intervals(second)):
            continue
        meet = _meet(first, second)
        if meet is None:  # windows overlap, but on which days each falls is not stated
            unstated_days.update((d.id, d) for d in (first, second) if _days_unstated(d))
            continue
        if not meet:
            continue
        yield _collision(ctx, first, second, target)
    for duty in unjudged.values():
        missing = _untimed(duty)
        at = duty.at(missing[0][0]) if missing[0][1] is not None else duty.span
        yield cannot_judge("PE305", Subject("duty", duty.id), at, missing)
    for duty in unstated_days.values():
        if duty.id in unjudged:
            continue
        missing = _days_unstated(duty)
        at = duty.at("recurrence", "on") if missing[0][1] is not None else duty.at("recurrence")
        yield cannot_judge("PE305", Subject("duty", duty.id), at, missing)


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names."""
    return related(ctx.policy, v)


DOC = """\
# PE305 timing-collision — 时间冲突

## What it finds
Two fixed-time duties that fall on the same target (both `applies_to` the same tier or unit, or one to a
tier and the other to a unit at that tier) and cannot both be honoured: their daily windows overlap (a
window is `[start, end]`, ends included; an `end` before its `start`, as in `22:00`–`06:00`, runs past
midnight), their `active` date ranges overlap (no `active` means always), and neither lists the other in
`waived_during`, and they fall on a common day (`recurrence`, default every day: a daily duty meets
every other; a weekly and a monthly one meet whatever their days; two weekly or two monthly ones meet on
a day both list in `on`). The finding is at the later-declared of the two duties; the message shows both windows
(`06:30-09:30`, `22:00-06:00`, and `at 08:30` for a moment, `start` equal to `end`; in Chinese
`06:30至09:30`, `22:00至06:00`, `08:30时`). A duty without `start` or
`end` (omitted, `unstated` or `unknown`) is untimed: when it falls is not stated, so it never collides;
where it shares a target and dates with another duty, PE010 (cannot-judge) names the end to state. Where
two weekly or two monthly duties overlap and one does not state its `on` days, PE010 names
`recurrence.on`; a recurring duty's window in the message shows its days (`monthly on day 15`).

## Why it matters
The 网格通 platform requires a daily check-in by 8:30, or the worker is counted absent. During epidemic
control, nucleic-acid testing began at 6:30 and the check-in still applied: "testing is so busy, who
has time for that?" A rule that cannot be met penalises the worker whatever they do, and it is met in
form only — the check-in, like the patrol track, becomes a trace left for the platform rather than work
done. Either waive the routine duty during the task or move its window.

## Example
```yaml
duties:
  - id: daily_check_in
    name: {zh: 每日8:30前打卡, en: daily check-in by 8:30}
    applies_to: grid
    start: "00:00"          # by 8:30: any time of the day up to it
    end: "08:30"
    penalty: counted absent (旷工)
  - id: nucleic_acid_testing
    name: {zh: 核酸检测, en: nucleic-acid testing}
    applies_to: grid
    start: "06:30"
    end: "09:30"            # illustrative
```
Use instead:
```yaml
duties:
  - id: daily_check_in
    name: {zh: 每日8:30前打卡, en: daily check-in by 8:30}
    applies_to: grid
    start: "00:00"
    end: "08:30"
    penalty: counted absent (旷工)
    waived_during: [nucleic_acid_testing]
  - id: nucleic_acid_testing
    name: {zh: 核酸检测, en: nucleic-acid testing}
    applies_to: grid
    start: "06:30"
    end: "09:30"
```

## Thresholds
None.

## Case reference
§6 of `docs/case.md`: 每天8点30必须在系统里打卡,不然就算旷工; during epidemic control 核酸6点30分就开始做.
"""

DOC_ZH = """\
# PE305 时间冲突 — timing-collision

## 检查内容
落在同一对象上的两项固定时间职责无法同时履行。同一对象,指两项职责的适用对象(`applies_to`)是同一层级或同一单位,或者一项适用于某一层级、另一项适用于该层级的单位。无法同时履行,指同时满足以下条件:

- 每日时间段重叠(时间段为开始时间 `start` 至结束时间 `end`,含两端;结束时间早于开始时间的,如 `22:00` 至 `06:00`,跨越午夜);
- 有效日期(`active`)重叠(未写有效日期的视为一直有效);
- 双方都没有把对方列为暂停履行的情形(`waived_during`);
- 落在同一天(重复周期 `recurrence`,默认每天:每天履行的职责与任何职责都会相遇;每周一次与每月一次的职责,不论具体日期都会相遇;两项每周或两项每月的职责,在 `on` 中列有同一天时相遇)。

诊断位于两项职责中声明在后的一项,信息中列出双方的时间段(如“06:30至09:30”“22:00至06:00”;开始与结束时间相同的时点显示为“08:30时”);重复履行的职责,其时间段附有日期(如“每月15日”)。未写开始或结束时间(未写,或写为 `unstated`、`unknown`)的职责,何时履行没有规定,不判定冲突;它与另一项职责落在同一对象、日期又重叠的,由 PE010(无法判断)指出需要写明的时间。两项每周或两项每月的职责时间段重叠、而其中一项没有写明日期的,由 PE010 指出需要写明 `recurrence.on`。

## 为何重要
打卡在“网格通”平台上进行,网格员说:“我们网格员每天8点30必须在系统里打卡,不然就算旷工”。疫情防控期间,“我们的核酸6点30分就开始做”,打卡要求却照旧执行:“做核酸你也知道有多忙,哪顾得上?”无法同时满足的刚性规则,网格员怎么做都要受罚,最后只能在形式上应付——打卡和巡查轨迹一样,成了留给平台的痕迹,而不是实际的工作。应在临时性任务期间暂停常规职责,或者调整其时间段。

## 示例
```yaml
duties:
  - id: daily_check_in
    name: {zh: 每日8:30前打卡, en: daily check-in by 8:30}
    applies_to: grid
    start: "00:00"          # 8:30 前:当天 8:30 以前任何时间均可
    end: "08:30"
    penalty: counted absent (旷工)
  - id: nucleic_acid_testing
    name: {zh: 核酸检测, en: nucleic-acid testing}
    applies_to: grid
    start: "06:30"
    end: "09:30"            # 示意
```
改为:
```yaml
duties:
  - id: daily_check_in
    name: {zh: 每日8:30前打卡, en: daily check-in by 8:30}
    applies_to: grid
    start: "00:00"
    end: "08:30"
    penalty: counted absent (旷工)
    waived_during: [nucleic_acid_testing]
  - id: nucleic_acid_testing
    name: {zh: 核酸检测, en: nucleic-acid testing}
    applies_to: grid
    start: "06:30"
    end: "09:30"
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6:网格员每天8:30前必须在“网格通”打卡,否则按旷工处理;疫情防控期间核酸检测6:30就已开始,8:30打卡的要求却照旧执行。
"""

CHECK = Check(
    code="PE305",
    name="timing-collision",
    zh="时间冲突",
    severity=Severity.WARNING,
    summary="fixed-time duties that collide (8:30 check-in vs 6:30 testing)",
    finds="two fixed-time duties on the same tier whose daily windows (possibly across midnight) and dates overlap",
    per="pair of duties",
    at="the later-declared duty's `id`",
    reads="`duties` (`applies_to`, `start`, `end`, `active`, `waived_during`, `recurrence`); a window whose `end` is before its `start` runs past midnight",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="同一层级或单位的两项固定时间职责,每日时间段(可跨越午夜)和有效日期都重叠",
    per_zh="一对职责",
    at_zh="声明在后的职责的 `id`",
    reads_zh="职责(`duties`)的 `applies_to`、`start`、`end`、`active`、`waived_during`、`recurrence`;`end` 早于 `start` 的时间段跨越午夜",
    messages={
        "collision": (
            "duty '{duty}' ({window}) collides with duty '{other}' ({other_window}) for '{tier}'",
            "{tier}的职责“{duty}”({window})与职责“{other}”({other_window})时间冲突",
        ),
        "collision_unit": (
            "duty '{duty}' ({window}) collides with duty '{other}' ({other_window}) for '{unit}'",
            "“{unit}”的职责“{duty}”({window})与职责“{other}”({other_window})时间冲突",
        ),
        "between": ("{start}-{end}", "{start}至{end}"),
        "at": ("at {start}", "{start}时"),
        "weekly": ("{window}, weekly on {on}", "{window},每周{on}"),
        "every_week": ("{window}, weekly", "{window},每周一次"),
        "monthly": ("{window}, monthly on day {on}", "{window},每月{on}日"),
        "every_month": ("{window}, monthly", "{window},每月一次"),
    },
    find=find,
    explain=explain,
)
