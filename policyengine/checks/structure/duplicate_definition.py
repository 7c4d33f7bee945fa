"""PE003 duplicate-definition: a duplicate mapping key, id, or singleton section. Reported by the loader, build, rules as the policy is read."""

from __future__ import annotations

from ...diagnostics import Severity
from ..base import Check

DOC = """\
# PE003 duplicate-definition — 重复定义

## What it finds
A name declared twice: a duplicate key in one YAML mapping (reported at the second key); a duplicate id
within one kind of declaration — tiers, units, items, lists, categories, powers, grants, assessments,
duties, platform_rules, admission, figures, invariants — including across the files of one policy
(reported at the second id, naming the first); a unit whose id is also a tier id (reported at the unit's id: `assessed`
and `applies_to` accept a tier or a unit and could not tell them apart); or a singleton section
(`policy`, `scale`, `workflow`) declared more than once; or two approval records of one item under
one procedure whose terms overlap (reported at the second).

## Why it matters
A plain YAML loader keeps the last of two equal keys without a word, and two units with one id collapse
into one node of the responsibility graph. H District has two governance centres with the same name at
different tiers: the district centre holds personnel and assessment power, the street centre partial
coordination and incentive power. Give both the id `social_governance_centre` and the powers of the
district are credited to the street (or the other way round) — the very distribution of authority the
linter is meant to audit is falsified.

## Example
```yaml
units:
  - id: social_governance_centre
    name: {zh: 区社会治理中心, en: District Social Governance Centre}
    tier: district
    kind: governance_centre
  - id: social_governance_centre
    name: {zh: 镇街社会治理中心, en: Street Social Governance Centre}
    tier: street
    kind: governance_centre
```
Use instead:
```yaml
units:
  - id: district_centre
    name: {zh: 区社会治理中心, en: District Social Governance Centre}
    tier: district
    kind: governance_centre
  - id: street_centre
    name: {zh: 镇街社会治理中心, en: Street Social Governance Centre}
    tier: street
    kind: governance_centre
```

## Thresholds
None.

## Case reference
§3 of `docs/case.md`: 区社会治理中心(拥有人事权和考核权)and 镇街社会治理中心(具有部分协调权和激励权)—
two centres, two tiers, two sets of powers.
"""

DOC_ZH = """\
# PE003 重复定义 — duplicate-definition

## 检查内容
同一名称声明了两次,包括以下情形:同一个 YAML 映射中有重复的键(诊断位于第二个键);同一类声明中有重复的标识,包括同一政策分布在不同文件中的声明(诊断位于第二个标识,并指出首次定义的位置),这些声明是层级(`tiers`)、单位(`units`)、事项(`items`)、清单(`lists`)、类别(`categories`)、权力(`powers`)、授权(`grants`)、考核办法(`assessments`)、职责(`duties`)、平台规则(`platform_rules`)、准入程序(`admission`)、原文数据(`figures`)和保证条件(`invariants`);某个单位的标识与某个层级的标识相同(诊断位于该单位的标识:考核对象 `assessed` 和适用对象 `applies_to` 既可以写层级也可以写单位,将无法区分二者);只能声明一次的部分(`policy`、`scale`、`workflow`)声明了不止一次;同一事项在同一准入程序下有两条有效期重叠的审批记录(`approvals`,诊断位于第二条)。

## 为何重要
普通的 YAML 读取器遇到两个相同的键,会不加提示地保留后一个;两个标识相同的单位,会在责任关系图中合并成一个节点。H区有两个同名的治理中心,分处不同层级:区社会治理中心拥有人事权和考核权,镇街社会治理中心具有部分协调权和激励权。如果二者都用标识 `social_governance_centre`,区一级的权力就会记到镇街名下(或者相反),检查工具要审视的治理权分布本身就被改写了。

## 示例
```yaml
units:
  - id: social_governance_centre
    name: {zh: 区社会治理中心, en: District Social Governance Centre}
    tier: district
    kind: governance_centre
  - id: social_governance_centre
    name: {zh: 镇街社会治理中心, en: Street Social Governance Centre}
    tier: street
    kind: governance_centre
```
改为:
```yaml
units:
  - id: district_centre
    name: {zh: 区社会治理中心, en: District Social Governance Centre}
    tier: district
    kind: governance_centre
  - id: street_centre
    name: {zh: 镇街社会治理中心, en: Street Social Governance Centre}
    tier: street
    kind: governance_centre
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §3:区社会治理中心“拥有人事权和考核权”,镇街社会治理中心“具有部分协调权和激励权”。两个中心分处两个层级,各有一组权力。
"""

CHECK = Check(
    code="PE003",
    name="duplicate-definition",
    zh="重复定义",
    severity=Severity.ERROR,
    summary="a duplicate mapping key, id, or singleton section",
    finds="a duplicate mapping key, a duplicate id within one kind, a unit id that is also a tier id, a singleton section (`policy`, `scale`, `workflow`) declared twice, or two approval records of one item and procedure whose terms overlap",
    per="repeated key, id or section",
    at="the second one",
    reads="mapping keys; ids within each kind (and rule names across `.rules` files); unit ids against tier ids; `policy`, `scale`, `workflow`; `approvals` (`item`, `procedure`, term)",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="重复的映射键;同一类声明中重复的标识;与层级标识相同的单位标识;重复声明的单一部分(`policy`、`scale`、`workflow`);同一事项在同一准入程序下有效期重叠的两条审批记录",
    per_zh="一个重复的键、标识或部分",
    at_zh="第二次出现之处",
    reads_zh="映射的键;每类声明的 `id`(以及各 `.rules` 文件中的规则名);单位的 `id` 与层级的 `id`;`policy`、`scale`、`workflow` 部分;审批记录 `approvals` 的 `item`、`procedure` 和有效期",
    messages={
        "key": ("duplicate key '{key}' (first at line {line})", "重复的键“{key}”(首次出现在第 {line} 行)"),
        "id": ("duplicate {kind} id '{id}' (first defined at {first})", "{kind}“{id}”重复定义(首次定义于 {first})"),
        "ambiguous": (
            "unit id '{unit}' is also a tier id; 'assessed' and 'applies_to' could not tell them apart",
            "单位“{unit}”与一个层级使用同一标识,在考核对象(“assessed”)和适用对象(“applies_to”)中将无法区分二者",
        ),
        "approval": (
            "a second approval record of item '{item}' under procedure '{procedure}' holds on days the one at {first} holds",
            "事项“{item}”在准入程序“{procedure}”下的第二条审批记录与 {first} 的记录有效期重叠",
        ),
        "section": (
            "section '{section}' is declared more than once (first at {first})",
            "“{section}”部分重复声明(首次声明于 {first})",
        ),
    },
    found_by="loader, build, rules",
)
