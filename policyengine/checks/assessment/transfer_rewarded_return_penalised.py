"""PE316 transfer-rewarded-return-penalised (奖上交、罚退件): one regime, or regimes chained by
`adds_to`, rewards events transferred up and deducts points for the ones that come back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Term
from ...vocabulary import EVENTS
from ..base import Check, Step
from ..steps import related, step

if TYPE_CHECKING:
    from ...model import Regime, Scoring
    from ..context import Context

# the scoring `when` words that count events sent up: a closed list, so that a misspelt word in the
# configuration is refused rather than silently matching nothing
TRANSFER_EVENTS = ("transferred", "escalated", "district_transfers")


def _chains(regimes: dict[str, Regime]) -> dict[str, str]:
    """Each regime's chain, named by its root: regimes joined by `adds_to` or `weight_in`, in either
    direction, are one chain, since a worker assessed under an add-on regime is assessed under its base
    as well, and a result that counts in another regime carries its rewards and deductions there."""
    parent = {rid: rid for rid in regimes}

    def root(rid: str) -> str:
        while parent[rid] != rid:
            parent[rid] = parent[parent[rid]]
            rid = parent[rid]
        return rid

    for regime in regimes.values():
        linked = [regime.adds_to, *(w.regime for w in (regime.weighting.weight_in if regime.weighting else ()))]
        for other in linked:
            if other in parent:
                a, b = root(regime.id), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {rid: root(rid) for rid in regimes}


def _rewards(rule: Scoring) -> bool:
    """A bonus, or a score that rises with the measure (`direction: higher_better`)."""
    if rule.effect == "bonus":
        return True
    raw = rule.raw if isinstance(rule.raw, dict) else {}
    return rule.effect == "score" and raw.get("direction") == "higher_better"


def find(ctx: Context) -> Iterator[Violation]:
    transfers = set(ctx.threshold("PE316", "transfer_events"))
    returns = set(ctx.threshold("PE316", "returned_events"))
    regimes = dict(ctx.policy.regimes)
    chain = _chains(regimes)
    deductions: dict[str, tuple[Regime, Scoring]] = {}
    for regime in regimes.values():
        for rule in regime.scoring:
            if rule.effect == "deduct" and rule.when in returns:
                deductions.setdefault(chain[regime.id], (regime, rule))
    for regime in regimes.values():
        for index, rule in enumerate(regime.scoring):
            found = deductions.get(chain[regime.id])
            if found is None or rule.when not in transfers or not _rewards(rule):
                continue
            other, deduction = found
            at, subject = regime.at("scoring", index, "when"), Subject("assessment", regime.id)
            # the scoring words said in words (区级转办, 被退回), not as the policy spells them
            params = {
                "regime": regime.id,
                "when": Term("term.event", rule.when),
                "base": other.id,
                "returned": Term("term.event", deduction.when),
            }
            if other is regime:  # one regime that does both is named once: "rewards … and deducts …"
                yield Violation("PE316", "same", at, subject, params)
            else:
                yield Violation("PE316", "rewarded", at, subject, params)


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The reward, the deduction, and the regimes they belong to."""
    steps = related(ctx.policy, v)
    other = ctx.policy.regimes.get(str(v.params["base"]))
    said = v.params["returned"]
    returned = said.value if isinstance(said, Term) else str(said)
    for index, rule in enumerate(other.scoring if other else ()):
        if other is not None and rule.effect == "deduct" and rule.when == returned:
            steps.append(
                step("scoring", 1, other.at("scoring", index), regime=other.id, when=returned, effect="deduct")
            )
            break
    return steps


DOC = """\
# PE316 transfer-rewarded-return-penalised — 奖上交、罚退件

## What it finds
An assessment regime whose `scoring` rewards an event transferred up — a `when` listed in
`PE316.transfer_events`, with `effect: bonus`, or `effect: score` and `direction: higher_better` —
while the same regime, or a regime chained to it by `adds_to` or `weight_in` (in either direction),
deducts points (`effect: deduct`) `when` an event listed in `PE316.returned_events` occurs. The finding
is at the rewarding entry's `when`, and names the regime that deducts (once, when it is the same
regime). PE304 reads the deduction alone, when the workflow returns events; this check reads the two
rules together, whatever the workflow says.

## Why it matters
The district scores streets higher the more events are transferred to the district (区级转办事项越多,
得分越高), yet a transferred event the district returns is scored unqualified and costs the street
points — the road case. Reporting up is rewarded and punished by the same scheme, and which one the
reporter gets is decided by the level that reviews the event, not by the reporter. Workers resolve the
contradiction the safe way: they report what the street can fix and avoid district transfers (one
community had 12 in nearly two years), so the problems the grid cannot solve drop out of the data.

## Example
```yaml
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: street
    scoring:
      - {when: district_transfers, effect: score, direction: higher_better}
      - {when: returned, effect: deduct}
```
Use instead:
```yaml
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: street
    scoring:
      - {when: district_transfers, effect: score, direction: higher_better}
      - {when: late_verification, effect: deduct}   # deduct for what the reporter controls
```

## Thresholds
- `PE316.transfer_events` (default `[transferred, escalated, district_transfers]`): the scoring
  `when` values that count events transferred up.
- `PE316.returned_events` (default `[returned]`): the scoring `when` values that stand for a
  transferred event coming back.

## Case reference
§6 of `docs/case.md` (district transfers score higher; the road case, returned and scored
unqualified) and §7 (selective reporting: 12 district-level transfers in nearly two years).
"""

