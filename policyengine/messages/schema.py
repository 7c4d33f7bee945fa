"""What the JSON Schema refuses (PE002), said of the place it refuses (`schema.*`)."""

MESSAGES = {
    "unknown_key": ("unknown key '{key}' in {where}{hint}", "{where} 中有未知的键“{key}”{hint}"),
    "one_of": ("; expected one of: {allowed}", ";应为以下之一:{allowed}"),
    "missing_key": ("{where} is missing the required key '{key}'", "{where} 缺少必需的键“{key}”"),
    "not_one_of": ("{value} is not one of: {options}", "{value} 不是以下取值之一:{options}"),
    "not_one_of_guess": (
        "{value} is not one of: {options}; did you mean '{guess}'?",
        "{value} 不是以下取值之一:{options};是否想写“{guess}”?",
    ),
    "wrong_type": ("{value} is not of type {expected}", "{value} 不是{expected}"),
    # the JSON Schema's types, in words (`schema.type.*`)
    "type.array": ("array", "列表"),
    "type.object": ("object", "映射"),
    "type.string": ("string", "字符串"),
    "type.number": ("number", "数值"),
    "type.integer": ("integer", "整数"),
    "type.boolean": ("boolean", "布尔值(true 或 false)"),
    "type.null": ("null", "空值"),
    "bad_id": (
        "{value} is not a valid id (letters, digits, '_', '.', '-'; starting with a letter or '_')",
        "{value} 不是有效的 id(字母、数字、'_'、'.'、'-',以字母或 '_' 开头)",
    ),
    "bad_time": (
        '{value} is not a time of day HH:MM (quote it: "08:30")',
        '{value} 不是 HH:MM 格式的时间(请加引号:"08:30")',
    ),
    "bad_pattern": ("{value} does not match {pattern}", "{value} 不符合格式 {pattern}"),
    "below_minimum": ("{value} is below the minimum {minimum:,}", "{value} 小于最小值 {minimum:,}"),
    "above_maximum": ("{value} is above the maximum {maximum:,}", "{value} 大于最大值 {maximum:,}"),
    "repeated": ("the list has repeated entries", "列表中有重复项"),
    # a size out of bounds: entries of a list, characters of a text, keys of a mapping
    "too_few_items": (
        "the list is too short: it needs at least {minimum} and has {count} entries",
        "列表有 {count} 项,至少应有 {minimum} 项",
    ),
    "too_many_items": (
        "the list is too long: it takes at most {maximum} and has {count} entries",
        "列表有 {count} 项,最多 {maximum} 项",
    ),
    "too_short": (
        "the text is too short: it needs at least {minimum} and has {count} characters",
        "文字有 {count} 个字符,至少应有 {minimum} 个",
    ),
    "too_few_keys": (
        "the mapping is too short: it needs at least {minimum} and has {count} keys",
        "映射有 {count} 个键,至少应有 {minimum} 个",
    ),
    "unit_or_tier": (
        "{where} needs exactly one of the keys 'unit' or 'tier'",
        "{where} 须且只须含有“unit”或“tier”之一",
    ),
    "exactly_one": ("{where} needs exactly one of: {keys}", "{where} 须且只须含有以下之一:{keys}"),
    "not_together": ("{where} may not have all of {keys}", "{where} 不能同时含有{keys}"),
    "other": ("{message}", "不符合模式:{message}"),
    "the_document": ("the document", "文档"),
    # what a document that is not a mapping is instead (PE002 `mapping`)
    "found_list": ("a list", "列表"),
    "found_null": ("null", "空值"),
    "found_scalar": ("a scalar ({value})", "标量({value})"),
    # an id with white space typed inside it (`网 格`): the id without it
    "bad_id_guess": (
        "{value} is not a valid id (letters, digits, '_', '.', '-'; starting with a letter or '_'); did you mean '{guess}'?",
        "{value} 不是有效的 id(字母、数字、'_'、'.'、'-',以字母或 '_' 开头);是否想写“{guess}”?",
    ),
}
