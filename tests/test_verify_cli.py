"""`policyengine verify` as a user meets it: its exit codes, its formats, its languages, its output
files, and what it says when the solver cannot answer or is not installed."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .util import write_policy
from .verify_util import run_cli as run

z3 = pytest.importorskip("z3")

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
ON = "2026-12-01"
CJK = re.compile(r"[\u4e00-\u9fff]")

HEAD = """\
policy:
  id: verify_cli
  name: {zh: "验证示例", en: "Verify example"}
tiers:
  - {id: district, name: {zh: "区", en: "District"}}
  - {id: grid, name: {zh: "网格", en: "Grid"}, parent: district}
units:
  - {id: district_centre, name: {zh: "区社会治理中心", en: "District Social Governance Centre"}, tier: district, kind: governance_centre}
  - {id: fire_department, name: {zh: "区消防安全职能部门", en: "District fire department"}, tier: district, kind: functional_department}
  - {id: grid_team, name: {zh: "网格团队", en: "Grid team"}, tier: grid, kind: grid_team}
grants:
  - {id: grid_team_grant, unit: grid_team, powers: [report, verify]}
items:
  - id: fire_hazard_reporting
    name: {zh: "消防隐患上报", en: "Reporting fire hazards"}
    kind: line
    owner: fire_department
    tier: grid
    role: report
    requires: {report: [report]}
lists:
  - id: grid_line_list
    name: {zh: "网格条线事项清单", en: "Grid line list"}
    tier: grid
    kind: duties
    items: [fire_hazard_reporting]
admission:
  - id: grid_admission
    name: {zh: "网格准入", en: "Grid admission"}
    tier: grid
    reviewer: district_centre
    temporary: {approval_by: district_centre, max_term_days: 90}
    criteria:
      - |
"""
# every property holds: the clauses never overlap one admitting and one rejecting, and `otherwise` closes it
HOLDS = """\
        when item.kind != "line" then admit
        when item.role == "report" then admit
        otherwise reject "line items enter the grid for information collection only"
"""
# clause 1 admits and clause 2 rejects a temporary item that assists (order); nothing decides a line item
# that reports (coverage)
REFUTED = """\
        when item.kind == "temporary" then admit
        when item.role == "assist" then reject "the grid does not assist"
"""

# a reform of the policy in a/: the grid rejects the items it assists with and admits the others
REFORM = """\
reform:
  id: r
  name: {zh: "改革", en: "Reform"}
  baseline: ../a/policy.yaml
operations:
  - op: set
    target: admission/grid_admission
    path: criteria
    value:
      - |
        when item.role == "assist" then reject "no"
        otherwise admit
