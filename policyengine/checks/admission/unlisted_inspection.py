"""PE209 unlisted-inspection (检查评比未经准入): a functional department inspects, rates or demands
certificates of a tier, where the tier is protected against it or the policy declares no protection."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Quoted, Term, msg
from ..base import Check, Step
from ..steps import related
from .lists import cited, protected_by

if TYPE_CHECKING:
    from ..context import Context

# the provisions that forbid each kind of regime (检查评比; 证明事项)
AGAINST = {
    "inspection": ("no_inspection_rating",),
    "rating": ("no_inspection_rating",),
    "certification": ("no_certification_demand", "no_inspection_rating"),
}


def find(ctx: Context) -> Iterator[Violation]:
    policy = ctx.policy
    for regime in policy.regimes.values():
        against = AGAINST.get(regime.kind)
        assessor = policy.units.get(regime.assessor)
        tier = ctx.graph.tier_of(regime.assessed)
        if against is None or assessor is None or assessor.kind != "functional_department" or tier is None:
            continue
        provisions = protected_by(ctx, tier, against)
        yield Violation(
            "PE209",
            "unlisted",
            regime.at("kind"),
            Subject("assessment", regime.id),
            {
                "assessor": regime.assessor,
                "assessed": regime.assessed,
                "regime": regime.id,
                "kind": Term("term.assessment_kind", regime.kind),
                "against": msg("PE209.breaches", provisions=Quoted(provisions))
                if provisions
                else msg("PE209.unprohibited", tier=tier),
            },
        )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names, and the provisions it cites."""
    return related(ctx.policy, v) + cited(ctx, v)


DOC = """\
# PE209 unlisted-inspection — 检查评比未经准入

## What it finds
An assessment regime of `kind` `inspection`, `rating` or `certification` whose `assessor` is a functional
department (`kind: functional_department`, 条线部门), over a tier (`assessed`: a tier, or the tier of the
unit named). The message cites the `provisions` that protect that tier against it — `no_inspection_rating`
(不得擅自开展检查评比), and for a certification also `no_certification_demand` (不得要求出具证明) — by id; or,
when the policy declares none for that tier, says that it declares no prohibition of inspections and
ratings there. One finding per regime, at its `kind` value. Regimes of `kind: assessment` (the default)
are PE205's and PE301's; an inspection by a governance centre, a committee or the tier's own bodies is
not judged here.

## Why it matters
Inspections, ratings and demands for certificates are work too: each one makes the township or community
prepare material, host a visit and be ranked, on top of its listed duties. Burden-reduction measures
(为基层减负) therefore put 检查评比 and 证明事项 under the same admission as tasks: a department may not inspect
or rate a community unless the inspection itself is admitted. A department's inspection regime that the
policy neither admits nor forbids is the side door the lists were meant to close.

## Example
```yaml
assessments:
  - id: civilised_community_rating
    kind: rating                              # PE209 here
    assessor: civilisation_office
    assessed: community
provisions:
  - {id: no_ratings, kind: no_inspection_rating, tier: community, source: "..."}
```
Use instead: drop the rating, or fold it into the assessment the admission reviewer runs (`kind:
assessment`, `assessor` the reviewer) — the provision then has nothing to forbid.
`examples/admission/unlisted_inspection/` is the whole example.

## Thresholds
None.

## Case reference
§6 of `docs/case.md` (assessments and inspections from several levels, all landing on the grid worker).
"""

DOC_ZH = """\
# PE209 检查评比未经准入 — unlisted-inspection

## 检查内容
职能部门(单位类别 `functional_department`,即条线部门)对某一层级开展检查、评比或要求出具证明:考核办法的类别(`kind`)为检查(`inspection`)、评比(`rating`)或证明(`certification`),考核主体(`assessor`)是职能部门,被考核对象(`assessed`)是某一层级或该层级的单位。诊断信息引用保护该层级的规定(`provisions`)的标识:不得擅自开展检查评比(`no_inspection_rating`),证明事项还包括不得要求出具证明(`no_certification_demand`);政策没有为该层级作出此类规定的,诊断信息说明政策未规定不得对其开展检查评比。每个考核办法报告一条诊断,位于其类别的取值处。类别为考核(`assessment`,默认)的考核办法由 PE205 和 PE301 判断;网格化管理机构、议事协调机构或本层级机关开展的检查,不在本检查之列。

## 为何重要
检查、评比和索要证明同样是工作:每一项都要乡镇或社区准备材料、迎接检查、参加排名,叠加在清单所列职责之上。为基层减负的措施因此把检查评比和证明事项与工作任务一样纳入准入:检查本身未经准入的,部门不得对社区开展检查评比。政策既未准入、也未禁止的部门检查,正是清单本想关上的旁门。

## 示例
```yaml
assessments:
  - id: civilised_community_rating
    kind: rating                              # PE209 报在此处
    assessor: civilisation_office
    assessed: community
provisions:
  - {id: no_ratings, kind: no_inspection_rating, tier: community, source: "..."}
```
改为:取消这项评比,或将其并入准入审核机构组织的考核(类别为 `assessment`,考核主体为审核机构),该项规定便无所禁止。完整示例见 `examples/admission/unlisted_inspection/`。

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6(多个层级同时考核、检查,最终都落到网格员身上)。
"""

CHECK = Check(
    code="PE209",
    name="unlisted-inspection",
    zh="检查评比未经准入",
    severity=Severity.WARNING,
    summary="a department inspects, rates or certifies a tier outside admission",
    finds="an `inspection`/`rating`/`certification` regime whose assessor is a functional department; cites the tier's `no_inspection_rating` provision, or says none is declared",
    per="regime",
    at="the regime's `kind` value",
    reads="`assessments` (`kind`, `assessor`, `assessed`), units' `kind`, `provisions` (`kind`, `tier`)",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="考核主体为职能部门的检查、评比或证明类考核办法;引用该层级不得擅自开展检查评比的规定,或说明政策未作此规定",
    per_zh="考核办法",
    at_zh="考核办法的 `kind` 取值",
    reads_zh="考核办法(`assessments`)的 `kind`、`assessor`、`assessed`,单位的 `kind`,规定(`provisions`)的 `kind`、`tier`",
    messages={
        "unlisted": (
            "'{assessor}' subjects '{assessed}' to an unadmitted {kind} (regime '{regime}'); {against}",
            "“{assessor}”未经准入对“{assessed}”{kind}(考核“{regime}”);{against}",
        ),
        "breaches": ("this breaches provision {provisions}", "违反规定{provisions}"),
        "unprohibited": (
            "the policy declares no prohibition of inspections and ratings of '{tier}'",
            "政策未规定不得对{tier}开展检查评比",
        ),
    },
    find=find,
    explain=explain,
)
