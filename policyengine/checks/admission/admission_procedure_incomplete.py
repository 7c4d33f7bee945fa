"""PE204 admission-procedure-incomplete (准入程序不完整): a procedure in force missing a part of due
process; an item missing the legal basis its procedure requires."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import Joined, msg
from ...statedness import UNKNOWN
from ..base import Check, Step
from ..judgement import cannot_judge
from ..steps import related
from .lists import entries, governing_list

if TYPE_CHECKING:
    from ...model import Admission
    from ..context import Context

# the parts of due process a procedure states, in the order the message lists what is missing
PARTS = ("legal_basis_required", "lead_time_days", "reviewer", "approval_deadline_days", "publication_required")


def _missing(adm: Admission, name: str) -> bool:
    """A part of due process the procedure's text lacks: absent, `unstated`, false, or a zero lead time
    or approval deadline (no time at all is no such time)."""
    value = getattr(adm, name)
    return value is None or value is False or (name in ("lead_time_days", "approval_deadline_days") and value == 0)


def find(ctx: Context) -> Iterator[Violation]:
    policy = ctx.policy
    for adm in policy.admissions.values():
        if not adm.in_force(ctx.on):
            continue
        unknown = [(name, UNKNOWN) for name in PARTS if adm.marker(name) is UNKNOWN]
        missing = tuple(
            msg(f"PE204.part.{name}") for name in PARTS if _missing(adm, name) and adm.marker(name) is not UNKNOWN
        )
        if missing:
            yield Violation(
                "PE204",
                "procedure",
                adm.span,
                Subject("admission", adm.id),
                {"procedure": adm.id, "missing": Joined(missing, "sep.list")},
            )
        if unknown:
            yield cannot_judge("PE204", Subject("admission", adm.id), adm.at(unknown[0][0]), unknown)
    seen: set[str] = set()
    for lst, index, item in entries(policy):
        if item.id in seen or item.legal_basis:
            continue
        requiring = [a for a in governing_list(policy, lst, ctx.on) if a.legal_basis_required is True]
        if requiring:
            seen.add(item.id)
            if item.marker("legal_basis") is UNKNOWN:  # stated by the document, not known here
                yield cannot_judge(
                    "PE204", Subject("item", item.id), item.at("legal_basis"), [("legal_basis", UNKNOWN)]
                )
                continue
            yield Violation(
                "PE204",
                "legal_basis",
                lst.at("items", index),
                Subject("item", item.id),
                {"item": item.id, "list": lst.id, "procedure": requiring[0].id},
            )


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names."""
    return related(ctx.policy, v)


DOC = """\
# PE204 admission-procedure-incomplete — 准入程序不完整

## What it finds
Two things, each its own finding:
1. **An admission procedure in force on the `--on` date that lacks a part of due process**: a legal
   basis requirement (`legal_basis_required: true`), a lead time (`lead_time_days`), approval — a
   `reviewer` and an approval deadline (`approval_deadline_days`) — or publication before effect
   (`publication_required: true`). One finding per procedure, at its `id`, listing every missing part.
   `false`, `unstated` (the procedure's text does not state it) and a lead time or approval deadline of
   `0` count as missing; a part written `unknown` is not judged (PE010 cannot-judge names it). A
   procedure out of force is not judged: it governs nothing that day.
2. **An item without `legal_basis` on a list governed by a procedure in force that requires one**
   (`legal_basis_required: true`): one finding per item, at its first such entry (lists in declared
   order, `returned` lists aside, items assigned to the list's tier). `legal_basis: unstated` is
   missing; `legal_basis: unknown` gives PE010 instead.

## Why it matters
The paper asks for an admission mechanism set at the level of institutions (从制度层面设置): a procedure
without a legal basis, a lead time, a reviewer with a deadline, or publication before effect lets a
department push an item down overnight, as H District's departments coded nearly 1,000 items into the grid's
list. An item admitted without the law or document that puts it on the tier cannot be challenged or removed.

## Example
```yaml
admission:
  - id: grid_admission                       # PE204: no lead time, approval deadline, publication
    tier: grid
    reviewer: district_centre
    legal_basis_required: true
lists:
  - {id: grid_line_list, tier: grid, kind: duties, items: [fire_hazard_reporting]}   # PE204: no legal_basis
```
Use instead:
```yaml
admission:
  - id: grid_admission
    tier: grid
    reviewer: district_centre
    lead_time_days: 30                        # illustrative figures
    approval_deadline_days: 15
    legal_basis_required: true
    publication_required: true
items:
  - id: fire_hazard_reporting
    legal_basis: {document: "The grid's admitted line list"}
```
`examples/admission/admission_procedure_incomplete/` is the whole example.

## Thresholds
None. The date is `lint --on` (default: today).

## Case reference
§8 of `docs/case.md` (网格准入机制: review by the grid-management agency) and §4 (the line list compiled
by the departments: 13 categories, nearly 1,000 items).
"""

