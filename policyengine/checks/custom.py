"""Custom checks (PE900-PE999): rules whose clauses conclude `finding`, written by the policy's authors.

A rule an admission procedure uses is tried on the items that procedure governs; a named rule no
procedure uses, on every subject of its kind. A finding sits at the subject's declaration.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Subject, Violation
from .context import Context


def _subjects(policy, kind: str):
    table = {"item": policy.items, "unit": policy.units, "tier": policy.tiers, "list": policy.lists}[kind]
    return [table[key] for key in sorted(table)]


def custom_findings(ctx: Context) -> Iterator[Violation]:
    policy, facts = ctx.policy, ctx.facts
    governance = ctx.governance
    checks: list[tuple[object, list]] = []
    for procedure, rules in sorted(ctx.rules.criteria.items()):
        finding_rules = [rule for rule in rules if rule.finds]
        if finding_rules:
            governed = [item for item in _subjects(policy, "item") if procedure in governance.governing(item, ctx.on)]
            checks.extend((rule, governed) for rule in finding_rules)
    checks.extend((rule, _subjects(policy, rule.subject)) for rule in ctx.rules.checks if rule.finds)
    for rule, subjects in checks:
        for decl in subjects:
            outcome = rule.evaluate(facts, decl.id)
            if outcome is not None and outcome.kind == "finding":
                yield Violation(
                    outcome.code,
                    "custom",
                    decl.span,
                    Subject(rule.subject, decl.id),
                    {"message": outcome.reason, "severity": outcome.severity, "rule": rule.name},
                )
