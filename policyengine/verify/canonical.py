"""One counterexample for a property, the same on every run: the first item, in a fixed order of
preferences, that the property allows.

A solver's model is whatever item it met first, and that follows how the question was built and
what the process asked before. So the item is chosen again, preference by preference in a fixed
order — each field unstated if it may be, each set empty where it may be, each choice its first
option, each number a round one — keeping a preference whenever the property still holds with it.
The answer is the lexicographically first item the property allows, whatever the solver's history:
the same on every run and with every solver that answers the questions rightly.
"""

from __future__ import annotations

from collections.abc import Sequence

import z3

from .item import KINDS, RESPONSIBILITIES, ROLES, SymbolicItem

ROUND = (0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10**9, 10**12)
DAYS = (0, 1, 30, 90, 91, 365, -1, -30, -90, -365)  # from the judged date


def preferences(item: SymbolicItem, on_day: int) -> list[list[z3.BoolRef]]:
    """The preferences, most important first: the item's kind and where it stands, then each field.
    Each group holds the alternatives for one field, the preferred first; one of a group is kept."""
    names = item.names
    own = len(names.strings)
    groups: list[list[z3.BoolRef]] = [[item.id == own], [item.name == own + 1], [item.legal_basis[1] == own + 2]]
    groups += [
        [item.kind == names.of(k) for k in KINDS],
        [item.role == names.of(r) for r in ROLES],
        [item.tier == names.of(t) for t in item.policy.tiers],
    ]
    groups += [[z3.Not(bit)] for bit in item.lists.values()]
    groups.append([item.category == names.of(c) for c in ("", *item.policy.categories)])
    groups.append([item.responsibility == names.of(r) for r in ("", *RESPONSIBILITIES)])
    groups.append([z3.Not(item.applicant_party)])  # an applicant, if any, is one unit
    groups += [[z3.Not(bit)] for bit in item.applicant_tiers.values()]
    for key in ("owner", "issued_by", "via", "applicant"):
        missing, var = getattr(item, key)
        options = item.policy.tiers if key == "issued_by" else item.policy.units
        groups.append([missing, *(var == names.of(o) for o in options)])
    bits = [*(b for role in ROLES for b in item.requires[role].values()), *item.mobilises.values()]
    bits += [*item.co_handlers.values(), item.funding_powers[0], *item.funding_powers[1].values()]
    groups += [[z3.Not(bit)] for bit in bits]
    for missing, var in item.numbers.values():
        groups.append([missing, *(var == n for n in ROUND)])
    for missing, var in item.days.values():
        groups.append([missing, *(var == on_day + d for d in DAYS)])
    groups.append([item.legal_basis[0]])
    return groups


class _Search:
    """The search for the first item: what is kept is added to the solver (inside a scope the search
    opens and closes), so that each question carries only the alternatives it asks about."""

    def __init__(self, solver: z3.Solver, model: z3.ModelRef):
        self.solver, self.model = solver, model

    def holds(self, choice: z3.BoolRef) -> bool:
        return bool(z3.is_true(self.model.eval(choice, model_completion=True)))

    def ask(self, *choices: z3.BoolRef) -> z3.CheckSatResult:
        answer = self.solver.check(*choices)
        if answer == z3.sat:
            self.model = self.solver.model()
        return answer

    def keep_run(self, run: list[z3.BoolRef]) -> bool:
        """Single preferences in order: those the model satisfies are kept as they come; a stretch it
        does not is asked whole, and halved when not allowed whole."""
        index = 0
        while index < len(run):
            if self.holds(run[index]):
                self.solver.add(run[index])
                index += 1
                continue
            end = index
            while end < len(run) and not self.holds(run[end]):
                end += 1
            if not self.halve(run[index:end]):
                return False
            index = end
        return True

    def halve(self, block: list[z3.BoolRef]) -> bool:
        answer = self.ask(*block)
        if answer == z3.sat:
            self.solver.add(*block)
            return True
        if answer != z3.unsat:
            return False
        if len(block) == 1:
            return True
        middle = len(block) // 2
        return self.halve(block[:middle]) and self.halve(block[middle:])

    def keep_first(self, group: list[z3.BoolRef]) -> bool:
        """The first alternative of a group allowed with what is kept: the one the model satisfies, or
        one before it, found by halving (is one of the first k allowed?)."""
        holds = [self.holds(choice) for choice in group]
        if True in holds:
            bound = holds.index(True)
        else:  # a number none of the round ones: perhaps no alternative is allowed at all
            answer = self.ask(z3.Or(*group))
            if answer != z3.sat:
                return bool(answer == z3.unsat)
            bound = next(i for i, choice in enumerate(group) if self.holds(choice))
        low = 0  # the alternatives before `low` are not allowed; the one at `bound` is
        while low < bound:
            middle = (low + bound) // 2
            answer = self.ask(z3.Or(*group[low : middle + 1]))
            if answer == z3.sat:
                bound = next(i for i in range(low, middle + 1) if self.holds(group[i]))
            elif answer == z3.unsat:
                low = middle + 1
            else:
                return False
        self.solver.add(group[bound])
        return True


def first_item(
    solver: z3.Solver, assumptions: Sequence[z3.BoolRef], groups: list[list[z3.BoolRef]]
) -> z3.ModelRef | None:
    """The model keeping, group by group, the first alternative the property still allows with what is
    kept. Which alternative that is does not depend on the models met on the way (a model only spares
    questions: what it satisfies is allowed), so neither does the answer. None when the solver cannot
    say in time."""
    search = _Search(solver, solver.model())
    solver.push()
    try:
        solver.add(*assumptions)
        run: list[z3.BoolRef] = []
        for group in [*groups, []]:
            if len(group) == 1:
                run.append(group[0])
                continue
            if run and not search.keep_run(run):
                return None
            run = []
            if group and not search.keep_first(group):
                return None
        return search.model
    finally:
        solver.pop()


__all__ = ["first_item", "preferences"]
