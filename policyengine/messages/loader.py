"""Reading policy files: paths, encodings, YAML (`loader.*`)."""

MESSAGES = {
    "no_policy_files": (
        "{path}: no policy files (*.yaml, *.yml) in this directory",
        "{path}:该目录中没有政策文件(*.yaml、*.yml)",
    ),
    # what a path names, when it is not what the command reads ({kind}: term.file.*)
    "not_regular": ("{path}: {kind}, not a regular file or directory", "{path}:为{kind},不是普通文件或目录"),
    "not_file": ("{path}: {kind}, not a regular file", "{path}:为{kind},不是普通文件"),
    "not_directory": ("{path}: {kind}, not a directory", "{path}:为{kind},不是目录"),
    "no_such_path": ("{path}: no such file or directory", "{path}:文件或目录不存在"),
    "dangling_link": (
        "{path}: a symbolic link to {target}, which does not exist",
        "{path}:符号链接指向的 {target} 不存在",
    ),
    "link_loop": ("{path}: a loop of symbolic links", "{path}:符号链接循环,无法解析"),
    "dir_loop": (
        "{path}: a symbolic link to {target}, a directory it is in (a loop)",
        "{path}:符号链接指向其所在的目录 {target},形成循环",
    ),
    "too_large": (
        "{path}: larger than {limit:,} bytes, the most read from one input file",
        "{path}:超过单个输入文件的读取上限({limit:,} 字节)",
    ),
    "not_utf8": (
        "not UTF-8 (byte 0x{byte:02x}); policy files must be UTF-8",
        "不是 UTF-8 编码(字节 0x{byte:02x});政策文件必须使用 UTF-8",
    ),
    "nul": ("contains a NUL character; not a text file", "包含 NUL 字符;不是文本文件"),
    "empty_file": ("empty file: a policy file holds at least one section", "空文件:政策文件至少须包含一个部分"),
    "no_document": ("no YAML document (only comments or blank lines)", "没有 YAML 文档(只有注释或空行)"),
    "too_deep": ("YAML nested more than {depth} levels deep", "YAML 嵌套超过 {depth} 层"),
    "too_deep_aliases": (
        "YAML nested more than {depth} levels deep (through aliases)",
        "YAML 嵌套超过 {depth} 层(经由别名)",
    ),
    "recursive_alias": ("recursive YAML alias: a node contains itself", "递归的 YAML 别名:节点包含自身"),
    "alias_bomb": (
        "YAML aliases expand beyond the limit (an alias bomb?); write the values out",
        "YAML 别名展开超出上限(疑为别名炸弹);请直接写出取值",
    ),
    # what PE001 and PE002 say of a value the YAML reader refuses; the parser's own words are English
    "unreadable": ("unreadable YAML", "无法读取的 YAML"),
    "character": ("character U+{code:04X} is not allowed in YAML", "YAML 中不允许出现字符 U+{code:04X}"),
    "unsupported_tag": ("unsupported YAML tag {tag}", "不支持的 YAML 标签 {tag}"),
    "invalid_scalar": ("{text} is not a valid {kind}", "{text} 不是有效的{kind}"),
    # what a scalar tagged (or read) as one of these is not
    "kind.null": ("null", "空值"),
    "kind.bool": ("bool", "布尔值"),
    "kind.int": ("int", "整数"),
    "kind.float": ("finite number", "有限数值"),
    "number_too_large": (
        "{text} is too large a number (a number in a policy is at most about 1.8e308)",
        "{text} 数值过大(政策中的数值至多约为 1.8e308)",
    ),
}
