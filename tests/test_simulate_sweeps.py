"""Sweeps and runs at scale: a Dask cluster (`--scheduler`), records stored as they finish and a
resumed sweep that computes only what is missing, Parquet, and the parts of a reform."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyengine.cli import main
from policyengine.simulate import simulate
from policyengine.simulate.metrics import METRICS
from policyengine.simulate.runs import parse_sweep
from policyengine.simulate.store import StoreWarning

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
GATE = str(ROOT / "examples" / "reforms" / "admission_gate.yaml")
ON = "2020-01-01"
SMALL = {"months": 2, "runs": 3, "seed": 5, "on": ON, "overrides": {"grids": 40}}
SWEEP = [parse_sweep("collusion_tolerance=0:1:3")]


def invoke(*args):
    return CliRunner().invoke(main, ["simulate", *args])


def test_dask_cluster_gives_the_bytes_of_the_local_run():
    distributed = pytest.importorskip("distributed", reason="dask is an optional extra: pip install '.[dask]'")
    local = simulate([H], [GATE], sweeps=SWEEP, **SMALL)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        remote = simulate([H], [GATE], sweeps=SWEEP, scheduler=cluster.scheduler_address, **SMALL)
        cli = invoke(
            H,
            "--reform",
            GATE,
            "--months",
            "2",
            "--runs",
            "2",
            "--seed",
            "5",
            "--on",
            ON,
            "--scheduler",
            cluster.scheduler_address,
            "--format",
            "json",
        )
    assert json.dumps(remote) == json.dumps(local)
    plain = invoke(H, "--reform", GATE, "--months", "2", "--runs", "2", "--seed", "5", "--on", ON, "--format", "json")
    assert cli.exit_code == 0, cli.output + cli.stderr
    assert cli.stdout == plain.stdout


def test_scheduler_errors_are_one_line_and_exit_2(monkeypatch):
    pytest.importorskip("distributed", reason="dask is an optional extra: pip install '.[dask]'")
    from policyengine.simulate import scheduler

    monkeypatch.setattr(scheduler, "CONNECT_TIMEOUT", 1.0)
    both = invoke(H, "--months", "1", "--runs", "2", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1")
    assert both.exit_code == 2 and "exclude each other" in both.stderr
    unreachable = invoke(
        H, "--months", "1", "--runs", "2", "--on", ON, "--scheduler", "tcp://127.0.0.1:1", "--lang", "zh"
    )
    assert unreachable.exit_code == 2 and len(unreachable.stderr.strip().splitlines()) == 1
    assert "Dask" in unreachable.stderr and ("无法连接" in unreachable.stderr or "需要 Dask" in unreachable.stderr)


def test_a_scheduler_address_that_is_not_one_is_refused_before_any_client(monkeypatch):
    made = []
    try:
        import distributed

        monkeypatch.setattr(distributed, "Client", lambda *a, **k: made.append(a))
    except ImportError:
        pass
    for address, lang, words in (
        ("foo", "en", "expected a scheduler address such as tcp://HOST:PORT"),
        ("", "en", "expected a scheduler address"),
        ("  ", "zh", "应为调度器地址"),
        ("tcp://host:port", "en", "expected a scheduler address"),
        ("tcp://host:70000", "en", "expected a scheduler address"),
        ("xyz://host:1", "zh", "未知协议“xyz”"),
    ):
        result = invoke(H, "--months", "1", "--runs", "2", "--on", ON, "--scheduler", address, "--lang", lang)
        assert result.exit_code == 2, (address, result.stderr)
        assert result.stderr.count("\n") == 1 and words in result.stderr, (address, result.stderr)
        assert "Traceback" not in result.stderr
    assert made == []
    from policyengine.simulate.backends import check_address

    for good in ("tcp://127.0.0.1:8786", "127.0.0.1:8786", "tls://[::1]:8786", "inproc://x"):
        assert check_address(good) == good


def test_errors_the_cluster_raises_are_framed_in_both_languages():
    from policyengine.errors import InputError
    from policyengine.simulate.backends import _cluster_error

    error = _cluster_error(RuntimeError("worker killed\nmore"), "tcp://h:1")
    assert isinstance(error, InputError)
    assert error.render("en") == (
        "--scheduler tcp://h:1: the Dask cluster failed (RuntimeError: worker killed); "
        "finished runs are kept under --out: rerun to resume"
    )
    assert "Dask 集群出错" in error.render("zh") and "worker killed" in error.render("zh")
    lost = _cluster_error(ConnectionResetError("reset by peer"), "tcp://h:1")
    assert "连接中断" in lost.render("zh") and "reset by peer" in lost.render("zh")


def test_missing_dask_extra_is_a_clear_error(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.startswith(("dask", "distributed")):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    result = invoke(H, "--months", "1", "--runs", "2", "--on", ON, "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2
    # the distribution is not on the package index: the message names the package itself
    assert (
        result.stderr
        == "policyengine: --scheduler needs Dask: pip install 'dask[distributed]>=2024.1' (the extra 'dask')\n"
    )


def test_an_interrupted_sweep_resumes_and_computes_only_what_is_missing(tmp_path):
    args = [
        H,
        "--reform",
        GATE,
        "--months",
        "2",
        "--runs",
        "2",
        "--seed",
        "7",
        "--on",
        ON,
        "--sweep",
        "collusion_tolerance=0:1:2",
        "--sweep",
        "audit_probability=0.1:0.3:2",
        "--format",
        "csv",
    ]
    first = invoke(*args, "--out", str(tmp_path / "a"))
    assert first.exit_code == 0, first.output
    records = sorted((tmp_path / "a" / "runs").glob("*.json"))
    assert len(records) == (1 + 4) * 2 * 2  # (declared + 4 points) x 2 scenarios x 2 runs
    before = {p.name: (tmp_path / "a" / p.name).read_bytes() for p in (tmp_path / "a").iterdir() if p.is_file()}
    for p in records[::3]:  # an interruption: these runs never finished
        p.unlink()
    (tmp_path / "a" / "sweep.csv").unlink()
    stats: dict = {}
    again = simulate(
        [H],
        [GATE],
        months=2,
        runs=2,
        seed=7,
        on=ON,
        store=tmp_path / "a",
        stats=stats,
        sweeps=[parse_sweep("collusion_tolerance=0:1:2"), parse_sweep("audit_probability=0.1:0.3:2")],
    )
    assert stats == {"records": 20, "reused": 20 - len(records[::3]), "computed": len(records[::3])}
    resumed = invoke(*args, "--out", str(tmp_path / "a"))
    assert "resumed: 20 of 20 runs" in resumed.stderr
    after = {p.name: (tmp_path / "a" / p.name).read_bytes() for p in (tmp_path / "a").iterdir() if p.is_file()}
    assert after == before and resumed.stdout == first.stdout
    assert json.loads((tmp_path / "a" / "simulation.json").read_text()) == json.loads(json.dumps(again))


def test_a_record_is_keyed_by_what_determines_it(tmp_path):
    stats: dict = {}
    simulate([H], [], store=tmp_path, stats=stats, **SMALL)
    assert stats == {"records": 3, "reused": 0, "computed": 3}
    simulate([H], [], store=tmp_path, stats=stats, **{**SMALL, "runs": 4})  # one more run: only it
    assert stats == {"records": 4, "reused": 3, "computed": 1}
    for change in ({"seed": 6}, {"months": 3}, {"overrides": {"grids": 41}}):
        simulate([H], [], store=tmp_path, stats=stats, **{**SMALL, **change})
        assert stats["reused"] == 0, change
    edited = tmp_path / "h"
    shutil.copytree(H, edited)
    sim = edited / "simulation.yaml"
    text = sim.read_text(encoding="utf-8")
    sim.write_text(text.replace("per_grid_per_day: ", "per_grid_per_day: 1", 1), encoding="utf-8")
    simulate([str(edited)], [], store=tmp_path, stats=stats, **SMALL)  # an edited policy: recomputed
    assert stats["reused"] == 0
    sim.write_text(text, encoding="utf-8")
    simulate([str(edited)], [], store=tmp_path, stats=stats, **SMALL)  # the same content elsewhere: read
    assert stats["reused"] == 3
    simulate([H], [GATE], store=tmp_path, stats=stats, **SMALL)  # the baseline's runs are there
    assert stats == {"records": 6, "reused": 3, "computed": 3}
    from policyengine.simulate.runs import VERSION, load_policy
    from policyengine.simulate.store import record_key, world_digest
    from policyengine.simulate.world import build_world

    world = build_world(load_policy([H], ON, GATE), ON, SMALL["overrides"])
    bad = tmp_path / "runs" / f"{record_key(world_digest(world), 2, 5, 1)}.json"  # the reform's run 1
    assert json.loads(bad.read_text(encoding="utf-8"))["run"] == 1 and VERSION == 1
    bad.write_text("{not json", encoding="utf-8")  # a damaged record is recomputed, not trusted
    with pytest.warns(StoreWarning, match=r"does not verify \(not JSON\): recomputed"):
        simulate([H], [GATE], store=tmp_path, stats=stats, **SMALL)
    assert stats == {"records": 6, "reused": 5, "computed": 1} and not list((tmp_path / "runs").glob(".*.tmp"))
    assert json.loads(bad.read_text(encoding="utf-8"))["run"] == 1


def test_a_change_to_how_seeds_are_derived_reads_no_old_record(tmp_path, monkeypatch):
    import numpy as np

    from policyengine.simulate import seeds, store

    stats: dict = {}
    simulate([H], [], store=tmp_path, stats=stats, **SMALL)
    assert stats["computed"] == 3
    monkeypatch.setattr(store, "_CODE", None)

    def other_streams(seed, r):  # the runs' seeds derived another way
        return tuple(np.random.SeedSequence(seed + 1, spawn_key=(r, k)) for k in (0, 1))

    monkeypatch.setattr(seeds, "streams", other_streams)
    simulate([H], [], store=tmp_path, stats=stats, **SMALL)
    assert stats == {"records": 3, "reused": 0, "computed": 3}


def test_sweep_to_parquet(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="parquet is an optional extra: pip install '.[parquet]'")
    args = [H, "--months", "1", "--runs", "2", "--seed", "1", "--on", ON, "--sweep", "collusion_tolerance=0:1:2"]
    result = invoke(*args, "--out", str(tmp_path / "p"), "--sweep-format", "parquet", "--format", "csv")
    assert result.exit_code == 0, result.output
    table = pq.read_table(tmp_path / "p" / "sweep.parquet")
    assert table.column_names == ["collusion_tolerance", "scenario", "metric", "mean", "low", "high"]
    csv_lines = result.stdout.splitlines()[1:]
    assert table.num_rows == len(csv_lines) == 2 * len(METRICS)
    row = table.slice(0, 1).to_pylist()[0]
    assert ",".join(str(row[k]) for k in table.column_names) == csv_lines[0]
    assert not (tmp_path / "p" / "sweep.csv").exists()
    first = (tmp_path / "p" / "sweep.parquet").read_bytes()
    again = invoke(*args, "--out", str(tmp_path / "p"), "--sweep-format", "parquet")
    assert "resumed: 6 of 6" in again.stderr and (tmp_path / "p" / "sweep.parquet").read_bytes() == first
    fresh = invoke(*args, "--out", str(tmp_path / "q"), "--sweep-format", "parquet")
    assert fresh.exit_code == 0 and (tmp_path / "q" / "sweep.parquet").read_bytes() == first
    no_out = invoke(*args, "--sweep-format", "parquet")
    assert no_out.exit_code == 2 and "--out DIR" in no_out.stderr


def test_reform_parts_show_the_moves_do_the_work(tmp_path):
    result = simulate([H], [GATE], reform_parts="groups", **SMALL)
    entries = result["parts"]["reforms"]["admission_gate"]
    assert [e["operations"] for e in entries] == [[1, 1], [1, 7], [1, 8], [1, 12], [1, 13], [1, 14], [1, 17]]
    assert (
        entries[3]["adds"].startswith("move item: Fire hazards in small venues")
        and "(4 operations)" in entries[3]["adds"]
    )
    base = result["scenarios"]["baseline"]["metrics"]
    gate = result["scenarios"]["admission_gate"]["metrics"]
    assert entries[-1]["metrics"] == gate and entries[-1]["scenario"] == "admission_gate"
    # the procedure alone leaves the simulation as it was; the money for the routine items buys hours
    # at the grid (费随事转) and changes it; the list of returned items changes nothing more; the moves do
    assert entries[0]["metrics"] == base and entries[1]["metrics"] != base
    assert entries[2]["metrics"] == entries[1]["metrics"] and entries[3]["metrics"] != entries[2]["metrics"]
    # the invariants the reform states are theorems for `verify`: they change nothing simulated
    assert entries[-1]["metrics"] == entries[-2]["metrics"]
    ops = simulate([H], [GATE], reform_parts="ops", **SMALL)["parts"]["reforms"]["admission_gate"]
    assert [e["operations"][1] for e in ops] == list(range(1, 18))
    assert [e["scenario"] for e in ops][8] == "admission_gate[1-9]"  # the first move
    # the money for publicity, an item no problem kind stands for, changes nothing; that for hazard screening does
    assert ops[0]["metrics"] == ops[1]["metrics"] == base and ops[2]["metrics"] != base
    assert ops[8]["metrics"] != ops[7]["metrics"]
    cli = invoke(
        H,
        "--reform",
        GATE,
        "--months",
        "1",
        "--runs",
        "2",
        "--on",
        ON,
        "--reform-parts",
        "groups",
        "--out",
        str(tmp_path / "o"),
        "--format",
        "csv",
    )
    assert cli.exit_code == 0, cli.output
    parts = {f"admission_gate[1-{k}]" for k in (1, 7, 8, 12, 13, 14)}  # each part is a scenario of the csv
    assert {line.split(",")[0] for line in cli.stdout.splitlines()[1:]} == {"baseline", "admission_gate", *parts}
    assert {line.split(",")[1] for line in (tmp_path / "o" / "parts.csv").read_text().splitlines()[1:]} == {
        "admission_gate",
        *parts,
    }
    assert (tmp_path / "o" / "parts.csv").read_text().splitlines()[
        0
    ] == "reform,scenario,first_op,last_op,adds,metric,mean,low,high"
    text = invoke(
        H, "--reform", GATE, "--months", "1", "--runs", "2", "--on", ON, "--reform-parts", "groups", "--lang", "zh"
    )
    assert "网格准入机制:权随责走、费随事转 分步" in text.stdout and "调整事项:九小场所消防隐患" in text.stdout
    assert "(4 个操作)" in text.stdout and "move items" not in text.stdout and "operations)" not in text.stdout
    assert entries[3]["adds_zh"].startswith("调整事项:九小场所消防隐患")


def test_stored_runs_keep_their_series(tmp_path):
    fresh = simulate([H], [GATE], series=True, **SMALL)
    simulate([H], [GATE], store=tmp_path, **SMALL)
    stats: dict = {}
    resumed = simulate([H], [GATE], series=True, store=tmp_path, stats=stats, **SMALL)
    assert stats["computed"] == 0 and "series" in resumed["scenarios"]["admission_gate"]
    assert json.dumps(resumed) == json.dumps(fresh)
    assert set(simulate([H], [], **SMALL)["scenarios"]["baseline"]) == {"metrics", "streets"}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_sweep_stopped_mid_way_keeps_what_finished(tmp_path, workers):
    kw = dict(SMALL, sweeps=SWEEP, store=tmp_path)

    def stop_after_five(done, total):
        if done >= 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        simulate([H], [GATE], workers=workers, progress=stop_after_five, **kw)
    kept = len(list((tmp_path / "runs").glob("*.json")))
    assert kept >= 5 and not list((tmp_path / "runs").glob(".*"))
    stats: dict = {}
    resumed = simulate([H], [GATE], workers=workers, stats=stats, **kw)
    assert stats == {"records": 24, "reused": kept, "computed": 24 - kept}  # (1 + 3 points) x 2 x 3 runs
    assert json.dumps(resumed) == json.dumps(simulate([H], [GATE], **{**kw, "store": None}))


def test_a_part_that_is_not_a_policy_is_skipped_and_parts_need_a_reform(tmp_path):
    reform = tmp_path / "ordered.yaml"
    reform.write_text(
        f"""reform:
  id: ordered
  baseline: {H}
