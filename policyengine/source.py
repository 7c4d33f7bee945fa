"""A file as read: its path, its text and, for YAML, its documents. A leaf module."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

POLICY_SUFFIXES = (".yaml", ".yml")
RULES_SUFFIX = ".rules"  # rule-language files: named admission rules and custom checks


def is_rules_file(path: str) -> bool:
    return path.endswith(RULES_SUFFIX)


@dataclass
class SourceFile:
    path: str
    text: str
    documents: list[Any] = field(default_factory=list)

    def line(self, number: int) -> str:
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else ""
