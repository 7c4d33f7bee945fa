"""policyengine.testing: policy test files (`policyengine test`, the pytest plugin) and the strategies."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.lint import STRUCTURAL, lint_paths
from policyengine.rules.compiler import Compiler
from policyengine.rules.parser import parse
from policyengine.testing import discover, load_file, run_test
from policyengine.testing.strategies import dump, policies, policy_texts, reforms, rules, to_yaml

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "tests"
HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
# the plugin as installed (entry point `policyengine`) or not: block the entry point, load the module
PLUGIN = ("-p", "no:policyengine", "-p", "policyengine.testing.pytest_plugin", "-p", "no:cacheprovider")

POLICY = """\
tiers:
  - {id: district, name: {en: District}}
  - {id: grid, name: {en: Grid}, parent: district}
units:
  - {id: bureau, name: {en: Bureau}, tier: district, kind: functional_department}
grants:
  - {unit: bureau, powers: [penalty]}
workflow:
  escalation: [grid, district]
items:
  - id: patrol
    name: {en: Patrol}
    kind: line
    tier: grid
    role: handle
    requires: {handle: [penalty]}
  - id: census
    name: {en: Census}
    kind: temporary
    tier: grid
    role: handle
admission:
  - id: gate
    tier: grid
    criteria:
      - 'when item.kind == "temporary" then reject "no term" otherwise admit with devolve(item.requires - powers(item.tier))'
"""

PASSING = """\
- test: the grid lacks the penalty power
  policy: policy
  on: 2026-01-01
  expect:
    findings:
      - {code: PE101, subject: item:patrol, file: p.yaml, line: 15, severity: warning, message: penalty}
    absent: [PE001, {code: PE101, subject: item:census}]
    counts: {PE101: 1}
    exit: 1
- test: the gate
  policy: policy
  on: 2026-01-01
  expect:
    admission:
      census: {decision: rejected, rule: "gate.criteria[0]", reason: no term}
      patrol: {decision: conditional, procedure: gate, devolve: [penalty], term_days: null}
"""

FAILING = """\
test: wrong on purpose
policy: policy
on: 2026-01-01
expect:
  findings: [{code: PE101, subject: item:census}, PE999]
  absent: [{code: PE101, subject: item:patrol}]
  counts: {PE101: 2}
  exit: 0
  admission:
    census: admitted
    patrol: {decision: conditional, devolve: [enforcement], money: 10}
    ghost: rejected
