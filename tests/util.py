"""Helpers for tests: write a policy to a temporary directory and lint it."""

from __future__ import annotations

import textwrap
from pathlib import Path

from policyengine.config import Config
from policyengine.lint import LintResult, lint_paths


def write_policy(root: Path, files: dict[str, str]) -> Path:
    """Write {relative name: YAML text} under root (text is dedented); return root."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def lint_files(root: Path, files: dict[str, str], config: Config | None = None, lang: str = "en") -> LintResult:
    return lint_paths([write_policy(root, files)], config, lang)


def located(result: LintResult, code: str | None = None) -> list[tuple[str, str, int, int]]:
    """(code, file name, line, column) of each finding, optionally of one code only."""
    return [
        (f.code, Path(f.span.file).name, f.span.line, f.span.column)
        for f in result.findings
        if code is None or f.code == code
    ]


def codes(result: LintResult) -> list[str]:
    return [f.code for f in result.findings]
