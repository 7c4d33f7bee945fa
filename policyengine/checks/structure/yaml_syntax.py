"""PE001 yaml-syntax: unparsable YAML. Reported by the loader as the policy is read."""

from __future__ import annotations

from ...diagnostics import Severity
from ..base import Check

DOC = """\
# PE001 yaml-syntax — YAML 语法错误

## What it finds
A policy file that the YAML parser cannot read: an unclosed bracket, brace or quote, a line indented
inconsistently, a tab used for indentation, a stray `:` inside a plain value, or a character YAML does
not allow (a control character such as U+0007: "character U+0007 is not allowed in YAML"). The finding
points at the line and column where the parser gave up, or at the character. The declarations in the
unreadable file are not seen by any other check, and while any file has a PE001 no other check runs,
so fix this finding first. (A NUL character, or a file that is not UTF-8, is not PE001 but a usage
error, exit 2.)

## Why it matters
A policy is read by machines before it is read by people. A file that does not parse silently removes
whatever it declares — the grid's grants, an assessment regime, a list of items — and every governance
check downstream then reasons about a policy that is not the one written. A single missing brace in the
file that grants the grid its only power (coordination with the departments inside its street) would
leave the linter unable to say anything true about the grid.

## Example
```yaml
tiers:
  - id: grid
    name: {zh: 网格, en: grid
    parent: community
```
Use instead:
```yaml
tiers:
  - id: grid
    name: {zh: 网格, en: grid}
    parent: community
```

## Thresholds
None.

## Case reference
Not a defect of the case itself: it guards the encoding of the case (`policies/h_district/`). The
example is the grid tier of H District's four tiers, §3 of `docs/case.md` (区—镇街—社区—网格).
"""

DOC_ZH = """\
# PE001 YAML 语法错误 — yaml-syntax

## 检查内容
策略文件无法被 YAML 解析器读取:括号、花括号或引号未闭合,缩进不一致,用制表符缩进,普通值中夹杂多余的 `:`,或含有 YAML 不允许的字符(如控制字符 U+0007:"character U+0007 is not allowed in YAML")等。诊断位于解析器出错的行和列,或该字符所在处。出错文件中的声明对其他所有检查都不可见,且只要任一文件存在 PE001,其他检查都不会运行,因此应最先修复此类问题。(NUL 字符或非 UTF-8 编码的文件不属于 PE001,而是用法错误,退出码 2。)

## 为何重要
策略首先要被机器读懂。无法解析的文件会悄无声息地丢掉其中的全部声明——网格的授权、某套考核办法、一份事项清单——后续的治理检查面对的就不再是实际写下的那份策略。比如授予网格唯一权力(对镇街内职能部门的协调权)的文件若少了一个花括号,检查器对网格的任何判断都将失真。

## 示例
```yaml
tiers:
  - id: grid
    name: {zh: 网格, en: grid
    parent: community
```
改为:
```yaml
tiers:
  - id: grid
    name: {zh: 网格, en: grid}
    parent: community
```

## 阈值
TODO None.

## 案例出处
TODO Not a defect of the case itself: it guards the encoding of the case (`policies/h_district/`). The
example is the grid tier of H District's four tiers, §3 of `docs/case.md` (区—镇街—社区—网格).
"""

CHECK = Check(
    code="PE001",
    name="yaml-syntax",
    zh="YAML 语法错误",
    severity=Severity.ERROR,
    summary="unparsable YAML",
    finds="a file the YAML parser cannot read, at the parser's line:column; a character YAML does not allow (a control character such as U+0007), at its line:column",
    per="unreadable file",
    at="where the parser gave up, or the character it refused",
    reads="the YAML text of every policy file",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="a file the YAML parser cannot read, at the parser's line:column; a character YAML does not allow (a control character such as U+0007), at its line:column",
    per_zh="unreadable file",
    at_zh="where the parser gave up, or the character it refused",
    reads_zh="the YAML text of every policy file",
    messages={
        "syntax": ("YAML syntax error: {problem}", "YAML 语法错误:{problem}"),
    },
    found_by="loader",
)