"""

FAILURE_REPORT = [
    "FAIL  wrong on purpose  t.pe-test.yaml:1",
    "    t.pe-test.yaml:5:14: expected a finding PE101 on item:census; "
    "got 1 PE101 finding(s), none matching: item:patrol (policy/p.yaml:15:11)",
    "    t.pe-test.yaml:5:51: expected a finding PE999; got no PE999 finding",
    "    t.pe-test.yaml:6:12: expected no finding PE101 on item:patrol; got 1: item:patrol (policy/p.yaml:15:11)",
    "    t.pe-test.yaml:7:12: expected 2 PE101 finding(s); got 1",
    "    t.pe-test.yaml:8:9: expected exit 0; got exit 1",
    "    t.pe-test.yaml:10:13: expected admission of census: admitted; got rejected (gate.criteria[0]; no term)",
    "    t.pe-test.yaml:11:13: expected admission of patrol: devolve [enforcement]; got devolve [penalty]",
    "    t.pe-test.yaml:11:13: expected admission of patrol: money 10; got money 0",
    "    t.pe-test.yaml:12:12: expected admission of ghost: rejected; got no item 'ghost' in the policy",
    "1 test(s): 0 passed, 1 failed, 0 error(s)",
]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A directory with a small policy (policy/p.yaml), as the working directory."""
    (tmp_path / "policy").mkdir()
    (tmp_path / "policy" / "p.yaml").write_text(POLICY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(*args: str):
    return CliRunner().invoke(main, ["test", *args])


# -- the examples ----------------------------------------------------------------------------------


def test_the_example_test_files_pass():
    results = [run_test(t) for f in discover([EXAMPLES]) for t in load_file(f)]
    assert len(results) >= 9
    assert [(r.test.name, r.detail()) for r in results if r.status != "pass"] == []


def test_the_cli_runs_the_examples_and_exits_0():
    result = cli(str(EXAMPLES))
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert all(line.startswith("PASS  ") for line in lines[:-1])
    assert lines[-1] == f"{len(lines) - 1} test(s): {len(lines) - 1} passed, 0 failed, 0 error(s)"


# -- reports ---------------------------------------------------------------------------------------


def test_passing_file(project):
    (project / "t.pe-test.yaml").write_text(PASSING, encoding="utf-8")
    result = cli("t.pe-test.yaml")
    assert (result.exit_code, result.stdout.splitlines()) == (
        0,
        [
            "PASS  the grid lacks the penalty power  t.pe-test.yaml:1",
            "PASS  the gate  t.pe-test.yaml:10",
            "2 test(s): 2 passed, 0 failed, 0 error(s)",
        ],
    )


def test_failing_file_lists_every_unmet_expectation(project):
    (project / "t.pe-test.yaml").write_text(FAILING, encoding="utf-8")
    result = cli("t.pe-test.yaml")
    assert (result.exit_code, result.stdout.splitlines()) == (1, FAILURE_REPORT)


def test_report_in_chinese(project):
    (project / "t.pe-test.yaml").write_text(FAILING, encoding="utf-8")
    lines = cli("t.pe-test.yaml", "--lang", "zh").output.splitlines()
    assert lines[0] == "失败  wrong on purpose  t.pe-test.yaml:1"
    assert lines[4] == "    t.pe-test.yaml:7:12: 预期 2 条 PE101 诊断;实际 1 条"
    assert lines[-1] == "共 1 项测试:通过 0 项,失败 1 项,出错 0 项"


def test_directories_are_searched_recursively_and_sorted(project):
    (project / "b").mkdir()
    (project / "b" / "z.pe-test.yaml").write_text(
        PASSING.replace("policy: policy", "policy: ../policy"), encoding="utf-8"
    )
    (project / "a.pe-test.yml").write_text(FAILING, encoding="utf-8")
    (project / "not-a-test.yaml").write_text("x: 1\n", encoding="utf-8")
    (project / ".hidden").mkdir()
    (project / ".hidden" / "h.pe-test.yaml").write_text("broken: [", encoding="utf-8")
    result = cli(".")
    heads = [line for line in result.stdout.splitlines() if not line.startswith("    ")]
    assert (result.exit_code, heads) == (
        1,
        [
            "FAIL  wrong on purpose  a.pe-test.yml:1",
            "PASS  the grid lacks the penalty power  b/z.pe-test.yaml:1",
            "PASS  the gate  b/z.pe-test.yaml:10",
            "3 test(s): 2 passed, 1 failed, 0 error(s)",
        ],
    )


def test_json_is_deterministic_and_complete(project):
    (project / "t.pe-test.yaml").write_text(FAILING, encoding="utf-8")
    (project / "u.pe-test.yaml").write_text(PASSING, encoding="utf-8")
    first, second = cli(".", "--format", "json"), cli(".", "--format", "json")
    assert first.exit_code == 1 and first.output == second.output
    doc = json.loads(first.output)
    assert doc["summary"] == {"tests": 3, "passed": 2, "failed": 1, "errors": 0}
    assert [t["status"] for t in doc["tests"]] == ["fail", "pass", "pass"]
    unmet = doc["tests"][0]["unmet"]
    assert list(unmet[0]) == ["file", "line", "column", "expectation", "expected", "got"]
    assert [(u["line"], u["expectation"]) for u in unmet] == [
        (5, "findings"),
        (5, "findings"),
        (6, "absent"),
        (7, "counts"),
        (8, "exit"),
        (10, "admission"),
        (11, "admission"),
        (11, "admission"),
        (12, "admission"),
    ]
    assert unmet[3]["expected"] == "2 PE101 finding(s)" and unmet[3]["got"] == "1"


def test_a_test_whose_reform_cannot_apply_is_an_error(project):
    (project / "r.yaml").write_text(
        "reform: {id: r, baseline: policy}\noperations:\n  - {op: remove, target: items/nope}\n", encoding="utf-8"
    )
    (project / "t.pe-test.yaml").write_text(
        "test: broken reform\nreform: r.yaml\non: 2026-01-01\nexpect: {absent: [PE101]}\n", encoding="utf-8"
    )
    result = cli("t.pe-test.yaml")
    assert (result.exit_code, result.stdout.splitlines()) == (
        2,
        [
            "ERROR broken reform  t.pe-test.yaml:1",
            "    r.yaml:3:26: no items entry with id 'nope' in the baseline",
            "1 test(s): 0 passed, 0 failed, 1 error(s)",
        ],
    )


# -- malformed test files ----------------------------------------------------------------------

HEAD = "test: t\npolicy: policy\n"


@pytest.mark.parametrize(
    "text, error",
    [
        (
            HEAD + "expect: {counts: {PE101: 1}}\nbogus: 1\n",
            "t.pe-test.yaml:4:1: unknown key 'bogus' in a test (allowed: test, policy, reform, on, config, expect)",
        ),
        (
            HEAD + "expect:\n  findings: [{code: PE101, sujet: item:x}]\n",
            "t.pe-test.yaml:4:28: unknown key 'sujet' in "
            "a finding expectation (allowed: code, subject, file, line, severity, message)",
        ),
        (
            HEAD + "expect: {counts: {PE101: 1}, counts: {PE102: 1}}\n",
            "t.pe-test.yaml:3:30: duplicate key 'counts' (first at line 3)",
        ),
        (HEAD + "expect: {counts: {PE101: one}}\n", "t.pe-test.yaml:3:26: `PE101` must be an integer ≥ 0, not 'one'"),
        (
            HEAD + "expect: {findings: [PE1O1]}\n",
            "t.pe-test.yaml:3:21: expected a check code such as PE101, not 'PE1O1'",
        ),
        (
            HEAD + "expect: {findings: [PE899]}\n",
            "t.pe-test.yaml:3:21: unknown check code 'PE899'; `policyengine explain` lists them",
        ),
        (HEAD + "expect: {findings: PE101}\n", "t.pe-test.yaml:3:20: `findings` must be a list, not a string"),
        (
            HEAD + "on: 2026-02-30\nexpect: {exit: 1}\n",
            "t.pe-test.yaml:3:5: `on` must be a date written YYYY-MM-DD, not '2026-02-30'",
        ),
        (HEAD + "expect: {exit: true}\n", "t.pe-test.yaml:3:16: `exit` must be 0 or 1, not true"),
        (
            HEAD + "expect: {admission: {census: maybe}}\n",
            "t.pe-test.yaml:3:30: a decision is one of admitted, conditional, pending, rejected, unreviewed, not 'maybe'",
        ),
        (
            HEAD + "expect: {}\n",
            "t.pe-test.yaml:3:9: `expect` is empty; expect at least one of findings, absent, counts, exit, admission",
        ),
        (HEAD, "t.pe-test.yaml:1:1: a test needs `expect`"),
        (
            "test: t\nexpect: {exit: 1}\n",
            "t.pe-test.yaml:1:1: a test needs `policy` (a path or a list of paths) or `reform`",
        ),
        (
            "test: t\npolicy: nowhere\nexpect: {exit: 1}\n",
            "t.pe-test.yaml:2:9: policy 'nowhere' does not exist (paths are relative to the test file)",
        ),
        (
            HEAD + "expect: {findings: [{code: PE101, subject: census}]}\n",
            "t.pe-test.yaml:3:44: `subject` is written KIND:ID (item:census, tier:grid), not 'census'",
        ),
        (
            "- "
            + HEAD.replace("\n", "\n  ")
            + "expect: {exit: 1}\n- "
            + HEAD.replace("\n", "\n  ")
            + "expect: {exit: 0}\n",
            "t.pe-test.yaml:4:3: duplicate test name 't' (first at line 1)",
        ),
        ("[]\n", "t.pe-test.yaml:1:1: the list of tests is empty"),
        (
            "test: t\npolicy: [policy, policy]\nreform: policy/p.yaml\nexpect: {exit: 1}\n",
            "t.pe-test.yaml:2:9: with `reform`, `policy` is one path: it replaces the reform's baseline",
        ),
        (
            "test: [\n",
            "t.pe-test.yaml:2:1: YAML syntax error: while parsing a flow node did not find expected node content",
        ),
        ("# nothing\n", "t.pe-test.yaml:1:1: empty test file"),
        ("", "t.pe-test.yaml:1:1: empty test file"),
        # what the loader refuses is said as it says it (it was "empty test file" at 1:1)
        ("- " + "[" * 5000 + "]" * 5000 + "\n", "t.pe-test.yaml:1:102: YAML nested more than 100 levels deep"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True))
            + "test: *h\n",
            "t.pe-test.yaml:6:36: YAML aliases expand beyond the limit (an alias bomb?); write the values out",
        ),
    ],
)
def test_malformed_test_files_are_one_located_line_and_exit_2(project, text, error):
    (project / "t.pe-test.yaml").write_text(text, encoding="utf-8")
    result = cli("t.pe-test.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"policyengine: {error}\n"


def test_usage_errors(project):
    assert cli().exit_code == 2
    result = cli("missing")
    assert (result.exit_code, result.stderr) == (2, "policyengine: missing: no such file or directory\n")
    (project / "empty").mkdir()
    result = cli("empty", "--lang", "zh")
    assert (result.exit_code, result.stderr) == (2, "policyengine: empty:该目录中没有政策测试文件(*.pe-test.yaml)\n")


def test_the_command_works_without_hypothesis(project):
    (project / "t.pe-test.yaml").write_text(PASSING, encoding="utf-8")
    code = (
        "import sys; sys.modules['hypothesis'] = None; sys.argv = ['policyengine', 'test', 't.pe-test.yaml']; "
        "from policyengine.cli import run; run()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=project,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert (done.returncode, done.stdout.splitlines()[-1]) == (0, "2 test(s): 2 passed, 0 failed, 0 error(s)"), (
        done.stderr
    )


# -- the pytest plugin -----------------------------------------------------------------------------


def test_plugin_collects_one_item_per_test_and_reports_unmet_expectations(pytester):
    (pytester.path / "policy").mkdir()
    (pytester.path / "policy" / "p.yaml").write_text(POLICY, encoding="utf-8")
    pytester.makefile(".pe-test.yaml", good=PASSING, t=FAILING)
    result = pytester.runpytest(*PLUGIN, "-rf")
    result.assert_outcomes(passed=2, failed=1)
    out = result.stdout.str()
    for line in FAILURE_REPORT[1:-1]:
        assert line in out
    assert "Traceback" not in out and "testfile.py" not in out
    result.stdout.fnmatch_lines(
        [
            "*policy test: wrong on purpose*",
            "FAIL  wrong on purpose  t.pe-test.yaml:1",
            "FAILED t.pe-test.yaml::wrong on purpose*",
        ]
    )


def test_plugin_reports_a_malformed_file_as_one_line(pytester):
    pytester.makefile(".pe-test.yaml", bad="test: t\npolicy: .\nexpect: {exit: 1, bogus: 2}\n")
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["policyengine: bad.pe-test.yaml:3:19: unknown key 'bogus' in `expect` *"])
    assert "Traceback" not in result.stdout.str()


