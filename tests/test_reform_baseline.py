"""A reform over a broken baseline reports the baseline's own errors, at the baseline's positions.

A baseline that does not load (a YAML syntax error: PE001), or that the reform cannot apply to and
that has schema errors of its own (a document that is not a mapping, an empty document, a section
of the wrong type: PE002), is linted as it is, for `lint --reform`, `admit --reform` and `diff`:
the findings point into the baseline, never "the baseline has no documents" at the reform.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyengine.cli import main
from policyengine.lint import lint_paths
from policyengine.reform import ReformError, apply_reform, invert, read_reform

ROOT = Path(__file__).resolve().parent.parent
POLICY = (ROOT / "examples" / "admission" / "inadmissible_item" / "policy.yaml").read_text(encoding="utf-8")
SET = "  - {op: set, target: items/fire_hazard_reporting, path: kind, value: routine}\n"

# a broken baseline -> (code, line, column, message) of its error, as `lint` of the baseline gives it
BROKEN = {
    "items:\n  - id: a\n    kind: [\n": (
        "PE001",
        4,
        1,
        "YAML syntax error: while parsing a flow node did not find expected node content",
    ),
    "- 3\n": ("PE002", 1, 1, "a document must be a mapping of sections, not a list"),
    "---\n": ("PE002", 1, 1, "a document must be a mapping of sections, not null"),
    "items: 3\n": ("PE002", 1, 8, "3 is not of type array"),
    "---\n---\n" + POLICY: ("PE002", 1, 1, "a document must be a mapping of sections, not null"),
    POLICY.replace("  - id: fire_hazard_reporting", "  - id: fire_hazard_reporting\n    id: again"): (
        "PE003",
        33,
        5,
        "duplicate key 'id' (first at line 32)",
    ),
}


def setup(tmp_path: Path, baseline: str, operations: str = SET) -> tuple[Path, Path]:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "policy.yaml").write_text(baseline, encoding="utf-8")
    (tmp_path / "r").mkdir()
    reform = tmp_path / "r" / "r.yaml"
    reform.write_text(f"reform:\n  id: r\n  baseline: ../p\noperations:\n{operations}", encoding="utf-8")
    return tmp_path / "p", reform


@pytest.mark.parametrize("baseline", list(BROKEN))
def test_lint_admit_and_diff_report_the_baselines_own_error(tmp_path, baseline):
    base, reform = setup(tmp_path, baseline)
    code, line, column, message = BROKEN[baseline]
    where = f"{base / 'policy.yaml'}:{line}:{column}"
    runner = CliRunner()
    lint = runner.invoke(main, ["lint", "--reform", str(reform), "--no-color"])
    if code == "PE003":  # not structural for a reform: it applies, and the lint reports the duplicate key
        assert lint.exit_code == 1 and f"{where}: error[PE003] {message}" in lint.output
        return
    assert lint.exit_code == 1
    assert (
        lint.output.splitlines()[0]
        == f"{where}: error[{code}] {message} [{'yaml-syntax' if code == 'PE001' else 'schema-violation'}]"
    )
    assert "reform" not in lint.output and "r.yaml" not in lint.output
    admit = runner.invoke(main, ["admit", "--reform", str(reform)])
    assert admit.exit_code == 1 and admit.output.splitlines()[0] == lint.output.splitlines()[0]
    diff = runner.invoke(main, ["diff", str(base), str(reform)])
    assert diff.exit_code == 1 and diff.output.splitlines()[0] == lint.output.splitlines()[0]
    result = lint_paths([], reform=reform)
    assert next((f.code, f.span.line, f.span.column) for f in result.findings if f.code == code) == (code, line, column)
    assert result.changes == ()
    assert not apply_reform(read_reform(reform)).sound


@pytest.mark.parametrize("baseline", [b for b, (code, *_) in BROKEN.items() if code != "PE003"])
def test_the_inverse_of_a_reform_over_a_broken_baseline_names_the_baselines_error(tmp_path, baseline):
    base, reform = setup(tmp_path, baseline)
    code, line, column, message = BROKEN[baseline]
    with pytest.raises(ReformError) as caught:
        invert(reform)
    assert tuple(caught.value.span) == (str(base / "policy.yaml"), line, column)
    assert caught.value.text("en") == f"the baseline has errors of its own: {message} ({code})"
    assert caught.value.text("zh").startswith("基线本身有错误:")


def test_a_reform_that_applies_over_a_schema_error_keeps_it_at_the_baseline(tmp_path):
    """A schema error the reform does not trip over: the reform applies and the lint reports the
    baseline's error where it stands; `diff` refuses to compare, since the checks did not run."""
    broken = POLICY.replace(
        "    kind: line\n    owner: fire_department\n    tier: grid\n    role: assist",
        "    kind: lien\n    owner: fire_department\n    tier: grid\n    role: assist",
    )
    base, reform = setup(tmp_path, broken)
    result = lint_paths([], reform=reform)
    assert [(f.code, Path(f.span.file).name, f.span.line) for f in result.findings] == [("PE002", "policy.yaml", 45)]
    assert [c[0] for c in result.changes] == ["set"]
    diff = CliRunner().invoke(main, ["diff", str(base), str(reform)])
    assert diff.exit_code == 1
    assert diff.output.startswith(
        f"{base / 'policy.yaml'}:45:11: error[PE002] 'lien' is not one of: routine, line, temporary"
    )


