"""`lint --format auto` and `lint --explain`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from policyengine.cli import main

from .test_cli import H


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_auto_is_github_inside_github_actions_and_text_elsewhere():
    inside = run("lint", H, "--select", "PE103", env={"GITHUB_ACTIONS": "true"})
    first = inside.output.splitlines()[0]
    assert inside.exit_code == 1
    assert first.startswith("::warning file=") and ",line=454,col=17," in first
    assert "title=PE103 coordination-deficit::" in first
    outside = run("lint", H, "--select", "PE103", env={"GITHUB_ACTIONS": ""})
    assert outside.output.splitlines()[0].endswith("[coordination-deficit]")
    assert outside.output.splitlines()[1] == "   454 |     mobilises: [highway_bureau]"
    forced = run("lint", H, "--select", "PE103", "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert forced.output == outside.output


def test_explain_prints_the_chain_under_each_finding():
    result = run("lint", H, "--select", "PE103", "--explain", env={"GITHUB_ACTIONS": ""})
    lines = result.output.splitlines()
    assert result.exit_code == 1
    assert lines[1:3] == ["   454 |     mobilises: [highway_bureau]", "       |                 ^"]
    assert lines[3].startswith("    item 'Broken road (LCP community)'; a line item  [")  # by its name, once
    assert any("unit 'Grid team' holds the coordination power, scope 'Town / street'" in x for x in lines)
    assert lines[-1] == "1 finding(s): 0 error(s), 1 warning(s), 0 info in 12 file(s)"
    # the same chain as `why` prints
    why = run("why", H, "PE103", "broken_road")
    assert [x.strip() for x in why.output.splitlines()[1:]] == [x.strip() for x in lines[3:-1]]


def test_explain_in_json_adds_the_chain_of_each_finding():
    doc = json.loads(run("lint", H, "--explain", "--format", "json").output)
    assert len(doc["findings"]) == 41
    assert all(f["chain"] and f["chain"][0]["depth"] == 0 for f in doc["findings"])
    plain = json.loads(run("lint", H, "--format", "json").output)
    assert [{k: v for k, v in f.items() if k != "chain"} for f in doc["findings"]] == plain["findings"]


def test_explain_with_other_formats_is_a_usage_error():
    result = run("lint", H, "--explain", "--format", "sarif")
    assert result.exit_code == 2
    assert result.output == "policyengine: --explain works with --format text or json, not sarif\n"


def test_explain_inside_github_actions_prints_text_with_the_chain():
    result = run("lint", H, "--select", "PE103", "--explain", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.output.splitlines()[3].startswith("    item 'Broken road (LCP community)'; a line item")


def test_why_explains_a_declaration_the_schema_refused():
    example = str(Path(H).parent.parent / "examples" / "structure" / "schema_violation")
    result = run("why", example, "PE002", "item:dispute_mediation")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == f"  item 'dispute_mediation'  [{example}/policy.yaml:18:5]"
    zh = run("why", example, "PE002", "item:dispute_mediation", "--lang", "zh")
    assert zh.exit_code == 0 and zh.output.splitlines()[1].endswith(f"[{example}/policy.yaml:18:5]")
    assert run("lint", example, "--explain").exit_code == 1
