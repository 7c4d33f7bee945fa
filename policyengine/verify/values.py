"""Symbolic values of the rule language: what an expression is for an item no one has written yet.

A value is null or not (`null`, a z3 Bool; null means absent, unstated or unknown, as in `admit`) and,
when it is not, holds `v`: a number or a duration (in days) is a z3 Real, exact; a date is a z3 Int,
the day's ordinal; a boolean is a z3 Bool; a string or an entity's id is a z3 bit-vector, its index in the
`Names` table, since a rule asks nothing of a string but whether it equals another; a set is
`Members`. Every operation here is the one the compiled rule runs (rules/operations.py,
rules/compiler.py), written over z3 terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import z3

TRUE, FALSE = z3.BoolVal(True), z3.BoolVal(False)
# A text is a bit-vector, not an integer: a rule only asks whether two texts are equal, and the
# solver settles `x == 7` among many such tests by its Boolean search, where an integer's bounds
# would be related to one another (1,000 tests of one category cost it quadratically)
TEXT_BITS = 32


Key = str | Fraction | None  # a constant element of a set: a name, a number, or null


class Names:
    """Every string a policy and its rules can mention, numbered; an index no name has is a string
    none of them is (a fresh one), which is how the solver says "any other text"."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.strings: list[str] = []

    def of(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.strings)
            self.strings.append(text)
        return found

    def term(self, text: str) -> z3.BitVecRef:
        return z3.BitVecVal(self.of(text), TEXT_BITS)

    def text(self, index: int) -> str | None:
        return self.strings[index] if 0 <= index < len(self.strings) else None


@dataclass(frozen=True)
class Members:
    """A set: the elements known by value, each with whether it is in the set, and the elements
    computed (a set literal holding `item.owner`), each with its guard."""

    known: Mapping[Any, z3.BoolRef]  # by Key: a name, a number or null
    computed: tuple[tuple[z3.BoolRef, Val], ...] = ()


@dataclass(frozen=True)
class Val:
    type: str
    null: z3.BoolRef
    v: Any = None
    const: Any = None  # the value when it is a constant (a name, a number), for lookups without a solver


def ors(terms: Iterable[z3.BoolRef]) -> z3.BoolRef:
    found = [t for t in terms if not z3.is_false(t)]
    return FALSE if not found else found[0] if len(found) == 1 else z3.Or(*found)


def ands(terms: Iterable[z3.BoolRef]) -> z3.BoolRef:
    found = [t for t in terms if not z3.is_true(t)]
    return TRUE if not found else found[0] if len(found) == 1 else z3.And(*found)


def real(value: float | int | Fraction) -> z3.ArithRef:
    exact = Fraction(value)
    return z3.RealVal(f"{exact.numerator}/{exact.denominator}")


def null(type_: str) -> Val:
    return Val(type_, TRUE, _placeholder(type_))


def _placeholder(type_: str) -> Any:
    if type_.startswith("set<"):
        return Members({})
    if type_ in ("number", "duration"):
        return z3.RealVal(0)
    if type_ == "bool":
        return FALSE
    if type_ == "date":
        return z3.IntVal(-1)
    return z3.BitVecVal(2**TEXT_BITS - 1, TEXT_BITS)


def boolean(term: z3.BoolRef) -> Val:
    return Val("bool", FALSE, term)


def name(names: Names, type_: str, text: str) -> Val:
    return Val(type_, FALSE, names.term(text), const=text)


def number(type_: str, value: float | int | Fraction) -> Val:
    return Val(type_, FALSE, real(value), const=Fraction(value))


def is_set(value: Val) -> bool:
    return value.type.startswith("set<")


# -- equality and sets ------------------------------------------------------------------------------
def same_key(names: Names, element: Val, key: Key) -> z3.BoolRef:
    """Whether an element is the constant `key` (null is only null)."""
    if key is None:
        return element.null
    if element.const is not None:
        return TRUE if element.const == key and z3.is_false(element.null) else FALSE
    target = names.term(key) if isinstance(key, str) else real(key)
    return z3.And(z3.Not(element.null), element.v == target)


def equal(names: Names, a: Val, b: Val) -> z3.BoolRef:
    """`a == b` as Python compares: null equals null and nothing else."""
    if a.const is not None and b.const is not None and z3.is_false(a.null) and z3.is_false(b.null):
        return z3.BoolVal(a.const == b.const)
    core = subset(names, a, b) if is_set(a) else a.v == b.v
    if is_set(a):
        core = z3.And(core, subset(names, b, a))
    if z3.is_false(a.null) and z3.is_false(b.null):
        return core
    return z3.Or(z3.And(a.null, b.null), z3.And(z3.Not(a.null), z3.Not(b.null), core))


