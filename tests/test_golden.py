"""Every command prints exactly what it printed when the golden files were written (tests/golden):
the bundled policy, the examples and the reforms in every format and both languages, and bad input.

A difference is either a defect or a change meant to be made; for the latter, write the files again
with `python -m tests.golden.update` and read the diff before committing it.
"""

from __future__ import annotations

import difflib

import pytest

from tests.golden.cases import all_cases
from tests.golden.run import OUT, path_of, run

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_is_unchanged(case):
    expected = path_of(case).read_text(encoding="utf-8")
    got = run(case)
    if got != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), got.splitlines(True), "golden", "now", n=2))
        pytest.fail(f"{case.name} changed:\n{diff[:6000]}")


def test_every_golden_file_has_its_case():
    assert sorted(p.name for p in OUT.glob("*.txt")) == sorted(path_of(c).name for c in CASES)
