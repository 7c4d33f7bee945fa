"""`policyengine verify`: what it proves of admission rules, and the counterexamples (`verify.*`)."""

MESSAGES = {
    "needs_extra": (
        "verify needs the z3 solver: pip install 'z3-solver>=4.12' (the extra '{extra}')",
        "形式验证需要 z3 求解器:pip install 'z3-solver>=4.12'(可选组件“{extra}”)",
    ),
    "bad_timeout": (
        "--timeout must be a positive number of seconds, at most {most}, not {value}",
        "--timeout 须为不超过 {most} 的正数(秒),不能是 {value}",
    ),
    "cx_one_path": (
        "--counterexamples takes one policy PATH (a directory or a file), not {count}: each counterexample is written as a reform of it",
        "--counterexamples 只接受一个政策 PATH(目录或文件),而不是 {count} 个:每个反例均写成对该政策的改革方案",
    ),
    "heading": (
        "policyengine verify: {policy}, as of {on}; at most {timeout} s a property",
        "policyengine verify:{policy},以 {on} 为准;每项性质至多求解 {timeout} 秒",
    ),
    "heading_reform": (
        "policyengine verify: {policy} with the reform {reform}, as of {on}; at most {timeout} s a property",
        "policyengine verify:{policy} 实施改革方案 {reform} 后,以 {on} 为准;每项性质至多求解 {timeout} 秒",
    ),
    "section_changes": (
        "What the reform changes, for every item a department could submit:",
        "改革方案对部门可能提交的任一事项带来的决定变化:",
    ),
    "nothing": (
        "nothing to prove: no admission procedure has criteria and no invariant is declared",
        "无可证明的内容:各准入程序均未规定准入条件,也未声明保证条件",
    ),
    "progress": ("proving: {n} properties settled", "正在证明:已判定 {n} 项性质"),
    "summary": (
        "{proved} proved, {refuted} refuted, {unknown} unknown",
        "已证明 {proved} 项,不成立 {refuted} 项,未能判定 {unknown} 项",
    ),
    "removed": (
        "{count} counterexample file(s) of an earlier run removed from {path}",
        "已从 {path} 删除此前运行留下的 {count} 个反例文件",
    ),
    "written": ("{count} counterexample file(s) written to {path}", "已将 {count} 个反例文件写入 {path}"),
    # one property, after its place; a declaration by its name and its id
    "line": ("{status} · {kind}: {message}", "{status} · {kind}:{message}"),
    "named": ("{name} ({id})", "“{name}”({id})"),
    # statuses
    "status.proved": ("proved", "已证明"),
    "status.refuted": ("refuted", "不成立"),
    "status.unknown": ("unknown", "未能判定"),
    # kinds of property
    "kind.coverage": ("coverage", "覆盖完整性"),
    "kind.agreement": ("agreement", "程序间一致性"),
    "kind.order": ("clause order", "条款次序无关性"),
    "kind.dead": ("dead clause", "条款有效性"),
    "kind.invariant": ("invariant", "保证条件"),
    "kind.change": ("change", "决定不变性"),
    # what each property says
    "says.coverage.proved": (
        "{procedure} decides every item it governs: a criterion decides each, or its reviewer does",
        "{procedure}对其审核的每一事项均能作出决定:或由准入条件决定,或由审核人决定",
    ),
    "says.coverage.refuted": (
        "{procedure} leaves items undecided: no criterion decides them and no reviewer takes them up, so they are rejected by default",
        "{procedure}存在未覆盖的事项:没有准入条件对其作出决定,也没有审核人受理,只能按默认规则不予准入",
    ),
    "says.agreement.proved": (
        "{first} and {second} never decide an item they both govern differently",
        "{first}与{second}对二者共同审核的事项,决定始终一致",
    ),
    "says.agreement.refuted": (
        "{first} and {second} decide one item differently; of the two, admit follows {first}, declared first",
        "{first}与{second}对同一事项作出不同决定;二者之中,准入决定以排列在前的{first}为准",
    ),
    "says.order.proved": (
        "{rule} decides every item alike whatever the order of its clauses",
        "{rule}的各条款无论如何排序,对每一事项的决定均相同",
    ),
    "says.order.refuted": (
        "clauses {other} and {clause} of {rule} both hold for one item, one admitting it and one rejecting it: its decision turns on which is written first",
        "{rule}的第 {other} 条与第 {clause} 条对同一事项同时成立,一条准入、一条不予准入,决定取决于条款的先后次序",
    ),
    "says.dead.proved": (
        "every clause of {rule} decides some item {procedure} governs",
        "{rule}的每一条款都能对{procedure}审核的某一事项作出决定",
    ),
    "says.dead.covered": (
        "clause {clause} of {rule} can never apply: clause(s) {covered} before it decide every item it would",
        "{rule}第 {clause} 条永远不会适用:其前的第 {covered} 条已对其适用的全部事项作出决定",
    ),
    "says.dead.covered_and_earlier": (
        "clause {clause} of {rule} can never apply: the criteria tried earlier and clause(s) {covered} before it decide every item it would",
        "{rule}第 {clause} 条永远不会适用:此前适用的准入条件与其前的第 {covered} 条已对其适用的全部事项作出决定",
    ),
    "says.dead.earlier": (
        "clause {clause} of {rule} can never apply: the criteria tried before it decide every item it would",
        "{rule}第 {clause} 条永远不会适用:在其之前适用的准入条件已对其适用的全部事项作出决定",
    ),
    "says.dead.never": (
        "clause {clause} of {rule} can never apply: its condition holds for no item {procedure} governs",
        "{rule}第 {clause} 条永远不会适用:对{procedure}审核的任何事项,其条件均不成立",
    ),
    "says.dead.unknown": ("clause {clause} of {rule}: whether it can apply", "{rule}第 {clause} 条能否适用"),
    "says.invariant.proved": ("{invariant} holds for every item", "{invariant}对所有事项成立"),
    "says.invariant.refuted": ("{invariant} does not hold: an item breaks it", "{invariant}不成立:存在违反它的事项"),
    "says.change.proved": ("the reform changes the decision on no item", "改革方案未改变任何事项的准入决定"),
    "says.change.refuted": (
        "an item {before} under the baseline is {after} under the reform",
        "基线下“{before}”的事项,在改革方案下变为“{after}”",
    ),
    "says.change.unknown": (
        "whether an item {before} under the baseline can be {after} under the reform",
        "基线下“{before}”的事项在改革方案下能否变为“{after}”",
    ),
    "reason.timeout": ("out of time", "超时"),
    "unknown": (
        "{what}: the solver could not decide within {timeout} s ({reason}); not proved",
        "{what}:求解器未能在 {timeout} 秒内判定({reason}),不视为已证明",
    ),
    "unencodable": (
        "{what}: the prover cannot write {construct} for the solver; not proved",
        "{what}:验证器无法将 {construct} 转写给求解器,不视为已证明",
    ),
    "criteria_of": ("criteria {n} of {procedure}", "{procedure}的准入条件(第 {n} 组)"),
    # a counterexample
    "cx.title": ("counterexample, an item a department could submit:", "反例(部门可能提交的事项):"),
    "cx.lists": ("on the lists: {lists}", "列入清单:{lists}"),
    "cx.list_separator": (", ", "、"),
    "cx.no_lists": (
        "on no list (only a procedure of its tier that names no list governs it)",
        "未列入任何清单(仅由其所在层级未指定清单的准入程序审核)",
    ),
    "cx.decided": ("decided: {decision}, {where}", "决定:{decision},{where}"),
    "cx.also": (
        "also holds: {where}, which decides it {decision}",
        "同时成立:{where},该条决定为“{decision}”",
    ),
    "cx.before": ("under the baseline: {decision}, {where}", "基线下:{decision},{where}"),
    "cx.after": ("under the reform: {decision}, {where}", "改革后:{decision},{where}"),
    "cx.clause": ("clause {clause} of {rule} ({at})", "{rule}第 {clause} 条({at})"),
    "cx.default": ("{reason} ({procedure})", "{reason}({procedure})"),
    "cx.ungoverned": ("no admission procedure governs it", "没有准入程序审核该事项"),
    "cx.undecided": ("no criterion decides it: rejected by default", "没有准入条件对其作出决定,按默认规则不予准入"),
    "cx.by_hand": ("pending its reviewer (a procedure without criteria)", "待审核人审核(该程序未规定准入条件)"),
    "cx.file_note": (
        "Counterexample {n} of policyengine verify ({kind}): {message}",
        "policyengine verify 第 {n} 个反例({kind}):{message}",
    ),
    "cx.file_decides": ("{command} decides it: {decision}, {where}", "运行 {command},决定应为:{decision},{where}"),
    "cx.reform_name": ("Counterexample {n}: the item added", "反例 {n}:加入该事项"),
}
