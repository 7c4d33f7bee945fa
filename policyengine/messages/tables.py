"""Tables in and out: `policyengine import` and the review workbook (`tables.*`); the words for the
fields of an imported item (`term.import_field.*`, unprefixed, in TERMS)."""

MESSAGES = {
    "needs_extra": (
        "reading and writing tables needs {package}: pip install 'openpyxl>=3.1' 'python-docx>=1.1' (the extra '{extra}')",
        "读写表格需要 {package}:pip install 'openpyxl>=3.1' 'python-docx>=1.1'(可选组件“{extra}”)",
    ),
    "corrupt": ("the file is damaged and cannot be read ({reason})", "文件已损坏,无法读取({reason})"),
    "encrypted": (
        "the workbook is protected by a password; save a copy without the password (File > Info > Protect Workbook) and import that",
        "工作簿设有打开密码;请另存一份不设密码的副本(文件 > 信息 > 保护工作簿)后再导入",
    ),
    "encrypted_doc": (
        "the document is protected by a password; save a copy without the password (File > Info > Protect Document) and import that",
        "文档设有打开密码;请另存一份不设密码的副本(文件 > 信息 > 保护文档)后再导入",
    ),
    "old_xls": (
        "an Excel 97-2003 workbook (.xls) cannot be read; save it as an Excel workbook (.xlsx) and import that",
        "不支持 Excel 97-2003 格式(.xls);请另存为 Excel 工作簿(.xlsx)后再导入",
    ),
    "old_doc": (
        "a Word 97-2003 document (.doc) cannot be read; save it as a Word document (.docx) and import that",
        "不支持 Word 97-2003 格式(.doc);请另存为 Word 文档(.docx)后再导入",
    ),
    "sheet_missing": (
        "the workbook lists the sheet '{sheet}' but the file holds none of it: the file is damaged; let Excel or WPS repair it (open it and save it), then import again",
        "工作簿列有工作表“{sheet}”,但文件中没有该工作表的内容,文件已损坏;请用 Excel 或 WPS 打开修复并保存后再导入",
    ),
    "not_xlsx": ("not an Excel workbook (.xlsx)", "不是 Excel 工作簿(.xlsx)"),
    "not_docx": ("not a Word document (.docx)", "不是 Word 文档(.docx)"),
    "no_tables": ("the document holds no table", "文档中没有表格"),
    "bomb": (
        "refused unopened: the part {part} would inflate from {packed:,} to {size:,} bytes, far more than a table packs to",
        "拒绝打开:其中 {part} 将由 {packed:,} 字节解压至 {size:,} 字节,远超正常表格的压缩比例",
    ),
    "too_big": (
        "refused unopened: its parts would inflate to {size:,} bytes, more than the {limit:,} read from one workbook",
        "拒绝打开:解压后共 {size:,} 字节,超过单个工作簿的读取上限({limit:,} 字节)",
    ),
    "formula_no_value": (
        "{n} cell(s) hold a formula saved without its value ({cells}); formulas are never calculated here: open the file in Excel or WPS, save it, and import again",
        "有 {n} 个单元格的公式没有保存计算结果({cells});本工具不计算公式:请用 Excel 或 WPS 打开并保存后再导入",
    ),
    "encoding": ("{file}: read as {encoding} ({how})", "{file}:按 {encoding} 编码读取({how})"),
    "delimiter": ("{file}: cells separated by {delimiter}", "{file}:单元格以{delimiter}分隔"),
    "utf16": (
        "the file is in UTF-16; save it as UTF-8 (CSV UTF-8) and import that",
        "文件为 UTF-16 编码;请另存为 UTF-8 编码(CSV UTF-8)后再导入",
    ),
    "encoding_unknown": (
        "neither UTF-8 nor GB18030 (byte 0x{byte:02x}); save the file as UTF-8, or name its encoding with --encoding",
        "既不是 UTF-8 也不是 GB18030 编码(字节 0x{byte:02x});请另存为 UTF-8 编码,或用 --encoding 指明编码",
    ),
    "no_such_encoding": ("--encoding: no encoding is called '{encoding}'", "--encoding:没有名为“{encoding}”的编码"),
    "not_in_encoding": (
        "not {encoding}, as --encoding says (byte 0x{byte:02x})",
        "与 --encoding 指明的 {encoding} 编码不符(字节 0x{byte:02x})",
    ),
    "not_chinese": (
        "read as GB18030 it does not look like Chinese text (only {share}% of its Chinese characters are common ones, the first uncommon one here): it may be Big5 or another encoding; save it as UTF-8, or name its encoding with --encoding",
        "按 GB18030 读取后不像中文文本(常用汉字仅占 {share}%,此处为第一个生僻字):可能是 Big5 等其他编码;请另存为 UTF-8 编码,或用 --encoding 指明编码",
    ),
    "csv_error": ("not a readable CSV line ({reason})", "该行不符合 CSV 格式({reason})"),
    "csv_open_quote": (
        "a quotation mark opens a cell here and is never closed: the rest of the file would be read into that cell; close the quotation mark or remove it",
        "此处单元格以引号开头,但引号没有闭合,其后全部内容将被读入该单元格;请补全或删去该引号",
    ),
    "no_preset": ("no preset is called '{name}'{hint}", "没有名为“{name}”的预设{hint}"),
    "presets": ("; the presets are {names}", ";现有预设:{names}"),
    "mapping_unreadable": ("the mapping cannot be read: {problem}", "映射文件无法读取:{problem}"),
    "bad_pattern": ("not a valid regular expression ({reason})", "不是有效的正则表达式({reason})"),
    "empty_required": ("the {field} is empty, and the mapping requires it", "{field}为空,而映射规定此项必填"),
    "unknown_value": (
        "{text} is not a {field} the mapping knows; it knows {known}",
        "{text}不是映射中规定的{field};可填写:{known}",
    ),
    "no_header": (
        "no row among the first {n} names the columns (a header holding {wanted})",
        "前 {n} 行中没有表头(应含有{wanted})",
    ),
    "empty_table": ("the table holds no text", "表格中没有任何内容"),
    "no_column": (
        "the header has no column for the {field} (one of {wanted})",
        "表头中没有{field}列(应为{wanted}之一)",
    ),
    "bad_value": (
        "{value} is not a {field} the policy format knows ({known})",
        "{value}不是政策格式中的{field}(可取:{known})",
    ),
    "no_tier": (
        "the item has no tier: the mapping ({mapping}) gives none and no column holds one",
        "事项没有所属层级:映射({mapping})未规定,表中也没有层级列",
    ),
    "unknown_ref": ("{kind} {value} is not declared{hint}", "{kind}{value}未声明{hint}"),
    "unit_no_tier": (
        "the mapping ({mapping}) says no tier for the body {unit}",
        "映射({mapping})未规定单位{unit}所属层级",
    ),
    "no_guess": (
        "cannot tell the table's layout from its header; name one with --preset ({presets}) or --mapping FILE",
        "无法从表头判断表格样式;请用 --preset 指定预设({presets}),或用 --mapping 指定映射文件",
    ),
    "guessed": (
        "{file}: guessed preset {preset} (score {points}: headers {headers}; others: {others}); give --preset or --mapping to choose",
        "{file}:推测适用预设 {preset}(得分 {points}:表头含{headers};其他预设:{others});可用 --preset 或 --mapping 指定",
    ),
    "unknown_suffix": (
        "cannot read a '{suffix}' file as a table; tables are {known}",
        "无法将“{suffix}”文件作为表格读取;支持:{known}",
    ),
    "no_sheet": (
        "no sheet is called '{sheet}'; the sheets are {sheets}",
        "没有名为“{sheet}”的工作表;现有工作表:{sheets}",
    ),
    "csv_no_sheets": (
        "{file}: a CSV file has no sheets; --sheet does not apply to it, and all of it was read",
        "{file}:CSV 文件没有工作表,--sheet 对其不适用,已读取全部内容",
    ),
    "hidden_sheet": (
        "{file}: the sheet '{sheet}' is hidden and was not read (name it with --sheet to read it)",
        "{file}:工作表“{sheet}”为隐藏工作表,未读取(如需读取,请用 --sheet 指定)",
    ),
    "bound": ("{header} ({column}) -> {field}", "{header}({column})→{field}"),
    "preset_named": ("preset {name}", "预设 {name}"),
    "read_sheet": (
        "{table}: read with {mapping}, header in row {header}: {bound}; kept as they stand: {kept}",
        "{table}:按 {mapping} 读取,表头在第 {header} 行:{bound};原样保留的列:{kept}",
    ),
    "read_sheet_by_letter": (
        "{table}: read with {mapping}, no header (columns by letter): {bound}",
        "{table}:按 {mapping} 读取,无表头(按列字母读取):{bound}",
    ),
    "kept": ("{header} ({column})", "{header}({column})"),
    "sheet_not_read": ("{table}: not read: {reason}", "{table}:未读取:{reason}"),
    "not_ours": (
        "the file exists and was not written by policyengine import; it is left as it is: import into another directory, or move it",
        "该文件已存在,且不是由 policyengine import 生成的,不予覆盖:请导入到其他目录,或先移走该文件",
    ),
    "nothing_read": ("no sheet of the tables could be read", "所给表格中没有可读取的工作表"),
    "written": (
        "{path}: {items} item(s) from {tables} table(s); declared {units} unit(s), {categories} category(ies), {lists} list(s), {tiers} tier(s)",
        "{path}:自 {tables} 张表导入事项 {items} 项;声明单位 {units} 个、类别 {categories} 个、清单 {lists} 个、层级 {tiers} 个",
    ),
    "mapping_not_read": (
        "{n} problem(s) in the mapping; nothing was read or written",
        "映射文件中共有 {n} 处问题;未读取表格,也未写入任何文件",
    ),
    "not_written": (
        "{n} problem(s) in the tables; nothing was written",
        "表格中共有 {n} 处问题;未写入任何文件",
    ),
}

