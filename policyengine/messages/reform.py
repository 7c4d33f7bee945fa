"""Reforms: reading a reform file, applying its operations, inverting it (`reform.*`)."""

MESSAGES = {
    "not_reform_file": ("not a valid reform file ({code})", "不是有效的改革方案文件({code})"),
    "no_reform_mapping": (
        "a reform file starts with a `reform:` mapping (id, baseline) and `operations:`",
        "改革方案文件须包含 `reform:` 映射(id、baseline)和 `operations:`",
    ),
    "meta_unknown_key": (
        "unknown key '{key}' in reform (allowed: {allowed})",
        "reform 中有未知的键“{key}”(可用:{allowed})",
    ),
    "meta_required": ("reform.{key} is required", "缺少 reform.{key}"),
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
        "or workflow, policy or scale",
        "target 须为 SECTION/ID(例如 items/broken_road)、SECTION[N](第 N 个条目,从 0 起)或 workflow、policy、scale",
    ),
    "unknown_section": (
        "unknown section '{section}' in target (known: {known})",
        "target 中的部分“{section}”未知(可用:{known})",
    ),
    "no_position": (
        "no {section} entry at position {position} (the baseline has {count})",
        "基线中没有位置为 {position} 的{section}条目(共 {count} 条)",
    ),
    "no_entry": ("no {section} entry with id '{id}' in the baseline", "基线中没有 id 为“{id}”的{section}条目"),
    "conflict": (
        "conflicting edits: {target} {place} is already changed by the operation at line {line}",
        "编辑冲突:{target} 的 {place} 已被第 {line} 行的操作修改",
    ),
    "unknown_op": ("unknown operation '{kind}' (known: {known})", "未知的操作“{kind}”(可用:{known})"),
    "op_unknown_key": (
        "unknown key '{key}' in a '{kind}' operation (allowed: {allowed})",
        "“{kind}”操作中有未知的键“{key}”(可用:{allowed})",
    ),
    "no_field_set": ("no field to set under {part} entry '{key}'", "{part} 条目“{key}”下没有可设置的字段"),
    "no_field_unset": ("no field to unset under {part} entry '{key}'", "{part} 条目“{key}”下没有可删除的字段"),
    "nothing_to_unset": ("nothing to unset: {target} has no {path}", "无可删除:{target} 没有 {path}"),
    "not_mapping_set": ("cannot set {path}: {part} is not a mapping", "无法设置 {path}:{part} 不是映射"),
    "not_mapping_unset": ("cannot unset {path}: {part} is not a mapping", "无法删除 {path}:{part} 不是映射"),
    "position_range": ("`{key}` must be a position from 0 to {size}", "`{key}` 须为 0 到 {size} 之间的位置"),
    # what each operation needs
    "set_needs": ("set needs `path` (a dotted field path) and `value`", "set 需要 `path`(点分字段路径)和 `value`"),
    "unset_needs": ("unset needs `path` (a dotted field path)", "unset 需要 `path`(点分字段路径)"),
    "lists_form": (
        "`lists` must be a list of list ids or {{list: ID, at: N}}",
        "`lists` 须为清单 id 或 {{list: ID, at: N}} 的列表",
    ),
    "add_needs": (
        "add needs `section` (items, units, ...) and `value` (the declaration)",
        "add 需要 `section`(items、units 等)和 `value`(声明)",
    ),
    "lists_duties_item_only": ("`lists` and `duties` go with an added item only", "`lists` 和 `duties` 仅用于添加事项"),
    "duties_form": ("`duties` must be a list of duty ids", "`duties` 须为职责 id 的列表"),
    "item_needs_id": ("an item put into lists or duties needs an `id`", "放入清单或职责的事项须有 `id`"),
    "move_needs": ("move needs `tier` (and optionally `list` or `lists`)", "move 需要 `tier`(可选 `list` 或 `lists`)"),
    "move_list_or_lists": ("move takes `list` or `lists`, not both", "move 只能给出 `list` 或 `lists` 之一"),
    "holder_needs": (
        "{op} needs `{key}: {{unit: ID}}` or `{key}: {{tier: ID}}`",
        "{op} 需要 `{key}: {{unit: ID}}` 或 `{key}: {{tier: ID}}`",
    ),
    "grant_needs_powers": ("grant needs `powers` (a list)", "grant 需要 `powers`(列表)"),
    "into_form": ("`into` names a grant: grants/ID or grants[N]", "`into` 须指向授权:grants/ID 或 grants[N]"),
    "into_holder": ("{into} is not a grant to {kind} '{ident}'", "{into} 不是授予{kind}“{ident}”的授权"),
    "into_powers": ("cannot grant into {into}: its powers are not a list", "无法授权到 {into}:其 powers 不是列表"),
    "at_needs_into": (
        "`at` goes with `into` (a position in that grant's powers)",
        "`at` 须与 `into` 一起使用(该授权 powers 中的位置)",
    ),
    "revoke_needs": ("revoke needs `powers` (a list of power ids)", "revoke 需要 `powers`(权力 id 列表)"),
    "revoke_nothing": (
        "{kind} '{ident}' holds none of {powers}: nothing to revoke",
        "{kind}“{ident}”不具备 {powers}:无可撤销",
    ),
    "rules_needs": ("{op} needs `criteria` (a list of rules)", "{op} 需要 `criteria`(规则列表)"),
    # the baseline
    "baseline_loop": ("the chain of baselines comes back to this reform", "基线链条回到了本改革方案"),
    "baseline_empty": ("the baseline has no documents", "基线没有文档"),
    # what an operation did, as `diff` lists it; English words in both languages for now
    "did_set": ("{path} = {value!r}", "{path} = {value!r}"),
    "did_move": ("to {tier}", "to {tier}"),
    "did_move_into": ("to {tier} ({into})", "to {tier} ({into})"),
    "did_rules": ("{count} rule(s)", "{count} rule(s)"),
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
        "改革方案的逆:作用于该方案形成的策略,得到该方案的基线。",
    ),
}
