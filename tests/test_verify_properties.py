"""What `verify` proves and refutes on small policies: each property once proved and once refuted, with
where it is written, what it says and the counterexample's item and decision. Every counterexample is
decided again by `policyengine admit` (verify_util.verified), so a counterexample that `admit` decides
otherwise than the report says fails the test that produced it."""

from __future__ import annotations

import itertools
import json
import tempfile
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.formatters.verify_report import message
from policyengine.verify.item import BOUNDS
from policyengine.verify.results import Step

from .util import write_policy
from .verify_util import HEAD, ON, decision_of, one, props, statuses, verified

GATE = """\
  - id: gate
    tier: grid
    lists: [grid_list]
    criteria:
"""  # lines 18-21: the procedure's id is at 18:9, its first rule at 22:7 (the rule's text at 22:9)
DEFAULT = "no criterion admits it"


def plain_keys(item: dict) -> set[str]:
    """The fields an item written by verify states beyond those every item has."""
    return set(item) - {"id", "name", "tier", "kind", "role"}


# -- coverage -------------------------------------------------------------------------------------


def test_coverage_without_otherwise_is_refuted_by_an_item_no_clause_decides(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - when item.kind == "temporary" then reject "no temporary items"
      - when item.kind == "routine" then admit
""",
    )
    gap = one(report, "coverage")
    assert (gap.subject, gap.status, gap.at, gap.params) == ("gate", "refuted", f"{path}:22:7", {"procedure": "gate"})
    cx = gap.counterexample
    assert (cx.item["kind"], cx.item["tier"], cx.lists, plain_keys(cx.item)) == ("line", "grid", ("grid_list",), set())
    assert cx.steps == (Step("rejected", "gate", None, None, f"{path}:18:9", DEFAULT),)


def test_coverage_with_otherwise_is_proved(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - when item.kind == "temporary" then reject "no temporary items"
      - |
        when item.kind == "routine" then admit
        otherwise reject "only routine items"
""",
    )
    ok = one(report, "coverage")
    assert (ok.subject, ok.status, ok.at, ok.counterexample) == ("gate", "proved", f"{path}:22:7", None)


def test_a_procedure_by_hand_on_the_same_list_takes_up_the_gap(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - when item.kind == "routine" then admit
  - id: desk
    tier: grid
    lists: [grid_list]
""",
    )
    # the procedure without criteria has no coverage of its own: what the gate leaves, its reviewer takes
    assert statuses(report, "coverage") == [("gate", "proved")]
    assert props(report, "agreement") == []


def test_a_procedure_by_hand_on_another_list_leaves_the_gap_for_items_only_on_the_gate_list(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - when item.kind == "routine" then admit
  - id: desk
    tier: grid
    lists: [other_list]
""",
    )
    gap = one(report, "coverage")
    assert gap.status == "refuted"
    assert gap.counterexample.item["kind"] != "routine"
    assert gap.counterexample.lists == ("grid_list",)  # on the desk's list too, the desk would take it up
    assert gap.counterexample.steps[0].reason == DEFAULT


# -- agreement ------------------------------------------------------------------------------------

TWO = """\
  - id: gate
    tier: grid
    lists: [grid_list]
    criteria:
      - |
        when item.role == "report" then admit
        otherwise reject "the grid reports; it does not handle"
  - id: county
    tier: district
    lists: [grid_list]
    criteria:
      - |
        when item.kind == "routine" then admit
        otherwise reject "only routine items"
"""  # county's procedure id at 25:9, its criteria at 29:7, clause 1 at 30:9 and otherwise at 31:9


def test_two_procedures_deciding_one_item_differently_are_refuted_with_both_steps(tmp_path):
    path, report = verified(tmp_path, TWO)
    clash = one(report, "agreement")
    assert (clash.subject, clash.status, clash.at) == ("gate / county", "refuted", f"{path}:29:7")
    assert clash.params == {"first": "gate", "second": "county"}
    cx = clash.counterexample
    first, second = cx.steps
    assert (first.procedure, first.rule, second.procedure, second.rule) == (
        "gate",
        "gate.criteria[0]",
        "county",
        "county.criteria[0]",
    )
    assert first.decision != second.decision
    # the two disagree on a routine item whose role is not to report, or a report on an item not routine
    assert (cx.item["kind"] == "routine") != (cx.item["role"] == "report")
    assert cx.lists == ("grid_list",)
    expected = {
        ("admitted", "rejected"): (0, f"{path}:23:9", 1, f"{path}:31:9"),
        ("rejected", "admitted"): (1, f"{path}:24:9", 0, f"{path}:30:9"),
    }[(first.decision, second.decision)]
    assert (first.clause, first.at, second.clause, second.at) == expected


