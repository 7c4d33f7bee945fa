"""`policyengine why`: the chain behind a finding (policyengine/why.py, formatters/why_report.py)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from policyengine import why
from policyengine.cli import main
from policyengine.formatters import why_report
from policyengine.lint import lint_paths
from policyengine.testing.strategies import dump, policies

from .util import write_policy

H = "policies/h_district"
ON = "2025-01-01"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def h_district():
    return lint_paths([ROOT / H], on=ON)


def run(*args: str):
    return CliRunner().invoke(main, ["why", *args])


def chain_of(result, code: str, subject: str) -> list[dict]:
    (finding,) = [f for f in result.findings if f.code == code and f.subject.id == subject]
    return why.chains(result, finding, on=ON)


def steps(chain: list[dict], kind: str) -> list[dict]:
    return [s for s in chain if s["step"] == kind]


def where(step: dict) -> tuple[str, int, int]:
    at = step["at"]
    return Path(at["file"]).name, at["line"], at["column"]


def test_pe101_fire_hazards_chain(h_district):
    chain = chain_of(h_district, "PE101", "fire_hazards_small_venues")
    subject = chain[0]
    assert (subject["step"], subject["kind"], subject["id"], subject["item_kind"], subject["category"]) == (
        "subject",
        "item",
        "fire_hazards_small_venues",
        "line",
        None,
    )
    assert subject["depth"] == 0 and Path(subject["at"]["file"]).name == "items.yaml"
    (assigned,) = steps(chain, "assigned")
    assert (assigned["tier"], assigned["role"], where(assigned)) == ("grid", "handle", ("items.yaml", 332, 11))
    (requires,) = steps(chain, "requires")
    assert (requires["role"], requires["powers"], requires["missing"]) == ("handle", ["penalty"], ["penalty"])
    (power,) = steps(chain, "power")
    assert (power["power"], power["tier"], power["held"]) == ("penalty", "grid", False)
    (co,) = steps(chain, "co_handler")
    assert {k: co[k] for k in ("unit", "coverage", "threshold", "counted", "holds")} == {
        "unit": "fire_professional_grid",
        "coverage": 12,
        "threshold": 5,
        "counted": False,
        "holds": True,
    }
    assert where(co)[0] == "items.yaml"
    holders = {(h["holder"], h["tier"], h["reason"], h["counted"]) for h in steps(chain, "holder")}
    assert ("fire_professional_grid", "grid", "seconded", False) in holders
    assert ("fire_safety_department", "district", "other_tier", False) in holders
    assert all(where(h)[0] == "grants.yaml" for h in steps(chain, "holder"))
    (escalation,) = steps(chain, "escalation")
    assert (escalation["path"], escalation["powers"], escalation["first"]) == (
        ["grid", "community", "street", "district"],
        ["penalty"],
        "district",
    )
    assert [(s["tier"], s["settles"]) for s in steps(chain, "level")] == [
        ("community", False),
        ("street", False),
        ("district", True),
    ]
    assert {(s["via"], s["id"]) for s in steps(chain, "settler")} >= {("unit", "fire_safety_department")}
    returns = steps(chain, "return")
    assert [(r["by"], r["to"], r["target"], r["basis"], r["lacks"]) for r in returns] == [
        ("district", "assigned_tier", "grid", "responsibility", ["penalty"]),
        ("street", "assigned_tier", "grid", "responsibility", ["penalty"]),
    ]
    assert all(where(r)[0] == "workflow.yaml" for r in returns)
    # the order of a call stack: subject, assignment, requirement, power, where it is held, escalation, returns
    order = [s["step"] for s in chain]
    assert (
        order.index("assigned")
        < order.index("requires")
        < order.index("power")
        < order.index("escalation")
        < order.index("return")
    )
    assert [s["depth"] for s in chain[:4]] == [0, 1, 1, 2]


def test_pe103_broken_road_chain(h_district):
    chain = chain_of(h_district, "PE103", "broken_road")
    assert (chain[0]["kind"], chain[0]["id"]) == ("item", "broken_road")
    (mobilises,) = steps(chain, "mobilises")
    assert (mobilises["unit"], mobilises["unit_tier"], where(mobilises)) == (
        "highway_bureau",
        "district",
        ("items.yaml", 454, 17),
    )
    (unit,) = steps(chain, "unit")
    assert (unit["id"], unit["tier"], where(unit)[0]) == ("highway_bureau", "district", "units.yaml")
    (coordination,) = steps(chain, "coordination")
    assert (coordination["tier"], coordination["scopes"], coordination["reaches"]) == ("grid", ["street"], False)
    (grant,) = steps(chain, "coordination_grant")
    assert (grant["holder"], grant["grant"], grant["scope"], grant["reach"], grant["reaches"], grant["counted"]) == (
        "grid_team",
        "grid_team_grant",
        "street",
        ["street", "community", "grid"],
        False,
        True,
    )
    assert where(grant)[0] == "grants.yaml"
    (reachers,) = steps(chain, "reachers")
    assert reachers["count"] == 0


def test_pe104_broken_road_chain(h_district):
    chain = chain_of(h_district, "PE104", "broken_road")
    (assigned,) = steps(chain, "assigned")
    assert (assigned["tier"], assigned["role"], where(assigned)) == ("grid", "report", ("items.yaml", 448, 11))
    (requires,) = steps(chain, "requires")
    assert (requires["role"], requires["powers"], requires["missing"]) == (
        "handle",
        ["administrative"],
        ["administrative"],
    )
    (escalation,) = steps(chain, "escalation")
    assert escalation["first"] == "district"
    assert [(r["by"], r["lacks"]) for r in steps(chain, "return")] == [
        ("district", ["administrative"]),
        ("street", ["administrative"]),
    ]


def test_pe102_and_pe105_chains(h_district):
    chain = chain_of(h_district, "PE102", "broken_road")
    (origin,) = steps(chain, "origin")
    assert (origin["owner"], origin["owner_tier"], origin["origin"]) == ("highway_bureau", "district", "district")
    (pushdown,) = steps(chain, "pushdown")
    assert pushdown["path"] == ["grid", "community", "street", "district"]
    (funding,) = steps(chain, "funding")
    assert (funding["declared"], funding["money_yuan_per_year"], funding["people"]) == (True, 0, 0)
    (gap,) = steps(chain, "gap")
    assert gap["measure"] == "none"

    chain = chain_of(h_district, "PE105", "grid")
    assert (chain[0]["kind"], chain[0]["id"], chain[0]["count"]) == ("tier", "grid", 1309)
    (load,) = steps(chain, "load")
    assert (load["load"], load["items"], load["stated"]) == (1010, 14, 996)
    dims = steps(chain, "dimension")
    assert [(d["dimension"], d["level"], d["top_tier"], d["top_level"]) for d in dims] == [
        (dim, 0.0, "district", 0.75) for dim in ("resources", "task_setting", "timing", "assessment")
    ]
    (authority,) = steps(chain, "authority")
    assert (authority["authority"], authority["top"], authority["ratio"], authority["threshold"]) == (
        0.0,
        0.75,
        None,
        2.0,
    )


def test_money_gap_and_dead_end_in_the_authority_example():
    result = lint_paths([ROOT / "examples/authority"], on=ON)
    chain = chain_of(result, "PE102", "elderly_home_visits")
    (gap,) = steps(chain, "gap")
    assert (gap["measure"], gap["provided"], gap["needed"], gap["gap"]) == ("money", 3000.0, 12000.0, 9000.0)
    chain = chain_of(result, "PE104", "river_pollution")
    (escalation,) = steps(chain, "escalation")
    assert escalation["first"] is None and escalation["path"] == ["grid", "street", "district"]
    assert all(not s["settles"] for s in steps(chain, "level"))
    assert not steps(chain, "return")  # a dead end: the finding is not about returns


def test_a_gap_in_millions_is_written_in_full(tmp_path):
    # regression: 1,234,567 of 12,345,678 yuan read "1.23457e+06 ... 1.23457e+07 ... short by 1.11111e+07"
    shutil.copytree(ROOT / "examples/authority", tmp_path / "p")
    items = tmp_path / "p" / "items.yaml"
    text = items.read_text(encoding="utf-8")
    text = text.replace("cost: {yuan_per_year: 12000,", "cost: {yuan_per_year: 12345678,")
    items.write_text(text.replace("money_yuan_per_year: 3000\n", "money_yuan_per_year: 1234567\n"), encoding="utf-8")
    out = run(str(tmp_path / "p"), "PE102", "elderly_home_visits", "--on", ON)
    assert "with 1234567 yuan/year for a cost of 12345678 yuan/year" in out.stdout
    assert (
        "gap: 1234567 yuan/year against 12345678 needed (cost × the coverage required, 1, PE102.min_coverage): "
        "short by 11111111" in out.stdout
    )
    assert "e+0" not in out.stdout


def test_every_h_district_finding_has_a_chain_in_both_languages(h_district):
    assert len(h_district.findings) == 41
    for finding in h_district.findings:
        chain = why.chains(h_district, finding, on=ON)
        assert (chain[0]["step"], chain[0]["kind"], chain[0]["id"]) == (
            "subject",
            finding.subject.kind,
            finding.subject.id,
        )
        for lang in ("en", "zh"):
            text = why_report.render_chain(chain, lang, indent=4)
            assert len(text.splitlines()) == len(chain)
            assert all(line.startswith("    ") for line in text.splitlines())
        json.dumps(why_report.entry(finding, chain))


def test_cli_text(h_district):
    out = run(H, "PE101", "fire_hazards_small_venues", "--on", ON)
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    fire = "item 'Fire hazards in small venues (the nine small places)'"
    assert lines[0].startswith(f"{H}/items.yaml:332:11: warning[PE101] {fire}")
    assert lines[1] == f"  {fire}; a line item  [{H}/items.yaml:325:9]"  # the name once, no id beside it
    assert f"[{H}/items.yaml:332:11]" in lines[2] and "assigned to tier 'Grid' with role 'handle'" in lines[2]
    assert any(
        "co-handler 'Fire-safety professional grid workers' holds it but covers 12 grids, more than 5" in line
        and line.startswith("        ")
        for line in lines
    )
    assert any("first tier to settle it: 'District'" in line for line in lines)


def test_cli_lang_zh():
    out = run(H, "PE101", "fire_hazards_small_venues", "--on", ON, "--lang", "zh")
    assert out.exit_code == 0, out.output
    assert "警告[PE101]" in out.output
    assert "承接层级“网格”,角色“办理”" in out.output  # names, not ids
    assert "协同处置的“消防安全专业网格员”具备该权力,但须同时负责 12 个网格" in out.output
    assert "'Grid'" not in out.output  # every label is Chinese; ids are quoted the Chinese way


def test_cli_json_shape():
    out = run(H, "pe103", "item:broken_road", "--on", ON, "--format", "json")
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert list(doc) == ["version", "findings"] and doc["version"] == why.VERSION == 1
    (entry,) = doc["findings"]
    assert list(entry) == ["finding", "chain"]
    assert entry["finding"] == {
        "code": "PE103",
        "name": "coordination-deficit",
        "severity": "warning",
        "message": entry["finding"]["message"],
        "file": f"{H}/items.yaml",
        "line": 454,
        "column": 17,
        "subject": {"kind": "item", "id": "broken_road"},
    }
    for step in entry["chain"]:
        assert list(step)[:2] == ["step", "depth"] and list(step)[-1] == "at"
        assert step["at"] is None or set(step["at"]) == {"file", "line", "column"}
    assert entry["chain"][0]["step"] == "subject"


def test_reform_and_date_as_for_lint():
    reform = "examples/reforms/information_grid.yaml"
    out = run(H, "PE101", "occupied_road_business", "--reform", reform, "--on", "2026-01-01")
    assert out.exit_code == 2 and "its findings: PE102" in out.stderr  # the reform fixes its PE101
    out = run(
        H,
        "PE204",
        "grid_admission",
        "--reform",
        "examples/reforms/admission_gate.yaml",
        "--on",
        "2026-01-01",
        "--format",
        "json",
    )
    assert out.exit_code == 0, out.output
    (entry,) = json.loads(out.output)["findings"]
    assert entry["chain"][0]["at"]["file"].endswith("admission_gate.yaml")  # the declaration the reform added


def test_several_findings_of_one_code_each_get_a_chain(tmp_path):
    root = write_policy(
        tmp_path / "p",
        {
            "policy.yaml": """
        tiers:
          - {id: district, name: {en: District}, parent: null}
          - {id: grid, name: {en: Grid}, parent: district}
        units:
          - {id: roads, name: {en: Roads}, tier: district, kind: functional_department}
          - {id: water, name: {en: Water}, tier: district, kind: functional_department}
        items:
          - id: flood
            name: {en: Flood}
            kind: routine
            tier: grid
            role: report
            mobilises: [roads, water]
        """
        },
    )
    out = run(str(root), "PE103", "flood", "--format", "json")
    assert out.exit_code == 0, out.output
    entries = json.loads(out.output)["findings"]
    assert [e["finding"]["line"] for e in entries] == sorted(e["finding"]["line"] for e in entries)
    assert [next(s["unit"] for s in e["chain"] if s["step"] == "mobilises") for e in entries] == ["roads", "water"]
    coordination = [next(s for s in e["chain"] if s["step"] == "coordination") for e in entries]
    assert all(c["grants"] == 0 for c in coordination)
    text = run(str(root), "PE103", "flood").output
    assert text.count("warning[PE103]") == 2 and "holds no coordination power" in text


@pytest.mark.parametrize(
    "args, expected",
    [
        (("PE999X", "broken_road"), "unknown check code 'PE999X'"),
        (("PE101", "broken_road"), "no PE101 finding on 'broken_road'; its findings: PE102, PE103, PE104"),
        (("PE101", "broken_raod"), "did you mean 'broken_road'?"),
        (("PE103", "tier:broken_road"), "no finding on 'tier:broken_road'"),
        (("PE101", "zzzzzzzz"), "PE101 is reported on: fire_hazards_small_venues"),
    ],
)
def test_exit_2_with_one_line(args, expected):
    out = run(H, *args, "--on", ON)
    assert out.exit_code == 2
    assert out.stdout == ""
    (line,) = out.stderr.splitlines()
    assert line.startswith("policyengine: ") and expected in line and "Traceback" not in out.output


def test_exit_2_bad_path_and_zh():
    out = run("no/such/policy", "PE101", "x")
    assert out.exit_code == 2 and len(out.stderr.splitlines()) == 1 and "Traceback" not in out.output
    out = run(H, "PE101", "broken_road", "--lang", "zh", "--on", ON)
    assert out.exit_code == 2
    assert out.stderr.strip() == "policyengine: “broken_road”没有 PE101 诊断;它的诊断:PE102、PE103、PE104"


def test_structural_errors_are_named_when_the_checks_did_not_run(tmp_path):
    root = write_policy(
        tmp_path / "p",
        {
            "policy.yaml": """
        tiers:
          - {id: grid, name: {en: Grid}, parent: nowhere}
        """
        },
    )
    out = run(str(root), "PE101", "x")
    assert out.exit_code == 2 and "structural errors (PE004) stopped the semantic checks" in out.stderr
    out = run(str(root), "PE004", "grid", "--format", "json")
    assert out.exit_code == 0, out.output
    (entry,) = json.loads(out.output)["findings"]
    assert entry["chain"][0] == {**entry["chain"][0], "step": "subject", "kind": "tier", "id": "grid"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(policy=policies())
def test_every_finding_of_a_generated_policy_has_a_chain(tmp_path_factory, policy):
    base = tmp_path_factory.getbasetemp()
    with tempfile.TemporaryDirectory(dir=base) as root:
        dump(policy, root)
        result = lint_paths([root], on=ON)
        explainer = why.explainer(result, ON)
        for finding in result.findings:
            chain = explainer.chain(finding)
            first = chain[0]
            assert (first["step"], first["kind"], first["id"]) == ("subject", finding.subject.kind, finding.subject.id)
            if finding.code in why.FULL_CODES:  # asked again, the check makes the same finding: a full chain
                assert explainer.violation(finding) is not None and len(chain) > 2
            why_report.render_text([(finding, chain)], "zh")
            why_report.render_json([(finding, chain)])
            assert why.select(result, finding.code, f"{finding.subject.kind}:{finding.subject.id}")


def test_pe201_traces_the_admission_decision_criterion_by_criterion(monkeypatch):
    monkeypatch.chdir(ROOT)
    example = "examples/admission/inadmissible_item"
    result = CliRunner().invoke(main, ["why", example, "PE201", "occupied_road_clearance"])
    assert result.exit_code == 0, result.output
    path = f"{example}/policy.yaml"
    assert result.output.splitlines()[3:] == [
        f"    on list 'Grid line list'  [{path}:58:36]",
        "    admission procedure 'grid_admission' (tier 'Grid', lists: every list of the tier) is in force and "
        f"governs the item  [{path}:61:9]",
        "      rule 'grid_admission.criteria[0]': rejects: line items enter the grid for information collection "
        f"only  [{path}:71:9]",
    ]
    doc = json.loads(
        CliRunner().invoke(main, ["why", example, "PE201", "occupied_road_clearance", "--format", "json"]).output
    )
    criterion = doc["findings"][0]["chain"][-1]
    assert (criterion["step"], criterion["outcome"], criterion["rule"]) == (
        "criterion",
        "reject",
        "grid_admission.criteria[0]",
    )
