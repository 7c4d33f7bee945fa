"""PE200-PE206: admission (准入) of items into a tier's lists, and what admitting them costs the tier."""

from __future__ import annotations

from datetime import date
from typing import Iterator

from ..admission import REJECTED, Decision, decide_item, governance_of
from ..diagnostics import Subject, Violation
from ..model import Admission, Item, PolicyList
from .context import Context


def _received(policy, item) -> bool:
    """A line item is received by its tier unless its owner department sits at that same tier."""
    owner = policy.units.get(item.owner) if item.owner else None
    return owner is None or owner.tier != item.tier


def no_admission_procedure(ctx: Context) -> Iterator[Violation]:
    """PE200: a tier receives line items but no admission procedure governs its lists."""
    policy = ctx.policy
    line_items = {i.id for i in policy.items.values() if i.kind == "line" and _received(policy, i)}
    line_categories = {c.id for c in policy.categories.values() if c.kind == "line"}
    for tier_id, tier in policy.tiers.items():
        procedures = [a for a in policy.admissions.values() if a.tier == tier_id]
        if any(not a.lists for a in procedures):
            continue  # a procedure without `lists` governs every list of its tier
        governed = {lst for a in procedures for lst in a.lists}
        lists = [lst for lst in policy.lists.values() if lst.tier == tier_id and lst.kind != "returned"]
        ungoverned = [lst for lst in lists if lst.id not in governed
                      and (set(lst.items) & line_items or set(lst.categories) & line_categories)]
        listed = {i for lst in policy.lists.values() if lst.tier == tier_id for i in lst.items}
        unlisted = [i for i in line_items if policy.items[i].tier == tier_id and i not in listed]
        count = len(unlisted) + sum(max(len(set(lst.items) & line_items), lst.stated_items or 0)
                                    for lst in ungoverned)
        if not ungoverned and not (unlisted and not procedures):
            continue
        names = [lst.id for lst in ungoverned]
        shown = ", ".join(f"'{n}'" for n in names) if names else "its lists"
        shown_zh = "、".join(f"“{n}”" for n in names) if names else "其清单"
        yield Violation("PE200", "missing", tier.span, Subject("tier", tier_id), {
            "tier": tier_id, "count": count, "lists": shown, "lists_zh": shown_zh})


# -- PE201-PE206: what admission lets in, and on what terms ---------------------------------------------

def _pushed(ctx: Context, item) -> bool:
    """Pushed down: the owner's tier or the issuing tier is above the item's tier, or it comes `via` a body."""
    if item.via:
        return True
    owner = ctx.policy.units.get(item.owner) if item.owner else None
    origins = [owner.tier if owner else None, item.issued_by]
    return any(o is not None and ctx.graph.is_below(item.tier, o) for o in origins)


def _keys(item) -> list[tuple[str, str, str]]:
    """What puts an item on a list of its tier: its id, or its category."""
    keys = [(item.tier, "id", item.id)]
    if item.category is not None:
        keys.append((item.tier, "category", item.category))
    return keys


def _holders(ctx: Context) -> dict[tuple[str, str, str], list[PolicyList]]:
    """(tier, "id" | "category", key) -> the lists of that tier holding it. Indexed once per policy:
    checks ask for every item, and a category may be on many lists."""
    def compute() -> dict[tuple[str, str, str], list[PolicyList]]:
        index: dict[tuple[str, str, str], list[PolicyList]] = {}
        for lst in ctx.policy.lists.values():
            for item_id in dict.fromkeys(lst.items):
                index.setdefault((lst.tier, "id", item_id), []).append(lst)
            for category in dict.fromkeys(lst.categories):
                index.setdefault((lst.tier, "category", category), []).append(lst)
        return index
    return ctx.graph.memo(("lists-holding",), compute)


def _held_in(ctx: Context, item, kinds: tuple[str, ...]) -> bool:
    """Whether a list of one of these kinds, on the item's own tier, holds it (by id or category)."""
    def compute() -> dict[tuple[str, str, str], frozenset[str]]:
        return {key: frozenset(lst.kind for lst in lists) for key, lists in _holders(ctx).items()}
    table = ctx.graph.memo(("kinds-holding",), compute)
    return any(not table.get(key, frozenset()).isdisjoint(kinds) for key in _keys(item))


