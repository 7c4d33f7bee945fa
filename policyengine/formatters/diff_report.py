"""`diff`: what a reform changes in the policy, and which findings it fixes, changes and introduces.

A finding before the reform and one after are the same finding when they have the same fingerprint
(code, subject and English message with positions and numbers left out, as a baseline matches
them); if its message still differs (a count, a date), it is *changed*. A finding left unmatched
on both sides with the same code and subject is *changed* too (its wording differs more: PE203
naming one missing safeguard instead of two). What is left is *fixed* (only before) or
*introduced* (only after). Pairs are made in position order, so the result is the same in both
languages and on every run.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Finding
from ..fingerprint import base
from ..messages.catalogue import render as say
from ..messages.catalogue import text
from ..messages.core import Text
from ..printable import lines
from ..result import LintResult
from ..textwidth import display_width, pad
from .json_format import entry


def _order(f: Finding) -> tuple[str, str, str, str]:
    return (f.code, f.subject.kind, f.subject.id, f.message)


@dataclass
class Comparison:
    fixed: list[Finding] = field(default_factory=list)
    changed: list[tuple[Finding, Finding]] = field(default_factory=list)  # (before, after)
    introduced: list[Finding] = field(default_factory=list)
    unchanged: int = 0


def _pair(
    before: list[Finding], after: list[Finding], key: Callable[[Finding], Hashable]
) -> tuple[list[tuple[Finding, Finding]], list[Finding], list[Finding]]:
    """Findings with equal keys paired in position order; the rest of each side."""
    waiting: dict[Hashable, list[Finding]] = defaultdict(list)
    for f in sorted(after, key=Finding.sort_key, reverse=True):
        waiting[key(f)].append(f)
    pairs, alone = [], []
    for f in sorted(before, key=Finding.sort_key):
        match = waiting.get(key(f))
        if match:
            pairs.append((f, match.pop()))
        else:
            alone.append(f)
    return pairs, alone, [f for found in waiting.values() for f in found]


def comparison(before: LintResult, after: LintResult) -> Comparison:
    pairs, old, new = _pair(before.findings, after.findings, base)
    same_subject, old, new = _pair(old, new, lambda f: (f.code, f.subject.kind, f.subject.id))
    out = Comparison(sorted(old, key=_order), introduced=sorted(new, key=_order))
    for was, now in pairs + same_subject:
        if was.message == now.message:
            out.unchanged += 1
        else:
            out.changed.append((was, now))
    out.changed.sort(key=lambda pair: _order(pair[1]))
    return out


def render(
    before: LintResult,
    after: LintResult,
    fmt: str,
    lang: str,
    said: Callable[[str, str, Text], tuple[str, str, str]] | None = None,
    subject: Callable[[str, str], str] | None = None,
) -> str:
    """The comparison; in the text format `said` (naming.said_change with the policy's names) says each
    change in `lang` and `subject` (naming.said_subject) each finding's subject by its kind and name; JSON
    keeps the operation, target and subject as the reform file and the policy write them."""
    diff = comparison(before, after)
    changes = [(op, target, say(detail, lang)) for op, target, detail in after.changes]
    if said is not None:  # the detail with ids named, in JSON too; the operation and target as written
        changes = [(op, target, said(op, target, detail)[2]) for op, target, detail in after.changes]
    if fmt == "json":
        doc: dict[str, Any] = {
            "version": 1,
            "changes": [{"operation": op, "target": target, "detail": detail} for op, target, detail in changes],
            "fixed": [entry(f) for f in diff.fixed],
            "changed": [{"before": entry(was), "after": entry(now)} for was, now in diff.changed],
            "introduced": [entry(f) for f in diff.introduced],
            "summary": {
                "fixed": len(diff.fixed),
                "changed": len(diff.changed),
                "introduced": len(diff.introduced),
                "unchanged": diff.unchanged,
            },
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if said is not None:
        changes = [said(op, target, detail) for op, target, detail in after.changes]
    out = [text("formats.diff.changes", lang, n=len(changes))]
    op_width = max([13, *(display_width(op) for op, _, _ in changes)])  # the targets in one column
    out += [f"  {pad(op, op_width)} {target}" + (f"  {detail}" if detail else "") for op, target, detail in changes]

    def about(f: Finding) -> str:
        return subject(f.subject.kind, f.subject.id) if subject else f"{f.subject.kind} {f.subject.id}"

    out.append(text("formats.diff.fixed", lang, n=len(diff.fixed)))
    out += [f"  - {f.code} {about(f)}: {f.message}" for f in diff.fixed]
    out.append(text("formats.diff.changed", lang, n=len(diff.changed)))
    for was, now in diff.changed:
        out.append(f"  ~ {now.code} {about(now)}: {was.message}")
        out.append(f"    → {now.message}  ({now.span})")
    out.append(text("formats.diff.introduced", lang, n=len(diff.introduced)))
    out += [f"  + {f.code} {about(f)}: {f.message}  ({f.span})" for f in diff.introduced]
    counts = {"fixed": len(diff.fixed), "changed": len(diff.changed), "introduced": len(diff.introduced)}
    out.append(text("formats.diff.summary", lang, **counts, kept=diff.unchanged))
    return lines(out)  # targets and messages carry the policy's text: one line each
