"""Machine-readable findings: a stable, versioned JSON document."""

from __future__ import annotations

import json

from ..diagnostics import Severity
from ..lint import LintResult

VERSION = 1


def document(result: LintResult) -> dict:
    return {
        "version": VERSION,
        "findings": [
            {"code": f.code, "name": f.name, "severity": f.severity.label, "message": f.message,
             "file": f.span.file, "line": f.span.line, "column": f.span.column,
             "subject": {"kind": f.subject.kind, "id": f.subject.id}}
            for f in result.findings
        ],
        "summary": {**{s.label: result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
                    "files": len(result.files), "suppressed": result.suppressed, "baselined": result.baselined},
    }


def render(result: LintResult, lang: str = "en", style=None) -> str:
    return json.dumps(document(result), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