"""


def policy(root: Path, clauses: str, name: str = "policy.yaml") -> Path:
    write_policy(root, {name: HEAD + clauses})
    return root / name


def verify(path: Path | str, *extra: str) -> tuple[int, str, str]:
    return run(["verify", str(path), "--on", ON, *extra])


# == exit codes =====================================================================================


def test_a_policy_whose_properties_all_hold_exits_0(tmp_path):
    status, out, err = verify(policy(tmp_path, HOLDS))
    assert (status, err) == (0, "")
    assert [line.split(" · ")[0].rsplit(": ", 1)[1] for line in out.splitlines() if " · " in line] == ["proved"] * 3
    assert out.splitlines()[-1] == "3 proved, 0 refuted, 0 unknown"


def test_a_refuted_property_exits_1_with_its_place_and_counterexample(tmp_path):
    path = policy(tmp_path, REFUTED)
    status, out, err = verify(path)
    assert (status, err) == (1, "")
    assert f"{path}:34:7: refuted · coverage: Grid admission (grid_admission) leaves items undecided" in out
    assert (
        f"{path}:36:9: refuted · clause order: clauses 1 and 2 of criteria 1 of Grid admission (grid_admission) both hold "
        "for one item, one admitting it and one rejecting it" in out
    )
    rule = "criteria 1 of Grid admission (grid_admission)"
    assert f"decided: admitted, clause 1 of {rule} ({path}:35:9)" in out
    assert f"also holds: clause 2 of {rule} ({path}:36:9), which decides it rejected" in out
    assert out.splitlines()[-1] == "1 proved, 2 refuted, 0 unknown"


def test_a_clause_order_counterexample_is_decided_by_its_first_clause(tmp_path):
    """Clauses 2 and 3 clash only for items clause 1 decides: each counterexample leads with the clause
    admit decides it by, then names the two clauses."""
    line = '        when item.kind == "line" then '
    path = policy(tmp_path, f'{line}reject "no"\n{line}admit\n{line}reject "no"\n')
    status, out, _ = verify(path, "--format", "json")
    assert status == 1
    order = [p for p in json.loads(out)["properties"] if p["kind"] == "order"]
    assert [(p["status"], p["params"]["other"], p["params"]["clause"]) for p in order] == [
        ("refuted", 1, 2),
        ("refuted", 2, 3),
    ]
    steps = [[(s["decision"], s["clause"]) for s in p["counterexample"]["decided"]] for p in order]
    assert steps == [[("rejected", 1), ("admitted", 2)], [("rejected", 1), ("admitted", 2), ("rejected", 3)]]


def test_an_agreement_counterexample_starts_with_the_procedure_that_decides_it(tmp_path):
    """Three procedures govern the line list: the second and third disagree on a line item, but the
    first decides it, so the counterexample shows the first's decision before theirs."""
    three = [
        SECOND.replace("line_review", ident) + f'        when item.kind == "line" then {action}\n'
        for ident, action in (("first_gate", 'reject "no"'), ("second_gate", "admit"), ("third_gate", 'reject "no"'))
    ]
    write_policy(tmp_path, {"policy.yaml": HEAD.split("admission:\n")[0] + "admission:\n" + "".join(three)})
    status, out, _ = verify(tmp_path / "policy.yaml", "--format", "json")
    assert status == 1
    agreement = {p["subject"]: p for p in json.loads(out)["properties"] if p["kind"] == "agreement"}
    steps = agreement["second_gate / third_gate"]["counterexample"]["decided"]
    assert [(s["decision"], s["procedure"]) for s in steps] == [
        ("rejected", "first_gate"),
        ("admitted", "second_gate"),
        ("rejected", "third_gate"),
    ]


def test_a_policy_with_an_unknown_reference_exits_2_with_lints_finding(tmp_path):
    write_policy(tmp_path, {"policy.yaml": (HEAD + HOLDS).replace("tier: grid\n    role", "tier: gird\n    role")})
    path = tmp_path / "policy.yaml"
    status, out, err = verify(path)
    assert (status, out) == (2, "")
    line = f"{path}:18:11: error[PE004] unknown tier 'gird' (did you mean 'grid'?) [unknown-reference]"
    assert line in err.splitlines()
    lint = run(["lint", str(path), "--on", ON, "--no-color", "--select", "PE004"])
    assert line in lint[1].splitlines()


def test_an_ill_typed_rule_exits_2_with_lints_finding(tmp_path):
    path = policy(tmp_path, '        when item.colour == "red" then admit\n')
    status, out, err = verify(path)
    assert (status, out) == (2, "")
    assert re.search(rf"^{re.escape(str(path))}:35:19: error\[PE007\] .*\[rule-type\]$", err, re.M), err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("0", "0.0"),
        ("-1", "-1.0"),
        ("nan", "nan"),
        ("-inf", "-inf"),
        ("inf", "inf"),
        ("1e308", "1e+308"),
        ("4294968", "4294968.0"),
    ],
)
def test_a_timeout_not_a_positive_number_exits_2(tmp_path, value, shown):
    status, out, err = verify(policy(tmp_path, HOLDS), "--timeout", value)
    assert (status, out) == (2, "")
    assert err == f"policyengine: --timeout must be a positive number of seconds, at most 4294967, not {shown}\n"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.floats(max_value=0) | st.floats(min_value=4294967.01) | st.just(math.nan))
