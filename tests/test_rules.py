"""The rule language: parsing with positions, static typing, compiled evaluation."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.config import Config
from policyengine.errors import PolicyEngineError
from policyengine.graph import PolicyGraph
from policyengine.lint import lint_paths
from policyengine.messages.catalogue import render
from policyengine.rules.compiler import Compiler
from policyengine.rules.facts import Facts
from policyengine.rules.parser import RuleSyntaxError, parse

H = Path(__file__).resolve().parent.parent / "policies" / "h_district"
RULE_CODES = Config(select=frozenset({"PE006", "PE007"}))  # the rule checker's codes only


@pytest.fixture(scope="module")
def facts() -> Facts:
    policy = lint_paths([H]).policy
    return Facts(policy, PolicyGraph(policy, "2026-01-01"), "2026-01-01")


def compile_ok(text: str, subject: str = "item"):
    compiler = Compiler(subject)
    rule = compiler.rule(parse(text))
    assert compiler.problems == []
    return rule


def problems(text: str) -> list[tuple[int, int, str]]:
    compiler = Compiler()
    compiler.rule(parse(text))
    return [(p.pos.line, p.pos.column, render(p.message, "en")) for p in compiler.problems]


@pytest.mark.parametrize(
    "text, line, column, message",
    [
        ("when item.kind == then admit", 1, 19, "unexpected 'then'"),
        ("when x then", 1, 12, "the rule ends too early"),
        ("when a $ b then admit", 1, 8, "unexpected character '$'"),
        ("admit", 1, 1, "unexpected 'admit'; expected otherwise, when"),
        ('when item.kind == "line"\n  then reject', 2, 14, "the rule ends too early"),
    ],
)
def test_syntax_errors_are_located(text, line, column, message):
    with pytest.raises(RuleSyntaxError) as caught:
        parse(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert render(caught.value.message, "en").startswith(message)


def test_keywords_do_not_swallow_longer_names():
    clause = parse("when items_count > 1 and forward == 2 then admit")[0]
    assert clause.condition.first.left.parts == ("items_count",)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('when item.knd == "line" then admit', [(1, 11, "item has no attribute 'knd' (did you mean 'kind'?)")]),
        ("when item.requires > 3 then admit", [(1, 20, "cannot order set<string> against number")]),
        ("when item.kind then admit", [(1, 6, "a condition must be true or false, not string")]),
        ('when "penalty" in item.tier then admit', [(1, 6, "cannot test string for membership in tier")]),
        ("when count(item.kind) > 1 then admit", [(1, 12, "count() takes set, not string")]),
        (
            "when item.cost.hours_per_month + item.requires > 1 then admit",
            [(1, 32, "cannot apply '+' to number and set<string>")],
        ),
        (
            'otherwise admit when true then reject "x"',
            [(1, 17, "unreachable clause: an earlier clause always applies")],
        ),
        ("when false then admit otherwise admit", [(1, 6, "unreachable clause: its condition is never true")]),
        ("when y > 1 then admit", [(1, 6, "unknown name 'y' (in scope: item, on)")]),
        ("when true then admit with term(3)", [(1, 32, "term takes a duration such as 90d, not number")]),
        ('when true then finding PE901 loud "x"', [(1, 16, "severity must be error, warning or info, not 'loud'")]),
        (
            "when frob(item) then admit",
            [(1, 6, "unknown function 'frob' (known: count, items, max, min, parent, powers, stated, units)")],
        ),
    ],
)
def test_type_errors_are_located(text, expected):
    assert problems(text) == expected


def test_well_typed_rules_have_no_problems():
    compile_ok(
        "when all(u in units(item.tier): u.headcount > 0) and item.tier.depth >= 3 then admit "
        'when "penalty" not in item.requires_all then reject "no" '
        "when on + 30d > 2026-01-01 and item.valid_to == item.valid_to then admit with term(1y) "
        'otherwise finding PE901 warning "m"'
    )


def test_authority_follows_responsibility_on_h_district(facts):
    rule = compile_ok(
        "when item.requires <= powers(item.tier) + item.funding.powers then admit "
        'when item.kind == "line" then admit with devolve(item.requires - powers(item.tier)), '
        "transfer(money = 1000, people = 0.5), term(90d) "
        'otherwise reject "no power"'
    )
    fire = rule.evaluate(facts, "fire_hazards_small_venues")
    assert (fire.kind, fire.devolve, fire.money, fire.people, fire.term_days) == (
        "conditional",
        frozenset({"penalty"}),
        1000,
        0.5,
        90,
    )
    road = rule.evaluate(facts, "broken_road")
    assert (road.kind, road.clause) == ("admit", 0)


def test_quantifier_and_entity_attributes(facts):
    rule = compile_ok('when any(u in item.co_handlers: u.sent_by == item.owner) then reject "seconded" otherwise admit')
    assert rule.evaluate(facts, "fire_hazards_small_venues").kind == "reject"
    assert rule.evaluate(facts, "census").kind == "admit"


def test_no_clause_applies_gives_none(facts):
    rule = compile_ok('when item.kind == "nothing" then admit')
    assert rule.evaluate(facts, "census") is None


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list(
                'when then admit reject otherwise item.kind == "x" ( ) { } , '
                "and or not in 1 2d 2024-01-01 all any : + - * / < > PE901"
            )
        )
    )
)
def test_parser_raises_only_its_own_errors(text):
    try:
        clauses = parse(text)
    except PolicyEngineError:
        return
    Compiler().rule(clauses)  # typing never raises either


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_parser_on_any_text(text):
    with contextlib.suppress(PolicyEngineError):
        parse(text)


def test_evaluation_is_pure_and_order_independent(facts):
    rule = compile_ok(
        'when all(u in units(item.tier): u.kind != "committee") and count(item.requires) > 0 '
        'then admit otherwise reject "r"'
    )
    forward = {i: rule.evaluate(facts, i) for i in facts.policy.items}
    backward = {i: rule.evaluate(facts, i) for i in reversed(list(facts.policy.items))}
    assert forward == backward


CRITERIA = {
    "p.yaml": """
    tiers:
      - {id: district, name: {en: District}}
      - {id: grid, name: {en: Grid}, parent: district}
    admission:
      - id: gate
        tier: grid
        criteria:
          - when item.knd == "line" then admit
          - "when item.kind == then admit"
          - |
            when item.kind == "line"
              and item.requires > 3 then admit
            otherwise admit
          - >
            when item.kind == "line" and
            item.tier.dept > 1 then admit
          - when item.requires <= powers(item.tier) then admit otherwise reject "no power"
    """
}


def test_inline_criteria_errors_are_located_in_the_yaml_file(tmp_path):
    from .util import lint_files, located

    result = lint_files(tmp_path, CRITERIA, RULE_CODES)
    assert located(result) == [
        ("PE007", "p.yaml", 8, 19),
        ("PE006", "p.yaml", 9, 28),
        ("PE007", "p.yaml", 12, 29),
        ("PE007", "p.yaml", 16, 19),
    ]
    assert [f.subject.id for f in result.findings] == ["gate"] * 4


def test_rule_errors_do_not_stop_the_semantic_checks(tmp_path):
    from .util import lint_files

    files = {
        "p.yaml": CRITERIA["p.yaml"]
        + """
    items:
      - {id: fire, name: {en: Fire}, kind: line, tier: grid, role: handle, requires: {handle: [penalty]}}
    """
    }
    result = lint_files(tmp_path, files)
    assert "PE101" in [f.code for f in result.findings]


def test_rule_messages_in_chinese(tmp_path):
    from .util import lint_files

    result = lint_files(tmp_path, CRITERIA, RULE_CODES, lang="zh")
    assert result.findings[0].message == "规则类型错误:item 没有属性“knd”(是否想写“kind”?)"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("when 2024-13-45 > on then admit", [(1, 6, "2024-13-45 is not a calendar date")]),
        (
            "when item.cost > 1 then admit",
            [(1, 11, "item.cost is a group: use one of cost.hours_per_month, cost.yuan_per_year")],
        ),
        ("when item.tier == item.owner then admit", [(1, 16, "cannot compare tier with unit")]),
        ("when item.tier.items == item.mobilises then admit", [(1, 22, "cannot compare set<item> with set<unit>")]),
    ],
)
def test_more_type_errors(text, expected):
    assert problems(text) == expected


def test_a_code_must_stand_alone():
    with pytest.raises(RuleSyntaxError):
        parse('when true then finding PE901abc "x"')


def test_the_authority_dimensions_read_the_grants(facts):
    """H District's ordinal levels, mapped to 0-1: district 0.75, street 0.5, community 0.25, grid 0."""

    def holders(subject: str, text: str) -> list[str]:
        compiler = Compiler(subject, "t")
        rule = compiler.rule(parse(text))
        assert compiler.problems == []
        table = facts.policy.tiers if subject == "tier" else facts.policy.units
        return [x for x in table if rule.evaluate(facts, x) is not None]

    assert holders(
        "tier", 'when tier.resources >= 0.5 and tier.timing == tier.authority then finding PE990 info "x"'
    ) == ["district", "street"]
    assert holders("tier", 'when tier.assessment == 0 then finding PE990 info "x"') == ["grid"]
    assert holders(
        "unit", 'when unit.task_setting > 0.5 and unit.kind == "governance_centre" then finding PE990 info "x"'
    ) == ["district_centre"]
    compiler = Compiler("tier", "t")
    compiler.rule(parse('when tier.timing <= {"a"} then finding PE990 info "x"'))
    assert [render(p.message, "en") for p in compiler.problems] == ["cannot order number against set<string>"]


