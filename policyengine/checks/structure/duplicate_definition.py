"""PE003 duplicate-definition: a duplicate mapping key, id, or singleton section. Reported by the loader, build, rules as the policy is read."""

from __future__ import annotations

from ...diagnostics import Severity
from ..base import Check

DOC = """\
# PE003 duplicate-definition — 重复定义

## What it finds
A name declared twice: a duplicate key in one YAML mapping (reported at the second key); a duplicate id
within one kind of declaration — tiers, units, items, lists, categories, powers, grants, assessments,
duties, platform_rules, admission, figures — including across the files of one policy (reported at the
second id, naming the first); a unit whose id is also a tier id (reported at the unit's id: `assessed`
and `applies_to` accept a tier or a unit and could not tell them apart); or a singleton section
(`policy`, `scale`, `workflow`) declared more than once.

同一名称被声明了两次:同一个 YAML 映射中的重复键(诊断位于第二个键);同一类声明(tiers、units、items、lists、categories、powers、grants、assessments、duties、platform_rules、admission、figures)中的重复 id,包括同一策略的不同文件之间(诊断位于第二个 id 处,并指出首次定义的位置);单位 id 与某个层级 id 相同(诊断位于该单位的 id 处:`assessed` 和 `applies_to` 既可指层级也可指单位,将无法区分二者);或只能声明一次的部分(`policy`、`scale`、`workflow`)被重复声明。

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
TODO A name declared twice: a duplicate key in one YAML mapping (reported at the second key); a duplicate id
within one kind of declaration — tiers, units, items, lists, categories, powers, grants, assessments,
duties, platform_rules, admission, figures — including across the files of one policy (reported at the
second id, naming the first); a unit whose id is also a tier id (reported at the unit's id: `assessed`
and `applies_to` accept a tier or a unit and could not tell them apart); or a singleton section
(`policy`, `scale`, `workflow`) declared more than once.

同一名称被声明了两次:同一个 YAML 映射中的重复键(诊断位于第二个键);同一类声明(tiers、units、items、lists、categories、powers、grants、assessments、duties、platform_rules、admission、figures)中的重复 id,包括同一策略的不同文件之间(诊断位于第二个 id 处,并指出首次定义的位置);单位 id 与某个层级 id 相同(诊断位于该单位的 id 处:`assessed` 和 `applies_to` 既可指层级也可指单位,将无法区分二者);或只能声明一次的部分(`policy`、`scale`、`workflow`)被重复声明。

## 为何重要
普通的 YAML 加载器遇到两个相同的键会默默保留后一个;两个 id 相同的单位会在责任图中合并为一个节点。H区有两个同名的治理中心分处不同层级:区社会治理中心拥有人事权和考核权,镇街社会治理中心具有部分协调权和激励权。若二者都用 id `social_governance_centre`,区里的权力就会被算到镇街头上(或反之)——检查器要审视的治理权分布本身就被篡改了。

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
TODO None.

## 案例出处
TODO §3 of `docs/case.md`: 区社会治理中心(拥有人事权和考核权)and 镇街社会治理中心(具有部分协调权和激励权)—
two centres, two tiers, two sets of powers.
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
    finds_zh="a duplicate mapping key, a duplicate id within one kind, a unit id that is also a tier id, a singleton section (`policy`, `scale`, `workflow`) declared twice, or two approval records of one item and procedure whose terms overlap",
    per_zh="repeated key, id or section",
    at_zh="the second one",
    reads_zh="mapping keys; ids within each kind (and rule names across `.rules` files); unit ids against tier ids; `policy`, `scale`, `workflow`; `approvals` (`item`, `procedure`, term)",
    messages={
        "key": ("duplicate key '{key}' (first at line {line})", "重复的键“{key}”(首次出现在第 {line} 行)"),
        "id": ("duplicate {kind} id '{id}' (first defined at {first})", "重复的{kind} id“{id}”(首次定义于 {first})"),
        "ambiguous": (
            "unit id '{id}' is also a tier id; 'assessed' and 'applies_to' could not tell them apart",
            "单位 id“{id}”与某层级 id 相同;“assessed”和“applies_to”将无法区分二者",
        ),
        "approval": (
            "a second approval record of item '{item}' under procedure '{procedure}' holds on days the one at {first} holds",
            "事项“{item}”在准入程序“{procedure}”下的第二条审批记录与 {first} 的记录有效期重叠",
        ),
        "section": (
            "section '{section}' is declared more than once (first at {first})",
            "部分“{section}”被重复声明(首次位于 {first})",
        ),
    },
    found_by="loader, build, rules",
)
