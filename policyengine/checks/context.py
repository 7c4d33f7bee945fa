"""What every check receives: the policy, its graph, its compiled rules, the date and the thresholds,
and the queries several checks share (the rule facts, who governs an item's admission, its decision,
the units a party can mean)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ..admission import Decision, Governance, decide_item, governance_of
from ..graph import PolicyGraph
from ..model import Item, Policy, Unit
from ..parties import Party
from ..party_resolution import reviewers, units_of
from ..rules.check import CompiledRules
from ..rules.facts import Facts
from ..staffing import Dismissal, dismissal_rules
from ..structurequeries import StructureQueries


@dataclass(frozen=True)
class Context:
    policy: Policy
    graph: PolicyGraph
    thresholds: Mapping[str, Mapping[str, Any]]
    rules: CompiledRules = field(default_factory=CompiledRules)
    on: str = field(default_factory=lambda: date.today().isoformat())

    def threshold(self, code: str, name: str) -> Any:
        return self.thresholds[code][name]

    @cached_property
    def facts(self) -> Facts:
        """The policy as the rule language sees it, built once for every check that evaluates rules."""
        return Facts(self.policy, self.graph, self.on)

    @cached_property
    def structure(self) -> StructureQueries:
        """Variants and instances, joint roles, and the powers held for one item (scoped grants, lines)."""
        return StructureQueries(self.graph)

    @property
    def governance(self) -> Governance:
        """Which admission procedures govern which item (indexed once per policy)."""
        return governance_of(self.policy)

    def decision(self, item: Item) -> Decision | None:
        """The item's admission decision, as `admit` makes it, or None when no procedure with criteria
        governs it or a rule is broken (PE200 and PE006/PE007 report those)."""

        def compute() -> Decision | None:
            procedures = self.governance.governing(item, self.on)
            if not procedures or any(p not in self.rules.criteria for p in procedures):
                return None  # unreviewed (PE200), or a broken rule (PE006/PE007): nothing to judge
            if not any(self.rules.criteria[p] for p in procedures) and item.id not in self.governance.records:
                return None  # procedures without criteria review by hand, and no record says what they decided
            return decide_item(self.policy, self.rules, self.facts, item, self.governance, self.on)

        found: Decision | None = self.graph.memo(("admission-decision", item.id, self.on, id(self.rules)), compute)
        return found

    def party_units(
        self, party: Party | None, item: Item | None = None, applicant: Party | None = None
    ) -> frozenset[str]:
        """The units a party can mean for an item and an applicant (`party_resolution`)."""
        return units_of(self.policy, party, item, applicant)

    def reviewers(self, item: Item, procedures: tuple[str, ...]) -> frozenset[str]:
        """The units the reviewers of these procedures can mean for the item."""
        return reviewers(self.policy, item, procedures)

    def dismissals(self, unit: Unit) -> tuple[Dismissal, ...]:
        """Every ground on which a unit's people may be dismissed, each with the regime it rests on: the
        unit's `staff.dismissal` rules, then the `dismissal` consequences of regimes assessing it."""
        return dismissal_rules(self.policy, unit)
