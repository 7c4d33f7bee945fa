"""The paper's remedy as it writes it (examples/reforms/paper_remedy.yaml) over H District: the
grid-management agency reviews admission, temporary items included; line items are admitted on
condition that the powers and the money to discharge them come with them; the open-ended catch-all
is refused."""

from __future__ import annotations

import math
from pathlib import Path

import yaml

from policyengine.admission import decide
from policyengine.config import STRUCTURAL, Config
from policyengine.lint import lint_paths
from policyengine.simulate import METRICS, simulate

ROOT = Path(__file__).resolve().parent.parent
H = ROOT / "policies" / "h_district"
REMEDY = ROOT / "examples" / "reforms" / "paper_remedy.yaml"
ON = "2026-01-01"
PENALTY_ITEMS = ["fire_hazards_small_venues", "occupied_road_business", "production_safety"]
LINE_ITEMS = sorted([*PENALTY_ITEMS, "broken_road"])
ROUTINE = [
    f"routine_{r}"
    for r in (
        "law_policy_publicity",
        "hazard_screening",
        "emergency_and_event_security",
        "community_dispute_mediation",
        "self_governance_assistance",
    )
]
CATCH_ALL = "routine_other_committee_matters"
TEMPORARY = ["census", "epidemic_control", "nucleic_acid_testing", "vaccination"]
# ILLUSTRATION in the reform: one ninth of the 2019 grid spending for each of the nine items kept
PER_ITEM = 88_948_800 / 9
STRUCTURE_ONLY = Config(select=frozenset((*STRUCTURAL, "PE006", "PE007")))


def lint(reform: Path | None = None, config: Config | None = None):
    return lint_paths([] if reform else [H], config or Config(), on=ON, reform=reform)


def keys(result) -> set[tuple[str, str, str]]:
    return {(f.code, f.subject.kind, f.subject.id) for f in result.findings}


def decisions(result):
    return {d.item: d for d in decide(result.policy, result.rules, ON).decisions}


def partial(tmp_path: Path, keep) -> Path:
    """The reform with only the operations `keep` accepts, over the baseline by absolute path."""
    data = yaml.safe_load(REMEDY.read_text(encoding="utf-8"))
    data["reform"]["baseline"] = str(H)
    data["operations"] = [op for op in data["operations"] if keep(op)]
    path = tmp_path / "partial.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_remedy_parses_and_is_structurally_clean():
    result = lint(REMEDY, STRUCTURE_ONLY)
    assert result.findings == []
    assert result.policy is not None and result.rules is not None


def test_line_items_are_admitted_on_condition_that_powers_and_money_sink_with_them():
    result = lint(REMEDY, STRUCTURE_ONLY)
    decided = decisions(result)
    for item in PENALTY_ITEMS:
        d = decided[item]
        assert (d.decision, d.procedure, d.devolve, d.money, d.people) == (
            "conditional",
            "grid_admission",
            ("penalty",),
            PER_ITEM,
            0.0,
        ), item
    road = decided["broken_road"]  # reported, a power the grid holds: only money comes with it
    assert (road.decision, road.devolve, road.money) == ("conditional", (), PER_ITEM)
    assert {i: decided[i].decision for i in ROUTINE} == dict.fromkeys(ROUTINE, "admitted")
    [bill] = decide(result.policy, result.rules, ON).bills
    assert bill.tier == "grid"
    assert bill.powers == {"penalty": PENALTY_ITEMS}
    assert bill.money == 4 * PER_ITEM and bill.people == 0
    owners = {result.policy.items[i].owner for i in LINE_ITEMS}
    assert bill.sources == dict.fromkeys(owners, PER_ITEM) and len(owners) == 4


