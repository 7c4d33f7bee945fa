"""`diff`: what a reform changes in the policy, and which findings it fixes and introduces."""

from __future__ import annotations

import json

from ..diagnostics import Finding
from ..messages.catalogue import render as say
from ..messages.catalogue import text
from ..printable import lines
from ..result import LintResult
from .json_format import entry


def _key(f: Finding) -> tuple[str, str, str, str]:
    return (f.code, f.subject.kind, f.subject.id, f.message)


def compare(before: LintResult, after: LintResult) -> tuple[list[Finding], list[Finding], int]:
    old = {_key(f): f for f in before.findings}
    new = {_key(f): f for f in after.findings}
    fixed = [old[k] for k in sorted(old.keys() - new.keys())]
    introduced = [new[k] for k in sorted(new.keys() - old.keys())]
    return fixed, introduced, len(old.keys() & new.keys())


def render(before: LintResult, after: LintResult, fmt: str, lang: str) -> str:
    fixed, introduced, kept = compare(before, after)
    changes = [(op, target, say(detail, lang)) for op, target, detail in after.changes]
    if fmt == "json":
        doc = {
            "version": 1,
            "changes": [{"operation": op, "target": target, "detail": detail} for op, target, detail in changes],
            "fixed": [entry(f) for f in fixed],
            "introduced": [entry(f) for f in introduced],
            "summary": {"fixed": len(fixed), "introduced": len(introduced), "unchanged": kept},
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    out = [text("formats.diff.changes", lang, n=len(changes))]
    out += [f"  {op:<13} {target}" + (f"  {detail}" if detail else "") for op, target, detail in changes]
    out.append(text("formats.diff.fixed", lang, n=len(fixed)))
    out += [f"  - {f.code} {f.subject.kind} {f.subject.id}: {f.message}" for f in fixed]
    out.append(text("formats.diff.introduced", lang, n=len(introduced)))
    out += [f"  + {f.code} {f.subject.kind} {f.subject.id}: {f.message}  ({f.span})" for f in introduced]
    out.append(text("formats.diff.summary", lang, fixed=len(fixed), introduced=len(introduced), kept=kept))
    return lines(out)  # targets and messages carry the policy's text: one line each
