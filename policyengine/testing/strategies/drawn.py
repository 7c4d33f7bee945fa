"""What a policy's sections have drawn so far, for later sections to refer to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Entry = dict[str, Any]  # one entry of a section (a tier, an item...), as plain data


@dataclass
class Drawn:
    """What later sections may refer to: the ids drawn so far."""

    policy: dict[str, Any] = field(default_factory=dict)
    powers: list[str] = field(default_factory=list)
    tiers: list[Entry] = field(default_factory=list)
    tier_ids: list[str] = field(default_factory=list)
    unit_ids: list[str] = field(default_factory=list)
    category_ids: list[str] = field(default_factory=list)
    items: list[Entry] = field(default_factory=list)
    item_ids: list[str] = field(default_factory=list)
    list_ids: list[str] = field(default_factory=list)
