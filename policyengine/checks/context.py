"""What every check receives: the policy, its graph, its compiled rules, the date and the thresholds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Mapping

from ..graph import PolicyGraph
from ..model import Policy
from ..rules.check import CompiledRules
from ..rules.facts import Facts


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
