"""`why` (`why.*`): asking for a finding, and each step of the chain behind it."""

MESSAGES = {
    # asking for a finding
    "no_code_on_subject": (
        "no {code} finding on '{subject}'; its findings: {codes}",
        "“{subject}”没有 {code} 诊断;它的诊断:{codes}",
    ),
    "stopped": (
        "no {code} finding on '{subject}': structural errors ({codes}) stopped the semantic checks; fix them first",
        "“{subject}”没有 {code} 诊断:结构性错误({codes})使语义检查未能运行;请先修正",
    ),
    "did_you_mean": ("no finding on '{subject}'; did you mean {close}?", "“{subject}”没有诊断;您是否指 {close}?"),
    "reported_on": (
        "no {code} finding on '{subject}'; {code} is reported on: {shown}",
        "“{subject}”没有 {code} 诊断;{code} 报告于:{shown}",
    ),
    "nothing": (
        "no finding on '{subject}', and no {code} finding in the policy",
        "“{subject}”没有诊断,策略中也没有 {code} 诊断",
    ),
    # what the chain names
    "name": (" — {text}", "——{text}"),
    "who": ("{kind} '{id}'", "{kind}“{id}”"),
    "grant": (" (grant '{grant}')", "(授权“{grant}”)"),
    "kind.tier": ("tier", "层级"),
    "kind.unit": ("unit", "单位"),
    "kind.item": ("item", "事项"),
    "kind.list": ("list", "清单"),
    "kind.category": ("category", "类别"),
    "kind.power": ("power", "权力"),
    "kind.grant": ("grant", "授权"),
    "kind.assessment": ("assessment regime", "考核"),
    "kind.duty": ("duty", "职责"),
    "kind.platform_rule": ("platform rule", "平台规则"),
    "kind.admission": ("admission procedure", "准入程序"),
    "kind.figure": ("figure", "数据"),
    "kind.level": ("level", "等级"),
    "kind.regime": ("regime", "考核"),
    "kind.file": ("file", "文件"),
    "item_kind.routine": ("routine", "常规"),
    "item_kind.line": ("line", "条线"),
    "item_kind.temporary": ("temporary", "临时"),
    "role.handle": ("'handle'", "“办理”(handle)"),
    "role.report": ("'report'", "“上报”(report)"),
    "role.assist": ("'assist'", "“协助”(assist)"),
    "role.resolve_or_report": ("'resolve_or_report'", "“限时化解或上报”(resolve_or_report)"),
    "criterion.none": ("no clause holds: next", "没有子句成立:继续"),
    "criterion.finding": ("reports a finding only: next", "仅报告诊断:继续"),
    "criterion.reject": ("rejects", "不予准入"),
    "criterion.admit": ("admits", "准入"),
    "criterion.conditional": ("admits on conditions", "附条件准入"),
    # the subject
    "subject": ("{kind} '{id}'{name}{details}", "{kind}“{id}”{name}{details}"),
    "subject.item": ("; a {kind} item, category: {category}", ";{kind}事项,类别:{category}"),
    "subject.tier": ("; parent: {parent}", ";上级:{parent}"),
    "subject.root": ("none (the root)", "无(根)"),
    "subject.count": (", {count} of them", ",共 {count} 个"),
    "subject.unit": ("; at tier '{tier}'", ";位于层级“{tier}”"),
    "subject.seconded": (", seconded by '{by}'", ",由“{by}”派驻"),
    "subject.of_tier": ("; of tier '{tier}'", ";层级“{tier}”"),
    "subject.assessment": ("; '{assessor}' assesses '{assessed}'", ";“{assessor}”考核“{assessed}”"),
    "subject.duty": ("; for '{target}'", ";适用于“{target}”"),
    # the item, its role and its powers
    "assigned": ("assigned to tier '{tier}' with role {role}", "承接层级“{tier}”,角色{role}"),
    "requires": ("role {role} requires {powers}{tail}", "角色{role}需要权力:{powers}{tail}"),
    "requires.missing": ("; missing: {missing}", ";缺少:{missing}"),
    "requires.all_held": ("; all held", ";均已具备"),
    "power.held": (
        "power '{power}': tier '{tier}' holds it for the item",
        "“{power}”:层级“{tier}”就该事项具备此权力",
    ),
    "power.not_held": (
        "power '{power}': tier '{tier}' does not hold it for the item",
        "“{power}”:层级“{tier}”就该事项不具备此权力",
    ),
    "holder.funding": ("devolved with the item (funding.powers): counts", "随事项下放(funding.powers):计入"),
    "holder.assigned_tier": ("granted to the tier itself{grant}: counts", "授予层级本身{grant}:计入"),
    "holder.own_unit": ("held by its own {who}{grant}: counts", "由其自有{who}具备{grant}:计入"),
    "holder.co_handler": ("held by the attached co-handler {who}{grant}: counts", "由驻格协办{who}具备{grant}:计入"),
    "holder.seconded": (
        "held by {who}{grant} at tier '{tier}', seconded by '{sent_by}': a seconded unit's powers are "
        "its sender's line, not the tier's",
        "{who}具备{grant},位于层级“{tier}”,但由“{sent_by}”派驻:其权力属派出单位条线,不计入该层级",
    ),
    "holder.other_tier": ("held by {who}{grant} at another tier, '{tier}'", "{who}具备{grant},位于另一层级“{tier}”"),
    "holder.not_for_item": (
        "held by {who}{grant}, but only for other items or another line department's: not for this item",
        "{who}具备{grant},但仅限其他事项或其他条线部门的事项:不计入该事项",
    ),
    "co_handler.lacks": ("co-handler '{unit}' does not hold it", "协同处置的“{unit}”不具备该权力"),
    "co_handler.uncovered": (
        "co-handler '{unit}' holds it (coverage not given): counts",
        "协同处置的“{unit}”具备该权力(未说明负责多少个网格):计入",
    ),
    "co_handler.counted": (
        "co-handler '{unit}' holds it and covers {coverage} grids (at most {limit}): counts",
        "协同处置的“{unit}”具备该权力,负责 {coverage} 个网格(不超过 {limit} 个):计入",
    ),
    "co_handler.too_wide": (
        "co-handler '{unit}' holds it but covers {coverage} grids, more than {limit} "
        "(PE101.max_co_handler_coverage): not counted",
        "协同处置的“{unit}”具备该权力,但须同时负责 {coverage} 个网格,超过 {limit} 个(PE101.max_co_handler_coverage):不计入",
    ),
    "held_nowhere": ("no grant in force holds '{power}'", "没有有效的授权具备“{power}”"),
    # escalation and return
    "escalation.no_chain": (
        "no escalation chain (workflow.escalation): a dead end for {powers}",
        "没有规定上报流程:{powers}无处上报",
    ),
    "escalation.off_chain": (
        "tier '{tier}' is not on the escalation chain ({path}): a dead end",
        "{tier}不在上报流程({path})上:无处上报",
    ),
    "escalation.on_chain": (
        "escalation from '{tier}' for {powers}: {path}; {first}",
        "为{powers}向上报送:{path};{first}",
    ),
    "escalation.first": ("first tier to settle it: '{first}'", "首个能处置的层级:“{first}”"),
    "escalation.none": ("no tier settles it: a dead end", "逐级上报,没有层级能够处置"),
    "level.settles": ("'{tier}': settles it", "“{tier}”:能处置"),
    "level.cannot": (
        "'{tier}': cannot settle it (neither its own grants nor a unit at it or dispatchable from it holds "
        "every power needed)",
        "“{tier}”:不能处置(其自身授权、所属或可转派单位均不具备全部所需权力)",
    ),
    "settler.tier": ("the tier itself holds every power needed", "该层级自身具备全部所需权力"),
    "settler.unit": ("unit '{id}' at it holds every power needed", "其单位“{id}”具备全部所需权力"),
    "settler.dispatch": (
        "it may dispatch to unit '{id}' (workflow.dispatch), which holds every power needed",
        "可转派至单位“{id}”(workflow.dispatch),后者具备全部所需权力",
    ),
    "return": ("'{by}' returns events to {to} (basis: {basis}){lacks}", "“{by}”将事件退回{to}(依据:{basis}){lacks}"),
    "return.assigned": ("the assigned tier{target}", "承接层级{target}"),
    "return.target": (" '{target}'", "“{target}”"),
    "return.tier": ("tier '{tier}'", "层级“{tier}”"),
    "return.lacks": (", which lacks {lacks}", ",而后者不具备{lacks}"),
    "no_return": ("no return rule sends the item's events back to '{tier}'", "没有退件规则把该事项的事件退回“{tier}”"),
    # funding
    "origin.owner": ("owned by unit '{owner}' at tier '{tier}'", "主管单位“{owner}”,位于层级“{tier}”"),
    "origin.issued": ("issued by tier '{tier}'", "由层级“{tier}”下达"),
    "pushdown": ("pushed down from '{origin}' to '{tier}': {path}", "从“{origin}”下沉至“{tier}”:{path}"),
    "cost": ("cost: {parts}", "成本:{parts}"),
    "cost.hours": ("{hours} hours/month", "每月 {hours} 工时"),
    "cost.yuan": ("{yuan} yuan/year", "每年 {yuan} 元"),
    "cost.none": ("no cost declared", "未声明成本(cost)"),
    "funding": ("funding: {money} yuan/year, {people} people{powers}", "经费:每年 {money} 元,人员 {people} 人{powers}"),
    "funding.powers": (", powers: {powers}", ",下放权力:{powers}"),
    "funding.none": ("no funding declared: no money, no people", "未声明经费(funding):没有经费、人员随事项转移"),
    "transfer": (
        "admitted on condition by '{procedure}' ({rule}): transfers {money} yuan/year, {people} people, counted as funding",
        "经“{procedure}”附条件准入({rule}):转移经费每年 {money} 元、人员 {people} 人,计入随事项下达的经费",
    ),
    "gap.none": ("gap: no money and no people move with the item", "缺口:没有经费、也没有人员随事项转移"),
    "gap.money": (
        "gap: {provided} yuan/year against {needed} needed (cost × PE102.min_coverage {cover}): short by {gap}",
        "缺口:经费每年 {provided} 元,所需 {needed} 元(成本 × PE102.min_coverage {cover}),差 {gap} 元",
    ),
    "gap.hours": (
        "gap: {provided} person-hours/month ({per_person} hours per person, from {source}) against {needed} "
        "needed: short by {gap}",
        "缺口:人员每月 {provided} 工时(每人每月 {per_person} 工时,取自{source}),所需 {needed} 工时,差 {gap} 工时",
    ),
    "gap.from_unit": ("a unit at the tier", "层级内单位"),
    "gap.from_threshold": ("PE102.hours_per_person_month", "PE102.hours_per_person_month"),
    # coordination
    "mobilises": ("must mobilise unit '{unit}' (tier '{tier}')", "须动员单位“{unit}”(层级“{tier}”)"),
    "unit": ("unit '{id}' sits at tier '{tier}' ({kind}){seconded}", "单位“{id}”位于层级“{tier}”({kind}){seconded}"),
    "coordination.none": (
        "tier '{tier}' (itself and its own units) holds no coordination power",
        "层级“{tier}”(自身及其自有单位)不具备协调权",
    ),
    "coordination": (
        "coordination of tier '{tier}' ({grants} grant(s) to it or its own units){scopes}; none reaches the unit",
        "层级“{tier}”的协调权(自身及其自有单位,共 {grants} 项){scopes},均不能到达该单位",
    ),
    "coordination.scopes": (" reaches only tier {scopes} and below", "仅及“{scopes}”及以下"),
    "coordination_grant": (
        "{who}{grant} holds coordination, {what}: {verdict}{tail}",
        "{who}{grant}持有协调权,{what}:{verdict}{tail}",
    ),
    "coordination_grant.scope": ("scope '{scope}' (reaches {reach})", "范围“{scope}”(可及:{reach})"),
    "coordination_grant.units": ("units {units}", "单位:{units}"),
    "coordination_grant.no_scope": ("no scope", "无范围"),
    "coordination_grant.reaches": ("reaches it", "能到达"),
    "coordination_grant.misses": ("does not reach it", "不能到达"),
    "coordination_grant.seconded": ("; a seconded unit: not the tier's", ";派驻单位,不计入该层级"),
    "reachers.none": (
        "no coordination grant in force anywhere reaches '{unit}'",
        "没有任何有效的协调授权能到达“{unit}”",
    ),
    "reachers": ("coordination grants that reach '{unit}' ({count}):", "能到达“{unit}”的协调授权({count} 项):"),
    # authority against load
    "load": (
        "load: {load} items ({share} of the load): {items} declared at it, {stated} more stated in its lists; "
        "PE105.min_items {min_items}",
        "责任负荷:{load} 项(占 {share}):本层级声明 {items} 项,清单另载 {stated} 项;PE105.min_items 为 {min_items}",
    ),
    "stated_list": (
        "list '{list}' states {stated} items, {listed} of them declared: {extra} more",
        "清单“{list}”载明 {stated} 项,已声明 {listed} 项:另计 {extra} 项",
    ),
    "dimension": (
        "{dimension}: {level} ({source}) against {top} at '{top_tier}'",
        "{dimension}:{level}({source}),“{top_tier}”为 {top}",
    ),
    "dimension.grant": ("{level}, grant '{grant}' of '{holder}'", "{level},来自“{holder}”的授权“{grant}”"),
    "dimension.no_grant": ("no grant", "无授权"),
    "authority": (
        "authority {authority:.2f} (the mean of the four) against {top:.2f} at '{top_tier}': a ratio of {ratio}, "
        "at least PE105.ratio {threshold}",
        "治理权 {authority:.2f}(四个维度的平均),“{top_tier}”为 {top:.2f}:比值 {ratio},不低于 PE105.ratio {threshold}",
    ),
    # the declarations a message names, and assessment
    "related": ("names {kind} '{id}'{name}", "涉及{kind}“{id}”{name}"),
    "limit": ("{count} assessors; PE301.max_assessors {max}", "考核主体 {count} 个,PE301.max_assessors 为 {max}"),
    "regime": ("regime '{id}': '{assessor}' assesses '{assessed}'", "考核“{id}”:“{assessor}”考核“{assessed}”"),
    "quota": ("quota '{metric}' of regime '{regime}': {parts}", "考核“{regime}”的“{metric}”指标:{parts}"),
    "consequence": (
        "regime '{regime}' ranks ({rank}) with {effect} at stake",
        "考核“{regime}”按排名({rank})决定:{effect}",
    ),
    "consequence.top": ("top {n}", "前 {n} 名"),
    "part": ("part '{part}' ({kind}): {points} points, cap {cap}", "考核内容“{part}”({kind}):{points} 分,上限 {cap}"),
    "stake": ("regime '{regime}' has {effect} at stake", "考核“{regime}”规定了{effect}的后果"),
    "measure": (
        "measure '{measure}' depends on: {depends}; decided by: {controlled}",
        "指标“{measure}”取决于:{depends};由以下主体决定:{controlled}",
    ),
    "consequence.bottom": ("bottom {n}", "后 {n} 名"),
    "scoring": ("regime '{regime}' deducts points when an event is {when}", "考核“{regime}”在事件 {when} 时扣分"),
    # admission
    "listed": ("on list '{list}'", "列入清单“{list}”"),
    "procedure": (
        "admission procedure '{id}' (tier '{tier}', lists: {lists}) is in force and governs the item",
        "准入程序“{id}”(层级“{tier}”,清单:{lists})在该日有效,管辖该事项",
    ),
    "procedure.every_list": ("every list of the tier", "该层级全部清单"),
    "criterion": ("rule '{rule}': {verdict}{reason}", "规则“{rule}”:{verdict}{reason}"),
    "criterion.reason": (": {reason}", ":{reason}"),
    "no_criterion": ("no criterion admits it: rejected", "没有准入标准准许该事项:不予准入"),
    "record": ("approval record at {record} decides it: {decision}", "审批记录({record})决定:{decision}"),
}