def test_no_timeout_but_a_positive_one_up_to_the_solvers_limit_is_taken(tmp_path, value):
    status, out, err = verify(policy(tmp_path, HOLDS), "--timeout", repr(value))
    assert (status, out) == (2, "")
    assert err.startswith("policyengine: --timeout must be a positive number of seconds, at most 4294967, not ")
    assert len(err.splitlines()) == 1


def test_no_path_and_no_reform_exits_2():
    status, out, err = run(["verify"])
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1 and err.startswith("policyengine: ")


def test_a_missing_path_exits_2_with_one_line(tmp_path):
    missing = tmp_path / "nowhere"
    status, out, err = verify(missing)
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1 and str(missing) in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("operation", "expected"),
    [
        (
            "  - op: remove\n    target: items/nothing\n",
            "r.yaml:7:13: no items entry with id 'nothing' in the baseline",
        ),
        (
            "  - op: set\n    target: admission/grid_admission\n    path: criteria\n"
            '    value: ["when item.colour then admit"]\n',
            "r.yaml:9:24: error[PE007] ill-typed rule: item has no attribute 'colour'",
        ),
    ],
    ids=["operation", "rule"],
)
def test_a_reform_that_cannot_apply_or_breaks_a_rule_exits_2_located(tmp_path, operation, expected):
    head = REFORM.split("operations:")[0].replace("../a/policy.yaml", "a/policy.yaml")
    write_policy(tmp_path, {"a/policy.yaml": HEAD + HOLDS, "r.yaml": head + "operations:\n" + operation})
    status, out, err = run(["verify", "--reform", "r.yaml", "--on", ON], tmp_path)
    assert (status, out) == (2, "")
    assert expected in err.splitlines()[0] and "Traceback" not in err


def test_a_missing_reform_exits_2_with_one_line(tmp_path):
    status, out, err = run(["verify", "--reform", "nowhere.yaml"], tmp_path)
    assert (status, out, err) == (2, "", "policyengine: nowhere.yaml: no such file or directory\n")


def test_counterexample_files_of_an_earlier_run_go_and_other_files_stay(tmp_path):
    target = tmp_path / "cx"
    target.mkdir()
    for name in ("notes.txt", "99-order.yaml", "07-change-baseline.yaml", "01-coverage.yaml", "1-order.yaml"):
        (target / name).write_text("earlier\n", encoding="utf-8")
    status, _, err = verify(policy(tmp_path, REFUTED), "--counterexamples", str(target))
    assert status == 1
    assert err == (
        f"2 counterexample file(s) written to {target}\n2 counterexample file(s) of an earlier run removed from {target}\n"
    )
    assert sorted(f.name for f in target.iterdir()) == [
        "01-coverage.yaml",
        "02-order.yaml",
        "1-order.yaml",
        "notes.txt",
    ]
    assert (target / "01-coverage.yaml").read_text(encoding="utf-8").startswith("# Counterexample 1 ")


def test_counterexamples_take_one_path(tmp_path):
    one, two = policy(tmp_path / "a", HOLDS), policy(tmp_path / "b", HOLDS)
    status, out, err = run(["verify", str(one), str(two), "--counterexamples", str(tmp_path / "cx")])
    assert (status, out) == (2, "")
    assert err == (
        "policyengine: --counterexamples takes one policy PATH (a directory or a file), not 2: "
        "each counterexample is written as a reform of it\n"
    )
    assert not (tmp_path / "cx").exists()


def test_without_the_solver_one_line_and_exit_2(tmp_path):
    path = policy(tmp_path, HOLDS)
    code = (
        "import sys; sys.modules['z3'] = None\n"
        "from click.testing import CliRunner\n"
        "from policyengine.cli import main\n"
        f"r = CliRunner().invoke(main, ['verify', {str(path)!r}])\n"
        "sys.stdout.write(r.stdout); sys.stderr.write(r.stderr)\n"
        "sys.exit(r.exit_code if r.exception is None or isinstance(r.exception, SystemExit) else 3)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "policyengine: verify needs the z3 solver: pip install 'z3-solver>=4.12' (the extra 'verify')\n"
    )