def test_diff_refuses_a_reform_that_breaks_the_policy(tmp_path):
    """A reform whose result has structural errors: diff prints them (the checks did not run on the
    reformed policy, so every finding would read as fixed) and exits 1."""
    base, reform = setup(tmp_path, POLICY, "  - {op: move, target: items/fire_hazard_reporting, tier: moon}\n")
    out = CliRunner().invoke(main, ["diff", str(base), str(reform)])
    assert out.exit_code == 1
    assert out.output.splitlines()[0] == f"{reform}:5:59: error[PE004] unknown tier 'moon' [unknown-reference]"


def _missing(tmp_path):
    return "nowhere"


def _fifo(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    return "pipe"


BASELINE_PATHS = {
    "missing": (_missing, "{d}/nowhere: no such file or directory"),
    "nul": (lambda tmp_path: "a\\0b", "{d}/a\\x00b: no such file or directory"),
    "fifo": (_fifo, "{d}/pipe: a named pipe (FIFO), not a regular file or directory"),
    "device": (lambda tmp_path: "/dev/zero", "/dev/zero: a character device, not a regular file or directory"),
}


@pytest.mark.parametrize("kind", sorted(BASELINE_PATHS))
@pytest.mark.parametrize("command", ["lint", "admit", "diff"])
def test_a_baseline_that_names_no_policy_is_one_line_at_the_reforms_baseline(tmp_path, kind, command):
    # regression: a NUL in `baseline:` was an internal error (exit 3); a missing one had no position
    make, said = BASELINE_PATHS[kind]
    name = make(tmp_path)
    reform = tmp_path / "r.yaml"
    reform.write_text(f'reform: {{id: r, baseline: "{name}"}}\noperations: []\n', encoding="utf-8")
    base = str(ROOT / "examples" / "admission" / "inadmissible_item")
    args = {"lint": ["lint", "--reform"], "admit": ["admit", "--reform"], "diff": ["diff", base]}[command]
    result = CliRunner().invoke(main, [*args, str(reform)])
    assert result.exit_code == 2
    assert result.stderr == f"policyengine: {reform}:1:27: baseline: {said.format(d=tmp_path)}\n"


@pytest.mark.parametrize(
    "operation",
    [
        "  - {op: remove, target: items/fire_hazard_reporting}\n",
        "  - {op: set, target: items/fire_hazard_reporting, path: kind, value: routine}\n",
        "  - {op: move, target: items/fire_hazard_reporting, tier: district}\n",
    ],
    ids=["remove", "set", "move"],
)
def test_a_reform_naming_an_id_the_baseline_declares_twice_is_refused(tmp_path, operation):
    """A baseline with a duplicate id (PE003): the reform edited the first declaration alone, and a
    `remove` even made the baseline's own error disappear from `lint --reform`. It names both places."""
    entry = POLICY.index("  - id: fire_hazard_reporting")
    end = POLICY.index("\n  - id:", entry + 1)
    duplicated = POLICY[:end] + "\n" + POLICY[entry:end] + POLICY[end:]
    base, reform = setup(tmp_path, duplicated, operation)
    lines = duplicated.splitlines()
    first, second = (i + 1 for i, line in enumerate(lines) if line == "  - id: fire_hazard_reporting")
    policy = base / "policy.yaml"
    for lang, said in (
        ("en", f"items has more than one entry with id 'fire_hazard_reporting' (at {policy}:{first}:9 and "),
        ("zh", f"items中有多个 id 为“fire_hazard_reporting”的条目(位于 {policy}:{first}:9 和 "),
    ):
        out = CliRunner().invoke(main, ["lint", "--reform", str(reform), "--lang", lang])
        assert out.exit_code == 2, out.output
        assert out.stderr.startswith(f"policyengine: {reform}:5:") and said in out.stderr
        assert f"{policy}:{second}:9" in out.stderr
