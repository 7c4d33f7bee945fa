"""The properties of a policy's admission rules, each a question to the solver about every item a
department could submit (session.py): whether some item falls through every criterion (coverage),
whether two procedures governing one item decide it differently (agreement), whether a rule's decision
depends on the order of its clauses (order), whether a clause can never decide (dead), and whether
each declared invariant holds."""

from __future__ import annotations

from collections.abc import Iterator

import z3

from ..decisions import ADMITTED, CONDITIONAL, REJECTED, UNDECIDED
from ..model import Admission
from ..rules.compiled import CompiledRule
from . import values as V
from .cascade import RuleTerms
from .results import PROVED, REFUTED, UNKNOWN, Counterexample, Property, Step
from .session import Session
from .values import FALSE, TRUE


def _clause_at(rule: CompiledRule, index: int) -> str:
    return str(rule.clause_at(index))


def _rule_at(rule: CompiledRule) -> str:
    return _clause_at(rule, 0) if rule.tree else str(rule.span)


def _criteria_at(adm: Admission) -> str:
    """Where a procedure's criteria are written: its inline `criteria`, else the `rules` it names."""
    return str(adm.at("criteria")) if adm.criteria else str(adm.at("rules"))


def _unknown_or(kind: str, subject: str, at: str, status: str, reason: str | None, **params: object) -> Property:
    return Property(kind, subject, status, at, dict(params), reason=reason)


def coverage(session: Session) -> Iterator[Property]:
    """For each procedure with criteria: no item it governs falls to the gate's default rejection."""
    cascade = session.cascade
    gaps = V.ors(w.fires for w in cascade.ways if w.reason == UNDECIDED)
    for adm in cascade.procedures:
        if not session.rules.criteria.get(adm.id):
            continue
        at = _criteria_at(adm)
        status, model, reason = session.ask(z3.And(cascade.active[adm.id], gaps))
        found = session.counterexample(model) if model is not None else None
        yield Property("coverage", adm.id, status, at, {"procedure": adm.id}, found, reason)


def _standalone(session: Session, procedure: str) -> list[tuple[str, z3.BoolRef, CompiledRule, int]]:
    """How the procedure's own criteria decide an item, as if it governed alone."""
    out = []
    reach = TRUE
    for rule in session.rules.criteria.get(procedure, ()):
        terms = session.cascade.terms(rule)
        for index, kind in enumerate(terms.kinds):
            if kind is not None:
                out.append((kind, V.ands((reach, terms.first[index])), rule, index))
        reach = session.cascade.define(f"alone.{procedure}", V.ands((reach, z3.Not(terms.decides))))
    return out


def agreement(session: Session) -> Iterator[Property]:
    """Two procedures governing one item never decide it differently on their own criteria."""
    cascade = session.cascade
    judged = [adm for adm in cascade.procedures if session.rules.criteria.get(adm.id)]
    for i, first in enumerate(judged):
        for second in judged[i + 1 :]:
            both = z3.And(cascade.active[first.id], cascade.active[second.id])
            if session.ask(both, example=False)[0] == PROVED:
                continue  # they never govern the same item
            a, b = _standalone(session, first.id), _standalone(session, second.id)
            kinds = sorted({k for k, *_ in a} | {k for k, *_ in b})
            by_a = {k: V.ors(f for kk, f, *_ in a if kk == k) for k in kinds}
            by_b = {k: V.ors(f for kk, f, *_ in b if kk == k) for k in kinds}
            differ = V.ors(z3.And(by_a[x], by_b[y]) for x in kinds for y in kinds if x != y)
            query = z3.And(both, differ)
            status, model, reason = session.ask(query, example=False)
            found = None
            if model is not None:
                # rather an item no procedure declared before the pair decides: `admit` then follows the first
                model = _preferred(session, query, cascade.reach_before[(first.id, 0)], model)
                steps = _fired(session, model, first.id, a) + _fired(session, model, second.id, b)
                found = session.counterexample(model)
                found = Counterexample(found.item, found.lists, _led_by_admit(session, model, steps))
            at = _criteria_at(second)
            params = {"first": first.id, "second": second.id}
            yield Property("agreement", f"{first.id} / {second.id}", status, at, params, found, reason)