def test_plugin_runs_the_examples(pytester):
    result = pytester.runpytest(*PLUGIN, str(EXAMPLES))
    result.assert_outcomes(passed=len([t for f in discover([EXAMPLES]) for t in load_file(f)]))


# -- the strategies --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("testing")


@settings(max_examples=30, deadline=None, suppress_health_check=HEALTH)
@given(text=policy_texts())
def test_drawn_policies_have_no_structural_error(workdir, text):
    with tempfile.TemporaryDirectory(dir=workdir) as root:
        (Path(root) / "policy.yaml").write_text(text, encoding="utf-8")
        result = lint_paths([root], on="2026-01-01")
    assert [f.code for f in result.findings if f.code in STRUCTURAL] == []


@settings(max_examples=200, deadline=None)
@given(rules())
def test_drawn_rules_parse_and_type_check(text):
    compiler = Compiler()
    compiler.rule(parse(text))
    assert compiler.problems == []


@settings(max_examples=20, deadline=None, suppress_health_check=HEALTH)
@given(data=st.data(), policy=policies())
def test_drawn_reforms_apply_and_leave_no_structural_or_rule_error(workdir, data, policy):
    reform = data.draw(reforms(policy, "base"))
    with tempfile.TemporaryDirectory(dir=workdir) as root:
        dump(policy, Path(root) / "base")
        (Path(root) / "reform.yaml").write_text(to_yaml(reform), encoding="utf-8")
        result = lint_paths([], on="2026-01-01", reform=Path(root) / "reform.yaml")
    assert [f.code for f in result.findings if f.code in (*STRUCTURAL, "PE006", "PE007")] == []


def test_strategies_are_documented_where_users_find_them():
    import policyengine.testing.strategies as strategies

    for name in ("policies", "policy_texts", "rules", "reforms", "dump", "to_yaml"):
        assert name in strategies.__all__ and getattr(strategies, name).__doc__
    text = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    assert "pe-test.yaml" in text and "policyengine.testing.strategies" in text


def test_the_section_order_knows_every_section_of_the_schema():
    from policyengine.resources import policy_schema
    from policyengine.testing.strategies import SECTION_ORDER

    assert set(SECTION_ORDER) == set(policy_schema()["properties"])


@pytest.mark.parametrize("split", [None, "sections", 2])
def test_dump_keeps_a_section_the_order_does_not_know(tmp_path, split):
    policy = {"tiers": [{"id": "t", "name": {"en": "T"}}], "zz_future": [{"id": "x"}]}
    written = dump(policy, tmp_path / str(split), split)
    text = "".join(p.read_text(encoding="utf-8") for p in written)
    assert "zz_future" in text and "tiers" in text
