"""The rule language's syntax tree: every node carries its position in the rule text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Pos:
    """1-based line and column inside the rule text (the caller maps them into the file)."""

    line: int
    column: int


@dataclass(frozen=True)
class Node:
    pos: Pos = field(compare=False)


@dataclass(frozen=True)
class Literal(Node):
    value: Any
    type: str


@dataclass(frozen=True)
class SetLit(Node):
    elements: tuple[Node, ...]


@dataclass(frozen=True)
class Path(Node):
    parts: tuple[str, ...]
    part_pos: tuple[Pos, ...] = field(compare=False, default=())


@dataclass(frozen=True)
class Call(Node):
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Quant(Node):
    kind: str  # all | any
    var: str
    domain: Node
    body: Node


@dataclass(frozen=True)
class Unary(Node):
    op: str  # not | neg
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    op: str  # == != < <= > >= in notin
    left: Node
    right: Node


@dataclass(frozen=True)
class Chain(Node):
    """Operands of one precedence level, applied left to right: `a and b and c`, `a + b - c`,
    `a * b / c`. Flat rather than nested, so that a long chain costs no depth to walk or to run."""

    first: Node
    rest: tuple[tuple[str, Pos, Node], ...]  # (operator: and or + - * /, where it is written, operand)


@dataclass(frozen=True)
class Condition(Node):
    kind: str  # devolve | transfer | term
    args: tuple[tuple[str, Node], ...]  # (keyword or "", expression)


@dataclass(frozen=True)
class Action(Node):
    kind: str  # admit | reject | finding
    reason: str | None = None
    conditions: tuple[Condition, ...] = ()
    code: str | None = None
    severity: str | None = None


@dataclass(frozen=True)
class Clause(Node):
    condition: Node | None  # None: otherwise
    action: Action


@dataclass(frozen=True)
class Rule(Node):
    name: str
    title: str | None
    subject: str
    clauses: tuple[Clause, ...]
