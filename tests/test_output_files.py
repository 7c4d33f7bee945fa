"""Every command that writes a file replaces it whole or not at all: on a full disk it says so in one
line and exits 2, the old file is byte for byte what it was, and no temporary file is left."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner

from policyengine import atomic
from policyengine.cli import main

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
ON = ["--on", "2020-01-01"]
SIM = [H, "--months", "2", "--runs", "2", "--seed", "3", *ON]
OLD = b"the old content, which must survive\n"
REAL_WRITE = os.write


def _repository(tmp: Path) -> Path:
    """The pages generate-docs writes, with one check page out of date."""
    root = tmp / "repo"
    (root / "docs" / "checks").mkdir(parents=True)
    shutil.copy(ROOT / "README.md", root / "README.md")
    shutil.copy(ROOT / "README.zh.md", root / "README.zh.md")
    shutil.copy(ROOT / "docs" / "checks.md", root / "docs" / "checks.md")
    shutil.copy(ROOT / "docs" / "checks.zh.md", root / "docs" / "checks.zh.md")
    return root


# name -> (arguments, the file that exists before, extra setup); `{tmp}` is the test's directory
WRITERS = {
    "lint --write-baseline": (["lint", H, "--write-baseline", "{tmp}/b.json", *ON], "b.json"),
    "report -o": (["report", H, "-o", "{tmp}/r.html", "--no-timestamp", *ON], "r.html"),
    "graph -o": (["graph", H, "-o", "{tmp}/g.json", *ON], "g.json"),
    "simulate --out": (["simulate", *SIM, "--out", "{tmp}/out"], "out/simulation.json"),
    "simulate --out parquet": (
        [
            "simulate",
            *SIM,
            "--out",
            "{tmp}/out",
            "--sweep",
            "detection_probability=0.1:0.2:2",
            "--sweep-format",
            "parquet",
        ],
        "out/sweep.parquet",
    ),
    "simulate --plot": (["simulate", *SIM, "--plot", "{tmp}/plot"], "plot/metrics.png"),
    "generate-docs": (["generate-docs", "--root", "{tmp}/repo"], "repo/docs/checks/PE001.md"),
}


@contextmanager
def _disk_full_at(name: str, budget: int):
    """The disk takes `budget` more bytes of the file called `name`, then fails with ENOSPC; other
    files are written (so each command fails at the file it is tested on)."""
    real_create = atomic._create_beside
    doomed: set[int] = set()
    left = [budget]

    def create(target: Path) -> tuple[int, Path]:
        fd, tmp = real_create(target)
        if target.name == name:
            doomed.add(fd)
        return fd, tmp

    def write(fd: int, data: bytes) -> int:
        if fd not in doomed:
            return REAL_WRITE(fd, data)
        if left[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = REAL_WRITE(fd, bytes(data[: left[0]]))
        left[0] -= written
        return written

    with mock.patch.object(atomic, "_create_beside", create), mock.patch.object(os, "write", write):
        yield


def _tree(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("budget", [0, 16])
@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_full_disk_leaves_the_old_file_and_no_temporary_one(tmp_path, writer, budget):
    argv, existing = WRITERS[writer]
    if writer == "simulate --plot":
        pytest.importorskip("matplotlib", reason="the plot extra: pip install '.[plot]'")
    if writer == "simulate --out parquet":
        pytest.importorskip("pyarrow", reason="the parquet extra: pip install '.[parquet]'")
    if writer == "generate-docs":
        _repository(tmp_path)
    old = tmp_path / existing
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(OLD)
    before = _tree(tmp_path)
    with _disk_full_at(old.name, budget):
        result = CliRunner().invoke(main, [a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    # the file that could not be written, not its directory (--plot named the directory)
    assert result.stderr == f"policyengine: cannot write to {old} (no space left on the device)\n"
    assert old.read_bytes() == OLD
    after = _tree(tmp_path)
    assert not [name for name in after if name.endswith(".tmp")]
    assert {k: after.get(k) for k in before} == before  # what was there is as it was


def test_the_full_disk_message_is_in_chinese_too(tmp_path):
    (tmp_path / "b.json").write_bytes(OLD)
    with _disk_full_at("b.json", 0):
        result = CliRunner().invoke(
            main, ["lint", H, "--write-baseline", str(tmp_path / "b.json"), *ON, "--lang", "zh"]
        )
    assert result.exit_code == 2
    assert result.stderr == f"policyengine: 无法写入 {tmp_path / 'b.json'}(磁盘空间不足)\n"
    assert (tmp_path / "b.json").read_bytes() == OLD


@pytest.mark.parametrize("writer", ["lint --write-baseline", "report -o", "graph -o"])
def test_a_written_file_replaces_the_old_one_and_keeps_its_mode(tmp_path, writer):
    argv, existing = WRITERS[writer]
    old = tmp_path / existing
    old.write_bytes(OLD)
    old.chmod(0o640)
    result = CliRunner().invoke(main, [a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert result.exit_code == 0, result.output
    assert old.read_bytes() != OLD and old.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing]


@pytest.mark.parametrize("writer", ["lint --write-baseline", "report -o", "graph -o"])
def test_a_device_as_the_output_is_written_into_not_replaced(writer):
    argv, _ = WRITERS[writer]
    result = CliRunner().invoke(main, [a.replace("{tmp}/" + WRITERS[writer][1], os.devnull) for a in argv])
    assert result.exit_code == 0, result.output
    assert Path(os.devnull).is_char_device()


@pytest.mark.parametrize("writer", ["lint --write-baseline", "report -o", "graph -o"])
def test_a_directory_as_the_output_is_one_line_before_any_work(tmp_path, writer):
    argv, existing = WRITERS[writer]
    (tmp_path / existing).mkdir()
    result = CliRunner().invoke(main, [a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert result.exit_code == 2
    assert result.stderr == f"policyengine: cannot write to {tmp_path / existing} (it is a directory)\n"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc's links to open files")
@pytest.mark.parametrize("writer", ["lint --write-baseline", "report -o", "graph -o"])
def test_standard_output_on_a_pipe_is_written_into(writer):
    """/dev/stdout on a pipe is a link to `pipe:[N]`, which is no path: the output goes into the pipe
    (it was refused as "no such directory" while the link was followed by name)."""
    argv, name = WRITERS[writer]
    args = [a.replace("{tmp}/" + name, "/dev/stdout") for a in argv]
    code = "import sys; from policyengine.cli import run; sys.argv = ['policyengine', *sys.argv[1:]]; run()"
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"{" if writer != "report -o" else b"<!DOCTYPE html>")
