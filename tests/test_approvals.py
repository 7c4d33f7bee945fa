"""Approval records (`approvals`) in `admit`: a record in term decides what a procedure without
criteria leaves pending; out of term it lapses; against criteria it is named as disagreeing. And the
rule attributes of the parties: item.applicant, item.reviewer, item.legal_basis, item.via."""

from __future__ import annotations

import json

from click.testing import CliRunner

from policyengine.admission import decide
from policyengine.cli import main
from policyengine.decisions import APPLIED, DISAGREES, LAPSED, OUT_OF_TERM, RECORDED

from .test_parties import BASE, lint, messages
from .util import located, write_policy

# a county desk reviews the grid's list by hand; a gate with criteria governs it too in DISAGREE
DESK = """admission:
  - {id: desk, tier: county, lists: [grid_list], reviewer: county_centre}
approvals:
  - item: hazard
    procedure: desk
    decision: admitted
    by: {all_of: [committee, county_gov]}
    on: 2025-06-01
    term_days: 365
    source: {document: County approval, article: "3"}
  - {item: sweep, procedure: desk, decision: rejected, by: county_centre, term: {from: 2025-01-01, to: 2025-12-31}}
"""


def decisions(tmp_path, extra: str, on: str = "2026-01-01"):
    result = lint(tmp_path, extra, on=on)
    assert [f for f in result.findings if f.code in ("PE002", "PE003", "PE004", "PE006", "PE007")] == []
    return {d.item: d for d in decide(result.policy, result.rules, on).decisions}


def test_a_record_in_term_decides_what_the_review_by_hand_leaves_pending(tmp_path):
    table = decisions(tmp_path, DESK)
    hazard = table["hazard"]
    assert (hazard.decision, hazard.procedure, hazard.reason) == ("admitted", "desk", RECORDED)
    assert hazard.record is not None
    assert (hazard.record.status, hazard.record.on, hazard.record.start, hazard.record.end) == (
        APPLIED,
        "2025-06-01",
        "2025-06-01",
        "2026-06-01",
    )
    # sweep's record ended on 2025-12-31: it lapsed, and sweep is pending again
    sweep = table["sweep"]
    assert (sweep.decision, sweep.reason, sweep.record.status) == ("pending", LAPSED, OUT_OF_TERM)
    assert (table["census"].decision, table["census"].record) == ("pending", None)


def test_a_record_lapses_after_its_term(tmp_path):
    table = decisions(tmp_path, DESK, on="2026-06-02")
    assert (table["hazard"].decision, table["hazard"].reason) == ("pending", LAPSED)
    assert decisions(tmp_path / "on", DESK, on="2026-06-01")["hazard"].decision == "admitted"  # the last day


DISAGREE = DESK.replace(
    "admission:\n",
    'admission:\n  - {id: gate, tier: grid, criteria: ["when item.kind == \\"line\\" then reject \\"no line items\\""]}\n',
)


def test_criteria_that_decide_otherwise_stand_and_the_record_disagrees(tmp_path):
    hazard = decisions(tmp_path, DISAGREE)["hazard"]
    assert (hazard.decision, hazard.procedure, hazard.reason) == ("rejected", "gate", "no line items")
    assert hazard.record is not None and (hazard.record.status, hazard.record.decision) == (DISAGREES, "admitted")


def test_admit_text_and_json_cite_the_record(tmp_path):
    root = str(write_policy(tmp_path, {"base.yaml": BASE, "extra.yaml": DISAGREE}))
    run = CliRunner()
    out = run.invoke(main, ["admit", root, "--on", "2026-01-01"]).output
    assert (
        "approval record at " in out
        and "extra.yaml:5:11 says admitted, by all of 'committee', 'county_gov', on 2025-06-01, in term 2025-06-01 "
        "to 2026-06-01, source: County approval 3: the criteria decide, and it disagrees"
        in out
    )
    assert "does not hold on 2026-01-01" in out  # sweep's lapsed record
    zh = run.invoke(main, ["admit", root, "--on", "2026-01-01", "--lang", "zh"]).output
    assert "与准入标准的决定不一致,以准入标准为准" in zh and "审批方“committee”、“county_gov”共同" in zh
    data = json.loads(run.invoke(main, ["admit", root, "--on", "2026-01-01", "--format", "json"]).output)
    hazard = next(d for d in data["decisions"] if d["item"] == "hazard")
    assert {k: v for k, v in hazard["record"].items() if k != "at"} == {
        "status": "disagrees",
        "procedure": "desk",
        "decision": "admitted",
        "by": {"all_of": ["committee", "county_gov"]},
        "on": "2025-06-01",
        "from": "2025-06-01",
        "to": "2026-06-01",
        "source": {"document": "County approval", "article": "3"},
    }
    assert "record" not in next(d for d in data["decisions"] if d["item"] == "census")