def test_two_procedures_with_the_same_criteria_agree(tmp_path):
    path, report = verified(tmp_path, TWO.replace('item.kind == "routine"', 'item.role == "report"'))
    ok = one(report, "agreement")
    assert (ok.subject, ok.status, ok.at, ok.counterexample) == ("gate / county", "proved", f"{path}:29:7", None)


def test_agreement_is_located_at_the_rules_a_procedure_names_when_it_has_no_inline_criteria(tmp_path):
    path, report = verified(
        tmp_path,
        TWO
        + """\
  - id: desk
    tier: grid
    lists: [grid_list]
    rules: [no_assist]
""",
        files={"r.rules": 'rule no_assist:\n  when item.role == "assist" then reject "the grid does not assist"\n'},
    )
    # desk's `rules: [no_assist]` is on line 35, its list at column 12; as its coverage is
    assert {p.subject: p.at for p in props(report, "agreement")} == {
        "gate / county": f"{path}:29:7",
        "gate / desk": f"{path}:35:12",
        "county / desk": f"{path}:35:12",
    }
    assert [(p.subject, p.at) for p in props(report, "coverage")] == [
        ("gate", f"{path}:22:7"),
        ("county", f"{path}:29:7"),
        ("desk", f"{path}:35:12"),
    ]


def test_procedures_of_different_tiers_never_govern_one_item_so_no_agreement_is_asked(tmp_path):
    _, report = verified(
        tmp_path,
        """\
  - id: gate
    tier: grid
    criteria:
      - otherwise reject "nothing enters the grid"
  - id: county
    tier: district
    criteria:
      - otherwise admit
""",
    )
    assert props(report, "agreement") == []
    assert statuses(report, "coverage") == [("gate", "proved"), ("county", "proved")]


# -- order ----------------------------------------------------------------------------------------


def test_overlapping_admit_and_reject_clauses_are_refuted_with_both_clause_numbers(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.kind == "routine" then admit
        when item.role == "assist" then reject "the grid does not assist"
        otherwise reject "only routine items"
""",
    )
    clash = one(report, "order")
    assert (clash.subject, clash.status, clash.at) == ("gate.criteria[0]", "refuted", f"{path}:24:9")
    assert clash.params == {
        "procedure": "gate",
        "rule": "gate.criteria[0]",
        "clause": 2,
        "other": 1,
        "other_at": f"{path}:23:9",
    }
    cx = clash.counterexample
    assert (cx.item["kind"], cx.item["role"], plain_keys(cx.item)) == ("routine", "assist", set())
    assert cx.steps == (
        Step("admitted", "gate", "gate.criteria[0]", 0, f"{path}:23:9"),
        Step("rejected", "gate", "gate.criteria[0]", 1, f"{path}:24:9", "the grid does not assist"),
    )


def test_disjoint_clauses_decide_alike_in_any_order(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.kind == "routine" then admit
        when item.kind == "line" then reject "line items stay with the departments"
""",
    )
    ok = one(report, "order")
    assert (ok.subject, ok.status, ok.at, ok.params) == (
        "gate.criteria[0]",
        "proved",
        f"{path}:23:9",
        {"procedure": "gate", "rule": "gate.criteria[0]"},
    )


def test_admit_and_admit_with_conditions_do_not_conflict(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.kind == "routine" then admit
        when item.role == "report" then admit with term(90d)
        when item.kind == "line" and item.role == "handle" then admit with transfer(money = 1000)
""",
    )
    assert statuses(report, "order") == [("gate.criteria[0]", "proved")]


def test_otherwise_never_conflicts(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.kind == "routine" then admit
        otherwise reject "only routine items"
      - |
        when item.kind == "line" then reject "line items stay with the departments"
        otherwise admit
""",
    )
    assert statuses(report, "order") == [("gate.criteria[0]", "proved"), ("gate.criteria[1]", "proved")]


# -- dead clauses ---------------------------------------------------------------------------------


