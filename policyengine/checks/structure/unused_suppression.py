"""PE008 unused-suppression: a suppression comment that silences nothing. Reported by the suppressions as the policy is read."""

from __future__ import annotations

from ...diagnostics import Severity
from ..base import Check

DOC = """\
# PE008 unused-suppression — 无效抑制

## What it finds
A suppression comment in a policy file (`# policyengine: ignore[...]`, `ignore-file[...]`,
`disable[...]`) that silences no finding. It also finds an `enable[...]` that closes no block a
`disable` opened. The finding points at the comment and lists the codes that silenced nothing. A
code that did not run (turned off by `--select`, `--ignore` or the configuration) is not judged:
its silence proves nothing. The same holds when structural errors (PE001–PE005) stopped the checks.

## Why it matters
A suppression records a decision: this finding is known and accepted for now. When the policy is
fixed, the comment stays behind. A stale suppression then hides the next real finding of that code
on its line, unseen by the reviewer who reads the lint as a clean bill. The grid's own data failed
the same way: a record that says "handled" once stopped showing what happens on the ground
(悬浮化). Reporting stale suppressions keeps the lint's silence meaningful, as ruff's unused-`noqa`
rule keeps `noqa` comments honest.

## Example
```yaml
items:
  - id: patrol
    name: {zh: 巡查, en: Patrol}
    category: urban_management
    kind: routine
    tier: grid
    role: handle
    requires: {handle: [report]}   # policyengine: ignore[PE101]   (PE008: grid holds 'report')
```
Use instead:
```yaml
items:
  - id: patrol
    name: {zh: 巡查, en: Patrol}
    category: urban_management
    kind: routine
    tier: grid
    role: handle
    requires: {handle: [report]}
```

## Thresholds
None.

## Case reference
§7 of `docs/case.md`: suspension (悬浮化), where reported events are selected and produced to fit
the rules, so that the data no longer shows social reality. A linter whose silences are stale has
the same defect, and PE008 is how policyengine avoids it.
"""

DOC_ZH = """\
# PE008 无效抑制 — unused-suppression

## 检查内容
政策文件中的抑制注释(`# policyengine: ignore[...]`、`ignore-file[...]`、`disable[...]`)没有抑制任何诊断;或者 `enable[...]` 没有关闭任何由 `disable` 开启的区块。诊断位于该注释,并列出没有起作用的检查代码。没有运行的检查(被 `--select`、`--ignore` 或配置文件关闭)不作判断:它没有产生诊断,说明不了什么。结构性错误(PE001–PE005)使各项检查停止运行时,同样不作判断。

## 为何重要
抑制注释记录的是一项决定:这条诊断已经知悉,暂予接受。政策修正之后,注释往往留了下来。失效的抑制注释会掩盖该行同一代码的下一条真实诊断,审阅者看到的却是一份“干净”的检查结果。网格的数据也是这样失真的:写着“已处置”的记录,渐渐不再反映实际情况(悬浮化)。报告失效的抑制注释,“没有诊断”才仍然有意义,正如 ruff 报告不再起作用的 `noqa` 注释一样。

## 示例
```yaml
items:
  - id: patrol
    name: {zh: 巡查, en: Patrol}
    category: urban_management
    kind: routine
    tier: grid
    role: handle
    requires: {handle: [report]}   # policyengine: ignore[PE101]   (PE008:网格具备上报权)
```
改为:
```yaml
items:
  - id: patrol
    name: {zh: 巡查, en: Patrol}
    category: urban_management
    kind: routine
    tier: grid
    role: handle
    requires: {handle: [report]}
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §7:悬浮化——上报的事件是为了符合规则而被挑选、被“生产”出来的,数据已经反映不了基层实际发生的情况。抑制注释失效的检查工具有同样的缺陷,PE008 就是为了避免这一点。
"""

CHECK = Check(
    code="PE008",
    name="unused-suppression",
    zh="无效抑制",
    severity=Severity.WARNING,
    summary="a suppression comment that silences nothing",
    finds="a suppression comment (`# policyengine: ignore[...]`) that silences no finding, or an `enable` that closes no block",
    per="suppression comment",
    at="the comment's `#`",
    reads="comments of the form `# policyengine: VERB[CODES]` in the policy's YAML and `.rules` files ([suppressions](workflow.md#suppressions))",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="没有抑制任何诊断的抑制注释(`# policyengine: ignore[...]`),或没有关闭任何区块的 `enable`",
    per_zh="一条抑制注释",
    at_zh="注释的 `#` 处",
    reads_zh="政策的 YAML 文件和 `.rules` 文件中形如 `# policyengine: VERB[CODES]` 的注释(见[抑制注释](workflow.md#suppressions))",
    messages={
        "unused": (
            "suppression '{directive}' silences nothing ({codes}): remove it, or it will hide the next real finding here",
            "抑制注释“{directive}”没有抑制任何诊断({codes}):请删除,否则它会掩盖此处下一条真实的诊断",
        ),
        "enable": (
            "'{directive}' closes no block that a 'disable' opened",
            "“{directive}”没有关闭任何由“disable”开启的区块",
        ),
    },
    found_by="suppressions",
)
