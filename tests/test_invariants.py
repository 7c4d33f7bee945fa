"""Invariants (`invariants:`): theorems a policy states about its admission decisions. They are read,
validated (PE002), made unique (PE003), and their `where` and `holds` parsed (PE006) and typed (PE007)
in the invariant scope, each problem located inside its YAML string; reforms add and remove them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.decisions import DECISIONS
from policyengine.graph import PolicyGraph
from policyengine.invariants import Invariant
from policyengine.lint import lint_paths
from policyengine.messages.catalogue import TABLE, render
from policyengine.messages.core import Term
from policyengine.resources import policy_schema
from policyengine.rules import ast
from policyengine.rules.facts import INVARIANT_SCOPE, Facts
from policyengine.vocabulary import SECTION_KINDS

from .util import lint_files, write_policy

BASE = """\
tiers:
  - {id: district, name: {en: District}}
  - {id: grid, name: {en: Grid}, parent: district}
units:
  - {id: team, name: {en: Grid team}, tier: grid, kind: grid_team}
grants:
  - {unit: team, powers: [report]}
items:
  - {id: fire, name: {en: Fire}, kind: line, tier: grid, role: handle, requires: {handle: [penalty]},
     cost: {yuan_per_year: 5000}}
"""

THREE = (
    BASE
    + """\
invariants:
  - id: authority_follows_responsibility
    name: {zh: 权随责走, en: "Authority follows responsibility"}
    every: [admitted, conditional]
    where: 'item.kind == "line"'
    holds: 'item.requires <= powers(item.tier) + item.funding.powers + devolved'
  - id: funding_follows_tasks
    every: conditional
    holds: transferred >= item.cost.yuan_per_year
    note: 费随事转
  - id: short_terms
    holds: not stated(term) or term <= 90d
