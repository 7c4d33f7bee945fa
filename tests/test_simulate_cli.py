"""`policyengine simulate`: formats, --out, one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyengine.cli import main
from policyengine.simulate.metrics import METRICS

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
    assert csv.output.splitlines()[0] == "scenario,metric,mean,low,high" and len(csv.output.splitlines()) == 1 + len(
        METRICS
    )
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "simulation.json",
        "metrics.csv",
        "calibration.csv",
        "runs",
    }


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
    assert len(csv.output.splitlines()) == 1 + 2 * len(METRICS)
    bad = invoke(H, *SMALL, "--sweep", "colusion_tolerance=0:1:2")
    assert bad.exit_code == 2 and "did you mean 'collusion_tolerance'" in bad.output
    assert invoke(H, *SMALL, "--sweep", "collusion_tolerance=0:2:2").exit_code == 2
    assert invoke(H, *SMALL, "--sweep", "collusion_tolerance=0:1").exit_code == 2


def one_line(result, code=2):
    assert result.exit_code == code, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


def test_a_reform_over_several_paths_is_refused_before_any_run(tmp_path):
    for extra, lang, words in (
        ([], "en", "--reform takes one baseline PATH (a directory or a file), not 2"),
        (["--reform-parts", "ops"], "zh", "--reform 只接受一个基线 PATH(目录或文件),而不是 2 个"),
    ):
        result = invoke(
            H,
            str(Path(H) / "simulation.yaml"),
            "--reform",
            GATE,
            *extra,
            *SMALL,
            "--out",
            str(tmp_path / "o"),
            "--lang",
            lang,
        )
        assert words in one_line(result)
    assert not (tmp_path / "o").exists()
    from policyengine.errors import InputError
    from policyengine.simulate.parts import load_part

    with pytest.raises(InputError, match="one baseline PATH"):
        load_part([H, H], "2020-01-01", GATE, 1)


def test_sweep_values_that_are_not_numbers_or_named_twice_are_refused():
    for spec in ("collusion_tolerance=nan:1:2", "collusion_tolerance=0:inf:2", "collusion_tolerance=-inf:0:2"):
        assert "must be finite numbers (not nan or inf)" in one_line(invoke(H, *SMALL, "--sweep", spec))
    assert "须为有限数" in one_line(invoke(H, *SMALL, "--sweep", "collusion_tolerance=nan:1:2", "--lang", "zh"))
    twice = invoke(H, *SMALL, "--sweep", "collusion_tolerance=0:1:2", "--sweep", "collusion_tolerance=0:0.5:2")
    assert "collusion_tolerance is named twice" in one_line(twice)
    assert "出现了两次" in one_line(
        invoke(H, *SMALL, "--sweep", "audit_probability=0:1:2", "--sweep", "audit_probability=0:1:3", "--lang", "zh")
    )


def test_sweep_ranges_say_only_the_bounds_there_are():
    en = one_line(invoke(H, *SMALL, "--sweep", "grids=0:10:2"))
    assert "grids must be in [1, 10000000]" in en and "None" not in en
    zh = one_line(invoke(H, *SMALL, "--sweep", "grids=0:10:2", "--lang", "zh"))
    assert "grids 须在 [1, 10000000] 之内" in zh and "None" not in zh
    both = one_line(invoke(H, *SMALL, "--sweep", "collusion_tolerance=0:2:2"))
    assert "collusion_tolerance must be in [0, 1]" in both


def test_a_simulation_too_large_is_refused_before_running():
    from policyengine.simulate import runs

    cases = [
        (["--months", "1000000000"], "at most 1200"),
        (["--months", "1200", "--runs", "100000"], "problems in all runs (the limit is 1e+11)"),
        (["--runs", "1000000000"], "runs (scenarios x sweep points x --runs; the limit is 1,000,000)"),
        (["--sweep", "collusion_tolerance=0:1:100000000"], "the limit is 1,000,000"),
        (["--sweep", "grids=1:1e7:2"], "problems in one month of one run (the limit is 2e+07)"),
    ]
    for args, words in cases:
        result = invoke(H, "--on", "2020-01-01", *args)
        assert words in one_line(result), args
    zh = invoke(H, "--on", "2020-01-01", "--months", "1200", "--runs", "100000", "--lang", "zh")
    assert "规模过大" in one_line(zh)
    assert runs.MAX_PROBLEMS == 100_000_000_000 and runs.MAX_MONTH_PROBLEMS == 20_000_000  # docs/simulation.md


def test_running_out_of_memory_is_one_line(monkeypatch):
    from policyengine.simulate import runs

    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(runs, "execute", no_memory)
    assert "out of memory while simulating" in one_line(invoke(H, *SMALL))
    assert "内存不足" in one_line(invoke(H, *SMALL, "--lang", "zh"))


def test_one_run_is_refused_an_interval_needs_several():
    assert "--runs must be at least 2" in one_line(invoke(H, "--months", "1", "--runs", "1"))
    assert "--runs 须至少为 2" in one_line(invoke(H, "--months", "1", "--runs", "1", "--lang", "zh"))


def test_an_unwritable_plot_or_out_directory_is_refused_before_the_runs(tmp_path, monkeypatch):
    from policyengine.simulate import plots, runs

    monkeypatch.setattr(plots, "require", lambda: None)
    ran = []
    monkeypatch.setattr(runs, "execute", lambda *a, **k: ran.append(1))
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for option in ("--plot", "--out"):
        result = invoke(H, *SMALL, option, str(blocker / "sub"))
        assert f"{option} {blocker / 'sub'}: {blocker} is a file, not a directory" in one_line(result)
        zh = invoke(H, *SMALL, option, str(blocker / "sub" / "deeper"), "--lang", "zh")
        assert "是文件,不是目录" in one_line(zh)
    assert ran == [] and not (blocker.parent / "sub").exists()


def test_write_errors_are_framed_in_both_languages():
    import errno

    from policyengine.clikit import cannot_write as _cannot_write

    denied = _cannot_write("d", PermissionError(errno.EACCES, "Permission denied"))
    assert (
        denied.render("en") == "cannot write to d (permission denied)" and denied.render("zh") == "无法写入 d(权限不足)"
    )
    other = _cannot_write("d", OSError(errno.EIO, "Input/output error"))
    assert other.render("zh") == "无法写入 d(系统信息:Input/output error)"


def test_load_policy_errors_are_in_the_language_asked(tmp_path):
    bad = tmp_path / "p.yaml"
    bad.write_text("policy: {id: x}\nsimulation:\n  parameters:\n    detection: 1\n", encoding="utf-8")
    en, zh = invoke(str(bad), *SMALL), invoke(str(bad), *SMALL, "--lang", "zh")
    assert "PE002" in one_line(en) and "PE002" in one_line(zh)
    assert en.stderr != zh.stderr and any("\u4e00" <= c <= "\u9fff" for c in zh.stderr)
