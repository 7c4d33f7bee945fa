"""An item as the policy format writes it, pinned onto the solver's variables: the other way from
`item.written`. With it the solver's reading of a rule can be held against the compiled rule's on
the same item (tests/test_verify_soundness.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import z3

from .item import MARKED, ROLES, SymbolicItem
from .values import real


def _text(item: SymbolicItem, text: str) -> z3.ArithRef:
    return item.names.term(text)


def _maybe(item: SymbolicItem, pair: tuple[z3.BoolRef, z3.ArithRef], value: Any) -> list[z3.BoolRef]:
    missing, var = pair
    if value is None:
        return [missing]
    return [z3.Not(missing), var == _text(item, str(value))]


def _number(pair: tuple[z3.BoolRef, z3.ArithRef], value: Any) -> list[z3.BoolRef]:
    missing, var = pair
    if value is None or value in MARKED:
        return [missing]
    return [z3.Not(missing), var == real(value)]


def _bits(bits: dict[str, z3.BoolRef], chosen: Any) -> list[z3.BoolRef]:
    chosen = set(chosen or ())
    return [bit if key in chosen else z3.Not(bit) for key, bit in bits.items()]


def pinned(item: SymbolicItem, written: dict[str, Any], lists: tuple[str, ...] = ()) -> list[z3.BoolRef]:
    """Constraints under which the symbolic item is `written`, on `lists`."""
    out: list[z3.BoolRef] = [item.id == _text(item, written["id"])]
    name = written.get("name") or {}
    out.append(item.name == _text(item, name.get("en") or name.get("zh") or written["id"]))
    for key in ("kind", "role", "tier"):
        out.append(getattr(item, key) == _text(item, written[key]))
    for key in ("category", "responsibility"):
        out.append(getattr(item, key) == _text(item, written.get(key) or ""))
    for key in ("owner", "issued_by", "via"):
        out += _maybe(item, getattr(item, key), written.get(key))
    out += _applicant(item, written.get("applicant"))
    requires = written.get("requires") or {}
    for role in ROLES:
        out += _bits(item.requires[role], requires.get(role))
    out += _bits(item.mobilises, written.get("mobilises"))
    out += _bits(item.co_handlers, [c["unit"] for c in written.get("co_handlers") or ()])
    cost = written.get("cost") or {}
    out += _number(item.numbers["cost.hours_per_month"], cost.get("hours_per_month"))
    out += _number(item.numbers["cost.yuan_per_year"], cost.get("yuan_per_year"))
    out += _funding(item, written.get("funding"))
    valid = written.get("valid") or {}
    for key, field in (("valid_from", "from"), ("valid_to", "to")):
        missing, var = item.days[key]
        day = valid.get(field)
        out += [missing] if day is None else [z3.Not(missing), var == date.fromisoformat(str(day)).toordinal()]
    basis = written.get("legal_basis")
    if isinstance(basis, dict):
        basis = basis.get("document")
    out += _maybe(item, item.legal_basis, None if basis in MARKED else basis)
    out += [bit if lst in lists else z3.Not(bit) for lst, bit in item.lists.items()]
    return out


def _applicant(item: SymbolicItem, party: Any) -> list[z3.BoolRef]:
    """One unit, or another party and the tiers it stands at (party_resolution.applicant_tiers)."""
    single = isinstance(party, str) or party is None
    out = _maybe(item, item.applicant, party if single else None)
    tiers = set() if single else _tiers(item, party)
    out.append(item.applicant_party if not single else z3.Not(item.applicant_party))
    return out + [bit if tier in tiers else z3.Not(bit) for tier, bit in item.applicant_tiers.items()]


def _tiers(item: SymbolicItem, party: Any) -> set[str]:
    if isinstance(party, str):
        unit = item.policy.units.get(party)
        return {unit.tier} if unit is not None else set()
    found = {party["tier"]} if "tier" in party else set()
    for part in (*party.get("any_of", ()), *party.get("all_of", ())):
        found |= _tiers(item, part)
    return found


def _funding(item: SymbolicItem, funding: Any) -> list[z3.BoolRef]:
    money, people = item.numbers["funding.money"], item.numbers["funding.people"]
    powers_null, bits = item.funding_powers
    if funding is None or funding in MARKED:
        # without funding the money and people are not stated; its powers are none, or null when marked
        return [money[0], people[0], powers_null if funding in MARKED else z3.Not(powers_null), *_bits(bits, ())]
    out = _number(money, funding.get("money_yuan_per_year", 0))
    out += _number(people, funding.get("people", 0))
    powers = funding.get("powers", ())
    if powers in MARKED:
        return [*out, powers_null]
    return [*out, z3.Not(powers_null), *_bits(bits, powers)]


__all__ = ["pinned"]
