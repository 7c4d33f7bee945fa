"""PE007 rule-type: a rule that parses but is ill-typed (unknown attribute, set vs number, …). Reported by the rules as the policy is read."""

from __future__ import annotations

from ...diagnostics import Severity
from ..base import Check

DOC = """\
# PE007 rule-type — 规则类型错误

## What it finds
A criterion in `admission[].criteria` that parses but is ill-typed, so it cannot mean what it says.
The checker reports an unknown name (only `item`, `on` and quantifier variables are in scope). It
reports an unknown attribute, with a suggestion (`item has no attribute 'onwer' (did you mean
'owner'?)`), and an attribute taken from a plain value. It reports an unknown function, and a call
with the wrong number or types of arguments. It reports operands of the wrong types (`cannot order
set<string> against number`, `cannot apply '+' to number and set<string>`, `cannot test string for
membership in tier`), and a set literal that mixes types. It reports a `when` condition, an operand
of `and`/`or`/`not` or a quantifier body that is not true-or-false. It reports a clause that can
never run because it follows `otherwise` or `when true`, and a `when false` that never holds. It
reports a `finding` severity other than `error`, `warning` or `info`. And it reports a `term` that
is not a duration, a `transfer` keyword other than `money=` and `people=` or an amount that is not a
number, and a `devolve` that is not a set of powers. Unlike PE006, every problem is reported
("ill-typed rule: …"), each at its token in the YAML file. The admission procedure holding the
criterion takes part in no admission decision until it is fixed. `docs/rules.md` lists the types,
the attributes of `item`, `unit`, `tier` and `list`, and every message.

An invariant's `where` and `holds` (`invariants`) are typed the same way, over the names of a decision
(`item`, `on`, `decision`, `procedure`, `rule`, `devolved`, `transferred`, `transferred_people`,
`term`); an unknown name is reported with the nearest of them (`unknown name 'devolvd' (did you mean
'devolved'?)`), and a condition that is not true-or-false is reported too. The invariant is not
proved until it is fixed.

## Why it matters
Left unchecked, an ill-typed criterion would not fail loudly when an item is decided. It would decide
wrongly. An attribute that does not exist reads as nothing. A condition that compares a set of powers with a number is
meaningless. A term of `365` with no unit says nothing about how long a temporary item may stay. A
clause after `otherwise` is dead text that reviewers believe is in force. The admission gate is where
the paper wants authority to follow responsibility and funding to follow tasks
(权随责走、费随事转). A gate whose conditions do not mean what they say lets an item in without the
powers, money and people it needs, and that is how the grid came to hold the most duties and the least
authority. Type errors are found once, when the policy is linted, before any item is judged.

## Example
```yaml
admission:
  - id: grid_admission
    tier: grid
    lists: [grid_line_list]
    reviewer: district_centre
    legal_basis_required: true
    publication_required: true
    temporary: {approval_by: district_centre, max_term_days: 365}
    criteria:
      - |   # PE007 at 12:43 (no attribute 'onwer': did you mean 'owner'?) and 15:32 (term(365))
        when item.requires <= powers(item.tier) + item.funding.powers then admit
        when item.kind == "line" and item.onwer.tier.depth < item.tier.depth
          then admit with devolve(item.requires - powers(item.tier)),
                          transfer(money = item.cost.yuan_per_year, people = item.cost.hours_per_month / 166),
                          term(365)
        otherwise reject "the grid lacks a power this item requires, and nothing moves down with it"
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
    temporary: {approval_by: district_centre, max_term_days: 365}
    criteria:
      - |
        when item.requires <= powers(item.tier) + item.funding.powers then admit
        when item.kind == "line" and item.owner.tier.depth < item.tier.depth
          then admit with devolve(item.requires - powers(item.tier)),
                          transfer(money = item.cost.yuan_per_year, people = item.cost.hours_per_month / 166),
                          term(1y)
        otherwise reject "the grid lacks a power this item requires, and nothing moves down with it"
```

## Thresholds
None.

## Case reference
§8 of `docs/case.md`: the admission mechanism for line-department items (网格准入机制). The
grid-management agency reviews which items enter the grid and reviews temporary items, and for each
admitted item the department sinks the matching authority and funding (权随责走、费随事转), so that powers
and duties match. The criteria's `devolve`, `transfer` and `term` are that matching, item by item.
§3 and §4 show the mismatch it corrects: the grid holds no enforcement or administrative power yet
carries the line departments' items (有责无权).
"""

