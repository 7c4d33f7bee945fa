"""PE010 cannot-judge (无法判断): a check that could not judge a declaration because a value it needs
is not stated (`unstated`, or absent where absence reads as not stated) or `unknown`. Reported by the
checks that judge those values (PE102, PE105, PE204, PE305, PE306, PE307, PE309-PE315), with them."""

from __future__ import annotations

from ...diagnostics import Severity
from ..base import Check

DOC = """\
# PE010 cannot-judge — 无法判断

## What it finds
A check that could not judge a declaration, because a value it needs is written `unstated` (the
document does not state it), `unknown` (the document states it; the encoder does not know it), or —
for the quantities a check used to read as "none" — not written at all. One finding per check and
declaration, naming the check, the declaration and the fields to state:

- **PE102**: a pushed-down item whose `funding` is absent or marked (whole or a field), or whose
  `cost` is marked, when the readings disagree: some values of what is not stated leave the cost
  covered, others do not. Funding stated as zero against a cost stays PE102; funding absent against a
  cost declared zero is no finding.
- **PE105**: a loaded tier whose level on a dimension is not stated — a marked level, or a dimension a
  grant of the tier leaves out while it declares others — when the tier is inverted under some
  readings and not under the one most favourable to it (the lowest and highest level bound it).
- **PE204**: an admission procedure with a part of due process marked `unknown`; an item with
  `legal_basis: unknown` on a list whose procedure requires one. (`unstated` counts as missing there:
  PE204 judges the procedure's own text.)
- **PE305**: a fixed-time duty without `start` or `end` (absent or marked) that shares its target and
  its dates with another duty: when it would collide is not stated, so no collision is reported.
- **PE306**: a regime with a `pass_mark` (or `total`) whose parts' sum needs a part's `points` that are
  not written or marked, or whose `pass_mark` is marked.
- **PE307**: a measure a consequence at stake rests on that states neither `controlled_by` nor
  `depends_on` (or only one, and that one does not decide).
- **PE309**: a capped bonus rule, the only credit for a quota's measure, whose `cap` or `points` is
  not stated.
- **PE310**: a long-cycle item under a fixed handling limit whose `extension` is marked.
- **PE311**: an item its tier cannot settle whose handling limit has no stated length, or a tier on
  its way up without a stated `workflow.answer` time, when the stated times do not already exceed it.
- **PE312**: a verification `capacity.per_person_day` marked, no simulated rates to count, or a unit
  at the verifying tier without a headcount when the stated people fall short.
- **PE313**: a dismissal rule on a regime whose measures' `controlled_by`/`depends_on` are not stated.
- **PE314**: a unit two of whose leaders each assess it, with `assessment_counts: {regime: unknown}`.
  (`unstated` counts as missing there: the document leaves whose assessment counts open.)
- **PE305**: two weekly or two monthly duties whose windows overlap, where one does not state the days
  it falls on (`recurrence.on` absent or marked).
- **PE315**: a platform rule that judges the record (check-in, tracking, report format, photos, word
  counts) without a stated `hours_per_month`, while the stated costs on its target do not already
  exceed the share; or such a rule with no `applies_to`.

The finding is at the first field named when it is written, else where the check's own finding would
be. It is information (severity info): `lint` does not fail on it unless `--fail-level info`. It appears
only when the check that could not judge runs too; `ignore[PE010]` silences it like any code.

## Why it matters
Real documents are silent on much: a regulation that lists a township's duties rarely says what money
follows them. Reading that silence as "no money" makes the linter report a defect the document never
stated; reading it as "enough money" hides one. Saying that the check cannot judge, and what would let
it, keeps the findings to what the documents state and shows the encoder what to look up.

## Example
```yaml
items:
  - id: street_stall
    name: {zh: 占道经营, en: street stall blocking the road}
    kind: line
    owner: urban_management_bureau   # a district department
    tier: grid
    role: resolve_or_report
    cost: {hours_per_month: 83}
    funding: unstated                # PE010: PE102 cannot judge item 'street_stall'
```
Use instead:
```yaml
    funding: {money_yuan_per_year: 0, people: 0}   # when the document states that nothing follows (quote it in `source`)
```

## Thresholds
None of its own: it follows the checks that report it.

## Case reference
§4 of `docs/case.md` (the line list's items, for which the paper gives no funding) and §8 (费随事转).
"""

