"""Declared invariants, proved or refuted over every item a department could submit: the names of the
decision in scope (decision, procedure, rule, devolved, transferred, transferred_people, term), the
decisions an invariant speaks of (`every`) and the items (`where`), and the gate reform's three."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("z3")

from policyengine.clikit import bundled_path
from policyengine.lint import lint_paths
from policyengine.verify.run import verify

from .verify_util import CHECKED, FIRST, ON, verified

GATE = """\
  - id: gate
    tier: grid
    lists: [grid_list]
    criteria:
      - |
        when item.kind == "temporary" then admit with term(120d)
        when item.kind == "line" then admit with devolve(item.requires - powers(item.tier)), transfer(money = 500, people = 1)
        when item.funding.money > 0 then admit
        otherwise reject "no money comes with it"
invariants:
"""


def _statuses(report) -> dict[str, str]:
    return {p.subject: p.status for p in report.properties if p.kind == "invariant"}


def test_each_name_of_the_decision_is_read_as_admit_decides(tmp_path: Path):
    invariants = """\
  - {id: line_is_conditional, every: [admitted, conditional], where: 'item.kind == "line"', holds: 'decision == "conditional"'}
  - {id: devolved_covers, every: conditional, where: 'item.kind == "line"', holds: 'item.requires <= powers(item.tier) + devolved'}
  - {id: money_moves, every: [conditional], where: 'item.kind == "line"', holds: 'transferred == 500 and transferred_people == 1'}
  - {id: nothing_moves_else, every: [admitted, rejected], holds: 'transferred == 0 and count(devolved) == 0 and not stated(term)'}
  - {id: decided_by_gate, every: [admitted, conditional, rejected], holds: 'procedure == "gate" and stated(rule)'}
  - {id: temporary_term_90, every: [conditional], where: 'item.kind == "temporary"', holds: 'stated(term) and term <= 90d'}
  - {id: off_list_unreviewed, where: 'not (item in items(item.tier))', holds: 'false'}
"""
    path, report = verified(tmp_path, GATE + invariants)
    assert _statuses(report) == {
        "line_is_conditional": "proved",
        "devolved_covers": "proved",
        "money_moves": "proved",
        "nothing_moves_else": "proved",
        "decided_by_gate": "proved",
        "temporary_term_90": "refuted",
        "off_list_unreviewed": "proved",  # the new item is always among its tier's items: `where` never holds
    }
    refuted = next(p for p in report.properties if p.subject == "temporary_term_90")
    assert refuted.at == f"{path}:{FIRST + 15}:94"  # the holds text, inside its quotes
    cx = refuted.counterexample
    assert cx is not None and cx.item["kind"] == "temporary" and cx.lists == ("grid_list",)
    assert (cx.steps[0].decision, cx.steps[0].clause) == ("conditional", 0)


def test_every_and_where_choose_the_items_an_invariant_speaks_of(tmp_path: Path):
    invariants = """\
  - {id: rejected_have_no_money, every: rejected, holds: 'not (item.funding.money > 0)'}
  - {id: unreviewed_are_off_the_list, every: [unreviewed], where: 'item.tier == "grid"', holds: 'count(item.co_handlers) == 0'}
  - {id: pending_never, every: [pending], holds: 'false'}
"""
    _, report = verified(tmp_path, GATE + invariants)
    assert _statuses(report) == {
        "rejected_have_no_money": "proved",
        "unreviewed_are_off_the_list": "refuted",  # a grid item on no list has no procedure
        "pending_never": "proved",  # no procedure without criteria: nothing is pending
    }
    cx = next(p for p in report.properties if p.subject == "unreviewed_are_off_the_list").counterexample
    assert cx is not None and cx.lists == () and cx.steps[0].decision == "unreviewed"
    assert cx.item["tier"] == "grid" and cx.item["co_handlers"] == [{"unit": "team"}]


def test_the_gate_reform_guarantees_authority_follows_responsibility_and_not_the_money_or_the_term():
    result = lint_paths([], CHECKED, "en", ON, "examples/reforms/admission_gate.yaml", bundled_path)
    assert result.policy is not None and result.rules is not None
    report = verify(result.policy, result.rules, ON, 60, "gate")
    assert _statuses(report) == {
        "authority_follows_responsibility": "proved",
        "funding_follows_tasks": "refuted",
        "temporary_term": "refuted",
    }
    money = next(p for p in report.properties if p.subject == "funding_follows_tasks").counterexample
    assert money is not None
    # admitted because people come with it, though no money covers what it costs
    assert money.item["cost"] == {"yuan_per_year": 1}
    assert money.item["funding"] == {"money_yuan_per_year": "unstated", "people": 1}
    assert (money.steps[0].decision, money.steps[0].clause) == ("admitted", 1)
    term = next(p for p in report.properties if p.subject == "temporary_term").counterexample
    assert term is not None and term.item["kind"] == "temporary"
    assert (term.steps[0].decision, term.steps[0].clause) == ("admitted", 0)
