"""Which admission procedures govern which item: one definition for `admit`, the checks and the rules.

A procedure governs the lists it names in `lists`, whatever their tier (a county body may review the
grid's list), and without `lists` every list of its own tier (`Admission.governs`). An item is
governed by the procedures governing a list of its own tier that holds it, and by the procedures of
its tier without `lists` (which govern it even when no list holds it). A procedure out of force on
the judged date governs nothing that day.
"""

from __future__ import annotations

import weakref

from .approvals import Approval
from .model import Admission, Item, Policy


class Governance:
    """Which procedures govern which item, indexed once: the lists holding each item, the procedures
    naming each list, the procedures without `lists` per tier."""

    def __init__(self, policy: Policy):
        self.holding: dict[str, set[str]] = {}
        for lst in policy.lists.values():
            for item_id in lst.items:
                if item_id in policy.items and policy.items[item_id].tier == lst.tier:
                    self.holding.setdefault(item_id, set()).add(lst.id)
        self.order = {adm.id: index for index, adm in enumerate(policy.admissions.values())}
        self.by_list: dict[str, list[Admission]] = {}
        self.by_tier: dict[str, list[Admission]] = {}  # the procedures without `lists`
        for adm in policy.admissions.values():
            if adm.lists:
                for lst_id in adm.lists:
                    self.by_list.setdefault(lst_id, []).append(adm)
            else:
                self.by_tier.setdefault(adm.tier, []).append(adm)

        self.records: dict[str, list[Approval]] = {}  # item id -> its approval records, in declared order
        for record in policy.approvals:
            self.records.setdefault(record.item, []).append(record)

    def governing(self, item: Item, on: str | None = None) -> list[str]:
        """The procedures that govern an item, in declared order; with `on`, only those in force that day."""
        found = {adm.id: adm for adm in self.by_tier.get(item.tier, ())}
        for lst_id in self.holding.get(item.id, ()):
            found.update((adm.id, adm) for adm in self.by_list.get(lst_id, ()))
        return sorted((i for i, adm in found.items() if adm.in_force(on)), key=self.order.__getitem__)


_INDEXES: dict[int, tuple[weakref.ref[Policy], Governance]] = {}  # id(policy) -> (the policy, its index)


def governance_of(policy: Policy) -> Governance:
    """The policy's governance index, built once per policy object (policies are immutable)."""
    key = id(policy)
    entry = _INDEXES.get(key)
    if entry is not None and entry[0]() is policy:
        return entry[1]
    index = Governance(policy)

    def forget(_ref: weakref.ref[Policy], k: int = key) -> None:
        _INDEXES.pop(k, None)

    _INDEXES[key] = (weakref.ref(policy, forget), index)
    return index


def governing(policy: Policy, item: Item, on: str | None = None) -> list[str]:
    """The procedures that govern one item (with `on`: those in force on that date)."""
    return governance_of(policy).governing(item, on)
