"""Within-month timing (month-end bunching of fabricated reports, reproducible day draws), the
monthly series, and `simulate --plot DIR` (the figures when matplotlib is installed, a one-line
error with exit 2 when it is not)."""

from __future__ import annotations

import builtins
import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from policyengine.cli import main
from policyengine.simulate import plots, simulate
from policyengine.simulate.engine import FABRICATED, GENUINE, MAX_DAYS, C, run
from policyengine.simulate.metrics import LAST_DAYS, METRICS, run_metrics, summarise_series
from policyengine.simulate.runs import load_policy
from policyengine.simulate.world import build_world

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
GATE = str(ROOT / "examples" / "reforms" / "admission_gate.yaml")
ON = "2020-01-01"
SMALL = ["--months", "2", "--runs", "2", "--seed", "3", "--on", ON]


@cache
def world(reform: str | None = None, grids: int = 200):
    return build_world(load_policy([H], ON, reform), ON, {"grids": grids})


def streams(seed: int):
    arrivals, behaviour = np.random.SeedSequence(seed).spawn(2)
    return np.random.default_rng(arrivals), np.random.default_rng(behaviour)


def last_days_share(days: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Share of genuine and of fabricated reports made in the last LAST_DAYS days of their month."""
    last = np.arange(MAX_DAYS)[None, :] >= lengths[:, None] - LAST_DAYS
    return (days * last[:, None, :]).sum(axis=(0, 2)) / days.sum(axis=(0, 2))


def test_fabricated_reports_bunch_at_month_end_genuine_ones_do_not():
    tally = run(world(), 6, *streams(1), keep=True)
    genuine, fabricated = last_days_share(tally.days, tally.month_length)
    assert tally.total("fabricated") > 0
    assert fabricated > 0.9 and 0.12 < genuine < 0.21 and fabricated > 4 * genuine
    # genuine reports spread over the whole month; the histogram counts every report once
    assert (tally.days[:, GENUINE, :28] > 0).all()
    assert tally.days[:, FABRICATED].sum() == tally.total("fabricated")
    assert tally.days.sum() == tally.total("reports")
    for m, record in enumerate(tally.records):
        # the busiest fabricator's f reports fall in the month's last ceil(f / 4) days, and none earlier
        first = record.month_length - int(np.ceil(record.fabricated.max() / 4))
        assert not tally.days[m, FABRICATED, :first].any() and not tally.days[m, :, record.month_length :].any()


def test_day_draws_are_reproducible_and_leave_the_metrics_alone():
    a, b = run(world(), 3, *streams(7)), run(world(), 3, *streams(7))
    assert (a.days == b.days).all() and (a.counts == b.counts).all()
    assert not (run(world(), 3, *streams(8)).days == a.days).all()
    # the days come from side streams: drawing them or not changes no count (a run whose day draws come
    # from other children counts the same)
    from policyengine.simulate import engine

    real = engine.fabricated_days
    try:
        engine.fabricated_days = lambda n, d, clock: real(n, d, np.random.default_rng(99))
        other = run(world(), 3, *streams(7))
    finally:
        engine.fabricated_days = real
    assert (other.counts == a.counts).all() and not (other.days == a.days).all()


def test_monthly_series_add_up_to_the_run():
    tally = run(world(), 4, *streams(2))
    metrics = run_metrics(tally, world())
    series = metrics.series
    assert set(metrics) == set(METRICS)  # the series ride along as an attribute, not a metric
    assert all(len(series["metrics"][m]) == 4 for m in METRICS)
    assert sum(series["day_of_month"]["fabricated"]) == tally.total("fabricated")
    assert series["metrics"]["returns_per_month"] == [float(x) for x in tally.counts[:, C["returns"]]]
    summary = summarise_series([metrics, run_metrics(run(world(), 4, *streams(3)), world())])
    band = summary["metrics"]["fabricated_share"]
    assert summary["months"] == [1, 2, 3, 4] and all(
        lo <= m <= hi for lo, m, hi in zip(band["low"], band["mean"], band["high"], strict=True)
    )
    assert summary["day_of_month"]["days"] == list(range(1, 32)) and summary["last_days"]["days"] == LAST_DAYS
    assert summarise_series([metrics, dict(metrics)]) is None  # a run without series (read back from a store)


def test_series_are_the_same_bytes_whatever_the_workers():
    kw = {"months": 3, "runs": 3, "seed": 11, "on": ON, "overrides": {"grids": 60}, "series": True}
    one = simulate([H], [GATE], workers=1, **kw)
    assert json.dumps(one) == json.dumps(simulate([H], [GATE], workers=2, **kw))
    assert set(one["scenarios"]["admission_gate"]) == {"metrics", "series", "streets"}
    assert json.dumps(simulate([H], [GATE], **{**kw, "series": False})["scenarios"]) == json.dumps(
        {name: {"metrics": s["metrics"], "streets": s["streets"]} for name, s in one["scenarios"].items()}
    )


def test_plot_writes_the_figures_and_the_series(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "plots"
    result = CliRunner().invoke(main, ["simulate", H, "--reform", GATE, *SMALL, "--format", "json", "--plot", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["scenarios"]["baseline"]) == {"metrics", "series", "streets"}
    assert sorted(p.name for p in out.iterdir()) == [
        "days.csv",
        "days.png",
        "metrics.png",
        "monthly.csv",
        "monthly.png",
    ]
    for name in ("days.png", "metrics.png", "monthly.png"):
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and (out / name).stat().st_size > 10_000
    assert (out / "days.csv").read_text().splitlines()[0] == "scenario,reports,day,mean,low,high"
    # the same result draws the same bytes
    again = plots.write_plots(data, tmp_path / "again")
    assert [p.read_bytes() for p in again if p.suffix == ".png"] == [
        (out / p.name).read_bytes() for p in again if p.suffix == ".png"
    ]


def test_without_plot_the_json_keeps_its_shape():
    result = CliRunner().invoke(main, ["simulate", H, *SMALL, "--format", "json"])
    assert result.exit_code == 0 and set(json.loads(result.output)["scenarios"]["baseline"]) == {"metrics", "streets"}


def test_plot_without_matplotlib_is_one_line_and_exit_2(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    for lang, words in (
        ("en", "--plot needs matplotlib: pip install 'matplotlib>=3.7' (the extra 'plot')"),
        ("zh", "--plot 需要 matplotlib"),
    ):
        result = CliRunner().invoke(main, ["simulate", H, *SMALL, "--plot", str(tmp_path / "p"), "--lang", lang])
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and words in lines[0]
    assert not (tmp_path / "p").exists()
