"""`verify` on every policy the project ships with admission rules to prove: the H District case, each
reform in examples/reforms/ and each document in examples/regulations/. It runs without error and
without an unknown, and every counterexample it writes is decided by `admit` as `verify` said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .regulations import documents
from .verify_util import run_cli as run

pytest.importorskip("z3")

ROOT = Path(__file__).resolve().parents[1]
ON = "2026-12-01"
REFORMS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples" / "reforms").glob("*.yaml"))
REGULATIONS = [d.path.relative_to(ROOT).as_posix() for d in documents() if (d.path / "policy.yaml").is_file()]
CASES = [
    ("policies/h_district", None),
    *((None, reform) for reform in REFORMS),
    *(("policies/h_district", reform) for reform in REFORMS),  # the baseline named on the command line
    *((path, None) for path in REGULATIONS),
]


def decided(step: dict) -> tuple:
    return step["decision"], step["procedure"], step["rule"]


def admitted(reform_file: Path) -> tuple:
    """How `admit --reform FILE` decides the item the counterexample file adds."""
    status, out, err = run(["admit", "--reform", str(reform_file), "--format", "json", "--on", ON])
    assert status in (0, 1), err
    row = next(d for d in json.loads(out)["decisions"] if d["item"] == "counterexample")
    return row["decision"], row["procedure"], row["rule"]


def test_the_corpus_is_found():
    assert "policies/h_district" in {c[0] for c in CASES}
    assert "examples/reforms/admission_gate.yaml" in REFORMS
    assert len(REGULATIONS) >= 10


@pytest.mark.parametrize(("path", "reform"), CASES, ids=[" --reform ".join(filter(None, c)) for c in CASES])
def test_verify_runs_and_every_counterexample_reproduces(path, reform, tmp_path):
    args = ["verify", *([path] if path else []), *(["--reform", reform] if reform else [])]
    args += ["--format", "json", "--timeout", "10", "--on", ON, "--counterexamples", str(tmp_path)]
    status, out, err = run(args)
    report = json.loads(out)
    every = report["properties"] + report["changes"]
    assert status == (0 if all(p["status"] == "proved" for p in every) else 1), err
    assert [p for p in every if p["status"] == "unknown"] == []
    with_cx = [p for p in every if "counterexample" in p]
    assert all(p["status"] == "refuted" for p in with_cx)
    written = sorted(f.name for f in tmp_path.iterdir())
    expected = []
    for n, p in enumerate(with_cx, 1):
        stem = f"{n:02d}-{p['kind']}"
        cx = p["counterexample"]
        expected.append(f"{stem}.yaml")
        assert admitted(tmp_path / f"{stem}.yaml") == decided(cx["decided"][0]), (stem, cx)
        if "before" in cx:
            expected.append(f"{stem}-baseline.yaml")
            assert admitted(tmp_path / f"{stem}-baseline.yaml") == decided(cx["before"][0]), (stem, cx)
    assert written == sorted(expected)
    if written:
        assert f"{len(written)} counterexample file(s) written to {tmp_path}" in err
