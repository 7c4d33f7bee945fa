"""The public catalogue of check codes: names, default severities, thresholds and messages.

Codes are stable. Every message exists in English and Chinese; templates use str.format fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .diagnostics import Severity


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    zh: str
    severity: Severity
    messages: Mapping[str, tuple[str, str]]  # key -> (en, zh)
    thresholds: Mapping[str, Any] = field(default_factory=dict)


E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {c.code: c for c in [
    Code("PE001", "yaml-syntax", "YAML 语法错误", E, {
        "syntax": ("YAML syntax error: {problem}", "YAML 语法错误:{problem}"),
    }),
    Code("PE002", "schema-violation", "违反模式", E, {
        "schema": ("{message}", "{message}"),
        "mapping": ("a document must be a mapping of sections, not {found}",
                    "文档必须是由各部分组成的映射,而不是{found}"),
        "key": ("mapping keys must be plain scalars", "映射的键必须是普通标量"),
        "merge": ("merge keys ('<<') are not supported; write the keys out",
                  "不支持合并键('<<'),请直接写出各键"),
    }),
    Code("PE003", "duplicate-definition", "重复定义", E, {
        "key": ("duplicate key '{key}' (first at line {line})", "重复的键“{key}”(首次出现在第 {line} 行)"),
        "id": ("duplicate {kind} id '{id}' (first defined at {first})", "重复的{kind} id“{id}”(首次定义于 {first})"),
        "ambiguous": ("unit id '{id}' is also a tier id; 'assessed' and 'applies_to' could not tell them apart",
                      "单位 id“{id}”与某层级 id 相同;“assessed”和“applies_to”将无法区分二者"),
        "section": ("section '{section}' is declared more than once (first at {first})",
                    "部分“{section}”被重复声明(首次位于 {first})"),
    }),
    Code("PE004", "unknown-reference", "未知引用", E, {
        "ref": ("unknown {kind} '{id}'{hint}", "未知的{kind}“{id}”{hint}"),
    }),
    Code("PE005", "tier-cycle", "层级环路", E, {
        "cycle": ("tier hierarchy has a cycle: {path}", "层级结构存在环路:{path}"),
        "roots": ("tier '{id}' is a second root (the root is '{root}'); give it a parent",
                  "层级“{id}”是第二个根(根为“{root}”);请为其指定上级"),
        "none": ("the tier hierarchy has no root", "层级结构没有根"),
    }),
    Code("PE006", "rule-syntax", "规则语法错误", E, {
        "syntax": ("rule does not parse: {message}", "规则无法解析:{message}"),
    }),
    Code("PE007", "rule-type", "规则类型错误", E, {
        "type": ("ill-typed rule: {message}", "规则类型错误:{message}"),
    }),
    Code("PE008", "unused-suppression", "无效抑制", W, {
        "unused": ("suppression '{directive}' silences nothing ({codes}): remove it, or it will hide the next real finding here",
                   "抑制注释“{directive}”没有抑制任何诊断({codes}):请删除,否则它会掩盖此处下一条真实的诊断"),
        "enable": ("'{directive}' closes no block that a 'disable' opened",
                   "“{directive}”没有关闭任何由“disable”开启的区块"),
    }),
    Code("PE009", "invalid-suppression", "抑制注释有误", W, {
        "verb": ("unknown suppression '{verb}' (known: ignore, ignore-file, disable, enable)",
                 "未知的抑制指令“{verb}”(可用:ignore、ignore-file、disable、enable)"),
        "code": ("suppression names an unknown check code '{code}'", "抑制注释中的检查代码“{code}”不存在"),
        "structural": ("{code} cannot be suppressed: the policy with a structural error is not the one written, and suppressions are judged by PE008/PE009 themselves",
                       "{code} 不可抑制:存在结构性错误的策略已不是所写的策略,而抑制注释本身由 PE008/PE009 检查"),
        "form": ("malformed suppression '{text}': write the codes in brackets, e.g. '# policyengine: ignore[PE101]'",
                 "抑制注释“{text}”格式有误:请把代码写在方括号中,例如“# policyengine: ignore[PE101]”"),
        "empty": ("'{verb}[]' names no code: write the codes, or leave out the brackets to mean every code",
                  "“{verb}[]”没有写代码:请写明代码,或去掉方括号表示全部代码"),
    }),
    Code("PE101", "responsibility-without-authority", "有责无权", W, {
        "missing": ("item '{item}': tier '{tier}' must {role} it but lacks {powers}{cohandlers}",
                    "事项“{item}”:层级“{tier}”须{role_zh}该事项,却不具备{powers_zh}{cohandlers_zh}"),
    }, {"max_co_handler_coverage": 5}),
    Code("PE102", "unfunded-mandate", "费随事转缺失", W, {
        "none": ("item '{item}' is pushed from '{origin}' down to '{tier}' with no money and no people",
                 "事项“{item}”从“{origin}”下沉至“{tier}”,没有随之转移经费和人员"),
        "money": ("item '{item}' is pushed down to '{tier}' with {money} yuan/year for a cost of {cost} yuan/year",
                  "事项“{item}”下沉至“{tier}”,经费每年 {money} 元,成本每年 {cost} 元"),
        "people": ("item '{item}' is pushed down to '{tier}' with {hours} person-hours/month for a cost of {cost} hours/month",
                   "事项“{item}”下沉至“{tier}”,人员每月 {hours} 工时,成本每月 {cost} 工时"),
    }, {"min_coverage": 1.0, "hours_per_person_month": 166}),
    Code("PE103", "coordination-deficit", "协调能力虚化", W, {
        "reach": ("item '{item}': tier '{tier}' must mobilise '{unit}' (tier '{unit_tier}') but has no coordination path to it{scopes}",
                  "事项“{item}”:层级“{tier}”须动员“{unit}”(层级“{unit_tier}”),却没有对其的协调渠道{scopes_zh}"),
    }),
    Code("PE104", "escalation-dead-end", "上报无门", W, {
        "dead_end": ("item '{item}': no unit on the escalation path from '{tier}' holds {powers}",
                     "事项“{item}”:从“{tier}”向上的流转路径上没有单位具备{powers_zh}"),
        "returned": ("item '{item}': events are returned from '{by}' to '{tier}', which lacks {missing}",
                     "事项“{item}”:事件被从“{by}”退回“{tier}”,而后者不具备{missing_zh}"),
    }),
    Code("PE105", "inverted-authority", "低治理权", W, {
        "inverted": ("tier '{tier}' carries {load} items ({load_share:.0%} of the load) with authority {authority:.2f} on the four dimensions, against {top:.2f} at '{top_tier}'",
                     "层级“{tier}”承担 {load} 项事项(占责任负荷的 {load_share:.0%}),四个维度上的治理权为 {authority:.2f},而“{top_tier}”为 {top:.2f}"),
    }, {"ratio": 2.0, "min_items": 5}),
    Code("PE200", "no-admission-procedure", "缺少准入机制", W, {
        "missing": ("tier '{tier}' receives {count} line item(s) but no admission procedure governs {lists}",
                    "层级“{tier}”承接 {count} 项条线事项,但{lists_zh}没有任何准入程序"),
    }),
    Code("PE201", "inadmissible-item", "事项不符合准入规则", W, {
        "rejected": ("item '{item}' in list '{list}' is rejected by admission procedure '{procedure}' ({rule}): {reason}",
                     "清单“{list}”中的事项“{item}”被准入程序“{procedure}”拒绝({rule}):{reason}"),
        "default": ("item '{item}' in list '{list}' is admitted by no criterion of admission procedure '{procedure}'",
                    "清单“{list}”中的事项“{item}”不符合准入程序“{procedure}”的任何一条准入准则"),
    }),
    Code("PE202", "unlisted-pushdown", "清单外下派", W, {
        "unlisted": ("item '{item}' is pushed down to '{tier}'{via} but is in none of its lists ({lists})",
                     "事项“{item}”{via_zh}下派至“{tier}”,却不在其任何清单({lists_zh})之中"),
    }),
    Code("PE203", "temporary-admission-unbounded", "临时准入无约束", W, {
        "unbounded": ("temporary item '{item}' on '{tier}': {problems}",
                      "“{tier}”的临时事项“{item}”:{problems_zh}"),
    }),
    Code("PE204", "admission-procedure-incomplete", "准入程序不完整", W, {
        "procedure": ("admission procedure '{procedure}' lacks {missing}",
                      "准入程序“{procedure}”缺少{missing_zh}"),
        "legal_basis": ("item '{item}' in list '{list}' has no legal basis, which admission procedure '{procedure}' requires",
                        "清单“{list}”中的事项“{item}”没有法定依据,而准入程序“{procedure}”要求提供"),
    }),
    Code("PE205", "separate-assessment", "另行考核", W, {
        "separate": ("'{assessor}' assesses '{assessed}' separately on admitted item(s) {items} (regime '{regime}'; {reviewers})",
                     "“{assessor}”就已准入的事项{items_zh}对“{assessed}”另行考核(考核“{regime}”;{reviewers_zh})"),
    }),
    Code("PE206", "list-over-capacity", "清单超出承载能力", W, {
        "over": ("list '{list}' of '{tier}' needs {workload} hours/month against a capacity of {capacity} hours/month per {tier} ({share} of it)",
                 "“{tier}”的清单“{list}”每月需 {workload} 工时,而每个“{tier}”每月的承载能力为 {capacity} 工时(占 {share})"),
    }, {"hours_per_person_month": 166, "max_share": 1.0}),
    Code("PE301", "assessment-overload", "多层级考核", W, {
        "overload": ("tier '{tier}' is assessed by {count} assessors ({assessors}); at most {max} allowed",
                     "层级“{tier}”受 {count} 个考核主体考核({assessors});上限为 {max}"),
    }, {"max_assessors": 2}),
    Code("PE302", "quota-escalation", "层层加码", W, {
        "add": ("regime '{regime}' adds {add:g} to the '{metric}' quota set by '{base}'",
                "考核“{regime}”在“{base}”设定的“{metric}”指标上加码 {add:g}"),
        "min": ("regime '{regime}' raises the '{metric}' quota from {base_min:g} ('{base}') to {min:g}",
                "考核“{regime}”将“{metric}”指标从 {base_min:g}(“{base}”)提高到 {min:g}"),
    }),
    Code("PE303", "count-quota-forced-ranking", "数量指标加强制排名", W, {
        "ranking": ("regime '{regime}' ranks against count quotas ({metrics}) with {stakes} at stake — invites quota filling",
                    "考核“{regime}”以数量指标({metrics})排名,并以{stakes_zh}为代价——诱发凑件"),
    }, {"stakes": ("lose_performance_pay", "double_performance_pay", "dismissal")}),
    Code("PE304", "escalation-penalised", "上报受罚", W, {
        "penalised": ("regime '{regime}' deducts points when an event is {event}, and the workflow returns escalated events — invites selective reporting",
                      "考核“{regime}”对{event_zh}的事件扣分,而流程会退回上报的事件——诱发选择性报件"),
    }, {"events": ("returned",)}),
    Code("PE305", "timing-collision", "时间冲突", W, {
        "collision": ("duty '{duty}' ({window}) collides with duty '{other}' ({other_window}) for '{target}'",
                      "对“{target}”而言,职责“{duty}”({window_zh})与职责“{other}”({other_window_zh})时间冲突"),
    }),
]}

ROLE_ZH = {"handle": "办理", "report": "上报", "assist": "协助", "resolve_or_report": "限时化解或上报"}
KIND_ZH = {"tier": "层级", "unit": "单位", "item": "事项", "list": "清单", "category": "类别", "power": "权力",
           "grant": "授权", "assessment": "考核", "duty": "职责", "platform_rule": "平台规则",
           "admission": "准入程序", "figure": "数据", "level": "等级", "regime": "考核", "file": "文件"}
EFFECT_ZH = {"lose_performance_pay": "扣发绩效", "double_performance_pay": "双倍绩效", "dismissal": "辞退",
             "funding": "经费划拨", "other": "其他"}
EVENT_ZH = {"returned": "被退回", "unqualified": "不合格"}


def render(code: str, key: str, params: Mapping[str, Any], lang: str) -> str:
    from .messages.catalogue import render as render_message  # bridge while codes move into their checks
    from .messages.core import Message

    return render_message(Message(f"{code}.{key}", params), lang)
