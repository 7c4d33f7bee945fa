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


def preferences(item: SymbolicItem, on_day: int) -> list[z3.BoolRef]:
    """The preferences, most important first: the item's kind and where it stands, then each field."""
    names = item.names
    order: list[z3.BoolRef] = []
    own = len(names.strings)
    order += [item.id == own, item.name == own + 1, item.legal_basis[1] == own + 2]
    order += [item.kind == names.of(k) for k in KINDS]
    order += [item.role == names.of(r) for r in ROLES]
    order += [item.tier == names.of(t) for t in item.policy.tiers]
    order += [z3.Not(bit) for bit in item.lists.values()]
    order += [item.category == names.of(""), *(item.category == names.of(c) for c in item.policy.categories)]
    order += [item.responsibility == names.of(r) for r in ("", *RESPONSIBILITIES)]
    for key in ("owner", "issued_by", "via", "applicant"):
        missing, var = getattr(item, key)
        options = item.policy.tiers if key == "issued_by" else item.policy.units
        order += [missing, *(var == names.of(o) for o in options)]
    for role in ROLES:
        order += [z3.Not(bit) for bit in item.requires[role].values()]
    order += [z3.Not(bit) for bit in item.mobilises.values()]
    order += [z3.Not(bit) for bit in item.co_handlers.values()]
    for missing, var in item.numbers.values():
        order += [missing, *(var == n for n in ROUND)]
    order += [z3.Not(item.funding_powers[0]), *(z3.Not(bit) for bit in item.funding_powers[1].values())]
    for missing, var in item.days.values():
        order += [missing, *(var == on_day + d for d in DAYS)]
    order.append(item.legal_basis[0])
    return order


def first_item(solver: z3.Solver, assumptions: Sequence[z3.BoolRef], order: list[z3.BoolRef]) -> z3.ModelRef | None:
    """The model keeping every preference it can, in order (a block at a time: a block the property
    allows whole is kept whole, else it is halved). None when the solver cannot say in time."""
    kept = list(assumptions)

    def keep(block: list[z3.BoolRef]) -> bool:
        answer = solver.check(*kept, *block)
        if answer == z3.sat:
            kept.extend(block)
            return True
        if answer != z3.unsat:
            return False
        if len(block) > 1:
            middle = len(block) // 2
            return keep(block[:middle]) and keep(block[middle:])
        return True

    if not keep(order):
        return None
    return solver.model() if solver.check(*kept) == z3.sat else None


__all__ = ["first_item", "preferences"]
