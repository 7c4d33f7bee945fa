"""What every message shares: quotation marks, list separators, and the words of the domain's
vocabulary (glossary terms: `term.GROUP.VALUE`). Unprefixed keys."""

MESSAGES = {
    "punct.quote": ("'{value}'", "“{value}”"),
    "sep.list": (", ", "、"),
    "sep.semicolon": ("; ", ";"),
    "sep.space": (" ", " "),
    "sep.none": ("", ""),
    "sep.or": (" or ", "或"),
    "sep.comma": (", ", ", "),  # a list the Chinese text also separates with commas
    # an item's role at its tier (English: the role as the policy writes it)
    "term.role.handle": ("handle", "办理"),
    "term.role.report": ("report", "上报"),
    "term.role.assist": ("assist", "协助"),
    "term.role.resolve_or_report": ("resolve_or_report", "限时化解或上报"),
    # what a ranking puts at stake (English: the effect with spaces)
    "term.effect.lose_performance_pay": ("lose performance pay", "扣发绩效"),
    "term.effect.double_performance_pay": ("double performance pay", "双倍绩效"),
    "term.effect.dismissal": ("dismissal", "辞退"),
    "term.effect.funding": ("funding", "经费划拨"),
    "term.effect.other": ("other", "其他"),
    # what happens to an event that a scoring rule counts
    "term.event.returned": ("returned", "被退回"),
    "term.event.unqualified": ("unqualified", "不合格"),
    # powers, as messages name them
    "powers.one": ("the power {names}", "{names}权"),
    "powers.many": ("the powers {names}", "{names}权"),
    # a finding's severity
    "term.severity.error": ("error", "错误"),
    "term.severity.warning": ("warning", "警告"),
    "term.severity.info": ("info", "提示"),
    # an admission decision
    "term.decision.admitted": ("admitted", "准入"),
    "term.decision.conditional": ("conditional", "附条件准入"),
    "term.decision.pending": ("pending review", "待审核"),
    "term.decision.rejected": ("rejected", "不予准入"),
    "term.decision.unreviewed": ("unreviewed", "未经审查"),
    # what several messages end with or fall back to
    "common.none": ("none", "无"),
    "common.did_you_mean": ("; did you mean '{guess}'?", ";是否想写“{guess}”?"),
    "common.cannot_read": ("{path}: cannot read: {reason}", "{path}:无法读取:{reason}"),
    # what a path names, as messages about input files say it
    "term.file.regular": ("a regular file", "普通文件"),
    "term.file.symlink": ("a symbolic link", "符号链接"),
    "term.file.directory": ("a directory", "目录"),
    "term.file.fifo": ("a named pipe (FIFO)", "命名管道(FIFO)"),
    "term.file.char_device": ("a character device", "字符设备"),
    "term.file.block_device": ("a block device", "块设备"),
    "term.file.socket": ("a socket", "套接字"),
    "term.file.other": ("a special file", "特殊文件"),
    # the kinds of declaration, as messages name them
    "term.kind.tier": ("tier", "层级"),
    "term.kind.unit": ("unit", "单位"),
    "term.kind.item": ("item", "事项"),
    "term.kind.list": ("list", "清单"),
    "term.kind.category": ("category", "类别"),
    "term.kind.power": ("power", "权力"),
    "term.kind.grant": ("grant", "授权"),
    "term.kind.assessment": ("assessment", "考核"),
    "term.kind.duty": ("duty", "职责"),
    "term.kind.platform_rule": ("platform rule", "平台规则"),
    "term.kind.admission": ("admission", "准入程序"),
    "term.kind.figure": ("figure", "数据"),
    "term.kind.level": ("level", "等级"),
    "term.kind.regime": ("regime", "考核"),
    "term.kind.file": ("file", "文件"),
    "term.kind.rule": ("rule", "规则"),
    "term.kind.problem": ("problem", "问题类型"),
    "term.kind.unit_or_tier": ("unit or tier", "层级或单位"),
    "term.kind.variant": ("variant", "类型"),
    "term.kind.instance": ("instance", "具体单位"),
    "term.kind.variant_or_instance": ("variant or instance", "类型或具体单位"),
    "term.kind.provision": ("provision", "规定"),
    "term.kind.channel": ("channel", "协调渠道"),
    "term.assessment_kind.inspection": ("inspection", "开展检查"),
    "term.assessment_kind.rating": ("rating", "开展评比"),
    "term.assessment_kind.certification": ("demand for certificates", "索要证明"),
}
