"""Well-typed admission rules in the rule language: conditions, actions, and whole criteria."""

from __future__ import annotations

from hypothesis import strategies as st

from ...vocabulary import BUILTIN_POWERS, ROLES
from .draws import DATE, ITEM_KINDS, UNIT_KINDS, Draw, coin, subset

# Text inside a rule's double-quoted string: no quote, no backslash, no line break.
_REASON = st.text("abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789-,.()网格准入事项权责", min_size=1, max_size=16)
_ATOMS = (
    lambda draw: f'item.kind {draw(st.sampled_from(("==", "!=")))} "{draw(st.sampled_from(ITEM_KINDS))}"',
    lambda draw: f'item.role == "{draw(st.sampled_from(ROLES))}"',
    lambda draw: f'item.responsibility == "{draw(st.sampled_from(("territorial", "dual", "owner", "")))}"',
    lambda draw: "item.requires <= powers(item.tier)",
    lambda draw: "item.requires <= powers(item.tier) + item.funding.powers",
    lambda draw: "item.requires - powers(item.tier) == {}",
    lambda draw: f'"{draw(st.sampled_from(BUILTIN_POWERS))}" {draw(st.sampled_from(("in", "not in")))} item.requires',
    lambda draw: (
        f"item.cost.{draw(st.sampled_from(('hours_per_month', 'yuan_per_year')))} "
        f"{draw(st.sampled_from(('<', '<=', '>', '>=')))} {draw(st.integers(0, 10_000))}"
    ),
    lambda draw: (
        f"count(item.{draw(st.sampled_from(('co_handlers', 'mobilises', 'requires_all')))}) "
        f"{draw(st.sampled_from(('==', '<=', '>')))} {draw(st.integers(0, 4))}"
    ),
    lambda draw: f"item.tier.depth {draw(st.sampled_from(('>=', '<', '==')))} {draw(st.integers(0, 5))}",
    lambda draw: (
        f"item.funding.money + item.funding.people * {draw(st.integers(1, 100_000))} >= {draw(st.integers(0, 10**6))}"
    ),
    lambda draw: f"all(u in item.co_handlers: u.headcount > {draw(st.integers(0, 9))})",
    lambda draw: f'any(u in units(item.tier): u.kind == "{draw(st.sampled_from(UNIT_KINDS))}")',
    lambda draw: "item.owner.tier.depth < item.tier.depth",
    lambda draw: f"on >= {draw(DATE)}",
    lambda draw: f"item.valid_to < on + {draw(st.integers(1, 400))}d",
)


@st.composite
def conditions(draw: Draw, depth: int = 2) -> str:
    """A well-typed condition (type bool) about `item`, combining attribute tests with and/or/not."""
    shape = draw(st.integers(0, 5)) if depth > 0 else 0
    if shape <= 2:
        return _ATOMS[draw(st.integers(0, len(_ATOMS) - 1))](draw)
    left = draw(conditions(depth - 1))
    if shape == 3:
        return f"not ({left})"
    right = draw(conditions(depth - 1))
    return f"({left}) {'and' if shape == 4 else 'or'} ({right})"


@st.composite
def actions(draw: Draw, findings: bool = True) -> str:
    """A decision: admit, a conditional admission (devolve, transfer, term), reject with a reason, or
    (with `findings`) a custom finding PE900-PE999."""
    kind = draw(st.integers(0, 3 if findings else 2))
    if kind == 0:
        return "admit"
    if kind == 1:
        return f'reject "{draw(_REASON)}"'
    if kind == 3:
        severity = draw(st.sampled_from(("error", "warning", "info")))
        return f'finding PE{draw(st.integers(900, 999))} {severity} "{draw(_REASON)}"'
    parts = []
    for which in subset(draw, ["devolve", "transfer", "term"]) or ["devolve"]:
        if which == "devolve":
            parts.append(
                draw(
                    st.sampled_from(
                        (
                            "devolve(item.requires - powers(item.tier))",
                            'devolve({"penalty"})',
                            "devolve(item.requires_all)",
                        )
                    )
                )
            )
        elif which == "transfer":
            parts.append(f"transfer(money = {draw(st.integers(0, 10**6))}, people = {draw(st.integers(0, 5))})")
        else:
            parts.append(f"term({draw(st.integers(1, 400))}{draw(st.sampled_from(('d', 'w', 'mo', 'y')))})")
    return "admit with " + ", ".join(parts)


@st.composite
def rules(draw: Draw, max_clauses: int = 3, findings: bool = True) -> str:
    """A well-typed admission criterion: 1-`max_clauses` `when COND then ACTION` clauses, one per line,
    sometimes ending with `otherwise ACTION`. Put it in an admission procedure's `criteria`."""
    clauses = [
        f"when {draw(conditions())} then {draw(actions(findings))}" for _ in range(draw(st.integers(1, max_clauses)))
    ]
    if coin(draw):
        clauses.append(f"otherwise {draw(actions(findings))}")
    return "\n".join(clauses)
