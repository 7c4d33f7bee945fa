"""The steps PE101 and PE104 share in the chain behind a finding: the powers an item's role needs,
where each is held, the escalation path to the first tier that can settle the item, and the return
path back down. Each step is made from the graph's own queries, as the checks count."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ...dates import in_force
from ...messages.core import Message, Quoted, msg
from ..base import Step
from ..steps import field_at, step

if TYPE_CHECKING:
    from ...model import Grant, Item, PowerGrant
    from ..context import Context


def powers(names: Iterable[str]) -> Message:
    """The powers a message names: `the power 'a'`, `the powers 'a', 'b'` (`“a”、“b”权`)."""
    ordered = tuple(sorted(names))
    return msg("powers.one" if len(ordered) == 1 else "powers.many", names=Quoted(ordered))


def grants_holding(ctx: Context, power: str) -> Iterable[tuple[Grant, PowerGrant]]:
    """(grant, power grant) for every grant in force on the date holding `power`, in declared order."""
    for grant in ctx.policy.grants:
        if in_force(grant.valid, ctx.graph.on):
            for pg in grant.powers:
                if pg.power == power:
                    yield grant, pg


def _holder(ctx: Context, grant: Grant, pg: PowerGrant, depth: int, counted: bool, reason: str) -> Step:
    kind, ident = grant.holder
    tier = ctx.graph.tier_of(ident) if kind == "unit" else ident
    sent_by = ctx.policy.units[ident].sent_by if kind == "unit" and ident in ctx.policy.units else None
    return step(
        "holder",
        depth,
        pg.span,
        power=pg.power,
        holder_kind=kind,
        holder=ident,
        tier=tier,
        sent_by=sent_by,
        grant=grant.id,
        counted=counted,
        reason=reason,
    )


def _holders(ctx: Context, item: Item, power: str, has: bool, depth: int) -> list[Step]:
    """Every grant in force holding `power`, and whether it counts for the item's tier, and why."""
    own = set(ctx.graph.own_units_at(item.tier))
    max_coverage = ctx.threshold("PE101", "max_co_handler_coverage")
    attached = {c.unit for c in item.co_handlers if c.coverage is None or c.coverage <= max_coverage}
    holders = []
    for grant, pg in grants_holding(ctx, power):
        kind, ident = grant.holder
        if not ctx.structure.grant_counts_for(grant, pg, item):  # a scoped grant, or a power on a line
            if not has:
                holders.append(_holder(ctx, grant, pg, depth, False, "not_for_item"))
            continue
        if kind == "tier" and ident == item.tier:
            holders.append(_holder(ctx, grant, pg, depth, True, "assigned_tier"))
        elif kind == "unit" and ident in own:
            holders.append(_holder(ctx, grant, pg, depth, True, "own_unit"))
        elif kind == "unit" and ident in attached:
            holders.append(_holder(ctx, grant, pg, depth, True, "co_handler"))
        elif not has:
            unit = ctx.policy.units.get(ident) if kind == "unit" else None
            reason = "seconded" if unit is not None and unit.tier == item.tier else "other_tier"
            holders.append(_holder(ctx, grant, pg, depth, False, reason))
    return holders


def power_steps(ctx: Context, item: Item, power: str, held: frozenset[str], at: Any, depth: int) -> list[Step]:
    """One required power: whether the assigned tier holds it for the item, and where it is held."""
    max_coverage = ctx.threshold("PE101", "max_co_handler_coverage")
    has = power in held
    steps = [step("power", depth, at, power=power, tier=item.tier, held=has)]
    holders = _holders(ctx, item, power, has, depth + 1)
    if item.funding and power in item.funding.powers:
        index = item.funding.powers.index(power)
        steps.append(
            step(
                "holder",
                depth + 1,
                field_at(item, "funding", "powers", index) or item.at("funding"),
                power=power,
                holder_kind="funding",
                holder=item.id,
                tier=item.tier,
                sent_by=None,
                grant=None,
                counted=True,
                reason="funding",
            )
        )
    steps += [h for h in holders if h["counted"]]
    for c in item.co_handlers:
        holds = power in ctx.structure.unit_powers(c.unit, item)
        if not holds and has:
            continue
        counted = c.coverage is None or c.coverage <= max_coverage
        steps.append(
            step(
                "co_handler",
                depth + 1,
                c.span,
                power=power,
                unit=c.unit,
                coverage=c.coverage,
                threshold=max_coverage,
                counted=counted,
                holds=holds,
            )
        )
    steps += [h for h in holders if h["reason"] in ("seconded", "not_for_item")]
    steps += [h for h in holders if h["reason"] == "other_tier"]
    if not holders and not has:
        steps.append(step("held_nowhere", depth + 1, None, power=power))
    return steps


