"""PE208 open-catch-all (兜底条款无边界): a duties or cooperation list below the root tier whose catch-all
clause lets any authority add work to it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Severity, Subject, Violation
from ...messages.core import msg
from ..base import Check, Step
from ..steps import related

if TYPE_CHECKING:
    from ...model import PolicyList
    from ...span import Span
    from ..context import Context


def _opening(lst: PolicyList) -> tuple[str, Span] | None:
    """What opens the list's catch-all and where it is written: `open_ended: true`, or a department's
    own decision among what bounds it; None when the catch-all is bounded (or there is none)."""
    catch_all = lst.life.catch_all if lst.life else None
    if catch_all is None:
        return None
    if catch_all.open_ended is True:
        return "open", lst.at("catch_all", "open_ended")
    if "department_decision" in catch_all.bounded_by:
        return "department", lst.at("catch_all", "bounded_by", catch_all.bounded_by.index("department_decision"))
    return None


def find(ctx: Context) -> Iterator[Violation]:
    for lst in ctx.policy.lists.values():
        if lst.kind not in ("duties", "cooperation") or lst.tier not in ctx.policy.tiers:
            continue
        if ctx.graph.depth(lst.tier) == 0:  # the root tier's own list: nobody above pushes work into it
            continue
        opening = _opening(lst)
        if opening is None:
            continue
        key, span = opening
        catch_all = lst.life.catch_all if lst.life else None
        words = msg("PE208.words", text=catch_all.text) if catch_all and catch_all.text else ""
        params = {"list": lst.id, "tier": lst.tier, "text": words}
        if key == "open":
            yield Violation("PE208", "open", span, Subject("list", lst.id), params)
        else:
            yield Violation("PE208", "department", span, Subject("list", lst.id), params)


def explain(ctx: Context, v: Violation) -> list[Step]:
    """The declarations the message names."""
    return related(ctx.policy, v)


DOC = """\
# PE208 open-catch-all — 兜底条款无边界

## What it finds
A `duties` or `cooperation` list of a tier below the root whose catch-all clause (`catch_all`) has no
bound: `open_ended: true`, or a `bounded_by` that includes `department_decision` (主管部门决定). A
department's own decision is no bound on what departments push down, so it is judged open too. A
catch-all bounded by `law`, `regulation`, `superior_decision` or `other` only, or with `open_ended:
false` and no `department_decision`, is not flagged; neither is a list with no `catch_all`, nor a list of
the root tier (nothing above it pushes work into it). The finding is at `open_ended` (or at the
`department_decision` entry of `bounded_by`).

## Why it matters
Nearly every real list of duties ends with a catch-all: "法律法规规定的和主管部门决定的其他事项", "上级党委政府交办
的其他事项". The catch-all is how unlisted work enters anyway: whatever a department decides becomes "listed",
and the list stops limiting the tier's duties — no admission review, no transfer of powers or money, and
PE202 can no longer see the pushdown, because the work now counts as on the list. A catch-all bounded by law
and regulation keeps the list closed: new work needs a legal basis, or a decision of the superior Party
committee and government, not of the department that wants it done.

## Example
```yaml
lists:
  - id: township_duties
    tier: township
    kind: duties
    items: [fire_safety_inspection]
    catch_all:
      text: "法律法规规定的和县直部门交办的其他事项"
      open_ended: true                        # PE208 here
```
Use instead:
```yaml
    catch_all:
      text: "法律法规规定的和县委县政府决定的其他事项"
      open_ended: false
      bounded_by: [law, regulation, superior_decision]
```
— and let other work pass the township's admission procedure. `examples/admission/open_catch_all/` is the
whole example.

## Thresholds
None.

## Case reference
§4 of `docs/case.md`: H District's Interim Measures add "other matters the Working Committee decides to run
through the grid" to the grid's eleven routine categories.
"""

DOC_ZH = """\
# PE208 兜底条款无边界 — open-catch-all

## 检查内容
顶层以下某一层级的履职事项清单或配合事项清单(清单类别 `duties`、`cooperation`),其兜底条款(`catch_all`)没有边界:写明不设边界(`open_ended: true`),或者所列边界(`bounded_by`)中含主管部门决定(`department_decision`)。由部门自行决定,等于对部门向下派工作不设约束,因此同样视为没有边界。只以法律(`law`)、法规(`regulation`)、上级决定(`superior_decision`)或其他依据(`other`)为界的,或写明设有边界(`open_ended: false`)且不含主管部门决定的,不予报告;没有兜底条款的清单,以及顶层的清单(没有更高的层级向它派工作),也不报告。诊断位于 `open_ended` 处(或 `bounded_by` 中主管部门决定一项处)。

## 为何重要
现实中的履职事项清单几乎都以兜底条款收尾,把主管部门决定或上级交办的其他事项一并纳入。清单以外的工作正是从兜底条款进入的:部门决定什么,什么就成了清单内的事项,清单也就不再限定该层级的职责——不经准入审核,权力和经费不随之下放和划转;PE202 也发现不了这种下派,因为这项工作已经算在清单之内。以法律法规为界的兜底条款能让清单保持封闭:新增工作须有法律法规依据,或经上级党委政府决定,而不是由需要基层办事的部门自行决定。

## 示例
```yaml
lists:
  - id: township_duties
    tier: township
    kind: duties
    items: [fire_safety_inspection]
    catch_all:
      text: "法律法规规定的和县直部门交办的其他事项"
      open_ended: true                        # PE208 报在此处
```
改为:
```yaml
    catch_all:
      text: "法律法规规定的和县委县政府决定的其他事项"
      open_ended: false
      bounded_by: [law, regulation, superior_decision]
```
其他工作须经乡镇的准入程序。完整示例见 `examples/admission/open_catch_all/`。

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §4:H区《暂行办法》在网格的11大类常规性事务之外,还规定“基层网格还要完成H区党工委、管委会决定通过网格开展的其他事项”。
"""

CHECK = Check(
    code="PE208",
    name="open-catch-all",
    zh="兜底条款无边界",
    severity=Severity.WARNING,
    summary="a list's catch-all lets any authority add work to a lower tier",
    finds="a duties/cooperation list below the root tier whose `catch_all` is `open_ended: true` or bounded by `department_decision`",
    per="list",
    at="the list's `catch_all.open_ended` (or the `department_decision` entry of `bounded_by`)",
    reads="lists' `kind`, `tier`, `catch_all` (`open_ended`, `bounded_by`, `text`); the tier tree",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="顶层以下层级的履职事项清单或配合事项清单,其兜底条款写明不设边界(`open_ended: true`),或以主管部门决定为界(`department_decision`)",
    per_zh="清单",
    at_zh="清单的 `catch_all.open_ended`(或 `bounded_by` 中的 `department_decision` 一项)",
    reads_zh="清单的 `kind`、`tier`、`catch_all`(`open_ended`、`bounded_by`、`text`);层级树",
    messages={
        "open": (
            "list '{list}' of '{tier}' has an open-ended catch-all{text}: any authority can add work to it outside admission",
            "{tier}的清单“{list}”的兜底条款{text}没有边界,任何机关都可以不经准入向该清单增加工作",
        ),
        "department": (
            "list '{list}' of '{tier}' has a catch-all{text} that a department's own decision can fill: departments can add work to it outside admission",
            "{tier}的清单“{list}”的兜底条款{text}以主管部门决定为界,等于没有边界:部门可以不经准入向该清单增加工作",
        ),
        "words": (" ('{text}')", "(即“{text}”)"),
    },
    find=find,
    explain=explain,
)
