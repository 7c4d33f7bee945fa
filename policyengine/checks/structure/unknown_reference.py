"""PE004 unknown-reference: a reference to an undeclared tier, unit, power, item, list, …. Reported by the build, rules as the policy is read."""

from __future__ import annotations

from ...diagnostics import Severity
from ..base import Check

DOC = """\
# PE004 unknown-reference — 未知引用

## What it finds
A reference to something that is not declared: a tier, unit, power, item, category, list, level of the
authority scale, duty or assessment regime. Powers may be the built-in ones (personnel, assessment,
coordination, incentive, enforcement, administrative, penalty, report, verify) or ones declared under
`powers`. The finding is at the reference, with a suggestion when a declared name is close.

A `variant` or `instance` (of a list, unit, item or item role) must be one declared under its own
tier's `variants` or `instances`, and a key of `counts` either; the message names the tier.

## Why it matters
The responsibility graph is built from references; a dangling one is a missing edge. An item that
requires `punishment` instead of the built-in `penalty` demands a power nobody can ever hold, so the
authority checks report a gap that no grant, no delegation and no reform can close; a grant to a
misspelled unit gives the power to no one. The case names seven concrete powers — personnel,
assessment, coordination, incentive, enforcement, administrative, penalty — and the analysis depends on
each being the same power wherever it is named.

## Example
```yaml
items:
  - id: street_stall
    name: {zh: 占道经营, en: street stall blocking the road}
    kind: line
    tier: grid
    role: handle
    requires: {handle: [punishment]}
```
Use instead:
```yaml
items:
  - id: street_stall
    name: {zh: 占道经营, en: street stall blocking the road}
    kind: line
    tier: grid
    role: handle
    requires: {handle: [penalty]}
```

## Thresholds
None.

## Case reference
§2 of `docs/case.md`: the named powers 人事权、考核权、协调权、激励权、执法权、行政权、处罚权; and §4's 占道经营,
for which the grid worker says "我们需要有处罚权才行".
"""

DOC_ZH = """\
# PE004 未知引用 — unknown-reference

## 检查内容
引用了没有声明的对象:层级、单位、权力、事项、类别、清单、治理权等级、职责或考核办法。权力可以是内置权力——人事权(`personnel`)、考核权(`assessment`)、协调权(`coordination`)、激励权(`incentive`)、执法权(`enforcement`)、行政权(`administrative`)、处罚权(`penalty`)、上报权(`report`)、核实权(`verify`)——也可以是在权力部分(`powers`)中声明的权力。诊断位于引用之处,照录所写的内容;已声明的标识中有相近的,诊断会提示应当写的标识(如 `是否想写“grid”?`)。

清单、单位、事项或事项职责所写的类型(`variant`)或实例(`instance`),必须是其所在层级的 `variants` 或 `instances` 中声明过的;数量(`counts`)的键可以是二者之一。诊断中写明所在的层级。

## 为何重要
责任关系图由引用连接而成,悬空的引用就是一条缺失的边。事项要求的权力写成 `punishment` 而不是内置的处罚权 `penalty`,等于要求一项谁也不可能具备的权力,权责检查报告的缺口就没有任何授权、下放或改革能够弥补;授给拼错了的单位的权力,等于没有授给任何人。案例点名了七项具体权力——人事权、考核权、协调权、激励权、执法权、行政权、处罚权——分析的前提是,同一项权力无论在哪里出现,指的都是同一项权力。

## 示例
```yaml
items:
  - id: street_stall
    name: {zh: 占道经营, en: street stall blocking the road}
    kind: line
    tier: grid
    role: handle
    requires: {handle: [punishment]}
```
改为:
```yaml
items:
  - id: street_stall
    name: {zh: 占道经营, en: street stall blocking the road}
    kind: line
    tier: grid
    role: handle
    requires: {handle: [penalty]}
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §2 点名的各项权力:人事权、考核权、协调权、激励权、执法权、行政权、处罚权;§4 中的占道经营,网格员对此说:“我们需要有处罚权才行”。
"""

CHECK = Check(
    code="PE004",
    name="unknown-reference",
    zh="未知引用",
    severity=Severity.ERROR,
    summary="a reference to an undeclared tier, unit, power, item, list, …",
    finds="a reference to an undeclared tier, unit, power, item, category, list, level, duty, platform rule or assessment regime",
    per="reference",
    at="the referring value",
    reads="every field that names a tier, unit, power, item, category, list, level, duty, platform rule, assessment regime or named rule",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="引用了没有声明的层级、单位、权力、事项、类别、清单、治理权等级、职责、平台规则或考核办法",
    per_zh="一处引用",
    at_zh="引用的取值",
    reads_zh="所有指向层级、单位、权力、事项、类别、清单、治理权等级、职责、平台规则、考核办法或具名规则的字段(如事项的 `tier`、`owner`,授权的 `powers`,事项的 `requires`)",
    messages={
        "ref": ("unknown {kind} '{written}'{hint}", "未知的{kind}“{written}”{hint}"),
        "shape": (
            "{kind} '{written}' is not declared for tier '{tier}'{hint}",
            "层级{tier}下未声明{kind}“{written}”{hint}",
        ),
    },
    found_by="build, rules",
)