operations:
  - op: add
    section: grants
    value: {{id: new_grant, unit: new_unit, powers: [report]}}
  - op: add
    section: units
    value: {{id: new_unit, name: {{en: New unit}}, tier: district, kind: functional_department}}
""",
        encoding="utf-8",
    )
    result = simulate([H], [str(reform)], reform_parts="ops", **SMALL)
    first, whole = result["parts"]["reforms"]["ordered"]
    assert first["scenario"] == "ordered[1-1]" and "metrics" not in first and "new_unit" in first["skipped"]
    assert "new_unit" in first["skipped_zh"] and first["skipped_zh"] != first["skipped"]
    assert whole["metrics"] == result["scenarios"]["ordered"]["metrics"]
    text = invoke(H, "--reform", str(reform), "--months", "1", "--runs", "2", "--on", ON, "--reform-parts", "ops")
    assert text.exit_code == 0 and "not a valid policy: skipped" in text.stdout
    alone = invoke(H, "--months", "1", "--runs", "2", "--on", ON, "--reform-parts", "ops")
    assert alone.exit_code == 2 and "give --reform FILE" in alone.stderr


def test_parquet_without_pyarrow_is_one_line_before_any_run(tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    for lang, words in (("en", "pip install 'pyarrow>=14' (the extra 'parquet')"), ("zh", "需要 pyarrow")):
        result = invoke(
            H,
            "--months",
            "1",
            "--runs",
            "2",
            "--on",
            ON,
            "--sweep",
            "collusion_tolerance=0:1:2",
            "--out",
            str(tmp_path / "p"),
            "--sweep-format",
            "parquet",
            "--lang",
            lang,
        )
        assert result.exit_code == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "p").exists()
