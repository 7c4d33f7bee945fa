"""Every path a command reads is checked for what it is before it is opened, and read only up to a
bound: a named pipe, a device, a directory where a file belongs, a missing path, a looping or broken
link — for every option and argument that takes one — is one line and exit 2, and never a hang."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from policyengine import inputs
from policyengine.cli import main
from policyengine.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
GATE = str(ROOT / "examples" / "reforms" / "admission_gate.yaml")
TABLE = str(ROOT / "tests" / "data" / "tables" / "grid.csv")
ON = ("--on", "2020-01-01")
SIM = ("--months", "2", "--runs", "2", *ON)
FILE, EITHER, DIRECTORY = "file", "either", "directory"

# where a command takes a path -> (what may be there, the command line with the path as {})
TAKERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "lint PATH": (EITHER, ("lint", "{}", *ON)),
    "lint --config": (FILE, ("lint", H, "--config", "{}", *ON)),
    "lint --baseline": (FILE, ("lint", H, "--baseline", "{}", *ON)),
    "lint --reform": (FILE, ("lint", "--reform", "{}", *ON)),
    "report PATH": (EITHER, ("report", "{}", "-o", "{tmp}/r.html", *ON)),
    "report --reform": (FILE, ("report", "--reform", "{}", "-o", "{tmp}/r.html", *ON)),
    "report --config": (FILE, ("report", H, "--config", "{}", "-o", "{tmp}/r.html", *ON)),
    "report --sensitivity-from": (FILE, ("report", H, "--sensitivity-from", "{}", "-o", "{tmp}/r.html", *ON)),
    "graph PATH": (EITHER, ("graph", "{}", *ON)),
    "admit PATH": (EITHER, ("admit", "{}", *ON)),
    "admit --reform": (FILE, ("admit", "--reform", "{}", *ON)),
    "diff BASE": (EITHER, ("diff", "{}", GATE, *ON)),
    "diff REFORM": (FILE, ("diff", H, "{}", *ON)),
    "simulate PATH": (EITHER, ("simulate", "{}", *SIM)),
    "simulate --reform": (FILE, ("simulate", H, "--reform", "{}", *SIM)),
    "simulate --config": (FILE, ("simulate", H, "--config", "{}", *SIM)),
    "why PATH": (EITHER, ("why", "{}", "PE101", "grid", *ON)),
    "why --config": (FILE, ("why", H, "PE101", "grid", "--config", "{}", *ON)),
    "why --reform": (FILE, ("why", H, "PE101", "grid", "--reform", "{}", *ON)),
    "test PATH": (EITHER, ("test", "{}")),
    "generate-docs --root": (DIRECTORY, ("generate-docs", "--check", "--root", "{}")),
    "import TABLE": (FILE, ("import", "{}", "-o", "{tmp}/out")),
    "import --mapping": (FILE, ("import", TABLE, "--mapping", "{}", "-o", "{tmp}/out")),
    "verify PATH": (EITHER, ("verify", "{}", *ON)),
    "verify --reform": (FILE, ("verify", "--reform", "{}", *ON)),
}
NOT_WHAT = {FILE: "not a regular file", EITHER: "not a regular file or directory", DIRECTORY: "not a directory"}


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.yaml")
    return tmp / "pipe.yaml"


def _loop(tmp: Path) -> Path:
    (tmp / "a.yaml").symlink_to("b.yaml")
    (tmp / "b.yaml").symlink_to("a.yaml")
    return tmp / "a.yaml"


def _dangling(tmp: Path) -> Path:
    (tmp / "link.yaml").symlink_to("gone.yaml")
    return tmp / "link.yaml"


def _directory(tmp: Path) -> Path:
    (tmp / "dir").mkdir()
    return tmp / "dir"


def _regular(tmp: Path) -> Path:
    (tmp / "file.yaml").write_text("x: 1\n", encoding="utf-8")
    return tmp / "file.yaml"


# what is at the path -> (how it is made, the message after "{path}: " for each expectation)
KINDS = {
    "fifo": (_fifo, {k: f"a named pipe (FIFO), {v}" for k, v in NOT_WHAT.items()}),
    "char device": (lambda tmp: Path("/dev/zero"), {k: f"a character device, {v}" for k, v in NOT_WHAT.items()}),
    "missing": (lambda tmp: tmp / "none.yaml", dict.fromkeys(NOT_WHAT, "no such file or directory")),
    "link loop": (_loop, dict.fromkeys(NOT_WHAT, "a loop of symbolic links")),
    "dangling link": (_dangling, dict.fromkeys(NOT_WHAT, "a symbolic link to gone.yaml, which does not exist")),
    "directory": (_directory, {FILE: "a directory, not a regular file"}),
    "regular file": (_regular, {DIRECTORY: "a regular file, not a directory"}),
}
SPECIAL = {("lint --baseline", "missing"): "no such baseline file (write one with --write-baseline)"}


def invoke(args: list[str]):
    """The command, in a thread: a read that blocks fails the test instead of hanging the suite."""
    box = []
    worker = threading.Thread(target=lambda: box.append(CliRunner().invoke(main, args)), daemon=True)
    worker.start()
    worker.join(20)  # a guard against a hang, not a measure of speed
    assert box, f"policyengine {' '.join(args)} did not return"
    return box[0]


CASES = [(taker, kind) for taker, (expect, _) in TAKERS.items() for kind, (_, said) in KINDS.items() if expect in said]


@pytest.mark.parametrize("taker, kind", CASES)
def test_a_path_that_is_not_what_the_option_reads_is_one_line(tmp_path, taker, kind):
    expect, argv = TAKERS[taker]
    make, said = KINDS[kind]
    path = str(make(tmp_path))
    result = invoke([a.replace("{}", path).replace("{tmp}", str(tmp_path)) for a in argv])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"policyengine: {path}: {SPECIAL.get((taker, kind), said[expect])}\n"


def test_every_command_taking_a_path_is_in_the_table():
    """A new path option or argument (of type clikit.PATH) joins TAKERS, and so is checked here."""
    import click

    named = {
        f"{name} {p.opts[-1] if isinstance(p, click.Option) else p.name.upper().removesuffix('S')}"
        for name, command in main.commands.items()
        for p in command.params
        if isinstance(p.type, click.Path)
    }
    outputs = {
        "lint --write-baseline",
        "lint --output",
        "admit --output",
        "report --output",
        "graph --output",
        "simulate --out",
        "simulate --plot",
        "import --output",
        "verify --output",
        "verify --counterexamples",
    }
    assert named - outputs == set(TAKERS)


OUTPUTS: dict[str, tuple[str, ...]] = {
    "lint --write-baseline": ("lint", H, "--write-baseline", "{}", *ON),
    "report --output": ("report", H, "-o", "{}", *ON),
    "graph --output": ("graph", H, "-o", "{}", *ON),
    "simulate --out": ("simulate", H, "--out", "{}", *SIM),
    "simulate --plot": ("simulate", H, "--plot", "{}", *SIM),
    "lint --output": ("lint", H, "-o", "{}", *ON),
    "admit --output": ("admit", H, "-o", "{}", *ON),
    "import --output": ("import", TABLE, "-o", "{}"),
    "verify --output": ("verify", H, "-o", "{}", *ON),
    "verify --counterexamples": ("verify", H, "--counterexamples", "{}", *ON),
}


@pytest.mark.parametrize("taker", [*TAKERS, *OUTPUTS])
def test_an_empty_path_is_refused_not_taken_for_no_option(taker):
    """`--baseline ""` (a script's empty variable) linted without a baseline, `--write-baseline ""` wrote
    nothing and exited 1, `-o ""` printed to standard output, `lint ""` linted the current directory:
    every path option and argument refuses an empty string, exit 2, before any work."""
    argv = TAKERS[taker][1] if taker in TAKERS else OUTPUTS[taker]
    result = invoke([a.replace("{}", "").replace("{tmp}", "/nonexistent") for a in argv])
    assert result.exit_code == 2, result.output
    assert "an empty string names no file or directory" in result.stderr


IN_TEST_FILES = [
    (key, expect, kind)
    for key, expect in (("policy", EITHER), ("reform", FILE), ("config", FILE))
    for kind in ("fifo", "char device", "directory", "link loop", "dangling link")
    if expect in KINDS[kind][1]
]


@pytest.mark.parametrize("key, expect, kind", IN_TEST_FILES)
def test_a_path_in_a_test_file_is_checked_and_located(tmp_path, key, expect, kind):
    make, said = KINDS[kind]
    path = str(make(tmp_path))
    lines = {
        "policy": [f"policy: {path}"],
        "reform": [f"reform: {path}"],
        "config": [f"policy: {H}", f"config: {path}"],
    }
    body = "\n".join(["test: t", *lines[key], "expect: {exit: 1}", ""])
    (tmp_path / "t.pe-test.yaml").write_text(body, encoding="utf-8")
    line = 1 + len(lines[key])
    result = invoke(["test", str(tmp_path / "t.pe-test.yaml")])
    assert result.exit_code == 2, result.output
    assert (
        result.stderr == f"policyengine: {tmp_path / 't.pe-test.yaml'}:{line}:{len(key) + 3}: {path}: {said[expect]}\n"
    )


@pytest.mark.parametrize("kind", [k for k in KINDS if EITHER in KINDS[k][1]])
def test_the_baseline_a_reform_names_is_checked(tmp_path, kind):
    """The `baseline:` of a reform file is a path too: one line for whatever is there, in every
    command that reads a reform's baseline (a loop of links was an internal error while it was
    resolved; `diff BASE` names the baseline instead), located at the reform's `baseline:`."""
    make, said = KINDS[kind]
    path = str(make(tmp_path))
    reform = tmp_path / "r.yaml"
    reform.write_text(f"reform:\n  id: r\n  baseline: {path}\noperations: []\n", encoding="utf-8")
    report = ["report", "--reform", str(reform), "-o", str(tmp_path / "r.html")]
    for argv in (["lint", "--reform", str(reform)], ["admit", "--reform", str(reform)], report):
        result = invoke([*argv, *ON])
        assert result.exit_code == 2, result.output
        assert result.stderr == f"policyengine: {reform}:3:13: baseline: {path}: {said[EITHER]}\n"


