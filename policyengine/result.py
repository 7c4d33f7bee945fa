"""What a lint gives back: its findings, the files read and what the checks ran on. A leaf module:
the formatters read it without loading the linter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .diagnostics import Finding, Severity
from .messages.core import Text
from .source import SourceFile

if TYPE_CHECKING:  # what the checks ran on, kept for `why`; the formatters never look at it
    from .config import Config
    from .model import Policy
    from .rules.check import CompiledRules


@dataclass(frozen=True)
class LintResult:
    findings: list[Finding]
    files: list[SourceFile]
    policy: Policy | None
    rules: CompiledRules | None = None
    changes: tuple[tuple[str, str, Text], ...] = ()  # what a reform did: (operation, target, detail)
    suppressed: int = 0  # findings silenced by comments in the policy's files
    baselined: int = 0  # findings left out because a baseline already holds them
    on: str = ""  # the date grants were judged on (YYYY-MM-DD)
    config: Config | None = None  # what the checks ran with: `why` asks them again with the same

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, level: Severity) -> bool:
        return any(f.severity >= level for f in self.findings)
