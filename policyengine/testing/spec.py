"""What a policy test file holds, once read: tests, their expectations, and the results of running
them. Plain data; reading is `reading.py`, running `running.py`, reporting `reports.py`."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import STRUCTURAL
from ..diagnostics import Finding
from ..errors import InputError
from ..messages import Joined, Text, msg
from ..messages.catalogue import render

SUFFIXES = (".pe-test.yaml", ".pe-test.yml")
PASS, FAIL, ERROR = "pass", "fail", "error"
TEST_KEYS = ("test", "policy", "reform", "on", "config", "expect")
EXPECT_KEYS = ("findings", "absent", "counts", "exit", "admission")
MATCH_KEYS = ("code", "subject", "file", "line", "severity", "message")
DECISIONS = ("admitted", "conditional", "pending", "rejected", "unreviewed")
DECISION_KEYS = ("decision", "procedure", "rule", "reason", "devolve", "money", "people", "term_days")
SEVERITIES = ("error", "warning", "info")
CODE = re.compile(r"PE[0-9]{3}\Z")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# what decides admission: without these the policy has no decisions (as `policyengine admit`)
BLOCKING = (*STRUCTURAL, "PE006", "PE007")


class TestFileError(InputError):
    """A policy test file that is not valid: one line with its position, exit 2."""

    __test__ = False  # not a pytest test class


@dataclass(frozen=True)
class Matcher:
    """Matches findings by code and, when given, subject (`kind:id`), file, line, severity and a
    part of the message."""

    code: str
    at: tuple[int, int]  # (line, column) in the test file
    subject: tuple[str, str] | None = None
    file: str | None = None
    line: int | None = None
    severity: str | None = None
    message: str | None = None

    def matches(self, finding: Finding, base: str) -> bool:
        if finding.code != self.code:
            return False
        if self.subject is not None and (finding.subject.kind, finding.subject.id) != self.subject:
            return False
        if self.file is not None and not same_file(finding.span.file, self.file, base):
            return False
        if self.line is not None and finding.span.line != self.line:
            return False
        if self.severity is not None and finding.severity.label != self.severity:
            return False
        return self.message is None or self.message in finding.message

    def describe(self) -> Joined:
        parts: list[Text] = [self.code]
        if self.subject is not None:
            parts.append(msg("testing.match.on", kind=self.subject[0], id=self.subject[1]))
        if self.file is not None:
            parts.append(msg("testing.match.in", file=self.file))
        if self.line is not None:
            parts.append(msg("testing.match.line", line=self.line))
        if self.severity is not None:
            parts.append(msg("testing.match.severity", severity=self.severity))
        if self.message is not None:
            parts.append(msg("testing.match.message", message=self.message))
        return Joined(tuple(parts), "sep.space")


def same_file(found: str, expected: str, base: str) -> bool:
    """A finding's file is the expected one: the same file relative to the test file, or its path
    ends with the expected path as whole components (`items.yaml`, `h_district/items.yaml`)."""
    real = os.path.realpath(found)
    if real == os.path.realpath(os.path.join(base, expected)):
        return True
    parts, tail = Path(real).parts, Path(os.path.normpath(expected)).parts
    return len(tail) <= len(parts) and parts[len(parts) - len(tail) :] == tail


@dataclass(frozen=True)
class AdmissionExpectation:
    item: str
    at: tuple[int, int]
    fields: tuple[tuple[str, Any], ...]  # (field, expected value), `decision` first


@dataclass(frozen=True)
class PolicyTest:
    __test__ = False  # not a pytest test class

    name: str
    file: str  # the test file, as given
    line: int  # where the test starts in it
    column: int
    policy: tuple[str, ...]  # policy paths, resolved against the test file's directory
    reform: str | None
    on: str
    config: str | None
    findings: tuple[Matcher, ...] = ()
    absent: tuple[Matcher, ...] = ()
    counts: tuple[tuple[str, int, tuple[int, int]], ...] = ()  # (code, count, (line, column) in the test)
    exit: tuple[int, tuple[int, int]] | None = None  # (status, (line, column) in the test)
    admission: tuple[AdmissionExpectation, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Unmet:
    """One expectation not met: where it is written, what it expected and what was got."""

    file: str
    line: int
    column: int
    expectation: str  # findings, absent, counts, exit or admission
    expected: Text
    got: Text

    def message(self) -> Text:
        return msg("testing.unmet", expected=self.expected, got=self.got)


@dataclass(frozen=True)
class TestResult:
    __test__ = False  # not a pytest test class

    test: PolicyTest
    status: str  # pass, fail or error
    unmet: tuple[Unmet, ...] = ()
    error: InputError | None = None  # the policy or reform could not be read

    def detail(self, lang: str = "en") -> list[str]:
        """The lines that explain a failure or an error (none for a pass)."""
        if self.error is not None:
            return [self.error.render(lang)]
        return [f"{u.file}:{u.line}:{u.column}: {render(u.message(), lang)}" for u in self.unmet]
