"""What every check receives: the policy, its graph and the check thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..graph import PolicyGraph
from ..model import Policy


@dataclass(frozen=True)
class Context:
    policy: Policy
    graph: PolicyGraph
    thresholds: Mapping[str, Mapping[str, Any]]

    def threshold(self, code: str, name: str) -> Any:
        return self.thresholds[code][name]
