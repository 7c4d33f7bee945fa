"""A world too large to simulate is refused from its declared sizes, before anything is allocated: in a
process that may use 1 GB, 10^8 or 10^9 grids (or 1.7e308) is one located line, exit 2 — not a
world built first, memory exhausted, or an internal error."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .test_simulate import ON, TINY
from .util import write_policy

ROOT = Path(__file__).resolve().parent.parent
MEMORY = 1 << 30  # bytes of address space the command may use: far less than 10^8 grids' arrays


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_limited(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    return subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, preexec_fn=_limited, env=env, timeout=300
    )


def tiny(tmp_path: Path, count: str, parameters: str = "") -> Path:
    files = dict(TINY)
    files["policy.yaml"] = TINY["policy.yaml"].replace("count: 10}", f"count: {count}}}")
    files["simulation.yaml"] = TINY["simulation.yaml"].rstrip() + "\n" + parameters
    return write_policy(tmp_path, files)


def _position(path: Path, text: str) -> str:
    """`line:column` of the first `text` in a file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(n for n, line in enumerate(lines, 1) if text in line)
    return f"{line}:{lines[line - 1].index(text) + 1}"


@pytest.mark.parametrize("count", ["100000000", "1000000000", "1.7e308"])
def test_a_count_past_the_schema_maximum_is_refused_before_any_world(tmp_path, count):
    root = tiny(tmp_path, count)
    result = run_limited("-m", "policyengine", "simulate", str(root), "--on", ON, "--months", "1", "--runs", "2")
    where = _position(root / "policy.yaml", count)
    shown = "1.7e+308" if count == "1.7e308" else count
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"policyengine: {root / 'policy.yaml'}:{where}: {shown} is above the maximum 10,000,000 [PE002]\n"
    )


@pytest.mark.parametrize(
    "count, parameters, where",
    [
        ("10000000", "", "count: 10000000"),  # the most grids a tier may count, each with a problem a day
        ("10", "            grids: 10000000\n", "10000000"),  # the same from the parameter
    ],
)
def test_a_world_too_large_is_refused_at_the_declaration_that_makes_it_so(tmp_path, count, parameters, where):
    root = tiny(tmp_path, count, parameters)
    result = run_limited("-m", "policyengine", "simulate", str(root), "--on", ON, "--months", "1", "--runs", "2")
    file = root / ("simulation.yaml" if parameters else "policy.yaml")
    at = _position(file, where)
    if not parameters:
        line, column = at.split(":")
        at = f"{line}:{int(column) + len('count: ')}"
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"policyengine: {file}:{at}: too large to simulate: about 3.14e+08 problems in one month of one run "
        "(the limit is 2e+07); lower the grids or the problem rates\n"
    )


def test_build_world_refuses_grids_given_on_the_way_before_allocating(tmp_path):
    """Grids from an override (a sweep point, a caller of the API) have no position: the same
    message without one, and nothing the size of the world is ever made."""
    root = tiny(tmp_path, "10")
    script = textwrap.dedent(
        f"""
        import json
        from policyengine.errors import InputError
        from policyengine.simulate.runs import load_policy
        from policyengine.simulate.world import build_world
        policy = load_policy([{str(root)!r}], {ON!r})
        said = []
        for grids in (10**8, 10**9, 1.7e308, 10**400):
            try:
                build_world(policy, {ON!r}, {{"grids": grids}})
            except InputError as error:
                said.append([error.span is None, error.render("en")])
        print(json.dumps(said))
        """
    )
    result = run_limited("-c", script)
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout)
    assert [located for located, _ in said] == [True] * 4
    assert [text for _, text in said] == [
        "too large to simulate: about 3.14e+09 problems in one month of one run (the limit is 2e+07); "
        "lower the grids or the problem rates",
        "too large to simulate: about 3.14e+10 problems in one month of one run (the limit is 2e+07); "
        "lower the grids or the problem rates",
        "too large to simulate: about inf problems in one month of one run (the limit is 2e+07); "
        "lower the grids or the problem rates",
        "too large to simulate: about inf problems in one month of one run (the limit is 2e+07); "
        "lower the grids or the problem rates",
    ]