# == formats and languages ==========================================================================


def test_json_has_every_part_and_the_counterexample(tmp_path):
    path = policy(tmp_path, REFUTED)
    status, out, _ = verify(path, "--format", "json")
    doc = json.loads(out)
    assert status == 1
    assert list(doc) == ["version", "policy", "reform", "on", "timeout", "properties", "changes", "summary"]
    assert (doc["version"], doc["policy"], doc["on"], doc["timeout"]) == (1, str(path), ON, 10.0)
    assert doc["summary"] == {"proved": 1, "refuted": 2, "unknown": 0}
    assert doc["changes"] == []
    assert [(p["kind"], p["status"], p["at"]) for p in doc["properties"]] == [
        ("coverage", "refuted", f"{path}:34:7"),
        ("order", "refuted", f"{path}:36:9"),
        ("dead", "proved", f"{path}:35:9"),
    ]
    order = doc["properties"][1]["counterexample"]
    assert [(s["decision"], s["rule"], s["clause"]) for s in order["decided"]] == [
        ("admitted", "grid_admission.criteria[0]", 1),
        ("rejected", "grid_admission.criteria[0]", 2),
    ]
    assert order["item"]["kind"] == "temporary" and order["item"]["role"] == "assist"


@pytest.fixture(scope="module")
def validator():
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sarif_is_valid_with_pass_fail_and_locations(tmp_path, validator, lang):
    path = policy(tmp_path, REFUTED)
    status, out, _ = verify(path, "--format", "sarif", "--lang", lang)
    log = json.loads(out)
    assert status == 1
    assert [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)] == []
    results = log["runs"][0]["results"]
    assert {r["kind"] for r in results} == {"pass", "fail"}
    assert all(r["level"] == ("error" if r["kind"] == "fail" else "none") for r in results)
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == str(path)
        assert (loc["region"]["startLine"], loc["region"]["startColumn"]) in ((34, 7), (35, 9), (36, 9))
    if lang == "zh":
        assert all(CJK.search(r["message"]["text"]) for r in results)


def test_chinese_messages(tmp_path):
    path = policy(tmp_path, REFUTED)
    status, out, _ = verify(path, "--lang", "zh")
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == f"policyengine verify:{path},以 {ON} 为准;每项性质至多求解 10 秒"
    assert lines[2] == (
        f"{path}:34:7: 不成立 · 覆盖完整性:“网格准入”(grid_admission)存在未覆盖的事项:没有准入条件对其作出决定,"
        "也没有审核人受理,只能按默认规则不予准入"
    )
    rule = "“网格准入”(grid_admission)的准入条件(第 1 组)"
    assert f"{path}:36:9: 不成立 · 条款次序无关性:{rule}的第 1 条与第 2 条" in out
    assert "    反例(部门可能提交的事项):" in lines
    assert f"    决定:准入,{rule}第 1 条({path}:35:9)" in lines
    assert f"    同时成立:{rule}第 2 条({path}:36:9),该条决定为“不予准入”" in lines
    assert lines[-1] == "已证明 1 项,不成立 2 项,未能判定 0 项"
    said = [line for line in lines if line and not line.startswith("      ")]  # the item's YAML aside
    assert all(CJK.search(line) for line in said), said


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_the_same_bytes_on_two_runs(tmp_path, fmt):
    path = policy(tmp_path, REFUTED)
    assert verify(path, "--format", fmt) == verify(path, "--format", fmt)


