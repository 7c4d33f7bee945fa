"""What compiling a rule gives: closures over the facts, and the outcome they conclude for a subject."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..messages import Message
from ..span import Span
from . import ast
from .facts import Facts

Env = dict[str, Any]  # the values of the names in scope while a rule runs
Scope = dict[str, str]  # the types of the names in scope while a rule is compiled
Fn = Callable[[Facts, Env], Any]


@dataclass(frozen=True)
class TypeProblem:
    pos: ast.Pos
    message: Message


@dataclass(frozen=True)
class Outcome:
    """What a rule concluded for one subject."""

    kind: str  # admit | reject | conditional | finding
    rule: str
    clause: int
    pos: ast.Pos
    reason: str | None = None
    devolve: frozenset[str] = frozenset()
    money: float = 0.0
    people: float = 0.0
    term_days: float | None = None
    code: str | None = None
    severity: str | None = None


Conclude = Callable[[Facts, Env], Outcome]


@dataclass(frozen=True)
class CompiledInvariant:
    """An invariant whose texts parsed and type-checked: the trees (the prover reasons over them), the
    closures (a test can evaluate them on a decision), and how a position inside each text maps into
    the file. `where` is None when the invariant speaks of every item; `every` empty: every decision."""

    id: str
    where_tree: ast.Node | None
    holds_tree: ast.Node
    where: Fn | None
    holds: Fn
    place_where: Callable[[ast.Pos], Span] | None
    place_holds: Callable[[ast.Pos], Span]
    span: Span
    every: tuple[str, ...] = ()


@dataclass
class CompiledRule:
    name: str
    subject: str
    clauses: list[tuple[Fn | None, Conclude]] = field(default_factory=list)
    finds: bool = False  # some clause concludes `finding`: the rule is also a custom check
    span: Span | None = None  # where the rule is written, once the policy's rules are compiled
    title: str | None = None
    # the clauses as written and how a position inside them maps into the file: `verify` reasons
    # over the syntax tree, not over the closures
    tree: tuple[ast.Clause, ...] = ()
    place: Callable[[ast.Pos], Span] | None = None

    def clause_at(self, index: int) -> Span | None:
        """Where clause `index` is written (the rule's own place when its clauses cannot be located)."""
        if self.place is None or not 0 <= index < len(self.tree):
            return self.span
        return self.place(self.tree[index].pos)

    def evaluate(self, facts: Facts, subject_id: str) -> Outcome | None:
        """The outcome of the first clause that holds, or None when none does."""
        env = {self.subject: subject_id, "on": facts.on}
        for condition, conclude in self.clauses:
            if condition is None or condition(facts, env) is True:
                return conclude(facts, env)
        return None
