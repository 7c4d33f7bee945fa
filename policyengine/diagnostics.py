"""Findings: what a check reports. A leaf module (it imports only the span and message types)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from .messages.core import Message
from .span import Span


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True)
class Subject:
    """What a finding is about: a declaration's kind and id (a file for file-level findings)."""

    kind: str
    id: str


@dataclass(frozen=True)
class Violation:
    """What a check yields: only what its message needs. The linter stamps severity and code."""

    code: str
    key: str  # which message template of the code
    span: Span
    subject: Subject
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, **overrides: object) -> Message:
        """What the violation says, not yet in a language: its check's template `CODE.KEY` and its
        parameters (`overrides` replace some, as a fingerprint blanks positions)."""
        return Message(f"{self.code}.{self.key}", {**self.params, **overrides})


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    subject: Subject
    # what the finding says, in English, without positions: what a fingerprint is made of
    identity: str = field(default="", compare=False)
    # for a declaration imported from a table, the cell its value came from (清单.xlsx!基本履职事项:C12)
    cell: str = field(default="", compare=False)

    def sort_key(self) -> tuple[str, int, int, str, str, str, str]:
        return (
            self.span.file,
            self.span.line,
            self.span.column,
            self.code,
            self.subject.kind,
            self.subject.id,
            self.message,
        )