def test_pe201_sees_the_rejection_a_record_decides(tmp_path):
    rejected = DESK.replace("    decision: admitted\n", "    decision: rejected\n")
    result = lint(tmp_path, rejected)
    assert located(result, "PE201") == [("PE201", "base.yaml", 23, 55)]  # the entry `hazard`
    assert messages(result, "PE201") == [
        f"item 'Hazard' in list 'grid_list' is rejected by its approval record under procedure 'desk' (at "
        f"{tmp_path / 'extra.yaml'}:4:11)"
    ]


def test_overlapping_records_of_one_item_and_procedure_are_pe003(tmp_path):
    twice = DESK + "  - {item: hazard, procedure: desk, decision: rejected, on: 2026-01-01}\n"
    result = lint(tmp_path, twice)
    assert located(result, "PE003") == [("PE003", "extra.yaml", 12, 12)]
    assert messages(result, "PE003")[0].startswith(
        "a second approval record of item 'hazard' under procedure 'desk' holds on days the one at "
    )
    after = DESK + "  - {item: hazard, procedure: desk, decision: rejected, on: 2026-06-02}\n"
    assert located(lint(tmp_path / "after", after), "PE003") == []


def test_a_record_names_declared_items_procedures_and_parties(tmp_path):
    bad = "approvals:\n  - {item: nothing, procedure: nowhere, decision: admitted, by: {any_of: [ghost]}}\n"
    result = lint(tmp_path, bad)
    assert located(result, "PE004") == [
        ("PE004", "extra.yaml", 2, 12),  # the item
        ("PE004", "extra.yaml", 2, 32),  # the procedure
        ("PE004", "extra.yaml", 2, 75),  # the unit inside `by`
    ]
    both = "approvals:\n  - {item: hazard, procedure: desk, decision: admitted, term: {to: 2026-01-01}, term_days: 3}\n"
    assert [f.code for f in lint(tmp_path / "both", DESK.split("approvals:")[0] + both).findings] == ["PE002"]


# == the rule attributes of parties ==================================================================

RULES = """admission:
  - id: gate
    tier: county
    lists: [grid_list]
    applicant: {tier: town}
    reviewer: {any_of: [county_centre, {relation: applicant_tier_government}]}
    criteria:
      - >
        when item.applicant == "fire" and "county_centre" in item.reviewer and "county_gov" in item.reviewer
        then admit
        when item.via == "leading" and item.legal_basis == "Census notice" and "town_gov" in item.reviewer
        then reject "through the leading group"
        when item.applicant == item.via and item.via == item.owner then admit with term(30d)
"""


def test_rules_read_applicant_reviewer_legal_basis_and_via(tmp_path):
    table = decisions(tmp_path, RULES)
    # hazard: applicant fire (county), so the applicant's government is the county's
    assert (table["hazard"].decision, table["hazard"].rule) == ("admitted", "gate.criteria[0]")
    # census: applied from the town; its legal basis is a source's document
    assert (table["census"].decision, table["census"].reason) == ("rejected", "through the leading group")
    # sweep names no applicant (the procedure's, a tier, is not a single unit), no body, no owner: all null
    assert (table["sweep"].decision, table["sweep"].term_days) == ("conditional", 30)


def test_a_party_attribute_misused_is_pe007(tmp_path):
    misuse = RULES.replace('"county_centre" in item.reviewer', "item.reviewer > 3")
    result = lint(tmp_path, misuse)
    assert [f.code for f in result.findings if f.code in ("PE006", "PE007")] == ["PE007"]
    assert located(result, "PE007")[0][:3] == ("PE007", "extra.yaml", 9)
