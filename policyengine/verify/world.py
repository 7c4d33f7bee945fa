"""What a rule reads, for the item no one has written yet and for everything the policy declares.

The declared units, tiers, lists and items are what they are: their attributes are read once through
the same getters a compiled rule uses (rules/facts.py) and become constants. Only the new item is
variable; an entity a rule reaches through it (`item.owner.kind`) is one of the declared ones, chosen
by the solver, so its attribute is a choice among constants. The new item is in `items(tier)`,
`tier.items` and `list.items` exactly when it is on that tier or list, as it would be once added.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import z3

from ..model import Policy
from ..rules.facts import ATTRIBUTES, Facts
from . import values as V
from .item import SymbolicItem
from .values import FALSE, Members, Names, Val


class Unencodable(Exception):
    """A construct the prover cannot write for the solver: the property it is in stays unknown."""

    def __init__(self, reason: str, where: Any = None):
        super().__init__(reason)
        self.reason, self.where = reason, where


class World:
    def __init__(self, policy: Policy, facts: Facts, names: Names, item: SymbolicItem):
        self.policy, self.facts, self.names, self.item = policy, facts, names, item
        self._cache: dict[tuple[str, str, str], Val] = {}
        self.declared = {
            "item": tuple(policy.items),
            "unit": tuple(policy.units),
            "tier": tuple(policy.tiers),
            "list": tuple(policy.lists),
        }

    # -- constants -------------------------------------------------------------------------------
    def lift(self, type_: str, value: Any) -> Val:
        """A value the policy states, as a constant of the rule language's type."""
        if value is None:
            return V.null(type_)
        if type_.startswith("set<"):
            return V.constant_set(self.names, type_, value)
        if type_ in ("number", "duration"):
            return V.number(type_, value)
        if type_ == "bool":
            return V.boolean(z3.BoolVal(bool(value)))
        if type_ == "date":
            try:
                return Val("date", FALSE, z3.IntVal(date.fromisoformat(str(value)).toordinal()))
            except ValueError:
                return V.null(type_)
        return V.name(self.names, type_, str(value))

    def declared_attribute(self, kind: str, ident: str, path: str) -> Val:
        key = (kind, ident, path)
        if key not in self._cache:
            type_, getter, _ = ATTRIBUTES[kind][path]
            self._cache[key] = self.lift(type_, getter(self.facts, ident))
        return self._cache[key]

    # -- attributes ------------------------------------------------------------------------------
    def is_new(self, ref: Val) -> bool:
        return ref.type == "item" and ref.v is self.item.id

    def attribute(self, kind: str, ref: Val, path: str) -> Val:
        """`ref.<path>` for an entity of `kind`: null when the reference is null or names nothing."""
        type_ = ATTRIBUTES[kind][path][0]
        if self.is_new(ref):
            return self._new_attribute(path)
        if ref.const is not None and z3.is_false(ref.null):
            return self._declared_or_new(kind, ref.const, path)
        cases: list[tuple[z3.BoolRef, Val]] = [(ref.null, V.null(type_))]
        if kind == "item":
            cases.append((ref.v == self.item.id, self._new_attribute(path)))
        cases += [(ref.v == self.names.term(c), self._declared_or_new(kind, c, path)) for c in self.declared[kind]]
        return V.choose(cases, V.null(type_))

    def _declared_or_new(self, kind: str, ident: str, path: str) -> Val:
        type_ = ATTRIBUTES[kind][path][0]
        if ident in self.declared[kind]:
            value = self.declared_attribute(kind, ident, path)
            if (kind, path) in (("tier", "items"), ("list", "items")):
                return self._with_new(value, self._holds_new(kind, ident))
            return value
        if kind == "item":  # a name no declared item has: the new item's, when its id is that text
            named = self.item.id == self.names.term(ident)
            return V.choose([(named, self._new_attribute(path))], V.null(type_))
        return V.null(type_)

    def _new_attribute(self, path: str) -> Val:
        found = self.item.attribute(path)
        if found is None:
            raise Unencodable(f"item.{path}")
        return found

    def _holds_new(self, kind: str, ident: str) -> z3.BoolRef:
        if kind == "list":
            return self.item.lists.get(ident, FALSE)
        return self.item.tier == self.names.term(ident)

    def _with_new(self, value: Val, holds: z3.BoolRef) -> Val:
        if z3.is_true(value.null):
            return value
        members: Members = value.v
        return Val(value.type, value.null, Members(members.known, (*members.computed, (holds, self.item.ref()))))

    # -- functions -------------------------------------------------------------------------------
    def powers(self, holder: Val) -> Val:
        """`powers(x)`: a null holder holds nothing (the empty set, not null), as `Facts.powers`."""
        empty = V.constant_set(self.names, "set<string>", ())
        kind = "unit" if holder.type == "unit" else "tier"
        return self._choose_declared(kind, holder, "powers", empty)

    def units(self, tier: Val) -> Val:
        return self._choose_declared("tier", tier, "units", V.null("set<unit>"))

    def items(self, tier: Val) -> Val:
        return self._choose_declared("tier", tier, "items", V.null("set<item>"))

    def parent(self, tier: Val) -> Val:
        return self._choose_declared("tier", tier, "parent", V.null("tier"))

    def _choose_declared(self, kind: str, ref: Val, path: str, when_null: Val) -> Val:
        if ref.const is not None and z3.is_false(ref.null):
            if ref.const not in self.declared[kind]:
                return when_null if path == "powers" else V.null(when_null.type)
            return self._declared_or_new(kind, ref.const, path)
        cases: list[tuple[z3.BoolRef, Val]] = [(ref.null, when_null)]
        cases += [(ref.v == self.names.term(c), self._declared_or_new(kind, c, path)) for c in self.declared[kind]]
        return V.choose(cases, when_null if path == "powers" else V.null(when_null.type))
