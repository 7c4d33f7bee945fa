"""PE006 rule-syntax: a rule that does not parse, with the source line and a caret. Reported by the rules as the policy is read."""

from __future__ import annotations

from ...diagnostics import Severity
from ..base import Check

DOC = """\
# PE006 rule-syntax — 规则语法错误

## What it finds
A criterion in `admission[].criteria` that the rule language cannot parse. Common causes are `=`
instead of `==`, single quotes instead of double quotes, `else` instead of `otherwise`, `reject`
without its quoted reason, `and` between the conditions of `admit with` (they take commas), a
duration written `30days` or `1m` (write `30d`, `1mo`), a chained comparison `1 < x < 3`, an
attribute after a call (`parent(item.tier).depth`), or a `finding` code outside PE900–PE999, the
range reserved for users. The parser stops at the first error, so there is one finding per criterion.
The finding sits at the offending token in the YAML file, whether the string is plain, quoted, a
literal block (`|`) or a folded one (`>`). It says what was found and what was expected:
`rule does not parse: unexpected '='; expected …`, `… the rule ends too early`,
`… unexpected character "'"`. A criterion that does not parse is not type-checked (PE007), and its
admission procedure takes part in no admission decision until it is fixed. Criteria are checked only
when the policy has no structural error (PE001–PE005). The language is described in
`docs/rules.md`.

An invariant's `where` and `holds` (`invariants`) are conditions in the same language and are parsed
the same way: a text that does not parse is reported here, at its token, with the invariant as the
subject, and the invariant is not proved until it is fixed.

A rule past one of the language's limits is reported here too, where it goes past, before the work
that would grow with it: a rule over 20,000 characters, a `.rules` file over 500,000, a string
over 1,000 characters, a number with more than 15 digits before or after its decimal point, an
expression nested more than 100 levels deep or holding more than 1,000 operators
(`docs/rules.md`, Limits).

## Why it matters
An admission criterion is the paper's remedy written down: the rule by which the grid-management
agency decides whether an item may enter the grid's list, and on what terms (the matching powers,
money and people sinking with it). A criterion that cannot be read judges nothing. The admission
procedure then exists in name only, and line departments keep pushing items into the list unreviewed,
which is how the grid came to carry 13 categories and nearly 1,000 items. A typo in a rule has to fail
loudly when the policy is linted, in the editor and in CI, and not be found only when the first item
is decided.

## Example
```yaml
admission:
  - id: grid_admission
    tier: grid
    lists: [grid_line_list]
    reviewer: district_centre
    legal_basis_required: true
    publication_required: true
    criteria:
      - |   # PE006 at 11:24: rule does not parse: unexpected '='
        when item.requires <= powers(item.tier) + item.funding.powers then admit
        when item.kind = "line" and item.owner.tier.depth < item.tier.depth
          then admit with devolve(item.requires - powers(item.tier))
        otherwise reject "the grid lacks a power this item requires"
```
Use instead:
```yaml
admission:
  - id: grid_admission
    tier: grid
    lists: [grid_line_list]
    reviewer: district_centre
    legal_basis_required: true
    publication_required: true
    criteria:
      - |
        when item.requires <= powers(item.tier) + item.funding.powers then admit
        when item.kind == "line" and item.owner.tier.depth < item.tier.depth
          then admit with devolve(item.requires - powers(item.tier))
        otherwise reject "the grid lacks a power this item requires"
```

## Thresholds
None.

## Case reference
§8 of `docs/case.md`: the first remedy is an admission mechanism for line-department items (网格准入机制).
The grid-management agency reviews which items enter the grid, keeps a clear list of routine items,
reviews temporary items, and for each admitted item the department sinks the matching authority and
funding (权随责走、费随事转). The criteria are that review written as rules. §4 shows what enters without
one: 13 categories, nearly 1,000 items (属地管理扩张).
"""

