"""The rule language's bounds: a rule past one is exactly one located syntax error (PE006), below it
the rule parses, type-checks and runs as usual; operations are total; nothing raises."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.graph import PolicyGraph
from policyengine.lint import lint_paths
from policyengine.messages.catalogue import render
from policyengine.rules import ast
from policyengine.rules.compiler import Compiler
from policyengine.rules.facts import Facts
from policyengine.rules.limits import (
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_FILE_CHARS,
    MAX_OPERATORS,
    MAX_RULE_CHARS,
    MAX_STRING_CHARS,
)
from policyengine.rules.operations import representable
from policyengine.rules.parser import RuleSyntaxError, parse

from .test_rules import H


@cache
def facts() -> Facts:
    policy = lint_paths([H]).policy
    return Facts(policy, PolicyGraph(policy, "2026-01-01"), "2026-01-01")


def syntax_error(text: str) -> tuple[int, int, str]:
    with pytest.raises(RuleSyntaxError) as caught:
        parse(text)
    return caught.value.line, caught.value.column, render(caught.value.message, "en")


def compiled(text: str, well_typed: bool = True) -> Any:
    compiler = Compiler()
    rule = compiler.rule(parse(text))
    if well_typed:
        assert compiler.problems == []
    return rule


@dataclass(frozen=True)
class Nesting:
    """`when PREFIX OPEN*n CORE CLOSE*n SUFFIX then admit otherwise reject "no"`. `around` levels lie
    outside the repeated part; each repetition opens a level at each of its `starts` (offsets into
    OPEN), outermost first, and the core at each of `core_starts`. `holds`: whether the condition
    is true with n repetitions (None: it is ill-typed)."""

    prefix: str
    open: str
    core: str
    close: str
    suffix: str
    around: int
    holds: Callable[[int], bool] | None
    starts: tuple[int, ...] = (0,)
    core_starts: tuple[int, ...] = ()

    def text(self, n: int) -> str:
        condition = f"{self.prefix}{self.open * n}{self.core}{self.close * n}{self.suffix}"
        return f'when {condition} then admit otherwise reject "no"'

    def depth(self, n: int) -> int:
        return self.around + n * len(self.starts) + len(self.core_starts)

    def breach_column(self, n: int) -> int:
        """Where the first level past the bound starts, the (MAX_DEPTH + 1)-th from the outside."""
        base = 1 + len("when ") + len(self.prefix)
        level = MAX_DEPTH - self.around  # 0-based, among the repeated levels and then the core's
        if level < n * len(self.starts):
            repetition, start = divmod(level, len(self.starts))
            return base + repetition * len(self.open) + self.starts[start]
        return base + n * len(self.open) + self.core_starts[level - n * len(self.starts)]


def _even(n: int) -> bool:
    return n % 2 == 0


NESTINGS = {
    "not": Nesting("", "not ", "(1 == 1)", "", "", 0, _even, core_starts=(0, 1)),
    "minus": Nesting("", "-", "1", "", " > 0", 1, _even),
    "parentheses": Nesting("", "(", "1 == 1", ")", "", 0, lambda n: True, core_starts=(0,)),
    "set": Nesting("1 in ", "{", "1", "}", "", 1, None),  # a set of sets is a type error
    "call": Nesting("", "max(1, ", "1", ")", " > 0", 1, lambda n: True),
    "quantifier": Nesting("", "all(u in item.co_handlers: ", "1 == 1", ")", "", 0, lambda n: True, core_starts=(0,)),
    "comparison": Nesting("", "(true == ", "(1 == 1)", ")", "", 0, lambda n: True, (0, 1), (0, 1)),
}
AROUND_AND_BEYOND = st.one_of(st.integers(MAX_DEPTH - 4, MAX_DEPTH + 3), st.integers(0, 2_000))


def check_nesting(kind: str, n: int) -> None:
    shape = NESTINGS[kind]
    text = shape.text(n)
    if len(text) > MAX_RULE_CHARS:  # the first bound, checked before any other
        assert syntax_error(text) == (
            1,
            1,
            f"the rule is {len(text):,} characters long; a rule holds at most {MAX_RULE_CHARS:,}",
        )
    elif shape.depth(n) > MAX_DEPTH:
        assert syntax_error(text) == (1, shape.breach_column(n), f"nested more than {MAX_DEPTH} levels deep")
    else:
        rule = compiled(text, shape.holds is not None)
        if shape.holds is not None:
            outcome = rule.evaluate(facts(), "fire_hazards_small_venues")
            assert outcome.kind == ("admit" if shape.holds(n) else "reject")


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(NESTINGS)), AROUND_AND_BEYOND)
def test_nesting_past_the_bound_is_one_located_error_and_below_it_runs(kind, n):
    check_nesting(kind, n)


@pytest.mark.parametrize("kind", sorted(NESTINGS))
def test_nesting_right_at_the_bound(kind):
    deepest = max(n for n in range(MAX_DEPTH + 1) if NESTINGS[kind].depth(n) <= MAX_DEPTH)
    for n in (deepest - 1, deepest, deepest + 1, deepest + 2):
        check_nesting(kind, n)


# a true condition whose chain joins n + 1 operands, and how many operators it holds in all
OPERATORS = {
    "and": (lambda n: " and ".join(["true"] * (n + 1)), lambda n: n),
    "or": (lambda n: " or ".join(["false"] * n + ["true"]), lambda n: n),
    "+": (lambda n: " + ".join(["1"] * (n + 1)) + " > 0", lambda n: n + 1),
    "-": (lambda n: " - ".join(["1"] * (n + 1)) + " < 1", lambda n: n + 1),
    "*": (lambda n: " * ".join(["2"] * (n + 1)) + " > 1", lambda n: n + 1),
    "/": (lambda n: " / ".join(["1"] * (n + 1)) + " == 1", lambda n: n + 1),
    "and of not": (lambda n: " and ".join(["not false"] * (n + 1)), lambda n: 2 * n + 1),
}


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(OPERATORS)),
    st.one_of(st.integers(MAX_OPERATORS - 3, MAX_OPERATORS + 3), st.integers(1, 10_000)),
)
def test_operators_past_the_bound_are_one_located_error_and_below_it_run(kind, n):
    condition, operators = OPERATORS[kind]
    text, count = f"when {condition(n)} then admit", operators(n)
    if len(text) > MAX_RULE_CHARS:
        assert syntax_error(text) == (
            1,
            1,
            f"the rule is {len(text):,} characters long; a rule holds at most {MAX_RULE_CHARS:,}",
        )
    elif count > MAX_OPERATORS:
        assert syntax_error(text) == (
            1,
            6,
            f"the expression has {count:,} operators; an expression holds at most {MAX_OPERATORS:,}",
        )
    else:
        assert compiled(text).evaluate(facts(), "census").kind == "admit"


def test_a_long_chain_costs_no_depth():
    """A thousand operators in one chain: parsed, typed and run in a loop, not a recursion."""
    rule = compiled("when " + " + ".join(["1"] * MAX_OPERATORS) + f" == {MAX_OPERATORS} then admit")
    assert rule.evaluate(facts(), "census").kind == "admit"


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(st.integers(MAX_STRING_CHARS - 3, MAX_STRING_CHARS + 3), st.integers(0, 200_000)),
    st.sampled_from(["x", "网", '\\"']),
)
def test_string_literals_past_the_bound_are_one_located_error(size, piece):
    body = piece * (size // len(piece))
    text = f'when item.kind == "line" then reject "{body}"'
    if len(text) > MAX_RULE_CHARS:
        assert syntax_error(text) == (
            1,
            1,
            f"the rule is {len(text):,} characters long; a rule holds at most {MAX_RULE_CHARS:,}",
        )
    elif len(body) > MAX_STRING_CHARS:
        assert syntax_error(text) == (
            1,
            text.index('"', len('when item.kind == "line"')) + 1,
            f"the string is {len(body):,} characters long; a string holds at most {MAX_STRING_CHARS:,}",
        )
    else:
        action = compiled(text).clauses[0][1](facts(), {})
        assert action.reason == body.replace('\\"', '"')


def test_a_quote_in_a_comment_starts_no_string():
    text = f'# say "{"x" * (MAX_STRING_CHARS + 10)}\nwhen true then admit'
    assert compiled(text).evaluate(facts(), "census").kind == "admit"


def test_a_ten_megabyte_literal_is_refused_before_lark_sees_it():
    """Lark's lexer spends hundreds of bytes per character of a literal: gigabytes for this one."""
    text = 'when item.kind == "' + "x" * 10_000_000 + '" then admit'
    tracemalloc.start()
    try:
        line, column, message = syntax_error(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (line, column, message) == (
        1,
        1,
        f"the rule is {len(text):,} characters long; a rule holds at most {MAX_RULE_CHARS:,}",
    )
    assert peak < 1_000_000


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(st.integers(MAX_DIGITS - 2, MAX_DIGITS + 2), st.integers(1, 6_000)),
    st.integers(0, MAX_DIGITS + 2),
    st.sampled_from(["", "d", "mo", "y"]),
)
def test_numbers_past_the_bound_are_one_located_error(whole, fraction, unit):
    literal = "9" * whole + ("." + "5" * fraction if fraction else "") + unit
    compare = f"{literal} > 0" if not unit else f"{literal} > 0d"
    text = f"when {compare} then admit"
    if whole > MAX_DIGITS or fraction > MAX_DIGITS:
        assert syntax_error(text) == (
            1,
            6,
            f"a number has at most {MAX_DIGITS} digits before its decimal point and {MAX_DIGITS} after it",
        )
    else:
        assert compiled(text).evaluate(facts(), "census").kind == "admit"


