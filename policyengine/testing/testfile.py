"""Policy test files (`*.pe-test.yaml`): a policy or a reform, the date it is judged on, and the
findings, exit status and admission decisions expected of it.

    test: the admission gate removes PE200 on the grid
    reform: ../reforms/admission_gate.yaml
    on: 2026-01-01
    expect:
      findings: [{code: PE101, subject: item:fire_hazards_small_venues}]
      absent: [{code: PE200, subject: tier:grid}]
      counts: {PE102: 10}
      exit: 1
      admission:
        census: rejected
        fire_hazards_small_venues: {decision: conditional, devolve: [penalty]}

A file holds one test (a mapping) or several (a list of mappings). Files are read with the policy
loader, so a duplicate key is an error and every value has a position; anything the format does
not know is a `TestFileError` at its `file:line:column`. `run_test` lints the policy (and decides
admission when the test expects decisions) and lists every unmet expectation with what was
expected and what was got. Nothing here prints: the CLI and the pytest plugin render the results.
"""

from .reading import discover, is_test_file, load_file
from .reports import document, exit_status, render_json, render_text
from .running import run_test
from .spec import (
    ERROR,
    FAIL,
    PASS,
    SUFFIXES,
    AdmissionExpectation,
    Matcher,
    PolicyTest,
    TestFileError,
    TestResult,
    Unmet,
)

__all__ = [
    "ERROR",
    "FAIL",
    "PASS",
    "SUFFIXES",
    "AdmissionExpectation",
    "Matcher",
    "PolicyTest",
    "TestFileError",
    "TestResult",
    "Unmet",
    "discover",
    "document",
    "exit_status",
    "is_test_file",
    "load_file",
    "render_json",
    "render_text",
    "run_test",
]
