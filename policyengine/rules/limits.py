"""How long, how deep and how large a rule may be, checked before any work grows with it.

The parser checks these bounds, so nothing after it grows with a rule beyond them: lark's lexer
never sees a text or a string literal over its size (a long literal costs hundreds of bytes of
memory per character there), and the tree walkers — the transformer, the type checker, the
compiled closures — never go deeper than `MAX_DEPTH`. A rule past a bound is one located syntax
error (PE006), never an exception. docs/rules.md (Limits) states these numbers to users.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lark import Token, Tree

from ..messages import Message, msg

MAX_RULE_CHARS = 20_000  # one inline criterion, or one rule of a `.rules` file
MAX_FILE_CHARS = 500_000  # one `.rules` file
MAX_STRING_CHARS = 1_000  # one string literal, between its quotes, as written
MAX_DIGITS = 15  # before the decimal point, and after it, of a number or a duration
MAX_DEPTH = 100  # levels of nesting in one expression
MAX_OPERATORS = 1_000  # operators in one expression

# a comment, or a string literal with its body as group 1 (closed or not), as the grammar's COMMENT
# and STRING read them; possessive, so that scanning a long literal keeps no backtracking state
_COMMENT_OR_STRING = re.compile(r'#[^\n]*|"((?:[^"\\\n]++|\\.)*+)"?')


@dataclass(frozen=True)
class Breach:
    """A bound a rule goes past: what to say, and where (1-based, within the rule text)."""

    message: Message
    line: int
    column: int


def _at(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def text_breach(text: str) -> Breach | None:
    """A rule text too long, or holding a string literal too long: checked on the raw text, before
    lark lexes it. The text's length is checked first, so the scan for literals is bounded too."""
    if len(text) > MAX_RULE_CHARS:
        return Breach(msg("rules.too_long", size=len(text), limit=MAX_RULE_CHARS), 1, 1)
    for found in _COMMENT_OR_STRING.finditer(text):
        body = found.group(1)  # None for a comment
        if body is not None and len(body) > MAX_STRING_CHARS:
            too_long = msg("rules.string_too_long", size=len(body), limit=MAX_STRING_CHARS)
            return Breach(too_long, *_at(text, found.start()))
    return None


def number_breach(digits: str) -> Message | None:
    """A number (or a duration's count, without its unit) with more digits than a rule may hold."""
    whole, _, fraction = digits.partition(".")
    if len(whole) > MAX_DIGITS or len(fraction) > MAX_DIGITS:
        return msg("rules.number_too_long", digits=MAX_DIGITS)
    return None


# what holds an expression, and which of its children are expressions
_HOLDERS = {"when": (0,), "devolve": (0,), "term": (0,), "kwarg": (1,)}
# parse-tree nodes that open a level of nesting around what they contain
_LEVELS = frozenset(
    {"paren", "set", "call", "all_", "any_", "not_", "neg", "compare", "member", "not_member"}
    | {"or_expr", "and_expr", "sum", "product"}
)


def _operators(node: Tree[Token]) -> int:
    if node.data in ("or_expr", "and_expr"):  # the keywords are dropped: operands only
        return len(node.children) - 1
    if node.data in ("sum", "product"):  # operand, operator, operand, ...
        return len(node.children) // 2
    return 1 if node.data in ("not_", "neg", "compare", "member", "not_member") else 0


def _expression_breach(root: Tree[Token]) -> Breach | None:
    """Walk one expression (iteratively: its tree may be as deep as the text is long) in source
    order: the first part nested past `MAX_DEPTH`, else too many operators in all."""
    operators = 0
    stack: list[tuple[Tree[Token], int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if node.data in _LEVELS:
            depth += 1
            if depth > MAX_DEPTH:
                return Breach(msg("rules.too_deep", limit=MAX_DEPTH), node.meta.line, node.meta.column)
        operators += _operators(node)
        stack.extend((c, depth) for c in reversed(node.children) if isinstance(c, Tree))
    if operators > MAX_OPERATORS:
        return Breach(
            msg("rules.too_many_operators", count=operators, limit=MAX_OPERATORS), root.meta.line, root.meta.column
        )
    return None


def tree_breach(tree: Tree[Token]) -> Breach | None:
    """The first expression, in source order, nested too deep or holding too many operators."""
    stack: list[Tree[Token]] = [tree]
    while stack:
        node = stack.pop()
        held = _HOLDERS.get(str(node.data), ())
        for index in held:
            expression = node.children[index]
            breach = _expression_breach(expression) if isinstance(expression, Tree) else None
            if breach is not None:
                return breach
        rest = [c for i, c in enumerate(node.children) if i not in held and isinstance(c, Tree)]
        stack.extend(reversed(rest))
    return None