# the fields of an imported item, as import messages name them
TERMS = {
    "term.import_field.id": ("id", "标识"),
    "term.import_field.name": ("item name", "事项名称"),
    "term.import_field.kind": ("item kind", "事项类型"),
    "term.import_field.tier": ("tier", "所属层级"),
    "term.import_field.role": ("role", "履职方式"),
    "term.import_field.category": ("category", "事项类别"),
    "term.import_field.owner": ("responsible body", "责任主体"),
    "term.import_field.co_handlers": ("cooperating bodies", "配合单位"),
    "term.import_field.legal_basis": ("legal basis", "法律依据"),
    "term.import_field.note": ("note", "备注"),
    "term.import_field.description": ("description", "说明"),
    "term.import_field.list": ("list", "所属清单"),
    "term.import_field.deadline": ("time limit", "办理时限"),
    "term.import_kind.tier": ("tier", "层级"),
    "term.import_kind.unit": ("body", "单位"),
    "term.import_kind.list": ("list", "清单"),
    "term.encoding.named": ("as --encoding says", "按 --encoding 指定"),
    "term.encoding.detected": ("detected", "自动识别"),
    "term.delimiter.tab": ("tabs", "制表符"),
    "term.delimiter.semicolon": ("semicolons", "分号"),
}

# the review workbook's column heads and sheet names
MESSAGES.update(
    {
        "col.codes": ("codes", "问题代码"),
        "col.severity": ("severity", "严重程度"),
        "col.findings": ("findings", "发现的问题"),
        "col.decision": ("admission", "准入结论"),
        "col.detail": ("admission detail", "准入说明"),
        "col.item": ("item", "事项"),
        "col.tier": ("tier", "层级"),
        "col.kind": ("kind", "事项类型"),
        "col.role": ("role", "履职方式"),
        "col.owner": ("responsible department", "主管部门"),
        "col.lists": ("lists", "所属清单"),
        "col.cell": ("cell", "单元格"),
        "col.where": ("where (YAML)", "位置(YAML)"),
        "col.code": ("code", "代码"),
        "col.subject": ("about", "对象"),
        "col.message": ("finding", "问题"),
        "sheet.items": ("items", "事项"),
        "sheet.findings": ("findings", "全部问题"),
    }
)
TERMS["term.kind.table"] = ("table", "表格")