def value_of(expression: str, on: str) -> Any:
    """The value of one rule expression on the date `on`."""
    condition = parse(f"when {expression} == {expression} then admit")[0].condition
    assert isinstance(condition, ast.Binary)
    compiler = Compiler()
    _, fn = compiler.expr(condition.left, {"item": "item", "on": "date"})
    assert compiler.problems == []
    return fn(SimpleNamespace(on=on), {"on": on})


EDGES = st.one_of(st.sampled_from([date.min, date.min + timedelta(1), date.max - timedelta(1), date.max]), st.dates())
DAYS = st.one_of(st.integers(-3, 3), st.integers(-4_000_000, 4_000_000), st.integers(-(10**15) + 1, 10**15 - 1))


@settings(max_examples=200, deadline=None)
@given(EDGES, DAYS)
def test_date_arithmetic_out_of_range_is_null(on, days):
    """Year 1 to 9999: a result outside is null (cannot judge), never an exception."""
    try:
        expected: str | None = (on + timedelta(days=days)).isoformat()
    except OverflowError:
        expected = None
    shift = f"on + {days}d" if days >= 0 else f"on - {-days}d"
    assert value_of(shift, on.isoformat()) == expected
    assert value_of("on - 0001-01-01", on.isoformat()) == float((on - date.min).days)