def requires(ctx: Context, item: Item, role: str, held: frozenset[str], depth: int = 1) -> list[Step]:
    """What the role requires, what is missing, and each power in turn."""
    required = item.required(role)
    missing = [p for p in required if p not in held]
    steps = [
        step(
            "requires",
            depth,
            field_at(item, "requires", role) or item.at("requires"),
            role=role,
            powers=list(required),
            missing=missing,
        )
    ]
    for index, power in enumerate(required):
        steps += power_steps(ctx, item, power, held, field_at(item, "requires", role, index), depth + 1)
    return steps


def _settlers(ctx: Context, item: Item, tier: str, needed: frozenset[str], depth: int) -> list[Step]:
    """Who at a higher tier holds every power needed for the item, as PE104's search counts them."""
    graph, policy, steps, held = ctx.graph, ctx.policy, [], ctx.structure
    if needed <= held.tier_own_powers(tier, item):
        steps.append(
            step("settler", depth, policy.tiers[tier].span if tier in policy.tiers else None, via="tier", id=tier)
        )
    for u in graph.units_at(tier):
        if needed <= held.unit_powers(u, item):
            steps.append(step("settler", depth, policy.units[u].span, via="unit", id=u))
    for u in graph.dispatchable(tier):
        if needed <= held.unit_powers(u, item) and u not in graph.units_at(tier):  # listed once, as a unit there
            at = (
                next(
                    (d.at("to", d.to.index(u)) for d in policy.workflow.dispatch if d.from_tier == tier and u in d.to),
                    None,
                )
                if policy.workflow
                else None
            )
            steps.append(step("settler", depth, at, via="dispatch", id=u))
    return steps


def escalation(ctx: Context, item: Item, needed: frozenset[str], depth: int = 1) -> list[Step]:
    """The escalation path from the assigned tier upward, to the first tier that can settle the item
    (PE104's own test, `PolicyGraph.settles`)."""
    if not needed:
        return []
    workflow = ctx.policy.workflow
    chain = workflow.escalation if workflow else ()
    at = field_at(workflow, "escalation") if workflow else None
    if workflow is None or item.tier not in chain:
        return [
            step(
                "escalation",
                depth,
                at,
                tier=item.tier,
                powers=sorted(needed),
                path=list(chain),
                on_path=False,
                first=None,
            )
        ]
    start = chain.index(item.tier)
    levels, first = [], None
    for index in range(start + 1, len(chain)):
        tier = chain[index]
        settles = ctx.structure.settles(tier, needed, item)
        levels.append(step("level", depth + 1, workflow.at("escalation", index), tier=tier, settles=settles))
        if settles:
            levels += _settlers(ctx, item, tier, needed, depth + 2)
            first = tier
            break
    head = step(
        "escalation",
        depth,
        at,
        tier=item.tier,
        powers=sorted(needed),
        path=list(chain[start:]),
        on_path=True,
        first=first,
    )
    return [head, *levels]


def returns(ctx: Context, item: Item, lacking: Iterable[str], depth: int = 1) -> list[Step]:
    """The workflow's return rules that send the item's events back down to its tier."""
    workflow = ctx.policy.workflow
    steps = []
    for rule in workflow.returns if workflow else ():
        target = item.tier if rule.to == "assigned_tier" else rule.to
        if target != item.tier or not ctx.graph.is_below(item.tier, rule.from_tier):
            continue
        steps.append(
            step(
                "return",
                depth,
                rule.span,
                by=rule.from_tier,
                to=rule.to,
                target=target,
                basis=rule.basis,
                lacks=sorted(lacking),
            )
        )
    if not steps:
        steps.append(step("no_return", depth, field_at(workflow, "returns") if workflow else None, tier=item.tier))
    return steps