def test_the_same_counterexamples_whatever_ran_before(tmp_path):
    """The solver's choices depend on what it has seen: each verification starts from nothing, so a
    report is the same first in a process or after others (a reform's diff too)."""
    path = policy(tmp_path / "p", REFUTED)
    reform = ["--reform", "examples/reforms/paper_remedy.yaml", "--format", "json"]
    first, first_diff = verify(path, "--format", "json"), run(["verify", *reform, "--on", ON])
    verify(policy(tmp_path / "q", HOLDS.replace('"report"', '"handle"')))
    run(["verify", "--reform", "examples/reforms/admission_gate.yaml", "--on", ON])
    assert verify(path, "--format", "json") == first
    assert run(["verify", *reform, "--on", ON]) == first_diff


def test_output_file_is_written_whole(tmp_path):
    path = policy(tmp_path, REFUTED)
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    status, out, err = verify(path, "--format", "json", "-o", str(target))
    assert (status, out) == (1, "")
    assert err == f"policyengine: wrote {target}\n"
    assert target.read_text(encoding="utf-8") == verify(path, "--format", "json")[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["policy.yaml", "report.json"]


def test_an_output_file_that_cannot_be_written_exits_2_before_work(tmp_path):
    path = policy(tmp_path, REFUTED)
    status, out, err = verify(path, "-o", str(tmp_path / "no" / "such" / "dir" / "r.txt"))
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1


def test_counterexample_files_and_their_notice(tmp_path):
    path = policy(tmp_path / "p", REFUTED)
    target = tmp_path / "cx"
    status, out, err = verify(path, "--counterexamples", str(target))
    assert status == 1 and "refuted" in out
    assert err == f"2 counterexample file(s) written to {target}\n"
    assert sorted(f.name for f in target.iterdir()) == ["01-coverage.yaml", "02-order.yaml"]
    text = (target / "02-order.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Counterexample 2 of policyengine verify (clause order): clauses 1 and 2 of criteria 1 of")
    assert text.splitlines()[1] == (
        f"# policyengine admit --reform {target / '02-order.yaml'} --on {ON} decides it: admitted, "
        f"clause 1 of criteria 1 of Grid admission (grid_admission) ({path}:35:9)"
    )
    assert "  baseline: ../p/policy.yaml\n" in text
    expected = {
        "01-coverage.yaml": ("rejected", "grid_admission", None),  # the default: no criterion decides it
        "02-order.yaml": ("admitted", "grid_admission", "grid_admission.criteria[0]"),  # the first clause
    }
    for name, decided in expected.items():
        status, out, _ = run(["admit", "--reform", str(target / name), "--format", "json", "--on", ON])
        row = next(d for d in json.loads(out)["decisions"] if d["item"] == "counterexample")
        assert (row["decision"], row["procedure"], row["rule"]) == decided, name


def test_a_reform_over_another_policy_than_its_baseline_reproduces(tmp_path):
    """`verify B --reform R` where R names another baseline A: each counterexample file is R's operations
    over B, then the item, so that `admit` decides it as `verify` did, not as R over A would."""
    narrow = (HEAD + HOLDS).replace(
        "    tier: grid\n    reviewer:", "    tier: grid\n    lists: [grid_line_list]\n    reviewer:"
    )
    write_policy(tmp_path, {"a/policy.yaml": narrow, "b/policy.yaml": HEAD + HOLDS, "r/reform.yaml": REFORM})
    status, out, _ = run(
        [
            "verify",
            "b/policy.yaml",
            "--reform",
            "r/reform.yaml",
            "--on",
            ON,
            "--format",
            "json",
            "--counterexamples",
            "cx",
        ],
        tmp_path,
    )
    assert status == 1
    changes = json.loads(out)["changes"]
    assert [c["params"] for c in changes] == [
        {"before": "admitted", "after": "rejected"},
        {"before": "rejected", "after": "admitted"},
    ]
    for n, change in enumerate(changes, 1):
        cx = change["counterexample"]
        for name, step in (
            (f"{n:02d}-change.yaml", cx["decided"][0]),
            (f"{n:02d}-change-baseline.yaml", cx["before"][0]),
        ):
            text = (tmp_path / "cx" / name).read_text(encoding="utf-8")
            assert "  baseline: ../b/policy.yaml\n" in text
            assert ("op: set" in text) == ("baseline" not in name)
            status, out, _ = run(["admit", "--reform", f"cx/{name}", "--format", "json", "--on", ON], tmp_path)
            row = next(d for d in json.loads(out)["decisions"] if d["item"] == "counterexample")
            assert (row["decision"], row["rule"]) == (step["decision"], step["rule"]), name


# == unknown is never proved ========================================================================


@pytest.fixture
def undecided(monkeypatch):
    """A solver that answers every question `unknown`, as z3 does when the time runs out."""
    monkeypatch.setattr(z3.Solver, "check", lambda self, *assumptions: z3.unknown)
    monkeypatch.setattr(z3.Solver, "reason_unknown", lambda self: "canceled")


def test_an_unknown_answer_is_never_proved_and_exits_1(tmp_path, undecided):
    """The solver's `unknown` (a timeout, or a question beyond it) is reported as unknown, with its reason;
    only what needs no question is proved (no clause of the rule admits where an earlier one rejects)."""
    path = policy(tmp_path, HOLDS)
    status, out, _ = verify(path, "--format", "json", "--timeout", "0.5")
    doc = json.loads(out)
    assert status == 1
    assert doc["summary"] == {"proved": 1, "refuted": 0, "unknown": 4}
    assert [(p["kind"], p["status"], p["reason"], p["at"]) for p in doc["properties"]] == [
        ("coverage", "unknown", "canceled", f"{path}:34:7"),
        ("order", "proved", None, f"{path}:35:9"),
        *[("dead", "unknown", "canceled", f"{path}:{line}:9") for line in (35, 36, 37)],
    ]
    assert doc["properties"][0]["message"] == (
        "Grid admission (grid_admission) decides every item it governs: a criterion decides each, or its "
        "reviewer does: the solver could not decide within 0.5 s (out of time); not proved"
    )
    zh = verify(path, "--lang", "zh", "--timeout", "0.5")[1].splitlines()
    assert zh[2] == (
        f"{path}:34:7: 未能判定 · 覆盖完整性:“网格准入”(grid_admission)对其审核的每一事项均能作出决定:"
        "或由准入条件决定,或由审核人决定:求解器未能在 0.5 秒内判定(超时),不视为已证明"
    )


def test_an_unknown_change_says_which_and_stands_at_the_reform(undecided):
    status, out, _ = run(
        ["verify", "--reform", "examples/reforms/information_grid.yaml", "--on", ON, "--format", "json"]
    )
    doc = json.loads(out)
    assert status == 1
    assert doc["policy"] == "policies/h_district"
    assert len(doc["changes"]) == 20  # every ordered pair of the five decisions
    assert {(c["status"], c["at"]) for c in doc["changes"]} == {
        ("unknown", "examples/reforms/information_grid.yaml:6:1")
    }
    assert doc["changes"][0]["message"] == (
        "whether an item admitted under the baseline can be conditional under the reform: "
        "the solver could not decide within 10 s (out of time); not proved"
    )


def test_unknown_in_sarif_is_open_and_located(validator, undecided):
    status, out, _ = run(
        ["verify", "--reform", "examples/reforms/admission_gate.yaml", "--on", ON, "--format", "sarif"]
    )
    log = json.loads(out)
    assert status == 1
    assert [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)] == []
    results = log["runs"][0]["results"]
    assert {(r["kind"], r["level"]) for r in results} == {("open", "warning")}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "examples/reforms/admission_gate.yaml"
    }