DOC_ZH = """\
# PE316 奖上交、罚退件 — transfer-rewarded-return-penalised

## 检查内容
某项考核的计分规则(`scoring`)对向上转办的事件给予奖励(`when` 属于 `PE316.transfer_events`,且 `effect: bonus`,或 `effect: score` 且 `direction: higher_better`),而同一考核,或经加码关系(`adds_to`)、权重关系(`weight_in`)与其相连(不论方向)的考核,又在 `PE316.returned_events` 所列情形发生时扣分(`effect: deduct`)。诊断位于奖励规则的 `when` 处,并指出扣分的考核(扣分的就是本考核的,只写一次)。PE304 只看扣分规则本身(且以事件流转允许退件为前提);本检查把两条规则放在一起看,不论事件流转如何规定。

## 为何重要
区对镇街的月考核规定“区级转办事项越多,得分越高”;可转办到区里的事件一旦被退回,就被判为不合格,街道因此被扣分(破损道路一事)。同一套考核既奖励上报,又惩罚上报,得奖还是受罚,取决于审核事件的上级,而不是报件人。网格员只能选择稳妥的做法:只报街道和社区能够解决的事件,尽量避免区级转办(有一个社区近两年间的区级转办事件只有12件),网格解决不了的问题就从数据中消失了。

## 示例
```yaml
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: street
    scoring:
      - {when: district_transfers, effect: score, direction: higher_better}
      - {when: returned, effect: deduct}
```
改为:
```yaml
assessments:
  - id: district_monthly
    assessor: district_centre
    assessed: street
    scoring:
      - {when: district_transfers, effect: score, direction: higher_better}
      - {when: late_verification, effect: deduct}   # 对报件人自己能够控制的情形扣分
```

## 阈值
- `PE316.transfer_events`(默认 `[transferred, escalated, district_transfers]`):计分规则中表示向上转办事件的 `when` 取值。
- `PE316.returned_events`(默认 `[returned]`):计分规则中表示转办事件被退回的 `when` 取值。

## 案例出处
[案例](../case.zh.md) §6(区级转办得分更高;破损道路一事,事件被退回后又被判为不合格)、§7(选择性报件:有一个社区近两年间的区级转办事件只有12件)。
"""

CHECK = Check(
    code="PE316",
    name="transfer-rewarded-return-penalised",
    zh="奖上交、罚退件",
    severity=Severity.WARNING,
    summary="transfers up rewarded, returned transfers penalised (奖上交、罚退件)",
    finds="a regime (or its `adds_to`/`weight_in` chain) that rewards events transferred up and deducts for returned ones",
    per="rewarding scoring rule",
    at="the rewarding entry's `when`",
    reads="`scoring` (`when`, `effect`, `direction`), `adds_to`, `weight_in`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="考核(或与其经 `adds_to`、`weight_in` 相连的考核)对向上转办的事件加分,又对被退回的事件扣分",
    per_zh="奖励转办的计分规则",
    at_zh="奖励规则的 `when`",
    reads_zh="计分规则 `scoring`(`when`、`effect`、`direction`),`adds_to`,`weight_in`",
    messages={
        "rewarded": (
            "regime '{regime}' rewards events sent up ({when}) while regime '{base}' deducts points for {returned} ones — the reporter bears the reviewer's decision",
            "考核“{regime}”对向上转办的事件({when})加分,考核“{base}”却对{returned}的事件扣分——退不退回由上级审核决定,后果却由报件人承担",
        ),
        "same": (
            "regime '{regime}' rewards events sent up ({when}) and deducts points for {returned} ones — the reporter bears the reviewer's decision",
            "考核“{regime}”对向上转办的事件({when})加分,又对{returned}的事件扣分——退不退回由上级审核决定,后果却由报件人承担",
        ),
    },
    thresholds={"transfer_events": TRANSFER_EVENTS, "returned_events": ("returned",)},
    words={"transfer_events": TRANSFER_EVENTS, "returned_events": EVENTS},
    find=find,
    explain=explain,
)
