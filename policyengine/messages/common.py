"""What every message shares: quotation marks, list separators, and the words of the domain's
vocabulary (glossary terms: `term.GROUP.VALUE`). Unprefixed keys."""

MESSAGES = {
    "punct.quote": ("'{value}'", "“{value}”"),
    "sep.list": (", ", "、"),
    "sep.semicolon": ("; ", ";"),
    "sep.space": (" ", " "),
    "sep.none": ("", ""),
    "sep.or": (" or ", "或"),
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
    "term.kind.unit_or_tier": ("unit or tier", "层级或单位"),
}
