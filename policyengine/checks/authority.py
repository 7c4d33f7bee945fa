"""PE101-PE105: where authority does not follow responsibility (权随责走)."""

from __future__ import annotations

from typing import Iterator

from ..codes import ROLE_ZH
from ..diagnostics import Subject, Violation
from .context import Context


def _powers(powers) -> tuple[str, str]:
    names = sorted(powers)
    en = "the power" + ("s " if len(names) > 1 else " ") + ", ".join(f"'{p}'" for p in names)
    zh = "、".join(f"“{p}”" for p in names) + "权"
    return en, zh


def responsibility_without_authority(ctx: Context) -> Iterator[Violation]:
    """PE101: the assigned tier lacks a power its role on the item requires."""
    max_coverage = ctx.threshold("PE101", "max_co_handler_coverage")
    for item in ctx.policy.items.values():
        required = item.required()
        if not required:
            continue
        held, thin = ctx.graph.held_for(item, max_coverage)
        missing = set(required) - held
        if not missing:
            continue
        en, zh = _powers(missing)
        helpers = [(u, c) for u, c in thin if missing & ctx.graph.unit_powers(u)]
        cohandlers = "".join(f"; co-handler '{u}' holds it but covers {c:g} grids (more than {max_coverage:g})"
                             for u, c in helpers)
        cohandlers_zh = "".join(f";协办单位“{u}”具备该权力,但覆盖 {c:g} 个网格(超过 {max_coverage:g} 个)"
                                for u, c in helpers)
        yield Violation("PE101", "missing", item.at("role"), Subject("item", item.id), {
            "item": item.id, "tier": item.tier, "role": item.role, "role_zh": ROLE_ZH[item.role],
            "powers": en, "powers_zh": zh, "cohandlers": cohandlers, "cohandlers_zh": cohandlers_zh})


def _origin(ctx: Context, item) -> str | None:
    if item.owner and item.owner in ctx.policy.units:
        return ctx.policy.units[item.owner].tier
    return item.issued_by


def unfunded_mandate(ctx: Context) -> Iterator[Violation]:
    """PE102: an item pushed below its owner without money or people covering its cost."""
    cover = ctx.threshold("PE102", "min_coverage")
    default_hours = ctx.threshold("PE102", "hours_per_person_month")
    for item in ctx.policy.items.values():
        origin = _origin(ctx, item)
        if origin is None or not ctx.graph.is_below(item.tier, origin):
            continue
        money = item.funding.money_yuan_per_year if item.funding else 0.0
        people = item.funding.people if item.funding else 0.0
        subject, span = Subject("item", item.id), item.at("tier")
        base = {"item": item.id, "tier": item.tier, "origin": origin}
        if money == 0 and people == 0:
            if not item.cost.declared_zero:
                yield Violation("PE102", "none", span, subject, base)
            continue
        cost = item.cost
        if cost.yuan_per_year is not None and money < cost.yuan_per_year * cover:
            yield Violation("PE102", "money", span, subject, {**base, "money": f"{money:g}",
                                                               "cost": f"{cost.yuan_per_year:g}"})
        elif cost.hours_per_month is not None:
            per_person = ctx.graph.memo(("hours-per-person", item.tier), lambda tier=item.tier: next(
                (u.hours_per_person_month for u in map(ctx.policy.units.get, ctx.graph.units_at(tier))
                 if u.hours_per_person_month), None)) or default_hours
            if people * per_person < cost.hours_per_month * cover:
                yield Violation("PE102", "people", span, subject, {**base, "hours": f"{people * per_person:g}",
                                                                    "cost": f"{cost.hours_per_month:g}"})


def coordination_deficit(ctx: Context) -> Iterator[Violation]:
    """PE103: the assigned tier must mobilise a unit it has no coordination path to."""
    for item in ctx.policy.items.values():
        if not item.mobilises:
            continue
        grants = ctx.graph.coordination(item.tier)
        scopes = sorted({g["scope"] for g in grants if g["scope"]})
        for index, unit in enumerate(item.mobilises):
            if any(ctx.graph.reaches(g, unit) for g in grants):
                continue
            target = ctx.policy.units[unit]
            yield Violation("PE103", "reach", item.at("mobilises", index), Subject("item", item.id), {
                "item": item.id, "tier": item.tier, "unit": unit, "unit_tier": target.tier,
                "scopes": f" (its coordination reaches only tier {', '.join(scopes)} and below)" if scopes
                else " (it holds no coordination power)",
                "scopes_zh": f"(其协调范围仅限“{'、'.join(scopes)}”及以下)" if scopes else "(不具备协调权)"})


