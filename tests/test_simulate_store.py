"""The store of finished runs trusts no record it has not verified: whatever is found under
`--out DIR/runs/` in a record's place — edited, damaged, of another kind or of an earlier version —
is recomputed with one line on stderr saying which record and why, and the output is the bytes of a
clean run. NaN never reaches the result."""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.cli import main
from policyengine.errors import InputError
from policyengine.messages.catalogue import render
from policyengine.simulate import records, simulate
from policyengine.simulate.records import MAX_RECORD_BYTES, Refused
from policyengine.simulate.runs import _finite
from policyengine.simulate.store import RunStore, StoreWarning

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
ARGS = ["simulate", H, "--months", "1", "--runs", "2", "--seed", "4", "--on", "2020-01-01", "--format", "json"]
OUTPUTS = ("simulation.json", "metrics.csv", "calibration.csv")
SMALL = {"months": 1, "runs": 2, "seed": 4, "on": "2020-01-01", "overrides": {"grids": 30}}


@contextlib.contextmanager
def no_hang(seconds: int = 60):
    """A regression that blocks on a FIFO or reads /dev/zero for ever fails instead of hanging CI."""

    def stop(*_):
        raise TimeoutError("the store blocked")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run_cli(out: Path):
    with no_hang():
        return CliRunner().invoke(main, [*ARGS, "--out", str(out)])


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A clean run: its stdout, its output files, and the record of run 1 (the one corrupted)."""
    out = tmp_path_factory.mktemp("clean") / "o"
    result = run_cli(out)
    assert result.exit_code == 0 and result.stderr == "", result.output
    stored = sorted((out / "runs").glob("*.json"))
    target = next(p for p in stored if json.loads(p.read_bytes())["run"] == 1)
    other = next(p for p in stored if p != target)
    return {
        "dir": out,
        "stdout": result.stdout,
        "files": {n: (out / n).read_bytes() for n in OUTPUTS},
        "target": target.name,
        "other": other.name,
    }


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _old_format(path: Path) -> None:
    """What the version before digests wrote: no `format`, no `digest`, the same key."""
    data = json.loads(path.read_bytes())
    del data["digest"], data["format"]
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def _replace(make):
    def corrupt(path: Path, other: Path) -> None:
        path.unlink()
        make(path, other)

    return corrupt


NOT_SHAPED = "not shaped as a run record at {}"
CORRUPTIONS = {
    "edited value": (
        lambda p, o: _edit(p, lambda d: d["metrics"].update(dismissals=d["metrics"]["dismissals"] + 1)),
        "digest mismatch",
    ),
    "null": (
        lambda p, o: _edit(p, lambda d: d["metrics"].update(dismissals=None)),
        NOT_SHAPED.format("/metrics/dismissals"),
    ),
    "NaN": (
        lambda p, o: p.write_bytes(p.read_bytes().replace(b'"dismissals":0.0', b'"dismissals":NaN')),
        "a number that is not finite: NaN or infinity",
    ),
    "infinity as 1e999": (
        lambda p, o: p.write_bytes(p.read_bytes().replace(b'"dismissals":0.0', b'"dismissals":1e999')),
        "a number that is not finite: NaN or infinity",
    ),
    "missing key": (lambda p, o: _edit(p, lambda d: d.pop("metrics")), NOT_SHAPED.format("/")),
    "string for number": (
        lambda p, o: _edit(p, lambda d: d["metrics"].update(dismissals="0.0")),
        NOT_SHAPED.format("/metrics/dismissals"),
    ),
    "400-digit integer": (
        lambda p, o: _edit(p, lambda d: d["metrics"].update(dismissals=10**400)),
        NOT_SHAPED.format("/metrics/dismissals"),
    ),
    "{}": (lambda p, o: p.write_text("{}"), NOT_SHAPED.format("/")),
    "deep nesting 100000": (lambda p, o: p.write_text("[" * 100_000 + "]" * 100_000), "nested too deep"),
    "FIFO": (_replace(lambda p, o: os.mkfifo(p)), "a named pipe (FIFO), not a file"),
    "symlink to /dev/zero": (_replace(lambda p, o: os.symlink("/dev/zero", p)), "a symbolic link, not a file"),
    "symlink to a good record": (_replace(lambda p, o: os.symlink(o, p)), "a symbolic link, not a file"),
    "directory": (_replace(lambda p, o: p.mkdir()), "a directory, not a file"),
    "truncated": (lambda p, o: p.write_bytes(p.read_bytes()[:-40]), "not JSON"),
    "empty file": (lambda p, o: p.write_bytes(b""), "an empty file"),
    "not UTF-8": (lambda p, o: p.write_bytes(b'{"key": "\xff"}'), "not UTF-8 at byte 9"),
    "too large": (lambda p, o: os.truncate(p, MAX_RECORD_BYTES + 1), "larger than 4,194,304 bytes"),
    "another run's record": (lambda p, o: shutil.copyfile(o, p), "it is the record of another run"),
    "old format": (lambda p, o: _old_format(p), "written by an earlier version, without a digest"),
}


@pytest.mark.parametrize("name", list(CORRUPTIONS))
def test_a_record_that_does_not_verify_is_recomputed_with_one_line(tmp_path, clean, name):
    corrupt, reason = CORRUPTIONS[name]
    out = tmp_path / "o"
    shutil.copytree(clean["dir"], out, symlinks=True)
    for n in OUTPUTS:
        (out / n).unlink()
    record = out / "runs" / clean["target"]
    corrupt(record, out / "runs" / clean["other"])
    result = run_cli(out)
    assert result.exit_code == 0, result.output
    kept = "recomputed" if name != "directory" else "recomputed, and not stored while it is in the way"
    assert result.stderr.splitlines() == [
        f"{record} does not verify ({reason}): {kept}",
        f"resumed: 1 of 2 runs read from {out / 'runs'}, 1 computed",
    ]
    assert result.stdout == clean["stdout"]
    assert {n: (out / n).read_bytes() for n in OUTPUTS} == clean["files"]
    if name == "directory":  # left alone, never written into
        assert record.is_dir() and not any(record.iterdir())
    else:  # replaced by a record that verifies: the next run reads it
        assert records.read(record, clean["target"][:-5], {"run": 1, "seed": 4, "months": 1, "version": 1}) is not None
        again = run_cli(out)
        assert again.stderr == f"resumed: 2 of 2 runs read from {out / 'runs'}, 0 computed\n"
    assert not list((out / "runs").glob(".*.tmp"))


def test_the_notice_is_in_chinese_too(tmp_path, clean):
    out = tmp_path / "o"
    shutil.copytree(clean["dir"], out)
    record = out / "runs" / clean["target"]
    record.unlink()
    record.mkdir()
    with no_hang():
        result = CliRunner().invoke(main, [*ARGS, "--out", str(out), "--lang", "zh"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"{record} 校验未通过(是目录,不是普通文件):已重新计算;因该路径被占用,结果未保存"
    )


def test_runs_in_the_way_of_the_store_is_one_line_naming_it(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "runs").write_text("x")
    result = run_cli(out)
    assert result.exit_code == 2
    assert result.stderr == f"policyengine: cannot write to {out / 'runs'} (a file is in the way)\n"


@pytest.fixture(scope="module")
def api_store(tmp_path_factory):
    """A clean store filled through the Python API, and the result of a clean run."""
    directory = tmp_path_factory.mktemp("api")
    result = simulate([H], store=directory, **SMALL)
    return directory, json.dumps(result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_byte_flips_are_verified_equal_or_recomputed(tmp_path_factory, api_store, data):
    source, clean = api_store
    directory = tmp_path_factory.mktemp("flip")
    shutil.copytree(source / "runs", directory / "runs")
    record = sorted((directory / "runs").glob("*.json"))[data.draw(st.integers(0, 1))]
    raw = bytearray(record.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    record.write_bytes(bytes(raw))
    heard: list = []
    stats: dict = {}
    result = simulate([H], store=RunStore(directory, notify=heard.append), stats=stats, **SMALL)
    assert json.dumps(result) == clean  # whatever the flip, the output of a clean run
    if heard:  # recomputed, and said so once, naming the record
        assert len(heard) == 1 and stats["computed"] == 1
        assert render(heard[0], "en").startswith(f"{record} does not verify (")
    else:  # the flip left the record's meaning and digest whole (a byte of white space, say)
        assert stats["computed"] == 0


def test_without_a_listener_the_python_api_warns(tmp_path):
    simulate([H], store=tmp_path, **SMALL)
    victim = sorted((tmp_path / "runs").glob("*.json"))[0]
    victim.write_text("{}")
    with pytest.warns(StoreWarning, match=r"does not verify \(not shaped as a run record at /\): recomputed"):
        simulate([H], store=tmp_path, **SMALL)


def test_a_record_is_read_without_blocking_or_reading_without_end(tmp_path):
    key = "0" * 64
    about = {"run": 0, "seed": 0, "months": 1, "version": 1}
    assert records.read(tmp_path / "absent.json", key, about) is None
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.json"
    os.symlink("/dev/zero", zero)
    with no_hang(20):
        for path in (fifo, zero, tmp_path):
            refused = records.read(path, key, about)
            assert isinstance(refused, Refused) and refused.replaceable == (path != tmp_path)


@settings(max_examples=40, deadline=None)
@given(exponent=st.integers(0, 308), mantissa=st.sampled_from([1.0, 1.7, 9.99]))
def test_costs_of_any_size_give_finite_numbers_or_one_line(exponent, mantissa):
    """department_cost_per_event_yuan from 1 to 1.7e308: a result of finite numbers (strict JSON),
    or refused before any run as too large to count."""
    value = mantissa * 10.0**exponent
    overrides = {**SMALL["overrides"], "department_cost_per_event_yuan": value}
    try:
        result = simulate([H], **{**SMALL, "overrides": overrides})
    except InputError as error:
        assert value > 1e15
        assert error.render("en") == (
            "too large to simulate: department_cost_per_event_yuan comes to more than 1e+15 yuan, beyond what "
            "the costs can count; lower it"
        )
        return
    assert value <= 1e15
    json.dumps(result, allow_nan=False)  # raises on NaN or infinity


def test_a_number_that_is_not_finite_never_reaches_the_result():
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(InputError) as caught:
            _finite({"scenarios": {"baseline": {"metrics": {"x": {"mean": 1.0, "low": [0.5, bad]}}}}})
        assert caught.value.render("en") == (
            "the result holds a number that is not finite at /scenarios/baseline/metrics/x/low/1; nothing was written"
        )
    _finite({"a": [1.0, 2, None, "x"]})
