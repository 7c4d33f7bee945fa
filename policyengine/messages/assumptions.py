"""Sensitivity over the assumptions (`assumptions.*`): the declared ranges, `simulate --sensitivity`
and what it reports."""

MESSAGES = {
    # the ranges in the policy
    "not_assumption": (
        "simulation: parameters: {name}: only an assumption may have a range; {name} is read from the case",
        "simulation: parameters: {name}:只有假设参数可以给出取值范围;{name} 取自案例",
    ),
    "range_form": (
        "simulation: parameters: {name}: a range is two finite numbers [LOW, HIGH]",
        "simulation: parameters: {name}:取值范围须为两个有限数值 [LOW, HIGH]",
    ),
    "range_bounds": (
        "simulation: parameters: {name}: the range's {value:g} is outside the parameter's bounds: it must be {range}",
        "simulation: parameters: {name}:取值范围中的 {value:g} 超出该参数的允许范围:须{range}",
    ),
    "range_order": (
        "simulation: parameters: {name}: the range [{low:g}, {high:g}] has LOW above HIGH",
        "simulation: parameters: {name}:取值范围 [{low:g}, {high:g}] 的下限高于上限",
    ),
    "value_outside": (
        "simulation: parameters: {name}: the value {value:g} lies outside its own range [{low:g}, {high:g}]",
        "simulation: parameters: {name}:取值 {value:g} 不在其自身的取值范围 [{low:g}, {high:g}] 之内",
    ),
    "no_ranges": (
        "--sensitivity varies the assumptions the policy gives a range (`simulation: parameters: NAME: "
        "{{value: V, range: [LOW, HIGH]}}`); this policy gives none with LOW below HIGH",
        "--sensitivity 只改变政策给出取值范围的假设参数(`simulation: parameters: NAME: {{value: V, range: "
        "[LOW, HIGH]}}`);本政策没有下限低于上限的取值范围",
    ),
    # the command's options
    "salib_missing": (
        "--sensitivity needs SALib: pip install 'SALib>=1.4.7' (the extra 'sensitivity')",
        "--sensitivity 需要 SALib:请执行 pip install 'SALib>=1.4.7'(即可选依赖“sensitivity”)",
    ),
    "method": (
        "--sensitivity {method}: one of morris, sobol",
        "--sensitivity {method}:须为 morris 或 sobol",
    ),
    "samples": ("--samples must be at least 2", "--samples 至少为 2"),
    "sobol_budget": (
        "--sensitivity sobol: too large to run: {records:,} runs (the limit is {limit:,}); lower --samples "
        "or --runs, or screen with --sensitivity morris --samples {morris} first",
        "--sensitivity sobol:规模过大,无法运行:共 {records:,} 次运行(上限为 {limit:,});请减少 --samples 或 "
        "--runs,或先用 --sensitivity morris --samples {morris} 筛选",
    ),
    "not_with": (
        "--sensitivity cannot be combined with {option}",
        "--sensitivity 不能与 {option} 同时使用",
    ),
    # the text report
    "intro": (
        "sensitivity over {dimensions} assumptions ({method}, {samples} {unit}: {points} sample points), "
        "{scenarios} scenario(s) x {runs} runs of {months} months at each point on the same seeds, seed {seed}",
        "对 {dimensions} 项假设的敏感性分析({method},{samples} {unit}:{points} 个样本点),每个样本点上 "
        "{scenarios} 个情景 × {runs} 次运行(各 {months} 个月,随机数相同),种子 {seed}",
    ),
    "unit.morris": ("trajectories", "条轨迹"),
    "unit.sobol": ("base samples", "个基础样本"),
    "sobol_hint": (
        "Sobol' indices need N x (2D + 2) points: {points} with --samples {samples} (--sensitivity sobol)",
        "Sobol' 指数需要 N × (2D + 2) 个样本点:--samples {samples} 时为 {points} 个(--sensitivity sobol)",
    ),
    "ranges": ("the ranges declared (value at the declared point):", "声明的取值范围(括号内为声明值):"),
    "range_line": ("  {name}: {low:g} - {high:g} ({declared})", "  {name}:{low:g} - {high:g}({declared})"),
    "fixed_line": ("  {name}: fixed at {value:g} (LOW = HIGH)", "  {name}:固定为 {value:g}(下限 = 上限)"),
    "matters.morris": (
        "which assumptions matter most for the baseline (mu*, sigma, 95% confidence of mu*; the {top} largest):",
        "哪些假设对基线影响最大(mu*、sigma、mu* 的 95% 置信区间;列出最大的 {top} 项):",
    ),
    "matters.sobol": (
        "which assumptions matter most for the baseline (total index ST, first-order S1, 95% confidence; the {top} largest):",
        "哪些假设对基线影响最大(总效应指数 ST、一阶指数 S1、95% 置信区间;列出最大的 {top} 项):",
    ),
    "index.morris": (
        "{parameter} {mu_star} (sigma {sigma}, ±{mu_star_conf})",
        "{parameter} {mu_star}(sigma {sigma},±{mu_star_conf})",
    ),
    "index.sobol": (
        "{parameter} ST {ST} ±{ST_conf}, S1 {S1} ±{S1_conf}",
        "{parameter} ST {ST} ±{ST_conf},S1 {S1} ±{S1_conf}",
    ),
    "metric_line": ("  {metric}: {ranked}", "  {metric}:{ranked}"),
    "effects": (
        "{reform} against the baseline (effect = reform - baseline, mean over runs):",
        "{reform} 与基线对比(效应 = 改革 - 基线,跨运行均值):",
    ),
    "raises": (
        "  {reform} raises {metric} in {share} of the assumption space",
        "  {reform} 在 {share} 的假设空间内提高{metric}",
    ),
    "lowers": (
        "  {reform} lowers {metric} in {share} of the assumption space",
        "  {reform} 在 {share} 的假设空间内降低{metric}",
    ),
    "unchanged": (
        "  {reform} leaves {metric} unchanged in {share} of the assumption space",
        "  {reform} 在 {share} 的假设空间内不改变{metric}",
    ),
    "effect_detail": (
        " (at the declared values {declared}; 2.5-97.5% over the points {low} to {high})",
        "(声明值下为 {declared};各样本点 2.5-97.5 百分位为 {low} 至 {high})",
    ),
    "moved_by": ("; moved most by {top}", ";影响最大的假设:{top}"),
    "unchanged_everywhere": (
        "  {reform} leaves {metric} unchanged at every sample point",
        "  {reform} 在所有样本点上均不改变{metric}",
    ),
    "none_declared": ("none", "无"),
    "none_moves": ("no assumption moves it", "没有假设影响该指标"),
    # a saved result, read back by `report --sensitivity-from`
    "saved_bad": (
        "not a sensitivity result to trust ({reason}); write one with `policyengine simulate --sensitivity --out DIR`",
        "不是可信的敏感性分析结果({reason});请用 `policyengine simulate --sensitivity --out DIR` 生成",
    ),
    "saved.not_utf8": ("not UTF-8", "不是 UTF-8 编码"),
    "saved.not_finite": ("a number that is not finite: NaN or infinity", "含有非有限数:NaN 或无穷大"),
    "saved.too_deep": ("nested too deep", "嵌套过深"),
    "saved.not_json": ("not JSON", "不是 JSON"),
    "saved.shape": ("not shaped as a sensitivity result at {where}", "在 {where} 处不符合敏感性分析结果的结构"),
    "saved.digest": ("digest mismatch: edited since it was written", "摘要不符:写入后被修改过"),
    "saved.inconsistent": (
        "the effects of {reform} do not agree with its sample points",
        "{reform} 的效应与样本点不一致",
    ),
    # the report page
    "page.title": ("Sensitivity over the assumptions", "对假设的敏感性"),
    "page.matters": (
        "Which assumptions move each metric most (baseline; {measure})",
        "对各指标影响最大的假设(基线;{measure})",
    ),
    "page.effects": ("{reform} against the baseline over the assumption space", "{reform} 与基线在假设空间内的对比"),
    "page.col_share": ("share of the space with the declared sign", "与声明值同号的假设空间占比"),
    "page.col_declared": ("effect at the declared values", "声明值下的效应"),
    "page.col_spread": ("2.5-97.5% over the points", "各样本点 2.5-97.5 百分位"),
    "page.col_top": ("moved most by", "影响最大的假设"),
    "page.col_assumptions": ("assumptions, largest first", "假设(由大到小)"),
    # the figures (drawn in English: their fixed font has no CJK glyphs)
    "plot.indices": (
        "Which assumptions move {scenario}: {measure} per metric\n{title}",
        "影响 {scenario} 的假设:各指标的 {measure}\n{title}",
    ),
    "plot.effects": (
        "Effect of {reform} over the assumption space (reform - baseline at each sample point)\n{title}",
        "{reform} 在假设空间内的效应(各样本点上改革 - 基线)\n{title}",
    ),
    "plot.title": (
        "{method}, {points} sample points x {runs} runs of {months} months, seed {seed}",
        "{method},{points} 个样本点 × {runs} 次运行(各 {months} 个月),种子 {seed}",
    ),
    "plot.declared": ("at the declared values", "声明值处"),
    "plot.points": ("sample points", "样本点"),
}