def test_a_clause_covered_by_earlier_clauses_names_them(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.kind == "routine" then admit
        when item.kind == "line" then reject "line items stay with the departments"
        when item.kind != "temporary" then reject "never reached"
        otherwise admit with term(90d)
""",
    )
    (gone,) = [p for p in props(report, "dead") if p.status == "refuted"]
    assert (gone.subject, gone.at) == ("gate.criteria[0]", f"{path}:25:9")
    assert gone.params == {
        "procedure": "gate",
        "rule": "gate.criteria[0]",
        "clause": 3,
        "covered_by": [1, 2],
        "by_earlier_rules": False,
    }
    assert gone.counterexample is None


def test_a_clause_after_a_rule_that_decides_everything_is_dead_by_the_earlier_rules(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.kind == "routine" then admit
        otherwise reject "only routine items"
      - when item.kind == "line" then admit
""",
    )
    assert [(p.subject, p.status) for p in props(report, "dead")] == [
        ("gate.criteria[0]", "proved"),
        ("gate.criteria[1]", "refuted"),
    ]
    gone = props(report, "dead")[1]
    assert gone.at == f"{path}:25:9"
    assert gone.params == {
        "procedure": "gate",
        "rule": "gate.criteria[1]",
        "clause": 1,
        "covered_by": [],
        "by_earlier_rules": True,
    }


def test_a_clause_covered_by_earlier_clauses_and_earlier_rules_names_both(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - when item.kind == "routine" then admit
      - |
        when item.kind == "line" then reject "line items stay with the departments"
        when item.kind != "temporary" then admit
""",
    )
    gone = props(report, "dead")[1]
    assert (gone.status, gone.at) == ("refuted", f"{path}:25:9")
    assert (gone.params["clause"], gone.params["covered_by"], gone.params["by_earlier_rules"]) == (2, [1], True)
    assert message(gone, "en", {}, 1) == (
        "clause 2 of criteria 2 of gate can never apply: the criteria tried earlier and clause(s) 1 before it "
        "decide every item it would"
    )
    assert message(gone, "zh", {}, 1) == (
        "gate的准入条件(第 2 组)第 2 条永远不会适用:此前适用的准入条件与其前的第 1 条已对其适用的全部事项作出决定"
    )


def test_a_condition_on_an_undeclared_category_never_holds(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.category == "no_such_category" then reject "never"
        otherwise admit
""",
    )
    gone = next(p for p in props(report, "dead") if p.status == "refuted")
    assert gone.at == f"{path}:23:9"
    assert gone.params == {
        "procedure": "gate",
        "rule": "gate.criteria[0]",
        "clause": 1,
        "covered_by": [],
        "by_earlier_rules": False,
    }


def test_an_order_counterexample_says_which_clause_admit_decides_by(tmp_path):
    # every item clauses 2 and 3 both hold for, clause 1 holds for too: `admit` admits it by clause 1,
    # and the counterexample says so before naming the two clauses
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.role == "assist" and item.kind == "line" then admit
        when item.role == "assist" then reject "the grid does not assist"
        when item.kind == "line" then admit with term(30d)
""",
    )
    second, third = props(report, "order")
    assert (second.status, second.params["clause"], second.params["other"]) == ("refuted", 2, 1)
    assert (third.status, third.params["clause"], third.params["other"]) == ("refuted", 3, 2)
    assert [s.clause for s in second.counterexample.steps] == [0, 1]
    assert third.counterexample.steps == (
        Step("admitted", "gate", "gate.criteria[0]", 0, f"{path}:23:9"),
        Step("rejected", "gate", "gate.criteria[0]", 1, f"{path}:24:9", "the grid does not assist"),
        Step("conditional", "gate", "gate.criteria[0]", 2, f"{path}:25:9"),
    )


def test_an_agreement_counterexample_prefers_an_item_the_pair_decides(tmp_path):
    # an earlier procedure decides routine items: the pair's disagreement is shown on an item it leaves
    _, report = verified(
        tmp_path,
        """\
  - id: first
    tier: grid
    lists: [grid_list]
    criteria:
      - when item.kind == "routine" then admit
