"""One policy before the solver: the new item, the cascade that decides it, and a solver holding both,
asked one question per property within the timeout. An answer the solver cannot give in time is
unknown, with its reason; it is never taken for proved."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import z3

from ..graph import PolicyGraph
from ..model import Policy
from ..rules.check import CompiledRules
from ..rules.facts import Facts
from .canonical import first_item, preferences
from .cascade import Cascade, Way
from .item import SymbolicItem, written
from .results import PROVED, REFUTED, UNKNOWN, Counterexample, Step
from .values import Names
from .world import World

MAX_TIMEOUT_MS = 2**32 - 1
TITLE = {"zh": "反例事项", "en": "Counterexample item"}
IDENT = "counterexample"


class Session:
    def __init__(
        self,
        policy: Policy,
        rules: CompiledRules,
        on: str,
        timeout: float,
        names: Names | None = None,
        scope: str = "",
    ):
        """`names` and `scope` let two sessions share one item (a baseline and its reform): the same
        table of names, the same variables, each cascade's own stand-ins."""
        self.policy, self.rules, self.on = policy, rules, on
        self.on_day = date.fromisoformat(on).toordinal()
        self.names = names = names or Names()
        facts = Facts(policy, PolicyGraph(policy, on), on)
        self.item = SymbolicItem(policy, names)
        self.world = World(policy, facts, names, self.item)
        self.cascade = Cascade(policy, rules, on, self.world, scope)
        self.solver = z3.Solver()
        # z3 takes whole milliseconds, at most 2**32 - 1 (about 49 days): a longer time is that long
        self.timeout_ms = max(1, int(min(timeout * 1000, MAX_TIMEOUT_MS)))
        self.solver.set("timeout", self.timeout_ms)
        self.solver.set("core.minimize", True)
        self.solver.add(*self.item.constraints)
        self._defined = 0
        self.core: frozenset[str] = frozenset()  # the assumptions the last unsatisfiable question needed
        self.sync()

    def also(self, other: Session) -> None:
        """Ask about this session's item and another's at once: they are one item, valid in both."""
        self.solver.add(*other.item.constraints, *other.cascade.definitions)
        for mine, theirs in ((self.item, other.item), (other.item, self.item)):
            for bits, others in mine.bit_sets(theirs):
                self.solver.add(*(z3.Not(bit) for key, bit in bits.items() if key not in others))

    def sync(self) -> None:
        """Give the solver the definitions made since it last saw them (an invariant's encoding adds none,
        but a rule encoded late would), and keep the item's id off the texts named since that are no id."""
        defs = self.cascade.definitions
        if self._defined < len(defs):
            self.solver.add(*defs[self._defined :])
            self._defined = len(defs)
        self.solver.add(*self.item.id_rules())  # the texts the rules named since, which are no id

    def ask(
        self, query: z3.BoolRef, assumptions: Sequence[z3.BoolRef] = (), example: bool = True
    ) -> tuple[str, z3.ModelRef | None, str | None]:
        """PROVED when no item satisfies `query` (the property's negation), REFUTED with a model when
        one does (the first item in the fixed order of preferences, unless `example` is False: the
        caller only asks whether there is one), UNKNOWN with the solver's reason otherwise."""
        self.sync()
        self.solver.push()
        try:
            self.solver.add(query)
            answer = self.solver.check(*assumptions)
            if answer == z3.unsat:
                self.core = frozenset(str(c) for c in self.solver.unsat_core()) if assumptions else frozenset()
                return PROVED, None, None
            if answer == z3.sat:
                return REFUTED, self._plainer(assumptions) if example else self.solver.model(), None
            return UNKNOWN, None, self.solver.reason_unknown()
        finally:
            self.solver.pop()

    def _plainer(self, assumptions: Sequence[z3.BoolRef]) -> z3.ModelRef:
        """The first item the property allows in a fixed order of preferences (canonical.py): the same
        counterexample on every run; the solver's own model when that search runs out of time."""
        model = self.solver.model()
        found = first_item(self.solver, assumptions, preferences(self.item, self.on_day))
        return found if found is not None else model

    def way_of(self, model: z3.ModelRef) -> Way:
        """The one way the model's item is decided."""
        for way in self.cascade.ways:
            if z3.is_true(model.eval(way.fires, model_completion=True)):
                return way
        raise AssertionError("the cascade's ways cover every item")  # exactly one fires, by construction

    def step(self, way: Way) -> Step:
        at = None
        if way.rule is not None and way.clause is not None:
            at = str(way.rule.clause_at(way.clause))
        elif way.procedure is not None:
            at = str(self.policy.admissions[way.procedure].span)
        rule = way.rule.name if way.rule is not None else None
        return Step(way.decision, way.procedure, rule, way.clause, at, way.reason)

    def counterexample(self, model: z3.ModelRef) -> Counterexample:
        item, lists = written(self.item, model, IDENT, TITLE)
        return Counterexample(item, tuple(lists), (self.step(self.way_of(model)),))


__all__ = ["Session"]
