"""Reforms: reading a reform file, applying its operations, inverting it (`reform.*`)."""

MESSAGES = {
    "baseline_at": ("baseline: {problem}", "基线:{problem}"),
    "not_reform_file": (
        "not a valid reform file: {problem} ({code})",
        "不是有效的改革方案文件:{problem}({code})",
    ),
    "no_reform_mapping": (
        "a reform file starts with a `reform:` mapping (id, baseline) and `operations:`",
        "改革方案文件须包含 `reform:` 映射(id、baseline)和 `operations:`",
    ),
    "meta_unknown_key": (
        "unknown key '{key}' in reform (allowed: {allowed})",
        "reform 中有未知的键“{key}”(可用:{allowed})",
    ),
    "meta_required": ("reform.{key} is required", "缺少 reform.{key}"),
    "meta_form": ("reform.{key} must be {expected}, not {got}", "reform.{key} 须为{expected},不能是{got}"),
    "top_unknown_key": ("unknown key '{key}' in a reform file", "改革方案文件中有未知的键“{key}”"),
    "operations_not_list": ("`operations` must be a list of mappings", "`operations` 必须是映射列表"),
    "one_baseline": (
        "--reform takes one baseline PATH (a directory or a file), not {count}",
        "--reform 只接受一个基线 PATH(目录或文件),而不是 {count} 个",
    ),
    # where an operation applies
    "singleton_op": ("{target} can only be changed with set or unset", "{target} 只能用 set 或 unset 修改"),
    "no_singleton": ("the baseline declares no {target}", "基线没有声明 {target}"),
    "bad_target": (
        "target must be SECTION/ID, e.g. items/broken_road, SECTION[N] (the N-th entry, from 0), "
        "or workflow, policy or scale{hint}",
        "target 须为 SECTION/ID(例如 items/broken_road)、SECTION[N](第 N 个条目,从 0 起)或 workflow、policy、scale{hint}",
    ),
    "unknown_section": (
        "unknown section '{section}' (known: {known}){hint}",
        "部分“{section}”未知(可用:{known}){hint}",
    ),
    "no_position": (
        "no {section} entry at position {position} (the baseline has {count})",
        "基线中没有位置为 {position} 的{section}条目(共 {count} 条)",
    ),
    "no_entry": (
        "no {section} entry with id '{id}' in the baseline{hint}",
        "基线中没有 id 为“{id}”的{section}条目{hint}",
    ),
    "ambiguous": (
        "{section} has more than one entry with id '{id}' (at {first} and {second}): fix the duplicate (PE003) "
        "before a reform names it",
        "{section}中有多个 id 为“{id}”的条目(位于 {first} 和 {second}):请先修正重复定义(PE003),再在改革方案中引用",
    ),
    "conflict": (
        "conflicting edits: {target} {place} is already changed by the operation at line {line}",
        "编辑冲突:{target} 的 {place} 已被第 {line} 行的操作修改",
    ),
    "unknown_op": ("unknown operation {kind} (known: {known}){hint}", "未知的操作{kind}(可用:{known}){hint}"),
    "op_unknown_key": (
        "unknown key '{key}' in a '{kind}' operation (allowed: {allowed}){hint}",
        "“{kind}”操作中有未知的键“{key}”(可用:{allowed}){hint}",
    ),
    # the form of an operation's values
    "operand": (
        "`{key}` of the '{op}' operation must be {expected}, not {got}",
        "“{op}”操作的 `{key}` 须为{expected},不能是{got}",
    ),
    "operand_entry": (
        "each entry of `{key}` in the '{op}' operation must be {expected}, not {got}",
        "“{op}”操作中 `{key}` 的每一项须为{expected},不能是{got}",
    ),
    "operand_missing": ("the '{op}' operation needs `{key}`: {expected}", "“{op}”操作须给出 `{key}`:{expected}"),
    "transfer_needs": (
        "the 'transfer' operation needs `money`, `people` or `powers`",
        "“transfer”操作须给出 `money`、`people` 或 `powers`",
    ),
    "expect.any": ("a value", "取值"),
    "expect.text": ("text", "文本"),
    "expect.baseline": ("a path, or bundled:NAME", "路径或 bundled:NAME"),
    "expect.name": ("a name in each language: {{en: ..., zh: ...}}", "各语言的名称:{{en: ..., zh: ...}}"),
    "expect.source": ("text or a mapping (document, section, quote)", "文本或映射(document、section、quote)"),
    "expect.id": ("an id (text)", "id(文本)"),
    "expect.path": ("a dotted field path such as cost.hours_per_month", "点分字段路径,例如 cost.hours_per_month"),
    "expect.target": (
        "a target: SECTION/ID, SECTION[N], workflow, policy or scale",
        "目标:SECTION/ID、SECTION[N]、workflow、policy 或 scale",
    ),
    "expect.section": ("a section such as items or units", "部分名称,例如 items、units"),
    "expect.number": ("a number", "数字"),
    "expect.position": ("a position: a whole number from 0", "位置:从 0 起的整数"),
    "expect.mapping": ("a mapping (the declaration)", "映射(即声明内容)"),
    "expect.holder": ("{{unit: ID}} or {{tier: ID}}", "{{unit: ID}} 或 {{tier: ID}}"),
    "expect.ids": ("a list of ids", "id 列表"),
    "expect.placement": ("a list id or {{list: ID, at: N}}", "清单 id 或 {{list: ID, at: N}}"),
    "expect.placements": ("a list of list ids or {{list: ID, at: N}}", "清单 id 或 {{list: ID, at: N}} 的列表"),
    "expect.power": ("a power id or {{power: ID, ...}}", "权力 id 或 {{power: ID, ...}}"),
    "expect.powers": ("a list of powers", "权力列表"),
    "expect.rule": ("a rule (text)", "规则(文本)"),
    "expect.rules": ("a list of rules", "规则列表"),
    "got.list": ("a list", "列表"),
    "got.mapping": ("a mapping", "映射"),
    "field_form": (
        "cannot change {target}: its {field} is not {expected}",
        "无法修改 {target}:其 {field} 不是{expected}",
    ),
    "no_field_set": ("no field to set under {part} entry '{key}'", "{part} 条目“{key}”下没有可设置的字段"),
    "no_field_unset": ("no field to unset under {part} entry '{key}'", "{part} 条目“{key}”下没有可删除的字段"),
    "nothing_to_unset": ("nothing to unset: {target} has no {path}", "无可删除:{target} 没有 {path}"),
    "not_mapping_set": ("cannot set {path}: {part} is not a mapping", "无法设置 {path}:{part} 不是映射"),
    "not_mapping_unset": ("cannot unset {path}: {part} is not a mapping", "无法删除 {path}:{part} 不是映射"),
    "position_range": ("`{key}` must be a position from 0 to {size}", "`{key}` 须为 0 到 {size} 之间的位置"),
    # what each operation needs
    "lists_duties_item_only": ("`lists` and `duties` go with an added item only", "`lists` 和 `duties` 仅用于添加事项"),
    "item_needs_id": ("an item put into lists or duties needs an `id`", "放入清单或职责的事项须有 `id`"),
    "move_list_or_lists": ("move takes `list` or `lists`, not both", "move 只能给出 `list` 或 `lists` 之一"),
    "into_form": ("`into` names a grant: grants/ID or grants[N]", "`into` 须指向授权:grants/ID 或 grants[N]"),
    "into_holder": ("{into} is not a grant to {kind} '{ident}'", "{into} 不是授予{kind}“{ident}”的授权"),
    "at_needs_into": (
        "`at` goes with `into` (a position in that grant's powers)",
        "`at` 须与 `into` 一起使用(该授权 powers 中的位置)",
    ),
    "revoke_nothing": (
        "{kind} '{ident}' holds none of {powers}: nothing to revoke",
        "{kind}“{ident}”不具备 {powers}:无可撤销",
    ),
    # the baseline
    "baseline_loop": ("the chain of baselines comes back to this reform", "基线链条回到了本改革方案"),
    "baseline_empty": ("the baseline has no document to take the reform", "基线中没有可供改革方案修改的文档"),
    "baseline_broken": ("the baseline has errors of its own: {problem} ({code})", "基线本身有错误:{problem}({code})"),
    # what an operation did, as `diff` and `simulate --reform-parts` list it: the operation, what it
    # touched (`change`: a declaration by its kind and name), and the detail
    "did_set": ("{path} = {value!r}", "{path} = {value!r}"),
    "did_move": ("to {tier}", "调整至{tier}"),
    "did_move_into": ("to {tier} ({into})", "调整至{tier},列入{into}"),
    "did_rules": ("{count} rule(s)", "{count} 条规则"),
    "did_powers": ("{powers}", "{powers}"),
    "did_transfer.money": ("money={value}", "经费每年 {value:,} 元"),
    "did_transfer.people": ("people={value}", "人员 {value:,} 名"),
    "did_transfer.powers": ("powers={value}", "权力:{value}"),
    "change": ("{kind} '{name}'", "{kind}“{name}”"),
    "op.set": ("set", "修改"),
    "op.unset": ("unset", "删除字段"),
    "op.add": ("add", "新增"),
    "op.remove": ("remove", "删除"),
    "op.move": ("move", "调整"),
    "op.grant": ("grant", "授权"),
    "op.revoke": ("revoke", "收回权力"),
    "op.transfer": ("transfer", "划转"),
    "op.add_rules": ("add_rules", "增加规则"),
    "op.replace_rules": ("replace_rules", "替换规则"),
    # the inverse
    "code_only": ("{code}", "{code}"),
    "no_inverse_op": ("this operation has no exact inverse: {why}", "该操作没有精确的逆操作:{why}"),
    "untraceable": ("the operation's effect cannot be traced", "无法追踪该操作的效果"),
    "entry_gone": ("a {section} entry it touched is gone", "它修改的{section}条目已不存在"),
    "list_no_id": ("a list it touched has no id of its own", "它修改的清单没有唯一的 id"),
    "duty_no_id": ("a duty naming the item has no id of its own", "指向该事项的职责没有唯一的 id"),
    "entry_unnamed": ("an entry of {key} it changed can no longer be named", "它修改的 {key} 条目无法再被指明"),
    "no_inverse": ("reform '{id}' has no exact inverse: {why}", "改革方案“{id}”没有精确的逆:{why}"),
    "not_restored": (
        "reform '{id}' has no exact inverse: undoing it does not give back its baseline",
        "改革方案“{id}”没有精确的逆:撤销后无法恢复基线",
    ),
    "undo_name": ("Undo: {name}", "撤销:{name}"),
    "inverse_header": (
        "The inverse of a reform: applied to the policy that reform makes, it gives back that reform's baseline.",
        "改革方案的逆:作用于该方案形成的政策,得到该方案的基线。",
    ),
}
