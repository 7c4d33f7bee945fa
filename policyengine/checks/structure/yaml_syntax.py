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
        # the parser's own sentences (policyengine/yamlproblems.py): the English exactly as it writes them
        "parsed": ("{context} {problem}", "在{context},{problem}"),
        "context.block_mapping": ("while parsing a block mapping", "读取映射时"),
        "context.block_collection": ("while parsing a block collection", "读取列表时"),
        "context.flow_mapping": ("while parsing a flow mapping", "读取花括号中的映射时"),
        "context.flow_sequence": ("while parsing a flow sequence", "读取方括号中的列表时"),
        "context.flow_node": ("while parsing a flow node", "读取方括号或花括号中的取值时"),
        "context.node": ("while parsing a node", "读取取值时"),
        "context.block_node": ("while parsing a block node", "读取取值时"),
        "context.parsing_quoted": ("while parsing a quoted scalar", "读取带引号的字符串时"),
        "context.scanning_quoted": ("while scanning a quoted scalar", "读取带引号的字符串时"),
        "context.double_quoted": ("while scanning a double-quoted scalar", "读取双引号中的字符串时"),
        "context.plain": ("while scanning a plain scalar", "读取不带引号的取值时"),
        "context.simple_key": ("while scanning a simple key", "读取键时"),
        "context.alias": ("while scanning an alias", "读取别名(*)时"),
        "context.anchor": ("while scanning an anchor", "读取锚点(&)时"),
        "context.tag": ("while scanning a tag", "读取标签(!)时"),
        "context.parsing_tag": ("while parsing a tag", "读取标签(!)时"),
        "context.block_scalar": ("while scanning a block scalar", "读取多行文本(| 或 >)时"),
        "context.directive": ("while scanning a directive", "读取指令(%)时"),
        "context.next_token": ("while scanning for the next token", "读取下一项内容时"),
        "problem.no_key": ("did not find expected key", "此处应为键(请检查缩进是否一致)"),
        "problem.no_content": ("did not find expected node content", "此处缺少取值"),
        "problem.no_comma_bracket": ("did not find expected ',' or ']'", "此处应为逗号或右方括号“]”"),
        "problem.no_comma_brace": ("did not find expected ',' or '}}'", "此处应为逗号或右花括号“}}”"),
        "problem.no_dash": (
            "did not find expected '-' indicator",
            "此处应为以“-”开头的列表项(请检查缩进是否一致)",
        ),
        "problem.no_alnum": ("did not find expected alphabetic or numeric character", "此处应为字母或数字"),
        "problem.no_line_break": ("did not find expected comment or line break", "此处应为注释或换行"),
        "problem.block_end": (
            "expected <block end>, but found {found}",
            "此处应结束上一层内容,却遇到了 {found}(请检查缩进是否一致)",
        ),
        "problem.comma_bracket": ("expected ',' or ']', but got {found}", "此处应为逗号或右方括号“]”,却遇到了 {found}"),
        "problem.comma_brace": ("expected ',' or '}}', but got {found}", "此处应为逗号或右花括号“}}”,却遇到了 {found}"),
        "problem.content": ("expected the node content, but found {found}", "此处应为取值,却遇到了 {found}"),
        "problem.alnum": (
            "expected alphabetic or numeric character, but found {found}",
            "此处应为字母或数字,却遇到了 {found}",
        ),
        "problem.chomping": (
            "expected chomping or indentation indicators, but found {found}",
            "“|”或“>”之后只能写“+”“-”或表示缩进的数字,却遇到了 {found}",
        ),
        "problem.mapping_here": (
            "mapping values are not allowed here",
            "此处不能再出现“键: 值”(取值中含有冒号加空格时,请给整个取值加引号)",
        ),
        "problem.mapping_context": (
            "mapping values are not allowed in this context",
            "此处不能再出现“键: 值”(取值中含有冒号加空格时,请给整个取值加引号)",
        ),
        "problem.no_colon": ("could not find expected ':'", "找不到键后面应有的冒号“:”"),
        "problem.end_of_stream": ("found unexpected end of stream", "文件意外结束(引号可能没有闭合)"),
        "problem.token": (
            "found character that cannot start any token",
            "遇到了不能出现在此处的字符(缩进不能用制表符;以 @ 或 ` 开头的取值须加引号)",
        ),
        "problem.token_found": (
            "found character {found} that cannot start any token",
            "遇到了不能出现在此处的字符 {found}(缩进不能用制表符;以 @ 或 ` 开头的取值须加引号)",
        ),
        "problem.tag_handle": ("found undefined tag handle", "标签前缀未定义"),
        "problem.tag_handle_found": ("found undefined tag handle {found}", "标签前缀 {found} 未定义"),
        "problem.escape": ("found unknown escape character", "双引号中的字符串含有未知的转义字符"),
        "problem.escape_found": (
            "found unknown escape character {found}",
            "双引号中的字符串含有未知的转义字符 {found}",
        ),
        "problem.directive": ("found unknown directive name", "未知的指令名称"),
        "problem.no_directive": ("could not find expected directive name", "“%”之后缺少指令名称"),
        "problem.directive_character": (
            "found unexpected non-alphabetical character",
            "指令名称中有不是字母的字符",
        ),
        "problem.dash_here": ("sequence entries are not allowed here", "此处不能出现以“-”开头的列表项"),
        "problem.dash_context": (
            "block sequence entries are not allowed in this context",
            "此处不能出现以“-”开头的列表项",
        ),
        "problem.question_here": ("mapping keys are not allowed here", "此处不能出现以“?”开头的键"),
        "problem.question_context": ("mapping keys are not allowed in this context", "此处不能出现以“?”开头的键"),
        "problem.no_document_start": ("did not find expected <document start>", "此处应为新文档的开头“---”"),
        "problem.document_start": (
            "expected '<document start>', but found {found}",
            "此处应为新文档的开头“---”,却遇到了 {found}",
        ),
        "problem.tab": (
            "found a tab character where an indentation space is expected",
            "缩进处应为空格,却遇到了制表符",
        ),
        "problem.tab_indentation": ("found a tab character that violates indentation", "缩进处应为空格,却遇到了制表符"),
        "problem.colon": ("found unexpected ':'", "遇到了多余的冒号“:”(取值中含有冒号时,请给整个取值加引号)"),
        "problem.line_break": (
            "expected a comment or a line break, but found {found}",
            "此处应为注释或换行,却遇到了 {found}",
        ),
        "problem.no_space": ("did not find expected whitespace or line break", "此处应为空格或换行"),
        "problem.space": ("expected ' ', but found {found}", "此处应为空格,却遇到了 {found}"),
        "problem.no_tag": ("did not find expected tag URI", "标签(!)不完整"),
        "problem.tag": ("expected URI, but found {found}", "标签(!)不完整,却遇到了 {found}"),
        "problem.tag_end": ("expected '!', but found {found}", "标签前缀应以“!”结束,却遇到了 {found}"),
        "problem.no_tag_escape": ("did not find URI escaped octet", "标签中的“%”之后应为两位十六进制数字"),
        "problem.tag_escape": (
            "expected URI escape sequence of 2 hexadecimal numbers, but found {found}",
            "标签中的“%”之后应为两位十六进制数字,却遇到了 {found}",
        ),
    },
    found_by="loader",
)
