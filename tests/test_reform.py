"""Reforms: patches over a baseline, applied before the policy is built; located errors; diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyengine.cli import main
from policyengine.lint import lint_paths
from policyengine.reform import ReformError

ROOT = Path(__file__).resolve().parent.parent
H = ROOT / "policies" / "h_district"


def write_reform(tmp_path: Path, operations: str, baseline: str = str(H)) -> Path:
    path = tmp_path / "reform.yaml"
    path.write_text(f"reform:\n  id: r\n  baseline: {baseline}\noperations:\n{operations}", encoding="utf-8")
    return path


def keys(result):
    return {(f.code, f.subject.id) for f in result.findings}


def test_grant_and_transfer_fix_pe101_and_pe102(tmp_path):
    reform = write_reform(
        tmp_path,
        """
  - op: grant
    to: {tier: grid}
    powers: [penalty]
  - op: transfer
    target: items/fire_hazards_small_venues
    money: 10000
    people: 1
""",
    )
    before, after = lint_paths([H]), lint_paths([], reform=reform)
    fixed = keys(before) - keys(after)
    assert {
        ("PE101", "fire_hazards_small_venues"),
        ("PE101", "occupied_road_business"),
        ("PE101", "production_safety"),
        ("PE102", "fire_hazards_small_venues"),
    } <= fixed
    assert keys(after) <= keys(before)
    assert [c[0] for c in after.changes] == ["grant", "transfer"]


def test_move_takes_an_item_up_to_a_tier_that_holds_the_power(tmp_path):
    reform = write_reform(
        tmp_path,
        """
  - op: move
    target: items/broken_road
    tier: district
""",
    )
    after = lint_paths([], reform=reform)
    assert ("PE104", "broken_road") in keys(lint_paths([H]))
    assert not {("PE102", "broken_road"), ("PE104", "broken_road")} & keys(after)  # no longer pushed down
    assert after.policy.items["broken_road"].tier == "district"
    assert "broken_road" not in after.policy.lists["grid_line_list"].items


def test_set_reaches_a_quota_by_its_metric(tmp_path):
    reform = write_reform(
        tmp_path,
        """
  - op: set
    target: assessments/street_q_workers
    path: quotas.events_reported.add
    value: 0
""",
    )
    after = lint_paths([], reform=reform)
    assert ("PE302", "street_q_workers") not in keys(after)


def test_remove_an_item_drops_its_references(tmp_path):
    reform = write_reform(tmp_path, "  - op: remove\n    target: items/nucleic_acid_testing\n")
    after = lint_paths([], reform=reform)
    assert not [f for f in after.findings if f.code.startswith("PE00")]
    assert "nucleic_acid_testing" not in after.policy.items


def test_a_value_the_reform_adds_is_located_in_the_reform_file(tmp_path):
    reform = write_reform(
        tmp_path,
        """
  - op: add
    section: admission
    value:
      id: gate
      tier: grid
      criteria:
        - when item.knd == "line" then admit
""",
    )
    result = lint_paths([], reform=reform)
    (finding,) = [f for f in result.findings if f.code == "PE007"]
    assert (Path(finding.span.file).name, finding.span.line, finding.span.column) == ("reform.yaml", 12, 21)


@pytest.mark.parametrize(
    "operations, message, line, column",
    [
        ("  - op: remove\n    target: items/nowhere\n", "no items entry with id 'nowhere'", 6, 13),
        ("  - op: paint\n    target: items/census\n", "unknown operation 'paint'", 5, 9),
        (
            "  - op: set\n    target: items/census\n    path: role\n    value: report\n"
            "  - op: set\n    target: items/census\n    path: role\n    value: handle\n",
            "conflicting edits: items/census role is already changed by the operation at line 5",
            9,
            5,
        ),
        ("  - op: revoke\n    from: {unit: grid_team}\n    powers: [penalty]\n", "holds none of ['penalty']", 7, 13),
        ("  - op: remove\n    targt: items/census\n", "unknown key 'targt' in a 'remove' operation", 6, 5),
    ],
)
def test_an_operation_that_cannot_apply_is_a_located_error(tmp_path, operations, message, line, column):
    """At the value that is wrong: the target that names nothing, the unknown kind, the key."""
    with pytest.raises(ReformError) as caught:
        lint_paths([], reform=write_reform(tmp_path, operations))
    assert message in caught.value.text("en")
    assert (caught.value.span.line, caught.value.span.column) == (line, column)
    assert caught.value.span.file.endswith("reform.yaml")


def test_the_baseline_is_not_changed_by_a_reform(tmp_path):
    before = lint_paths([H])
    lint_paths([], reform=write_reform(tmp_path, "  - op: remove\n    target: items/census\n"))
    assert [f.message for f in lint_paths([H]).findings] == [f.message for f in before.findings]


GATE = """\
reform:
  id: devolving_gate
  baseline: {baseline}