@pytest.mark.parametrize(
    "expression, value",
    [
        ("9999-12-31 + 1d", None),
        ("0001-01-01 - 1d", None),
        ("9999-12-31 - 0001-01-01", 3652058.0),
        ("on + 1d * 999999999999999 * 999999999999999", None),  # past a timedelta's range
        ("9999-12-31 + 1d * 0", "9999-12-31"),
        (" * ".join(["999999999999999"] * 25), None),  # past a float's range: null, not an overflow
        (" * ".join(["999999999999999"] * 20) + " / 3", 999999999999999**20 / 3),
        ("1 / 0", None),
        ("-(999999999999999.5 * 999999999999999)", -999999999999999.5 * 999999999999999),
    ],
)
def test_arithmetic_is_total(expression, value):
    assert value_of(expression, "2026-01-01") == value


DIGITS = st.integers(0, 10**MAX_DIGITS - 1).map(str)
NUMBER_LITERAL = st.one_of(DIGITS, st.tuples(DIGITS, DIGITS).map(".".join))


@settings(max_examples=200, deadline=None)
@given(NUMBER_LITERAL, st.lists(st.tuples(st.sampled_from("+-*/"), NUMBER_LITERAL), max_size=40))
def test_number_arithmetic_never_raises(first, steps):
    """Chains of the largest literals: a number a float can hold, or null."""
    value = value_of(first + "".join(f" {op} {n}" for op, n in steps), "2026-01-01")
    assert value is None or (isinstance(value, int | float) and representable(value))


@settings(max_examples=200, deadline=None)
@given(
    EDGES,
    st.lists(st.tuples(st.sampled_from("+-"), DIGITS, st.sampled_from(["h", "d", "w", "mo", "y"]), DIGITS), max_size=8),
)
def test_date_arithmetic_never_raises(on, steps):
    """`on ± count unit * factor ...`: a date from year 1 to 9999, or null."""
    expression = "on" + "".join(f" {op} {count}{unit} * {factor}" for op, count, unit, factor in steps)
    value = value_of(expression, on.isoformat())
    assert value is None or date.fromisoformat(value).isoformat() == value


def test_a_syntax_tree_built_past_the_bound_is_reported_not_recursed():
    """The compiler keeps the parser's bound for a tree built by hand, too: one problem, no recursion."""
    node: ast.Node = ast.Literal(ast.Pos(1, 1), True, "bool")
    for column in range(5_000, 0, -1):
        node = ast.Unary(ast.Pos(1, column), "not", node)
    compiler = Compiler()
    compiler.rule((ast.Clause(ast.Pos(1, 1), node, ast.Action(ast.Pos(1, 1), "admit")),))
    assert [(p.pos.column, render(p.message, "en")) for p in compiler.problems] == [
        (MAX_DEPTH + 2, f"nested more than {MAX_DEPTH} levels deep")
    ]


# -- through the command line: a finding (exit 1), never an internal error (exit 3) ----------------

