"""The encoding covers the rule language: every attribute a rule can read of an item, every function,
every kind of node; and what it cannot write for the solver leaves the property unknown, never proved."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("z3")

from policyengine.clikit import bundled_path
from policyengine.config import STRUCTURAL, Config
from policyengine.formatters.verify_report import render_text
from policyengine.lint import lint_paths
from policyengine.rules import ast
from policyengine.rules.facts import ATTRIBUTES, FUNCTIONS
from policyengine.verify import item as item_module
from policyengine.verify.encode import Encoder
from policyengine.verify.results import UNENCODABLE, UNKNOWN
from policyengine.verify.run import verify

CHECKED = Config(select=frozenset((*STRUCTURAL, "PE006", "PE007")))
POLICY = """
tiers:
  - {id: grid, name: {zh: 网格, en: Grid}}
units:
  - {id: office, name: {zh: 网格办, en: Grid office}, tier: grid, kind: governance_centre}
lists:
  - {id: grid_list, tier: grid, kind: duties}
admission:
  - id: gate
    tier: grid
    reviewer: office
    criteria:
      - |
        when item.kind == "line" then reject "no line items"
        otherwise admit
invariants:
  - id: nothing_enters_unreviewed
    every: [unreviewed]
    holds: 'item.tier != "grid"'
"""


def _policy(tmp_path: Path):
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    result = lint_paths([tmp_path], CHECKED, "en", "2024-01-01", None, bundled_path)
    assert result.findings == [] and result.policy is not None and result.rules is not None
    return result


def test_the_new_item_has_every_attribute_a_rule_can_read():
    assert frozenset(ATTRIBUTES["item"]) == item_module.READS


def test_every_function_and_node_kind_has_an_encoding():
    called = set(FUNCTIONS)
    source = Path(Encoder.__module__.replace(".", "/") + ".py")
    text = (Path(__file__).resolve().parents[1] / source).read_text(encoding="utf-8")
    assert all(f'"{name}"' in text for name in called)
    nodes = [n for n in vars(ast).values() if isinstance(n, type) and issubclass(n, ast.Node)]
    expressions = {n.__name__.lower() for n in nodes} - {"node", "condition", "action", "clause", "rule"}
    assert all(hasattr(Encoder, f"_{name}") for name in expressions)


def test_a_construct_the_prover_cannot_write_leaves_every_property_unknown(tmp_path, monkeypatch):
    result = _policy(tmp_path)
    proved = verify(result.policy, result.rules, "2024-01-01", 10, "p")
    assert {(p.kind, p.status) for p in proved.properties} >= {("coverage", "proved"), ("invariant", "proved")}
    # the new item cannot say its kind: as if the rule language gained an attribute the prover lacks
    monkeypatch.delitem(item_module._READERS, "kind")
    report = verify(result.policy, result.rules, "2024-01-01", 10, "p")
    assert [(p.kind, p.subject, p.status, p.reason) for p in report.properties] == [
        ("coverage", "gate", UNKNOWN, UNENCODABLE),
        ("invariant", "nothing_enters_unreviewed", UNKNOWN, UNENCODABLE),
    ]
    assert report.properties[0].params["construct"] == "item.kind"
    said = render_text([report], "en", {})
    assert "the prover cannot write item.kind for the solver; not proved" in said
    assert "proved ·" not in said.replace("not proved", "")
    assert "验证器无法将 item.kind 转写给求解器,不视为已证明" in render_text([report], "zh", {})


def test_a_union_with_the_empty_set_keeps_the_elements_type(tmp_path):
    """`{} + item.mobilises` is a set of units, as the compiler types it: a quantifier over it reads
    each unit's attributes (it once stood as a set of anything, and the prover gave up)."""
    (tmp_path / "policy.yaml").write_text(
        POLICY.replace(
            'when item.kind == "line" then reject "no line items"',
            'when all(v in {} + item.mobilises: v.kind == "governance_centre") then reject "mobilises the office"',
        ),
        encoding="utf-8",
    )
    result = lint_paths([tmp_path], CHECKED, "en", "2024-01-01", None, bundled_path)
    assert result.findings == [] and result.policy is not None and result.rules is not None
    report = verify(result.policy, result.rules, "2024-01-01", 10, "p")
    assert [(p.kind, p.status) for p in report.properties] == [
        ("coverage", "proved"),
        ("order", "proved"),
        ("dead", "refuted"),  # every item satisfies `all` over an empty or office-only set: otherwise is dead
        ("invariant", "proved"),
    ]
