"""Every label of the HTML report, in English and Chinese. The page is in one language."""

from __future__ import annotations

from ..admission import ADMITTED, CONDITIONAL, REJECTED, UNREVIEWED

ROLES = {"en": {"handle": "handle", "report": "report", "assist": "assist", "resolve_or_report": "resolve or report"},
         "zh": {"handle": "办理", "report": "上报", "assist": "协助", "resolve_or_report": "能办则办、不能办则报"}}
DIMENSIONS = {"en": {"resources": "resources", "task_setting": "task setting", "timing": "timing",
                     "assessment": "assessment"},
              "zh": {"resources": "资源", "task_setting": "任务设定", "timing": "时间", "assessment": "考核"}}
SEVERITIES = {"en": {"error": "error", "warning": "warning", "info": "info"},
              "zh": {"error": "错误", "warning": "警告", "info": "提示"}}
DECISIONS = {"en": {ADMITTED: "admitted", CONDITIONAL: "conditional", REJECTED: "rejected", UNREVIEWED: "unreviewed",
                    None: "—"},
             "zh": {ADMITTED: "准入", CONDITIONAL: "附条件准入", REJECTED: "不予准入", UNREVIEWED: "未经审查",
                    None: "—"}}
SUBJECTS_ZH = {"admission": "准入程序", "assessment": "考核", "document": "文档", "duty": "值守任务", "file": "文件",
               "grant": "授权", "item": "事项", "list": "清单", "platform_rule": "平台规则", "problem": "问题",
               "rule": "规则", "section": "部分", "tier": "层级", "unit": "单位", "workflow": "工作流程"}
EDGES = {"en": {"assigned_to": "assigned to (role)", "mobilises": "mobilises", "co_handled_by": "co-handled by",
                "escalates_to": "escalates to", "dispatches_to": "dispatches to", "returns_to": "returns to"},
         "zh": {"assigned_to": "属地责任(角色)", "mobilises": "调动", "co_handled_by": "协办",
                "escalates_to": "逐级上报", "dispatches_to": "派单", "returns_to": "退回"}}

