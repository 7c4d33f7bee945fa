"""A party resolved to the units it can mean, for one item and its applicant.

A party names units directly, by tier, or by relation to the item and the applicant:

- a unit id: that unit (nothing, when no such unit is declared: PE004 reports it);
- `{tier: T}`: every unit at tier T;
- `item_owner`: the item's `owner` (nothing when the item names none, or no item is in view);
- `line_department`: every unit of kind `functional_department`;
- `grid_body`: every unit of kind `governance_centre` at the applicant's tier;
- `applicant_tier_government`: every unit of kind `government` at the applicant's tier;
- a relation with `tier: T`: only the units at T (for the last two, T replaces the applicant's tier);
- `any_of` / `all_of`: the units any member can mean (an assessor or approver is "the reviewer"
  when it is one of the bodies reviewing together, as much as when it is one alternative).

The applicant is the item's `applicant`, or else the `applicant` of the procedure in view. When no
applicant is known, a relation to the applicant's tier can mean the body of its kind at any tier:
the resolution gives every unit the party can mean, so that a check asking "is this unit the
reviewer?" never reports a unit the document may well mean.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Item, Policy
from .parties import Party

KIND_OF = {"grid_body": "governance_centre", "applicant_tier_government": "government"}


def applicant_tiers(policy: Policy, applicant: Party | None) -> frozenset[str] | None:
    """The tiers an applicant party stands at (None when unknown: no party, or only relations)."""
    if applicant is None:
        return None
    tiers: set[str] = set()
    for part in applicant.parts():
        if part.unit is not None and part.unit in policy.units:
            tiers.add(policy.units[part.unit].tier)
        elif part.tier is not None:
            tiers.add(part.tier)
    return frozenset(tiers) or None


def _of_kind(policy: Policy, kind: str, tiers: Iterable[str] | None) -> set[str]:
    wanted = None if tiers is None else set(tiers)
    return {u.id for u in policy.units.values() if u.kind == kind and (wanted is None or u.tier in wanted)}


def _relation(policy: Policy, party: Party, item: Item | None, applicant: Party | None) -> set[str]:
    relation = party.relation
    if relation == "item_owner":
        owner = item.owner if item is not None else None
        found = {owner} if owner is not None and owner in policy.units else set()
    elif relation == "line_department":
        found = _of_kind(policy, "functional_department", None)
    else:
        if party.tier is not None:
            return _of_kind(policy, KIND_OF.get(relation or "", ""), (party.tier,))
        return _of_kind(policy, KIND_OF.get(relation or "", ""), applicant_tiers(policy, applicant))
    return {u for u in found if party.tier is None or policy.units[u].tier == party.tier}


def units_of(
    policy: Policy, party: Party | None, item: Item | None = None, applicant: Party | None = None
) -> frozenset[str]:
    """The units a party can mean for an item (None: no item in view) and an applicant (default: the
    item's own `applicant`)."""
    if party is None:
        return frozenset()
    who = item.applicant if item is not None and item.applicant is not None else applicant
    if party.unit is not None:
        return frozenset({party.unit}) if party.unit in policy.units else frozenset()
    if party.any_of or party.all_of:
        found: set[str] = set()
        for part in party.any_of or party.all_of:
            found |= units_of(policy, part, item, who)
        return frozenset(found)
    if party.relation is not None:
        return frozenset(_relation(policy, party, item, who))
    return frozenset(u.id for u in policy.units.values() if u.tier == party.tier)


def reviewers(policy: Policy, item: Item, procedures: Iterable[str]) -> frozenset[str]:
    """The units the reviewers of these procedures can mean for the item: `item.reviewer`."""
    found: set[str] = set()
    for pid in procedures:
        adm = policy.admissions.get(pid)
        if adm is not None:
            found |= units_of(policy, adm.reviewer, item, adm.applicant)
    return frozenset(found)
