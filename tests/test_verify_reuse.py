"""`verify` builds each term once: an expression written in many clauses is encoded once, what a rule
reads of the new item is built once, and a question whose model nobody reads is not given a plainer
counterexample. None of this may change an answer: each test runs the prover with and without the
reuse and compares every property's kind, subject, status, position and parameters."""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("z3")

from policyengine.clikit import bundled_path
from policyengine.config import STRUCTURAL, Config
from policyengine.lint import lint_paths
from policyengine.rules.parser import parse
from policyengine.verify import encode
from policyengine.verify.diff import changes
from policyengine.verify.item import _READERS, SymbolicItem
from policyengine.verify.run import verify
from policyengine.verify.session import Session

from .util import write_policy

CHECKED = Config(select=frozenset((*STRUCTURAL, "PE006", "PE007")))
ON = "2026-01-01"


@contextmanager
def without_reuse(monkeypatch: pytest.MonkeyPatch):
    """The prover as it was before terms were reused: every expression encoded where it is written,
    every read of the item built afresh, every refuting model made plainer."""
    ask = Session.ask
    with monkeypatch.context() as patch:
        patch.setattr(encode, "_shape", lambda node: None)
        patch.setattr(SymbolicItem, "attribute", lambda self, path: _READERS[path](self) if path in _READERS else None)
        patch.setattr(Session, "ask", lambda self, query, assumptions=(), example=True: ask(self, query, assumptions))
        yield


WITNESS = ("other", "other_at")  # which earlier clause the example item also satisfies: the model's choice


def answers(reports) -> list[tuple]:
    """Each property's answer: what it is about, its status and where; not the example items."""
    out = []
    for r in reports:
        for p in r.properties:
            out.append((p.kind, p.subject, p.status, p.at, {k: v for k, v in p.params.items() if k not in WITNESS}))
    return out


def loaded(paths: list[str], reform: str | None = None):
    result = lint_paths(paths, CHECKED, "en", ON, reform, bundled_path)
    assert result.findings == [] and result.policy is not None and result.rules is not None
    return result


def proved(result, base=None) -> list[tuple]:
    reports = [verify(result.policy, result.rules, ON, 30, "p")]
    if base is not None:
        reports.append(changes((base.policy, base.rules), (result.policy, result.rules), ON, 30, "p"))
    return answers(reports)


def test_an_expression_has_one_shape_wherever_it_is_written():
    first, second = (
        parse("item.requires <= powers(item.tier) + item.funding.powers", "expression"),
        parse("\n\n     item.requires  <=  powers(item.tier)\n + item.funding.powers", "expression"),
    )
    assert first.pos != second.pos and encode._shape(first) == encode._shape(second)
    assert encode._shape(first) != encode._shape(
        parse("item.requires <= powers(item.tier) - item.funding.powers", "expression")
    )
    assert encode._shape(parse("item.cost.yuan_per_year > 1", "expression")) != encode._shape(
        parse("item.cost.yuan_per_year > 2", "expression")
    )


@pytest.mark.parametrize("reform", ["admission_gate.yaml", "paper_remedy.yaml"])
def test_the_h_district_reforms_get_the_same_answers_with_terms_reused(monkeypatch, reform):
    path = str(Path("examples/reforms") / reform)
    result, base = loaded([], path), loaded(["policies/h_district"])
    reused = proved(result, base)
    with without_reuse(monkeypatch):
        assert proved(result, base) == reused
    assert {kind for kind, *_ in reused} >= {"coverage", "order", "dead", "change"}


def test_what_a_rule_reads_of_the_new_item_is_built_once():
    result = loaded([], "examples/reforms/admission_gate.yaml")
    item = Session(result.policy, result.rules, ON, 30).item
    assert item.attribute("requires") is item.attribute("requires")
    assert item.attribute("no_such_field") is None


EXPRESSIONS = (
    "item.requires <= powers(item.tier) + item.funding.powers",
    'item.category == "c{k}"',
    '"p{k}" in item.requires',
    'item.kind == "line"',
    "item.funding.money > 0",
    "item.requires <= powers(item.tier)",
)
CLAUSE = st.tuples(
    st.lists(st.tuples(st.sampled_from(EXPRESSIONS), st.integers(0, 3)), min_size=1, max_size=3),
    st.sampled_from(["admit", 'reject "no"', "admit with term(30d)"]),
    st.integers(1, 4),  # spaces before the condition: the same expressions at other columns
)


def policy_of(rules: list[list[tuple]]) -> str:
    body = []
    for rule in rules:
        body.append("      - |")
        for terms, action, indent in rule:
            condition = " and ".join(text.format(k=k) for text, k in terms)
            body.append(f"        when {' ' * indent}{condition} then {action}")
    return f"""
    tiers:
      - {{id: district, name: {{en: District}}}}
      - {{id: grid, name: {{en: Grid}}, parent: district}}
    units:
      - {{id: team, name: {{en: Team}}, tier: grid, kind: grid_team}}
    powers: [{{id: p0}}, {{id: p1}}, {{id: p2}}, {{id: p3}}]
    grants:
      - {{unit: team, powers: [p0, p1]}}
    categories:
      - {{id: c0, name: {{en: C0}}, kind: line}}
      - {{id: c1, name: {{en: C1}}, kind: routine}}
      - {{id: c2, name: {{en: C2}}, kind: temporary}}
      - {{id: c3, name: {{en: C3}}, kind: line}}
    lists:
      - {{id: grid_list, tier: grid, kind: duties, items: []}}
    admission:
      - id: gate
        tier: grid
        lists: [grid_list]
        criteria:
{chr(10).join("  " + line for line in body)}
    """


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CLAUSE, min_size=1, max_size=4), min_size=1, max_size=3))
def test_rules_repeating_expressions_get_the_same_answers_with_terms_reused(rules):
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as monkeypatch:
        folder = write_policy(Path(tmp), {"policy.yaml": policy_of(rules)})
        result = loaded([str(folder)])
        reused = proved(result)
        with without_reuse(monkeypatch):
            assert proved(result) == reused