DOC_ZH = """\
# PE010 无法判断 — cannot-judge

## 检查内容
某项检查无法判断某一声明,因为它所需的取值写为 `unstated`(原文件没有规定)、`unknown`(原文件有规定,但编码者不知道),或者——对于检查过去当作“没有”的数量——根本没有写。每项检查、每个声明报告一条,写明是哪项检查、哪个声明,以及需要写明的字段:

- **PE102**:下沉事项的经费(`funding`)没有写或被标记(整体或其中某一字段),或者其成本(`cost`)被标记,而且不同的读法结论不一:未写明的部分取某些值时成本可以覆盖,取另一些值时则不能。经费明确写为零而事项有成本的,仍报 PE102;没有写经费而成本明确为零的,不报告。
- **PE105**:负荷较重的层级,在某一维度上的治理权等级没有写明——等级被标记,或者该层级的某项授权写了其他维度却没有写这一维度——而且按某些读法治理权倒挂、按对该层级最有利的读法则不倒挂(以最低和最高等级为界)。
- **PE204**:准入程序的某一项正当程序要素标为 `unknown`;准入程序要求法律依据,而其清单中的事项写为 `legal_basis: unknown`。(在这里 `unstated` 按缺失处理:PE204 判断的是程序本身的文字。)
- **PE305**:固定时间的职责没有开始或结束时间(`start`、`end` 没有写或被标记),而与另一项职责对象相同、日期重叠:何时冲突没有规定,因此不报告冲突。
- **PE306**:设有合格线(`pass_mark`)或总分(`total`)的考核办法,求和需要某一考核内容的分值(`points`),而该分值没有写或被标记;或者合格线本身被标记。
- **PE307**:利害攸关的考核后果所依据的指标,既没有写明受谁控制(`controlled_by`),也没有写明取决于什么(`depends_on`),或者只写明其中一项而不足以判断。
- **PE309**:设有上限的加分规则是数量指标唯一的得分来源,而其上限(`cap`)或分值(`points`)没有写明。
- **PE310**:周期长的事项适用固定的办理时限,而其延期规定(`extension`)被标记。
- **PE311**:所在层级无权处置的事项,其办理时限的长度没有写明;或者逐级上报途经的某一层级没有写明答复时间(`workflow.answer`),而已写明的时间之和尚未超过时限。
- **PE312**:核查能力(`capacity.per_person_day`)被标记;没有可供计算的模拟发生率;或者已写明的人数不足,而核查层级中有单位没有写明人数。
- **PE313**:辞退规则所依据的考核办法,其指标的受谁控制(`controlled_by`)、取决于什么(`depends_on`)没有写明。
- **PE314**:单位的两个领导方各自对其考核,而写为 `assessment_counts: {regime: unknown}`。(在这里 `unstated` 按缺失处理:原文件没有明确以哪一方的考核为准。)
- **PE305**:两项每周或两项每月履行的职责时间窗口重叠,其中一项没有写明落在哪几天(`recurrence.on` 没有写或被标记)。
- **PE315**:评判工作痕迹的平台规则(打卡、轨迹、上报格式、配图、字数)没有写明每月耗时(`hours_per_month`),而同一对象上已写明的耗时尚未超过限定的比例;或者这类规则没有写明适用对象(`applies_to`)。

诊断位于所列的第一个字段(已写出时),否则位于该检查本身的诊断位置。其级别为提示(info):除非使用 `--fail-level info`,`lint` 不因此返回失败。只有无法判断的那项检查也在运行时,才会出现;`ignore[PE010]` 可以像其他代码一样抑制它。

## 为何重要
真实的文件对许多事情没有规定:列出乡镇职责的条例,很少写明随之拨付多少经费。把没有规定读成“没有经费”,检查工具就会报告原文件并未写明的缺陷;读成“经费充足”,又会掩盖缺陷。说明检查无法判断、需要写明什么,诊断才能只依据原文件的规定,也让编码者知道该去查什么。

## 示例
```yaml
items:
  - id: street_stall
    name: {zh: 占道经营, en: street stall blocking the road}
    kind: line
    owner: urban_management_bureau   # 区级职能部门
    tier: grid
    role: resolve_or_report
    cost: {hours_per_month: 83}
    funding: unstated                # PE010:PE102 无法判断事项“占道经营”
```
改为:
```yaml
    funding: {money_yuan_per_year: 0, people: 0}   # 原文件写明不随事项拨付经费和人员时(在 `source` 中引用原文)
```

## 阈值
本检查没有自己的阈值,沿用报告它的各项检查的阈值。

## 案例出处
[案例](../case.zh.md) §4(条线清单中的事项,论文没有给出经费)和 §8(费随事转)。
"""

CHECK = Check(
    code="PE010",
    name="cannot-judge",
    zh="无法判断",
    severity=Severity.INFO,
    summary="a check could not judge: a value it needs is unstated or unknown",
    finds="a declaration a check could not judge because a value it needs is `unstated`, `unknown`, or absent where absence reads as not stated",
    per="check and declaration",
    at="the first field named, when written; else where the check's finding would be",
    reads="the fields of PE102, PE105, PE204, PE305, PE306, PE307 and PE309–PE315 that may be `unstated` or `unknown`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="检查无法判断的声明:所需的取值为 `unstated`、`unknown`,或在没有写即视为未写明的地方没有写",
    per_zh="一项检查对一个声明",
    at_zh="所列的第一个字段(已写出时);否则为该检查本身的诊断位置",
    reads_zh="PE102、PE105、PE204、PE305、PE306、PE307、PE309–PE315 所读取、可写为 `unstated` 或 `unknown` 的字段",
    messages={
        "unstated": (
            "{check} cannot judge {kind} '{id}': the policy does not state {fields}",
            "{check} 无法判断{kind}“{id}”:政策没有写明{fields}",
        ),
        "unknown": (
            "{check} cannot judge {kind} '{id}': {fields} marked unknown; find what the document states",
            "{check} 无法判断{kind}“{id}”:{fields}标为未知(unknown),请查明原文件的规定",
        ),
    },
    found_by="PE102, PE105, PE204, PE305, PE306, PE307, PE309–PE315",
)
