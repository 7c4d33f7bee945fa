"""`diff`: what a reform changes in the policy, and which findings it fixes and introduces."""

from __future__ import annotations

import json

from ..lint import LintResult

LABELS = {
    "en": {"changes": "Structural changes ({n}):", "fixed": "Findings fixed ({n}):", "introduced": "Findings introduced ({n}):",
           "summary": "{fixed} fixed, {introduced} introduced, {kept} unchanged"},
    "zh": {"changes": "结构变化({n} 项):", "fixed": "消除的诊断({n} 条):", "introduced": "新增的诊断({n} 条):",
           "summary": "消除 {fixed} 条,新增 {introduced} 条,未变 {kept} 条"},
}


def _key(f) -> tuple:
    return (f.code, f.subject.kind, f.subject.id, f.message)


def compare(before: LintResult, after: LintResult) -> tuple[list, list, int]:
    old = {_key(f): f for f in before.findings}
    new = {_key(f): f for f in after.findings}
    fixed = [old[k] for k in sorted(old.keys() - new.keys())]
    introduced = [new[k] for k in sorted(new.keys() - old.keys())]
    return fixed, introduced, len(old.keys() & new.keys())


def render(before: LintResult, after: LintResult, fmt: str, lang: str) -> str:
    fixed, introduced, kept = compare(before, after)
    if fmt == "json":
        def entry(f):
            return {"code": f.code, "name": f.name, "severity": f.severity.label, "message": f.message,
                    "file": f.span.file, "line": f.span.line, "column": f.span.column,
                    "subject": {"kind": f.subject.kind, "id": f.subject.id}}
        doc = {"version": 1,
               "changes": [{"operation": op, "target": target, "detail": detail} for op, target, detail in after.changes],
               "fixed": [entry(f) for f in fixed], "introduced": [entry(f) for f in introduced],
               "summary": {"fixed": len(fixed), "introduced": len(introduced), "unchanged": kept}}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    text = LABELS[lang]
    out = [text["changes"].format(n=len(after.changes))]
    out += [f"  {op:<13} {target}" + (f"  {detail}" if detail else "") for op, target, detail in after.changes]
    out.append(text["fixed"].format(n=len(fixed)))
    out += [f"  - {f.code} {f.subject.kind} {f.subject.id}: {f.message}" for f in fixed]
    out.append(text["introduced"].format(n=len(introduced)))
    out += [f"  + {f.code} {f.subject.kind} {f.subject.id}: {f.message}  ({f.span})" for f in introduced]
    out.append(text["summary"].format(fixed=len(fixed), introduced=len(introduced), kept=kept))
    return "\n".join(out) + "\n"