DOC_ZH = """\
# PE007 规则类型错误 — rule-type

## 检查内容
准入程序的准入标准(`admission[].criteria`)中,有一条能够解析,但类型有误,因而表达不了它字面上的意思。检查报告以下问题:未知的名称(可用的只有 `item`、`on` 和量词变量);未知的属性,并提示相近的属性(`item 没有属性“onwer”(是否想写“owner”?)`),以及对普通取值取属性;未知的函数,以及调用时参数的个数或类型不对;运算对象的类型不符(`无法比较 set<string> 与 number 的大小`、`无法对 number 与 set<string> 使用“+”`、`无法判断 string 是否属于 tier`),以及集合中混用不同类型;`when` 的条件、`and`/`or`/`not` 的运算对象或量词的条件不是真或假;永远执行不到的子句(位于 `otherwise` 或 `when true` 之后),以及永远不成立的 `when false`;`finding` 的级别不是 `error`、`warning`、`info` 之一;`term` 的参数不是期限,`transfer` 使用了 `money=`、`people=` 以外的关键字或金额不是数,`devolve` 的参数不是权力的集合。与 PE006 不同,每个问题都会报告(`规则类型错误:…`),各自位于 YAML 文件中相应的记号处。准入标准所在的准入程序,在修正之前不参与任何准入判断。各种类型,`item`、`unit`、`tier`、`list` 的属性,以及全部诊断文字,见[规则语言](../rules.zh.md)。

保证条件（`invariants`）的适用范围（`where`）和须成立的条件（`holds`）按同样方式作类型检查，可以使用的是一个准入决定的名称（`item`、`on`、`decision`、`procedure`、`rule`、`devolved`、`transferred`、`transferred_people`、`term`）；名称写错的，诊断提示最相近的名称（`未知的名称“devolvd”(是否想写“devolved”?)`），条件不取真假的，也予报告。修正之前，该保证条件不予证明。

## 为何重要
类型有误的准入标准如果不加检查,审核事项时并不会明确报错,而是会作出错误的判断:不存在的属性读不到任何值;把权力集合与数比较没有意义;不带单位的期限 `365` 说明不了临时事项可以保留多久;`otherwise` 之后的子句是一段死文字,审核者却以为它在生效。准入关口正是论文要求权随责走、费随事转的地方;准入标准与字面意思不符,事项就会在没有相应权力、经费和人员的情况下进入网格——网格事务最多、治理权最少的局面就是这样形成的。类型错误在检查政策时一次查出,早于任何事项的审核。

## 示例
```yaml
admission:
  - id: grid_admission
    tier: grid
    lists: [grid_line_list]
    reviewer: district_centre
    legal_basis_required: true
    publication_required: true
    temporary: {approval_by: district_centre, max_term_days: 365}
    criteria:
      - |   # PE007 位于 12:43(没有属性“onwer”,是否想写“owner”?)和 15:32(term(365))
        when item.requires <= powers(item.tier) + item.funding.powers then admit
        when item.kind == "line" and item.onwer.tier.depth < item.tier.depth
          then admit with devolve(item.requires - powers(item.tier)),
                          transfer(money = item.cost.yuan_per_year, people = item.cost.hours_per_month / 166),
                          term(365)
        otherwise reject "the grid lacks a power this item requires, and nothing moves down with it"
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
    temporary: {approval_by: district_centre, max_term_days: 365}
    criteria:
      - |
        when item.requires <= powers(item.tier) + item.funding.powers then admit
        when item.kind == "line" and item.owner.tier.depth < item.tier.depth
          then admit with devolve(item.requires - powers(item.tier)),
                          transfer(money = item.cost.yuan_per_year, people = item.cost.hours_per_month / 166),
                          term(1y)
        otherwise reject "the grid lacks a power this item requires, and nothing moves down with it"
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §8:为条线事项建立网格准入机制。由网格化管理机构审核进入网格的事项,对临时事项进行审核;凡准入的事项,主管部门都要下放与之相匹配的权力和经费(权随责走、费随事转),使权力与职责相匹配。准入标准中的 `devolve`、`transfer` 和 `term`,就是逐个事项落实这种匹配。§3 和 §4 说明了它要纠正的错位:网格既没有执法权,也没有行政权,却承担着条线部门的事项(有责无权)。
"""

CHECK = Check(
    code="PE007",
    name="rule-type",
    zh="规则类型错误",
    severity=Severity.ERROR,
    summary="a rule that parses but is ill-typed (unknown attribute, set vs number, …)",
    finds="a criterion that parses but is ill-typed: unknown name or attribute, wrong operand types, unreachable clause",
    per="problem in a rule",
    at="the place inside the `criteria` string, or an invariant's `where` or `holds` (quoted, plain, literal or folded block)",
    reads="`admission[].criteria`, `invariants[].where` and `holds`; the rule language ([rules.md](rules.md)). Unlike PE001–PE005 they do not stop the other checks; a procedure with a broken rule decides nothing in `admit`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="能够解析但类型有误的准入标准:未知的名称或属性、运算对象类型不符、执行不到的子句",
    per_zh="规则中的一个问题",
    at_zh="准入标准 `criteria` 或保证条件 `where`、`holds` 字符串中出错之处(带引号、不带引号、字面块或折叠块)",
    reads_zh="准入程序的准入标准 `admission[].criteria`,保证条件的 `invariants[].where` 和 `holds`;规则语言见[规则语言](rules.zh.md)。与 PE001–PE005 不同,这类错误不会使其他检查停止运行;准入标准有误的准入程序在 `admit` 中不作任何决定",
    messages={
        "type": ("ill-typed rule: {message}", "规则类型错误:{message}"),
    },
    found_by="rules",
)