operations:
  - op: add
    section: admission
    value:
      id: grid_gate
      tier: grid
      reviewer: district_centre
      criteria:
        - when item.kind == "temporary" then reject "temporary items need an approved term"
        - >
          when item.requires <= powers(item.tier) + item.funding.powers then admit
          when item.kind == "line" then admit with devolve(item.requires - powers(item.tier))
"""


def test_lint_admit_and_diff_commands_take_the_reform(tmp_path):
    gate = tmp_path / "gate.yaml"
    gate.write_text(GATE.format(baseline=H), encoding="utf-8")
    runner = CliRunner()
    lint = json.loads(
        runner.invoke(main, ["lint", "--reform", str(gate), "--format", "json", "--on", "2026-01-01"]).output
    )
    assert "PE200" not in [f["code"] for f in lint["findings"]]
    admit = json.loads(
        runner.invoke(main, ["admit", "--reform", str(gate), "--format", "json", "--on", "2026-01-01"]).output
    )
    assert admit["summary"] == {"admitted": 7, "conditional": 3, "pending": 0, "rejected": 4, "unreviewed": 0}
    assert admit["bills"][0]["powers"] == {
        "penalty": ["fire_hazards_small_venues", "occupied_road_business", "production_safety"]
    }
    diff = json.loads(runner.invoke(main, ["diff", str(H), str(gate), "--format", "json", "--on", "2026-01-01"]).output)
    assert diff["changes"] == [{"operation": "add", "target": "admission/grid_gate", "detail": ""}]
    assert [(f["code"], f["subject"]["id"]) for f in diff["fixed"]] == [("PE200", "grid")]
    # the temporary items the gate rejects are still listed (PE201); the gate is incomplete (PE204)
    assert [(f["code"], f["subject"]["id"]) for f in diff["introduced"]] == [
        ("PE201", "census"),
        ("PE201", "epidemic_control"),
        ("PE201", "nucleic_acid_testing"),
        ("PE201", "vaccination"),
        ("PE204", "grid_gate"),
    ]


def test_a_bad_reform_exits_2_with_its_position(tmp_path):
    reform = write_reform(tmp_path, "  - op: remove\n    target: items/nowhere\n")
    out = CliRunner().invoke(main, ["lint", "--reform", str(reform)])
    assert out.exit_code == 2
    assert f"{reform}:6:13: no items entry with id 'nowhere' in the baseline" in out.output


@pytest.mark.parametrize(
    "value, line, column, en, zh",
    [
        (".nan", 8, 12, "'.nan' is not a valid finite number (PE002)", "'.nan' 不是有效的有限数值(PE002)"),
        ("9" * 400, 8, 12, "too large a number", "数值过大"),
        ("[1", 9, 1, "YAML syntax error", "YAML 语法错误"),
    ],
)
def test_a_reform_file_the_loader_refuses_says_why(tmp_path, value, line, column, en, zh):
    """A number or a YAML error the loader refuses in a reform file is named, as lint names it in a policy
    file (it was "not a valid reform file (PE002)" with nothing of what is wrong)."""
    reform = write_reform(tmp_path, f"  - op: set\n    target: tiers/grid\n    path: count\n    value: {value}\n")
    for lang, expected in (("en", en), ("zh", zh)):
        out = CliRunner().invoke(main, ["lint", "--reform", str(reform), "--lang", lang])
        assert out.exit_code == 2, out.output
        head = "not a valid reform file: " if lang == "en" else "不是有效的改革方案文件:"
        assert out.stderr.startswith(f"policyengine: {reform}:{line}:{column}: {head}"), out.stderr
        assert expected in out.stderr and out.stderr.count("\n") == 1


def test_lint_needs_a_path_or_a_reform():
    out = CliRunner().invoke(main, ["lint"])
    assert out.exit_code == 2 and "give a policy PATH, or --reform FILE" in out.output


def test_a_reform_patches_one_baseline_path_never_several():
    gate = str(ROOT / "examples" / "reforms" / "admission_gate.yaml")
    out = CliRunner().invoke(main, ["lint", str(H), str(ROOT / "examples" / "authority"), "--reform", gate])
    assert out.exit_code == 2
    assert out.output == "policyengine: --reform takes one baseline PATH (a directory or a file), not 2\n"
