"""PE009 invalid-suppression: a suppression comment with an unknown directive or code. Reported by the suppressions as the policy is read."""

from __future__ import annotations

from ...diagnostics import Severity
from ..base import Check

DOC = """\
# PE009 invalid-suppression — 抑制注释有误

## What it finds
A suppression comment that cannot work. Its directive may be unknown: `# policyengine: ingore[PE101]`
(known: `ignore`, `ignore-file`, `disable`, `enable`). It may name a code that does not exist
(`PE1O1`), or use empty brackets (`ignore[]`). Its codes may stand outside brackets
(`ignore PE101`, `ignore: PE101`, `ignore(PE101)`), or its bracket may never close: read as
"every code", such a comment would silence more than was written, so it silences nothing. It may name a code that cannot be suppressed: the
structural errors PE001–PE005, and PE008/PE009 themselves. The rest of the comment still works: in
`ignore[PE101, PX1]`, PE101 is silenced and PX1 is reported.

## Why it matters
A mistyped suppression silences nothing and says nothing: the author believes a finding was
reviewed and accepted, and the finding is still reported, or it is not there at all. A structural
error cannot be suppressed. A policy the loader could not read correctly is not the policy that was
written, and the checks did not run on it. Suppressing PE001–PE005 would let such a policy pass as
clean.

## Example
```yaml
items:
  - id: fire_hazards_small_venues
    tier: grid
    role: handle   # policyengine: ignore[PE1O1]   (PE009: unknown check code 'PE1O1')
```
Use instead:
```yaml
items:
  - id: fire_hazards_small_venues
    tier: grid
    role: handle   # policyengine: ignore[PE101]
```

## Thresholds
None.

## Case reference
§6 of `docs/case.md`: rigid platform rules whose format checks the grid learns to satisfy rather
than the problem behind them. A suppression is a small rule of the same kind, and PE009 checks its
form, so that it cannot pass for a reviewed decision without being one.
"""

DOC_ZH = """\
# PE009 抑制注释有误 — invalid-suppression

## 检查内容
无法起作用的抑制注释,包括:指令未知(如 `# policyengine: ingore[PE101]`;可用的指令有 `ignore`、`ignore-file`、`disable`、`enable`);检查代码不存在(`PE1O1`);方括号为空(`ignore[]`);检查代码没有写在方括号中(`ignore PE101`、`ignore: PE101`、`ignore(PE101)`),或者方括号没有闭合——这样的注释如果理解为“全部代码”,抑制的范围会超出所写的,因此它不抑制任何诊断;指定了不可抑制的代码,即结构性错误 PE001–PE005,以及 PE008、PE009 本身。注释的其余部分照常起作用:`ignore[PE101, PX1]` 仍然抑制 PE101,同时报告 PX1。

## 为何重要
写错的抑制注释既不抑制什么,也不提示什么:作者以为某条诊断已经审阅并接受,实际上这条诊断仍在报告,或者根本不存在。结构性错误不可抑制:读取时出错的政策已经不是所写的那份政策,各项检查也没有在它上面运行;允许抑制 PE001–PE005,这样的政策就会以“干净”的检查结果通过。

## 示例
```yaml
items:
  - id: fire_hazards_small_venues
    tier: grid
    role: handle   # policyengine: ignore[PE1O1]   (PE009:检查代码“PE1O1”不存在)
```
改为:
```yaml
items:
  - id: fire_hazards_small_venues
    tier: grid
    role: handle   # policyengine: ignore[PE101]
```

## 阈值
无。

## 案例出处
[案例](../case.zh.md) §6:刚性的平台规则,网格员学会的是满足它对格式的检查,而不是解决格式背后的问题。抑制注释也是一条同类的小规则;PE009 检查它的格式,使它不能在未经审阅的情况下冒充一项审阅过的决定。
"""

CHECK = Check(
    code="PE009",
    name="invalid-suppression",
    zh="抑制注释有误",
    severity=Severity.WARNING,
    summary="a suppression comment with an unknown directive or code",
    finds="a suppression comment with an unknown directive or code, empty brackets, or a code that cannot be suppressed (PE001–PE005, PE008, PE009)",
    per="suppression comment",
    at="the comment's `#`",
    reads="comments of the form `# policyengine: VERB[CODES]` in the policy's YAML and `.rules` files ([suppressions](workflow.md#suppressions))",
    doc=DOC,
    doc_zh=DOC_ZH,
    finds_zh="指令或检查代码未知、方括号为空,或指定了不可抑制的代码(PE001–PE005、PE008、PE009)的抑制注释",
    per_zh="一条抑制注释",
    at_zh="注释的 `#` 处",
    reads_zh="政策的 YAML 文件和 `.rules` 文件中形如 `# policyengine: VERB[CODES]` 的注释(见[抑制注释](workflow.md#suppressions))",
    messages={
        "verb": (
            "unknown suppression '{verb}' (known: ignore, ignore-file, disable, enable)",
            "未知的抑制指令“{verb}”(可用:ignore、ignore-file、disable、enable)",
        ),
        "code": ("suppression names an unknown check code '{code}'", "抑制注释中的检查代码“{code}”不存在"),
        "structural": (
            "{code} cannot be suppressed: the policy with a structural error is not the one written, and suppressions are judged by PE008/PE009 themselves",
            "{code} 不可抑制:有结构性错误的政策已不是所写的那份政策,抑制注释本身则由 PE008、PE009 检查",
        ),
        "form": (
            "malformed suppression '{text}': write the codes in brackets, e.g. '# policyengine: ignore[PE101]'",
            "抑制注释“{text}”格式有误:请把代码写在方括号中,例如“# policyengine: ignore[PE101]”",
        ),
        "empty": (
            "'{verb}[]' names no code: write the codes, or leave out the brackets to mean every code",
            "“{verb}[]”没有写代码:请写明代码,或去掉方括号表示全部代码",
        ),
    },
    found_by="suppressions",
)
