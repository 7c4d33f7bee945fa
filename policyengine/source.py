"""A file as read: its path, its text and, for YAML, its documents. A leaf module."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .span import Span

POLICY_SUFFIXES = (".yaml", ".yml")
RULES_SUFFIX = ".rules"  # rule-language files: named admission rules and custom checks


def is_rules_file(path: str) -> bool:
    return path.endswith(RULES_SUFFIX)


@dataclass
class SourceFile:
    path: str
    text: str
    documents: list[Any] = field(default_factory=list)
    starts: list[Span] = field(default_factory=list)  # where each document begins: its `---`, or its first node

    def start(self, index: int) -> Span:
        """Where document `index` begins (the file's start when not known)."""
        return self.starts[index] if index < len(self.starts) else Span(self.path, 1, 1)

    def line(self, number: int) -> str:
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else ""
