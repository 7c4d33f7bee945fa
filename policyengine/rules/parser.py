"""Rule text -> syntax tree, with lark (LALR, positions kept). Syntax errors are RuleSyntaxError, and so
is a rule past one of the bounds in `limits`: checked on the raw text before lark lexes it, and on
the parse tree before anything walks it recursively."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal, NoReturn, cast, overload

from lark import Lark, Token, Transformer_NonRecursive, Tree, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, VisitError
from lark.tree import Meta

from ..errors import PolicyEngineError
from ..messages import Joined, Message, Quoted, msg
from . import ast
from .limits import Breach, number_breach, text_breach, tree_breach


class RuleSyntaxError(PolicyEngineError):
    """A rule that does not parse (PE006). Line and column are inside the rule text."""

    def __init__(self, message: Message, line: int, column: int):
        super().__init__(message.key)
        self.message, self.line, self.column = message, line, column


@lru_cache(maxsize=1)
def _lark() -> Lark:
    return Lark.open_from_package(
        "policyengine.rules",
        "grammar.lark",
        start=["rules", "clauses", "expression"],
        parser="lalr",
        lexer="basic",
        propagate_positions=True,
        maybe_placeholders=True,
    )


# keywords that are also names where an expression wants one (an invariant reads `term` and `rule`)
KEYWORD_NAMES = ("_TERM", "_RULE")

# the escapes a string literal may hold (docs/rules.md): any other backslash is an error, never dropped
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(token: Token, shift: int = 0) -> str:
    """A string literal's text. An unknown escape is a syntax error at its backslash: `"\\r"` read as
    `r` would change the text silently. The grammar keeps a literal on one line, and ends none on a
    lone backslash."""
    body, out, i = token[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt not in ESCAPES:
                line, column = (token.line or 1) + shift, (token.column or 1) + 1 + i
                raise RuleSyntaxError(msg("rules.escape", char=nxt), line, column)
            out.append(ESCAPES[nxt])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


_UNITS = {"h": 1 / 24, "d": 1, "w": 7, "mo": 30, "y": 365}


Parsed = tuple[ast.Rule, ...] | tuple[ast.Clause, ...] | ast.Node  # what `rules`, `clauses`, `expression` give


@v_args(meta=True)
class _ToAst(Transformer_NonRecursive[Token, Parsed]):
    """Parse tree -> ast nodes, without recursion. Durations are kept in days. Positions are moved
    down by `shift` lines: the text is a piece of a file that starts below its first line."""

    def __init__(self, shift: int = 0):
        super().__init__()
        self.shift = shift

    def _pos(self, meta_or_token: Meta | Token) -> ast.Pos:
        line = getattr(meta_or_token, "line", 1) or 1
        return ast.Pos(line + self.shift, getattr(meta_or_token, "column", 1) or 1)

    def _number(self, token: Token, digits: str) -> float | int:
        """The value of a number, or of a duration's count: refused past its bound, before `int()`
        (which refuses thousands of digits with its own error) or `float()` (which gives inf)."""
        too_long = number_breach(digits)
        if too_long is not None:
            at = self._pos(token)
            raise RuleSyntaxError(too_long, at.line, at.column)
        return float(digits) if "." in digits else int(digits)

    def rules(self, meta: Meta, children: list[Any]) -> tuple[ast.Rule, ...]:
        return tuple(children)

    def rule(self, meta: Meta, children: list[Any]) -> ast.Rule:
        name, title, subject, clauses = children
        return ast.Rule(
            self._pos(meta),
            str(name),
            _unquote(title, self.shift) if title else None,
            str(subject) if subject else "item",
            clauses,
        )

    def clauses(self, meta: Meta, children: list[Any]) -> tuple[ast.Clause, ...]:
        return tuple(children)

    def expression(self, meta: Meta, children: list[Any]) -> ast.Node:
        node: ast.Node = children[0]
        return node

    def when(self, meta: Meta, children: list[Any]) -> ast.Clause:
        return ast.Clause(self._pos(meta), children[0], children[1])

    def otherwise(self, meta: Meta, children: list[Any]) -> ast.Clause:
        return ast.Clause(self._pos(meta), None, children[0])

    def admit(self, meta: Meta, children: list[Any]) -> ast.Action:
        return ast.Action(self._pos(meta), "admit", conditions=children[0] or ())

    def reject(self, meta: Meta, children: list[Any]) -> ast.Action:
        return ast.Action(self._pos(meta), "reject", reason=_unquote(children[0], self.shift))

    def finding(self, meta: Meta, children: list[Any]) -> ast.Action:
        code, severity, message = children
        return ast.Action(
            self._pos(meta), "finding", reason=_unquote(message, self.shift), code=str(code), severity=str(severity)
        )

    def conditions(self, meta: Meta, children: list[Any]) -> tuple[ast.Condition, ...]:
        return tuple(children)

    def devolve(self, meta: Meta, children: list[Any]) -> ast.Condition:
        return ast.Condition(self._pos(meta), "devolve", (("", children[0]),))

    def transfer(self, meta: Meta, children: list[Any]) -> ast.Condition:
        return ast.Condition(self._pos(meta), "transfer", tuple(children))

    def term(self, meta: Meta, children: list[Any]) -> ast.Condition:
        return ast.Condition(self._pos(meta), "term", (("", children[0]),))

    def kwarg(self, meta: Meta, children: list[Any]) -> tuple[str, ast.Node]:
        return (str(children[0]), children[1])

    def or_expr(self, meta: Meta, children: list[Any]) -> ast.Chain:
        return self._logic("or", children)

    def and_expr(self, meta: Meta, children: list[Any]) -> ast.Chain:
        return self._logic("and", children)

    def _logic(self, op: str, children: list[Any]) -> ast.Chain:
        first: ast.Node = children[0]  # the keywords are not kept: each is placed at the first operand
        return ast.Chain(first.pos, first, tuple((op, first.pos, child) for child in children[1:]))

    def sum(self, meta: Meta, children: list[Any]) -> ast.Chain:
        return self._arithmetic(children)

    def product(self, meta: Meta, children: list[Any]) -> ast.Chain:
        return self._arithmetic(children)

    def _arithmetic(self, children: list[Any]) -> ast.Chain:
        """operand, operator, operand, ...: placed at its last operator, the one applied last."""
        rest = tuple(
            (str(op), self._pos(op), operand) for op, operand in zip(children[1::2], children[2::2], strict=True)
        )
        return ast.Chain(rest[-1][1], children[0], rest)

    def paren(self, meta: Meta, children: list[Any]) -> ast.Node:
        return cast(ast.Node, children[0])

    def not_(self, meta: Meta, children: list[Any]) -> ast.Unary:
        return ast.Unary(self._pos(meta), "not", children[0])

    def neg(self, meta: Meta, children: list[Any]) -> ast.Unary:
        return ast.Unary(self._pos(meta), "neg", children[-1])

    def compare(self, meta: Meta, children: list[Any]) -> ast.Binary:
        left, op, right = children
        return ast.Binary(self._pos(op), str(op), left, right)

    def member(self, meta: Meta, children: list[Any]) -> ast.Binary:
        return ast.Binary(self._pos(meta), "in", children[0], children[1])

    def not_member(self, meta: Meta, children: list[Any]) -> ast.Binary:
        return ast.Binary(self._pos(meta), "notin", children[0], children[1])

    def number(self, meta: Meta, children: list[Any]) -> ast.Literal:
        return ast.Literal(self._pos(meta), self._number(children[0], str(children[0])), "number")

    def string(self, meta: Meta, children: list[Any]) -> ast.Literal:
        return ast.Literal(self._pos(meta), _unquote(children[0], self.shift), "string")

    def duration(self, meta: Meta, children: list[Any]) -> ast.Literal:
        text = str(children[0])
        unit = "mo" if text.endswith("mo") else text[-1]
        count = self._number(children[0], text[: -len(unit)])
        return ast.Literal(self._pos(meta), float(count) * _UNITS[unit], "duration")

    def date(self, meta: Meta, children: list[Any]) -> ast.Literal:
        return ast.Literal(self._pos(meta), str(children[0]), "date")

    def true(self, meta: Meta, children: list[Any]) -> ast.Literal:
        return ast.Literal(self._pos(meta), True, "bool")

    def false(self, meta: Meta, children: list[Any]) -> ast.Literal:
        return ast.Literal(self._pos(meta), False, "bool")

    def set(self, meta: Meta, children: list[Any]) -> ast.SetLit:
        return ast.SetLit(self._pos(meta), tuple(c for c in children if c is not None))

    def path(self, meta: Meta, children: list[Any]) -> ast.Path:
        return ast.Path(self._pos(meta), tuple(str(c) for c in children), tuple(self._pos(c) for c in children))

    def term_name(self, meta: Meta, children: list[Any]) -> ast.Path:
        return ast.Path(self._pos(meta), ("term",), (self._pos(meta),))

    def rule_name(self, meta: Meta, children: list[Any]) -> ast.Path:
        return ast.Path(self._pos(meta), ("rule",), (self._pos(meta),))

    def call(self, meta: Meta, children: list[Any]) -> ast.Call:
        return ast.Call(self._pos(meta), str(children[0]), tuple(c for c in children[1:] if c is not None))

    def all_(self, meta: Meta, children: list[Any]) -> ast.Quant:
        var, domain, body = children
        return ast.Quant(self._pos(meta), "all", str(var), domain, body)

    def any_(self, meta: Meta, children: list[Any]) -> ast.Quant:
        var, domain, body = children
        return ast.Quant(self._pos(meta), "any", str(var), domain, body)


def _at_end(error: UnexpectedInput) -> bool:
    token = getattr(error, "token", None)
    return isinstance(error, UnexpectedEOF) or (token is not None and token.type == "$END")


def _end(text: str) -> tuple[int, int]:
    lines = text.rstrip().split("\n") or [""]
    return len(lines), len(lines[-1]) + 1


def _describe(error: UnexpectedInput, text: str) -> Message:
    if _at_end(error):
        return msg("rules.ends_early")
    if isinstance(error, UnexpectedCharacters):
        at = cast(int, error.pos_in_stream)  # lark declares it None on the base class; here it is the offset
        ch = text[at] if at < len(text) else "?"
        return msg("rules.character", char=ch)
    token = getattr(error, "token", None)
    expected = sorted(getattr(error, "expected", ()) or ())
    if "NAME" in expected:  # where a name may stand, `term` and `rule` are names: not said twice
        expected = [e for e in expected if e not in KEYWORD_NAMES]
    # a keyword as written, any other token by its kind (“名称”); what was found as written, quoted
    shown = Joined(
        tuple(
            msg("rules.the_end")
            if e == "$END"
            else msg("rules.keyword", word=e[1:].lower())
            if e.startswith("_")
            else msg(f"rules.token.{e.lower()}")
            for e in expected[:6]
        )
    )
    found = Quoted((str(token),)) if token is not None and str(token) else msg("rules.the_end")
    if str(token) == "=" and "COMPARE" in expected:
        return msg("rules.single_equals")
    if not expected:
        return msg("rules.unexpected_only", found=found)
    return msg("rules.unexpected", found=found, expected=shown)


def _raise(breach: Breach, shift: int) -> NoReturn:
    raise RuleSyntaxError(breach.message, breach.line + shift, breach.column)


@overload
def parse(text: str, start: Literal["clauses"] = "clauses", *, first_line: int = 1) -> tuple[ast.Clause, ...]: ...
@overload
def parse(text: str, start: Literal["rules"], *, first_line: int = 1) -> tuple[ast.Rule, ...]: ...
@overload
def parse(text: str, start: Literal["expression"], *, first_line: int = 1) -> ast.Node: ...
def parse(text: str, start: str = "clauses", *, first_line: int = 1) -> Parsed:
    """Parse rule text: `clauses` (an inline criterion), `rules` (a .rules file) or `expression` (a
    bare condition). `first_line` is the line of the file the text starts on (positions are the
    file's), 1 for a text on its own."""
    shift = first_line - 1
    breach = text_breach(text)
    if breach is not None:
        _raise(breach, shift)
    try:
        tree: Tree[Token] = _lark().parse(text, start=start)
    except UnexpectedInput as error:
        line, column = _end(text) if _at_end(error) else (max(error.line, 1), max(error.column, 1))
        raise RuleSyntaxError(_describe(error, text), line + shift, column) from None
    breach = tree_breach(tree)
    if breach is not None:
        _raise(breach, shift)
    try:
        return _ToAst(shift).transform(tree)
    except VisitError as error:  # a number too long, or a transformer bug: keep the original
        raise error.orig_exc from None


__all__ = ["RuleSyntaxError", "Token", "parse"]