def test_after_the_remedy_the_grid_holds_the_powers_and_the_money_for_those_items():
    result = lint(REMEDY)
    for item in LINE_ITEMS:
        declared = result.policy.items[item]
        assert declared.tier == "grid", item  # they stay on the grid: no 上收
        assert declared.funding.money_yuan_per_year == PER_ITEM
        assert declared.funding.powers == (("penalty",) if item in PENALTY_ITEMS else ())
    assert not [f for f in result.findings if f.code in ("PE101", "PE102", "PE200")]


def test_the_open_ended_catch_all_is_refused(tmp_path):
    result = lint(REMEDY, STRUCTURE_ONLY)
    assert CATCH_ALL not in result.policy.items
    assert "other_committee_matters" not in result.policy.categories
    assert not [lst.id for lst in result.policy.lists.values() if CATCH_ALL in lst.items]
    assert "other_committee_matters" not in result.policy.lists["grid_routine_list"].categories
    # the gate itself refuses it: with the gate and the money but without the removal, it is rejected
    kept = partial(tmp_path, lambda op: op["op"] in ("add", "transfer"))
    gate = lint(kept, STRUCTURE_ONLY)
    assert gate.findings == []
    refused = decisions(gate)[CATCH_ALL]
    assert (refused.decision, refused.procedure) == ("rejected", "grid_admission")
    assert refused.reason == "明确常规管理事项清单: an open-ended catch-all is no definite item"


def test_without_the_transfers_the_gate_rejects_every_item_on_the_routine_and_line_lists(tmp_path):
    """The transfers are what the gate's criteria ask for: with the procedures alone, no routine or
    line item brings the money (nor the line items the power), so each is rejected."""
    gate = lint(partial(tmp_path, lambda op: op["op"] == "add"), STRUCTURE_ONLY)
    decided = decisions(gate)
    reason = "权随责走、费随事转: the powers its role requires or the money do not come with it"
    for item in [*LINE_ITEMS, *ROUTINE]:
        assert (decided[item].decision, decided[item].reason) == ("rejected", reason), item


def test_temporary_items_are_reviewed_by_the_district_centre():
    result = lint(REMEDY, STRUCTURE_ONLY)
    decided = decisions(result)
    for item in TEMPORARY:
        d = decided[item]
        assert (d.decision, d.procedure, d.reason) == (
            "pending",
            "grid_temporary_review",
            "its procedure has no criteria: a reviewer decides",
        ), item
    review = result.policy.admissions["grid_temporary_review"]
    assert review.lists == ("grid_temporary_list",)
    assert review.reviewer is not None and review.reviewer.unit == "district_centre"
    assert review.temporary is not None and review.temporary.approval_by.unit == "district_centre"
    gate = result.policy.admissions["grid_admission"]
    assert gate.reviewer.unit == "district_centre"
    assert gate.lists == ("grid_routine_list", "grid_line_list")


def test_what_the_remedy_fixes_and_what_it_leaves_open():
    base, result = lint(), lint(REMEDY)
    fixed = keys(base) - keys(result)
    assert fixed == (
        {("PE101", "item", i) for i in PENALTY_ITEMS}
        | {("PE102", "item", i) for i in [*LINE_ITEMS, *ROUTINE, CATCH_ALL]}
        | {("PE104", "item", i) for i in PENALTY_ITEMS}
        | {("PE200", "tier", "grid")}
    )
    # the road is still returned to a grid that cannot repair it, and the grid cannot reach the bureau
    assert {(c, i) for c, _, i in keys(result) if i == "broken_road" and c.startswith("PE10")} == {
        ("PE103", "broken_road"),
        ("PE104", "broken_road"),
    }
    # introduced: what the paper leaves open — no lead time or deadline, no legal basis for the items
    assert keys(result) - keys(base) == (
        {("PE204", "admission", p) for p in ("grid_admission", "grid_temporary_review")}
        | {("PE204", "item", i) for i in [*LINE_ITEMS, *TEMPORARY]}
    )
    # temporary items: now approved by the agency, still with no end
    pe203 = {f.subject.id: f.message for f in result.findings if f.code == "PE203"}
    assert sorted(pe203) == TEMPORARY
    assert all("no approval" not in m and "no end" in m for m in pe203.values())


