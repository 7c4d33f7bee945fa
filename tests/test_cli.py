"""The command line as a user drives it: exit codes, formats, languages, options."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyengine.checks import CATALOGUE as CODES
from policyengine.cli import main

from .util import write_policy

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")

CLEAN = {
    "p.yaml": """
    tiers:
      - {id: district, name: {en: District}}
      - {id: grid, name: {en: Grid}, parent: district}
    """
}
ONE_WARNING = {
    "p.yaml": """
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
        kind: routine
        tier: grid
        role: handle
        requires: {handle: [penalty]}
    """
}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_clean_policy_exits_0(tmp_path):
    result = run("lint", str(write_policy(tmp_path, CLEAN)))
    assert result.exit_code == 0, result.output
    assert result.output == "No findings in 1 file(s).\n"


def test_text_output_is_compiler_style_with_caret(tmp_path):
    root = write_policy(tmp_path, ONE_WARNING)
    result = run("lint", str(root))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        f"{root / 'p.yaml'}:15:11: warning[PE101] item 'Patrol': tier 'Grid' must handle it but "
        "lacks the power 'penalty' [responsibility-without-authority]"
    )
    assert lines[1] == "    15 |     role: handle"
    assert lines[2] == "       |           ^"
    assert lines[-1] == "1 finding(s): 0 error(s), 1 warning(s), 0 info in 1 file(s)"


def test_fail_level_error_lets_warnings_pass(tmp_path):
    assert run("lint", str(write_policy(tmp_path, ONE_WARNING)), "--fail-level", "error").exit_code == 0


def test_json_output_shape(tmp_path):
    root = write_policy(tmp_path, ONE_WARNING)
    result = run("lint", str(root), "--format", "json")
    data = json.loads(result.output)
    assert data == {
        "version": 1,
        "findings": [
            {
                "code": "PE101",
                "name": "responsibility-without-authority",
                "severity": "warning",
                "message": "item 'Patrol': tier 'Grid' must handle it but lacks the power 'penalty'",
                "file": str(root / "p.yaml"),
                "line": 15,
                "column": 11,
                "subject": {"kind": "item", "id": "patrol"},
            }
        ],
        "summary": {"error": 0, "warning": 1, "info": 0, "files": 1, "suppressed": 0, "baselined": 0},
    }


def test_chinese_messages(tmp_path):
    result = run("lint", str(write_policy(tmp_path, ONE_WARNING)), "--lang", "zh")
    assert "警告[PE101] 事项“patrol”:“grid”须办理该事项,却不具备“处罚权”" in result.output
    assert result.output.splitlines()[-1] == "共 1 条诊断:错误 0 条,警告 1 条,提示 0 条,涉及 1 个文件"


def test_select_and_ignore(tmp_path):
    root = str(write_policy(tmp_path, ONE_WARNING))
    assert run("lint", root, "--ignore", "PE101").exit_code == 0
    assert run("lint", root, "--select", "PE3").exit_code == 0
    assert run("lint", root, "--select", "PE1,PE3").exit_code == 1


def test_unknown_code_is_a_usage_error(tmp_path):
    result = run("lint", str(write_policy(tmp_path, CLEAN)), "--select", "PE899")
    assert result.exit_code == 2
    assert "unknown check code 'PE899'" in result.output


def test_unreadable_input_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: \xff\n")
    result = run("lint", str(path))
    assert result.exit_code == 2
    assert result.output == f"policyengine: {path}:1:4: not UTF-8 (byte 0xff); policy files must be UTF-8\n"
    zh = run("lint", str(path), "--lang", "zh")
    assert zh.exit_code == 2 and "不是 UTF-8 编码" in zh.output


def test_missing_path_exit_2(tmp_path):
    result = run("lint", str(tmp_path / "nothing"))
    assert result.exit_code == 2 and "no such file or directory" in result.output


def test_bad_option_value_exit_2(tmp_path):
    assert run("lint", str(tmp_path), "--format", "xml").exit_code == 2
    assert run("lint").exit_code == 2


def test_config_file_thresholds_and_errors(tmp_path):
    root = write_policy(tmp_path / "p", ONE_WARNING)
    good = tmp_path / "policyengine.toml"
    good.write_text('[severity]\nPE101 = "info"\n')
    result = run("lint", str(root), "--config", str(good), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["findings"][0]["severity"] == "info"
    bad = tmp_path / "bad.toml"
    bad.write_text("[thresholds.PE101]\nmax_cohandler = 3\n")
    result = run("lint", str(root), "--config", str(bad))
    assert result.exit_code == 2 and "PE101 has no threshold 'max_cohandler'" in result.output
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("selct = ['PE1']\n")
    result = run("lint", str(root), "--config", str(unknown))
    assert result.exit_code == 2 and "unknown key 'selct'" in result.output


def test_pyproject_tool_section(tmp_path):
    root = write_policy(tmp_path / "p", ONE_WARNING)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n[tool.policyengine]\nignore = ["PE101"]\n')
    assert run("lint", str(root), "--config", str(pyproject)).exit_code == 0


def test_h_district_lints_with_the_case_defects():
    result = run("lint", H, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["summary"] == {"error": 0, "warning": 36, "info": 5, "files": 12, "suppressed": 0, "baselined": 0}


def test_bundled_prefix_names_the_shipped_policy():
    direct = json.loads(run("lint", H, "--format", "json").output)
    bundled = json.loads(run("lint", "bundled:h_district", "--format", "json").output)
    assert [f["code"] for f in bundled["findings"]] == [f["code"] for f in direct["findings"]]
    assert run("lint", "bundled:nowhere").exit_code == 2
    listing = run("bundled").output
    assert listing.startswith("bundled:h_district\t")


@pytest.mark.parametrize("code", sorted(CODES))
def test_explain_every_code(code):
    result = run("explain", code.lower())
    assert result.exit_code == 0
    assert result.output.startswith(f"# {code} {CODES[code].name}")


def test_explain_unknown_code_and_listing():
    assert run("explain", "PE899").exit_code == 2
    # what was typed is shown on one line, its control characters as escapes, in either language
    for lang, said in (
        ("en", "unknown check code 'PE\\n::ERROR::X\\x1b[31M'; `policyengine explain` lists them"),
        ("zh", "未知的检查代码“PE\\n::ERROR::X\\x1b[31M”;运行 `policyengine explain` 查看全部"),
    ):
        result = run("explain", "PE\n::error::x\x1b[31m", "--lang", lang)
        assert (result.exit_code, result.stderr) == (2, f"policyengine: {said}\n")
    listing = run("explain").output.splitlines()
    assert len(listing) == len(CODES) and listing[0].startswith("PE001  error")


def test_the_list_of_codes_in_chinese_gives_the_severities_in_chinese():
    listing = run("explain", "--lang", "zh").output.splitlines()
    assert listing[0] == "PE001  错误     yaml-syntax — YAML 语法错误"
    assert {line.split()[1] for line in listing} == {"错误", "警告", "提示"}


def test_schema_command_prints_the_published_schema():
    result = run("schema")
    assert json.loads(result.output) == json.loads((ROOT / "schemas" / "policy.schema.json").read_text())


def test_graph_json_is_deterministic_and_complete():
    first, second = run("graph", H, "--format", "json"), run("graph", H, "--format", "json")
    assert first.exit_code == 0 and first.output == second.output
    data = json.loads(first.output)
    ids = {n["id"] for n in data["nodes"]}
    assert {"tier:grid", "unit:highway_bureau", "item:broken_road", "power:penalty"} <= ids
    assert {"source": "item:broken_road", "target": "unit:highway_bureau", "kind": "mobilises"} in data["edges"]
    assert {"source": "unit:grid_team", "target": "tier:grid", "kind": "located_at"} in data["edges"]


def test_graph_graphml_parses_and_dot_has_edges(tmp_path):
    out = tmp_path / "g.graphml"
    assert run("graph", H, "--format", "graphml", "-o", str(out)).exit_code == 0
    tree = ET.parse(out)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(tree.findall(".//g:node", ns)) > 40
    dot = run("graph", H, "--format", "dot").output
    assert dot.startswith("digraph policy {") and '"item:broken_road" -> "unit:highway_bureau"' in dot


def test_graph_refuses_a_structurally_broken_policy(tmp_path):
    root = write_policy(tmp_path, {"p.yaml": "tiers:\n  - {id: a, name: {en: A}, parent: b}\n"})
    result = run("graph", str(root))
    assert result.exit_code == 1 and "PE004" in result.output


def test_the_readme_tour_shows_what_lint_prints():
    """The README's tour of `policyengine lint policies/h_district`: every finding line it shows is in
    the output, and its summary line is the output's."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ policyengine lint policies/h_district\n", 1)[1].split("```", 1)[0].splitlines()
    result = CliRunner().invoke(main, ["lint", str(ROOT / "policies" / "h_district"), "--no-color"])
    lines = [line.replace(str(ROOT) + "/", "") for line in result.output.splitlines()]
    shown = [line for line in block if line.startswith("policies/")]
    assert shown and all(line in lines for line in shown), [line for line in shown if line not in lines]
    assert block[-1] == lines[-1]
