"""Chinese messages say types, token kinds and characters in words, and write numbers with thousands
separators: no `array`, `string`, `lpar` or `$end` inside a Chinese sentence. English keeps the names the
schema and the rule language use."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.messages import msg
from policyengine.messages.catalogue import render
from policyengine.rules.facts import in_words
from policyengine.rules.parser import RuleSyntaxError, parse

TYPES = ("array", "object", "string", "number", "integer", "boolean", "null")
RULE_TYPES = ("string", "number", "bool", "date", "duration", "item", "unit", "tier", "list", "any")


def lint(tmp_path, text: str, lang: str) -> list[str]:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path), "--lang", lang, "--format", "json"])
    return [f["message"] for f in json.loads(result.output)["findings"]]


@pytest.mark.parametrize(
    ("lang", "said"),
    [("zh", ["3 不是列表", "'x' 不是映射"]), ("en", ["3 is not of type array", "'x' is not of type object"])],
)
def test_a_value_of_the_wrong_type_names_the_type_in_words(tmp_path, lang, said):
    messages = lint(tmp_path, "policy:\n  id: p\n  name: x\ntiers: 3\n", lang)
    assert sorted(m for m in messages if m.startswith(("3 ", "'x'"))) == sorted(said)


@given(st.lists(st.sampled_from(TYPES), min_size=1, max_size=3, unique=True))
def test_every_schema_type_has_chinese_words(types):
    from policyengine.schema import _in_words

    chinese = render(msg("schema.wrong_type", value="3", expected=_in_words(types)), "zh")
    # true and false are what to write: the only words kept as written
    assert not re.search(r"[A-Za-z]", chinese.replace("true", "").replace("false", ""))
    english = render(msg("schema.wrong_type", value="3", expected=_in_words(types)), "en")
    assert english == f"3 is not of type {' or '.join(types)}"


@given(st.lists(st.sampled_from(RULE_TYPES), min_size=1, max_size=3, unique=True), st.booleans())
def test_every_rule_type_has_chinese_words(types, as_set):
    written = "|".join(f"set<{t}>" if as_set else t for t in types)
    assert not re.search(r"[A-Za-z<>|]", render(in_words(written), "zh"))
    assert render(in_words(written), "en") == " or ".join(written.split("|"))


def problem(rule: str, lang: str) -> str:
    with pytest.raises(RuleSyntaxError) as raised:
        parse(rule)
    return render(raised.value.message, lang)


@pytest.mark.parametrize(
    ("rule", "zh", "en"),
    [
        ("admit", "意外的“admit”;应为“otherwise”、“when”", "unexpected 'admit'; expected otherwise, when"),
        (
            "when item.kind == then admit",
            "意外的“then”;应为日期、期限、“{”、“(”、“-”、名称",
            "unexpected 'then'; expected date, duration, lbrace, lpar, minus, name",
        ),
        (
            'when true then admit else reject "x"',
            "意外的“else”;应为规则结尾、“otherwise”、“rule”、“when”、“with”",
            "unexpected 'else'; expected the end, otherwise, rule, when, with",
        ),
        ('when true then finding PE101 error "x"', "意外的“PE101”;应为检查代码", "unexpected 'PE101'; expected code"),
    ],
)
def test_what_the_parser_expected_is_said_in_words(rule, zh, en):
    assert problem(rule, "zh") == zh
    assert problem(rule, "en") == en


def test_a_function_argument_of_the_wrong_type_is_said_in_words(tmp_path):
    from .test_rules_and_checks_pages import _messages

    rule = 'when powers("x") == {} then admit'
    assert _messages(rule, "zh") == ["powers() 的参数须为层级或单位,而不是字符串"]
    assert _messages(rule, "en") == ["powers() takes tier or unit, not string"]
    assert _messages("when item.requires > 3 then admit", "zh") == ["无法比较字符串集合与数值的大小"]
    assert _messages("when item.requires > 3 then admit", "en") == ["cannot order set<string> against number"]


def test_a_character_yaml_refuses_is_said_in_chinese(tmp_path):
    assert lint(tmp_path, "policy:\n  id: p\x07\n", "zh") == ["YAML 语法错误:YAML 中不允许出现字符 U+0007"]


@given(st.integers(min_value=1_000, max_value=10**9))
def test_sizes_in_limit_messages_have_thousands_separators_in_both_languages(size):
    for key in ("too_long", "file_too_long", "string_too_long"):
        for lang in ("zh", "en"):
            said = render(msg(f"rules.{key}", size=size, limit=1000), lang)
            assert f"{size:,}" in said and "1,000" in said
    said = render(msg("rules.too_many_operators", count=size, limit=1000), "zh")
    assert said == f"该表达式含 {size:,} 个运算符,超过单个表达式 1,000 个的上限"
