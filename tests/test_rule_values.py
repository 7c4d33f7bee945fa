"""Values a rule may not hold: a term that is not positive and a negative transfer (PE007, never a
decision), and a string escape the language does not know (PE006 at the backslash, never dropped)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyengine.config import Config
from policyengine.graph import PolicyGraph
from policyengine.lint import lint_paths
from policyengine.messages.catalogue import render
from policyengine.rules.compiler import Compiler
from policyengine.rules.facts import Facts
from policyengine.rules.parser import ESCAPES, RuleSyntaxError, parse

from .util import lint_files, located

H = Path(__file__).resolve().parent.parent / "policies" / "h_district"
RULE_CODES = Config(select=frozenset({"PE006", "PE007"}))
UNITS = {"h": 1 / 24, "d": 1, "w": 7, "mo": 30, "y": 365}


def problems(text: str, lang: str = "en") -> list[tuple[int, int, str]]:
    compiler = Compiler()
    compiler.rule(parse(text))
    return [(p.pos.line, p.pos.column, render(p.message, lang)) for p in compiler.problems]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("otherwise admit with term(-5d)", [(1, 27, "a term must be a positive duration, not -5 days")]),
        ("otherwise admit with term(0d)", [(1, 27, "a term must be a positive duration, not 0 days")]),
        ("otherwise admit with term(30d - 60d)", [(1, 31, "a term must be a positive duration, not -30 days")]),
        ("otherwise admit with term(-(2w))", [(1, 27, "a term must be a positive duration, not -14 days")]),
        (
            "otherwise admit with transfer(money = -1000, people = 0)",
            [(1, 39, "money must not be negative, not -1000 (a transfer gives, it does not take)")],
        ),
        (
            "otherwise admit with transfer(people = 1 - 3)",
            [(1, 42, "people must not be negative, not -2 (a transfer gives, it does not take)")],
        ),
    ],
)
def test_a_constant_term_or_transfer_out_of_range_is_a_type_error(text, expected):
    assert problems(text) == expected


def test_the_value_errors_in_chinese():
    assert problems("otherwise admit with term(-5d), transfer(money = -3)", "zh") == [
        (1, 27, "期限必须为正数,而不是 -5 天"),
        (1, 50, "money 不得为负数,而不是 -3(transfer 随事项拨付,不能反向收取)"),
    ]


@given(count=st.integers(0, 10**6), unit=st.sampled_from(sorted(UNITS)))
def test_every_term_that_is_not_positive_is_refused_and_every_positive_one_kept(count, unit):
    refused = problems(f"otherwise admit with term(-{count}{unit})")
    assert [(line, column) for line, column, _ in refused] == [(1, 27)]
    kept = problems(f"otherwise admit with term({count}{unit})")
    assert kept == ([] if count > 0 else [(1, 27, "a term must be a positive duration, not 0 days")])


@given(amount=st.integers(1, 10**12), key=st.sampled_from(["money", "people"]))
def test_every_negative_transfer_is_refused_and_zero_is_kept(amount, key):
    assert [(line, col) for line, col, _ in problems(f"otherwise admit with transfer({key} = -{amount})")] == [
        (1, 34 + len(key))
    ]
    assert problems(f"otherwise admit with transfer({key} = {amount}, {key} = 0)") == []


@pytest.fixture(scope="module")
def facts() -> Facts:
    policy = lint_paths([H]).policy
    assert policy is not None
    return Facts(policy, PolicyGraph(policy, "2026-01-01"), "2026-01-01")


def test_a_term_computed_negative_from_the_facts_counts_as_no_term(facts):
    compiler = Compiler()
    rule = compiler.rule(parse("otherwise admit with term(on - 2999-01-01), transfer(money = 0 - count({1}))"))
    assert compiler.problems == []
    outcome = rule.evaluate(facts, next(iter(facts.policy.items)))
    assert outcome is not None
    assert (outcome.kind, outcome.term_days, outcome.money) == ("conditional", None, 0.0)


def test_a_negative_term_in_a_policy_is_a_finding_not_a_decision(tmp_path):
    files = {
        "p.yaml": """
        tiers:
          - {id: district, name: {en: District}}
          - {id: grid, name: {en: Grid}, parent: district}
        admission:
          - id: gate
            tier: grid
            criteria:
              - when item.kind == "temporary" then admit with term(-5d)
        """
    }
    result = lint_files(tmp_path, files, RULE_CODES)
    assert located(result) == [("PE007", "p.yaml", 8, 60)]
    assert result.findings[0].message == "ill-typed rule: a term must be a positive duration, not -5 days"


@pytest.mark.parametrize("char", ["r", "0", "u", "'", "x", "é"])
def test_an_unknown_escape_is_a_syntax_error_at_its_backslash(char):
    with pytest.raises(RuleSyntaxError) as caught:
        parse(f'when true then reject "a\\{char}b"')
    assert (caught.value.line, caught.value.column) == (1, 25)
    assert render(caught.value.message, "en") == (
        f"unknown escape '\\{char}' in a string; a string knows \\n, \\t, \\\" and \\\\"
    )
    assert render(caught.value.message, "zh") == (f'字符串中有未知的转义“\\{char}”;字符串只支持 \\n、\\t、\\" 和 \\\\')


@given(
    before=st.text(st.characters(blacklist_characters='"\\\n', blacklist_categories=("Cs",)), max_size=20),
    char=st.characters(blacklist_characters='\n"\\nt', blacklist_categories=("Cs",)),
    line=st.integers(0, 3),
)
def test_every_unknown_escape_is_refused_where_it_is_written(before, char, line):
    text = "\n" * line + f'otherwise reject "{before}\\{char}"'
    with pytest.raises(RuleSyntaxError) as caught:
        parse(text)
    assert (caught.value.line, caught.value.column) == (line + 1, 19 + len(before))


@pytest.mark.parametrize("where", ["reject", "rule title", "finding"])
def test_the_known_escapes_are_read_everywhere_a_string_stands(where):
    written = '"n\\n t\\t q\\" b\\\\"'
    meant = 'n\n t\t q" b\\'
    assert set(ESCAPES) == {"n", "t", '"', "\\"}
    if where == "reject":
        assert parse(f"otherwise reject {written}")[0].action.reason == meant
    elif where == "rule title":
        assert parse(f"rule r {written}: otherwise admit", "rules")[0].title == meant
    else:
        assert parse(f"otherwise finding PE901 info {written}")[0].action.reason == meant


def test_an_unknown_escape_in_a_rules_file_is_located_in_the_file(tmp_path):
    files = {
        "p.yaml": """
        tiers:
          - {id: district, name: {en: District}}
        """,
        "p.rules": 'rule r:\n  when true then reject "tab\\rhere"\n',
    }
    result = lint_files(tmp_path, files, RULE_CODES)
    assert located(result) == [("PE006", "p.rules", 2, 29)]