"""
        + TWO.replace("lists: [grid_list]", "lists: [grid_list, other_list]"),
    )
    pairs = {p.subject: p for p in props(report, "agreement")}
    clash = pairs["gate / county"]
    assert clash.status == "refuted"
    # not an item the first procedure admits: not routine, or routine but only on the other list
    assert clash.counterexample.item["kind"] != "routine" or "grid_list" not in clash.counterexample.lists
    assert [s.procedure for s in clash.counterexample.steps] == ["gate", "county"]


def test_an_agreement_counterexample_an_earlier_procedure_decides_says_so(tmp_path):
    # every item on the list is decided by the procedure declared first: the counterexample leads with it
    _, report = verified(
        tmp_path,
        """\
  - id: first
    tier: grid
    lists: [grid_list]
    criteria:
      - otherwise admit with term(30d)
"""
        + TWO,
    )
    clash = {p.subject: p for p in props(report, "agreement")}["gate / county"]
    assert clash.status == "refuted"
    assert [(s.decision, s.procedure) for s in clash.counterexample.steps[:1]] == [("conditional", "first")]
    assert [s.procedure for s in clash.counterexample.steps[1:]] == ["gate", "county"]


# -- null: absent, unstated and unknown values ----------------------------------------------------


def test_an_ordering_never_holds_for_unstated_money(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.funding.money > 0 then admit
        when item.funding.money <= 0 then reject "no money comes with it"
""",
    )
    gap = one(report, "coverage")
    assert gap.status == "refuted"
    # neither `> 0` nor `<= 0` holds when the money is not stated: the item falls through both
    assert "funding" not in gap.counterexample.item
    assert gap.counterexample.steps == (Step("rejected", "gate", None, None, f"{path}:18:9", DEFAULT),)


def test_not_of_an_ordering_holds_for_unstated_money(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.funding.money > 0 then admit
        when not (item.funding.money > 0) then reject "no money comes with it"
""",
    )
    assert statuses(report, "coverage") == [("gate", "proved")]
    assert statuses(report, "dead") == [("gate.criteria[0]", "proved")]


def test_stated_tells_an_unstated_value_from_a_stated_one(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when stated(item.funding.money) and item.funding.money >= 0 then admit
        when not stated(item.funding.money) then reject "the money is not stated"
        when item.funding.money < 0 then reject "never: money is not negative"
""",
    )
    assert statuses(report, "coverage") == [("gate", "proved")]
    (never,) = [p for p in props(report, "dead") if p.status == "refuted"]
    assert (never.at, never.params["clause"], never.params["covered_by"]) == (f"{path}:25:9", 3, [])


def test_two_nulls_are_equal(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when not stated(item.owner) and not stated(item.via) and item.owner != item.via then reject "never"
        when not stated(item.owner) and item.owner == item.via then admit
        when item.owner == item.via then reject "the owner does not pass its own item on"
""",
    )
    dead = props(report, "dead")
    (never,) = [p for p in dead if p.status == "refuted"]
    assert (never.at, never.params) == (
        f"{path}:23:9",
        {"procedure": "gate", "rule": "gate.criteria[0]", "clause": 1, "covered_by": [], "by_earlier_rules": False},
    )
    # clause 2 is alive only because null equals null (neither owner nor via stated), and clause 3 for
    # an owner that passes its item on through itself; no clause decides an item whose two differ
    gap = one(report, "coverage")
    assert gap.status == "refuted"
    item = gap.counterexample.item
    assert item.get("owner") != item.get("via")


# -- sets, quantifiers, counts, durations, dates, strings and entities -----------------------------


def test_all_over_no_co_handler_holds(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when all(c in item.co_handlers: c.kind == "functional_department") then admit
        when count(item.co_handlers) == 0 then reject "nobody handles it with the grid"
""",
    )
    clash = one(report, "order")
    assert (clash.status, clash.params["clause"], clash.params["other"]) == ("refuted", 2, 1)
    assert "co_handlers" not in clash.counterexample.item  # no co-handler: `all` holds, and so does the count
    assert [s.decision for s in clash.counterexample.steps] == ["admitted", "rejected"]
    # an item with a co-handler that is no department falls through: the grid team is the only one
    gap = one(report, "coverage")
    assert gap.counterexample.item["co_handlers"] == [{"unit": "team"}]
    # and the count clause can never decide: every item it holds for, `all` has admitted
    (covered,) = props(report, "dead")
    assert (covered.status, covered.at, covered.params["clause"], covered.params["covered_by"]) == (
        "refuted",
        f"{path}:24:9",
        2,
        [1],
    )


