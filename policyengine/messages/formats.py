"""What the output formats say around the findings, decisions and changes they list (`formats.*`)."""

MESSAGES = {
    "cell": ("from the cell {cell}", "来自单元格 {cell}"),
    # lint, text
    "summary": (
        "{n} finding(s): {error} error(s), {warning} warning(s), {info} info in {files} file(s)",
        "共 {n} 条诊断:错误 {error} 条,警告 {warning} 条,提示 {info} 条,涉及 {files} 个文件",
    ),
    "summary_none": ("No findings in {files} file(s).", "{files} 个文件中没有诊断。"),
    "suppressed": ("{n} suppressed", "已抑制 {n} 条"),
    "baselined": ("{n} held in the baseline", "基线中已有 {n} 条"),
    "hidden": (" ({hidden})", "({hidden})"),
    "hidden_sep": (", ", ","),
    # sarif: the rule of a custom check (PE900-PE999)
    "sarif.custom_short": (
        "A custom check of the policy's own rules: rule '{name}'.",
        "政策自身规则“{name}”报告的自定义检查。",
    ),
    "sarif.custom_full": (
        "{code} is in PE900-PE999, the range of custom checks: the policy's rule `{name}` (inline "
        "criteria or a .rules file) reports it with its own severity and message.",
        "{code} 属于 PE900-PE999,即自定义检查的代码段:政策自身的规则 `{name}`(内联标准或 .rules "
        "文件)以其自定的级别和消息报告。",
    ),
    "sarif.custom_page": (
        "# {code} {name}\n\n{full}\n\nThe rule language and custom checks: `policyengine docs rules`.\n",
        "# {code} {name}\n\n{full}\n\n规则语言与自定义检查:见 `policyengine docs rules`。\n",
    ),
    # diff
    "diff.changes": ("Structural changes ({n}):", "结构变化({n} 项):"),
    "diff.fixed": ("Findings fixed ({n}):", "消除的诊断({n} 条):"),
    "diff.changed": ("Findings changed ({n}):", "变化的诊断({n} 条):"),
    "diff.introduced": ("Findings introduced ({n}):", "新增的诊断({n} 条):"),
    "diff.summary": (
        "{fixed} fixed, {changed} changed, {introduced} introduced, {kept} unchanged",
        "消除 {fixed} 条,变化 {changed} 条,新增 {introduced} 条,未变 {kept} 条",
    ),
    # admit
    "admit.head.item": ("item", "事项"),
    "admit.head.tier": ("tier", "层级"),
    "admit.head.decision": ("decision", "决定"),
    "admit.head.detail": ("rule / reason", "规则 / 理由"),
    "admit.bill": (
        "Bill per tier (authority, people and money follow the item):",
        "各层级清单(权随责走、人随事转、费随事转):",
    ),
    "admit.devolve_power": ("devolve {power} ({n} item(s): {items})", "下放{power}({n} 项:{items})"),
    "admit.money": ("transfer {money:,.0f} yuan/year", "转移经费每年 {money:,.0f} 元"),
    "admit.people": ("transfer {people:.2f} people", "转移人员 {people:.2f} 人"),
    "admit.from": ("from {unit}: {money:,.0f} yuan/year", "来自 {unit}:每年 {money:,.0f} 元"),
    "admit.summary": (
        "{admitted} admitted, {conditional} conditional, {pending} pending review, {rejected} rejected,"
        " {unreviewed} unreviewed",
        "准入 {admitted} 项,附条件准入 {conditional} 项,待审核 {pending} 项,不予准入 {rejected} 项,"
        "未经审查 {unreviewed} 项",
    ),
    "admit.term": ("term {days:g} days", "期限 {days:g} 天"),
    "admit.exits": ("meets the exit condition of list {lists}", "符合清单 {lists} 的退出条件"),
    "admit.none": ("(no conditional admission: nothing moves)", "(没有附条件准入:无须转移)"),
    "admit.devolve": ("devolve {powers}", "下放{powers}"),
    "admit.reason.unreviewed": ("no admission procedure governs it", "没有准入程序管辖该事项"),
    "admit.reason.no_criterion": ("no criterion admits it", "没有准入标准准许该事项"),
    "admit.reason.recorded": ("decided by its approval record", "依审批记录决定"),
    "admit.reason.lapsed": (
        "its approval record is out of term: a reviewer decides again",
        "其审批记录不在有效期内,须由审核部门重新审核",
    ),
    "admit.record.applied": ("approval record at {at}: {decision}{details}", "审批记录({at}):{decision}{details}"),
    "admit.record.out_of_term": (
        "approval record at {at} ({decision}{details}) does not hold on {on}",
        "审批记录({at},{decision}{details})在 {on} 不在有效期内",
    ),
    "admit.record.disagrees": (
        "approval record at {at} says {decision}{details}: the criteria decide, and it disagrees",
        "审批记录({at})为{decision}{details},与准入标准的决定不一致,以准入标准为准",
    ),
    "admit.record.by": (", by {by}", ",审批方{by}"),
    "admit.record.on": (", on {on}", ",审批日期 {on}"),
    "admit.record.term": (", in term {start} to {end}", ",有效期 {start} 至 {end}"),
    "admit.record.source": (", source: {source}", ",依据:{source}"),
    "admit.record.open": ("(open)", "(未定)"),
    "admit.reason.by_hand": (
        "its procedure has no criteria: a reviewer decides",
        "其准入程序未设准入标准,由审核部门逐项审核决定",
    ),
}
