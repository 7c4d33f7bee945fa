"""The simulated figures the docs print are what `simulate` gives: the comparison of the reforms in
docs/simulation.md and examples/reforms/README.md, and the calibration lines, recomputed (26 months,
20 runs, seed 2024, grants judged on 2020-01-01) and compared cell by cell at the precision printed."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from policyengine.simulate import simulate

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
REFORMS = {
    "admission_gate": "(a) `admission_gate`",
    "paper_remedy": "(d) `paper_remedy`",
    "information_grid": "(b) `information_grid`",
    "specialised_platform": "(c) `specialised_platform`",
}


@cache
def result() -> dict:
    reforms = [str(ROOT / "examples" / "reforms" / f"{name}.yaml") for name in REFORMS]
    return simulate([H], reforms, months=26, runs=20, seed=2024, on="2020-01-01", workers=2)


def number(cell: str) -> float:
    return float(re.sub(r"[^0-9.\-]", "", cell.split("(")[0].replace(",", "").strip("*")))


def agrees(printed: str, value: float) -> bool:
    """The printed number is `value` at the precision it is printed with."""
    text = printed.split("(")[0].strip().strip("*").replace(",", "")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return abs(round(value, decimals) - float(text)) < 10 ** (-decimals) / 2 + 1e-12


def table(text: str, header: str) -> list[list[str]]:
    lines = text.split(header, 1)[1].splitlines()
    rows = []
    for line in lines[1:]:
        if not line.startswith("|"):
            break
        if not line.startswith("|---"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


def test_the_reforms_table_of_the_simulation_guide():
    text = (ROOT / "docs" / "simulation.md").read_text(encoding="utf-8")
    header = "| metric | baseline | (a) `admission_gate` (上收) | (d) `paper_remedy` (权随责走、费随事转) | (b) `information_grid` | (c) `specialised_platform` |"
    order = ["baseline", "admission_gate", "paper_remedy", "information_grid", "specialised_platform"]
    rows = table(text, header)
    assert len(rows) == 9
    for row in rows:
        metric = row[0].strip("`").split("`")[0]
        for scenario, cell in zip(order, row[1:], strict=True):
            value = result()["scenarios"][scenario]["metrics"][metric]["mean"]
            assert agrees(cell, value), (metric, scenario, cell, value)


def test_the_reforms_readme_table():
    text = (ROOT / "examples" / "reforms" / "README.md").read_text(encoding="utf-8")
    header = "| scenario | `true_resolution_rate` | `fabricated_share` | `suspension_gap` | `dead_end_share` | district workload (`district_hours_per_month`) |"
    metrics = [
        "true_resolution_rate",
        "fabricated_share",
        "suspension_gap",
        "dead_end_share",
        "district_hours_per_month",
    ]
    rows = table(text, header)
    assert [r[0] for r in rows] == ["baseline", "(a) `admission_gate`", "(d) `paper_remedy`"]
    for row in rows:
        scenario = "baseline" if row[0] == "baseline" else row[0].split("`")[1]
        for metric, cell in zip(metrics, row[1:], strict=True):
            assert agrees(cell, result()["scenarios"][scenario]["metrics"][metric]["mean"]), (scenario, metric, cell)


@pytest.mark.parametrize("path", ["docs/simulation.md"])
def test_the_calibration_lines(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    for c in result()["calibration"]:
        line = next(line for line in text.splitlines() if line.strip().startswith(f"{c['figure']}"))
        assert f"simulated {c['simulated']:.4f}".rstrip("0").rstrip(".") in line or (
            f"simulated {c['simulated']:.1f}" in line
        ), line
        assert ("within" in line) == c["within"] and ("MISSED" in line) == (not c["within"])