def test_a_nul_in_a_path_from_a_test_file_is_a_missing_path(tmp_path):
    # the NUL is shown as an escape, as every control character in a message is
    (tmp_path / "t.pe-test.yaml").write_text('test: t\npolicy: "a\\0b"\nexpect: {exit: 1}\n', encoding="utf-8")
    result = invoke(["test", str(tmp_path / "t.pe-test.yaml")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"policyengine: {tmp_path / 't.pe-test.yaml'}:2:9: policy 'a\\x00b' does not exist (paths are relative to the "
        "test file)\n"
    )


# -- sizes -------------------------------------------------------------------------------------------------

LIMIT = 300
SMALL_POLICY = b"tiers:\n  - {id: district, name: {en: District}}\n"
READERS = {
    "policy file": ("lint", "{}", "--isolated"),
    "reform": ("lint", "--reform", "{}", "--isolated"),
    "config": ("lint", "{tmp}/p", "--config", "{}"),
    "baseline": ("lint", "{tmp}/p", "--isolated", "--baseline", "{}"),
    "test file": ("test", "{}"),
}


@pytest.mark.parametrize("reader", list(READERS))
def test_every_reader_stops_at_the_size_limit(tmp_path, reader):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "p.yaml").write_bytes(SMALL_POLICY)
    big = tmp_path / "big.pe-test.yaml"
    big.write_bytes(b"#" * (LIMIT + 1))
    args = [a.replace("{}", str(big)).replace("{tmp}", str(tmp_path)) for a in READERS[reader]]
    with mock.patch.object(inputs, "MAX_INPUT_BYTES", LIMIT):
        en, zh = invoke(args), invoke([*args, "--lang", "zh"])
    assert en.exit_code == 2 and zh.exit_code == 2
    assert en.stderr == f"policyengine: {big}: larger than 300 bytes, the most read from one input file\n"
    assert zh.stderr == f"policyengine: {big}:超过单个输入文件的读取上限(300 字节)\n"


