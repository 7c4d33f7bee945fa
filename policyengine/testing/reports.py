"""The report of a run of policy tests: text (a line per test, its unmet expectations under it) or JSON."""

from __future__ import annotations

import json
from typing import Any

from ..messages.catalogue import render, text
from ..printable import lines
from .spec import ERROR, FAIL, PASS, TestResult


def _summary(results: list[TestResult]) -> dict[str, int]:
    return {
        "tests": len(results),
        "passed": sum(r.status == PASS for r in results),
        "failed": sum(r.status == FAIL for r in results),
        "errors": sum(r.status == ERROR for r in results),
    }


def render_text(results: list[TestResult], lang: str = "en") -> str:
    """One line per test (`PASS  NAME  FILE:LINE`), each unmet expectation below a failure, a summary."""
    out = []
    for r in results:
        out.append(f"{text(f'testing.status.{r.status}', lang)}{r.test.name}  {r.test.where}")
        out.extend(f"    {line}" for line in r.detail(lang))
    counts = _summary(results)
    out.append(
        text(
            "testing.summary",
            lang,
            n=counts["tests"],
            passed=counts["passed"],
            failed=counts["failed"],
            errors=counts["errors"],
        )
    )
    return lines(out)  # a test's name and an unmet expectation's values are the file's text: one line each


def document(results: list[TestResult], lang: str = "en") -> dict[str, Any]:
    return {
        "version": 1,
        "tests": [
            {
                "name": r.test.name,
                "file": r.test.file,
                "line": r.test.line,
                "status": r.status,
                "unmet": [
                    {
                        "file": u.file,
                        "line": u.line,
                        "column": u.column,
                        "expectation": u.expectation,
                        "expected": render(u.expected, lang),
                        "got": render(u.got, lang),
                    }
                    for u in r.unmet
                ],
                "error": r.error.render(lang) if r.error else None,
            }
            for r in results
        ],
        "summary": _summary(results),
    }


def render_json(results: list[TestResult], lang: str = "en") -> str:
    return json.dumps(document(results, lang), ensure_ascii=False, indent=2) + "\n"


def exit_status(results: list[TestResult]) -> int:
    """0 every test passed, 1 a test failed, 2 a test could not run (its policy or reform is unreadable)."""
    if any(r.status == ERROR for r in results):
        return 2
    return 1 if any(r.status == FAIL for r in results) else 0
