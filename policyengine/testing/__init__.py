"""Testing policies: policy test files and hypothesis strategies.

- `policyengine.testing.testfile` reads policy test files (`*.pe-test.yaml`: a policy or a reform,
  the date it is judged on, the findings and admission decisions expected), runs them and reports
  which expectations are unmet. `policyengine test PATH...` and the pytest plugin
  (`policyengine.testing.pytest_plugin`, registered as the `policyengine` pytest11 entry point)
  both use it. No dependency beyond policyengine's own.
- `policyengine.testing.strategies` holds hypothesis strategies for random valid policies, rules and
  reforms, for property tests. It needs hypothesis (`pip install 'hypothesis>=6.90'`, or the extra `test`).

See docs/testing.md.
"""

from __future__ import annotations

from .testfile import (
    SUFFIXES,
    PolicyTest,
    TestFileError,
    TestResult,
    discover,
    load_file,
    render_json,
    render_text,
    run_test,
)

__all__ = [
    "SUFFIXES",
    "PolicyTest",
    "TestFileError",
    "TestResult",
    "discover",
    "load_file",
    "render_json",
    "render_text",
    "run_test",
]
