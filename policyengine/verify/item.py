"""The item no one has written yet: every field the policy format gives an item, as a z3 variable
ranging over what the schema allows and the policy's declarations resolve (a tier, unit, power or
category the policy declares; numbers within the schema's bounds), and the lists of its tier it is
on. `attribute` gives what a rule reads of it (rules/facts.py, `item`); `written` turns a solver's
model back into the YAML a policy would hold.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction
from typing import Any

import z3

from ..ids import is_id
from ..model import Policy
from . import values as V
from .values import FALSE, TEXT_BITS, TRUE, Members, Names, Val

KINDS = ("routine", "line", "temporary")
ROLES = ("handle", "report", "assist", "resolve_or_report")
RESPONSIBILITIES = ("territorial", "dual", "owner")
# the schema's bounds on an item's numbers (schemas/policy.schema.json)
BOUNDS = {
    "cost.hours_per_month": 744_000_000,
    "cost.yuan_per_year": 10**15,
    "funding.money": 10**15,
    "funding.people": 1_000_000,
}
FIRST_DAY, LAST_DAY = date.min.toordinal(), date.max.toordinal()
MARKED = ("unstated", "unknown")  # a legal basis written so is no basis (null)


class SymbolicItem:
    """One item, every field a variable; `constraints` keep it to what a policy may declare."""

    def __init__(self, policy: Policy, names: Names, tag: str = "item"):
        self.policy, self.names, self.tag = policy, names, tag
        self.constraints: list[z3.BoolRef] = []
        declared = (*policy.items, *policy.units, *policy.tiers, *policy.lists, *policy.powers, *policy.categories)
        for text in ("", *MARKED, *KINDS, *ROLES, *RESPONSIBILITIES, *declared):
            names.of(text)
        # an item's texts may be any text, a declared name or a word of the format too (an item named
        # "line", an item whose id is a unit's): only what the format itself rules out is excluded
        taken = ("", *policy.items)  # an id is never empty, nor another item's
        self.id = self._free("id", taken)
        self._ids_checked = 0  # the names `id_rules` has seen
        self.name = self._free("name", ("",))  # an empty name reads as the item's id
        self.legal_basis = (z3.Not(z3.Bool(f"{tag}.legal_basis.stated")), self._free("legal_basis", MARKED))
        self.kind = self._one_of("kind", KINDS)
        self.role = self._one_of("role", ROLES)
        self.responsibility = self._one_of("responsibility", ("", *RESPONSIBILITIES))
        self.category = self._one_of("category", ("", *sorted(policy.categories)))
        self.tier = self._one_of("tier", tuple(policy.tiers))
        self.owner = self._maybe("owner", tuple(policy.units))
        self.issued_by = self._maybe("issued_by", tuple(policy.tiers))
        self.via = self._maybe("via", tuple(policy.units))
        self.applicant = self._maybe("applicant", tuple(policy.units))
        # an applicant that is no single unit (`{tier: street}`, `any_of`): a rule reads it as null, but
        # a relation to the applicant's tier resolves against the tiers it stands at (none: any tier)
        self.applicant_party = z3.Bool(f"{tag}.applicant.party")
        self.applicant_tiers = self._bits("applicant.tiers", tuple(policy.tiers))
        self.constraints.append(z3.Implies(self.applicant_party, self.applicant[0]))
        self.constraints += [z3.Implies(bit, self.applicant_party) for bit in self.applicant_tiers.values()]
        self.powers = tuple(policy.powers)
        self.requires = {role: self._bits(f"requires.{role}", self.powers) for role in ROLES}
        self.mobilises = self._bits("mobilises", tuple(policy.units))
        self.co_handlers = self._bits("co_handlers", tuple(policy.units))
        self.numbers = {key: self._number(key, bound) for key, bound in BOUNDS.items()}
        self.funding_powers = (z3.Bool(f"{tag}.funding.powers.null"), self._bits("funding.powers", self.powers))
        self.days = {key: self._day(key) for key in ("valid_from", "valid_to")}
        # the lists of its own tier it is on (a list holds an item of another tier to no effect)
        self.lists = {lst.id: z3.Bool(f"{tag}.list.{lst.id}") for lst in policy.lists.values()}
        for lst in policy.lists.values():
            self.constraints.append(z3.Implies(self.lists[lst.id], self.tier == names.of(lst.tier)))
        self.reviewer: Callable[[], Val] | None = None  # given by the cascade: it depends on governance
        # what a rule reads, built once: `item.requires` is a term per power, and a rule that reads it
        # in every clause would otherwise build them all again in each (quadratic in clauses x powers)
        self._read: dict[str, Val] = {}

    # -- variables ---------------------------------------------------------------------------------
    def _free(self, key: str, excluded: tuple[str, ...]) -> z3.BitVecRef:
        """A text of the item's own: any text but the `excluded` ones (an index no name has is a text
        no one has used)."""
        var = z3.BitVec(f"{self.tag}.{key}", TEXT_BITS)
        self.constraints += [var != self.names.of(text) for text in excluded]
        return var

    def _one_of(self, key: str, options: tuple[str, ...]) -> z3.BitVecRef:
        var = z3.BitVec(f"{self.tag}.{key}", TEXT_BITS)
        self.constraints.append(V.ors(var == self.names.of(o) for o in options) if options else FALSE)
        return var

    def _maybe(self, key: str, options: tuple[str, ...]) -> tuple[z3.BoolRef, z3.BitVecRef]:
        var = z3.BitVec(f"{self.tag}.{key}", TEXT_BITS)
        missing = z3.Not(z3.Bool(f"{self.tag}.{key}.stated"))  # unstated unless the solver needs it
        self.constraints.append(z3.Or(missing, V.ors(var == self.names.of(o) for o in options)))
        return missing, var

    def _bits(self, key: str, options: tuple[str, ...]) -> dict[str, z3.BoolRef]:
        return {o: z3.Bool(f"{self.tag}.{key}.{o}") for o in options}

    def _number(self, key: str, bound: int) -> tuple[z3.BoolRef, z3.ArithRef]:
        var = z3.Real(f"{self.tag}.{key}")
        self.constraints += [var >= 0, var <= bound]
        return z3.Not(z3.Bool(f"{self.tag}.{key}.stated")), var

    def _day(self, key: str) -> tuple[z3.BoolRef, z3.ArithRef]:
        var = z3.Int(f"{self.tag}.{key}")
        self.constraints += [var >= FIRST_DAY, var <= LAST_DAY]
        return z3.Not(z3.Bool(f"{self.tag}.{key}.stated")), var

    def id_rules(self) -> list[z3.BoolRef]:
        """The id is an id, as the schema writes it: never a text named since last asked that is none
        (a rule's `item.id != "a b"` leaves no item uncovered, since no item has that id)."""
        strings = self.names.strings
        out = [self.id != i for i in range(self._ids_checked, len(strings)) if not is_id(strings[i])]
        self._ids_checked = len(strings)
        return out

    # -- what a rule reads -------------------------------------------------------------------------
    def ref(self) -> Val:
        return Val("item", FALSE, self.id)

    def attribute(self, path: str) -> Val | None:
        """What `item.<path>` is for this item (None: a field this model does not hold)."""
        found = self._read.get(path)
        if found is not None:
            return found
        reader = _READERS.get(path)
        if reader is None:
            return None
        found = reader(self)
        if path != "reviewer":  # the cascade gives the reviewer later; it is built when read
            self._read[path] = found
        return found

    def bit_sets(self, other: SymbolicItem) -> list[tuple[dict[str, z3.BoolRef], dict[str, z3.BoolRef]]]:
        """Each set-valued field beside the same field of the item under another policy: a power or
        unit only one policy declares is in neither."""
        pairs = [(self.requires[r], other.requires[r]) for r in ROLES]
        pairs += [(self.mobilises, other.mobilises), (self.co_handlers, other.co_handlers)]
        pairs.append((self.applicant_tiers, other.applicant_tiers))
        return [*pairs, (self.funding_powers[1], other.funding_powers[1])]

    def role_set(self, role: str | None) -> Val:
        if role is not None:
            return _bits_val("set<string>", self.requires[role])
        bits = {
            p: V.ors(z3.And(self.role == self.names.of(r), self.requires[r][p]) for r in ROLES) for p in self.powers
        }
        return Val("set<string>", FALSE, Members(bits))


def _bits_val(type_: str, bits: dict[str, z3.BoolRef], missing: z3.BoolRef = FALSE) -> Val:
    return Val(type_, missing, Members(dict(bits)))


def _scalar(type_: str, pair: tuple[z3.BoolRef, z3.ArithRef]) -> Val:
    return Val(type_, pair[0], pair[1])


def _all_required(item: SymbolicItem) -> Val:
    bits = {p: V.ors(item.requires[r][p] for r in ROLES) for p in item.powers}
    return Val("set<string>", FALSE, Members(bits))


def _reviewer(item: SymbolicItem) -> Val:
    return item.reviewer() if item.reviewer is not None else V.null("set<unit>")


_READERS: dict[str, Callable[[SymbolicItem], Val]] = {
    "id": lambda i: Val("string", FALSE, i.id),
    "name": lambda i: Val("string", FALSE, i.name),
    "kind": lambda i: Val("string", FALSE, i.kind),
    "role": lambda i: Val("string", FALSE, i.role),
    "responsibility": lambda i: Val("string", FALSE, i.responsibility),
    "category": lambda i: Val("string", FALSE, i.category),
    "tier": lambda i: Val("tier", FALSE, i.tier),
    "owner": lambda i: _scalar("unit", i.owner),
    "issued_by": lambda i: _scalar("tier", i.issued_by),
    "requires": lambda i: i.role_set(None),
    "requires_handle": lambda i: i.role_set("handle"),
    "requires_all": _all_required,
    "mobilises": lambda i: _bits_val("set<unit>", i.mobilises),
    "co_handlers": lambda i: _bits_val("set<unit>", i.co_handlers),
    "cost.hours_per_month": lambda i: _scalar("number", i.numbers["cost.hours_per_month"]),
    "cost.yuan_per_year": lambda i: _scalar("number", i.numbers["cost.yuan_per_year"]),
    "funding.money": lambda i: _scalar("number", i.numbers["funding.money"]),
    "funding.people": lambda i: _scalar("number", i.numbers["funding.people"]),
    "funding.powers": lambda i: _bits_val("set<string>", i.funding_powers[1], i.funding_powers[0]),
    "valid_from": lambda i: _scalar("date", i.days["valid_from"]),
    "valid_to": lambda i: _scalar("date", i.days["valid_to"]),
    "applicant": lambda i: _scalar("unit", i.applicant),
    "reviewer": _reviewer,
    "legal_basis": lambda i: _scalar("string", i.legal_basis),
    "via": lambda i: _scalar("unit", i.via),
}
READS = frozenset(_READERS)  # a test holds it equal to what rules can read of an item


# -- the model, written back ---------------------------------------------------------------------------
def written(
    item: SymbolicItem, model: z3.ModelRef, ident: str, title: dict[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """The item as the policy format writes it, and the lists it is on, from a solver's model."""
    names = item.names

    def val(term: z3.ExprRef) -> Any:
        return model.eval(term, model_completion=True)

    fresh: dict[int, str] = {}  # an index no name has: a text unlike every name, the same for equal indices

    def text(term: z3.ArithRef, invent: str = "") -> str:
        index = val(term).as_long()
        known = names.text(index)
        if known is not None:
            return known
        if index not in fresh:
            fresh[index] = _unlike(names, invent or f"text_{len(fresh) + 1}", set(fresh.values()))
        return fresh[index]

    def on(term: z3.BoolRef) -> bool:
        return bool(z3.is_true(val(term)))

    out: dict[str, Any] = {"id": text(item.id, ident)}
    name = text(item.name, title["en"])
    out["name"] = dict(title) if name == title["en"] else {"zh": name, "en": name}
    out["tier"] = text(item.tier)
    for key in ("kind", "role"):
        out[key] = text(getattr(item, key))
    for key in ("category", "responsibility"):
        if value := text(getattr(item, key)):
            out[key] = value
    for key in ("owner", "issued_by", "via", "applicant"):
        missing, var = getattr(item, key)
        if not on(missing):
            out[key] = text(var)
    if on(item.applicant_party):
        out["applicant"] = _party([t for t, bit in item.applicant_tiers.items() if on(bit)])
    requires = {r: [p for p, bit in item.requires[r].items() if on(bit)] for r in ROLES}
    if any(requires.values()):
        out["requires"] = {r: ps for r, ps in requires.items() if ps}
    if mobilised := [u for u, bit in item.mobilises.items() if on(bit)]:
        out["mobilises"] = mobilised
    if co := [u for u, bit in item.co_handlers.items() if on(bit)]:
        out["co_handlers"] = [{"unit": u} for u in co]
    cost = {
        k.split(".")[1]: _number(val(v)) for k, (m, v) in item.numbers.items() if k.startswith("cost.") and not on(m)
    }
    if cost:
        out["cost"] = cost
    if (funding := _funding(item, val, on)) is not None:
        out["funding"] = funding
    valid = {k: date.fromordinal(val(v).as_long()).isoformat() for k, (m, v) in item.days.items() if not on(m)}
    if valid:
        out["valid"] = {("from" if k == "valid_from" else "to"): d for k, d in valid.items()}
    missing, basis = item.legal_basis
    if not on(missing):
        cited = text(basis, "《示例文件》第一条")
        out["legal_basis"] = cited or {"document": cited}  # an empty citation is written as a source
    return out, [lst for lst, bit in item.lists.items() if on(bit)]


def _party(tiers: list[str]) -> Any:
    """An applicant that is no single unit, standing at these tiers (none: at no tier it names)."""
    if not tiers:
        return {"relation": "line_department"}
    if len(tiers) == 1:
        return {"tier": tiers[0]}
    return {"any_of": [{"tier": t} for t in tiers]}


def _unlike(names: Names, text: str, taken: set[str]) -> str:
    """`text`, or it with a number after it, so that it is no name the policy or its rules use and no
    other text invented for the same model."""
    found, n = text, 1
    while found in names.index or found in taken:
        n += 1
        found = f"{text}_{n}"
    return found


def _funding(item: SymbolicItem, val: Callable[[z3.ExprRef], Any], on: Callable[[z3.BoolRef], bool]) -> Any:
    """`funding` as written: absent when money and people are null and no power comes with it (how
    `admit` reads an item without funding); else each field, `unstated` where it is null."""
    money, people = item.numbers["funding.money"], item.numbers["funding.people"]
    powers_null, bits = item.funding_powers
    powers = [p for p, bit in bits.items() if on(bit)]
    if on(money[0]) and on(people[0]) and not on(powers_null) and not powers:
        return None
    out: dict[str, Any] = {}
    out["money_yuan_per_year"] = "unstated" if on(money[0]) else _number(val(money[1]))
    out["people"] = "unstated" if on(people[0]) else _number(val(people[1]))
    if on(powers_null):
        out["powers"] = "unstated"
    elif powers:
        out["powers"] = powers
    return out


def _number(value: z3.RatNumRef) -> int | float:
    exact = Fraction(value.as_fraction())
    if exact.denominator == 1:
        return int(exact)
    return float(exact)


__all__ = ["READS", "ROLES", "TRUE", "SymbolicItem", "written"]
