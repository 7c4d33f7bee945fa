"""Helpers for the `verify` tests: a small policy written by the test, verified through the API, and
every counterexample the report holds decided again by `policyengine admit`."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from policyengine.cli import main
from policyengine.clikit import bundled_path
from policyengine.config import STRUCTURAL, Config
from policyengine.formatters.verify_report import counterexample_reform
from policyengine.lint import lint_paths
from policyengine.verify.results import Property, Report
from policyengine.verify.run import verify

from .util import write_policy

ROOT = Path(__file__).resolve().parents[1]
ON = "2026-01-01"
TIMEOUT = 60.0  # generous: a shared machine; an answer past it would be unknown, and the tests say so
CHECKED = Config(select=frozenset((*STRUCTURAL, "PE006", "PE007")))

# Two tiers, three units, three lists. Line 17 is `admission:`: a test's procedures start on line 18.
HEAD = """\
tiers:
  - {id: district, name: {en: District}}
  - {id: grid, name: {en: Grid}, parent: district}
units:
  - {id: fire_dept, name: {en: Fire department}, tier: district, kind: functional_department}
  - {id: road_dept, name: {en: Road department}, tier: district, kind: functional_department}
  - {id: team, name: {en: Grid team}, tier: grid, kind: grid_team}
grants:
  - {unit: fire_dept, powers: [penalty]}
  - {unit: team, powers: [report]}
items:
  - {id: patrol, name: {en: Patrol}, kind: routine, tier: grid, role: report}
lists:
  - {id: grid_list, tier: grid, kind: duties, items: [patrol]}
  - {id: other_list, tier: grid, kind: duties, items: []}
  - {id: district_list, tier: district, kind: duties, items: []}
admission:
"""
FIRST = 18  # the line of the first procedure


def verified(
    tmp_path: Path, admission: str, head: str = HEAD, files: dict[str, str] | None = None
) -> tuple[str, Report]:
    """Verify HEAD with `admission` (procedures, indented as under `admission:`) and any other `files`
    (a `.rules` file); every counterexample is reproduced with `admit` before the report is returned.
    Gives the policy file's path and the report."""
    root = write_policy(tmp_path / "policy", {"p.yaml": head + admission, **(files or {})})
    result = lint_paths([str(root)], CHECKED, "en", ON, None, bundled_path)
    assert result.findings == [], [f.message for f in result.findings]
    assert result.policy is not None and result.rules is not None
    report = verify(result.policy, result.rules, ON, TIMEOUT, str(root))
    assert report.count("unknown") == 0, [p for p in report.properties if p.status == "unknown"]
    for n, prop in enumerate(report.properties, 1):
        if prop.counterexample is not None:
            reproduce(root, prop, n)
    return str(root / "p.yaml"), report


def reproduce(root: Path, prop: Property, n: int) -> dict:
    """Write the counterexample as the reform file `verify --counterexamples` writes, decide it with
    `policyengine admit --reform FILE --format json`, and hold its decision, procedure and rule to the
    counterexample's first step (a diff's: `before` under the baseline is not asked here)."""
    cx = prop.counterexample
    assert cx is not None
    folder = root.parent / "counterexamples"
    folder.mkdir(exist_ok=True)
    file = folder / f"{n:02d}-{prop.kind}.yaml"
    body = counterexample_reform(prop, n, os.path.relpath(root, folder), "en", {}, TIMEOUT)
    file.write_text(body, encoding="utf-8")
    decision = decision_of(file, cx.item["id"])
    step = cx.steps[0]
    assert (decision["decision"], decision["procedure"], decision["rule"]) == (
        step.decision,
        step.procedure,
        step.rule,
    ), (
        prop,
        body,
    )
    if step.reason is not None:
        assert decision["reason"] == step.reason
    return decision


def props(report: Report, kind: str) -> list[Property]:
    return [p for p in report.properties if p.kind == kind]


def one(report: Report, kind: str) -> Property:
    (found,) = props(report, kind)
    return found


def statuses(report: Report, kind: str) -> list[tuple[str, str]]:
    return [(p.subject, p.status) for p in props(report, kind)]


def decision_of(reform: Path, item: str) -> dict:
    """How `policyengine admit --reform REFORM --format json` decides one item."""
    out = CliRunner().invoke(main, ["admit", "--reform", str(reform), "--format", "json", "--on", ON])
    assert out.exit_code == 0, out.output
    (decision,) = [d for d in json.loads(out.output)["decisions"] if d["item"] == item]
    return decision


def run_cli(args: list[str], cwd: Path | None = None) -> tuple[int, str, str]:
    """The command as a user runs it (from the repository's root unless `cwd`): exit status, stdout and
    stderr; any exception but the exit is a test failure (no traceback)."""
    here = os.getcwd()
    os.chdir(cwd or ROOT)
    try:
        result = CliRunner().invoke(main, args, env={"NO_COLOR": "1", "GITHUB_ACTIONS": None})
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr
