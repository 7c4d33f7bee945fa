"""The simulator (`simulate.*`): its options and limits, its tables and figures, the parts of a reform."""

MESSAGES = {
    # the metrics, as the tables name them (English: the metric's own id)
    "metric.true_resolution_rate": ("true_resolution_rate", "真实解决率"),
    "metric.reported_closure_rate": ("reported_closure_rate", "平台办结率"),
    "metric.suspension_gap": ("suspension_gap", "悬浮差"),
    "metric.cost_per_true_resolution": ("cost_per_true_resolution", "每件真实解决成本(元)"),
    "metric.fabricated_share": ("fabricated_share", "凑件占比"),
    "metric.cosmetic_closure_share": ("cosmetic_closure_share", "表面办结占比"),
    "metric.qualification_rate": ("qualification_rate", "处置合格率"),
    "metric.on_time_verification_rate": ("on_time_verification_rate", "按期核查率"),
    "metric.district_transfers_per_community": ("district_transfers_per_community", "每社区区级转办(24个月)"),
    "metric.returns_per_month": ("returns_per_month", "月退回数"),
    "metric.urban_public_order_closure_share": ("urban_public_order_closure_share", "城市管理类、社会治安类办结占比"),
    "metric.dismissals": ("dismissals", "辞退人数"),
    "metric.lost_pay_share": ("lost_pay_share", "扣发绩效工资人次占比"),
    "metric.packaged_share": ("packaged_share", "包装为优秀件占比"),
    "metric.dead_end_share": ("dead_end_share", "上报后无人处置占比"),
    "metric.district_hours_per_month": ("district_hours_per_month", "区级每月处置工时"),
    "metric.reports_per_month": ("reports_per_month", "每月上报事件数"),
    # the text table
    "head.metric": ("metric", "指标"),
    "intro": (
        "{months} months x {runs} runs, seed {seed}; mean [2.5%, 97.5%] over runs",
        "{months} 个月 × {runs} 次运行,种子 {seed};均值 [2.5%, 97.5%](跨运行)",
    ),
    "calibration": ("calibration against the case (baseline):", "与案例数据的校准(基线):"),
    "within": ("within", "在范围内"),
    "outside": ("MISSED", "未达到"),
    "fitted": (" (fitted: {parameter})", "(拟合参数:{parameter})"),
    "check": (" (check: no default was set for it)", "(检验:未据此设定任何默认值)"),
    "calibration_line": (
        "  {figure}: case {case}, simulated {simulated}, window {low}-{high}: {mark}",
        "  {figure}:案例 {case},模拟 {simulated},范围 {low}-{high}:{mark}",
    ),
    "sweep_title": (
        "sweep (means over runs; full intervals in JSON and CSV):",
        "参数扫描(跨运行均值;区间见 JSON 与 CSV):",
    ),
    # the parts of a reform
    "parts.head.operations": ("operations", "操作"),
    "parts.head.adds": ("adds", "新增"),
    "parts.baseline": ("baseline", "基线"),
    "parts.skipped": (" (not a valid policy: skipped)", "(不是有效政策:跳过)"),
    "parts.title.ops": (
        "{reform} by part (operations applied cumulatively; means over runs):",
        "{reform} 分步(逐个操作累加;跨运行均值):",
    ),
    "parts.title.groups": (
        "{reform} by part (groups of operations applied cumulatively; means over runs):",
        "{reform} 分步(按操作组累加;跨运行均值):",
    ),
    "parts.head": ("{op} {section}", "{op}{section}"),
    "parts.names": ("{head}: {names}", "{head}:{names}"),
    "parts.more": (", ...", "、……"),
    "parts.count": (" ({n} operations)", "({n} 个操作)"),
    "parts.where": ("{reform}, operations 1-{upto}", "{reform}(第 1-{upto} 项操作)"),
    "parts.error": ("{where}: {message} [{code}]", "{where}:{message} [{code}]"),
    "parts.no_policy": ("{where}: no policy", "{where}:没有政策"),
    "parts.mode": ("--reform-parts must be one of {modes}", "--reform-parts 须为 {modes} 之一"),
    # options, sizes and the policy
    "no_policy": ("no policy to simulate", "没有可模拟的政策"),
    "finding": ("{message} [{code}]", "{message} [{code}]"),
    "sweep_unknown": ("--sweep: unknown parameter '{name}'{hint}", "--sweep:未知参数“{name}”{hint}"),
    "see_docs": ("; `policyengine docs simulation` lists them", ";参数列表见 `policyengine docs simulation`"),
    "sweep_form": (
        "--sweep {text}: expected NAME=LOW:HIGH:STEPS (STEPS an integer >= 1)",
        "--sweep {text}:应为 NAME=LOW:HIGH:STEPS(STEPS 为不小于 1 的整数)",
    ),
    "sweep_finite": (
        "--sweep {text}: LOW and HIGH must be finite numbers (not nan or inf)",
        "--sweep {text}:LOW 和 HIGH 须为有限数(不能是 nan 或 inf)",
    ),
    "sweep_range": ("--sweep {text}: {name} must be {range}", "--sweep {text}:{name} 须{range}"),
    "range.between": ("in [{low:g}, {high:g}]", "在 [{low:g}, {high:g}] 之内"),
    "range.at_least": ("at least {low:g}", "至少为 {low:g}"),
    "range.at_most": ("at most {high:g}", "至多为 {high:g}"),
    "range.number": ("a number", "为数值"),
    "sweep_points": (
        "--sweep {text}: too large to simulate: {steps:,} points (the limit is {limit:,} runs in all)",
        "--sweep {text}:规模过大,无法模拟:{steps:,} 个取值点(总运行次数上限为 {limit:,})",
    ),
    "sweep_twice": (
        "--sweep: {name} is named twice; give each parameter once",
        "--sweep:参数 {name} 出现了两次;每个参数只能给一次",
    ),
    "too_many_month": (
        "too large to simulate: about {count:.3g} problems in one month of one run (the limit is "
        "{limit:.3g}); lower the grids or the problem rates",
        "规模过大,无法模拟:单次运行的一个月约有 {count:.3g} 个问题(上限为 {limit:.3g});请减少网格数或问题发生率",
    ),
    "too_many_all": (
        "too large to simulate: about {count:.3g} problems in all runs (the limit is {limit:.3g}); lower "
        "--months, --runs, the sweep's steps or the grids",
        "规模过大,无法模拟:所有运行共约 {count:.3g} 个问题(上限为 {limit:.3g});请减少 --months、--runs、扫描步数或网格数",
    ),
    "too_many_runs": (
        "too large to simulate: {records:,} runs (scenarios x sweep points x --runs; the limit is "
        "{limit:,}); lower --runs or the sweep's steps",
        "规模过大,无法模拟:共 {records:,} 次运行(情景数 × 扫描点数 × --runs;上限为 {limit:,});请减少 --runs 或扫描步数",
    ),
    "out_of_memory": (
        "out of memory while simulating; lower --months, --runs, the sweep's steps or the grids{kept}",
        "模拟时内存不足;请减少 --months、--runs、扫描步数或网格数{kept}",
    ),
    "kept": (
        " (finished runs are kept under --out: a rerun resumes)",
        "(已完成的运行保存在 --out 下:重新运行即可续算)",
    ),
    "too_costly": (
        "too large to simulate: {what} comes to more than {limit:.3g} yuan, beyond what the costs can count; lower it",
        "规模过大,无法模拟:{what}超过 {limit:.3g} 元,超出成本可计算的范围;请调低",
    ),
    "cost.spending": (
        "the grid system's spending over the simulated months (the policy's `spending`)",
        "模拟期内网格体系的经费(政策的 `spending`)",
    ),
    "cost.per_event": (
        "department_cost_per_event_yuan",
        "每件事件在网格以上的处置成本(department_cost_per_event_yuan)",
    ),
    "not_finite": (
        "the result holds a number that is not finite at {where}; nothing was written",
        "结果在 {where} 处含有非有限数值;未输出任何结果",
    ),
    # the stored runs (records.py): a record that does not verify is recomputed, with one line saying why
    "record.refused": ("{path} does not verify ({reason}): recomputed", "{path} 校验未通过({reason}):已重新计算"),
    "record.refused_kept": (
        "{path} does not verify ({reason}): recomputed, and not stored while it is in the way",
        "{path} 校验未通过({reason}):已重新计算;因该路径被占用,结果未保存",
    ),
    "record.digest": ("digest mismatch", "摘要不符"),
    "record.old_format": ("written by an earlier version, without a digest", "由旧版本写入,没有摘要"),
    "record.other_run": ("it is the record of another run", "其内容属于另一次运行"),
    "record.shape": ("not shaped as a run record at {where}", "{where} 处不符合运行记录的结构"),
    "record.not_finite": ("a number that is not finite: NaN or infinity", "含有非有限数值(NaN 或无穷大)"),
    "record.too_deep": ("nested too deep", "嵌套层级过深"),
    "record.not_json": ("not JSON", "不是有效的 JSON"),
    "record.not_utf8": ("not UTF-8 at byte {offset}", "第 {offset} 字节处不是 UTF-8 编码"),
    "record.empty": ("an empty file", "文件为空"),
    "record.too_large": ("larger than {limit:,} bytes", "大于 {limit:,} 字节"),
    "record.changed": ("it changed while it was read", "读取过程中文件发生了变化"),
    "record.unreadable": ("cannot be read: {reason}", "无法读取:{reason}"),
    "record.not_file": ("{kind}, not a file", "是{kind},不是普通文件"),
    "at_least_one": ("--months, --runs and --workers must be at least 1", "--months、--runs 和 --workers 须至少为 1"),
    "months_max": ("--months {months}: at most {limit} (a hundred years)", "--months {months}:至多为 {limit}(一百年)"),
    "runs_min": (
        "--runs must be at least 2: the intervals are taken over runs",
        "--runs 须至少为 2:区间是跨运行计算的",
    ),
    "seed": ("--seed must be a non-negative integer", "--seed 须为非负整数"),
    "parts_need_reform": (
        "--reform-parts splits a reform: give --reform FILE",
        "--reform-parts 用于拆分改革方案:请给出 --reform FILE",
    ),
    "no_problems": (
        "the policy declares no `simulation: problems:`; the simulator needs their daily rates (`policyengine docs simulation`)",
        "政策未声明 `simulation: problems:`;模拟需要各类问题的日发生率(见 `policyengine docs simulation`)",
    ),
    "no_tiers": ("the policy has no tiers to simulate", "政策没有可模拟的层级"),
    "problem_target": ("problem '{id}' needs an `item` or a `category`", "问题“{id}”须有 `item` 或 `category`"),
    "no_grids": (
        "the lowest tier declares no `count`; give it one or set `simulation: parameters: grids`",
        "最低层级未声明 `count`;请为其声明,或设置 `simulation: parameters: grids`",
    ),
    "street_instance": (
        "`simulation: streets:` names '{name}', which is not an instance of a tier above the grid (declared: {known})",
        "`simulation: streets:` 所列“{name}”不是网格以上层级声明的实例(已声明:{known})",
    ),
    "street_twice": (
        "`simulation: streets:` names '{name}' twice",
        "`simulation: streets:` 重复列出“{name}”",
    ),
    "streets_too_many": (
        "the streets in `simulation: streets:` hold {claimed} grids, more than the {grids} simulated",
        "`simulation: streets:` 所列镇街共有 {claimed} 个网格,超过模拟的网格总数 {grids} 个",
    ),
    "unstated_grids": (
        "the simulation needs the number of grids; the policy leaves the lowest tier's `count` {marker}: state it or set `simulation: parameters: grids`",
        "模拟需要网格数量,而政策将最低层级的 `count` 写为 {marker}(未说明);请说明其数量,或设置 `simulation: parameters: grids`",
    ),
    "zero_grids": (
        "the lowest tier's `count` is 0, so there are no grids to simulate; give its real count or set `simulation: parameters: grids`",
        "最低层级的 `count` 为 0,没有可模拟的网格;请填写实际数量,或设置 `simulation: parameters: grids`",
    ),
    "parquet_out": (
        "--sweep-format parquet writes DIR/sweep.parquet: give --out DIR",
        "--sweep-format parquet 写入 DIR/sweep.parquet:请给出 --out DIR",
    ),
    "parquet_missing": (
        "--sweep-format parquet needs pyarrow: pip install 'pyarrow>=14' (the extra 'parquet')",
        "--sweep-format parquet 需要 pyarrow:请执行 pip install 'pyarrow>=14'(即可选依赖“parquet”)",
    ),
    "plot_missing": (
        "--plot needs matplotlib: pip install 'matplotlib>=3.7' (the extra 'plot')",
        "--plot 需要 matplotlib:请执行 pip install 'matplotlib>=3.7'(即可选依赖“plot”)",
    ),
    # the Dask cluster
    "scheme": (
        "--scheduler {address!r}: unknown scheme '{scheme}' (one of {schemes})",
        "--scheduler {address!r}:未知协议“{scheme}”(须为 {schemes} 之一)",
    ),
    "address": (
        "--scheduler {address!r}: expected a scheduler address such as tcp://HOST:PORT",
        "--scheduler {address!r}:应为调度器地址,如 tcp://HOST:PORT",
    ),
    "dask_missing": (
        "--scheduler needs Dask: pip install 'dask[distributed]>=2024.1' (the extra 'dask')",
        "--scheduler 需要 Dask:请执行 pip install 'dask[distributed]>=2024.1'(即可选依赖“dask”)",
    ),
    "unreachable": (
        "--scheduler {address}: cannot reach a Dask scheduler there ({reason})",
        "--scheduler {address}:无法连接该地址的 Dask 调度器({reason})",
    ),
    "transport": (
        "--scheduler {address}: this installation of Dask cannot connect over {scheme} ({reason})",
        "--scheduler {address}:当前安装的 Dask 不支持通过 {scheme} 连接({reason})",
    ),
    "not_scheduler": (
        "--scheduler {address}: not a Dask scheduler ({reason})",
        "--scheduler {address}:不是 Dask 调度器({reason})",
    ),
    "scheduler.refused": ("connection refused: nothing listens there", "连接被拒绝:该端口无服务监听"),
    "scheduler.no_host": ("no such host: {host}", "找不到主机 {host}"),
    "scheduler.no_answer": ("no answer within {timeout:g} s", "{timeout:g} 秒内无应答"),
    "scheduler.silent": (
        "it took the connection but did not answer as one within {timeout:g} s",
        "对方接受了连接,但 {timeout:g} 秒内未按 Dask 协议应答",
    ),
    "scheduler.garbled": ("it answers in another protocol", "对方的应答不符合 Dask 协议"),
    "scheduler.closed": ("it closed the connection", "对方关闭了连接"),
    "scheduler.worker": (
        "a Dask worker answers there: give its scheduler's address",
        "该地址是 Dask 工作进程:请给出其调度器的地址",
    ),
    "scheduler.nanny": (
        "a Dask nanny answers there: give its scheduler's address",
        "该地址是 Dask 工作进程的看护进程(nanny):请给出其调度器的地址",
    ),
    "cluster_import": (
        "--scheduler {address}: the Dask scheduler or a worker cannot import policyengine; install "
        "grid-policyengine (this version) where they run",
        "--scheduler {address}:Dask 调度器或工作进程无法导入 policyengine;请在其运行环境中安装同一版本的 grid-policyengine",
    ),
    "cluster_lost": (
        "--scheduler {address}: lost the Dask cluster ({error})",
        "--scheduler {address}:与 Dask 集群的连接中断(系统信息:{error})",
    ),
    "cluster_failed": (
        "--scheduler {address}: the Dask cluster failed ({kind}: {reason}); finished runs are kept under "
        "--out: rerun to resume",
        "--scheduler {address}:Dask 集群出错(原始信息:{kind}: {reason});已完成的运行保存在 --out 下:重新运行即可续算",
    ),
    # the figures (drawn in English: their fixed font has no CJK glyphs)
    "plot.title": (
        "{months} months x {runs} runs, seed {seed}; mean and 2.5-97.5 percentiles over runs",
        "{months} 个月 × {runs} 次运行,种子 {seed};跨运行均值及 2.5-97.5 百分位",
    ),
    "plot.metrics": ("Metrics, baseline against reform\n{title}", "各项指标:基线与改革方案对比\n{title}"),
    "plot.monthly": (
        "Metrics month by month (a rate per 24 months is the month's x 24)\n{title}",
        "各项指标逐月变化(每 24 个月的比率按当月数值 × 24 计)\n{title}",
    ),
    "plot.month": ("month", "月"),
    "plot.genuine": ("genuine", "真实上报"),
    "plot.fabricated": ("fabricated", "凑件"),
    "plot.last_days": (
        "{name}: in the last {days} days of a month, {fabricated:.1f}% of fabricated reports, "
        "{genuine:.1f}% of genuine ones",
        "{name}:每月最后 {days} 天内,凑件占 {fabricated:.1f}%,真实上报占 {genuine:.1f}%",
    ),
    "plot.day": ("day of the month", "日"),
    "plot.reports": ("reports per run (mean over runs)", "每次运行的上报数(跨运行均值)"),
    "plot.days": ("Reports by day of the month\n{title}", "按日统计的上报数\n{title}"),
}