def test_the_remedy_simulates_against_the_baseline_and_the_gate_deterministically():
    gate = ROOT / "examples" / "reforms" / "admission_gate.yaml"
    args = ([str(H)], [str(gate), str(REMEDY)])
    first = simulate(*args, months=1, runs=2, seed=5, on="2020-01-01")
    assert set(first["scenarios"]) == {"baseline", "admission_gate", "paper_remedy"}
    for scenario in first["scenarios"].values():
        metrics = scenario["metrics"]
        assert set(METRICS) <= set(metrics)
        assert all(math.isfinite(metrics[m]["mean"]) for m in METRICS)
    assert simulate(*args, months=1, runs=2, seed=5, on="2020-01-01")["scenarios"] == first["scenarios"]


def test_the_readme_shows_the_bill_and_the_diff_summary_as_the_cli_prints_them():
    """examples/reforms/README.md quotes `admit`'s bill and the counts of `admit` and `diff` for the
    remedy: they are what the commands print."""
    import re

    from click.testing import CliRunner

    from policyengine.cli import main

    runner = CliRunner()
    readme = (ROOT / "examples" / "reforms" / "README.md").read_text(encoding="utf-8")
    admit = runner.invoke(main, ["admit", "--reform", str(REMEDY), "--on", ON])
    assert admit.exit_code == 0
    bill = admit.output.split("\n\n")[1]
    assert f"```text\n{bill}\n```" in readme
    counts = re.search(r"(\d+) admitted, (\d+) conditional, (\d+) pending review, (\d+) rejected", admit.output)
    assert counts is not None
    admitted, conditional, pending, rejected = counts.groups()
    assert (
        f"{admitted} admitted (the\nroutine items), {conditional} conditional (the line items), {pending} pending "
        f"review (the temporary items), {rejected} rejected." in readme
    )
    diff = runner.invoke(main, ["diff", str(H), str(REMEDY), "--on", ON])
    assert diff.exit_code == 0
    summary = re.search(r"(\d+) fixed, (\d+) changed, (\d+) introduced, (\d+) unchanged", diff.output)
    assert summary is not None
    fixed, changed, introduced, unchanged = summary.groups()
    assert f"{fixed} fixed,\n{changed} changed, {introduced} introduced, {unchanged} unchanged." in readme


def test_the_chinese_reforms_doc_shows_the_bill_and_the_diff_summary_as_the_cli_prints_them():
    import re

    from click.testing import CliRunner

    from policyengine.cli import main

    runner = CliRunner()
    doc = (ROOT / "docs" / "reforms.zh.md").read_text(encoding="utf-8")
    admit = runner.invoke(main, ["admit", "--reform", str(REMEDY), "--on", ON, "--lang", "zh"])
    assert admit.exit_code == 0
    assert f"```text\n{admit.output.split(chr(10) * 2)[1]}\n```" in doc
    counts = re.search(r"准入 (\d+) 项,附条件准入 (\d+) 项,待审核 (\d+) 项,不予准入 (\d+) 项", admit.output)
    assert counts is not None
    a, c, p, r = counts.groups()
    assert f"准入 {a} 项(常规事项),\n附条件准入 {c} 项(条线事项),待审核 {p} 项(临时任务),不予准入 {r} 项。" in doc
    diff = runner.invoke(main, ["diff", str(H), str(REMEDY), "--on", ON, "--lang", "zh"])
    summary = re.search(r"消除 (\d+) 条,变化 (\d+) 条,新增 (\d+) 条,未变 (\d+) 条", diff.output)
    assert summary is not None
    f, ch, i, u = summary.groups()
    assert f"消除 {f} 条,变化 {ch} 条,\n新增 {i} 条,未变 {u} 条。" in doc
