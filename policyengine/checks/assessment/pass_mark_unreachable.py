"""PE306 pass-mark-unreachable (合格线无法达到): the parts' points cannot reach the pass mark, or add up
past the full score with no cap on the bonus."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ..base import Check, Step
from ..judgement import cannot_judge
from ..steps import name_of, related, step

if TYPE_CHECKING:
    from ...model import Regime
    from ...scoring import Part, Scheme
    from ...statedness import Marker
    from ..context import Context


def _num(x: float) -> str:
    return f"{x:g}"


def _bonus(p: Part) -> float | None:
    """The most a bonus part adds: its cap, else its points (None: neither stated)."""
    if p.cap is not None and p.points is not None:
        return min(p.cap, p.points)
    return p.cap if p.cap is not None else p.points


def _reach(scheme: Scheme) -> tuple[float, list[Part]]:
    """The most the parts can give, and the parts whose points it would need but are not stated."""
    total, missing = 0.0, []
    for p in scheme.parts:
        value = p.points if p.kind == "base" else _bonus(p) if p.kind == "bonus" else 0.0
        if value is None:
            missing.append(p)
        else:
            total += value
    return total, missing


def _over(scheme: Scheme) -> tuple[float, list[Part]]:
    """The points of the base parts and of the bonus parts without a cap, and those not stated."""
    total, missing = 0.0, []
    for p in scheme.parts:
        if p.kind == "base" or (p.kind == "bonus" and p.cap is None):
            if p.points is None:
                missing.append(p)
            else:
                total += p.points
    return total, missing


def _judge(regime: Regime, scheme: Scheme) -> Iterator[Violation]:
    subject = Subject("assessment", regime.id)
    params = {"regime": regime.id}
    unjudged: list[tuple[str, Marker | None]] = []
    reach, missing = _reach(scheme)
    if scheme.pass_mark is not None and reach < scheme.pass_mark:
        if missing:
            unjudged += [(f"{p.id}.points", p.marker("points")) for p in missing]
        else:
            yield Violation(
                "PE306", "unreachable", regime.at("pass_mark"), subject,
                {**params, "reach": _num(reach), "pass_mark": _num(scheme.pass_mark)},
            )  # fmt: skip
    elif scheme.pass_mark is None and regime.marker("pass_mark") is not None:
        unjudged.append(("pass_mark", regime.marker("pass_mark")))
    over, missing = _over(scheme)
    if scheme.total is not None and over > scheme.total:
        yield Violation(
            "PE306", "exceeds", regime.at("total"), subject, {**params, "sum": _num(over), "total": _num(scheme.total)}
        )
    elif scheme.total is not None and missing:
        unjudged += [(f"{p.id}.points", p.marker("points")) for p in missing]
    if unjudged:
        yield cannot_judge("PE306", subject, regime.at("parts"), unjudged)


def find(ctx: Context) -> Iterator[Violation]:
    for regime in ctx.policy.regimes.values():
        if regime.scheme is not None and regime.scheme.parts:
            yield from _judge(regime, regime.scheme)


def explain(ctx: Context, v: Violation) -> list[Step]:
    """Each part and its points."""
    regime = ctx.policy.regimes[v.subject.id]
    steps = related(ctx.policy, v)
    for p in regime.scheme.parts if regime.scheme else ():
        steps.append(step("part", 1, p.span, part=p.id, name=name_of(p), kind=p.kind, points=p.points, cap=p.cap))
    return steps


DOC = """\
# PE306 pass-mark-unreachable — 合格线无法达到

## What it finds
An assessment regime whose `parts` cannot add up to its `pass_mark`: the points of the parts of kind
`base`, plus each `bonus` part's `cap` (or its points, whichever is less; its points when it has no
cap), are below the pass mark. Deduction parts add nothing. Also a regime whose base parts, with the
bonus parts that have no `cap`, add up to more than its `total`: the full score no longer bounds the
score. The first finding is at `pass_mark`, the second at `total`. When a part the sum needs has no
`points` (or `unstated`/`unknown`), or the pass mark is marked, PE306 gives PE010 at `parts`.

