"""Custom checks (PE900-PE999): rules whose clauses conclude `finding`, written by the policy's authors.

A rule an admission procedure uses is tried on the items that procedure governs; a named rule no
procedure uses, on every subject of its kind. A finding sits at the subject's declaration.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, TypeAlias, TypeVar

from ..diagnostics import Subject, Violation
from ..model import Item, Policy, PolicyList, Tier, Unit
from .context import Context

if TYPE_CHECKING:
    from ..rules.compiler import CompiledRule

# what a custom check can be about: the kinds a rule's subject names
Subjected: TypeAlias = Item | Unit | Tier | PolicyList
D = TypeVar("D", bound=Subjected)


def _in_order(table: Mapping[str, D]) -> list[D]:
    return [table[key] for key in sorted(table)]


def _subjects(policy: Policy, kind: str) -> list[Subjected]:
    tables: dict[str, Mapping[str, Subjected]] = {
        "item": policy.items,
        "unit": policy.units,
        "tier": policy.tiers,
        "list": policy.lists,
    }
    return _in_order(tables[kind])


def custom_findings(ctx: Context) -> Iterator[Violation]:
    policy, facts = ctx.policy, ctx.facts
    governance = ctx.governance
    checks: list[tuple[CompiledRule, list[Subjected]]] = []
    for procedure, rules in sorted(ctx.rules.criteria.items()):
        finding_rules = [rule for rule in rules if rule.finds]
        if finding_rules:
            governed: list[Subjected] = [
                item for item in _in_order(policy.items) if procedure in governance.governing(item, ctx.on)
            ]
            checks.extend((rule, governed) for rule in finding_rules)
    checks.extend((rule, _subjects(policy, rule.subject)) for rule in ctx.rules.checks if rule.finds)
    for rule, subjects in checks:
        for decl in subjects:
            outcome = rule.evaluate(facts, decl.id)
            # a finding always names its code: the rule language requires one
            if outcome is not None and outcome.kind == "finding" and outcome.code is not None:
                yield Violation(
                    outcome.code,
                    "custom",
                    decl.span,
                    Subject(rule.subject, decl.id),
                    {"message": outcome.reason, "severity": outcome.severity, "rule": rule.name},
                )
