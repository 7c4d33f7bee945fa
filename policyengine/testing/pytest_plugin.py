"""A pytest plugin that collects policy test files (`*.pe-test.yaml`, `*.pe-test.yml`).

Registered as the `policyengine` pytest11 entry point, so installing grid-policyengine is enough:
`pytest` then collects every policy test file under its paths, one pytest item per test. A failure
shows the same report as `policyengine test` (each unmet expectation, expected vs got), without a
traceback; a test file that is not valid is a collection error of one line with its position.
Block it with `-p no:policyengine`; load it explicitly with `-p policyengine.testing.pytest_plugin`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ..printable import lines
from .testfile import ERROR, PolicyTest, TestFileError, TestResult, is_test_file, load_file, run_test

if TYPE_CHECKING:  # pytest's own names for these types are not public
    from _pytest._code.code import TerminalRepr, TracebackStyle


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> PolicyTestFile | None:
    if is_test_file(file_path.name):
        return PolicyTestFile.from_parent(parent, path=file_path)
    return None


class PolicyTestFailure(Exception):
    """A policy test with unmet expectations (or whose policy could not be read)."""

    def __init__(self, result: TestResult) -> None:
        super().__init__(result.test.name)
        self.result = result


class PolicyTestFile(pytest.File):
    def collect(self) -> Iterator[PolicyTestItem]:
        for test in load_file(self._display_path()):
            yield PolicyTestItem.from_parent(self, name=test.name, test=test)

    def _display_path(self) -> str:
        """The file relative to the invocation directory when below it, as `policyengine test` shows it."""
        try:
            return str(self.path.relative_to(self.config.invocation_params.dir))
        except ValueError:
            return str(self.path)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: TracebackStyle | None = None,  # Node's signature; Collector's own reads --tb instead
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, TestFileError):
            return f"policyengine: {excinfo.value.render('en')}"
        return super().repr_failure(excinfo)


class PolicyTestItem(pytest.Item):
    def __init__(self, *, test: PolicyTest, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.test = test

    def runtest(self) -> None:
        result = run_test(self.test)
        if result.status != "pass":
            raise PolicyTestFailure(result)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, PolicyTestFailure):
            result = excinfo.value.result
            head = "ERROR" if result.status == ERROR else "FAIL"
            return lines(
                [f"{head}  {result.test.name}  {result.test.where}", *(f"    {line}" for line in result.detail("en"))]
            ).rstrip("\n")
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[os.PathLike[str] | str, int | None, str]:
        return self.path, self.test.line - 1, f"policy test: {self.test.name}"
