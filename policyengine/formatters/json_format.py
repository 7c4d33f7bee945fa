"""Machine-readable findings: a stable, versioned JSON document."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..checks.base import Step
from ..diagnostics import Finding, Severity
from ..result import LintResult
from .text import Style

VERSION = 1


def entry(f: Finding) -> dict[str, Any]:
    """A finding as the JSON formats write it (lint, diff)."""
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.label,
        "message": f.message,
        "file": f.span.file,
        "line": f.span.line,
        "column": f.span.column,
        "subject": {"kind": f.subject.kind, "id": f.subject.id},
        **({"cell": f.cell} if f.cell else {}),
    }


def document(result: LintResult, chain: Callable[[Finding], list[Step]] | None = None) -> dict[str, Any]:
    """`chain` (lint --explain) adds each finding's chain of steps under "chain", as `why` gives it."""
    return {
        "version": VERSION,
        "findings": [{**entry(f), **({"chain": chain(f)} if chain is not None else {})} for f in result.findings],
        "summary": {
            **{s.label: result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
            "files": len(result.files),
            "suppressed": result.suppressed,
            "baselined": result.baselined,
        },
    }


def render(
    result: LintResult,
    lang: str = "en",
    style: Style | None = None,
    chain: Callable[[Finding], list[Step]] | None = None,
) -> str:
    return json.dumps(document(result, chain), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
