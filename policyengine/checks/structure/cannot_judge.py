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
某项检查因所需的值未说明而无法判断某一声明:该值写为 `unstated`(文件未作规定)、`unknown`(文件有规定,但编码者不知道),
或——对于检查过去视为"没有"的数量——根本没有写。每项检查、每个声明报告一条,列出检查代码、声明和需要说明的字段:

- **PE102**:下沉事项的 `funding` 未写或被标记(整体或某一字段),或其 `cost` 被标记,且不同取值下结论不一:有的取值下成本得到覆盖,有的则否。经费明确为零而有成本的,仍报 PE102;未写经费而成本明确为零的,不报告。
- **PE105**:负荷较重的层级在某一维度上的等级未说明——等级被标记,或该层级的某项授权声明了其他维度却未写这一维度——且按某些取值治理权倒挂、按对该层级最有利的取值则不倒挂(以最低和最高等级为界)。
- **PE204**:准入程序的某一正当程序要素标为 `unknown`;要求法定依据的程序所管辖清单中,事项写为 `legal_basis: unknown`。(`unstated` 视为缺失:PE204 判断的是程序文本本身。)
- **PE305**:没有 `start` 或 `end`(未写或被标记)的固定时间职责,与另一项职责落在同一对象、日期重叠:何时冲突未作规定,因此不报告冲突。
- **PE306**:设有 `pass_mark`(或 `total`)的考核,求和所需的某项考核内容未写分值或分值被标记,或合格线本身被标记。
- **PE307**:利害攸关的后果所依据的指标既未写明 `controlled_by` 也未写明 `depends_on`(或只写明其一且不足以判断)。
- **PE309**:作为配额指标唯一计分的加分规则设有上限,但其 `cap` 或 `points` 未说明。
- **PE310**:周期长的事项适用固定办理时限,而其 `extension`(延期)被标记。
- **PE311**:承接层级无权处置的事项,其办理时限长度未说明,或逐级上报途经的某一层级未说明 `workflow.answer` 答复时间,且已说明的时间之和未超过时限。
- **PE312**:核查能力 `capacity.per_person_day` 被标记、没有可计的模拟发生率,或已说明的人数不足而核查层级有单位未说明人数。
- **PE313**:解聘规则所依据的考核,其指标的 `controlled_by`/`depends_on` 未说明。
- **PE314**:两个领导方分别考核的单位写为 `assessment_counts: {regime: unknown}`。(`unstated` 视为缺失:文件未明确以哪一方考核为主。)
- **PE305**:两项每周或两项每月履行的职责时间窗口重叠,其中一项未说明履行日期(`recurrence.on` 未写或被标记)。
- **PE315**:评判工作痕迹的平台规则(打卡、轨迹、格式、配图、字数)未写明 `hours_per_month`,且同一对象上已写明的耗时尚未超过比例;或此类规则未写 `applies_to`。

诊断位于所列第一个字段处(若已写出),否则位于该检查本身的诊断位置。其严重程度为提示(info):除非使用 `--fail-level info`,`lint` 不因此失败。只有在无法判断的那项检查也运行时才会出现;`ignore[PE010]` 可像其他代码一样抑制。

## 为何重要
真实文件对许多事项保持沉默:列出乡镇职责的条例,很少写明随之下达多少经费。把沉默读成"没有经费",就会报告文件从未写明的缺陷;读成"经费充足",又会掩盖缺陷。说明检查无法判断、以及需要说明什么,才能使诊断只依据文件的规定,并告诉编码者要去查什么。

## 示例
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
改为:
```yaml
    funding: {money_yuan_per_year: 0, people: 0}   # when the document states that nothing follows (quote it in `source`)
```

## 阈值
TODO None of its own: it follows the checks that report it.

## 案例出处
TODO §4 of `docs/case.md` (the line list's items, for which the paper gives no funding) and §8 (费随事转).
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
    reads="the fields of PE102, PE105, PE204, PE305, PE314 and PE315 that may be `unstated` or `unknown`",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="a declaration a check could not judge because a value it needs is `unstated`, `unknown`, or absent where absence reads as not stated",
    per_zh="check and declaration",
    at_zh="the first field named, when written; else where the check's finding would be",
    reads_zh="the fields of PE102, PE105, PE204, PE305, PE314 and PE315 that may be `unstated` or `unknown`",
    messages={
        "unstated": (
            "{check} cannot judge {kind} '{id}': the policy does not state {fields}",
            "{check}无法判断{kind}“{id}”:政策未说明{fields}",
        ),
        "unknown": (
            "{check} cannot judge {kind} '{id}': {fields} marked unknown; find what the document states",
            "{check}无法判断{kind}“{id}”:{fields}标为未知,请查明文件的规定",
        ),
    },
    found_by="PE102, PE105, PE204, PE305, PE314, PE315",
)
