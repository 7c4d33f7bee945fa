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

YAML 文档可以解析,但不符合公开的模式(`schemas/policy.schema.json`):未知的键、缺少必填键、取值不在枚举之内(如 `role` 不是 handle、report、assist、resolve_or_report 之一)、类型错误、id 或时间不符合格式。文档不是由各部分组成的映射、映射键不是普通标量、使用合并键(`<<`)、不支持的标签、`!!int` 或 `!!float` 用于不是相应数字的文本(`!!int abc`)、非有限数(`.inf`、`-.inf`、`.nan`:"'.nan' is not a valid finite number"),也在此列。诊断位于出错的节点。

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
TODO A YAML document that parses but breaks the published schema (`schemas/policy.schema.json`): an unknown
key, a missing required key, a value outside an enum (a `role` that is not handle, report, assist or
resolve_or_report), a wrong type, an id or time that does not match its pattern. Also a document that is
not a mapping of sections, non-scalar mapping keys, merge keys (`<<`), unsupported tags, `!!int` or
`!!float` on text that is not such a number (`!!int abc`), and numbers that are not finite (`.inf`,
`-.inf`, `.nan`: "'.nan' is not a valid finite number"). The finding is at the offending node.

YAML 文档可以解析,但不符合公开的模式(`schemas/policy.schema.json`):未知的键、缺少必填键、取值不在枚举之内(如 `role` 不是 handle、report、assist、resolve_or_report 之一)、类型错误、id 或时间不符合格式。文档不是由各部分组成的映射、映射键不是普通标量、使用合并键(`<<`)、不支持的标签、`!!int` 或 `!!float` 用于不是相应数字的文本(`!!int abc`)、非有限数(`.inf`、`-.inf`、`.nan`:"'.nan' is not a valid finite number"),也在此列。诊断位于出错的节点。

## 为何重要
所有检查都按模式规定的词汇读取策略。拼错的键在 YAML 看来并不是错误,只会被忽略——事项里写成 `requirs:`,就等于该事项不需要任何权力,有责无权的检查也就查不出缺口。时间是典型的陷阱:平台要求"8点30必须打卡",写成 `8:30` 并不是时间 `"08:30"`(按 YAML 1.1 读取甚至会变成数字 510),与6点30开始的核酸检测之间的时间冲突也就无从发现。

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
TODO None.

## 案例出处
TODO §6 of `docs/case.md`, the 网格通 platform: "每天8点30必须在系统里打卡,不然就算旷工" (daily check-in by
8:30 or counted absent). Times in the schema are `"HH:MM"` strings, quoted.
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
    finds_zh="a document that breaks `schemas/policy.schema.json`, at the offending node; also merge keys, unsupported tags, non-scalar keys, non-finite numbers (`.inf`, `.nan`), a document that is not a mapping",
    per_zh="value the schema or the YAML reader refuses",
    at_zh="the offending node (an unknown key: the key)",
    reads_zh="`schemas/policy.schema.json`; YAML tags, merge keys, non-scalar keys, non-finite numbers",
    messages={
        "schema": ("{message}", "{message}"),
        "mapping": (
            "a document must be a mapping of sections, not {found}",
            "文档必须是由各部分组成的映射,而不是{found}",
        ),
        "key": ("mapping keys must be plain scalars", "映射的键必须是普通标量"),
        "merge": ("merge keys ('<<') are not supported; write the keys out", "不支持合并键('<<'),请直接写出各键"),
    },
    found_by="loader, schema",
)