def escalation_dead_end(ctx: Context) -> Iterator[Violation]:
    """PE104: events of the item reach no unit holding the power, or are returned to a tier lacking it."""
    workflow = ctx.policy.workflow
    max_coverage = ctx.threshold("PE101", "max_co_handler_coverage")
    for item in ctx.policy.items.values():
        needed = frozenset(item.required("handle"))
        if not needed:
            continue
        held, _ = ctx.graph.held_for(item, max_coverage)
        missing = needed - held
        if not missing:
            continue
        en, zh = _powers(needed)
        subject, span = Subject("item", item.id), item.at("tier")
        chain = workflow.escalation if workflow else ()
        above = chain[chain.index(item.tier) + 1:] if item.tier in chain else ()
        if not any(_settles(ctx, tier, needed) for tier in above):
            yield Violation("PE104", "dead_end", span, subject,
                            {"item": item.id, "tier": item.tier, "powers": en, "powers_zh": zh})
            continue
        for rule in workflow.returns if workflow else ():
            target = item.tier if rule.to == "assigned_tier" else rule.to
            if (target == item.tier and rule.basis == "responsibility"
                    and ctx.graph.is_below(item.tier, rule.from_tier)):
                missing_en, missing_zh = _powers(missing)
                yield Violation("PE104", "returned", span, subject, {
                    "item": item.id, "tier": item.tier, "by": rule.from_tier, "missing": missing_en,
                    "missing_zh": missing_zh})
                break


def _settles(ctx: Context, tier: str, needed: frozenset[str]) -> bool:
    """Whether the tier's own grants, or one unit at it or dispatchable from it, hold every power needed."""
    def compute() -> bool:
        if needed <= ctx.graph.tier_own_powers(tier):
            return True
        candidates = ctx.graph.units_at(tier) + ctx.graph.dispatchable(tier)
        return any(needed <= ctx.graph.unit_powers(u) for u in candidates)
    return ctx.graph.memo(("settles", tier, needed), compute)


def responsibility_load(policy) -> tuple[dict[str, int], dict[str, int]]:
    """Per tier, the items assigned to it and the items its lists state beyond those (PE105's load is
    their sum). Shared with the report, so that its pyramid counts as PE105 does."""
    assigned = {t: 0 for t in policy.tiers}
    for item in policy.items.values():
        assigned[item.tier] = assigned.get(item.tier, 0) + 1
    stated = {t: 0 for t in policy.tiers}
    items = policy.items
    for lst in policy.lists.values():
        if lst.stated_items is not None and lst.kind != "returned":  # 上收事项 left the tier
            # stated items beyond those declared in the list *and assigned to its tier* (counted above)
            declared = sum(1 for i in lst.items if i in items and items[i].tier == lst.tier)
            stated[lst.tier] = stated.get(lst.tier, 0) + max(0, lst.stated_items - declared)
    return assigned, stated


def inverted_authority(ctx: Context) -> Iterator[Violation]:
    """PE105: heavy responsibility load with low authority on the four dimensions (低治理权)."""
    ratio = ctx.threshold("PE105", "ratio")
    min_items = ctx.threshold("PE105", "min_items")
    assigned, stated = responsibility_load(ctx.policy)
    load = {t: assigned.get(t, 0) + stated.get(t, 0) for t in assigned.keys() | stated.keys()}
    total = sum(load.values())
    authority = ctx.graph.authority
    if not authority:
        return
    top_tier = min(authority, key=lambda t: (-authority[t], t))
    top = authority[top_tier]
    for tier_id, tier in ctx.policy.tiers.items():
        mine = authority.get(tier_id, 0.0)
        if load[tier_id] < min_items or mine * ratio > top or top == 0:
            continue
        yield Violation("PE105", "inverted", tier.span, Subject("tier", tier_id), {
            "tier": tier_id, "load": load[tier_id], "load_share": load[tier_id] / total if total else 0.0,
            "authority": mine, "top": top, "top_tier": top_tier})


__all__ = ["responsibility_load", "responsibility_without_authority", "unfunded_mandate", "coordination_deficit",
           "escalation_dead_end", "inverted_authority"]