DOC_ZH = """\
# PE204 准入程序不完整 — admission-procedure-incomplete

## 检查内容
两类问题,各自单独报告:

1. **在 `--on` 日期有效的准入程序缺少正当程序的某一环节**:要求提供法定依据(`legal_basis_required: true`)、提前申请期限(`lead_time_days`)、审批——审核部门(`reviewer`)和审批时限(`approval_deadline_days`)——或生效前公布(`publication_required: true`)。每个程序一条诊断,位于其 `id` 处,列出全部缺少的环节。写为 `false` 或 `unstated`(程序文本未作规定)的,以及提前申请期限或审批时限为 `0` 的,视为缺少;写为 `unknown` 的环节不予判断(由 PE010 无法判断指出)。失效的程序不予判断:当日它不管辖任何事项。
2. **有效的准入程序要求法定依据,其管辖清单中的事项却没有法定依据(`legal_basis`)**:每个事项一条诊断,位于其第一个此类清单条目处(清单按声明顺序,上收事项清单除外,只计指派给清单所属层级的事项)。`legal_basis: unstated` 视为缺少;`legal_basis: unknown` 则报告 PE010。

## 为何重要
论文主张从制度层面设置准入机制。准入程序不要求法定依据、没有提前申请期限、没有限时审批的审核部门、生效前不公布,职能部门就可以一夜之间把事项压下去,正如H区各职能部门把近1000项事项编进网格管理事项清单。没有法律或文件依据而进入某一层级的事项,既无从质疑,也无从退出。

## 示例
```yaml
admission:
  - id: grid_admission                       # PE204:缺少提前申请期限、审批时限、生效前公布
    tier: grid
    reviewer: district_centre
    legal_basis_required: true
lists:
  - {id: grid_line_list, tier: grid, kind: duties, items: [fire_hazard_reporting]}   # PE204:事项没有法定依据
```
改为:
```yaml
admission:
  - id: grid_admission
    tier: grid
    reviewer: district_centre
    lead_time_days: 30                        # 示意数字
    approval_deadline_days: 15
    legal_basis_required: true
    publication_required: true
items:
  - id: fire_hazard_reporting
    legal_basis: {document: "The grid's admitted line list"}
```
完整示例见 `examples/admission/admission_procedure_incomplete/`。

## 阈值
无。判断日期为 `lint --on` 指定的日期(默认为当天)。

## 案例出处
[案例](../case.zh.md) §8(网格准入机制:由网格化管理机构审核进入网格的事项)、§4(区社会治理中心会同各职能部门编制的条线事项清单:13大类、近1000项)。
"""

CHECK = Check(
    code="PE204",
    name="admission-procedure-incomplete",
    zh="准入程序不完整",
    severity=Severity.WARNING,
    summary="admission without legal basis, lead time, approval or publication",
    finds="a procedure without legal basis required, lead time, reviewer and approval deadline, or publication; an item without the `legal_basis` its procedure requires",
    per="procedure; item",
    at="the procedure's `id`; the item's first list entry",
    reads="`admission` (`legal_basis_required`, `lead_time_days`, `reviewer`, `approval_deadline_days`, `publication_required`, `valid`), items' `legal_basis`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="准入程序不要求法定依据,或缺少提前申请期限、审核部门和审批时限、生效前公布;事项缺少其准入程序要求的法定依据",
    per_zh="准入程序;事项",
    at_zh="准入程序的 `id`;事项的第一个清单条目",
    reads_zh="准入程序 `admission` 的 `legal_basis_required`、`lead_time_days`、`reviewer`、`approval_deadline_days`、`publication_required`、`valid`,事项的 `legal_basis`",
    messages={
        "procedure": ("admission procedure '{procedure}' lacks {missing}", "准入程序“{procedure}”缺少{missing}"),
        "legal_basis": (
            "item '{item}' in list '{list}' has no legal basis, which admission procedure '{procedure}' requires",
            "清单“{list}”中的事项“{item}”没有法定依据,而准入程序“{procedure}”要求提供",
        ),
        "part.legal_basis_required": (
            "a legal basis requirement (legal_basis_required: true)",
            "提供法定依据的要求",
        ),
        "part.lead_time_days": ("a lead time (lead_time_days)", "提前申请期限"),
        "part.reviewer": ("a reviewer (reviewer)", "审核部门"),
        "part.approval_deadline_days": (
            "an approval deadline (approval_deadline_days)",
            "审批时限",
        ),
        "part.publication_required": (
            "publication before effect (publication_required: true)",
            "生效前公布的要求",
        ),
    },
    find=find,
    explain=explain,
)