## Why it matters
A pass mark nobody can reach makes everyone fail, whatever the work: the grade stops saying anything
about the worker and every consequence tied to it (interview, dismissal) falls on all alike. A score
that can pass the full mark makes the grades' bounds meaningless. Either is usually an encoding slip
or a drafting error in the 评分细则, and worth finding before the rules are applied.

## Example
```yaml
assessments:
  - id: township_assesses_grid_workers
    assessor: township_government
    assessed: grid
    total: 100
    pass_mark: 60                      # PE306: 40 + 10 can reach 50 at most
    parts:
      - {id: daily_work, points: 40}
      - {id: bonus, kind: bonus, points: 10, cap: 10}
```
Use instead:
```yaml
    parts:
      - {id: daily_work, points: 70}
      - {id: residents_view, points: 30}
      - {id: bonus, kind: bonus, cap: 10}
```

## Thresholds
None.

## Case reference
§6 of `docs/case.md` (the 59-point line of Street Q's scoring rules, on which pay and dismissal turn).
"""

DOC_ZH = """\
# PE306 合格线无法达到 — pass-mark-unreachable

## 检查内容
某一考核办法的各项考核内容(`parts`)加起来达不到合格线(`pass_mark`):基本分项(类别 `base`)的分值,加上各加分项(类别 `bonus`)的上限(`cap`,与其分值取较小者;未设上限的取其分值),低于合格线。扣分项不计。另一种情形是:基本分项与未设上限的加分项之和超过满分(`total`),满分不再是分数的上限。前一种诊断位于合格线处,后一种位于满分处。求和所需的某项考核内容没有写分值(`points`,或写为 `unstated`、`unknown`),或者合格线本身标为未说明的,PE306 在考核内容处给出 PE010。

## 为何重要
合格线无人能达到,不论工作如何,人人都不合格:等次不再反映网格员的工作,与之挂钩的后果(约谈、辞退)一律落到所有人头上。分数能超过满分,等次的界限便失去意义。这两种情况多是评分细则起草或录入时的疏漏,应在细则实施前发现。

## 示例
```yaml
assessments:
  - id: township_assesses_grid_workers
    assessor: township_government
    assessed: grid
    total: 100
    pass_mark: 60                      # PE306:40 + 10,最多只有 50 分
    parts:
      - {id: daily_work, points: 40}
      - {id: bonus, kind: bonus, points: 10, cap: 10}
```
改为:
```yaml
    parts:
      - {id: daily_work, points: 70}
      - {id: residents_view, points: 30}
      - {id: bonus, kind: bonus, cap: 10}
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6(Q街道评分细则中的59分线,扣发绩效和辞退都以此为界)。
"""

CHECK = Check(
    code="PE306",
    name="pass-mark-unreachable",
    zh="合格线无法达到",
    severity=Severity.WARNING,
    summary="the parts' points cannot reach the pass mark, or exceed the full score",
    finds="a regime whose base parts plus capped bonus cannot reach `pass_mark`, or whose parts exceed `total` without a bonus cap",
    per="regime",
    at="`pass_mark` (unreachable) or `total` (exceeded)",
    reads="`total`, `pass_mark`, parts' `kind`, `points`, `cap`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="考核办法的基本分项加上加分项的上限达不到合格线,或加分项未设上限、各项合计超过满分",
    per_zh="考核办法",
    at_zh="`pass_mark`(达不到)或 `total`(超过)",
    reads_zh="考核办法的 `total`、`pass_mark`,考核内容的 `kind`、`points`、`cap`",
    messages={
        "unreachable": (
            "regime '{regime}': its parts give at most {reach} points, below the pass mark {pass_mark}",
            "考核“{regime}”:各项考核内容合计最多 {reach} 分,低于合格线 {pass_mark} 分",
        ),
        "exceeds": (
            "regime '{regime}': its parts add up to {sum} points, above the full score {total}, with no cap on the bonus",
            "考核“{regime}”:各项考核内容合计 {sum} 分,超过满分 {total} 分,且加分未设上限",
        ),
    },
    find=find,
    explain=explain,
)