@pytest.mark.parametrize(
    "subject, text, expected",
    [
        (
            "item",
            "when item.funding.peopel > 0 then admit",
            (19, "item.funding has no attribute 'peopel' (did you mean 'people'?)"),
        ),
        (
            "item",
            "when item.cost.yuan_per_yeer > 0 then admit",
            (16, "item.cost has no attribute 'yuan_per_yeer' (did you mean 'yuan_per_year'?)"),
        ),
        (
            "item",
            "when item.cost.hours > 0 then admit",
            (16, "item.cost has no attribute 'hours' (known: hours_per_month, yuan_per_year)"),
        ),
        (
            "item",
            "when item.fundng.people > 0 then admit",
            (11, "item has no attribute 'fundng' (did you mean 'funding'?)"),
        ),
        (
            "item",
            "when item.owner.tier.parnt.depth > 0 then admit",
            (22, "tier has no attribute 'parnt' (did you mean 'parent'?)"),
        ),
        (
            "item",
            "when any(u in item.co_handlers: u.sent_byy == item.owner) then admit",
            (35, "unit has no attribute 'sent_byy' (did you mean 'sent_by'?)"),
        ),
        (
            "unit",
            'when unit.headcont > 1 then finding PE990 info "x"',
            (11, "unit has no attribute 'headcont' (did you mean 'headcount'?)"),
        ),
        (
            "tier",
            'when tier.deph > 1 then finding PE990 info "x"',
            (11, "tier has no attribute 'deph' (did you mean 'depth'?)"),
        ),
        (
            "list",
            'when count(list.itms) > 1 then finding PE990 info "x"',
            (17, "list has no attribute 'itms' (did you mean 'items'?)"),
        ),
    ],
)
def test_a_misspelt_attribute_is_named_where_it_is_written_with_a_did_you_mean(subject, text, expected):
    """At every step of every path, the part that fits nothing, against the names valid at that step."""
    compiler = Compiler(subject, "t")
    compiler.rule(parse(text))
    assert [(p.pos.line, p.pos.column, render(p.message, "en")) for p in compiler.problems] == [(1, *expected)]


def test_a_misspelt_attribute_in_a_yaml_criterion_is_located_in_the_file(tmp_path):
    from .util import lint_files

    files = {"p.yaml": CRITERIA["p.yaml"].replace('item.knd == "line"', "item.funding.peopel > 0")}
    result = lint_files(tmp_path, files, RULE_CODES, lang="zh")
    first = result.findings[0]
    assert (first.span.line, first.span.column) == (8, 27)
    assert first.message == "规则类型错误:item.funding 没有属性“peopel”(是否想写“people”?)"