def _place(step: Step) -> tuple[str | None, str | None, int | None]:
    return step.procedure, step.rule, step.clause


def _fired(
    session: Session, model: z3.ModelRef, procedure: str, ways: list[tuple[str, z3.BoolRef, CompiledRule, int]]
) -> list[Step]:
    for kind, fires, rule, index in ways:
        if z3.is_true(model.eval(fires, model_completion=True)):
            return [_clause_step(kind, procedure, rule, index)]
    return []


def _clause_step(kind: str, procedure: str, rule: CompiledRule, index: int) -> Step:
    """A clause deciding, as `admit` reports it: a rejection with its reason."""
    reason = rule.tree[index].action.reason if kind == REJECTED else None
    return Step(kind, procedure, rule.name, index, _clause_at(rule, index), reason)


def _preferred(session: Session, query: z3.BoolRef, prefer: z3.BoolRef, model: z3.ModelRef) -> z3.ModelRef:
    """The counterexample for `query` (the first item, session.ask): one that also meets `prefer` when
    there is one, else any; `model`, the solver's own, when neither is found in time."""
    for question in (z3.And(query, prefer), query):
        _, found, _ = session.ask(question)
        if found is not None:
            return found
    return model


def _led_by_admit(session: Session, model: z3.ModelRef, steps: list[Step]) -> tuple[Step, ...]:
    """The steps, led by how `admit` decides the item: when an earlier clause or procedure decides it
    before the ones the property is about, that decision comes first, so the counterexample says what
    `admit` will say."""
    actual = session.step(session.way_of(model))
    if steps and (actual.decision, actual.procedure, actual.rule, actual.clause) == (
        steps[0].decision,
        steps[0].procedure,
        steps[0].rule,
        steps[0].clause,
    ):
        return tuple(steps)
    return (actual, *steps)


def _contexts(session: Session) -> Iterator[tuple[str, int, CompiledRule, z3.BoolRef]]:
    """Each rule as a procedure uses it, with the items that reach it there."""
    cascade = session.cascade
    for adm in cascade.procedures:
        for position, rule in enumerate(session.rules.criteria.get(adm.id, ())):
            yield adm.id, position, rule, z3.And(cascade.active[adm.id], cascade.reach_before[(adm.id, position)])


def order(session: Session) -> Iterator[Property]:
    """No item satisfies two clauses of one rule that conclude differently (an `otherwise` excepted):
    for such an item the decision would turn on which clause is written first."""
    for procedure, _, rule, reached in _contexts(session):
        terms = session.cascade.terms(rule)
        found_any = False
        for j, kind in enumerate(terms.kinds):
            if kind is None or rule.tree[j].condition is None:
                continue
            others = [i for i in range(j) if _differs(terms, rule, i, kind)]
            if not others:
                continue
            clash = V.ors(terms.holds[i] for i in others)
            query = z3.And(reached, terms.holds[j], clash)
            status, model, reason = session.ask(query, example=False)
            if status == PROVED:
                continue
            found_any = True
            params = {"procedure": procedure, "rule": rule.name, "clause": j + 1}
            if model is None:
                yield _unknown_or("order", rule.name, _clause_at(rule, j), status, reason, **params)
                continue
            # rather an item the other clause is the first to hold for: `admit` then decides by it
            model = _preferred(session, query, V.ors(terms.first[i] for i in others), model)
            i = next(i for i in others if z3.is_true(model.eval(terms.holds[i], model_completion=True)))
            steps = [_clause_step(terms.kinds[i] or "", procedure, rule, i), _clause_step(kind, procedure, rule, j)]
            cx = session.counterexample(model)
            params |= {"other": i + 1, "other_at": _clause_at(rule, i)}
            found = Counterexample(cx.item, cx.lists, _led_by_admit(session, model, steps))
            yield Property("order", rule.name, REFUTED, _clause_at(rule, j), params, found)
        if not found_any:
            yield Property("order", rule.name, PROVED, _rule_at(rule), {"procedure": procedure, "rule": rule.name})


def _admits(kind: str | None) -> bool | None:
    return None if kind is None else kind in (ADMITTED, CONDITIONAL)


def _differs(terms: RuleTerms, rule: CompiledRule, i: int, kind: str) -> bool:
    """Clause i admits where the other rejects, or the other way round (an admission with conditions
    and one without both admit)."""
    other = _admits(terms.kinds[i])
    return other is not None and other != _admits(kind) and rule.tree[i].condition is not None