def test_count_of_a_set(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when count(item.co_handlers) == 1 then admit
        when count(item.co_handlers) >= 2 then reject "too many hands"
        when count(item.co_handlers) >= 4 then reject "never: three units are declared"
        otherwise reject "nobody handles it with the grid"
""",
    )
    assert statuses(report, "order") == [("gate.criteria[0]", "proved")]
    (never,) = props(report, "dead")
    assert (never.status, never.at) == ("refuted", f"{path}:25:9")
    assert (never.params["clause"], never.params["covered_by"], never.params["by_earlier_rules"]) == (3, [], False)


def test_a_count_of_two_or_more_has_two_co_handlers(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when count(item.co_handlers) >= 1 then admit
        when count(item.co_handlers) >= 2 then reject "too many hands"
""",
    )
    clash = one(report, "order")
    assert clash.status == "refuted"
    assert len(clash.counterexample.item["co_handlers"]) == 2


def test_a_term_of_dates_within_90_days(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.kind != "temporary" then admit
        when not stated(item.valid_from) or not stated(item.valid_to) then reject "a temporary item needs dates"
        when item.valid_to - item.valid_from <= 90d then admit with term(90d)
""",
    )
    gap = one(report, "coverage")
    assert gap.status == "refuted"
    valid = gap.counterexample.item["valid"]
    assert (date.fromisoformat(valid["to"]) - date.fromisoformat(valid["from"])).days > 90
    assert gap.counterexample.item["kind"] == "temporary"


def test_a_date_compared_with_the_day_judged(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.valid_from < on then reject "it started before the list was judged"
        when item.valid_from >= 2026-01-01 then admit
""",
    )
    assert statuses(report, "dead") == [("gate.criteria[0]", "proved")]
    gap = one(report, "coverage")
    assert "valid" not in gap.counterexample.item  # a date not stated is neither before nor after
    assert statuses(report, "order") == [("gate.criteria[0]", "proved")]  # `on` is 2026-01-01: disjoint


def test_a_string_a_rule_names(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.legal_basis == "《条例》第五条" then admit
        when stated(item.legal_basis) then reject "another legal basis"
""",
    )
    clash = one(report, "order")
    assert clash.status == "refuted"
    assert clash.counterexample.item["legal_basis"] == "《条例》第五条"


def test_an_entity_reached_through_the_item(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.owner.kind == "functional_department" then admit
        when stated(item.owner) then reject "the grid's own team does not bring items"
        otherwise reject "an item needs an owner"
""",
    )
    clash = one(report, "order")
    assert clash.status == "refuted"
    assert clash.counterexample.item["owner"] in ("fire_dept", "road_dept")
    assert statuses(report, "coverage") == [("gate", "proved")]
    assert statuses(report, "dead") == [("gate.criteria[0]", "proved")]


def test_the_new_item_is_among_the_items_of_its_tier(tmp_path):
    path, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item in items(item.tier) then admit
        otherwise reject "never"
""",
    )
    assert statuses(report, "coverage") == [("gate", "proved")]
    (never,) = props(report, "dead")
    assert (never.status, never.at, never.params["clause"], never.params["covered_by"]) == (
        "refuted",
        f"{path}:24:9",
        2,
        [1],
    )


def test_powers_of_the_tier_and_those_funding_brings(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - when item.requires <= powers(item.tier) + item.funding.powers then admit
""",
    )
    gap = one(report, "coverage")
    assert gap.status == "refuted"
    item = gap.counterexample.item
    required = {p for powers in item.get("requires", {}).values() for p in powers}
    brought = item.get("funding", {}).get("powers", [])
    # a power the grid lacks (it holds only `report`) that the funding does not bring either; or powers
    # the funding brings written `unstated`: the union is null, and so is the comparison
    assert brought == "unstated" or required - {"report"} - set(brought)
    assert statuses(report, "dead") == [("gate.criteria[0]", "proved")]


def test_a_rule_literal_that_is_no_id_is_never_the_items_id(tmp_path):
    # a counterexample whose id were the legal basis's text could not be written into a policy
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.id == "《条例》第五条" or item.legal_basis == "《条例》第五条" then admit
        when stated(item.legal_basis) then reject "another legal basis"
