"""PE106 delegation-unbounded (下放权力无范围或期限): a grant handed down (`delegated_by`) that states no
scope (the items it covers) or no end to its term."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import msg
from ..base import Check, Step
from ..steps import related

if TYPE_CHECKING:
    from ..context import Context


def find(ctx: Context) -> Iterator[Violation]:
    for grant in ctx.policy.grants:
        terms = ctx.structure.terms(grant)
        if terms.delegated_by is None:
            continue
        # the end may be stated by `term.to` or by `valid.to`: the grant's validity is both together
        no_scope, no_end = not terms.scoped, grant.valid[1] is None
        if not (no_scope or no_end):
            continue
        missing = msg("PE106.both") if no_scope and no_end else msg("PE106.scope" if no_scope else "PE106.term")
        holder = grant.unit or grant.tier or ""
        yield Violation(
            "PE106",
            "unbounded",
            grant.at("delegated_by"),
            Subject("grant", grant.id or holder),
            {
                # a tier stands unquoted in the Chinese templates (下放给镇街), a unit quoted
                "holder": msg("PE106.to_unit", unit=grant.unit) if grant.unit else msg("PE106.to_tier", tier=holder),
                "unit": terms.delegated_by,
                "missing": missing,
            },
        )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names."""
    return related(ctx.policy, v)


DOC = """\
# PE106 delegation-unbounded — 下放权力无范围或期限

## What it finds
A grant handed down by a higher body (`delegated_by: UNIT`, 下放/委托) that does not say which items it
covers (no `scope: {items, categories}`) or until when (neither `term.to` nor `valid.to`). One finding
per grant, at its `delegated_by` value, naming what is missing: the scope, the term, or both.

## Why it matters
A power handed down to a township or a grid without a scope reads as a power over everything, and
without a term as a power for ever; in practice neither is meant, and the body that handed it down can
take it back or narrow it whenever it likes. The tier then carries items on the strength of a power
nobody can point to when it is contested. Regulations on devolving powers to townships ask that the
devolved items be listed (赋权事项清单) and that the delegation be reviewed and its term stated, with the
working conditions, training and information systems to exercise it (`support`). A grant with a
`scope` counts for PE101, PE103 and PE104 only for the items in it; without one, the checks take it to
cover every item, which may be more than the document says.

## Example
```yaml
grants:
  - id: township_enforcement
    tier: township
    delegated_by: county_enforcement_bureau     # PE106: no scope, no term
    powers: [enforcement]
```
Use instead:
```yaml
grants:
  - id: township_enforcement
    tier: township
    delegated_by: county_enforcement_bureau
    scope: {categories: [market_order], items: [street_stall]}
    term: {from: 2025-01-01, to: 2027-12-31}
    support: [training, information_system]
    powers: [enforcement]
```

## Thresholds
None.

## Case reference
The measures that devolve county powers to townships and streets (赋权乡镇, 权随事转) and the townships'
lists of duties (乡镇(街道)履行职责事项清单): a devolved power comes with the list of items it covers and
the term of the delegation. In the bundled H District policy no grant is handed down, so PE106 does not
fire there.
"""

DOC_ZH = """\
# PE106 下放权力无范围或期限 — delegation-unbounded

## 检查内容
上级单位下放(委托)的授权(写明下放单位 `delegated_by`),未写明适用于哪些事项(没有适用范围 `scope: {items, categories}`),或未写明期限(既无 `term.to`,也无 `valid.to`)。每项授权一条诊断,位于其下放单位值处,指出缺少的是范围、期限,还是两者都缺。

## 为何重要
下放给乡镇(街道)或网格的权力,不写范围,读来就是对一切事项都有权;不写期限,就是永久有效。实际上两者都不是本意,下放单位随时可以收回或缩小。层级依据这项权力承担事项,一旦发生争议,却指不出依据的究竟是哪项权力。向乡镇(街道)赋权的有关规定,要求下放事项制定目录、向社会公布,对下放事项进行评估并明确期限,同时保障行使权力所需的工作条件、培训和信息系统等(`support`)。写有范围的授权,PE101、PE103、PE104 只对范围内的事项计入;未写范围的,这些检查视其适用于全部事项,可能超出文件本意。

## 示例
```yaml
grants:
  - id: township_enforcement
    tier: township
    delegated_by: county_enforcement_bureau     # PE106:未写范围,也未写期限
    powers: [enforcement]
```
改为:
```yaml
grants:
  - id: township_enforcement
    tier: township
    delegated_by: county_enforcement_bureau
    scope: {categories: [market_order], items: [street_stall]}
    term: {from: 2025-01-01, to: 2027-12-31}
    support: [training, information_system]
    powers: [enforcement]
```

## 阈值
无。

## 案例出处
向乡镇、街道下放县级权力(赋权乡镇、权随事转)的有关办法,以及乡镇(街道)履行职责事项清单:下放的权力应附有其适用事项的清单和委托期限,见[真实文件语料](../../examples/regulations/README.zh.md)中的 `shandong_township_government_regulation_2020`(第六条:下放乡镇的县级服务管理事项制定目录并向社会公布)和 `xiangcheng_township_duty_list_2021`。内置的H区政策中没有下放的授权,PE106 在H区不报告。[案例](../case.zh.md)未涉及这一问题。
"""

CHECK = Check(
    code="PE106",
    name="delegation-unbounded",
    zh="下放权力无范围或期限",
    severity=Severity.WARNING,
    summary="下放权力无范围或期限: a power handed down without a scope or a term",
    finds="a grant handed down (`delegated_by`) that states no scope of items or no end to its term",
    per="grant",
    at="the grant's `delegated_by` value",
    reads="grants' `delegated_by`, `scope`, `term` and `valid`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="上级下放的授权(`delegated_by`)未写明适用事项的范围,或未写明期限的截止日期",
    per_zh="授权",
    at_zh="授权的 `delegated_by` 值",
    reads_zh="授权的 `delegated_by`、`scope`、`term` 和 `valid`",
    messages={
        "unbounded": (
            "the grant to {holder} handed down by '{unit}' states {missing}",
            "“{unit}”{holder}的授权未写明{missing}",
        ),
        "to_tier": ("'{tier}'", "下放给{tier}"),
        "to_unit": ("'{unit}'", "下放给“{unit}”"),
        "scope": ("no scope (the items it covers)", "范围(适用于哪些事项)"),
        "term": ("no end to its term", "期限"),
        "both": ("no scope (the items it covers) and no end to its term", "范围(适用于哪些事项)和期限"),
    },
    find=find,
    explain=explain,
)