"""
)


def lint_text(tmp_path: Path, text: str, lang: str = "en"):
    return lint_files(tmp_path, {"p.yaml": text}, lang=lang)


def findings(result, code: str) -> list[tuple[int, int, str]]:
    return [(f.span.line, f.span.column, f.message) for f in result.findings if f.code == code]


def test_a_policy_with_invariants_loads_with_every_as_string_list_or_omitted(tmp_path):
    result = lint_text(tmp_path, THREE)
    assert [f.code for f in result.findings if f.code.startswith("PE00")] == []
    first, second, third = result.policy.invariants.values()
    assert isinstance(first, Invariant)
    assert (first.id, first.every, first.where) == (
        "authority_follows_responsibility",
        ("admitted", "conditional"),
        'item.kind == "line"',
    )
    assert first.name is not None and first.name.zh == "权随责走"
    assert (second.every, second.where, second.note) == (("conditional",), None, "费随事转")
    assert (third.every, third.holds) == ((), "not stated(term) or term <= 90d")
    # `at` locates the texts, as every declaration's fields
    assert (first.at("holds").line, first.at("holds").column) == (16, 12)
    assert (first.at("where").line, first.at("where").column) == (15, 12)


def test_compiled_rules_hold_each_invariants_trees_closures_and_places(tmp_path):
    result = lint_text(tmp_path, THREE)
    compiled = result.rules.invariants
    assert list(compiled) == ["authority_follows_responsibility", "funding_follows_tasks", "short_terms"]
    gate = compiled["authority_follows_responsibility"]
    assert isinstance(gate.holds_tree, ast.Binary) and gate.holds_tree.op == "<="
    assert isinstance(gate.where_tree, ast.Binary) and gate.where_tree.op == "=="
    assert gate.every == ("admitted", "conditional")
    assert (gate.span.line, gate.span.column) == (12, 9)
    # a position inside the text maps to the file: `<=` is the 15th character of the quoted holds
    at = gate.place_holds(gate.holds_tree.pos)
    assert (Path(at.file).name, at.line, at.column) == ("p.yaml", 16, 27)
    assert gate.place_where is not None
    assert compiled["funding_follows_tasks"].where is None and compiled["funding_follows_tasks"].where_tree is None
    assert compiled["funding_follows_tasks"].place_where is None


def _facts(result) -> Facts:
    return Facts(result.policy, PolicyGraph(result.policy), "2026-01-01")


def test_the_closures_read_the_decision_from_the_scope(tmp_path):
    result = lint_text(tmp_path, THREE)
    facts, compiled = _facts(result), result.rules.invariants
    env = {
        "item": "fire",
        "on": "2026-01-01",
        "decision": "conditional",
        "procedure": "gate",
        "rule": None,
        "devolved": frozenset({"penalty"}),
        "transferred": 5000.0,
        "transferred_people": 0.0,
        "term": 30.0,
    }
    gate = compiled["authority_follows_responsibility"]
    assert gate.where is not None and gate.where(facts, env) is True
    assert gate.holds(facts, env) is True
    assert gate.holds(facts, {**env, "devolved": frozenset()}) is False
    assert compiled["funding_follows_tasks"].holds(facts, env) is True
    assert compiled["funding_follows_tasks"].holds(facts, {**env, "transferred": 0.0}) is False
    assert compiled["short_terms"].holds(facts, env) is True
    assert compiled["short_terms"].holds(facts, {**env, "term": 365.0}) is False
    assert compiled["short_terms"].holds(facts, {**env, "term": None}) is True


@pytest.mark.parametrize(
    "holds",
    [
        'decision == "admitted"',
        'stated(procedure) and procedure == "gate"',
        'rule == "gate_rule"',
        "devolved <= powers(item.tier)",
        "transferred >= 0",
        "transferred_people >= 0",
        "term <= 1y",
        "on >= 2020-01-01",
        "item.cost.yuan_per_year >= 0",
    ],
)
def test_every_name_of_the_invariant_scope_is_in_scope_with_its_type(tmp_path, holds):
    result = lint_text(tmp_path, BASE + f"invariants:\n  - id: i\n    holds: '{holds}'\n")
    assert findings(result, "PE006") + findings(result, "PE007") == []
    assert list(result.rules.invariants) == ["i"]


def test_the_scope_is_one_table_with_a_description_of_each_name():
    assert list(INVARIANT_SCOPE) == [
        "item",
        "on",
        "decision",
        "procedure",
        "rule",
        "devolved",
        "transferred",
        "transferred_people",
        "term",
    ]
    assert all(kind and description for kind, description in INVARIANT_SCOPE.values())
    assert INVARIANT_SCOPE["term"][0] == "duration" and INVARIANT_SCOPE["devolved"][0] == "set<string>"


def test_every_admits_exactly_the_decisions_admit_gives():
    every = policy_schema()["properties"]["invariants"]["items"]["properties"]["every"]
    assert every["then"]["enum"] == list(DECISIONS)
    assert every["else"]["items"]["enum"] == list(DECISIONS)


def _every_policy(values: list[str]) -> str:
    return BASE + f"invariants:\n  - id: i\n    every: [{', '.join(values)}]\n    holds: 'true'\n"


@settings(max_examples=25, deadline=None)
@given(
    before=st.lists(st.sampled_from(DECISIONS), max_size=3, unique=True),
    wrong=st.sampled_from(["admited", "approved", "denied", "Admitted", "3", "yes"]),
)
def test_an_unknown_decision_in_every_is_pe002_at_that_value(tmp_path_factory, before, wrong):
    result = lint_text(tmp_path_factory.mktemp("every"), _every_policy([*before, wrong]))
    line = BASE.count("\n") + 3
    column = len("    every: [") + sum(len(v) + 2 for v in before) + 1
    ((at_line, at_column, message),) = findings(result, "PE002")
    assert (at_line, at_column) == (line, column)
    assert "is not one of: admitted, conditional, rejected, pending, unreviewed" in message


def test_an_unknown_decision_written_alone_is_pe002_with_its_guess(tmp_path):
    text = BASE + "invariants:\n  - id: i\n    every: admited\n    holds: 'true'\n"
    result = lint_text(tmp_path, text)
    assert findings(result, "PE002") == [
        (
            13,
            12,
            "'admited' is not one of: admitted, conditional, rejected, pending, unreviewed; did you mean 'admitted'?",
        )
    ]


@pytest.mark.parametrize(
    "entry, en, zh",
    [
        ("every: []", "the list is too short: it needs at least 1 and has 0 entries", "列表有 0 项,至少应有 1 项"),
        ("every: [admitted, admitted]", "the list has repeated entries", "列表中有重复项"),
        ("name: {}", "the mapping is too short: it needs at least 1 and has 0 keys", "映射有 0 个键,至少应有 1 个"),
        (
            'name: {zh: ""}',
            "the text is too short: it needs at least 1 and has 0 characters",
            "文字有 0 个字符,至少应有 1 个",
        ),
    ],
)
def test_a_list_text_or_mapping_too_small_is_said_in_both_languages(tmp_path, entry, en, zh):
    text = BASE + f"invariants:\n  - id: i\n    {entry}\n    holds: 'true'\n"
    for lang, expected in (("en", en), ("zh", zh)):
        ((line, _, message),) = findings(lint_text(tmp_path / lang, text, lang), "PE002")
        assert (line, message) == (13, expected)


def test_a_missing_holds_is_pe002(tmp_path):
    result = lint_text(tmp_path, BASE + "invariants:\n  - id: i\n    every: admitted\n")
    assert findings(result, "PE002") == [(12, 5, "invariants[0] is missing the required key 'holds'")]


# the same broken holds (`=` for `==`: the parser stops at the 16th character) written each way YAML allows
SCALARS = [
    ("holds: item.kind == 1 = 2", 14, 27),
    ("holds: 'item.kind == 1 = 2'", 14, 28),
    ('holds: "item.kind == 1 = 2"', 14, 28),
    ("holds: |\n      item.kind == 1 = 2", 15, 22),
    ("holds: |\n      item.kind == 1\n        = 2", 16, 9),
    ("holds: >\n      item.kind ==\n      1 = 2", 16, 9),
]


@pytest.mark.parametrize("scalar, line, column", SCALARS)
def test_a_syntax_error_in_holds_is_pe006_inside_the_string(tmp_path, scalar, line, column):
    result = lint_text(tmp_path, BASE + f"invariants:\n  - id: i\n    every: admitted\n    {scalar}\n")
    ((at_line, at_column, message),) = findings(result, "PE006")
    assert (at_line, at_column) == (line, column)
    assert message == "rule does not parse: unexpected '='; compare with '=='"
    assert result.rules.invariants == {}
    (finding,) = [f for f in result.findings if f.code == "PE006"]
    assert (finding.subject.kind, finding.subject.id) == ("invariant", "i")


@settings(max_examples=40, deadline=None)
@given(
    field=st.sampled_from(["where", "holds"]),
    style=st.sampled_from(["plain", "single", "double", "literal", "folded"]),
    before=st.integers(min_value=0, max_value=6),
    indent=st.integers(min_value=6, max_value=10),
)
def test_a_syntax_error_is_located_for_any_field_style_and_offset(tmp_path_factory, field, style, before, indent):
    text = "true and " * before + "item.kind = 1"
    column = text.index(" = ") + 2  # the `=`, 1-based inside the text
    if style in ("literal", "folded"):
        scalar = f"{field}: {'|' if style == 'literal' else '>'}\n{' ' * indent}{text}"
        line, at = 14, indent + column
    else:
        quote = {"plain": "", "single": "'", "double": '"'}[style]
        scalar = f"{field}: {quote}{text}{quote}"
        line, at = 13, len(f"    {field}: {quote}") + column
    rest = "\n    holds: 'true'" if field == "where" else ""
    result = lint_text(tmp_path_factory.mktemp("at"), BASE + f"invariants:\n  - id: i\n    {scalar}{rest}\n")
    assert findings(result, "PE006") == [(line, at, "rule does not parse: unexpected '='; compare with '=='")]


def test_a_syntax_error_in_where_is_pe006_there(tmp_path):
    text = BASE + "invariants:\n  - id: i\n    where: 'item.kind = \"line\"'\n    holds: 'true'\n"
    result = lint_text(tmp_path, text)
    assert findings(result, "PE006") == [(13, 23, "rule does not parse: unexpected '='; compare with '=='")]
    assert result.rules.invariants == {}


@pytest.mark.parametrize(
    "holds, column, en, zh",
    [
        (
            "item.cost.yuan_per_year",
            13,
            "ill-typed rule: a condition must be true or false, not number",
            "规则类型错误:条件必须是真或假,而不是数值",
        ),
        (
            "item.requires <= powers(item.tier) + devolvd",
            50,
            "ill-typed rule: unknown name 'devolvd' (did you mean 'devolved'?)",
            "规则类型错误:未知的名称“devolvd”(是否想写“devolved”?)",
        ),
        (
            "frobnicate > 1",
            13,
            "ill-typed rule: unknown name 'frobnicate' (in scope: decision, devolved, item, on, procedure, rule, "
            "term, transferred, transferred_people)",
            "规则类型错误:未知的名称“frobnicate”(可用:decision、devolved、item、on、procedure、rule、term、"
            "transferred、transferred_people)",
        ),
        (
            "term > 3",
            18,
            "ill-typed rule: cannot order duration against number",
            "规则类型错误:无法比较期限与数值的大小",
        ),
    ],
)
def test_a_type_error_in_holds_is_pe007_located_in_both_languages(tmp_path, holds, column, en, zh):
    text = BASE + f"invariants:\n  - id: i\n    holds: '{holds}'\n"
    for lang, expected in (("en", en), ("zh", zh)):
        result = lint_text(tmp_path / lang, text, lang)
        assert findings(result, "PE007") == [(13, column, expected)]
        assert result.rules.invariants == {}


def test_one_broken_invariant_leaves_the_others_compiled(tmp_path):
    text = THREE.replace("+ devolved'", "+ devolvd'")
    result = lint_text(tmp_path, text)
    assert [f.code for f in result.findings if f.code in ("PE006", "PE007")] == ["PE007"]
    assert list(result.rules.invariants) == ["funding_follows_tasks", "short_terms"]


def test_a_repeated_invariant_id_is_pe003_at_the_second(tmp_path):
    text = BASE + "invariants:\n  - id: i\n    holds: 'true'\n  - id: i\n    holds: 'false'\n"
    for lang, said in (
        ("en", "duplicate invariant id 'i' (first defined at {}:12:9)"),
        ("zh", "保证条件“i”重复定义(首次定义于 {}:12:9)"),
    ):
        result = lint_text(tmp_path / lang, text, lang)
        path = tmp_path / lang / "p.yaml"
        assert findings(result, "PE003") == [(14, 9, said.format(path))]
        assert result.policy.invariants["i"].holds == "true"


def test_a_repeated_id_over_two_files_is_pe003(tmp_path):
    files = {
        "a.yaml": BASE,
        "b.yaml": "invariants:\n  - id: i\n    holds: 'true'\n",
        "c.yaml": "invariants:\n  - id: i\n    holds: 'true'\n",
    }
    result = lint_files(tmp_path, files)
    assert [(Path(f.span.file).name, f.span.line) for f in result.findings if f.code == "PE003"] == [("c.yaml", 2)]


def test_term_and_rule_are_names_in_an_expression_yet_keywords_in_criteria(tmp_path):
    criteria = """
