"""How `admit` decides the new item, written for the solver (admission.py, `decide_item`).

The procedures governing the item (in force on the date, in declared order) try their criteria in
order; within a rule the first clause that holds concludes, a `finding` concluding nothing; the first
rule that concludes decides. When none does, a procedure without criteria leaves the item pending its
reviewer, and otherwise the gate rejects it (no criterion admits it); with no procedure governing it
the item is unreviewed. Each way the item can be decided is a `Way`, with the condition under which
the item goes that way; exactly one way's condition holds for any item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import z3

from ..decisions import ADMITTED, BY_HAND, CONDITIONAL, PENDING, REJECTED, UNDECIDED, UNGOVERNED, UNREVIEWED
from ..model import Admission, Policy
from ..rules import ast
from ..rules.check import CompiledRules
from ..rules.compiled import CompiledRule
from . import values as V
from .encode import Encoder, Env
from .reviewers import party_bits
from .values import FALSE, TRUE, Members, Val
from .world import World


@dataclass(frozen=True)
class Conclusion:
    """What a way concludes besides the decision: what a conditional admission moves down."""

    devolved: Val
    transferred: Val
    people: Val
    term: Val


@dataclass(frozen=True)
class Way:
    decision: str  # admitted, conditional, rejected, pending, unreviewed
    procedure: str | None
    rule: CompiledRule | None
    clause: int | None
    reason: str | None  # the reject clause's reason, or the engine's own for a default
    fires: z3.BoolRef
    conclusion: Conclusion


@dataclass
class RuleTerms:
    """One rule over the new item: each clause's condition, whether it is the first to hold, and
    whether the rule concludes a decision."""

    holds: list[z3.BoolRef]
    first: list[z3.BoolRef]
    kinds: list[str | None]  # the decision each clause concludes; None for `finding`
    decides: z3.BoolRef
    conclusions: list[Conclusion] = field(default_factory=list)


def clause_kind(action: ast.Action) -> str | None:
    if action.kind == "reject":
        return REJECTED
    if action.kind == "finding":
        return None
    return CONDITIONAL if action.conditions else ADMITTED


class Cascade:
    def __init__(self, policy: Policy, rules: CompiledRules, on: str, world: World, tag: str = ""):
        self.policy, self.rules, self.on, self.world = policy, rules, on, world
        self.item, self.names, self.tag = world.item, world.names, tag or "cascade"
        self.encoder = Encoder(world)
        self.definitions: list[z3.BoolRef] = []
        self._terms: dict[int, RuleTerms] = {}
        self.procedures = [adm for adm in policy.admissions.values() if adm.in_force(on)]
        self.active = {adm.id: self.define(f"governs.{adm.id}", self._governs(adm)) for adm in self.procedures}
        self.item.reviewer = self._reviewer
        self.env: Env = {"item": self.item.ref(), "on": world.lift("date", on)}
        self.encoder.shared = self.env
        self.reach_before: dict[tuple[str, int], z3.BoolRef] = {}  # (procedure, rule index) -> reached
        self.ways = self._ways()

    def define(self, label: str, term: z3.BoolRef) -> z3.BoolRef:
        """A named stand-in for a term, so that chains stay flat however many rules there are."""
        if z3.is_true(term) or z3.is_false(term):
            return term
        var = z3.Bool(f"{self.tag}.{label}.{len(self.definitions)}")
        self.definitions.append(var == term)
        return var

    def _governs(self, adm: Admission) -> z3.BoolRef:
        if adm.lists:
            return V.ors(self.item.lists[lst] for lst in adm.lists if lst in self.item.lists)
        return self.item.tier == self.names.term(adm.tier)

    def _reviewer(self) -> Val:
        units: dict[str, z3.BoolRef] = {}
        for adm in self.procedures:
            for unit, bit in party_bits(self.policy, self.item, adm.reviewer, adm.applicant).items():
                term = z3.And(self.active[adm.id], bit)
                units[unit] = V.ors((units[unit], term)) if unit in units else term
        return Val("set<unit>", FALSE, Members(dict(units)))

    # -- rules -------------------------------------------------------------------------------------
    def terms(self, rule: CompiledRule) -> RuleTerms:
        found = self._terms.get(id(rule))
        if found is None:
            found = self._terms[id(rule)] = self._rule_terms(rule)
        return found

    def _rule_terms(self, rule: CompiledRule) -> RuleTerms:
        label = f"rule.{rule.name}"
        holds, first, kinds, conclusions = [], [], [], []
        prior = FALSE
        for index, clause in enumerate(rule.tree):
            cond = TRUE if clause.condition is None else self.encoder.holds(clause.condition, self.env)
            cond = self.define(f"{label}.{index}.holds", cond)
            holds.append(cond)
            first.append(self.define(f"{label}.{index}.first", V.ands((cond, z3.Not(prior)))))
            prior = self.define(f"{label}.{index}.prior", V.ors((prior, cond)))
            kinds.append(clause_kind(clause.action))
            conclusions.append(self._conclusion(clause.action))
        decides = V.ors(f for f, k in zip(first, kinds, strict=True) if k is not None)
        return RuleTerms(holds, first, kinds, self.define(f"{label}.decides", decides), conclusions)

    def _conclusion(self, action: ast.Action) -> Conclusion:
        """What an admission's conditions move down (rules/compiler.py, `conclude`): null or meaningless
        values count as nothing moved, and as no term."""
        devolved = V.constant_set(self.names, "set<string>", ())
        money, people = V.number("number", 0), V.number("number", 0)
        term = V.null("duration")
        for cond in action.conditions:
            for key, node in cond.args:
                value = self.encoder.expr(node, self.env)
                if cond.kind == "devolve":
                    bits: Members = value.v
                    # a null set, or a null element of one, devolves nothing (rules/compiler.py)
                    guarded = Members(
                        {k: V.ands((z3.Not(value.null), b)) for k, b in bits.known.items() if k is not None},
                        tuple((V.ands((z3.Not(value.null), z3.Not(e.null), g)), e) for g, e in bits.computed),
                    )
                    devolved = Val("set<string>", FALSE, V.union(devolved.v, guarded))
                elif cond.kind == "term":
                    term = Val("duration", V.ors((value.null, value.v <= 0)), value.v)
                else:
                    counts = V.ands((z3.Not(value.null), value.v >= 0))
                    added = z3.If(counts, value.v, z3.RealVal(0))
                    if key == "money":
                        money = Val("number", FALSE, money.v + added)
                    else:
                        people = Val("number", FALSE, people.v + added)
        return Conclusion(devolved, money, people, term)

    # -- the cascade -------------------------------------------------------------------------------
    def _ways(self) -> list[Way]:
        nothing = self._conclusion(ast.Action(ast.Pos(0, 0), "admit"))
        ways: list[Way] = []
        reach = TRUE
        for adm in self.procedures:
            active = self.active[adm.id]
            for position, rule in enumerate(self.rules.criteria.get(adm.id, ())):
                self.reach_before[(adm.id, position)] = reach
                terms = self.terms(rule)
                for index, kind in enumerate(terms.kinds):
                    if kind is None:
                        continue
                    fires = V.ands((active, reach, terms.first[index]))
                    reason = rule.tree[index].action.reason if kind == REJECTED else None
                    ways.append(Way(kind, adm.id, rule, index, reason, fires, terms.conclusions[index]))
                reach = self.define(f"reach.{adm.id}", V.ands((reach, z3.Not(V.ands((active, terms.decides))))))
        earlier = FALSE
        for adm in self.procedures:
            if self.rules.criteria.get(adm.id):
                continue
            fires = V.ands((reach, self.active[adm.id], z3.Not(earlier)))
            ways.append(Way(PENDING, adm.id, None, None, BY_HAND, fires, nothing))
            earlier = V.ors((earlier, self.active[adm.id]))
        by_hand, earlier = earlier, FALSE
        for adm in self.procedures:
            fires = V.ands((reach, z3.Not(by_hand), self.active[adm.id], z3.Not(earlier)))
            ways.append(Way(REJECTED, adm.id, None, None, UNDECIDED, fires, nothing))
            earlier = V.ors((earlier, self.active[adm.id]))
        ways.append(Way(UNREVIEWED, None, None, None, UNGOVERNED, z3.Not(earlier), nothing))
        return ways

    def decided(self, kinds: tuple[str, ...]) -> z3.BoolRef:
        return V.ors(w.fires for w in self.ways if w.decision in kinds)

    def outcome_env(self) -> Env:
        """The names an invariant reads of the decision (rules/facts.py, INVARIANT_SCOPE)."""
        ways = self.ways

        def pick(value: Callable[[Way], Val]) -> Val:
            return V.choose([(w.fires, value(w)) for w in ways[:-1]], value(ways[-1]))

        def named(text: str | None) -> Val:
            return V.null("string") if text is None else V.name(self.names, "string", text)

        return {
            **self.env,
            "decision": pick(lambda w: named(w.decision)),
            "procedure": pick(lambda w: named(w.procedure)),
            "rule": pick(lambda w: named(w.rule.name if w.rule is not None else None)),
            "devolved": pick(lambda w: w.conclusion.devolved),
            "transferred": pick(lambda w: w.conclusion.transferred),
            "transferred_people": pick(lambda w: w.conclusion.people),
            "term": pick(lambda w: w.conclusion.term),
        }


__all__ = ["ADMITTED", "Cascade", "RuleTerms", "Way", "clause_kind"]
