"""Where a reform's findings and errors point: at the value the reform wrote, in the reform file.

A value a reform puts into a baseline mapping or list (a scalar it sets, a power it grants into an
existing grant, a rule it adds to existing criteria, an item it puts into a list) is located where
the reform writes it, never at the baseline's old line nor at the reform's line number in the
baseline file. A target that names nothing is an error at the target's value, with the nearest
existing name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policyengine.lint import lint_paths
from policyengine.reform import ReformError, apply_reform, read_reform

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "examples" / "admission" / "inadmissible_item"


def write(tmp_path: Path, operations: str) -> Path:
    path = tmp_path / "r.yaml"
    path.write_text(f"reform:\n  id: r\n  baseline: {BASE}\noperations:\n{operations}", encoding="utf-8")
    return path


ITEM = "  - op: {op}\n    target: items/fire_hazard_reporting\n"


@pytest.mark.parametrize(
    "operations, code, line, column",
    [
        (ITEM.format(op="set") + "    path: tier\n    value: moon\n", "PE004", 8, 12),  # the new value
        (ITEM.format(op="set") + "    path: colour\n    value: red\n", "PE002", 7, 11),  # a new key: the path
        (ITEM.format(op="set") + "    path: cost.hours\n    value: 3\n", "PE002", 7, 11),  # a key in a baseline map
        (ITEM.format(op="move") + "    tier: moon\n", "PE004", 7, 11),
        (ITEM.format(op="transfer") + "    money: -5000\n", "PE002", 7, 12),  # the sum, at the amount added
        (ITEM.format(op="transfer") + "    powers: [nopower]\n", "PE004", 7, 14),
        (
            "  - op: grant\n    to: {unit: grid_team}\n    powers: [report_x]\n    into: grants/grid_team_grant\n",
            "PE004",
            7,
            14,
        ),
        ("  - op: grant\n    to: {unit: grid_teem}\n    powers: [report]\n", "PE004", 6, 16),
        (
            "  - op: add_rules\n    target: admission/grid_admission\n"
            "    criteria: ['when item.knd == \"line\" then admit']\n",
            "PE007",
            7,
            27,
        ),
        (
            "  - op: add\n    section: items\n    value: {id: x, name: {en: X}, kind: line, tier: grid, role: report,"
            " owner: fire_department}\n    lists: [grid_line_list]\n",
            "PE204",
            8,
            13,
        ),
    ],
)
def test_a_finding_about_a_value_the_reform_wrote_points_at_the_reform(tmp_path, operations, code, line, column):
    result = lint_paths([], reform=write(tmp_path, operations), on="2020-01-01")
    found = [(Path(f.span.file).name, f.span.line, f.span.column) for f in result.findings if f.code == code]
    assert ("r.yaml", line, column) in found
    assert not [f for f in result.findings if f.span.file == str(BASE / "policy.yaml") and f.span.line < 5]


def test_a_value_the_baseline_keeps_keeps_its_position(tmp_path):
    """Only what the reform wrote moves: the rest of the declaration still points at the baseline."""
    result = lint_paths([], reform=write(tmp_path, ITEM.format(op="set") + "    path: role\n    value: assist\n"))
    (pe201,) = [f for f in result.findings if f.code == "PE201" and f.subject.id == "occupied_road_clearance"]
    assert (Path(pe201.span.file).name, pe201.span.line) == ("policy.yaml", 58)


@pytest.mark.parametrize(
    "operations, message, line, column",
    [
        (
            "  - op: remove\n    target: items/fire_hazard_reportin\n",
            "no items entry with id 'fire_hazard_reportin' in the baseline; did you mean 'fire_hazard_reporting'?",
            6,
            13,
        ),
        (
            "  - op: remove\n    target: itemz/fire_hazard_reporting\n",
            "unknown section 'itemz' (known: powers, tiers, units, grants, categories, items, lists, admission,"
            " assessments, duties, platform_rules, figures, provisions, measures, channels, tables, invariants); did you mean 'items'?",
            6,
            13,
        ),
        (
            "  - op: set\n    target: workflw\n    path: escalation\n    value: [grid]\n",
            "target must be SECTION/ID, e.g. items/broken_road, SECTION[N] (the N-th entry, from 0), or workflow,"
            " policy or scale; did you mean 'workflow'?",
            6,
            13,
        ),
        (
            "  - op: add\n    section: item\n    value: {id: x}\n",
            "unknown section 'item' (known: powers, tiers, units, grants, categories, items, lists, admission,"
            " assessments, duties, platform_rules, figures, provisions, measures, channels, tables, invariants); did you mean 'items'?",
            6,
            14,
        ),
        (
            "  - op: move\n    target: items/fire_hazard_reporting\n    tier: grid\n    list: grid_line_lst\n",
            "no lists entry with id 'grid_line_lst' in the baseline; did you mean 'grid_line_list'?",
            8,
            11,
        ),
        (
            "  - op: move\n    target: items/fire_hazard_reporting\n    tier: grid\n"
            "    lists: [grid_line_list, {list: grid_lne_list}]\n",
            "no lists entry with id 'grid_lne_list' in the baseline; did you mean 'grid_line_list'?",
            8,
            29,
        ),
        (
            "  - op: grant\n    to: {unit: grid_team}\n    powers: [x]\n    into: grants/grid_team_grnt\n",
            "no grants entry with id 'grid_team_grnt' in the baseline; did you mean 'grid_team_grant'?",
            8,
            11,
        ),
        ("  - op: remove\n    target: items/zzz\n", "no items entry with id 'zzz' in the baseline", 6, 13),
        (
            "  - op: sett\n    target: items/x\n",
            "unknown operation 'sett' (known: set, add, remove, move, grant,",
            5,
            9,
        ),
    ],
)
def test_a_name_that_names_nothing_is_an_error_at_the_name_with_the_nearest_one(
    tmp_path, operations, message, line, column
):
    with pytest.raises(ReformError) as caught:
        apply_reform(read_reform(write(tmp_path, operations)))
    assert caught.value.text("en").startswith(message)
    assert (caught.value.span.line, caught.value.span.column) == (line, column)
    assert caught.value.span.file.endswith("r.yaml")
    assert "是否想写" in caught.value.text("zh") or "did you mean" not in message


def test_an_unknown_operation_suggests_the_nearest():
    from policyengine.messages.catalogue import render
    from policyengine.reform.operands import shown
    from policyengine.reform.targets import did_you_mean

    assert render(did_you_mean("sett", ("set", "unset")), "en") == "; did you mean 'set'?"
    assert render(shown("sett"), "zh") == "“sett”" and shown(None) == "null" and shown(True) == "true"
