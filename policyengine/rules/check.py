"""Compile every rule of a policy once; their syntax and type errors become PE006/PE007.

Rules come from two places: the inline `criteria` of admission procedures, and the named rules of
the policy's `.rules` files; besides, a list's exit rules (`changes.exit`) are conditions on `item`,
and an invariant's `where` and `holds` are conditions on a decision (`INVARIANT_SCOPE`). A
procedure's `rules:` list adds named rules to its criteria, after the inline ones. Every rule that
can conclude `finding` is also a custom check (codes PE900-PE999): a rule a procedure uses is tried
on the items that procedure governs; any other named rule on every item, unit, tier or list of the
policy, as its `for` says."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ..diagnostics import Subject, Violation
from ..ids import closest
from ..messages import Message, Term, msg
from ..model import Policy
from ..source import SourceFile, is_rules_file
from ..span import Span
from .ast import Node, Pos, Rule
from .compiled import CompiledInvariant, CompiledRule, Fn, Scope
from .compiler import Compiler
from .facts import ENTITIES, INVARIANT_SCOPE
from .limits import MAX_FILE_CHARS
from .locate import locate
from .parser import RuleSyntaxError, parse


@dataclass
class CompiledRules:
    """Admission criteria by procedure id, in declared order (inline, then named); procedures with a
    broken rule are absent. `named` are the `.rules` files' rules by name; `checks` those of them
    no procedure uses, tried as custom checks on every subject of their kind."""

    criteria: dict[str, list[CompiledRule]] = field(default_factory=dict)
    named: dict[str, CompiledRule] = field(default_factory=dict)
    checks: list[CompiledRule] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    exits: dict[str, list[Fn]] = field(default_factory=dict)  # list id -> its exit conditions, compiled
    invariants: dict[str, CompiledInvariant] = field(default_factory=dict)  # those without PE006/PE007


def _problems(out: CompiledRules, compiler: Compiler, subject: Subject, place: Callable[[Pos], Span]) -> bool:
    for problem in compiler.problems:
        out.violations.append(Violation("PE007", "type", place(problem.pos), subject, {"message": problem.message}))
    return bool(compiler.problems)


def _syntax(out: CompiledRules, message: Message, span: Span, subject: Subject) -> None:
    out.violations.append(Violation("PE006", "syntax", span, subject, {"message": message}))


def _in_file(path: str) -> Callable[[Pos], Span]:
    """A position in a `.rules` file is the file's own: no YAML scalar to map it through."""
    return lambda pos: Span(path, pos.line, pos.column)


def _named_rules(out: CompiledRules, files: list[SourceFile]) -> tuple[dict[str, Span], set[str], bool]:
    """Compile the `.rules` files. Returns where each rule is declared, the broken ones, and whether
    some rule did not parse."""
    declared: dict[str, Span] = {}
    broken: set[str] = set()
    unparsed = False
    for source in files:
        if not is_rules_file(source.path):
            continue
        subject = Subject("file", source.path)
        rules: list[Rule] = []
        if len(source.text) > MAX_FILE_CHARS:  # before cutting it up: the pieces would cost as much
            size = msg("rules.file_too_long", size=len(source.text), limit=MAX_FILE_CHARS)
            _syntax(out, size, Span(source.path, 1, 1), subject)
            unparsed = True
            continue
        for first_line, chunk in _chunks(source.text):
            try:
                rules.extend(parse(chunk, "rules", first_line=first_line))
            except RuleSyntaxError as error:
                _syntax(out, error.message, Span(source.path, error.line, error.column), subject)
                unparsed = True
        for rule in rules:
            at = Span(source.path, rule.pos.line, rule.pos.column)
            if rule.name in declared:
                first = declared[rule.name]
                out.violations.append(
                    Violation(
                        "PE003",
                        "id",
                        at,
                        Subject("rule", rule.name),
                        {"kind": Term("term.kind", "rule"), "id": rule.name, "first": f"{first.file}:{first.line}"},
                    )
                )
                continue
            declared[rule.name] = at
            compiler = Compiler(rule.subject, rule.name)
            if rule.subject not in ENTITIES:
                compiler.problem(rule.pos, "subject", subject=rule.subject)
            compiled = compiler.rule(rule.clauses)
            compiled.span = at
            compiled.title = rule.title
            compiled.tree, compiled.place = rule.clauses, _in_file(source.path)
            if _problems(out, compiler, Subject("rule", rule.name), _in_file(source.path)):
                broken.add(rule.name)
            out.named[rule.name] = compiled
    return declared, broken, unparsed


_RULE_START = re.compile(r"[ \t]*rule\b")