TEXT = {
    "en": {
        "title": "Policy report", "policy": "Policy", "judged_on": "Judged on", "generated": "Generated",
        "reform": "Reform", "baseline": "baseline", "with_reform": "with the reform",
        "contents": "Contents",
        "counts": "Counts", "findings": "Findings", "errors": "errors", "warnings": "warnings", "infos": "info",
        "tiers": "tiers", "units": "units", "items": "items", "files": "files",
        "sec_findings": "Findings", "sec_pyramid": "Authority against responsibility",
        "sec_graph": "The responsibility graph", "sec_admission": "Admission decisions",
        "sec_reform": "Baseline against reform", "sec_simulation": "Simulation",
        "findings_intro": "Every finding of the linter. Filter by code, tier or severity, or type to search.",
        "findings_intro_reform": "The findings of the policy with the reform applied (what `lint --reform` "
                                 "reports). Filter by code, tier or severity, or type to search.",
        "all_codes": "all codes", "all_tiers": "all tiers", "all_severities": "all severities",
        "search": "search", "shown": "{n} of {m} shown", "no_findings": "No findings.",
        "col_severity": "severity", "col_code": "code", "col_tier": "tier", "col_subject": "subject",
        "col_message": "message", "col_where": "where",
        "code": "code", "tier": "tier", "severity": "severity",
        "pyramid_intro": "For each tier, top to bottom: the authority it holds on the four dimensions (the best "
                         "level granted to the tier or its own units, 0 to 1) and the responsibility load put on it "
                         "(items assigned to it, plus the items its lists state beyond those declared; a list of "
                         "returned items does not count) — the load PE105 weighs. An inverted pyramid: the load "
                         "grows downward while authority shrinks.",
        "authority": "authority", "load": "responsibility load", "mean": "mean", "assigned": "items assigned",
        "stated": "stated beyond declared", "share": "share of load", "flagged": "PE105",
        "graph_intro": "Tiers as layers, top to bottom; under each tier its units and the items assigned to it. "
                       "Where a tier has more than {n} items they are grouped by role, and more than {u} units by kind "
                       "(hover for their members).",
        "group": "{role}: {n} items", "unit_group": "{kind}: {n} units", "legend": "legend", "tier_box": "tier", "unit_box": "unit",
        "item_box": "item or group of items",
        "admission_intro": "The decision of the admission procedures (准入) on every item, as `admit` prints it, "
                           "and the bill per tier: the powers to devolve, the money and the people that follow "
                           "the conditional items.",
        "col_item": "item", "col_decision": "decision", "col_procedure": "procedure", "col_rule": "rule",
        "col_reason": "reason / conditions", "bill": "Bill per tier", "col_powers": "powers to devolve",
        "col_money": "money (yuan/year)", "col_people": "people", "col_from": "from",
        "no_bill": "No conditional admission: nothing moves.",
        "summary_adm": "{admitted} admitted, {conditional} conditional, {rejected} rejected, {unreviewed} unreviewed",
        "needs_fix": "This section needs the errors fixed first: the policy has structural or rule errors "
                     "({codes}), and it cannot be judged as written.",
        "blocked": "The policy has structural or rule errors ({codes}): they are listed here; the other "
                   "sections need them fixed first.",
        "reform_intro": "The baseline against the policy with the reform applied.",
        "per_code": "Findings per code", "col_before": "baseline", "col_after": "reform", "col_change": "change",
        "total": "total", "changes": "Structural changes ({n})", "col_operation": "operation",
        "col_target": "target", "col_detail": "detail", "fixed": "Findings fixed ({n})",
        "introduced": "Findings introduced ({n})", "unchanged": "{n} unchanged",
        "decisions_changed": "Decisions that changed ({n})", "none": "none",
        "col_tier_before": "tier before", "col_tier_after": "tier after",
        "col_decision_before": "decision before", "col_decision_after": "decision after",
        "absent": "(absent)", "pyramid_before": "Baseline", "pyramid_after": "With the reform",
        "sim_intro": "{months} months × {runs} runs, seed {seed}; mean and the {interval} per metric.",
        "col_metric": "metric", "metric_mean": "mean [2.5%, 97.5%]",
        "calibration": "Calibration against the case (baseline)", "col_case": "case", "col_simulated": "simulated",
        "col_window": "window", "col_within": "within", "yes": "yes", "no": "no",
        "sim_skipped": "The simulation needs the errors fixed first.",
        "footer": "Made by policyengine {version}. Self-contained: no external resource is loaded.",
        "dash": "—",
    },
    "zh": {
        "title": "策略报告", "policy": "策略", "judged_on": "评判日期", "generated": "生成时间",
        "reform": "改革方案", "baseline": "基线", "with_reform": "实施改革后",
        "contents": "目录",
        "counts": "统计", "findings": "诊断", "errors": "错误", "warnings": "警告", "infos": "提示",
        "tiers": "层级", "units": "单位", "items": "事项", "files": "文件",
        "sec_findings": "诊断", "sec_pyramid": "治理权与责任",
        "sec_graph": "责任关系图", "sec_admission": "准入决定",
        "sec_reform": "基线与改革对比", "sec_simulation": "模拟",
        "findings_intro": "检查器的全部诊断。可按代码、层级或级别筛选,或输入文字搜索。",
        "findings_intro_reform": "实施改革后的策略的诊断(即 `lint --reform` 的结果)。可按代码、层级或级别筛选,或输入文字搜索。",
        "all_codes": "全部代码", "all_tiers": "全部层级", "all_severities": "全部级别",
        "search": "搜索", "shown": "显示 {n} / {m} 条", "no_findings": "没有诊断。",
        "col_severity": "级别", "col_code": "代码", "col_tier": "层级", "col_subject": "对象",
        "col_message": "消息", "col_where": "位置",
        "code": "代码", "tier": "层级", "severity": "级别",
        "pyramid_intro": "自上而下的每个层级:其在四个维度上的治理权(授予该层级或其自有单位的最高等级,0 至 1),"
                         "以及压在其上的责任负荷(分配给它的事项,加上其清单所述超出已声明事项的数目;上收事项清单不计入)"
                         "——即 PE105 所衡量的负荷。倒金字塔:责任负荷逐级向下加重,治理权逐级向下减弱。",
        "authority": "治理权", "load": "责任负荷", "mean": "均值", "assigned": "分配事项",
        "stated": "清单所述另计", "share": "负荷占比", "flagged": "PE105",
        "graph_intro": "层级自上而下分层;每个层级之下为其单位和分配给它的事项。"
                       "某层级的事项超过 {n} 项时按角色归组,单位超过 {u} 个时按类型归组(悬停可见成员)。",
        "group": "{role}:{n} 项", "unit_group": "{kind}:{n} 个单位", "legend": "图例", "tier_box": "层级", "unit_box": "单位",
        "item_box": "事项或事项组",
        "admission_intro": "准入程序对每个事项的决定(与 `admit` 的输出一致),以及各层级清单:"
                           "附条件准入事项所需下放的权力、转移的经费和人员。",
        "col_item": "事项", "col_decision": "决定", "col_procedure": "程序", "col_rule": "规则",
        "col_reason": "理由 / 条件", "bill": "各层级清单", "col_powers": "下放权力",
        "col_money": "经费(元/年)", "col_people": "人员", "col_from": "来源",
        "no_bill": "没有附条件准入:无须转移。",
        "summary_adm": "准入 {admitted} 项,附条件准入 {conditional} 项,不予准入 {rejected} 项,未经审查 {unreviewed} 项",
        "needs_fix": "本部分须先修正错误:策略存在结构或规则错误({codes}),无法按所写内容评判。",
        "blocked": "策略存在结构或规则错误({codes}):列于此处;其余各部分须先修正这些错误。",
        "reform_intro": "基线与实施改革后的策略对比。",
        "per_code": "各代码诊断数", "col_before": "基线", "col_after": "改革后", "col_change": "变化",
        "total": "合计", "changes": "结构变化({n} 项)", "col_operation": "操作",
        "col_target": "对象", "col_detail": "详情", "fixed": "消除的诊断({n} 条)",
        "introduced": "新增的诊断({n} 条)", "unchanged": "未变 {n} 条",
        "decisions_changed": "改变的准入决定({n} 项)", "none": "无",
        "col_tier_before": "原层级", "col_tier_after": "新层级",
        "col_decision_before": "原决定", "col_decision_after": "新决定",
        "absent": "(不存在)", "pyramid_before": "基线", "pyramid_after": "实施改革后",
        "sim_intro": "{months} 个月 × {runs} 次运行,种子 {seed};各指标的均值及跨运行 2.5–97.5 百分位区间。",
        "col_metric": "指标", "metric_mean": "均值 [2.5%, 97.5%]",
        "calibration": "与案例的校准(基线)", "col_case": "案例", "col_simulated": "模拟",
        "col_window": "区间", "col_within": "是否落入", "yes": "是", "no": "否",
        "sim_skipped": "模拟须先修正错误。",
        "footer": "由 policyengine {version} 生成。本页自包含:不加载任何外部资源。",
        "dash": "—",
    },
}
