"""verify's report is the same bytes in every process: the solver's answer follows the order its terms
are built in, and a set's own order follows the process's string hashing (PYTHONHASHSEED)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("z3")

ROOT = Path(__file__).resolve().parents[1]


def _run(seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    argv = [sys.executable, "-m", "policyengine", "verify", "--reform", "examples/reforms/paper_remedy.yaml"]
    done = subprocess.run([*argv, "--format", "json", "--on", "2020-01-01"], cwd=ROOT, env=env, capture_output=True)
    assert done.returncode == 1, done.stderr.decode()
    return done.stdout


def test_the_report_does_not_depend_on_string_hashing():
    first = _run("1")
    assert b'"counterexample"' in first
    assert all(_run(seed) == first for seed in ("2", "3"))