@given(size=st.integers(min_value=0, max_value=2 * LIMIT), limit=st.integers(min_value=0, max_value=LIMIT))
def test_a_file_is_read_whole_up_to_the_limit_and_refused_beyond(size, limit):
    data = bytes(range(256)) * (size // 256 + 1)
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "f"
        path.write_bytes(data[:size])
        with mock.patch.object(inputs, "MAX_INPUT_BYTES", limit):
            if size <= limit:
                assert inputs.read_bytes(path) == data[:size]
            else:
                with pytest.raises(InputError) as caught:
                    inputs.read_bytes(path)
                assert caught.value.message.key == "loader.too_large"


def test_a_file_that_grows_while_read_is_still_bounded(tmp_path):
    """The size is looked at before the read, and the read itself stops past the limit."""
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"x" * 10)
    real_fstat = os.fstat
    grown = [False]

    def fstat(fd: int) -> os.stat_result:
        if not grown[0]:
            grown[0] = True
            path.write_bytes(b"x" * (LIMIT * 3))  # grows between the look and the read
        return real_fstat(fd)

    limited = mock.patch.object(inputs, "MAX_INPUT_BYTES", LIMIT)
    with limited, mock.patch.object(os, "fstat", fstat), pytest.raises(InputError) as caught:
        inputs.read_bytes(path)
    assert caught.value.render() == f"{path}: larger than 300 bytes, the most read from one input file"