# texts a YAML 1.2 loader reads as a number, a boolean or null when they stand unquoted
LOOKS_NOT_TEXT = st.from_regex(
    r"[-+]?[0-9]{1,3}(\.[0-9]{0,2})?([eE][-+]?[0-9]{1,2})?", fullmatch=True
) | st.sampled_from(["1e3", "0o17", "0x1F", ".5", ".inf", "-.inf", ".nan", "true", "False", "NULL", "~", "007"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(LOOKS_NOT_TEXT)
def test_a_counterexample_text_that_looks_like_a_number_is_written_as_text(tmp_path, value):
    """A rule compares a text with "1e3": the counterexample carries that text, and its file must give
    it back as text, or `admit` reads a number and the item breaks the schema."""
    root = tmp_path / f"p{abs(hash(value))}"
    path = policy(root, f'        when item.legal_basis == "{value}" then admit\n{REFUTED.splitlines()[1]}\n')
    status, out, _ = verify(path, "--format", "json", "--counterexamples", str(root / "cx"))
    order = next(p for p in json.loads(out)["properties"] if p["kind"] == "order")
    item = order["counterexample"]["item"]
    assert item["legal_basis"] == value
    # the texts the rules bring in are not taken for the item's own id and name
    assert (item["id"], item["name"]) == ("counterexample", {"zh": "反例事项", "en": "Counterexample item"})
    status, out, err = run(["admit", "--reform", str(root / "cx" / "02-order.yaml"), "--format", "json", "--on", ON])
    assert status in (0, 1), err
    row = next(d for d in json.loads(out)["decisions"] if d["item"] == "counterexample")
    assert (row["decision"], row["rule"]) == ("admitted", "grid_admission.criteria[0]")


# == every counterexample reproduces, whatever the rules ============================================

CONDITIONS = (
    'item.kind == "line"',
    'item.kind == "temporary"',
    'item.role == "assist"',
    'item.role != "report"',
    "item.requires <= powers(item.tier)",
    "item.funding.money > 0",
    "item.funding.people >= 0.5",
    "stated(item.owner)",
    'item.legal_basis == "law"',
    "item.cost.yuan_per_year > 100",
    "item.valid_to < on + 30d",
    'item.valid_from <= on and item.kind == "temporary"',
    'item.category == ""',
    'item.responsibility == "territorial"',
    '"fire_department" in item.co_handlers',
    "count(item.mobilises) >= 1",
    "any(u in item.co_handlers: u == item.owner)",
    "item.requires_handle <= item.funding.powers",
    "min(item.funding.money, item.funding.people) > 0",
    'item.issued_by == "district"',
    "stated(item.cost.hours_per_month) and item.cost.hours_per_month <= 4",
    'item.id != "fire_hazard_reporting"',
)
ACTIONS = ("admit", 'reject "no"', "admit with transfer(money = 5)", "admit with term(30d)")
SECOND = """\
  - id: line_review
    name: {zh: "条线事项审核", en: "Line review"}
    tier: grid
    lists: [grid_line_list]
    reviewer: district_centre
    criteria:
      - |
"""


def _clauses(draw_clauses: list[tuple[list[str], str]], closing: str | None) -> str:
    lines = [f"        when {' and '.join(conds)} then {action}\n" for conds, action in draw_clauses]
    return "".join(lines) + (f"        otherwise {closing}\n" if closing else "")


CLAUSE = st.tuples(st.lists(st.sampled_from(CONDITIONS), min_size=1, max_size=2, unique=True), st.sampled_from(ACTIONS))
RULE = st.builds(_clauses, st.lists(CLAUSE, min_size=1, max_size=3), st.none() | st.sampled_from(ACTIONS))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(RULE, st.none() | RULE, st.none() | RULE, st.none() | RULE)
def test_every_counterexample_of_random_rules_is_decided_by_admit_as_verify_said(tmp_path, first, more, second, third):
    """One, two or three procedures with random criteria (the second and third on the line list), the
    first with one or two rules."""
    root = tmp_path / f"p{abs(hash((first, more, second, third)))}"
    later = (SECOND + second if second else "") + (
        SECOND.replace("line_review", "line_recheck") + third if third else ""
    )
    path = policy(root, first + ("      - |\n" + more if more else "") + later)
    status, out, err = verify(path, "--format", "json", "--counterexamples", str(root / "cx"))
    assert status in (0, 1), err
    found = [p for p in json.loads(out)["properties"] if "counterexample" in p]
    assert {p["status"] for p in found} <= {"refuted"}
    for n, p in enumerate(found, 1):
        file = root / "cx" / f"{n:02d}-{p['kind']}.yaml"
        status, out, err = run(["admit", "--reform", str(file), "--format", "json", "--on", ON])
        assert status in (0, 1), err
        row = next(d for d in json.loads(out)["decisions"] if d["item"] == "counterexample")
        step = p["counterexample"]["decided"][0]
        assert (row["decision"], row["procedure"], row["rule"]) == (
            step["decision"],
            step["procedure"],
            step["rule"],
        ), (
            file.read_text(encoding="utf-8"),
            p,
        )


def _decided_by_admit(root: Path, file: str) -> tuple:
    status, out, err = run(["admit", "--reform", file, "--format", "json", "--on", ON], root)
    assert status in (0, 1), err
    row = next(d for d in json.loads(out)["decisions"] if d["item"] == "counterexample")
    return row["decision"], row["procedure"], row["rule"]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(RULE, RULE, st.booleans(), st.booleans())
def test_every_change_of_a_random_reform_is_decided_by_admit_on_both_sides(tmp_path, before, after, narrow, other):
    """The reform rewrites the criteria (and, `narrow`, its baseline's procedure governs one list only;
    `other`, it is verified over another policy named on the command line): each change's two files,
    the reform's and the baseline's, are decided by admit as verify said."""
    root = tmp_path / f"p{abs(hash((before, after, narrow, other)))}"
    base = HEAD + before
    if narrow:
        base = base.replace(
            "    tier: grid\n    reviewer:", "    tier: grid\n    lists: [grid_line_list]\n    reviewer:"
        )
    reform = REFORM.split("    value:\n")[0] + "    value:\n      - |\n" + after.replace("        ", "          ")
    write_policy(root, {"a/policy.yaml": base, "b/policy.yaml": HEAD + before, "r/reform.yaml": reform})
    args = ["verify", *(["b/policy.yaml"] if other else []), "--reform", "r/reform.yaml", "--on", ON]
    status, out, err = run([*args, "--format", "json", "--counterexamples", "cx"], root)
    assert status in (0, 1), err
    report = json.loads(out)
    for n, p in enumerate((p for p in report["properties"] + report["changes"] if "counterexample" in p), 1):
        cx, stem = p["counterexample"], f"cx/{n:02d}-{p['kind']}"
        sides = [(f"{stem}.yaml", cx["decided"][0])]
        sides += [(f"{stem}-baseline.yaml", cx["before"][0])] if "before" in cx else []
        for name, step in sides:
            assert _decided_by_admit(root, name) == (step["decision"], step["procedure"], step["rule"]), (name, p)


UNSAFE_TEXT = st.text(st.sampled_from("ab网格\n\r\t\x1b\x07\x85\u2028\u2029\u202e"), min_size=1, max_size=6)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(UNSAFE_TEXT)
def test_a_name_with_line_breaks_or_escapes_stays_in_its_line_and_its_comment(tmp_path, name):
    """The procedure's name reaches the report's lines and the counterexample files' comments: a line
    break there is shown, not obeyed, and the files still load."""
    root = tmp_path / f"p{abs(hash(name))}"
    quoted = json.dumps(name)  # a YAML double-quoted string too
    path = policy(root, REFUTED)
    path.write_text(path.read_text(encoding="utf-8").replace('en: "Grid admission"', f"en: {quoted}"), encoding="utf-8")
    status, out, err = verify(path, "--counterexamples", str(root / "cx"))
    assert status == 1, err
    assert all(
        line.startswith((str(path), "    ", "policyengine verify", "1 proved")) for line in out.splitlines() if line
    )
    assert len([line for line in out.splitlines() if line.startswith(str(path))]) == 3
    for file in sorted((root / "cx").iterdir()):
        text = file.read_text(encoding="utf-8")
        assert text.startswith("# Counterexample ") and text.splitlines()[2] == "reform:"
        status, _, err = run(["admit", "--reform", str(file), "--on", ON])
        assert status in (0, 1), err
