"""PE005 tier-cycle: a cycle or a second root in the tier hierarchy. Reported by the build as the policy is read."""

from __future__ import annotations

from ...diagnostics import Severity
from ..base import Check

DOC = """\
# PE005 tier-cycle — 层级环路

## What it finds
A tier hierarchy that is not a single tree: following `parent` from some tier leads back to itself (a
cycle), or more than one tier has no parent (a second root), or no tier is a root at all. A cycle is
reported at the `parent` of its first-declared tier, with the path (`street -> community -> street`);
a second root at its id (the root with the most tiers below it is kept); no root at the first tier.
A hierarchy more than 100 levels deep (the root is level 1) is reported at the `parent` of each tier
at level 101; real hierarchies have under ten levels ([limits.md](../limits.md#tier-depth)).

## Why it matters
Every governance check asks "above" or "below": an item is pushed *down* from its owner (PE102), a
coordination scope covers its tier *and below* (PE103), events escalate *up* level by level (PE104), a
regime raises a quota set *above* it (PE302). In a cycle "above" has no meaning; with two roots, two
halves of the system cannot be compared. The case is a strict chain — the pressure-type system works
precisely because tasks are sub-contracted level by level down one line.

## Example
```yaml
tiers:
  - {id: district, name: {zh: 区, en: district}}
  - {id: street, name: {zh: 镇街, en: street}, parent: community}
  - {id: community, name: {zh: 社区, en: community}, parent: street}
  - {id: grid, name: {zh: 网格, en: grid}, parent: community}
```
Use instead:
```yaml
tiers:
  - {id: district, name: {zh: 区, en: district}}
  - {id: street, name: {zh: 镇街, en: street}, parent: district}
  - {id: community, name: {zh: 社区, en: community}, parent: street}
  - {id: grid, name: {zh: 网格, en: grid}, parent: community, count: 1309}
```

## Thresholds
None.

## Case reference
§3 of `docs/case.md`: four tiers, 区→镇街→社区→网格, with 1,309 basic grids; §2: 事权逐级下沉、治权逐级上移
presupposes one line of levels.
"""

DOC_ZH = """\
# PE005 层级环路 — tier-cycle

## 检查内容
层级的上下级关系不是一棵树:从某一层级沿上级(`parent`)逐级向上,又回到了它自身(环路);或者不止一个层级没有上级(出现第二个最高层级);或者根本没有最高层级。环路的诊断位于环路中最先声明的层级的上级处,并写出环路经过的层级(如“镇街→社区→镇街”);第二个最高层级的诊断位于其标识处(保留其下层级最多的那个);没有最高层级时,诊断位于第一个层级处。层级超过 100 级(最高层级为第 1 级)时,诊断位于每个第 101 级层级的上级处;实际的层级体系都不到十级(见[上限与限制](../limits.zh.md#层级深度))。

## 为何重要
各项治理检查都要判断“上”与“下”:事项从主管部门所在层级向下压(PE102),协调权覆盖本层级及以下(PE103),事件逐级向上报(PE104),下级在上级设定的指标上加码(PE302)。出现环路,“上级”就无从谈起;出现两个最高层级,体制的两部分就无法比较。案例是一条严格的链条:压力型体制之所以运转,正是因为任务沿着这一条线逐级发包下去。

## 示例
```yaml
tiers:
  - {id: district, name: {zh: 区, en: district}}
  - {id: street, name: {zh: 镇街, en: street}, parent: community}
  - {id: community, name: {zh: 社区, en: community}, parent: street}
  - {id: grid, name: {zh: 网格, en: grid}, parent: community}
```
改为:
```yaml
tiers:
  - {id: district, name: {zh: 区, en: district}}
  - {id: street, name: {zh: 镇街, en: street}, parent: district}
  - {id: community, name: {zh: 社区, en: community}, parent: street}
  - {id: grid, name: {zh: 网格, en: grid}, parent: community, count: 1309}
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §3:区、镇街、社区、网格四级架构,全区划分为1,309个基础网格;§2:“事权逐级下沉、治权逐级上移”,前提是一条自上而下的层级链条。
"""

CHECK = Check(
    code="PE005",
    name="tier-cycle",
    zh="层级环路",
    severity=Severity.ERROR,
    summary="a cycle or a second root in the tier hierarchy",
    finds="a cycle, a second root, no root, or more than 100 levels in the tier hierarchy",
    per="tier",
    at="the tier's `parent` (a cycle, a tier past 100 levels) or its `id` (a second root)",
    reads="`tiers` (`parent`)",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="层级的上下级关系中出现环路、第二个最高层级、没有最高层级,或超过 100 级",
    per_zh="一个层级",
    at_zh="层级的上级 `parent`(环路、超过 100 级的层级)或其标识 `id`(第二个最高层级)",
    reads_zh="层级 `tiers` 的上级 `parent`",
    messages={
        "cycle": ("tier hierarchy has a cycle: {path}", "层级的上下级关系构成环路:{path}"),
        "roots": (
            "tier '{tier}' is a second root (the root is '{top_tier}'); give it a parent",
            "层级{tier}没有上级,与{top_tier}并列为最高层级;请为其指定上级",
        ),
        "none": ("the tier hierarchy has no root", "没有最高层级:每个层级都有上级"),
        "too_deep": (
            "the tier hierarchy is more than {limit} levels deep here (the root is level 1)",
            "层级在此超过 {limit} 级(最高层级为第 1 级)",
        ),
    },
    found_by="build",
)
