"""PE002 schema-violation: a document that breaks the schema, at the offending node. Reported by the loader, schema as the policy is read."""

from __future__ import annotations

from ...diagnostics import Severity
from ..base import Check

DOC = """\
# PE002 schema-violation — 违反模式

## What it finds
A YAML document that parses but breaks the published schema (`schemas/policy.schema.json`): an unknown
key, a missing required key, a value outside an enum (a `role` that is not handle, report, assist or
resolve_or_report), a wrong type, an id or time that does not match its pattern. Also a document that is
not a mapping of sections, non-scalar mapping keys, merge keys (`<<`), unsupported tags, `!!int` or
`!!float` on text that is not such a number (`!!int abc`), and numbers that are not finite (`.inf`,
`-.inf`, `.nan`: "'.nan' is not a valid finite number"). The finding is at the offending node.

## Why it matters
Every check reads the policy through the schema's vocabulary. A misspelled key is not an error to YAML,
it is simply ignored — a `requirs:` on an item means the item requires nothing, and the responsibility
check then finds no gap. Times are the classic trap: the platform's daily check-in "by 8:30" written
as `8:30` is not the time `"08:30"` (a YAML 1.1 tool even reads it as the number 510), so the clash with
the 6:30 testing duty could never be found.

## Example
```yaml
duties:
  - id: daily_check_in
    name: {zh: 每日打卡, en: daily check-in}
    applies_to: grid
    end: 8:30
```
Use instead:
```yaml
duties:
  - id: daily_check_in
    name: {zh: 每日打卡, en: daily check-in}
    applies_to: grid
    end: "08:30"
```

## Thresholds
None.

## Case reference
§6 of `docs/case.md`, the 网格通 platform: "每天8点30必须在系统里打卡,不然就算旷工" (daily check-in by
8:30 or counted absent). Times in the schema are `"HH:MM"` strings, quoted.
"""

DOC_ZH = """\
# PE002 违反模式 — schema-violation

## 检查内容
YAML 文档可以解析,但不符合公开的模式(`schemas/policy.schema.json`):有未知的键,缺少必填的键,取值不在允许的范围内(如职责方式 `role` 不是 `handle`、`report`、`assist`、`resolve_or_report` 之一),类型不对,标识或时间不符合规定的格式。以下情形也在此列:文档不是由各部分组成的映射;映射的键不是简单的取值(而是列表或映射);使用合并键(`<<`);使用不支持的标签;对不是相应数字的文本使用 `!!int` 或 `!!float`(如 `!!int abc`);数值不是有限数(`.inf`、`-.inf`、`.nan`,诊断为“'.nan' 不是有效的有限数值”)。诊断位于出错的节点。

## 为何重要
各项检查都按模式规定的字段读取政策。拼错的键在 YAML 看来并不是错误,只会被忽略:事项的所需权力写成 `requirs:`,就等于该事项不需要任何权力,有责无权的检查(PE101)也就查不出缺口。时间是常见的陷阱:平台要求网格员每天8点30前打卡,写成 `8:30` 并不是时间 `"08:30"`(按 YAML 1.1 读取甚至会成为数字 510),它与6点30开始的核酸检测之间的时间冲突(PE305)也就无从发现。

## 示例
```yaml
duties:
  - id: daily_check_in
    name: {zh: 每日打卡, en: daily check-in}
    applies_to: grid
    end: 8:30
```
改为:
```yaml
duties:
  - id: daily_check_in
    name: {zh: 每日打卡, en: daily check-in}
    applies_to: grid
    end: "08:30"
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6,“网格通”平台:“我们网格员每天8点30必须在系统里打卡,不然就算旷工”。模式中的时间一律写成带引号的 `"HH:MM"` 字符串。
"""

CHECK = Check(
    code="PE002",
    name="schema-violation",
    zh="违反模式",
    severity=Severity.ERROR,
    summary="a document that breaks the schema, at the offending node",
    finds="a document that breaks `schemas/policy.schema.json`, at the offending node; also merge keys, unsupported tags, non-scalar keys, non-finite numbers (`.inf`, `.nan`), a document that is not a mapping",
    per="value the schema or the YAML reader refuses",
    at="the offending node (an unknown key: the key)",
    reads="`schemas/policy.schema.json`; YAML tags, merge keys, non-scalar keys, non-finite numbers",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="不符合 `schemas/policy.schema.json` 的文档,诊断位于出错的节点;合并键、不支持的标签、不是简单取值的键、非有限数(`.inf`、`.nan`)、不是映射的文档,也在此列",
    per_zh="模式或 YAML 读取器拒绝的一个取值",
    at_zh="出错的节点(未知的键:该键本身)",
    reads_zh="`schemas/policy.schema.json` 规定的全部字段;YAML 标签、合并键、映射的键和数值",
    messages={
        "schema": ("{message}", "{message}"),
        "mapping": (
            "a document must be a mapping of sections, not {found}",
            "文档必须是由各部分组成的映射,而不是{found}",
        ),
        "key": ("mapping keys must be plain scalars", "映射的键只能是简单的取值,不能是列表或映射"),
        "merge": ("merge keys ('<<') are not supported; write the keys out", "不支持合并键“<<”,请把各键直接写出"),
    },
    found_by="loader, schema",
)