def dead(session: Session) -> Iterator[Property]:
    """Every clause decides some item the procedure governs: a clause no item reaches and satisfies is
    dead, and the report says what covers it (the clauses before it, the rules before it, or nothing:
    its condition never holds for an item the procedure governs)."""
    cascade = session.cascade
    for procedure, position, rule, _ in _contexts(session):
        terms = cascade.terms(rule)
        governs = z3.Bool(f"assume.governs.{procedure}.{position}")
        earlier = z3.Bool(f"assume.reached.{procedure}.{position}")
        before = [z3.Bool(f"assume.not.{procedure}.{position}.{i}") for i in range(len(terms.holds))]
        query = z3.And(
            z3.Implies(governs, cascade.active[procedure]),
            z3.Implies(earlier, cascade.reach_before[(procedure, position)]),
            *[z3.Implies(b, z3.Not(h)) for b, h in zip(before, terms.holds, strict=True)],
        )
        params = {"procedure": procedure, "rule": rule.name}
        dead_ones = 0
        session.sync()
        solver = session.solver
        solver.push()  # the question once per rule, each clause one check on it: linear in the clauses
        solver.add(query)
        try:
            for j in range(len(terms.holds)):
                # the first clause to hold (its stand-in says as much): one assumption, however many before it
                answer = solver.check(governs, earlier, terms.first[j])
                if answer == z3.sat:  # some item reaches the clause and satisfies it: alive
                    continue
                dead_ones += 1
                clause = {"clause": j + 1, **params}
                if answer != z3.unsat:
                    reason = solver.reason_unknown()
                    yield _unknown_or("dead", rule.name, _clause_at(rule, j), UNKNOWN, reason, **clause)
                    continue
                needed = _covering(solver, [governs, terms.holds[j]], [earlier, *before[:j]])
                covering = [i + 1 for i in range(j) if any(before[i].eq(c) for c in needed)]
                why = {"covered_by": covering, "by_earlier_rules": any(earlier.eq(c) for c in needed)}
                yield Property("dead", rule.name, REFUTED, _clause_at(rule, j), clause | why)
        finally:
            solver.pop()
        if dead_ones == 0:
            yield Property("dead", rule.name, PROVED, _rule_at(rule), params)


def _covering(solver: z3.Solver, fixed: list[z3.BoolRef], candidates: list[z3.BoolRef]) -> list[z3.BoolRef]:
    """Of the candidates (the rules before, then each clause before), a set that still leaves the
    clause dead: what is not needed is dropped a block at a time, halving a block that cannot go
    whole. The answer follows only from what is unsatisfiable, not from the core z3 happens to find,
    which varies with what it was asked before: the report names the same clauses every run."""
    needed = list(candidates)

    def drop(block: list[z3.BoolRef]) -> None:
        nonlocal needed
        trial = [c for c in needed if not any(c.eq(b) for b in block)]
        if solver.check(*fixed, *trial) == z3.unsat:
            needed = trial
        elif len(block) > 1:
            drop(block[: len(block) // 2])
            drop(block[len(block) // 2 :])

    drop(list(candidates))
    return needed


def invariants(session: Session) -> Iterator[Property]:
    """Each declared invariant: no item decided as it speaks of, and meeting its `where`, breaks `holds`."""
    compiled = session.rules.invariants
    if not compiled:
        return
    cascade = session.cascade
    env = cascade.outcome_env()
    for ident, inv in compiled.items():
        every = tuple(inv.every) or ("admitted", "conditional", "rejected", "pending", "unreviewed")
        where = TRUE if inv.where_tree is None else cascade.encoder.holds(inv.where_tree, env)
        breaks = z3.Not(cascade.encoder.holds(inv.holds_tree, env))
        status, model, reason = session.ask(z3.And(cascade.decided(every), where, breaks))
        at = str(inv.place_holds(inv.holds_tree.pos)) if inv.place_holds is not None else str(inv.span)
        found = session.counterexample(model) if model is not None else None
        yield Property("invariant", ident, status, at, {"invariant": ident}, found, reason)


__all__ = ["FALSE", "agreement", "coverage", "dead", "invariants", "order"]