def _entries(policy) -> Iterator[tuple[PolicyList, int, Item]]:
    """Each (list, index, item) of a non-returned list whose entry is an item assigned to the list's tier."""
    for lst in policy.lists.values():
        if lst.kind == "returned":
            continue
        for index, item_id in enumerate(lst.items):
            item = policy.items.get(item_id)
            if item is not None and item.tier == lst.tier:
                yield lst, index, item


def _governing_list(policy, lst: PolicyList, on: str) -> list[Admission]:
    """The procedures in force on `on` that govern a list, in declared order."""
    return [a for a in policy.admissions.values()
            if a.tier == lst.tier and (not a.lists or lst.id in a.lists) and a.in_force(on)]


def _decision(ctx: Context, item) -> Decision | None:
    """The item's admission decision, or None when no procedure with criteria governs it or a rule is broken."""
    def compute() -> Decision | None:
        procedures = governance_of(ctx.policy).governing(item, ctx.on)
        if not procedures or any(p not in ctx.rules.criteria for p in procedures):
            return None  # unreviewed (PE200), or a broken rule (PE006/PE007): nothing to judge
        if not any(ctx.rules.criteria[p] for p in procedures):
            return None  # procedures without criteria review by hand: nothing to evaluate
        return decide_item(ctx.policy, ctx.rules, ctx.facts, item, governance_of(ctx.policy), ctx.on)
    return ctx.graph.memo(("admission-decision", item.id, ctx.on, id(ctx.rules)), compute)


def _quoted(ids, zh: bool = False) -> str:
    return "、".join(f"“{i}”" for i in ids) if zh else ", ".join(f"'{i}'" for i in ids)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def inadmissible_item(ctx: Context) -> Iterator[Violation]:
    """PE201: an item in a list of its tier that the governing procedures in force reject."""
    for lst, index, item in _entries(ctx.policy):
        decision = _decision(ctx, item)
        if decision is None or decision.decision != REJECTED:
            continue
        params = {"item": item.id, "list": lst.id, "procedure": decision.procedure}
        if decision.rule is None:
            yield Violation("PE201", "default", lst.at("items", index), Subject("item", item.id), params)
        else:
            yield Violation("PE201", "rejected", lst.at("items", index), Subject("item", item.id),
                            {**params, "rule": decision.rule, "reason": decision.reason or ""})


def unlisted_pushdown(ctx: Context) -> Iterator[Violation]:
    """PE202: work pushed down to a tier with lists, outside every duties/cooperation list of it."""
    policy = ctx.policy
    lists_of: dict[str, list[PolicyList]] = {}
    for lst in policy.lists.values():
        if lst.kind in ("duties", "cooperation"):
            lists_of.setdefault(lst.tier, []).append(lst)
    for item in policy.items.values():
        lists = lists_of.get(item.tier)
        if not lists or not _pushed(ctx, item) or _held_in(ctx, item, ("duties", "cooperation")):
            continue
        names = [lst.id for lst in lists]
        yield Violation("PE202", "unlisted", item.at("tier"), Subject("item", item.id), {
            "item": item.id, "tier": item.tier, "lists": _quoted(names), "lists_zh": _quoted(names, True),
            "via": f" (assigned through the task force '{item.via}')" if item.via else "",
            "via_zh": f"经专班(临时机构)“{item.via}”" if item.via else ""})


def _days(start: str, end: str) -> int | None:
    try:
        return (date.fromisoformat(end) - date.fromisoformat(start)).days
    except ValueError:
        return None


