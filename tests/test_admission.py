"""Admission decisions (准入) and the bill per tier, through the API and the `admit` command."""

from __future__ import annotations

import json
import random

from click.testing import CliRunner

from policyengine.admission import decide
from policyengine.cli import main

from .util import lint_files, write_policy

GATE = {
    "p.yaml": """
    tiers:
      - {id: district, name: {en: District}}
      - {id: grid, name: {en: Grid}, parent: district}
    units:
      - {id: fire_dept, name: {en: Fire department}, tier: district, kind: functional_department}
      - {id: team, name: {en: Grid team}, tier: grid, kind: grid_team}
    grants:
      - {unit: fire_dept, powers: [penalty, enforcement]}
      - {unit: team, powers: [report]}
    items:
      - {id: fire, name: {en: Fire}, kind: line, owner: fire_dept, tier: grid, role: handle,
         requires: {handle: [penalty]}, cost: {yuan_per_year: 5000, hours_per_month: 83}}
      - {id: road, name: {en: Road}, kind: line, owner: fire_dept, tier: grid, role: handle,
         requires: {handle: [administrative]}}
      - {id: patrol, name: {en: Patrol}, kind: routine, tier: grid, role: report, requires: {report: [report]}}
      - {id: census, name: {en: Census}, kind: temporary, tier: grid, role: assist}
      - {id: audit, name: {en: Audit}, kind: routine, tier: district, role: handle}
    lists:
      - {id: grid_list, tier: grid, kind: duties, items: [fire, road, patrol, census]}
    admission:
      - id: gate
        tier: grid
        lists: [grid_list]
        criteria:
          - when item.kind == "temporary" then reject "temporary items need an approved term"
          - >
            when item.requires <= powers(item.tier) + item.funding.powers then admit
            when item.kind == "line" and "penalty" in item.requires then admit with
            devolve(item.requires - powers(item.tier)),
            transfer(money = item.cost.yuan_per_year, people = item.cost.hours_per_month / 166), term(1y)
    """
}


def decided(tmp_path, files=GATE):
    result = lint_files(tmp_path, files)
    assert result.findings == [] or all(f.code not in ("PE006", "PE007") for f in result.findings)
    return decide(result.policy, result.rules, "2026-01-01")


def test_each_item_gets_its_decision_rule_and_reason(tmp_path):
    admissions = decided(tmp_path)
    table = {d.item: (d.decision, d.rule, d.reason) for d in admissions.decisions}
    assert table == {
        "audit": ("unreviewed", None, "no admission procedure governs it"),
        "census": ("rejected", "gate.criteria[0]", "temporary items need an approved term"),
        "fire": ("conditional", "gate.criteria[1]", None),
        "patrol": ("admitted", "gate.criteria[1]", None),
        "road": ("rejected", None, "no criterion admits it"),
    }


def test_the_bill_moves_powers_money_and_people_to_the_tier(tmp_path):
    admissions = decided(tmp_path)
    (bill,) = admissions.bills
    assert (bill.tier, bill.powers, bill.money, bill.people, bill.sources) == (
        "grid",
        {"penalty": ["fire"]},
        5000,
        0.5,
        {"fire_dept": 5000},
    )
    fire = next(d for d in admissions.decisions if d.item == "fire")
    assert (fire.devolve, fire.term_days) == (("penalty",), 365)


def test_decisions_do_not_depend_on_item_order(tmp_path):
    text = GATE["p.yaml"]
    head, rest = text.split("    items:\n")
    items, tail = rest.split("    lists:\n")
    entries = ["      - " + e for e in items.split("      - ")[1:]]
    random.Random(7).shuffle(entries)
    shuffled = {
        "p.yaml": head
        + "    items:\n"
        + "".join(e if e.endswith("\n") else e + "\n" for e in entries)
        + "    lists:\n"
        + tail
    }
    assert decided(tmp_path / "a").decisions == decided(tmp_path / "b", shuffled).decisions


def test_admit_command_text_and_json(tmp_path):
    root = str(write_policy(tmp_path, GATE))
    runner = CliRunner()
    out = runner.invoke(main, ["admit", root, "--on", "2026-01-01"])
    assert out.exit_code == 0, out.output
    assert (
        "Fire    Grid      conditional  gate.criteria[1]; devolve penalty; transfer 5,000 yuan/year; "
        "transfer 0.50 people; term 365 days" in out.output
    )
    assert out.output.rstrip().endswith("1 admitted, 1 conditional, 0 pending review, 2 rejected, 1 unreviewed")
    first = runner.invoke(main, ["admit", root, "--format", "json", "--on", "2026-01-01"]).output
    second = runner.invoke(main, ["admit", root, "--format", "json", "--on", "2026-01-01"]).output
    assert first == second
    data = json.loads(first)
    assert data["summary"] == {"admitted": 1, "conditional": 1, "pending": 0, "rejected": 2, "unreviewed": 1}
    assert data["bills"] == [
        {"tier": "grid", "powers": {"penalty": ["fire"]}, "money": 5000.0, "people": 0.5, "from": {"fire_dept": 5000.0}}
    ]
    zh = runner.invoke(main, ["admit", root, "--lang", "zh", "--on", "2026-01-01"]).output
    assert "下放处罚权(1 项:fire)" in zh  # the built-in power by its standard name


def test_admit_refuses_a_policy_with_broken_rules(tmp_path):
    broken = {"p.yaml": GATE["p.yaml"].replace('item.kind == "temporary"', 'item.knd == "temporary"')}
    out = CliRunner().invoke(main, ["admit", str(write_policy(tmp_path, broken))])
    assert out.exit_code == 1 and "PE007" in out.output