admission:
  - id: gate
    tier: grid
    criteria:
      - when item.kind == "line" then admit with term(30d)
      - when rule == "x" then admit
"""
    result = lint_text(tmp_path, BASE + "lists:\n  - {id: l, tier: grid, kind: duties, items: [fire]}\n" + criteria)
    assert findings(result, "PE006") == []
    ((line, column, message),) = findings(result, "PE007")
    assert (line, column) == (19, 14) and message.startswith("ill-typed rule: unknown name 'rule'")


def test_every_section_kind_has_its_words_in_both_languages():
    # a finding's subject is said by its kind (the review workbook, `why`, PE003): a new section needs both
    for kind in SECTION_KINDS.values():
        assert f"term.kind.{kind}" in TABLE, kind
    assert render(Term("term.kind", "invariant"), "zh") == "保证条件"
    assert render(Term("why.kind", "invariant"), "en") == "invariant"


REFORM_ADD = """\
reform:
  id: r
  baseline: {base}
operations:
  - op: add
    section: invariants
    value:
      id: short_terms
      every: conditional
      holds: 'term <= 90d'
"""


def test_a_reform_adds_an_invariant(tmp_path):
    base = write_policy(tmp_path / "base", {"p.yaml": THREE})
    reform = tmp_path / "r.yaml"
    reform.write_text(REFORM_ADD.format(base=base).replace("short_terms", "short_conditional"), encoding="utf-8")
    result = lint_paths([], reform=reform)
    assert [f for f in result.findings if f.code.startswith("PE00")] == []
    assert list(result.rules.invariants)[-1] == "short_conditional"
    assert result.policy.invariants["short_conditional"].every == ("conditional",)


def test_an_invariant_a_reform_adds_is_located_in_the_reform_file(tmp_path):
    base = write_policy(tmp_path / "base", {"p.yaml": BASE})
    reform = tmp_path / "r.yaml"
    reform.write_text(REFORM_ADD.format(base=base).replace("term <= 90d", "term <= 90"), encoding="utf-8")
    result = lint_paths([], reform=reform)
    (finding,) = [f for f in result.findings if f.code == "PE007"]
    assert (Path(finding.span.file).name, finding.span.line, finding.span.column) == ("r.yaml", 10, 20)


def test_a_reform_removes_an_invariant(tmp_path):
    base = write_policy(tmp_path / "base", {"p.yaml": THREE})
    reform = tmp_path / "r.yaml"
    reform.write_text(
        f"reform:\n  id: r\n  baseline: {base}\noperations:\n  - op: remove\n    target: invariants/short_terms\n",
        encoding="utf-8",
    )
    result = lint_paths([], reform=reform)
    assert list(result.policy.invariants) == ["authority_follows_responsibility", "funding_follows_tasks"]
    assert list(result.rules.invariants) == ["authority_follows_responsibility", "funding_follows_tasks"]


def test_the_schema_command_shows_the_invariants_section():
    schema = policy_schema()
    entry = schema["properties"]["invariants"]["items"]
    assert entry["required"] == ["id", "holds"] and entry["additionalProperties"] is False
    assert set(entry["properties"]) == {"id", "name", "every", "where", "holds", "note", "source"}


@pytest.mark.parametrize("page", ["rules.md", "rules.zh.md"])
def test_the_rule_language_pages_list_every_name_of_the_invariant_scope(page):
    text = (Path(__file__).resolve().parent.parent / "docs" / page).read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip().strip("`") for line in text.splitlines() if line.startswith("| `")}
    assert set(INVARIANT_SCOPE) <= rows


def test_the_policy_format_example_of_invariants_lints_clean(tmp_path):
    text = (Path(__file__).resolve().parent.parent / "docs" / "policy-format.md").read_text(encoding="utf-8")
    example = text.split("### `invariants`")[1].split("```yaml\n")[1].split("```")[0]
    result = lint_text(tmp_path, BASE + example)
    assert [f.code for f in result.findings if f.code.startswith("PE00")] == []
    assert list(result.rules.invariants) == [
        "authority_follows_responsibility",
        "funding_follows_tasks",
        "short_temporary_terms",
    ]