POLICY = """\
tiers:
  - {id: district, name: {en: District}}
  - {id: grid, name: {en: Grid}, parent: district}
items:
  - {id: fire, name: {en: Fire}, kind: line, tier: grid, role: report}
lists:
  - {id: grid_list, tier: grid, kind: duties, items: [fire]}
admission:
  - id: gate
    tier: grid
    lists: [grid_list]
    criteria:
"""
# a condition past each bound, where its finding sits in it (0-based), and what it says
BREACHES = [
    ("not " * 1_000 + "true", 4 * MAX_DEPTH, f"nested more than {MAX_DEPTH} levels deep"),
    ("(" * 1_000 + "true" + ")" * 1_000, MAX_DEPTH, f"nested more than {MAX_DEPTH} levels deep"),
    ("1 in " + "{" * 1_000 + "1" + "}" * 1_000, 5 + MAX_DEPTH - 1, f"nested more than {MAX_DEPTH} levels deep"),
    (" + ".join(["1"] * 2_000) + " > 1", 0, "the expression has 2,000 operators; an expression holds at most 1,000"),
    ('item.kind == "' + "x" * 5_000 + '"', 13, "the string is 5,000 characters long; a string holds at most 1,000"),
    ("1" + "0" * 5_000 + " > 1", 0, "a number has at most 15 digits before its decimal point and 15 after it"),
    ("on > 1" + "0" * 400 + ".5d", 5, "a number has at most 15 digits before its decimal point and 15 after it"),
]


def rule_findings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "[PE006]" in line]


def test_every_bound_is_a_located_finding_in_yaml_criteria_and_rules_files(tmp_path):
    from click.testing import CliRunner

    from policyengine.cli import main

    root = tmp_path / "p"
    root.mkdir()
    criteria = "".join(f"      - 'when {condition} then admit'\n" for condition, _, _ in BREACHES)
    (root / "p.yaml").write_text(POLICY + criteria, encoding="utf-8")
    rules = "".join(
        f'rule r{i} for item:\n  when {condition} then finding PE95{i} info "x"\n'
        for i, (condition, _, _) in enumerate(BREACHES)
    )
    (root / "r.rules").write_text(rules, encoding="utf-8")
    expected = [
        f"{root / 'p.yaml'}:{13 + i}:{15 + at}: error[PE006] rule does not parse: {message} [rule-syntax]"
        for i, (_, at, message) in enumerate(BREACHES)
    ]
    expected += [
        f"{root / 'r.rules'}:{2 + 2 * i}:{8 + at}: error[PE006] rule does not parse: {message} [rule-syntax]"
        for i, (_, at, message) in enumerate(BREACHES)
    ]
    linted = CliRunner().invoke(main, ["lint", str(root), "--on", "2026-01-01", "--select", "PE006"])
    assert (linted.exit_code, rule_findings(linted.output)) == (1, expected)
    admitted = CliRunner().invoke(main, ["admit", str(root), "--on", "2026-01-01"])
    assert (admitted.exit_code, rule_findings(admitted.output)) == (1, expected)
    (tmp_path / "t.pe-test.yaml").write_text(
        f"- test: every bound\n  policy: p\n  on: 2026-01-01\n  expect:\n    counts: {{PE006: {len(expected)}}}\n"
        "- test: no decision\n  policy: p\n  on: 2026-01-01\n  expect:\n    admission: {fire: rejected}\n",
        encoding="utf-8",
    )
    tested = CliRunner().invoke(main, ["test", str(tmp_path / "t.pe-test.yaml")])
    assert tested.exit_code == 1
    assert tested.output.splitlines()[0].startswith("PASS  every bound")
    assert "got no decisions: the policy has errors (PE006 at" in tested.output


def test_a_rules_file_past_its_size_is_one_finding_before_it_is_cut_up(tmp_path):
    from click.testing import CliRunner

    from policyengine.cli import main

    root = tmp_path / "p"
    root.mkdir()
    (root / "p.yaml").write_text(POLICY + "      - 'when true then admit'\n", encoding="utf-8")
    text = 'rule big for item:\n  when item.kind == "' + "x" * 10_000_000 + '" then admit\n'
    (root / "big.rules").write_text(text, encoding="utf-8")
    linted = CliRunner().invoke(main, ["lint", str(root), "--on", "2026-01-01", "--select", "PE006"])
    assert (linted.exit_code, rule_findings(linted.output)) == (
        1,
        [
            f"{root / 'big.rules'}:1:1: error[PE006] rule does not parse: the file is {len(text):,} characters long;"
            f" a .rules file holds at most {MAX_FILE_CHARS:,} [rule-syntax]"
        ],
    )
