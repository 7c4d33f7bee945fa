"""The configuration (`policyengine.toml`, `[tool.policyengine]`) and the options that select codes
(`config.*`)."""

MESSAGES = {
    "at_option": ("{where}: {text}", "{where}:{text}"),
    "unknown_code_in": ("{where}: unknown check code '{code}'", "{where}:未知的检查代码“{code}”"),
    "empty_select": (
        "{where}: selects no check; name codes or prefixes (PE1, PE301), or leave out {where} to run every check",
        "{where}:未选择任何检查;请写明代码或前缀(如 PE1、PE301),如需运行全部检查,请删去 {where}",
    ),
    "unknown_code": ("unknown check code '{code}'", "未知的检查代码“{code}”"),
    "no_threshold": ("{code} has no threshold '{name}' (known: {known})", "{code} 没有阈值“{name}”(可用:{known})"),
    "threshold_strings": ("{code}.{name} must be a list of strings", "{code}.{name} 必须是字符串列表"),
    "threshold_word": (
        "{code}.{name}: unknown word '{word}' (known: {known}){hint}",
        "{code}.{name}:未知的取值“{word}”(可用:{known}){hint}",
    ),
    "threshold_number": (
        "{code}.{name} must be a number from 0 to {limit:,}, not {value}",
        "{code}.{name} 必须是 0 到 {limit:,} 之间的数,而不是 {value}",
    ),
    "codes_list": (
        '{key} must be a list of codes, e.g. ["PE1", "PE301"]',
        '{key} 必须是代码列表,例如 ["PE1", "PE301"]',
    ),
    "not_table": ("{key} must be a table", "{key} 必须是表"),
    "unknown_key": ("unknown key '{key}' (known: {known}){hint}", "未知的键“{key}”(可用:{known}){hint}"),
    "structural_severity": (
        "the severity of {code} cannot change: structural errors are always errors",
        "{code} 的级别不可更改:结构性错误始终是错误",
    ),
    "bad_severity": (
        "severity of {code} must be error, warning or info, not {level}",
        "{code} 的级别必须是 error、warning 或 info,而不是 {level}",
    ),
    "thresholds_unknown_code": ("thresholds: unknown check code '{code}'", "thresholds:未知的检查代码“{code}”"),
    "thresholds_table": (
        "thresholds.{code} must be a table of thresholds, e.g. [thresholds.{code}] with name = value",
        "thresholds.{code} 必须是阈值表,例如 [thresholds.{code}] 下写 名称 = 值",
    ),
    "bad_fail_level": (
        "fail-level must be error, warning or info, not {level}",
        "fail-level 必须是 error、warning 或 info,而不是 {level}",
    ),
    "toml_not_utf8": (
        "not UTF-8 (byte 0x{byte:02x}); a configuration file must be UTF-8",
        "不是 UTF-8 编码(字节 0x{byte:02x});配置文件必须使用 UTF-8",
    ),
    "not_toml": ("not valid TOML: {problem}", "不是有效的 TOML:{problem}"),
    "too_deep": (
        "arrays and inline tables nested more than {depth} levels deep",
        "数组和内联表嵌套超过 {depth} 层",
    ),
    "number_too_long": (
        "a number of more than {digits:,} digits cannot be read",
        "数值超过 {digits:,} 位,无法读取",
    ),
    # baselines (`--baseline FILE`)
    "not_utf8": ("{path}: not UTF-8 text", "{path}:不是 UTF-8 文本"),
    "no_baseline": (
        "{path}: no such baseline file (write one with --write-baseline)",
        "{path}:基线文件不存在(可用 --write-baseline 生成)",
    ),
    "baseline_json": ("not a baseline: invalid JSON: {problem}", "不是基线文件:JSON 无效:{problem}"),
    "nested_too_deep": ("nested more than {depth} levels deep", "嵌套超过 {depth} 层"),
    "not_baseline": (
        '{path}: not a policyengine baseline (expected {{"tool": "policyengine", "findings": [...]}})',
        '{path}:不是 policyengine 基线文件(应为 {{"tool": "policyengine", "findings": [...]}})',
    ),
    "baseline_version": (
        "{path}: baseline version {version!r} is not supported (expected {expected})",
        "{path}:不支持基线版本 {version!r}(应为 {expected})",
    ),
    "no_fingerprint": ("{path}: findings[{n}] has no fingerprint", "{path}:findings[{n}] 缺少 fingerprint"),
    "tool_table": ("tool must be a table", "tool 必须是表"),
    "tool_policyengine_table": ("tool.policyengine must be a table", "tool.policyengine 必须是表"),
}
