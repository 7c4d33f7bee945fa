"""`policyengine simulate`: formats, --out, one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from policyengine.cli import main

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
GATE = str(ROOT / "examples" / "reforms" / "admission_gate.yaml")
SMALL = ["--months", "2", "--runs", "2", "--seed", "3", "--on", "2020-01-01"]


def invoke(*args):
    return CliRunner().invoke(main, ["simulate", *args])


def test_json_has_the_issue_shape_and_no_progress_when_piped():
    result = invoke(H, "--reform", GATE, *SMALL, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"version", "seed", "months", "runs", "params", "scenarios", "calibration"} <= set(data)
    assert data["version"] == 1 and data["seed"] == 3 and data["months"] == 2 and data["runs"] == 2
    m = data["scenarios"]["admission_gate"]["metrics"]["fabricated_share"]
    assert set(m) == {"mean", "low", "high"} and m["low"] <= m["mean"] <= m["high"]
    assert all({"figure", "case_value", "simulated", "within"} <= set(c) for c in data["calibration"])


def test_text_csv_and_out(tmp_path):
    text = invoke(H, *SMALL)
    assert text.exit_code == 0 and "true_resolution_rate" in text.output and "calibration" in text.output
    zh = invoke(H, *SMALL, "--lang", "zh")
    assert "真实解决率" in zh.output and "校准" in zh.output
    csv = invoke(H, *SMALL, "--format", "csv", "--out", str(tmp_path / "out"))
    assert csv.output.splitlines()[0] == "scenario,metric,mean,low,high" and len(csv.output.splitlines()) == 13
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"simulation.json", "metrics.csv", "calibration.csv", "runs"}


def test_bad_input_is_one_located_line_and_exit_2(tmp_path):
    bad = tmp_path / "p.yaml"
    bad.write_text("policy: {id: x}\nsimulation:\n  parameters:\n    detection: 1\n", encoding="utf-8")
    result = invoke(str(bad), *SMALL)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"{bad}:4:5:" in lines[0] and "PE002" in lines[0]
    missing = invoke(str(ROOT / "examples" / "authority"), *SMALL)
    assert missing.exit_code == 2 and "simulation: problems:" in missing.output
    assert invoke(H, "--months", "0").exit_code == 2
    assert invoke().exit_code == 2


def test_sweep_runs_every_point_and_rejects_unknown_names(tmp_path):
    result = invoke(H, *SMALL, "--sweep", "collusion_tolerance=0:1:3", "--format", "json")
    assert result.exit_code == 0, result.output
    sweep = json.loads(result.output)["sweep"]
    assert sweep["parameters"] == ["collusion_tolerance"]
    assert [p["values"] for p in sweep["points"]] == [{"collusion_tolerance": v} for v in (0.0, 0.5, 1.0)]
    csv = invoke(H, *SMALL, "--sweep", "collusion_tolerance=0:1:2", "--format", "csv")
    assert csv.output.splitlines()[0] == "collusion_tolerance,scenario,metric,mean,low,high"
    assert len(csv.output.splitlines()) == 1 + 2 * 12
    bad = invoke(H, *SMALL, "--sweep", "colusion_tolerance=0:1:2")
    assert bad.exit_code == 2 and "did you mean 'collusion_tolerance'" in bad.output
    assert invoke(H, *SMALL, "--sweep", "collusion_tolerance=0:2:2").exit_code == 2
    assert invoke(H, *SMALL, "--sweep", "collusion_tolerance=0:1").exit_code == 2