def temporary_admission_unbounded(ctx: Context) -> Iterator[Violation]:
    """PE203: a temporary item admitted without approval or end, past its end, or beyond the longest term."""
    policy = ctx.policy
    governance = governance_of(policy)
    for item in policy.items.values():
        if item.kind != "temporary" or not (_pushed(ctx, item) or _held_in(ctx, item, ("duties", "cooperation"))):
            continue
        procedures = [policy.admissions[p] for p in governance.governing(item, ctx.on)]
        temporary = [(p, p.temporary) for p in procedures if p.temporary is not None]
        start, end = item.valid
        problems: list[tuple[str, str]] = []
        if not any(t.approval_by for _, t in temporary):
            problems.append(("no approval (no admission procedure in force names temporary.approval_by)",
                             "未经审批(没有有效的准入程序规定 temporary.approval_by)"))
        terms = sorted((t.max_term_days, p.id) for p, t in temporary if t.max_term_days is not None)
        decision = _decision(ctx, item)
        conditional_term = decision.term_days if decision is not None else None
        if end is None and not terms and conditional_term is None:
            problems.append(("no end (no valid.to, no temporary.max_term_days, no term in its admission)",
                             "没有期限(没有 valid.to,没有 temporary.max_term_days,准入也未规定期限)"))
        if end is not None and end < ctx.on:
            problems.append((f"past its end (valid.to {end})", f"已过期限(valid.to 为 {end})"))
        if start is not None and end is not None and terms:
            length, (longest, procedure) = _days(start, end), terms[0]
            if length is not None and length > longest:
                problems.append((f"a term of {length} days, longer than the {_num(longest)} days procedure "
                                 f"'{procedure}' allows",
                                 f"期限 {length} 天,超过准入程序“{procedure}”允许的 {_num(longest)} 天"))
        if problems:
            yield Violation("PE203", "unbounded", item.at("kind"), Subject("item", item.id), {
                "item": item.id, "tier": item.tier, "problems": "; ".join(en for en, _ in problems),
                "problems_zh": ";".join(zh for _, zh in problems)})


PROCEDURE_PARTS = (
    ("legal_basis_required", "a legal basis requirement (legal_basis_required: true)",
     "法定依据要求(legal_basis_required: true)"),
    ("lead_time_days", "a lead time (lead_time_days)", "提前申请期限(lead_time_days)"),
    ("reviewer", "a reviewer (reviewer)", "审核部门(reviewer)"),
    ("approval_deadline_days", "an approval deadline (approval_deadline_days)", "审批时限(approval_deadline_days)"),
    ("publication_required", "publication before effect (publication_required: true)",
     "生效前公布(publication_required: true)"),
)


def admission_procedure_incomplete(ctx: Context) -> Iterator[Violation]:
    """PE204: a procedure in force missing a part of due process; an item missing the legal basis it needs."""
    policy = ctx.policy
    for adm in policy.admissions.values():
        if not adm.in_force(ctx.on):
            continue
        missing = [(en, zh) for name, en, zh in PROCEDURE_PARTS
                   if getattr(adm, name) is None or getattr(adm, name) is False]
        if missing:
            yield Violation("PE204", "procedure", adm.span, Subject("admission", adm.id), {
                "procedure": adm.id, "missing": ", ".join(en for en, _ in missing),
                "missing_zh": "、".join(zh for _, zh in missing)})
    seen: set[str] = set()
    for lst, index, item in _entries(policy):
        if item.id in seen or item.legal_basis:
            continue
        requiring = [a for a in _governing_list(policy, lst, ctx.on) if a.legal_basis_required is True]
        if requiring:
            seen.add(item.id)
            yield Violation("PE204", "legal_basis", lst.at("items", index), Subject("item", item.id), {
                "item": item.id, "list": lst.id, "procedure": requiring[0].id})


def _admitted(ctx: Context, tier: str) -> dict[str, set[str]]:
    """Items on the tier's governed lists -> reviewers of the procedures governing them."""
    def compute() -> dict[str, set[str]]:
        policy = ctx.policy
        governed = {lst.id: procedures for lst in policy.lists.values()
                    if lst.tier == tier and lst.kind != "returned"
                    and (procedures := _governing_list(policy, lst, ctx.on))}
        admitted: dict[str, set[str]] = {}
        if not governed:
            return admitted
        reviewers: dict[tuple[str, str, str], set[str] | None] = {}  # per key, over its governed lists
        for key, lists in _holders(ctx).items():
            if key[0] == tier:
                held = [lst for lst in lists if lst.id in governed]
                reviewers[key] = {a.reviewer for lst in held for a in governed[lst.id] if a.reviewer} if held else None
        for item in policy.items.values():
            if item.tier != tier:
                continue
            found = [reviewers.get(key) for key in _keys(item)]
            if any(r is not None for r in found):
                admitted[item.id] = set().union(*(r for r in found if r is not None))
        return admitted
    return ctx.graph.memo(("admitted", tier, ctx.on), compute)


