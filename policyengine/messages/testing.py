"""Policy test files (`testing.*`): what is wrong with a test file, what a test expected and got,
and the report of a run."""

MESSAGES = {
    # what a value is, when it is not what was expected
    "kind.null": ("null", "空值"),
    "kind.bool": ("true/false", "布尔值"),
    "kind.number": ("a number", "数字"),
    "kind.string": ("a string", "字符串"),
    "kind.mapping": ("a mapping", "映射"),
    "kind.list": ("a list", "列表"),
    "kind.empty_string": ("an empty string", "空字符串"),
    # the parts of a test file
    "what.test": ("a test", "测试"),
    "what.finding": ("a finding expectation", "诊断预期"),
    "what.admission_of": ("the admission of '{item}'", "“{item}”的准入预期"),
    "what.key": ("`{key}`", "`{key}`"),
    # what is wrong with one
    "not_mapping": ("{what} must be a mapping, not {got}", "{what}必须是映射,而不是{got}"),
    "unknown_key": ("unknown key '{key}' in {what} (allowed: {allowed})", "{what}中有未知的键“{key}”(可用:{allowed})"),
    "needs_key": ("{what} needs `{key}`", "{what}缺少 `{key}`"),
    "non_empty": ("`{what}` must be a non-empty string, not {got}", "`{what}` 必须是非空字符串,而不是{got}"),
    "integer": (
        "`{what}` must be an integer ≥ {low}, not {value!r}",
        "`{what}` 必须是不小于 {low} 的整数,而不是 {value!r}",
    ),
    "number": ("`{what}` must be a number, not {got}", "`{what}` 必须是数字,而不是{got}"),
    "code_form": ("expected a check code such as PE101, not {value!r}", "应为检查代码(如 PE101),而不是 {value!r}"),
    "missing_path": (
        "{what} '{value}' does not exist (paths are relative to the test file)",
        "{what}“{value}”不存在(路径相对于测试文件)",
    ),
    "subject_form": (
        "`subject` is written KIND:ID (item:census, tier:grid), not {value!r}",
        "`subject` 的写法是 KIND:ID(如 item:census、tier:grid),而不是 {value!r}",
    ),
    "severity_form": (
        "`severity` must be error, warning or info, not {value!r}",
        "`severity` 必须是 error、warning 或 info,而不是 {value!r}",
    ),
    "list_form": ("`{key}` must be a list, not {got}", "`{key}` 必须是列表,而不是{got}"),
    "decision_form": (
        "a decision is one of {decisions}, not {value!r}",
        "准入决定须为 {decisions} 之一,而不是 {value!r}",
    ),
    "devolve_form": ("`devolve` must be a list of power names", "`devolve` 必须是权力名称的列表"),
    "expect_empty": ("`expect` is empty; expect at least one of {keys}", "`expect` 为空;至少须有 {keys} 之一"),
    "exit_form": ("`exit` must be 0 or 1, not {value!r}", "`exit` 必须是 0 或 1,而不是 {value!r}"),
    "needs_policy": (
        "a test needs `policy` (a path or a list of paths) or `reform`",
        "测试须有 `policy`(路径或路径列表)或 `reform`",
    ),
    "policy_form": (
        "`policy` must be a path or a list of paths, not {got}",
        "`policy` 必须是路径或路径列表,而不是{got}",
    ),
    "reform_one_policy": (
        "with `reform`, `policy` is one path: it replaces the reform's baseline",
        "有 `reform` 时,`policy` 只能是一个路径:它取代改革方案的基线",
    ),
    "on_form": (
        "`on` must be a date written YYYY-MM-DD, not {value!r}",
        "`on` 必须是 YYYY-MM-DD 格式的日期,而不是 {value!r}",
    ),
    "config": ("{error}", "{error}"),
    "empty_file": ("empty test file", "空的测试文件"),
    "one_document": (
        "a test file holds one YAML document (a test, or a list of tests)",
        "测试文件只能包含一个 YAML 文档(一个测试或测试列表)",
    ),
    "empty_list": ("the list of tests is empty", "测试列表为空"),
    "duplicate_name": (
        "duplicate test name '{name}' (first at line {line})",
        "测试名称“{name}”重复(首次出现在第 {line} 行)",
    ),
    "no_test_files": (
        "{path}: no policy test files (*.pe-test.yaml) in this directory",
        "{path}:该目录中没有政策测试文件(*.pe-test.yaml)",
    ),
    # what a test expected, and what it got
    "unmet": ("expected {expected}; got {got}", "预期 {expected};实际 {got}"),
    "match.on": ("on {kind}:{id}", "对象 {kind}:{id}"),
    "match.in": ("in {file}", "文件 {file}"),
    "match.line": ("at line {line}", "第 {line} 行"),
    "match.severity": ("severity {severity}", "严重级别 {severity}"),
    "match.message": ('message containing "{message}"', "消息包含“{message}”"),
    "more": (", and {more} more", " 等另外 {more} 条"),
    "expected_finding": ("a finding {description}", "诊断 {description}"),
    "got_none_matching": ("{n} {code} finding(s), none matching: {listed}", "{n} 条 {code} 诊断,均不符合:{listed}"),
    "got_no_code": ("no {code} finding", "没有 {code} 诊断"),
    "expected_absent": ("no finding {description}", "没有诊断 {description}"),
    "got_hits": ("{n}: {listed}", "{n} 条:{listed}"),
    "expected_count": ("{count} {code} finding(s)", "{count} 条 {code} 诊断"),
    "got_count": ("{n}", "{n} 条"),
    "admission_of": ("admission of {item}: {value}", "“{item}”的准入:{value}"),
    "no_decisions": ("no decisions: the policy has errors{why}", "无法决定:政策有错误{why}"),
    "blocked_by": (" ({code} at {where})", "({code},位于 {where})"),
    "no_item": ("no item '{item}' in the policy", "政策中没有事项“{item}”"),
    "field": ("{key} {value}", "{key} {value}"),
    "exit": ("exit {status}", "退出码 {status}"),
    # the report of a run
    "status.pass": ("PASS  ", "通过  "),
    "status.fail": ("FAIL  ", "失败  "),
    "status.error": ("ERROR ", "出错  "),
    "summary": (
        "{n} test(s): {passed} passed, {failed} failed, {errors} error(s)",
        "共 {n} 项测试:通过 {passed} 项,失败 {failed} 项,出错 {errors} 项",
    ),
    # a subject the policy does not declare: a misspelt id would otherwise make `absent` pass
    "no_subject": ("the policy declares no {kind} '{id}'{hint}", "政策中没有{kind}“{id}”{hint}"),
}
