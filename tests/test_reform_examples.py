"""The case's remedies as reforms over H District (examples/reforms/), judged on 2026-01-01."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policyengine.admission import decide
from policyengine.config import Config
from policyengine.graph import PolicyGraph
from policyengine.lint import lint_paths
from policyengine.loader import load_paths
from policyengine.reform import apply_reform, canonical, invert, read_reform

ROOT = Path(__file__).resolve().parent.parent
H = ROOT / "policies" / "h_district"
REFORMS = ROOT / "examples" / "reforms"
ON = "2026-01-01"
LINE_ITEMS = ["broken_road", "fire_hazards_small_venues", "occupied_road_business", "production_safety"]


def lint(reform: Path | None = None):
    return lint_paths([] if reform else [H], Config(), on=ON, reform=reform)


def on_grid(result, codes: set[str]) -> list[tuple[str, str]]:
    """Findings of `codes` about the grid tier or an item assigned to it in the linted policy."""
    items = result.policy.items
    return sorted(
        (f.code, f.subject.id)
        for f in result.findings
        if f.code in codes
        and (
            (f.subject.kind == "tier" and f.subject.id == "grid")
            or (f.subject.kind == "item" and items[f.subject.id].tier == "grid")
        )
    )


def keys(result) -> set[tuple[str, str, str]]:
    return {(f.code, f.subject.kind, f.subject.id) for f in result.findings}


def test_the_baseline_has_the_defects_the_gate_removes():
    assert on_grid(lint(), {"PE101", "PE102", "PE200"}) == sorted(
        [("PE101", i) for i in LINE_ITEMS if i != "broken_road"]
        + [("PE102", i) for i in LINE_ITEMS]
        + [
            ("PE102", f"routine_{r}")
            for r in (
                "law_policy_publicity",
                "hazard_screening",
                "emergency_and_event_security",
                "community_dispute_mediation",
                "self_governance_assistance",
                "other_committee_matters",
            )
        ]
        + [("PE200", "grid")]
    )


def test_a_the_admission_gate_leaves_no_pe101_pe102_pe200_on_the_grid():
    result = lint(REFORMS / "admission_gate.yaml")
    assert on_grid(result, {"PE101", "PE102", "PE200"}) == []
    assert not [f for f in result.findings if f.code in ("PE101", "PE102", "PE200")]
    # 上收: every line item went back up to the district, whose departments hold what it requires
    graph = PolicyGraph(result.policy, ON)
    for item_id in LINE_ITEMS:
        item = result.policy.items[item_id]
        assert item.tier == "district"
        assert set(item.required()) <= graph.tier_powers("district"), item_id
        assert item_id in result.policy.lists["grid_returned_list"].items
    # what the paper leaves open stays reported: no lead time or approval deadline, no term
    assert {("PE204", "admission", "grid_admission")} <= keys(result)
    assert {c for c, _, s in keys(result) if s == "census"} >= {"PE203"}


def test_a_the_items_the_reform_moves_up_are_exactly_those_its_gate_rejects(tmp_path):
    """Apply only the gate and the funding (no moves): the gate rejects the four line items and
    admits every other item on the grid — so the moves are what the gate's criteria decide."""
    text = (REFORMS / "admission_gate.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["reform"]["baseline"] = str(H)
    data["operations"] = [
        op for op in data["operations"] if op["op"] in ("add", "transfer") and op.get("section") != "lists"
    ]
    gate_only = tmp_path / "gate_only.yaml"
    gate_only.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = lint_paths(
        [],
        Config(select=frozenset({"PE001", "PE002", "PE003", "PE004", "PE005", "PE006", "PE007"})),
        on=ON,
        reform=gate_only,
    )
    assert result.findings == []
    decisions = {d.item: d for d in decide(result.policy, result.rules, ON).decisions}
    rejected = sorted(i for i, d in decisions.items() if d.decision == "rejected")
    assert rejected == LINE_ITEMS
    assert decisions["broken_road"].reason == "费随事转: neither money nor people come with it"
    assert decisions["fire_hazards_small_venues"].reason == (
        "权随责走: the grid lacks a power its role requires, and none comes with it"
    )
    assert {d.decision for i, d in decisions.items() if i not in LINE_ITEMS} == {"admitted"}


def test_b_the_information_grid_reports_and_returns_only_what_the_grid_can_handle():
    base, result = lint(), lint(REFORMS / "information_grid.yaml")
    assert on_grid(result, {"PE101"}) == []
    assert keys(base) - keys(result) == {("PE101", "item", i) for i in LINE_ITEMS if i != "broken_road"} | {
        ("PE104", "item", i) for i in LINE_ITEMS
    }
    assert keys(result) - keys(base) == set()
    assert {r.basis for r in result.policy.workflow.returns} == {"authority"}


def test_c_the_specialised_platform_hands_fire_and_production_safety_to_the_departments():
    base, result = lint(), lint(REFORMS / "specialised_platform.yaml")
    moved = ("fire_hazards_small_venues", "production_safety")
    for item_id in moved:
        item = result.policy.items[item_id]
        assert (item.tier, item.responsibility) == ("district", "owner")
    assert result.policy.lists["fire_professional_grid_list"].items == ("fire_hazards_small_venues",)
    assert keys(base) - keys(result) == {(c, "item", i) for c in ("PE101", "PE102", "PE104") for i in moved}
    assert keys(result) - keys(base) == set()


@pytest.mark.parametrize("name", ["admission_gate", "information_grid", "specialised_platform", "paper_remedy"])
def test_each_remedy_followed_by_its_inverse_gives_back_the_baseline(tmp_path, name):
    inverse = tmp_path / "inverse.yaml"
    inverse.write_text(invert(REFORMS / f"{name}.yaml"), encoding="utf-8")
    back = apply_reform(read_reform(inverse))
    assert canonical(back.files) == canonical(load_paths([H]).files)
    assert keys(lint(inverse)) == keys(lint())


def test_the_readme_table_states_what_lint_finds():
    """examples/reforms/README.md's before/after table is what `lint` reports, code by code."""
    from collections import Counter

    columns = [
        None,
        REFORMS / "admission_gate.yaml",
        REFORMS / "information_grid.yaml",
        REFORMS / "specialised_platform.yaml",
        REFORMS / "paper_remedy.yaml",
    ]
    counted = [Counter(f.code for f in lint(reform).findings) for reform in columns]
    text = (REFORMS / "README.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| PE") or line.startswith("| **total")]
    assert len(rows) == 13
    for row in rows:
        cells = [c.strip().strip("*") for c in row.strip("|").split("|")]
        label, numbers = cells[0], [int(c) for c in cells[1:]]
        if label == "total":
            codes = None
        elif label.startswith("PE301"):
            codes = {
                "PE301",
                "PE302",
                "PE303",
                "PE304",
                "PE305",
                "PE306",
                "PE307",
                "PE308",
                "PE309",
                "PE313",
                "PE315",
                "PE316",
                "PE317",
            }
        else:
            codes = {label.split()[0]}
        got = [sum(n for c, n in count.items() if codes is None or c in codes) for count in counted]
        assert numbers == got, label


def test_the_project_readme_gives_each_reforms_total():
    """README.md's table of the remedies gives the baseline's and each reform's total as `lint` finds it."""
    import re

    text = (REFORMS.parent.parent / "README.md").read_text(encoding="utf-8")
    baseline = int(re.search(r"\| reform \| findings \(baseline: (\d+)\) \|", text).group(1))
    totals = {m.group(1): int(m.group(2)) for m in re.finditer(r"\| \(\w\) `(\w+)\.yaml` — [^|]*\| (\d+)", text)}
    assert baseline == len(lint(None).findings)
    assert totals == {name: len(lint(REFORMS / f"{name}.yaml").findings) for name in totals} and len(totals) == 4