DOC_ZH = """\
# PE006 规则语法错误 — rule-syntax

## 检查内容
准入程序的准入标准(`admission[].criteria`)中,有一条无法按规则语言解析。常见的原因有:用 `=` 代替 `==`;用单引号代替双引号;用 `else` 代替 `otherwise`;`reject` 后面缺少带引号的理由;`admit with` 的各项条件之间用了 `and`(应当用逗号分隔);期限写成 `30days` 或 `1m`(应当写 `30d`、`1mo`);连续比较(`1 < x < 3`);在函数调用之后再取属性(`parent(item.tier).depth`);`finding` 的代码不在留给使用者的 PE900–PE999 范围之内。解析遇到第一个错误即停止,因此每条准入标准至多报告一条。诊断位于 YAML 文件中出错的记号处,无论该字符串不带引号、带引号,还是字面块(`|`)或折叠块(`>`);诊断说明遇到了什么、应当是什么,如 `规则无法解析:意外的“=”;比较请用“==”`、`规则无法解析:规则意外结束`。无法解析的准入标准不再作类型检查(PE007),其所在的准入程序在修正之前不参与任何准入判断。只有政策没有结构性错误(PE001–PE005)时,才检查准入标准。规则语言的说明见[规则语言](../rules.zh.md)。

保证条件（`invariants`）的适用范围（`where`）和须成立的条件（`holds`）也用规则语言书写，按同样方式解析：无法解析的，在此报告，诊断位于出错的记号处，对象为该保证条件；修正之前，该保证条件不予证明。

规则超出规则语言的上限时,也在此报告,诊断位于超出之处,并且在随规则增长的处理开始之前就报告:单条规则超过 20,000 个字符,`.rules` 文件超过 500,000 个字符,字符串超过 1,000 个字符,数值的整数部分或小数部分超过 15 位,表达式嵌套超过 100 层或含有超过 1,000 个运算符(见[规则语言](../rules.zh.md)中关于上限的说明)。

## 为何重要
准入标准就是把论文提出的对策写成规则:网格化管理机构据此判断一个事项能否进入网格的清单,以什么条件进入(相应的权力、经费和人员随之下沉)。读不懂的准入标准什么也判断不了,准入程序就只剩一个名义,条线部门照样把事项不经审核地塞进清单——网格正是这样承担起13大类、近1000项事务的。规则中的笔误必须在检查政策时(在编辑器中、在持续集成中)就明确报错,而不是等到审核第一个事项时才被发现。

## 示例
```yaml
admission:
  - id: grid_admission
    tier: grid
    lists: [grid_line_list]
    reviewer: district_centre
    legal_basis_required: true
    publication_required: true
    criteria:
      - |   # PE006 位于 11:24:规则无法解析:意外的“=”
        when item.requires <= powers(item.tier) + item.funding.powers then admit
        when item.kind = "line" and item.owner.tier.depth < item.tier.depth
          then admit with devolve(item.requires - powers(item.tier))
        otherwise reject "the grid lacks a power this item requires"
```
改为:
```yaml
admission:
  - id: grid_admission
    tier: grid
    lists: [grid_line_list]
    reviewer: district_centre
    legal_basis_required: true
    publication_required: true
    criteria:
      - |
        when item.requires <= powers(item.tier) + item.funding.powers then admit
        when item.kind == "line" and item.owner.tier.depth < item.tier.depth
          then admit with devolve(item.requires - powers(item.tier))
        otherwise reject "the grid lacks a power this item requires"
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §8:论文提出的第一项对策,是为条线事项建立网格准入机制。由网格化管理机构审核进入网格的事项,明确常规事项清单,对临时事项进行审核;凡准入的事项,主管部门都要下放与之相匹配的权力和经费(权随责走、费随事转)。准入标准就是把这种审核写成规则。§4 说明了没有准入机制时进入网格的是什么:13大类、近1000项事务(属地管理不断扩张)。
"""

CHECK = Check(
    code="PE006",
    name="rule-syntax",
    zh="规则语法错误",
    severity=Severity.ERROR,
    summary="a rule that does not parse, with the source line and a caret",
    finds="an admission criterion that does not parse, at the place in the YAML string",
    per="problem in a rule",
    at="the place inside the `criteria` string, or an invariant's `where` or `holds` (quoted, plain, literal or folded block)",
    reads="`admission[].criteria`, `invariants[].where` and `holds`; the rule language ([rules.md](rules.md)). Unlike PE001–PE005 they do not stop the other checks; a procedure with a broken rule decides nothing in `admit`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="无法解析的准入标准,诊断位于 YAML 字符串中出错之处",
    per_zh="规则中的一个问题",
    at_zh="准入标准 `criteria` 或保证条件 `where`、`holds` 字符串中出错之处(带引号、不带引号、字面块或折叠块)",
    reads_zh="准入程序的准入标准 `admission[].criteria`,保证条件的 `invariants[].where` 和 `holds`;规则语言见[规则语言](rules.zh.md)。与 PE001–PE005 不同,这类错误不会使其他检查停止运行;准入标准有误的准入程序在 `admit` 中不作任何决定",
    messages={
        "syntax": ("rule does not parse: {message}", "规则无法解析:{message}"),
    },
    found_by="rules",
)