def separate_assessment(ctx: Context) -> Iterator[Violation]:
    """PE205: an assessor other than the admission reviewer assesses a tier on an item admitted to it."""
    policy = ctx.policy
    for regime in policy.regimes.values():
        tier = ctx.graph.tier_of(regime.assessed)
        if regime.assessor not in policy.units or tier is None:
            continue
        admitted = _admitted(ctx, tier)
        if not admitted:
            continue
        if regime.items or regime.categories:  # what the regime names, looked up, not scanned
            candidates = {i for i in regime.items if i in admitted}
            candidates |= {i for c in regime.categories for i in _admitted_in(ctx, tier, "category", c)}
        else:
            candidates = set(_admitted_in(ctx, tier, "owner", regime.assessor))
        flagged = sorted(i for i in candidates if regime.assessor not in admitted[i])  # independent of order
        if not flagged:
            continue
        shown = sorted({r for i in flagged for r in admitted[i]})
        yield Violation("PE205", "separate", regime.at("assessor"), Subject("assessment", regime.id), {
            "regime": regime.id, "assessor": regime.assessor, "assessed": regime.assessed,
            "items": _quoted(flagged), "items_zh": _quoted(flagged, True),
            "reviewers": f"the admission reviewer is {_quoted(shown)}" if shown else "no admission reviewer is named",
            "reviewers_zh": f"准入审核部门为{_quoted(shown, True)}" if shown else "未指定准入审核部门"})


def _admitted_in(ctx: Context, tier: str, field: str, value: str) -> list[str]:
    """Admitted items of a tier with this owner or category, indexed once per tier."""
    def compute() -> dict[tuple[str, str], list[str]]:
        index: dict[tuple[str, str], list[str]] = {}
        for item_id in _admitted(ctx, tier):
            item = ctx.policy.items[item_id]
            if item.owner is not None:
                index.setdefault(("owner", item.owner), []).append(item_id)
            if item.category is not None:
                index.setdefault(("category", item.category), []).append(item_id)
        return index
    return ctx.graph.memo(("admitted-by", tier, ctx.on), compute).get((field, value), [])


def list_over_capacity(ctx: Context) -> Iterator[Violation]:
    """PE206: a list whose workload exceeds its tier's headcount hours (per tier instance)."""
    policy = ctx.policy
    default_hours = ctx.threshold("PE206", "hours_per_person_month")
    max_share = ctx.threshold("PE206", "max_share")
    for tier_id, tier in policy.tiers.items():
        own = [u for u in policy.units.values() if u.tier == tier_id and u.sent_by is None and u.people is not None]
        if not own:
            continue  # the tier declares no capacity
        capacity = sum(u.people * (u.count if u.count is not None else 1)
                       * (u.hours_per_person_month if u.hours_per_person_month is not None else default_hours)
                       for u in own) / (tier.count or 1)
        for lst in policy.lists.values():
            if lst.tier != tier_id or lst.kind == "returned":
                continue
            workload = sum(policy.items[i].cost.hours_per_month or 0.0 for i in lst.items
                           if i in policy.items and policy.items[i].tier == tier_id)
            workload += lst.workload_hours_per_month or 0.0
            if workload <= capacity * max_share:
                continue
            share = f"{workload / capacity:.0%}" if capacity > 0 else "∞"
            yield Violation("PE206", "over", lst.span, Subject("list", lst.id), {
                "list": lst.id, "tier": tier_id, "workload": _num(workload), "capacity": _num(capacity),
                "share": share})
