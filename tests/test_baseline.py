"""Baselines: --write-baseline and --baseline report only new findings, across edits that shift lines."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.baseline import read, render
from policyengine.config import STRUCTURAL
from policyengine.fingerprint import fingerprints
from policyengine.lint import lint_paths
from policyengine.testing.strategies import dump, policies

from .test_cli import H, run

NEW_ITEM = """
  - id: stray_dogs
    name: {zh: 流浪犬只, en: Stray dogs}
    kind: line
    owner: fire_safety_department
    tier: grid
    role: handle
    requires: {handle: [penalty]}
"""


def copy_h(tmp_path: Path) -> Path:
    target = tmp_path / "h"
    shutil.copytree(H, target)
    return target


def test_write_then_read_holds_every_finding(tmp_path):
    policy, base = copy_h(tmp_path), tmp_path / "baseline.json"
    written = run("lint", str(policy), "--isolated", "--write-baseline", str(base))
    assert written.exit_code == 0 and written.output == f"wrote 41 finding(s) to {base}\n"
    doc = json.loads(base.read_text())
    assert doc["version"] == 1 and doc["tool"] == "policyengine" and len(doc["findings"]) == 41
    assert {e["code"] for e in doc["findings"]} >= {"PE101", "PE102", "PE103", "PE104", "PE105", "PE200"}
    again = run("lint", str(policy), "--isolated", "--baseline", str(base))
    assert again.exit_code == 0
    assert again.output == "No findings in 12 file(s) (41 held in the baseline).\n"


def test_shifted_lines_keep_findings_known_and_a_new_one_is_reported(tmp_path):
    policy, base = copy_h(tmp_path), tmp_path / "baseline.json"
    run("lint", str(policy), "--isolated", "--write-baseline", str(base))
    items = policy / "items.yaml"
    text = items.read_text(encoding="utf-8")
    # an unrelated edit above every finding: twenty comment lines
    items.write_text("\n".join(["# reviewed in 2026"] * 20) + "\n" + text, encoding="utf-8")
    shifted = run("lint", str(policy), "--isolated", "--baseline", str(base), "--format", "json")
    assert shifted.exit_code == 0 and json.loads(shifted.output)["summary"]["baselined"] == 41
    items.write_text(items.read_text(encoding="utf-8").rstrip("\n") + "\n" + NEW_ITEM, encoding="utf-8")
    new = json.loads(run("lint", str(policy), "--isolated", "--baseline", str(base), "--format", "json").output)
    # the grid's PE105 and PE200 now count one item more: the same findings, not new ones
    assert [(f["code"], f["subject"]["id"], f["line"]) for f in new["findings"]] == [
        ("PE010", "stray_dogs", 549),  # no funding stated: PE102 cannot judge it
        ("PE104", "stray_dogs", 549),
        ("PE202", "stray_dogs", 549),
        ("PE101", "stray_dogs", 550),
    ]
    assert new["summary"]["baselined"] == 41


def test_language_does_not_change_fingerprints(tmp_path):
    base = tmp_path / "baseline.json"
    run("lint", H, "--isolated", "--lang", "zh", "--write-baseline", str(base))
    assert run("lint", H, "--isolated", "--baseline", str(base)).exit_code == 0


def test_counts_matter(tmp_path):
    findings = lint_paths([H]).findings
    pe101 = [f for f in findings if f.code == "PE101"]
    base = tmp_path / "b.json"
    base.write_text(render(pe101[:1]))
    new, held = read(base).split(pe101 + pe101[:1])  # the same finding twice: the second is new
    assert held == 1 and len(new) == len(pe101)


def test_baseline_file_is_deterministic_and_sorted(tmp_path):
    findings = lint_paths([H]).findings
    assert render(findings) == render(list(reversed(findings)))
    entries = json.loads(render(findings))["findings"]
    assert entries == sorted(entries, key=lambda e: (e["code"], e["subject"], e["fingerprint"]))
    assert len(set(fingerprints(findings))) == len(findings)


def test_bad_baselines_are_one_line_and_exit_2(tmp_path):
    missing = run("lint", H, "--baseline", str(tmp_path / "none.json"))
    assert missing.exit_code == 2
    assert missing.output == (
        f"policyengine: {tmp_path / 'none.json'}: no such baseline file (write one with --write-baseline)\n"
    )
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "version": 1,\n  "findings": [,]\n}\n')
    result = run("lint", H, "--baseline", str(broken))
    assert result.exit_code == 2
    assert result.output == f"policyengine: {broken}:3:16: not a baseline: invalid JSON: Expecting value\n"
    other = tmp_path / "other.json"
    other.write_text('{"results": []}')
    assert "not a policyengine baseline" in run("lint", H, "--baseline", str(other)).output
    old = tmp_path / "old.json"
    old.write_text('{"version": 9, "tool": "policyengine", "findings": []}')
    assert "baseline version 9 is not supported (expected 1)" in run("lint", H, "--baseline", str(old)).output
    entry = tmp_path / "entry.json"
    entry.write_text('{"version": 1, "tool": "policyengine", "findings": [{"code": "PE101"}]}')
    zh = run("lint", H, "--baseline", str(entry), "--lang", "zh")
    assert zh.exit_code == 2 and zh.output == f"policyengine: {entry}:findings[0] 缺少 fingerprint\n"


def test_unwritable_baseline_is_exit_2(tmp_path):
    result = run("lint", H, "--write-baseline", str(tmp_path / "missing" / "b.json"))
    assert result.exit_code == 2 and result.output.startswith("policyengine: cannot write to")


@settings(max_examples=15, deadline=None)
@given(blank=st.lists(st.integers(min_value=0, max_value=60), max_size=6))
def test_fingerprints_survive_blank_lines_anywhere_between_items(tmp_path_factory, blank):
    """Inserting blank lines (at line starts, so YAML keeps its meaning) never changes a fingerprint."""
    root = tmp_path_factory.mktemp("p")
    policy = root / "h"
    shutil.copytree(H, policy)
    before = fingerprints(lint_paths([policy]).findings)
    items = policy / "items.yaml"
    lines = items.read_text(encoding="utf-8").splitlines()
    for at in sorted(blank, reverse=True):
        lines.insert(min(at, len(lines)), "")
    items.write_text("\n".join(lines) + "\n", encoding="utf-8")
    after = lint_paths([policy]).findings
    assert sorted(fingerprints(after)) == sorted(before)


def test_structural_errors_are_never_held_by_a_baseline(tmp_path):
    broken = str(Path(H).parent.parent / "examples" / "structure" / "yaml_syntax")
    result = run("lint", broken, "--write-baseline", str(tmp_path / "b.json"))
    assert result.exit_code == 2 and not (tmp_path / "b.json").exists()
    assert result.output == (
        "policyengine: --write-baseline: the policy has structural errors (PE001) that stop "
        "the checks; fix them first: a baseline never holds them\n"
    )
    # a baseline written by hand with the error's fingerprint does not hold it either
    findings = lint_paths([broken]).findings
    (tmp_path / "hand.json").write_text(
        json.dumps(
            {"version": 1, "tool": "policyengine", "findings": [{"fingerprint": fp} for fp in fingerprints(findings)]}
        )
    )
    held = run("lint", broken, "--baseline", str(tmp_path / "hand.json"))
    assert held.exit_code == 1 and "error[PE001]" in held.output
    assert render(findings) == '{\n  "version": 1,\n  "tool": "policyengine",\n  "findings": []\n}\n'


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(policy=policies(), shift=st.integers(min_value=1, max_value=5))
def test_a_baseline_of_any_policy_holds_all_its_findings_after_lines_shift(tmp_path_factory, policy, shift):
    """Write a baseline, shift every file's lines by blank lines at the top: nothing is new."""
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as root:
        dump(policy, root)
        findings = lint_paths([root]).findings
        base = Path(root) / "baseline.json.txt"
        base.write_text(render(findings))
        for path in Path(root).glob("*.yaml"):
            path.write_text("\n" * shift + path.read_text(encoding="utf-8"), encoding="utf-8")
        shifted = lint_paths([root]).findings
        new, held = read(base).split(shifted)
        assert new == [] and held == len([f for f in findings if f.code not in STRUCTURAL])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    depth=st.integers(min_value=1, max_value=200_000),
    digits=st.integers(min_value=1, max_value=20_000),
    kind=st.sampled_from(["array", "object", "number"]),
)
def test_any_nesting_and_any_number_in_a_baseline_is_one_located_line(tmp_path, depth, digits, kind):
    """JSON nested 100,000 deep (RecursionError) or an integer of 5,000 digits (ValueError) in a
    baseline was an internal error, exit 3: past the bounds it is one located line, exit 2, and within
    them the file reads as JSON (here: not a baseline)."""
    if kind == "number":
        text = '{"version": ' + "9" * digits + ', "tool": "policyengine", "findings": []}'
        too_far, line, column, said = digits > 4300, 1, 13, "a number of more than 4,300 digits cannot be read"
    else:
        opening, closing = ("[", "]") if kind == "array" else ('{"a": ', "}")
        text = opening * depth + "1" + closing * depth
        too_far, line, column, said = depth > 100, 1, 100 * len(opening) + 1, "nested more than 100 levels deep"
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    result = run("lint", H, "--baseline", str(path))
    assert result.exit_code == 2, result.output
    if too_far:
        assert result.stderr == f"policyengine: {path}:{line}:{column}: not a baseline: invalid JSON: {said}\n"
    else:
        assert "not a policyengine baseline" in result.stderr or "baseline version" in result.stderr
