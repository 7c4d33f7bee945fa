"""The rule language (`rules.*`): what does not parse (PE006) and what is ill-typed (PE007)."""

MESSAGES = {
    # syntax
    "ends_early": ("the rule ends too early", "规则意外结束"),
    "character": ("unexpected character {char!r}", "意外的字符 {char!r}"),
    "single_equals": ("unexpected '='; compare with '=='", "意外的“=”;比较请用“==”"),
    "unexpected": ("unexpected {found}; expected {expected}", "意外的 {found};应为 {expected}"),
    "unexpected_only": ("unexpected {found}", "意外的 {found}"),
    "the_end": ("the end", "规则结尾"),
    "escape": (
        "unknown escape '\\{char}' in a string; a string knows \\n, \\t, \\\" and \\\\",
        '字符串中有未知的转义“\\{char}”;字符串只支持 \\n、\\t、\\" 和 \\\\',
    ),
    # bounds (policyengine/rules/limits.py)
    "too_long": (
        "the rule is {size:,} characters long; a rule holds at most {limit:,}",
        "规则长 {size} 个字符,超过单条规则 {limit} 个字符的上限",
    ),
    "file_too_long": (
        "the file is {size:,} characters long; a .rules file holds at most {limit:,}",
        "文件长 {size} 个字符,超过 .rules 文件 {limit} 个字符的上限",
    ),
    "string_too_long": (
        "the string is {size:,} characters long; a string holds at most {limit:,}",
        "字符串长 {size} 个字符,超过 {limit} 个字符的上限",
    ),
    "number_too_long": (
        "a number has at most {digits} digits before its decimal point and {digits} after it",
        "数值的整数部分和小数部分均不得超过 {digits} 位",
    ),
    "too_deep": ("nested more than {limit} levels deep", "嵌套超过 {limit} 层"),
    "too_many_operators": (
        "the expression has {count:,} operators; an expression holds at most {limit:,}",
        "该表达式含 {count} 个运算符,超过单个表达式 {limit} 个的上限",
    ),
    # types
    "unreachable_after": ("unreachable clause: an earlier clause always applies", "不可达的子句:前面的子句总会适用"),
    "condition": ("a condition must be true or false, not {type}", "条件必须是真或假,而不是 {type}"),
    "unreachable_never": ("unreachable clause: its condition is never true", "不可达的子句:其条件永远不成立"),
    "severity": (
        "severity must be error, warning or info, not '{severity}'",
        "级别必须是 error、warning 或 info,而不是“{severity}”",
    ),
    "devolve": ("devolve takes a set of powers, not {type}", "devolve 须为权力集合,而不是 {type}"),
    "term": ("term takes a duration such as 90d, not {type}", "term 须为期限(如 90d),而不是 {type}"),
    "term_positive": (
        "a term must be a positive duration, not {days:g} days",
        "期限必须为正数,而不是 {days:g} 天",
    ),
    "transfer_negative": (
        "{key} must not be negative, not {value:g} (a transfer gives, it does not take)",
        "{key} 不得为负数,而不是 {value:g}(transfer 随事项拨付,不能反向收取)",
    ),
    "transfer_key": (
        "transfer takes money= and people=, not {key}=",
        "transfer 只接受 money= 和 people=,而不是 {key}=",
    ),
    "transfer_number": ("{key} must be a number, not {type}", "{key} 必须是数,而不是 {type}"),
    "date": ("{value} is not a calendar date", "{value} 不是有效的日期"),
    "set_element": (
        "a set holds names, numbers or declarations, not {type}",
        "集合只能包含名称、数或声明,而不是 {type}",
    ),
    "set_mix": ("a set cannot mix {first} and {second}", "集合不能混合 {first} 与 {second}"),
    "unknown_name": ("unknown name '{name}' (in scope: {known})", "未知的名称“{name}”(可用:{known})"),
    "no_attributes": ("{type} has no attributes (found '.{name}')", "{type} 没有属性(出现“.{name}”)"),
    "group": ("{type}.{name} is a group: use one of {fields}", "{type}.{name} 是一组属性:请使用 {fields} 之一"),
    "no_attribute": ("{type} has no attribute '{name}' ({hint})", "{type} 没有属性“{name}”({hint})"),
    "did_you_mean": ("did you mean '{guess}'?", "是否想写“{guess}”?"),
    "known": ("known: {names}", "可用:{names}"),
    "unknown_function": ("unknown function '{name}' (known: {known})", "未知的函数“{name}”(可用:{known})"),
    "arity": ("{name}() takes {want} argument(s), not {got}", "{name}() 需要 {want} 个参数,而不是 {got} 个"),
    "argument": ("{name}() takes {want}, not {type}", "{name}() 的参数须为 {want},而不是 {type}"),
    "quantifier_set": ("{kind}() ranges over a set, not {type}", "{kind}() 须遍历集合,而不是 {type}"),
    "quantifier_body": ("{kind}() needs a true-or-false body, not {type}", "{kind}() 的条件须为真或假,而不是 {type}"),
    "not": ("'not' needs true or false, not {type}", "“not”须作用于真或假,而不是 {type}"),
    "minus": ("'-' needs a number, not {type}", "“-”须作用于数,而不是 {type}"),
    "logic": (
        "'{op}' joins true-or-false values, not {left} and {right}",
        "“{op}”须连接真或假,而不是 {left} 与 {right}",
    ),
    "compare": ("cannot compare {left} with {right}", "无法比较 {left} 与 {right}"),
    "order": ("cannot order {left} against {right}", "无法比较 {left} 与 {right} 的大小"),
    "membership": ("cannot test {left} for membership in {right}", "无法判断 {left} 是否属于 {right}"),
    "arithmetic": ("cannot apply '{op}' to {left} and {right}", "无法对 {left} 与 {right} 使用“{op}”"),
    "subject": (
        "unknown subject '{subject}': a rule is for item, unit, tier or list",
        "未知的对象“{subject}”:规则的对象须为 item、unit、tier 或 list",
    ),
    "not_for_item": (
        "rule '{name}' is for {subject}; admission criteria are for item",
        "规则“{name}”的对象是 {subject};准入标准的对象须为 item",
    ),
    "no_rules_file": (" (no .rules file declares it)", "(没有 .rules 文件声明它)"),
    "rule_guess": (" (did you mean '{guess}'?)", "(是否想写“{guess}”?)"),
}