def _chunks(text: str) -> list[tuple[int, str]]:
    """A `.rules` file cut before each line that starts a rule, so that one syntax error costs one
    rule, not the file: each piece with the line it starts on, which the parser adds to positions."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _RULE_START.match(line)] or [0]
    starts[0] = 0  # comments before the first rule belong to it
    bounds = [*starts, len(lines)]
    return [(a + 1, "\n".join(lines[a:b])) for a, b in itertools.pairwise(bounds)]


Condition = tuple[Node, Fn, Callable[[Pos], Span]]  # the tree, its closure, where a position lies
EXIT_SCOPE: Scope = {"item": "item", "on": "date"}
INVARIANT_TYPES: Scope = {name: kind for name, (kind, _) in INVARIANT_SCOPE.items()}


def _condition(
    out: CompiledRules, text: str, start: Span, lines: dict[str, list[str]], subject: Subject, scope: Scope
) -> Condition | None:
    """A true-or-false expression written as a YAML string that starts at `start`, compiled in `scope`;
    None when it does not parse (PE006) or is ill-typed (PE007), each located inside the string
    (plain, quoted or block)."""
    place = partial(locate, lines.get(start.file, []), start)
    try:
        node = parse(text, "expression")
    except RuleSyntaxError as error:
        _syntax(out, error.message, place(Pos(error.line, error.column)), subject)
        return None
    compiler = Compiler("item", subject.id)
    ctype, condition = compiler.expr(node, scope)
    if ctype not in ("bool", "?"):
        compiler.problem(node.pos, "condition", type=ctype)
    return None if _problems(out, compiler, subject, place) else (node, condition, place)


def _exit_rules(out: CompiledRules, policy: Policy, lines: dict[str, list[str]]) -> None:
    """Each list's exit conditions (`changes.exit`): bare conditions on `item`, typed like criteria."""
    for lst in policy.lists.values():
        changes = lst.life.changes if lst.life else None
        for index, text in enumerate(changes.exit if changes else ()):
            start = lst.at("changes", "exit", index)
            compiled = _condition(out, text, start, lines, Subject("list", lst.id), EXIT_SCOPE)
            if compiled is not None:
                out.exits.setdefault(lst.id, []).append(compiled[1])


def _invariants(out: CompiledRules, policy: Policy, lines: dict[str, list[str]]) -> None:
    """Each invariant's `where` and `holds`, typed in `INVARIANT_SCOPE`; one with a problem in either is
    left out of `out.invariants` (its PE006/PE007 say why)."""
    for inv in policy.invariants.values():
        subject = Subject("invariant", inv.id)
        where = (
            None if inv.where is None else _condition(out, inv.where, inv.at("where"), lines, subject, INVARIANT_TYPES)
        )
        holds = _condition(out, inv.holds, inv.at("holds"), lines, subject, INVARIANT_TYPES)
        if holds is None or (inv.where is not None and where is None):
            continue
        out.invariants[inv.id] = CompiledInvariant(
            id=inv.id,
            where_tree=where[0] if where else None,
            holds_tree=holds[0],
            where=where[1] if where else None,
            holds=holds[1],
            place_where=where[2] if where else None,
            place_holds=holds[2],
            span=inv.span,
            every=inv.every,
        )


def compile_policy_rules(policy: Policy, files: list[SourceFile]) -> CompiledRules:
    out = CompiledRules()
    declared, broken_named, unparsed = _named_rules(out, files)
    used: set[str] = set()
    lines = {f.path: f.text.splitlines() for f in files if not is_rules_file(f.path)}
    _exit_rules(out, policy, lines)
    _invariants(out, policy, lines)
    for adm in policy.admissions.values():
        compiled: list[CompiledRule] = []
        broken = False
        subject = Subject("admission", adm.id)
        for index, text in enumerate(adm.criteria):
            start = adm.at("criteria", index)
            place = partial(locate, lines.get(start.file, []), start)
            try:
                clauses = parse(text)
            except RuleSyntaxError as error:
                _syntax(out, error.message, place(Pos(error.line, error.column)), subject)
                broken = True
                continue
            compiler = Compiler("item", f"{adm.id}.criteria[{index}]")
            rule = compiler.rule(clauses)
            rule.span = start
            rule.tree, rule.place = clauses, place
            broken = _problems(out, compiler, subject, place) or broken
            compiled.append(rule)
        for index, name in enumerate(getattr(adm, "rules", ())):
            used.add(name)
            named = out.named.get(name)
            if named is None:
                if name not in declared and not unparsed:  # PE003 or PE006 already tell why
                    guess = closest(name, sorted(out.named))
                    out.violations.append(
                        Violation(
                            "PE004",
                            "ref",
                            adm.at("rules", index),
                            subject,
                            {
                                "kind": Term("term.kind", "rule"),
                                "written": name,
                                "hint": msg("rules.rule_guess", guess=guess) if guess else msg("rules.no_rules_file"),
                            },
                        )
                    )
                broken = True
            elif named.subject != "item":
                out.violations.append(
                    Violation(
                        "PE007",
                        "type",
                        adm.at("rules", index),
                        subject,
                        {"message": msg("rules.not_for_item", name=name, subject=named.subject)},
                    )
                )
                broken = True
            else:
                broken = broken or name in broken_named
                compiled.append(named)
        if not broken:
            out.criteria[adm.id] = compiled
    out.checks = [
        rule
        for name, rule in out.named.items()
        if name not in used and name not in broken_named and rule.subject in ENTITIES
    ]
    return out