def test_h_district_has_no_admission_procedure_so_nothing_is_reviewed():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "policies" / "h_district"
    data = json.loads(CliRunner().invoke(main, ["admit", str(root), "--format", "json"]).output)
    assert data["summary"] == {"admitted": 0, "conditional": 0, "pending": 0, "rejected": 0, "unreviewed": 14}


BY_HAND = {
    "p.yaml": GATE["p.yaml"]
    + """
      - {id: desk, tier: grid, lists: [grid_list], reviewer: team}
    """
}


def test_a_procedure_without_criteria_leaves_what_no_criterion_decides_pending_review(tmp_path):
    # `gate` decides fire, patrol and census; road is decided by no criterion and `desk` reviews by hand
    table = {d.item: (d.decision, d.procedure, d.rule, d.reason) for d in decided(tmp_path, BY_HAND).decisions}
    assert table["road"] == ("pending", "desk", None, "its procedure has no criteria: a reviewer decides")
    assert table["census"][0] == "rejected" and table["fire"][0] == "conditional"
    only_by_hand = {
        "p.yaml": BY_HAND["p.yaml"].replace(
            "  - id: gate\n        tier: grid", "  - id: gate\n        tier: grid\n        valid: {to: 2020-12-31}"
        )
    }
    kinds = {d.item: d.decision for d in decided(tmp_path / "alone", only_by_hand).decisions}
    assert kinds == {
        "audit": "unreviewed",
        "census": "pending",
        "fire": "pending",
        "patrol": "pending",
        "road": "pending",
    }


def test_a_procedure_of_another_tier_governs_the_lists_it_names(tmp_path):
    # the county-style case: a district body reviews the grid's list; it governs it whatever its tier
    across = {
        "p.yaml": GATE["p.yaml"].replace("  - id: gate\n        tier: grid", "  - id: gate\n        tier: district")
    }
    same = {d.item: (d.decision, d.procedure) for d in decided(tmp_path / "same").decisions}
    assert {d.item: (d.decision, d.procedure) for d in decided(tmp_path / "across", across).decisions} == same
    # without `lists`, a procedure governs the lists of its own tier only: the grid's items are unreviewed
    listless = {"p.yaml": across["p.yaml"].replace("        lists: [grid_list]\n", "")}
    kinds = {d.item: d.decision for d in decided(tmp_path / "listless", listless).decisions}
    assert kinds == {"audit": "admitted", **dict.fromkeys(("census", "fire", "patrol", "road"), "unreviewed")}


def test_admit_says_pending_review_in_both_languages(tmp_path):
    root = str(write_policy(tmp_path, BY_HAND))
    out = CliRunner().invoke(main, ["admit", root, "--on", "2026-01-01"])
    assert out.exit_code == 0, out.output
    assert "Road    Grid      pending review  its procedure has no criteria: a reviewer decides" in out.output
    assert out.output.rstrip().endswith("1 admitted, 1 conditional, 1 pending review, 1 rejected, 1 unreviewed")
    zh = CliRunner().invoke(main, ["admit", root, "--lang", "zh", "--on", "2026-01-01"]).output
    assert "其准入程序未设准入标准,由审核部门逐项审核决定" in zh and "待审核 1 项" in zh
    data = json.loads(CliRunner().invoke(main, ["admit", root, "--format", "json", "--on", "2026-01-01"]).output)
    assert data["summary"] == {"admitted": 1, "conditional": 1, "pending": 1, "rejected": 1, "unreviewed": 1}


def pe102(tmp_path, files, lang="en"):
    from policyengine.lint import lint_paths

    result = lint_paths([write_policy(tmp_path, files)], None, lang, on="2026-01-01")
    return [(f.subject.id, f.message) for f in result.findings if f.code == "PE102"]


# the gate's items with their funding stated as none: the transfer is all that moves with them
UNFUNDED = {
    "p.yaml": GATE["p.yaml"]
    .replace("hours_per_month: 83}}", "hours_per_month: 83}, funding: {money_yuan_per_year: 0, people: 0}}")
    .replace("[administrative]}}", "[administrative]}, funding: {money_yuan_per_year: 0, people: 0}}")
}


def test_pe102_credits_the_transfer_of_a_conditional_admission(tmp_path):
    # fire costs 5,000 yuan and 83 hours a month; the gate admits it on condition of 5,000 yuan and 0.5 people
    assert pe102(tmp_path / "full", UNFUNDED) == [
        ("road", "item 'Road' is pushed from 'District' down to 'Grid' with no money and no people")
    ]
    half = {
        "p.yaml": UNFUNDED["p.yaml"].replace("money = item.cost.yuan_per_year,", "money = item.cost.yuan_per_year / 2,")
    }
    assert pe102(tmp_path / "half", half)[0] == (
        "fire",
        "item 'Fire' is pushed down to 'Grid' with 2500 yuan/year for a cost of 5000 yuan/year",
    )
    out = CliRunner().invoke(main, ["why", str(tmp_path / "half"), "PE102", "fire", "--on", "2026-01-01"])
    assert "admitted on condition by 'gate' (gate.criteria[1]): transfers 2500 yuan/year, 0.5 people" in out.output
    # without the transfer the same item is unfunded
    bare = {
        "p.yaml": UNFUNDED["p.yaml"].replace(
            "transfer(money = item.cost.yuan_per_year, people = item.cost.hours_per_month / 166), ", ""
        )
    }
    assert ("fire", "item 'Fire' is pushed from 'District' down to 'Grid' with no money and no people") in pe102(
        tmp_path / "bare", bare
    )
