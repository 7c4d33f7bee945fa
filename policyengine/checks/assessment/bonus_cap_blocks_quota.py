"""PE309 bonus-cap-blocks-quota (加分上限使配额无法达到): the only credit for a measure stops, at its
cap, short of the quota the regime sets on it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...span import Span
from ..base import Check, Step
from ..judgement import cannot_judge
from ..stakes import chain
from ..steps import name_of, related, step

if TYPE_CHECKING:
    from ...model import Quota, Regime
    from ...statedness import Marker
    from ..context import Context


@dataclass(frozen=True)
class Credit:
    """A bonus scoring rule on the measure: the events it credits at most (None: no cap, or the fields
    a judgement needs are `unstated`)."""

    index: int
    span: Span
    events: float | None
    unstated: tuple[tuple[str, Marker | None], ...] = ()


def _credits(regime: Regime, measure: str) -> list[Credit] | None:
    """The bonus rules crediting the measure; None when anything else credits it (or nothing does)."""
    scheme = regime.scheme
    found: list[Credit] = []
    others = [p for p in scheme.parts if p.measure == measure and p.kind != "bonus"] if scheme else []
    for index, rule in enumerate(regime.scoring):
        if rule.when != measure:
            continue
        terms = scheme.rules[index] if scheme else None
        if rule.effect != "bonus" or (terms is not None and terms.per not in (None, "event")):
            return None
        part = scheme.part(terms.part) if scheme and terms else None
        cap = terms.cap if terms and terms.cap is not None else part.cap if part else None
        cap_marker = (terms.marker("cap") if terms else None) or (part.marker("cap") if part else None)
        if cap is None and cap_marker is None:
            return None  # no cap: the credit never stops
        if cap is None or rule.points is None or rule.points <= 0:
            fields = (("cap", cap_marker),) if cap is None else (("points", rule.marker("points")),)
            found.append(Credit(index, regime.at("scoring", index), None, fields))
        else:
            above = terms.above if terms and terms.above is not None else 0.0
            found.append(Credit(index, regime.at("scoring", index), above + cap / rule.points))
    return found if found and not others else None


def _binding(ctx: Context, regime: Regime) -> Iterator[tuple[Regime, Quota]]:
    for owner in chain(ctx.policy, regime):
        for q in owner.quotas:
            if q.min is not None and q.min > 0:
                yield owner, q


def find(ctx: Context) -> Iterator[Violation]:
    for regime in ctx.policy.regimes.values():
        for owner, quota in _binding(ctx, regime):
            credits = _credits(regime, quota.metric)
            if credits is None:
                continue
            subject = Subject("assessment", regime.id)
            unjudged = [c for c in credits if c.events is None]
            most = max((c.events for c in credits if c.events is not None), default=None)
            if most is not None and most >= (quota.min or 0):
                continue
            if unjudged:
                yield cannot_judge("PE309", subject, unjudged[0].span, [f for c in unjudged for f in c.unstated])
            elif most is not None:
                params = {
                    "regime": regime.id,
                    "measure": quota.metric,
                    "events": f"{most:g}",
                    "quota": f"{quota.min:g}",
                    "quota_regime": owner.id,
                }
                if owner is regime:  # its own quota: the regime is named once
                    yield Violation("PE309", "own", credits[0].span, subject, params)
                else:
                    yield Violation("PE309", "blocked", credits[0].span, subject, params)


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The quota and the capped bonus rules."""
    regime = ctx.policy.regimes[v.subject.id]
    steps = related(ctx.policy, v)
    for owner, q in _binding(ctx, regime):
        if q.metric == v.params.get("measure"):
            steps.append(step("quota", 1, q.span, regime=owner.id, metric=q.metric, add=q.add, min=q.min))
    scheme = regime.scheme
    for index, rule in enumerate(regime.scoring):
        terms = scheme.rules[index] if scheme else None
        part = scheme.part(terms.part) if scheme and terms else None
        if rule.when == v.params.get("measure") and part is not None:
            steps.append(
                step(
                    "part",
                    1,
                    part.span,
                    part=part.id,
                    name=name_of(part),
                    kind=part.kind,
                    points=part.points,
                    cap=part.cap,
                )
            )
    return steps


