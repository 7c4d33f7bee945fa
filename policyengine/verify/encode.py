"""A rule's expression as a z3 term: node for node what the compiled closure computes (rules/compiler.py,
rules/operations.py), null and all. The rule has been type-checked before it gets here (a policy whose
rules have errors is not verified), so each node's type is the compiler's.

What the encoding assumes, said once: numbers are exact (a rule's `0.1` is the binary value `admit`
holds, and sums and products are exact where floating point would round in the 16th digit); a number
beyond a float's range is null, as in `admit`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from fractions import Fraction

import z3

from ..rules import ast
from ..rules.facts import ATTRIBUTES, same_sets
from . import values as V
from .item import FIRST_DAY, LAST_DAY
from .values import FALSE, TRUE, Members, Val
from .world import Unencodable, World

Env = dict[str, Val]
LARGEST = V.real(Fraction(sys.float_info.max))  # past it a float is infinite: `admit` reads null


def _shape(x: object) -> object:
    """An expression as nested tuples, positions left out: equal for the same expression written twice."""
    if isinstance(x, ast.Node):
        return (type(x).__name__, *(_shape(getattr(x, f.name)) for f in fields(x) if f.compare))
    if isinstance(x, tuple):
        return tuple(_shape(e) for e in x if not isinstance(e, ast.Pos))
    return x


class Encoder:
    def __init__(self, world: World):
        self.world, self.names = world, world.names
        # Terms of the expressions read against `shared` (the cascade's item and date), by their shape
        # without positions, so `item.requires <= powers(item.tier)` written in many clauses is
        # encoded once, where each copy would rebuild a term per power the policy declares.
        self.shared: Env | None = None
        self._memo: dict[object, Val] = {}

    def expr(self, node: ast.Node, env: Env) -> Val:
        key = _shape(node) if env is self.shared else None
        if key is not None and (found := self._memo.get(key)) is not None:
            return found
        method: Callable[[ast.Node, Env], Val] | None = getattr(self, "_" + type(node).__name__.lower(), None)
        if method is None:
            raise Unencodable(type(node).__name__, node.pos)
        value = method(node, env)
        if key is not None:
            self._memo[key] = value
        return value

    def holds(self, node: ast.Node, env: Env) -> z3.BoolRef:
        """Whether a condition holds (`is True`: null and false do not)."""
        value = self.expr(node, env)
        return z3.And(z3.Not(value.null), value.v) if not z3.is_false(value.null) else value.v

    # -- leaves ------------------------------------------------------------------------------------
    def _literal(self, node: ast.Literal, env: Env) -> Val:
        if node.type in ("number", "duration"):
            return V.number(node.type, node.value)
        if node.type == "bool":
            return V.boolean(z3.BoolVal(bool(node.value)))
        if node.type == "date":
            try:
                return Val("date", FALSE, z3.IntVal(date.fromisoformat(node.value).toordinal()))
            except ValueError:
                return V.null("date")
        return V.name(self.names, node.type, node.value)

    def _setlit(self, node: ast.SetLit, env: Env) -> Val:
        elements = [self.expr(e, env) for e in node.elements]
        element_type = next((e.type for e in elements), "any")
        known: dict[V.Key, z3.BoolRef] = {}
        computed: list[tuple[z3.BoolRef, Val]] = []
        for e in elements:
            if e.const is not None and z3.is_false(e.null):
                known[e.const] = TRUE
            elif z3.is_true(e.null):
                known[None] = TRUE
            else:
                computed.append((TRUE, e))
        return Val(f"set<{element_type}>", FALSE, Members(known, tuple(computed)))

    def _path(self, node: ast.Path, env: Env) -> Val:
        value = env[node.parts[0]]
        rest = list(node.parts[1:])
        while rest:
            table = ATTRIBUTES.get(value.type)
            if table is None:
                raise Unencodable(".".join(node.parts), node.pos)
            size = next((n for n in range(len(rest), 0, -1) if ".".join(rest[:n]) in table), 0)
            if size == 0:
                raise Unencodable(".".join(node.parts), node.pos)
            value = self.world.attribute(value.type, value, ".".join(rest[:size]))
            rest = rest[size:]
        return value

    def _call(self, node: ast.Call, env: Env) -> Val:
        args = [self.expr(a, env) for a in node.args]
        world = self.world
        if node.name == "powers":
            return world.powers(args[0])
        if node.name in ("units", "items", "parent"):
            found: Val = getattr(world, node.name)(args[0])
            return found
        if node.name == "count":
            (s,) = args
            return Val("number", s.null, V.count(self.names, s.v))
        if node.name == "stated":
            return V.boolean(z3.Not(args[0].null))
        if node.name in ("min", "max"):
            a, b = args
            pick = a.v <= b.v if node.name == "min" else a.v >= b.v
            return Val("number", z3.Or(a.null, b.null), z3.If(pick, a.v, b.v))
        raise Unencodable(f"{node.name}()", node.pos)

    def _quant(self, node: ast.Quant, env: Env) -> Val:
        domain = self.expr(node.domain, env)
        element_type = domain.type[4:-1] if domain.type.startswith("set<") else "any"
        members: Members = domain.v
        cases: list[tuple[z3.BoolRef, Val]] = [
            (bit, V.null(element_type) if key is None else self._constant(element_type, key))
            for key, bit in members.known.items()
        ]
        cases += list(members.computed)
        every = node.kind == "all"
        terms = []
        for guard, element in cases:
            body = self.holds(node.body, {**env, node.var: element})
            terms.append(z3.Implies(guard, body) if every else z3.And(guard, body))
        if every:
            return V.boolean(V.ors((domain.null, V.ands(terms))))
        return V.boolean(V.ands((z3.Not(domain.null), V.ors(terms))))

    def _constant(self, type_: str, key: V.Key) -> Val:
        if isinstance(key, Fraction):
            return V.number("number", key)
        return V.name(self.names, type_, str(key))

    # -- operators ---------------------------------------------------------------------------------
    def _unary(self, node: ast.Unary, env: Env) -> Val:
        if node.op == "not":
            return V.boolean(z3.Not(self.holds(node.operand, env)))
        value = self.expr(node.operand, env)
        return Val(value.type, value.null, -value.v)

    def _binary(self, node: ast.Binary, env: Env) -> Val:
        left, right = self.expr(node.left, env), self.expr(node.right, env)
        op = node.op
        if op in ("==", "!="):
            same = V.equal(self.names, left, right)
            return V.boolean(same if op == "==" else z3.Not(same))
        if op in ("in", "notin"):
            inside = V.member(self.names, left, right)
            if op == "in":
                return V.boolean(V.ands((z3.Not(right.null), inside)))
            return V.boolean(V.ors((right.null, z3.Not(inside))))
        both = V.ands((z3.Not(left.null), z3.Not(right.null)))
        if V.is_set(left):
            return V.boolean(V.ands((both, self._set_order(op, left, right))))
        compare = {
            "<": lambda a, b: a < b,
            "<=": lambda a, b: a <= b,
            ">": lambda a, b: a > b,
            ">=": lambda a, b: a >= b,
        }
        return V.boolean(V.ands((both, compare[op](left.v, right.v))))

    def _set_order(self, op: str, a: Val, b: Val) -> z3.BoolRef:
        if op in (">", ">="):
            a, b, op = b, a, "<" if op == ">" else "<="
        inside = V.subset(self.names, a, b)
        return inside if op == "<=" else z3.And(inside, z3.Not(V.subset(self.names, b, a)))

    def _chain(self, node: ast.Chain, env: Env) -> Val:
        first = node.rest[0][0]
        if first in ("and", "or"):
            terms = [self.holds(node.first, env), *(self.holds(operand, env) for _, _, operand in node.rest)]
            return V.boolean(V.ands(terms) if first == "and" else V.ors(terms))
        value = self.expr(node.first, env)
        for op, _, operand in node.rest:
            value = self.arithmetic(op, value, self.expr(operand, env))
        return value

    def arithmetic(self, op: str, a: Val, b: Val) -> Val:
        """One step of `+ - * /`, as rules/operations.py's table runs it: null in, null out."""
        nul = V.ors((a.null, b.null))
        if V.is_set(a):
            members = V.union(a.v, b.v) if op == "+" else V.difference(self.names, a, b)
            return Val(same_sets(a.type, b.type) or a.type, nul, members)  # `{} + item.mobilises` is a set of units
        if a.type == "date":
            if b.type == "date":  # the days between two dates
                return Val("duration", nul, z3.ToReal(a.v - b.v))
            moved = a.v + z3.ToInt(b.v if op == "+" else -b.v)  # timedelta keeps whole days: the floor
            out = z3.Or(moved < FIRST_DAY, moved > LAST_DAY)
            return Val("date", V.ors((nul, out)), moved)
        if op == "/":
            result = a.v / z3.If(b.v == 0, z3.RealVal(1), b.v)
            nul = V.ors((nul, b.v == 0))
        else:
            result = {"+": a.v + b.v, "-": a.v - b.v, "*": a.v * b.v}[op]
        type_ = "duration" if "duration" in (a.type, b.type) else "number"
        return Val(type_, V.ors((nul, result > LARGEST, result < -LARGEST)), result)