""",
    )
    clash = one(report, "order")
    assert clash.status == "refuted"
    assert clash.counterexample.item["legal_basis"] == "《条例》第五条"
    assert clash.counterexample.item["id"] == "counterexample"


def test_a_date_past_9999_is_null(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.valid_from + 30d > item.valid_from then admit
        when not stated(item.valid_from) then reject "a start date is needed"
""",
    )
    # thirty days after a start in the last month of 9999 is past the last day a date can be: null
    gap = one(report, "coverage")
    assert gap.counterexample.item["valid"]["from"] > "9999-12-01"


def test_a_rule_literal_is_not_taken_for_the_items_id_unless_the_rule_needs_it(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.applicant.tier == "district" and item.via.kind == "grid_team" then admit
        when stated(item.applicant) then reject "an applicant from the grid"
      - |
        when item.id == "fire_patrol" then admit
        otherwise reject "only the fire patrol"
""",
    )
    first, second = props(report, "order")
    item = first.counterexample.item
    assert (item["id"], item["name"], item["via"]) == (
        "counterexample",
        {"zh": "反例事项", "en": "Counterexample item"},
        "team",
    )
    assert item["applicant"] in ("fire_dept", "road_dept")
    assert second.status == "proved"
    # the second rule admits the item its literal names: alive, and the literal is an id the item may have
    assert statuses(report, "dead") == [("gate.criteria[0]", "proved"), ("gate.criteria[1]", "proved")]


def test_named_rules_are_located_in_their_rules_file_and_judged_per_procedure(tmp_path):
    path, report = verified(
        tmp_path,
        """\
  - id: gate
    tier: grid
    lists: [grid_list]
    rules: [routine_only, no_assist]
  - id: county
    tier: district
    lists: [grid_list]
    criteria:
      - when item.kind == "line" then reject "line items stay with the departments"
    rules: [no_assist]
""",
        files={
            "gate.rules": """\
rule routine_only "Routine items enter" for item:
  when item.kind == "routine" then admit

rule no_assist:
  when item.role == "assist" then reject "the grid does not assist"
  when item.kind == "temporary" then admit with term(30d)
"""
        },
    )
    rules = path.replace("p.yaml", "gate.rules")
    # what the gate leaves (line items that are not assisted) the county rejects: no gap in either
    assert [(p.subject, p.status, p.at) for p in props(report, "coverage")] == [
        ("gate", "proved", f"{path}:21:12"),
        ("county", "proved", f"{path}:26:7"),
    ]
    clash = one(report, "agreement")
    assert (clash.status, clash.at) == ("refuted", f"{path}:26:7")
    assert clash.counterexample.item["role"] == "assist" and clash.counterexample.item["kind"] == "routine"
    assert [(s.decision, s.procedure, s.rule, s.clause, s.at) for s in clash.counterexample.steps] == [
        ("admitted", "gate", "routine_only", 0, f"{rules}:2:3"),
        ("rejected", "county", "no_assist", 0, f"{rules}:5:3"),
    ]
    assert [(p.subject, p.params["procedure"], p.status, p.at) for p in props(report, "order")] == [
        ("routine_only", "gate", "proved", f"{rules}:2:3"),
        ("no_assist", "gate", "refuted", f"{rules}:6:3"),
        ("county.criteria[0]", "county", "proved", f"{path}:26:9"),
        ("no_assist", "county", "proved", f"{rules}:5:3"),
    ]
    # under the county, the gate's rules and the county's own criteria leave nothing for no_assist
    assert [(p.params["clause"], p.params["by_earlier_rules"], p.at) for p in props(report, "dead")[3:]] == [
        (1, True, f"{rules}:5:3"),
        (2, True, f"{rules}:6:3"),
    ]


def test_the_reviewer_the_items_owner_is(tmp_path):
    _, report = verified(
        tmp_path,
        """\
  - id: gate
    tier: grid
    lists: [grid_list]
    reviewer: {relation: item_owner}
    criteria:
      - |
        when "fire_dept" in item.reviewer then admit
        when count(item.reviewer) == 0 then reject "nobody reviews it"
""",
    )
    gap = one(report, "coverage")
    # owned by another unit: with no owner, nobody reviews it and clause 2 rejects it
    assert gap.counterexample.item["owner"] in ("road_dept", "team")
    assert statuses(report, "dead") == [("gate.criteria[0]", "proved")]


def test_a_finding_concludes_nothing_and_the_next_rule_decides(tmp_path):
    _, report = verified(
        tmp_path,
        GATE
        + """\
      - |
        when item.kind == "line" then finding PE901 warning "a line item"
        when item.role == "assist" then reject "the grid does not assist"
        otherwise admit
      - when item.kind == "line" then admit with term(30d)
""",
    )
    assert statuses(report, "coverage") == [("gate", "proved")]
    assert statuses(report, "order") == [("gate.criteria[0]", "proved"), ("gate.criteria[1]", "proved")]
    # the second rule decides the line items the first leaves with a finding: it is alive
    assert statuses(report, "dead") == [("gate.criteria[0]", "proved"), ("gate.criteria[1]", "proved")]


def test_a_procedure_without_lists_governs_an_item_on_no_list(tmp_path):
    _, report = verified(
        tmp_path,
        """\
  - id: gate
    tier: grid
    criteria:
      - when item.kind == "routine" then admit
  - id: other
    tier: grid
    lists: [other_list]
    criteria:
      - when item.kind == "line" then reject "line items stay with the departments"
""",
    )
    gate, other = props(report, "coverage")
    assert (gate.subject, gate.status, other.subject, other.status) == ("gate", "refuted", "other", "refuted")
    assert gate.counterexample.lists == ()
    assert other.counterexample.lists == ("other_list",)
    assert other.counterexample.item["kind"] == "temporary"  # routine: the gate admits; line: other rejects
    # the default rejection is the first governing procedure's, as `admit` says
    assert other.counterexample.steps[0].procedure == "gate"
    assert statuses(report, "agreement") == [("gate / other", "proved")]


def test_the_cli_writes_counterexamples_that_admit_decides_as_the_report_says(tmp_path):
    root = write_policy(
        tmp_path / "policy",
        {
            "p.yaml": HEAD
            + GATE
            + """\
      - |
        when item.kind == "routine" then admit
        when item.role == "assist" then reject "the grid does not assist"
"""
        },
    )
    folder = tmp_path / "cx"
    out = CliRunner().invoke(
        main, ["verify", str(root), "--on", ON, "--format", "json", "--counterexamples", str(folder), "--timeout", "60"]
    )
    assert out.exit_code == 1, out.output
    data = json.loads(out.stdout)
    found = [p for p in data["properties"] if p.get("counterexample")]
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == [f"{n:02d}-{p['kind']}.yaml" for n, p in enumerate(found, 1)]
    assert [f.name for f in files] == ["01-coverage.yaml", "02-order.yaml"]
    for file, prop in zip(files, found, strict=True):
        step = prop["counterexample"]["decided"][0]
        decided = decision_of(file, prop["counterexample"]["item"]["id"])
        assert (decided["decision"], decided["procedure"], decided["rule"]) == (
            step["decision"],
            step["procedure"],
            step["rule"],
        )


# -- thresholds: the solver's answers against the arithmetic of two half-lines ---------------------

OPS = {
    "<": lambda x, n: x < n,
    "<=": lambda x, n: x <= n,
    ">": lambda x, n: x > n,
    ">=": lambda x, n: x >= n,
    "==": lambda x, n: x == n,
    "!=": lambda x, n: x != n,
}
THRESHOLDS = st.integers(-2, 12).map(lambda n: n / 2)  # halves: exact in the solver and in admit


def _amounts(*thresholds: float) -> list[float | None]:
    """Every amount of money that can tell two comparisons apart: none (not stated), 0 and the schema's
    bound, the thresholds in between and a point between each two of these."""
    bound = BOUNDS["funding.money"]
    ends = sorted({0.0, float(bound), *(t for t in thresholds if 0 <= t <= bound)})
    return [None, *ends, *((a + b) / 2 for a, b in itertools.pairwise(ends))]


def _holds(op: str, n: float):
    # null meets no ordering and no `==` with a number; `null != n` is true
    return lambda x: op == "!=" if x is None else OPS[op](x, n)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.sampled_from(sorted(OPS)),
    second=st.sampled_from(sorted(OPS)),
    n=THRESHOLDS,
    m=THRESHOLDS,
    otherwise=st.booleans(),
)
def test_thresholds_on_money_are_judged_as_arithmetic_says(first, second, n, m, otherwise):
    c1, c2 = _holds(first, n), _holds(second, m)
    rule = f"""\
      - |
        when item.funding.money {first} {n:g} then admit
        when item.funding.money {second} {m:g} then reject "the money does not fit"
"""
    if otherwise:
        rule += "        otherwise admit with term(30d)\n"
    with tempfile.TemporaryDirectory() as folder:
        _, report = verified(Path(folder), GATE + rule)
    amounts = _amounts(n, m)

    def some(condition) -> bool:
        return any(condition(x) for x in amounts)

    gap = some(lambda x: not c1(x) and not c2(x))
    assert statuses(report, "coverage") == [("gate", "refuted" if gap and not otherwise else "proved")]
    overlap = some(lambda x: c1(x) and c2(x))
    assert statuses(report, "order") == [("gate.criteria[0]", "refuted" if overlap else "proved")]
    dead = {p.params["clause"]: p.params["covered_by"] for p in props(report, "dead") if p.status == "refuted"}
    expected = {}
    if not some(c1):
        expected[1] = []
    if not some(lambda x: c2(x) and not c1(x)):
        expected[2] = [1] if some(c2) else []
    if otherwise and not gap:
        # what leaves nothing for `otherwise`: a clause that alone decides every amount, or both clauses
        alone = [k for k, c in ((1, c1), (2, c2)) if all(c(x) for x in amounts)]
        expected[3] = dead.get(3) if dead.get(3) in [[k] for k in alone] else [1, 2]
    assert dead == expected


def test_the_text_says_how_admit_decides_and_which_clauses_hold_besides(tmp_path):
    root = write_policy(
        tmp_path / "policy",
        {
            "p.yaml": HEAD
            + GATE
            + """\
      - |
        when item.role == "assist" and item.kind == "line" then admit
        when item.role == "assist" then reject "the grid does not assist"
        when item.kind == "line" then admit with term(30d)
        otherwise admit
"""
        },
    )
    path = root / "p.yaml"
    out = CliRunner().invoke(main, ["verify", str(root), "--on", ON, "--timeout", "60"])
    assert out.exit_code == 1, out.output
    third = out.stdout.split(f"{path}:25:9: refuted")[1].split("\n/")[0]
    assert third.splitlines()[-3:] == [
        f"    decided: admitted, clause 1 of criteria 1 of gate ({path}:23:9)",
        f"    also holds: clause 2 of criteria 1 of gate ({path}:24:9), which decides it rejected",
        f"    also holds: clause 3 of criteria 1 of gate ({path}:25:9), which decides it conditional",
    ]
    zh = CliRunner().invoke(main, ["verify", str(root), "--on", ON, "--timeout", "60", "--lang", "zh"])
    assert f"    同时成立:gate的准入条件(第 1 组)第 3 条({path}:25:9),该条决定为“附条件准入”" in zh.stdout


# -- the semantic diff: both sides of each change decided again by admit ----------------------------


def test_each_change_is_decided_by_admit_under_the_reform_and_under_the_baseline(tmp_path):
    write_policy(tmp_path / "policy", {"p.yaml": HEAD + GATE + '      - when item.kind == "routine" then admit\n'})
    reform = tmp_path / "desk.yaml"
    reform.write_text(
        """\
reform:
  id: desk
  name: {zh: 人工审核, en: A desk reviews what the gate leaves}
  baseline: policy
operations:
  - op: add
    section: admission
    value: {id: desk, tier: grid, lists: [grid_list]}
""",
        encoding="utf-8",
    )
    folder = tmp_path / "cx"
    # the baseline given as PATH: its side of each change is written too
    args = ["verify", str(tmp_path / "policy"), "--reform", str(reform), "--on", ON, "--format", "json"]
    out = CliRunner().invoke(main, [*args, "--counterexamples", str(folder)])
    assert out.exit_code == 1, out.output
    (change,) = json.loads(out.stdout)["changes"]
    assert (change["subject"], change["status"]) == ("rejected → pending", "refuted")
    names = sorted(f.name for f in folder.iterdir())
    assert names == ["01-change-baseline.yaml", "01-change.yaml"]
    cx = change["counterexample"]
    for name, step in (("01-change.yaml", cx["decided"][0]), ("01-change-baseline.yaml", cx["before"][0])):
        decided = decision_of(folder / name, cx["item"]["id"])
        assert (decided["decision"], decided["procedure"], decided["rule"]) == (
            step["decision"],
            step["procedure"],
            step["rule"],
        )
    assert (cx["before"][0]["decision"], cx["decided"][0]["decision"]) == ("rejected", "pending")
