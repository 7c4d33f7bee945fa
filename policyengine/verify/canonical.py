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


def first_item(
    solver: z3.Solver, assumptions: Sequence[z3.BoolRef], groups: list[list[z3.BoolRef]]
) -> z3.ModelRef | None:
    """The model keeping, group by group, the first alternative the property still allows with what is
    kept. Which alternative that is does not depend on the models met on the way (a model that already
    satisfies an alternative only spares asking), so neither does the answer. None when the solver
    cannot say in time."""
    kept = list(assumptions)
    model = solver.model()
    for group in groups:
        for choice in group:
            if z3.is_true(model.eval(choice, model_completion=True)):
                kept.append(choice)
                break
            answer = solver.check(*kept, choice)
            if answer == z3.sat:
                kept.append(choice)
                model = solver.model()
                break
            if answer != z3.unsat:
                return None
    return model


__all__ = ["first_item", "preferences"]
