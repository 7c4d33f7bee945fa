"""PE200: admission (准入) of items into a tier's lists."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Subject, Violation
from .context import Context


def _received(policy, item) -> bool:
    """A line item is received by its tier unless its owner department sits at that same tier."""
    owner = policy.units.get(item.owner) if item.owner else None
    return owner is None or owner.tier != item.tier


def no_admission_procedure(ctx: Context) -> Iterator[Violation]:
    """PE200: a tier receives line items but no admission procedure governs its lists."""
    policy = ctx.policy
    line_items = {i.id for i in policy.items.values() if i.kind == "line" and _received(policy, i)}
    line_categories = {c.id for c in policy.categories.values() if c.kind == "line"}
    for tier_id, tier in policy.tiers.items():
        procedures = [a for a in policy.admissions.values() if a.tier == tier_id]
        if any(not a.lists for a in procedures):
            continue  # a procedure without `lists` governs every list of its tier
        governed = {lst for a in procedures for lst in a.lists}
        lists = [lst for lst in policy.lists.values() if lst.tier == tier_id and lst.kind != "returned"]
        ungoverned = [lst for lst in lists if lst.id not in governed
                      and (set(lst.items) & line_items or set(lst.categories) & line_categories)]
        listed = {i for lst in policy.lists.values() if lst.tier == tier_id for i in lst.items}
        unlisted = [i for i in line_items if policy.items[i].tier == tier_id and i not in listed]
        count = len(unlisted) + sum(max(len(set(lst.items) & line_items), lst.stated_items or 0)
                                    for lst in ungoverned)
        if not ungoverned and not (unlisted and not procedures):
            continue
        names = [lst.id for lst in ungoverned]
        shown = ", ".join(f"'{n}'" for n in names) if names else "its lists"
        shown_zh = "、".join(f"“{n}”" for n in names) if names else "其清单"
        yield Violation("PE200", "missing", tier.span, Subject("tier", tier_id), {
            "tier": tier_id, "count": count, "lists": shown, "lists_zh": shown_zh})
