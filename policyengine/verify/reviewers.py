"""`item.reviewer` for the new item: the units the reviewers of the procedures governing it can mean
(party_resolution.py), written over the item's owner and applicant, which the solver chooses.

The new item's applicant is one unit or none (a rule reads any other party as null); with none, a
relation to the applicant's tier resolves against the procedure's own applicant, as `admit` does.
"""

from __future__ import annotations

import z3

from ..model import Policy
from ..parties import Party
from ..party_resolution import KIND_OF, applicant_tiers
from . import values as V
from .item import SymbolicItem
from .values import FALSE, TRUE

Bits = dict[str, z3.BoolRef]


def _merge(a: Bits, b: Bits) -> Bits:
    out = dict(a)
    for unit, bit in b.items():
        out[unit] = V.ors((out[unit], bit)) if unit in out else bit
    return out


def party_bits(policy: Policy, item: SymbolicItem, party: Party | None, applicant: Party | None) -> Bits:
    """For each unit, whether the party can mean it for the new item."""
    if party is None:
        return {}
    if party.unit is not None:
        return {party.unit: TRUE} if party.unit in policy.units else {}
    if party.any_of or party.all_of:
        found: Bits = {}
        for part in party.any_of or party.all_of:
            found = _merge(found, party_bits(policy, item, part, applicant))
        return found
    if party.relation is None:
        return {u.id: TRUE for u in policy.units.values() if u.tier == party.tier}
    names = item.names
    if party.relation == "item_owner":
        missing, owner = item.owner
        return {
            u.id: z3.And(z3.Not(missing), owner == names.of(u.id))
            for u in policy.units.values()
            if party.tier is None or u.tier == party.tier
        }
    if party.relation == "line_department":
        return {u.id: TRUE for u in policy.units.values() if u.kind == "functional_department"}
    kind = KIND_OF.get(party.relation, "")
    bodies = [u for u in policy.units.values() if u.kind == kind]
    if party.tier is not None:
        return {u.id: TRUE for u in bodies if u.tier == party.tier}
    fallback = applicant_tiers(policy, applicant)
    missing, own = item.applicant
    tiers = item.applicant_tiers
    at_no_tier = z3.Not(V.ors(tiers.values()))
    out: Bits = {}
    for u in bodies:
        # the item's applicant, when it names one unit, stands at that unit's tier; when it is another
        # party, at the tiers it names (any tier when it names none); without one, the procedure's counts
        at_tier = V.ors(own == names.of(a.id) for a in policy.units.values() if a.tier == u.tier)
        by_party = V.ors((at_no_tier, tiers.get(u.tier, FALSE)))
        otherwise = TRUE if fallback is None or u.tier in fallback else FALSE
        out[u.id] = z3.If(item.applicant_party, by_party, z3.If(missing, otherwise, at_tier))
    return out


__all__ = ["party_bits"]
