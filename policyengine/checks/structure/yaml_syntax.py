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
政策文件无法被 YAML 解析器读取:方括号、花括号或引号没有闭合,缩进不一致,用制表符缩进,普通取值中夹有多余的冒号(`:`),或者含有 YAML 不允许的字符(如控制字符 U+0007)。诊断位于解析器无法继续的行和列,或者该字符所在的位置。无法读取的文件中的全部声明,其他检查都看不到;只要任何一个文件存在 PE001,其他检查一律不运行,因此应当首先修复。(含有 NUL 字符或者不是 UTF-8 编码的文件,不报 PE001,而按用法错误处理,退出码为 2。)

## 为何重要
政策先要由机器读懂,才谈得上由人审阅。文件无法解析,其中声明的一切——对网格的授权、一套考核办法、一份事项清单——都会悄然丢失,后续各项治理检查面对的就不再是实际写下的那份政策。例如,授予网格唯一一项权力(对镇街内职能部门的协调权)的文件只要少一个花括号,检查工具对网格作出的任何判断都不再可靠。

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
无。

## 案例出处
本检查针对的不是案例本身的缺陷,而是保证案例的编码(`policies/h_district/`)能够被正确读取。示例取自H区四级架构(区、镇街、社区、网格)中的网格一级,见[案例](../case.zh.md) §3。
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
    finds_zh="YAML 解析器无法读取的文件,诊断位于解析器出错的行和列;YAML 不允许的字符(如控制字符 U+0007),诊断位于该字符的行和列",
    per_zh="一个无法读取的文件",
    at_zh="解析器无法继续之处,或被拒绝的字符",
    reads_zh="每个政策文件的 YAML 文本",
    messages={
        "syntax": ("YAML syntax error: {problem}", "YAML 语法错误:{problem}"),
    },
    found_by="loader",
)
