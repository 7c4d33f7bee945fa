"""The command line: paths, options, files written, and what the commands say besides their output
(`cli.*`)."""

MESSAGES = {
    "xlsx_needs_output": (
        "--format xlsx writes a workbook: give the file with -o FILE",
        "--format xlsx 输出为工作簿:请用 -o FILE 指定文件",
    ),
    "import_no_tables": (
        "give the TABLES to import (.xlsx, .csv, .docx)",
        "请提供要导入的表格 TABLES(.xlsx、.csv、.docx)",
    ),
    "import_no_output": ("give the directory to write the policy to: -o DIR", "请用 -o DIR 指定政策写入的目录"),
    "import_mapping_and_preset": ("give --mapping or --preset, not both", "--mapping 与 --preset 只能指定其一"),
    "no_bundled": (
        "no bundled policy '{name}' (available: {available})",
        "没有名为“{name}”的内置政策(可用:{available})",
    ),
    "need_path_or_reform": ("give a policy PATH, or --reform FILE", "请提供政策路径 PATH,或 --reform FILE"),
    "need_path": ("give a policy PATH", "请提供政策路径 PATH"),
    "cannot_write": ("cannot write to {where} ({reason})", "无法写入 {where}({reason})"),
    "system": ("system: {reason}", "系统信息:{reason}"),
    # generate-docs, run where the repository's pages are not
    "docs_missing": (
        "{path} not found: run generate-docs at the repository's root, or give --root",
        "未找到 {path}:请在代码仓库根目录运行 generate-docs,或用 --root 指定根目录",
    ),
    "docs_no_markers": (
        "{path}: the markers of the generated block '{name}' are missing "
        "(<!-- generated: {name} --> ... <!-- end generated: {name} -->)",
        "{path}:缺少生成区块“{name}”的标记(<!-- generated: {name} --> ... <!-- end generated: {name} -->)",
    ),
    # common causes of a failed read or write, by errno
    "errno.EACCES": ("permission denied", "权限不足"),
    "errno.EPERM": ("permission denied", "权限不足"),
    "errno.EROFS": ("read-only file system", "只读文件系统"),
    "errno.ENOSPC": ("no space left on the device", "磁盘空间不足"),
    "errno.EDQUOT": ("disk quota exceeded", "超出磁盘配额"),
    "errno.ENOTDIR": ("a file is in the way", "路径中有同名文件"),
    "errno.EEXIST": ("a file is in the way", "路径中有同名文件"),
    "errno.ENAMETOOLONG": ("name too long", "名称过长"),
    "errno.ENOENT": ("no such directory", "目录不存在"),
    "errno.EISDIR": ("it is a directory", "目标是目录"),
    "dir_is_file": ("{option} {path}: {probe} is a file, not a directory", "{option} {path}:{probe} 是文件,不是目录"),
    "dir_not_writable": (
        "{option} {path}: cannot write to {probe} (permission denied)",
        "{option} {path}:无法写入 {probe}(权限不足)",
    ),
    "config_and_isolated": ("--config and --isolated exclude each other", "--config 与 --isolated 不能同时使用"),
    "explain_format": (
        "--explain works with --format text or json, not {fmt}",
        "--explain 仅适用于 --format text 或 json,而不是 {fmt}",
    ),
    "baseline_structural": (
        "--write-baseline: the policy has structural errors ({codes}) that stop the checks; fix "
        "them first: a baseline never holds them",
        "--write-baseline:政策有结构性错误({codes}),检查因此中止;请先修正:基线从不收录此类错误",
    ),
    "baseline_written": ("wrote {n} finding(s) to {path}", "已将 {n} 条诊断写入 {path}"),
    "custom_code": (
        "{code} is in PE900-PE999, the range of custom checks: a rule of the policy (inline criteria or "
        "a .rules file) reports it with its own severity and message; see `policyengine docs rules`",
        "{code} 属于 PE900-PE999,即自定义检查的代码段:由政策自身的规则(内联标准或 .rules 文件)以其自定的"
        "级别和消息报告;参见 `policyengine docs rules`",
    ),
    "no_doc": ("no page '{name}' in the documentation{hint}", "文档中没有“{name}”页面{hint}"),
    "docs_list": ("; `policyengine docs` lists the pages", ";运行 `policyengine docs` 查看全部页面"),
    "unknown_code": (
        "unknown check code '{code}'; `policyengine explain` lists them",
        "未知的检查代码“{code}”;运行 `policyengine explain` 查看全部",
    ),
    "simulating": ("simulating", "模拟中"),
    "workers_and_scheduler": (
        "--workers and --scheduler exclude each other: the cluster decides how many workers",
        "--workers 与 --scheduler 不能同时使用:工作进程数由集群决定",
    ),
    "resumed": (
        "resumed: {reused} of {records} runs read from {path}, {computed} computed",
        "续算:{records} 次运行中 {reused} 次读自 {path},{computed} 次新算",
    ),
    "plot_partial": (
        "--plot: some runs carry no monthly series; only metrics.png was drawn",
        "--plot:部分运行不含月度序列;仅绘制了 metrics.png",
    ),
    "epoch": (
        "SOURCE_DATE_EPOCH must be a number of seconds, not '{epoch}'",
        "SOURCE_DATE_EPOCH 须为秒数,而不是“{epoch}”",
    ),
    "report_written": ("policyengine: wrote {path}", "policyengine:已写入 {path}"),
}
