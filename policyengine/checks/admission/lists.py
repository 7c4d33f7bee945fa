"""What the admission checks share: which lists hold an item, which procedures govern a list, which
items a tier's governed lists admit and who reviewed them. Indexed once per policy (in the graph's
memo): the checks ask for every item, and a category may be on many lists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...messages.core import Message, Quoted
from ..steps import step

if TYPE_CHECKING:
    from ...diagnostics import Violation
    from ...model import Admission, Item, Policy, PolicyList
    from ..base import Step
    from ..context import Context

Key = tuple[str, str, str]  # (tier, "id" | "category", the id or the category)


def pushed(ctx: Context, item: Item) -> bool:
    """Pushed down: the owner's tier or the issuing tier is above the item's tier, or it comes `via` a body."""
    if item.via:
        return True
    owner = ctx.policy.units.get(item.owner) if item.owner else None
    origins = [owner.tier if owner else None, item.issued_by]
    return any(o is not None and ctx.graph.is_below(item.tier, o) for o in origins)


def keys(item: Item) -> list[Key]:
    """What puts an item on a list of its tier: its id, or its category."""
    found = [(item.tier, "id", item.id)]
    if item.category is not None:
        found.append((item.tier, "category", item.category))
    return found


def holders(ctx: Context) -> dict[Key, list[PolicyList]]:
    """(tier, "id" | "category", key) -> the lists of that tier holding it."""

    def compute() -> dict[Key, list[PolicyList]]:
        index: dict[Key, list[PolicyList]] = {}
        for lst in ctx.policy.lists.values():
            for item_id in dict.fromkeys(lst.items):
                index.setdefault((lst.tier, "id", item_id), []).append(lst)
            for category in dict.fromkeys(lst.categories):
                index.setdefault((lst.tier, "category", category), []).append(lst)
        return index

    found: dict[Key, list[PolicyList]] = ctx.graph.memo(("lists-holding",), compute)
    return found


def held_in(ctx: Context, item: Item, kinds: tuple[str, ...]) -> bool:
    """Whether a list of one of these kinds, on the item's own tier, holds it (by id or category)."""

    def compute() -> dict[Key, frozenset[str]]:
        return {key: frozenset(lst.kind for lst in lists) for key, lists in holders(ctx).items()}

    table: dict[Key, frozenset[str]] = ctx.graph.memo(("kinds-holding",), compute)
    return any(not table.get(key, frozenset()).isdisjoint(kinds) for key in keys(item))


def entries(policy: Policy, returned: bool = False) -> Iterator[tuple[PolicyList, int, Item]]:
    """Each (list, index, item) whose entry is an item assigned to the list's tier: of the lists other
    than `returned` ones, or (`returned=True`) of the `returned` lists only."""
    for lst in policy.lists.values():
        if (lst.kind == "returned") != returned:
            continue
        for index, item_id in enumerate(lst.items):
            item = policy.items.get(item_id)
            if item is not None and item.tier == lst.tier:
                yield lst, index, item


def governing_list(policy: Policy, lst: PolicyList, on: str) -> list[Admission]:
    """The procedures in force on `on` that govern a list, in declared order: those naming it in
    `lists`, whatever their tier, and those of its tier without `lists` (`Admission.governs`)."""
    return [a for a in policy.admissions.values() if a.governs(lst) and a.in_force(on)]


def admitted_by(ctx: Context, tier: str) -> dict[str, tuple[str, ...]]:
    """Items on the tier's governed lists -> the procedures governing those lists, in declared order."""

    def compute() -> dict[str, tuple[str, ...]]:
        policy = ctx.policy
        governed = {
            lst.id: procedures
            for lst in policy.lists.values()
            if lst.tier == tier and lst.kind != "returned" and (procedures := governing_list(policy, lst, ctx.on))
        }
        found: dict[str, tuple[str, ...]] = {}
        if not governed:
            return found
        by_key: dict[Key, dict[str, None]] = {}  # per key, over its governed lists
        for key, lists in holders(ctx).items():
            if key[0] == tier and any(lst.id in governed for lst in lists):
                by_key[key] = {a.id: None for lst in lists if lst.id in governed for a in governed[lst.id]}
        for item in policy.items.values():
            held = [by_key[key] for key in keys(item) if key in by_key] if item.tier == tier else []
            if held:
                found[item.id] = tuple(a for a in policy.admissions if any(a in h for h in held))
        return found

    result: dict[str, tuple[str, ...]] = ctx.graph.memo(("admitted-by-procedures", tier, ctx.on), compute)
    return result


def admitted(ctx: Context, tier: str) -> dict[str, frozenset[str]]:
    """Items on the tier's governed lists -> the units the reviewers of the procedures governing them
    can mean for that item."""

    def compute() -> dict[str, frozenset[str]]:
        return {
            item_id: ctx.reviewers(ctx.policy.items[item_id], procedures)
            for item_id, procedures in admitted_by(ctx, tier).items()
        }

    result: dict[str, frozenset[str]] = ctx.graph.memo(("admitted", tier, ctx.on), compute)
    return result


def admitted_in(ctx: Context, tier: str, field: str, value: str) -> list[str]:
    """Admitted items of a tier with this owner or category, indexed once per tier."""

    def compute() -> dict[tuple[str, str], list[str]]:
        index: dict[tuple[str, str], list[str]] = {}
        for item_id in admitted(ctx, tier):
            item = ctx.policy.items[item_id]
            if item.owner is not None:
                index.setdefault(("owner", item.owner), []).append(item_id)
            if item.category is not None:
                index.setdefault(("category", item.category), []).append(item_id)
        return index

    table: dict[tuple[str, str], list[str]] = ctx.graph.memo(("admitted-by", tier, ctx.on), compute)
    return table.get((field, value), [])


def protected_by(ctx: Context, tier: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The ids of the declared provisions of these kinds that protect a tier, in declared order."""

    def compute() -> dict[str, list[tuple[str, str]]]:
        index: dict[str, list[tuple[str, str]]] = {}
        for p in ctx.policy.provisions.values():
            index.setdefault(p.tier, []).append((p.kind, p.id))
        return index

    table: dict[str, list[tuple[str, str]]] = ctx.graph.memo(("provisions",), compute)
    return tuple(ident for kind, ident in table.get(tier, ()) if kind in kinds)


def cited(ctx: Context, v: Violation) -> list[Step]:
    """The provisions a finding's message cites (its `against` part), each at its declaration."""
    against = v.params.get("against")
    cites = against.params.get("provisions") if isinstance(against, Message) else v.params.get("provisions")
    steps = []
    for ident in cites.values if isinstance(cites, Quoted) else ():
        provision = ctx.policy.provisions.get(ident)
        if provision is not None:
            steps.append(step("related", 1, provision.span, role="provision", kind="provision", id=ident, name=None))
    return steps


def number(value: float) -> str:
    """A number as the admission messages show it: one decimal at most, none when it is whole."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