def member(names: Names, element: Val, container: Val) -> z3.BoolRef:
    """Whether `element` is in the (non-null part of the) set."""
    members: Members = container.v
    if element.const is not None and z3.is_false(element.null):
        hits = [members.known.get(element.const, FALSE)]
    else:
        hits = [z3.And(bit, same_key(names, element, key)) for key, bit in members.known.items()]
    hits += [z3.And(guard, equal(names, element, other)) for guard, other in members.computed]
    return ors(hits)


def subset(names: Names, a: Val, b: Val) -> z3.BoolRef:
    """Every element of a is in b (their null flags are the caller's)."""
    ma: Members = a.v
    terms = [z3.Implies(bit, member(names, _key_val(names, b.type, key), b)) for key, bit in ma.known.items()]
    terms += [z3.Implies(guard, member(names, element, b)) for guard, element in ma.computed]
    return ands(terms)


def _key_val(names: Names, set_type: str, key: Key) -> Val:
    element = set_type[4:-1]
    if key is None:
        return null(element)
    if isinstance(key, Fraction):
        return number("number", key)
    return name(names, element, key)


def union(a: Members, b: Members) -> Members:
    known = dict(a.known)
    for key, bit in b.known.items():
        known[key] = ors((known[key], bit)) if key in known else bit
    return Members(known, a.computed + b.computed)


def difference(names: Names, a: Val, b: Val) -> Members:
    ma: Members = a.v
    known = {key: ands((bit, z3.Not(member(names, _key_val(names, b.type, key), b)))) for key, bit in ma.known.items()}
    computed = tuple((ands((guard, z3.Not(member(names, e, b)))), e) for guard, e in ma.computed)
    return Members(known, computed)


def count(names: Names, members: Members) -> z3.ArithRef:
    """How many distinct elements: a computed element counts unless an element before it is equal."""
    terms: list[z3.ArithRef] = [z3.If(bit, z3.RealVal(1), z3.RealVal(0)) for bit in members.known.values()]
    seen: list[tuple[z3.BoolRef, Val]] = []
    for guard, element in members.computed:
        earlier = [z3.And(bit, same_key(names, element, key)) for key, bit in members.known.items()]
        earlier += [z3.And(g, equal(names, element, other)) for g, other in seen]
        terms.append(z3.If(ands((guard, z3.Not(ors(earlier)))), z3.RealVal(1), z3.RealVal(0)))
        seen.append((guard, element))
    return z3.Sum(*terms) if terms else z3.RealVal(0)


def constant_set(names: Names, type_: str, values: Iterable[Any]) -> Val:
    """A set the policy states (a tier's powers): each of its elements known and in it."""
    # in a fixed order: a set's own order follows the process's string hashing, and the solver's
    # answer follows the order its terms are built in
    return Val(type_, FALSE, Members({_key(v): TRUE for v in sorted(values, key=str)}))


def _key(value: Any) -> Key:
    if value is None or isinstance(value, str):
        return value
    return Fraction(value)


# -- choosing between values ------------------------------------------------------------------------
def choose(cases: list[tuple[z3.BoolRef, Val]], otherwise: Val) -> Val:
    """The value of the first case whose condition holds, else `otherwise`: one value, any type."""
    result = otherwise
    for condition, value in reversed(cases):
        if z3.is_true(condition):
            result = value
        elif not z3.is_false(condition):
            result = _ite(condition, value, result)
    return result


def _ite(c: z3.BoolRef, a: Val, b: Val) -> Val:
    if a is b:
        return a
    nul = a.null if a.null.eq(b.null) else z3.If(c, a.null, b.null)
    const = a.const if a.const is not None and a.const == b.const else None
    if is_set(a):
        ma, mb = a.v, b.v
        known = {k: z3.If(c, ma.known.get(k, FALSE), mb.known.get(k, FALSE)) for k in {**ma.known, **mb.known}}
        computed = tuple((z3.And(c, g), e) for g, e in ma.computed) + tuple(
            (z3.And(z3.Not(c), g), e) for g, e in mb.computed
        )
        return Val(a.type, nul, Members(known, computed))
    value = a.v if a.v.eq(b.v) else z3.If(c, a.v, b.v)
    return Val(a.type, nul, value, const=const)
