"""Type-check a rule and compile it into closures: once, before any item is decided.

Each syntax node becomes a Python closure `fn(facts, env)`; nothing is evaluated from text.
Type errors are collected (all of them, not the first) as RuleTypeError entries (PE007).
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Callable
from datetime import date
from typing import Any, cast

from ..messages import Listed, msg
from . import ast
from .compiled import CompiledRule, Conclude, Env, Fn, Outcome, Scope, TypeProblem
from .conditions import constant_value, meaningful
from .facts import (
    ATTRIBUTES,
    ENTITIES,
    FUNCTIONS,
    Facts,
    element_type,
    entity_like,
    in_words,
    is_set,
    same_sets,
)
from .limits import MAX_DEPTH
from .operations import ARITHMETIC, SET_OPERATIONS, Operation, none, representable

SEVERITIES = ("error", "warning", "info")
# the parameters of a type problem that hold a type: said in words (`in_words`)
TYPED = frozenset({"type", "left", "right", "first", "second", "want"})
TRANSFER_KEYS = ("money", "people")


def _none_safe(op: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    return lambda a, b: None if a is None or b is None else op(a, b)


class Compiler:
    def __init__(self, subject: str = "item", rule_name: str = "criteria"):
        self.subject = subject
        self.rule_name = rule_name
        self.problems: list[TypeProblem] = []
        self.depth = 0  # how deep `expr` is: the parser bounds it; a tree built by hand may not be

    def problem(self, pos: ast.Pos, key: str, /, **params: object) -> None:
        if key not in ("group", "no_attribute"):  # there `type` is the start of a path (`item.cost`), as written
            params = {k: in_words(v) if k in TYPED and isinstance(v, str) else v for k, v in params.items()}
        self.problems.append(TypeProblem(pos, msg(f"rules.{key}", **params)))

    # -- rules ----------------------------------------------------------------------------------
    def rule(self, clauses: tuple[ast.Clause, ...]) -> CompiledRule:
        compiled = CompiledRule(self.rule_name, self.subject)
        self.finds = False
        scope = {self.subject: self.subject, "on": "date"}
        closed_by: ast.Pos | None = None
        for index, clause in enumerate(clauses):
            if closed_by is not None:
                self.problem(clause.pos, "unreachable_after")
            if clause.condition is None:
                condition = None
                closed_by = clause.pos
            else:
                ctype, condition = self.expr(clause.condition, scope)
                if ctype not in ("bool", "?"):
                    self.problem(clause.condition.pos, "condition", type=ctype)
                constant = _constant(clause.condition)
                if constant is True:
                    closed_by = clause.pos
                elif constant is False:
                    self.problem(clause.condition.pos, "unreachable_never")
            compiled.clauses.append((condition, self.action(clause.action, scope, index)))
        compiled.finds = self.finds
        return compiled

    def action(self, action: ast.Action, scope: Scope, index: int) -> Conclude:
        name, pos = self.rule_name, action.pos
        if action.kind == "reject":
            outcome = Outcome("reject", name, index, pos, reason=action.reason)
            return lambda f, env: outcome
        if action.kind == "finding":
            if action.severity not in SEVERITIES:
                self.problem(pos, "severity", severity=action.severity)
            self.finds = True
            outcome = Outcome(
                "finding", name, index, pos, reason=action.reason, code=action.code, severity=action.severity
            )
            return lambda f, env: outcome
        if not action.conditions:
            outcome = Outcome("admit", name, index, pos)
            return lambda f, env: outcome
        parts: list[tuple[str, Fn]] = []
        for cond in action.conditions:
            if cond.kind == "devolve":
                t, fn = self.expr(cond.args[0][1], scope)
                if t != "?" and same_sets(t, "set<string>") is None:
                    self.problem(cond.args[0][1].pos, "devolve", type=t)
                parts.append(("devolve", fn))
            elif cond.kind == "term":
                t, fn = self.expr(cond.args[0][1], scope)
                if t not in ("duration", "?"):
                    self.problem(cond.args[0][1].pos, "term", type=t)
                elif (days := constant_value(cond.args[0][1], fn)) is not None and days <= 0:
                    self.problem(cond.args[0][1].pos, "term_positive", days=days)
                parts.append(("term", fn))
            else:
                for key, value in cond.args:
                    t, fn = self.expr(value, scope)
                    if key not in TRANSFER_KEYS:
                        self.problem(value.pos, "transfer_key", key=key)
                    elif t not in ("number", "?"):
                        self.problem(value.pos, "transfer_number", key=key, type=t)
                    elif (amount := constant_value(value, fn)) is not None and amount < 0:
                        self.problem(value.pos, "transfer_negative", key=key, value=amount)
                    parts.append((key, fn))

        def conclude(f: Facts, env: Env) -> Outcome:
            values: dict[str, Any] = {"devolve": frozenset(), "money": 0.0, "people": 0.0, "term": None}
            for key, fn in parts:
                value = fn(f, env)
                # a policy's own number past a float's range, or a term or transfer computed out of its
                # range from the facts: cannot be judged, so it counts as null
                if not representable(value) or not meaningful(key, value):
                    value = None
                if key == "devolve":  # a null element (`{item.legal_basis}` without one) devolves nothing
                    values["devolve"] = values["devolve"] | {p for p in value or () if p is not None}
                elif key == "term":
                    values["term"] = value
                else:
                    values[key] = values[key] + (value or 0.0)
            return Outcome(
                "conditional",
                name,
                index,
                pos,
                devolve=values["devolve"],
                money=values["money"],
                people=values["people"],
                term_days=values["term"],
            )

        return conclude

    # -- expressions ------------------------------------------------------------------------------
    def expr(self, node: ast.Node, scope: Scope) -> tuple[str, Fn]:
        if self.depth >= MAX_DEPTH + 1:  # the parser's bound, plus the atom at the bottom
            self.problem(node.pos, "too_deep", limit=MAX_DEPTH)
            return "?", lambda f, env: None
        method: Callable[[ast.Node, Scope], tuple[str, Fn]] = getattr(self, "_" + type(node).__name__.lower())
        self.depth += 1
        try:
            return method(node, scope)
        finally:
            self.depth -= 1

    def _literal(self, node: ast.Literal, scope: Scope) -> tuple[str, Fn]:
        value = node.value
        if node.type == "date":
            try:
                date.fromisoformat(value)
            except ValueError:
                self.problem(node.pos, "date", value=value)
                return "date", lambda f, env: None
        return node.type, lambda f, env: value

    def _setlit(self, node: ast.SetLit, scope: Scope) -> tuple[str, Fn]:
        typed = [self.expr(e, scope) for e in node.elements]
        element = "any"
        for (t, _), e in zip(typed, node.elements, strict=True):
            if t == "?":
                continue
            if t not in ("string", "number", *ENTITIES):
                self.problem(e.pos, "set_element", type=t)
            elif element == "any":
                element = t
            elif element != t and not (entity_like(element) and entity_like(t)):
                self.problem(e.pos, "set_mix", first=element, second=t)
        fns = [fn for _, fn in typed]
        literals = [e for e in node.elements if isinstance(e, ast.Literal)]
        if len(literals) == len(node.elements):
            constant = frozenset(e.value for e in literals)
            return f"set<{element}>", lambda f, env: constant
        return f"set<{element}>", lambda f, env: frozenset(fn(f, env) for fn in fns)

    def _path(self, node: ast.Path, scope: Scope) -> tuple[str, Fn]:
        head = node.parts[0]
        if head not in scope:
            guess = difflib.get_close_matches(head, sorted(scope), n=1)
            known = Listed(tuple(sorted(scope)))
            hint = msg("rules.did_you_mean", guess=guess[0]) if guess else msg("rules.in_scope", names=known)
            self.problem(node.pos, "unknown_name", name=head, hint=hint)
            return "?", lambda f, env: None
        t: str = scope[head]
        getters: list[Callable[[Facts, Any], Any]] = []
        rest = list(node.parts[1:])
        positions = list(node.part_pos[1:]) if node.part_pos else [node.pos] * len(rest)
        while rest:
            if t not in ATTRIBUTES:
                self.problem(positions[0], "no_attributes", type=t, name=rest[0])
                return "?", lambda f, env: None
            table = ATTRIBUTES[t]
            size = _longest_match(table, rest)
            if size == 0:
                self._no_attribute(t, table, rest, positions)
                return "?", lambda f, env: None
            t, getter, _ = table[".".join(rest[:size])]
            getters.append(getter)
            rest, positions = rest[size:], positions[size:]

        if not getters:
            return t, lambda f, env: env[head]
        if len(getters) == 1:
            (g,) = getters
            return t, lambda f, env: g(f, env[head])

        def walk(f: Facts, env: Env) -> Any:
            value = env[head]
            for g in getters:
                if value is None:
                    return None
                value = g(f, value)
            return value

        return t, walk

    def _no_attribute(self, t: str, table: dict[str, Any], rest: list[str], positions: list[ast.Pos]) -> None:
        """No attribute of `t` starts the rest of the path. Some attribute names have a dot
        (`funding.people`): follow the path through such a group as far as it goes, and name the
        first part that fits nothing there, where it is written, with the names it could have been."""
        group = 0  # how many parts name a group: `funding` in `item.funding.peopel`
        while group < len(rest) and any(k.startswith(".".join(rest[: group + 1]) + ".") for k in table):
            group += 1
        prefix = ".".join(rest[:group])
        if group == len(rest):  # `item.cost`: a group, not a value
            fields = sorted(k for k in table if k.startswith(prefix + "."))
            self.problem(positions[0], "group", type=t, name=prefix, fields=Listed(tuple(fields)))
            return
        if group:
            names = sorted({k[len(prefix) + 1 :].split(".")[0] for k in table if k.startswith(prefix + ".")})
        else:
            names = sorted({k.split(".")[0] for k in table})
        guess = difflib.get_close_matches(rest[group], names, n=1)
        hint = msg("rules.did_you_mean", guess=guess[0]) if guess else msg("rules.known", names=Listed(tuple(names)))
        where = f"{t}.{prefix}" if group else t
        self.problem(positions[group], "no_attribute", type=where, name=rest[group], hint=hint)

    def _call(self, node: ast.Call, scope: Scope) -> tuple[str, Fn]:
        if node.name not in FUNCTIONS:
            self.problem(node.pos, "unknown_function", name=node.name, known=Listed(tuple(sorted(FUNCTIONS))))
            return "?", lambda f, env: None
        params, result, impl, _ = FUNCTIONS[node.name]
        if len(node.args) != len(params):
            self.problem(node.pos, "arity", name=node.name, want=len(params), got=len(node.args))
            return result, lambda f, env: None
        fns = []
        for arg, want in zip(node.args, params, strict=True):
            t, fn = self.expr(arg, scope)
            ok = t == "?" or want == "any" or t in want.split("|") or (want == "set" and is_set(t))
            if not ok:
                self.problem(arg.pos, "argument", name=node.name, want=want, type=t)
            fns.append(fn)
        if len(fns) == 1:
            (a,) = fns
            return result, lambda f, env: impl(f, a(f, env))
        return result, lambda f, env: impl(f, *(fn(f, env) for fn in fns))

    def _quant(self, node: ast.Quant, scope: Scope) -> tuple[str, Fn]:
        dtype, domain = self.expr(node.domain, scope)
        if dtype != "?" and not is_set(dtype):
            self.problem(node.domain.pos, "quantifier_set", kind=node.kind, type=dtype)
        element = element_type(dtype) if is_set(dtype) else "?"
        inner = {**scope, node.var: element}
        btype, body = self.expr(node.body, inner)
        if btype not in ("bool", "?"):
            self.problem(node.body.pos, "quantifier_body", kind=node.kind, type=btype)
        var, every = node.var, node.kind == "all"

        def quantify(f: Facts, env: Env) -> bool:
            values = domain(f, env) or ()
            local = dict(env)
            for value in sorted(values, key=str):  # a fixed order: pure and deterministic
                local[var] = value
                if (body(f, local) is True) != every:
                    return not every
            return every

        return "bool", quantify

    def _unary(self, node: ast.Unary, scope: Scope) -> tuple[str, Fn]:
        t, fn = self.expr(node.operand, scope)
        if node.op == "not":
            if t not in ("bool", "?"):
                self.problem(node.pos, "not", type=t)
            return "bool", lambda f, env: fn(f, env) is not True
        if t not in ("number", "duration", "?"):
            self.problem(node.pos, "minus", type=t)
        return t, lambda f, env: None if (v := fn(f, env)) is None else -v

    def _binary(self, node: ast.Binary, scope: Scope) -> tuple[str, Fn]:
        lt, left = self.expr(node.left, scope)
        rt, right = self.expr(node.right, scope)
        op = node.op
        if "?" in (lt, rt):
            return "bool", lambda f, env: None
        if op in ("==", "!="):
            comparable = (
                lt == rt
                or ("string" in (lt, rt) and entity_like(lt) and entity_like(rt))
                or same_sets(lt, rt) is not None
            )
            if not comparable:
                self.problem(node.pos, "compare", left=lt, right=rt)
            if op == "==":
                return "bool", lambda f, env: left(f, env) == right(f, env)
            return "bool", lambda f, env: left(f, env) != right(f, env)
        if op in ("<", "<=", ">", ">="):
            cmp = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}[op]
            ordered = lt == rt and lt in ("number", "date", "duration")
            if not ordered and same_sets(lt, rt) is None:
                self.problem(node.pos, "order", left=lt, right=rt)
            safe = _none_safe(cmp)
            return "bool", lambda f, env: safe(left(f, env), right(f, env)) is True
        if not is_set(rt) or not (
            element_type(rt) == "any" or element_type(rt) == lt or (entity_like(lt) and entity_like(element_type(rt)))
        ):
            self.problem(node.pos, "membership", left=lt, right=rt)
        if op == "in":
            return "bool", lambda f, env: (s := right(f, env)) is not None and left(f, env) in s
        return "bool", lambda f, env: (s := right(f, env)) is None or left(f, env) not in s

    def _chain(self, node: ast.Chain, scope: Scope) -> tuple[str, Fn]:
        """Typed and run left to right, in one loop: a chain costs no depth however long it is."""
        t, first = self.expr(node.first, scope)
        if node.rest[0][0] in ("and", "or"):
            return self._logic(node, t, first, scope)
        steps: list[tuple[Operation, Fn]] = []
        for op, pos, operand in node.rest:
            rt, right = self.expr(operand, scope)
            t, operation = self._arithmetic(pos, op, t, rt)
            steps.append((operation, right))

        def run(f: Facts, env: Env) -> Any:
            value = first(f, env)
            for operation, right in steps:
                value = operation(value, right(f, env))
            return value

        return t, run

    def _logic(self, node: ast.Chain, lt: str, first: Fn, scope: Scope) -> tuple[str, Fn]:
        """`and`, `or`: each operand true or false; null counts as not holding."""
        fns = [first]
        for op, pos, operand in node.rest:
            rt, right = self.expr(operand, scope)
            if "?" not in (lt, rt) and (lt != "bool" or rt != "bool"):
                self.problem(pos, "logic", op=op, left=lt, right=rt)
            lt = "bool"  # what the chain so far gives
            fns.append(right)
        if node.rest[0][0] == "and":
            return "bool", lambda f, env: all(fn(f, env) is True for fn in fns)
        return "bool", lambda f, env: any(fn(f, env) is True for fn in fns)

    def _arithmetic(self, pos: ast.Pos, op: str, lt: str, rt: str) -> tuple[str, Operation]:
        if "?" in (lt, rt):
            return "?", none
        if (op, lt, rt) in ARITHMETIC:
            return ARITHMETIC[(op, lt, rt)]
        common = same_sets(lt, rt)
        if common is not None and op in SET_OPERATIONS:
            return common, SET_OPERATIONS[op]
        self.problem(pos, "arithmetic", op=op, left=lt, right=rt)
        return "?", none


def _longest_match(table: dict[str, Any], parts: list[str]) -> int:
    """How many parts make the longest attribute name: `cost.hours_per_month` is one attribute."""
    for size in range(len(parts), 0, -1):
        if ".".join(parts[:size]) in table:
            return size
    return 0


def _constant(node: ast.Node) -> bool | None:
    """The value of a condition that does not depend on the policy, if it is that simple."""
    negated = False
    while isinstance(node, ast.Unary) and node.op == "not":
        negated, node = not negated, node.operand
    if isinstance(node, ast.Literal) and node.type == "bool":
        return cast(bool, node.value) != negated  # the parser gives a `bool` literal True or False
    return None


__all__ = ["CompiledRule", "Compiler", "Outcome", "TypeProblem"]