DOC = """\
# PE309 bonus-cap-blocks-quota — 加分上限使配额无法达到

## What it finds
A quota with `min` above 0 on a measure (the regime's own or one along `adds_to`) whose only credit in
the regime is bonus scoring rules (`effect: bonus`, `when` the measure, `per: event` or no `per`), each
capped — by its own `cap` or by the `cap` of the bonus part it feeds (`part`) — so that it credits at
most `above` + `cap` / `points` events, fewer than the quota asks. A base part or any other rule on the
measure is another credit, and a rule with no cap never stops: neither is flagged. The finding is at
the first bonus rule. A cap or points marked `unstated`/`unknown` (or points not written) gives PE010.

## Why it matters
The rules ask for a number of events, yet stop rewarding them well before it: past the cap, each event
the quota still demands earns nothing. The two rules contradict each other, and the worker is left to
meet the quota for no credit — or to learn that the quota does not mean what it says.

## Example
```yaml
assessments:
  - id: township_assesses_grid_workers
    assessor: township_government
    assessed: grid
    parts:
      - {id: bonus, kind: bonus, cap: 10}
    quotas:
      - {metric: events_reported, kind: count, min: 60}
    scoring:                             # PE309: 30 + 10 / 0.5 = 50 events at most, below 60
      - {when: events_reported, effect: bonus, points: 0.5, per: event, above: 30, part: bonus}
```
Use instead: raise the cap to cover the quota (`cap: 15`), or lower the quota to what the bonus credits.

## Thresholds
None.

## Case reference
§6 of `docs/case.md` (Street Q's bonus for exceeding the reporting count, on top of the district's
quota of 30 events a month).
"""

DOC_ZH = """\
# PE309 加分上限使配额无法达到 — bonus-cap-blocks-quota

## 检查内容
考核对某一指标规定了大于 0 的配额下限(`quotas` 的 `min`,本考核的,或经加码关系 `adds_to` 承接上级考核的),而本考核对该指标唯一的计分是加分规则(`effect: bonus`,`when` 为该指标,`per: event` 或未写 `per`),且每条都设有上限(规则自身的 `cap`,或其计入的加分类考核内容 `part` 的 `cap`),最多只能计 `above` + `cap` / `points` 件,少于配额要求的件数。该指标另有基础分考核内容或其他计分规则的,另有得分途径;规则未设上限的,加分不会停止:这两种情况都不报告。诊断位于第一条加分规则处。上限或分值写为 `unstated`/`unknown`(或未写分值)的,报告 PE010(无法判断)。

## 为何重要
规则要求完成一定件数,却在远未达到之前就不再加分:超过上限后,配额仍然要求的每一件都得不到分数。两条规则相互矛盾,网格员要么完成配额却白白付出,要么认定配额并非真要完成。

## 示例
```yaml
assessments:
  - id: township_assesses_grid_workers
    assessor: township_government
    assessed: grid
    parts:
      - {id: bonus, kind: bonus, cap: 10}
    quotas:
      - {metric: events_reported, kind: count, min: 60}
    scoring:                             # PE309:最多计 30 + 10 / 0.5 = 50 件,少于 60 件
      - {when: events_reported, effect: bonus, points: 0.5, per: event, above: 30, part: bonus}
```
改为:提高加分上限,使其覆盖配额(`cap: 15`);或把配额降到加分所能计入的件数。

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6(区里要求每名专职网格员每月至少上报30件,Q街道又对超额完成报件数量的网格员给予加分)。
"""

CHECK = Check(
    code="PE309",
    name="bonus-cap-blocks-quota",
    zh="加分上限使配额无法达到",
    severity=Severity.WARNING,
    summary="a capped bonus is the only credit for a measure and stops short of its quota",
    finds="a quota `min` on a measure whose only credit is capped bonus rules crediting fewer events than the quota",
    per="regime and quota",
    at="the first bonus scoring rule on the measure",
    reads="quotas' `metric` and `min` (along `adds_to`), scoring `when`, `effect`, `points`, `per`, `above`, `cap`, `part`, parts' `cap`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="对某一指标规定了配额下限(`min`),而该指标唯一的计分是设有上限的加分规则,所能计入的件数少于配额",
    per_zh="每项考核的每个配额",
    at_zh="该指标的第一条加分规则",
    reads_zh="配额的 `metric` 和 `min`(含经 `adds_to` 承接的),计分规则的 `when`、`effect`、`points`、`per`、`above`、`cap`、`part`,考核内容的 `cap`",
    messages={
        "blocked": (
            "regime '{regime}': its only credit for '{measure}' is a bonus capped at {events} events, below the quota of {quota} set by '{quota_regime}'",
            "考核“{regime}”对“{measure}”只以加分计分,加分上限最多计 {events} 件,低于考核“{quota_regime}”规定的 {quota} 件配额",
        ),
        "own": (
            "regime '{regime}': its only credit for '{measure}' is a bonus capped at {events} events, below its own quota of {quota}",
            "考核“{regime}”对“{measure}”只以加分计分,加分上限最多计 {events} 件,低于本考核规定的 {quota} 件配额",
        ),
    },
    find=find,
    explain=explain,
)
