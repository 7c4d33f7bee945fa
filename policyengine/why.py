"""The chain behind a finding (`policyengine why`): from its subject's declaration, through the
declarations and graph queries its check relied on, to what is missing — each step with its position.

A chain is a list of steps, plain data for the formatters (`formatters/why_report.py`): every step
is a dict `{"step": KIND, "depth": N, ...fields..., "at": {"file", "line", "column"} | None}`. The first
step is always the finding's subject (`"step": "subject"`, with its `kind` and `id`).

The chain is computed by asking the check that made the finding again — the same check function,
on the same policy and graph, with the same thresholds and date — and picking the violation that
is the finding; its parameters and the graph's own queries (`held_for`, `coordination`, `reaches`,
`authority`, the escalation search of PE104) give the steps. Nothing here re-decides a rule.

PE101-PE105 get a full chain; every other code gets its subject and the declarations its message
names (docs/why.md).
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any, Iterable

from .checks import REGISTRY, Context
from .checks import assessment as assessment_checks
from .checks import authority as authority_checks
from .checks.custom import custom_findings
from .codes import CODES
from .config import STRUCTURAL, Config, is_custom
from .diagnostics import Finding, Violation
from .errors import InputError
from .messages import Listed, Quoted
from .fingerprint import identity
from .graph import PolicyGraph, _in_force
from .result import LintResult
from .model import DIMENSIONS, Decl, Item, Policy
from .rules.check import CompiledRules
from .span import Span

VERSION = 1  # of the JSON document (formatters/why_report.py)

# -- positions and steps ---------------------------------------------------------------------------------


def position(span: Span | None) -> dict | None:
    """A span as JSON: {"file", "line", "column"}; None when the position is unknown."""
    if span is None or not span.file or span.line <= 0:
        return None
    return {"file": span.file, "line": span.line, "column": span.column}


def _step(name: str, depth: int, at: Span | None = None, /, **fields: Any) -> dict:
    return {"step": name, "depth": depth, **fields, "at": position(at)}


def _has(decl: Decl, *path: Any) -> bool:
    """Whether the declaration's source has a value at `path` (so that `decl.at(*path)` is that value)."""
    node = decl.raw
    for key in path:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return False
    return True


def _field(decl: Decl, *path: Any) -> Span | None:
    return decl.at(*path) if _has(decl, *path) else None


def _name(decl: Any) -> dict | None:
    name = getattr(decl, "name", None)
    if name is None or not (name.en or name.zh):
        return None
    return {"en": name.en, "zh": name.zh}


KINDS = ("item", "tier", "unit", "list", "admission", "assessment", "duty", "category", "platform_rule", "grant")


def declaration(policy: Policy | None, kind: str, ident: str) -> Any:
    """The declaration of a subject kind and id, or None."""
    if policy is None:
        return None
    if kind == "grant":
        return next((g for g in policy.grants if (g.id or g.unit or g.tier) == ident), None)
    table = {"item": policy.items, "tier": policy.tiers, "unit": policy.units, "list": policy.lists,
             "admission": policy.admissions, "assessment": policy.regimes, "duty": policy.duties,
             "category": policy.categories, "platform_rule": policy.platform_rules}.get(kind)
    return table.get(ident) if table is not None else None


def _details(kind: str, decl: Any) -> dict:
    """What the subject step says about a declaration, besides its id and name."""
    if kind == "item":
        return {"item_kind": decl.kind, "category": decl.category, "tier": decl.tier, "role": decl.role}
    if kind == "tier":
        return {"parent": decl.parent, "count": decl.count}
    if kind == "unit":
        return {"tier": decl.tier, "unit_kind": decl.kind, "sent_by": decl.sent_by}
    if kind == "list":
        return {"tier": decl.tier, "list_kind": decl.kind}
    if kind == "admission":
        return {"tier": decl.tier}
    if kind == "assessment":
        return {"assessor": decl.assessor, "assessed": decl.assessed}
    if kind == "duty":
        return {"applies_to": decl.applies_to, "start": decl.start, "end": decl.end}
    return {}


# -- the explainer ----------------------------------------------------------------------------------------


class Explainer:
    """Chains for the findings of one lint result. Builds the graph once and asks each check once,
    on the date and with the configuration the result was linted with (unless given)."""

    def __init__(self, result: LintResult, on: str | None = None, config: Config | None = None):
        self.result = result
        self.policy = result.policy
        self.config = config or result.config or Config()
        self.on = on or result.on or date.today().isoformat()
        self._ctx: Context | None = None
        self._violations: dict[str, list[Violation]] = {}

    # the context the checks ran in
    @property
    def ctx(self) -> Context:
        if self._ctx is None:
            graph = PolicyGraph(self.policy, self.on)
            self._ctx = Context(self.policy, graph, self.config.all_thresholds(),
                                self.result.rules or CompiledRules(), graph.on)
        return self._ctx

    @property
    def graph(self) -> PolicyGraph:
        return self.ctx.graph

    def threshold(self, code: str, name: str) -> Any:
        return self.ctx.threshold(code, name)

    def violation(self, finding: Finding) -> Violation | None:
        """The violation the check yields for this finding (None for structural and rule findings,
        or when the check, asked again, does not make it)."""
        if self.policy is None or finding.code in STRUCTURAL or finding.code in ("PE006", "PE007"):
            return None
        if finding.code not in self._violations:
            if finding.code in REGISTRY:
                found = list(REGISTRY[finding.code](self.ctx))
            elif is_custom(finding.code):
                found = [v for v in custom_findings(self.ctx) if v.code == finding.code]
            else:
                found = []
            self._violations[finding.code] = found
        same = [v for v in self._violations[finding.code] if v.subject == finding.subject and v.span == finding.span]
        exact = [v for v in same if identity(v) == finding.identity]
        return (exact or same or [None])[0]

    def chain(self, finding: Finding) -> list[dict]:
        """The chain behind one finding: its subject first, then the steps its check went through."""
        steps = [self._subject(finding)]
        v = self.violation(finding)
        build = FULL.get(finding.code)
        if v is not None and build is not None:
            steps += build(self, v)
        else:
            steps += self._related(v, finding)
        return steps

    # -- common steps -------------------------------------------------------------------------------------
    def _subject(self, finding: Finding) -> dict:
        kind, ident = finding.subject.kind, finding.subject.id
        decl = declaration(self.policy, kind, ident)
        if decl is None:
            return _step("subject", 0, finding.span, kind=kind, id=ident, name=None)
        return _step("subject", 0, decl.span if decl.span.line > 0 else finding.span, kind=kind, id=ident, name=_name(decl),
                     **_details(kind, decl))

    def _assigned(self, item: Item, at: Span) -> dict:
        return _step("assigned", 1, at, tier=item.tier, role=item.role)

    def _grants_holding(self, power: str) -> Iterable[tuple[Any, Any]]:
        """(grant, power grant) for every grant in force on the date holding `power`, in declared order."""
        for grant in self.policy.grants:
            if _in_force(grant.valid, self.graph.on):
                for pg in grant.powers:
                    if pg.power == power:
                        yield grant, pg

    def _holder(self, grant, pg, depth: int, item: Item | None, counted: bool, reason: str) -> dict:
        kind, ident = grant.holder
        tier = self.graph.tier_of(ident) if kind == "unit" else ident
        sent_by = self.policy.units[ident].sent_by if kind == "unit" and ident in self.policy.units else None
        return _step("holder", depth, pg.span, power=pg.power, holder_kind=kind, holder=ident, tier=tier,
                     sent_by=sent_by, grant=grant.id, counted=counted, reason=reason)

    def _power(self, item: Item, power: str, held: frozenset[str], at: Span | None, depth: int) -> list[dict]:
        """One required power: whether the assigned tier holds it for the item, and where it is held."""
        max_coverage = self.threshold("PE101", "max_co_handler_coverage")
        has = power in held
        steps = [_step("power", depth, at, power=power, tier=item.tier, held=has)]
        own = set(self.graph.own_units_at(item.tier))
        attached = {c.unit for c in item.co_handlers if c.coverage is None or c.coverage <= max_coverage}
        holders = []
        for grant, pg in self._grants_holding(power):
            kind, ident = grant.holder
            if kind == "tier" and ident == item.tier:
                holders.append(self._holder(grant, pg, depth + 1, item, True, "assigned_tier"))
            elif kind == "unit" and ident in own:
                holders.append(self._holder(grant, pg, depth + 1, item, True, "own_unit"))
            elif kind == "unit" and ident in attached:
                holders.append(self._holder(grant, pg, depth + 1, item, True, "co_handler"))
            elif not has:
                unit = self.policy.units.get(ident) if kind == "unit" else None
                reason = "seconded" if unit is not None and unit.tier == item.tier else "other_tier"
                holders.append(self._holder(grant, pg, depth + 1, item, False, reason))
        if item.funding and power in item.funding.powers:
            index = item.funding.powers.index(power)
            steps.append(_step("holder", depth + 1, _field(item, "funding", "powers", index) or item.at("funding"),
                               power=power, holder_kind="funding", holder=item.id, tier=item.tier, sent_by=None,
                               grant=None, counted=True, reason="funding"))
        steps += [h for h in holders if h["counted"]]
        for c in item.co_handlers:
            holds = power in self.graph.unit_powers(c.unit)
            if not holds and has:
                continue
            counted = c.coverage is None or c.coverage <= max_coverage
            steps.append(_step("co_handler", depth + 1, c.span, power=power, unit=c.unit, coverage=c.coverage,
                               threshold=max_coverage, counted=counted, holds=holds))
        steps += [h for h in holders if h["reason"] == "seconded"] + [h for h in holders if h["reason"] == "other_tier"]
        if not holders and not has:
            steps.append(_step("held_nowhere", depth + 1, None, power=power))
        return steps

    def _requires(self, item: Item, role: str, held: frozenset[str], depth: int = 1) -> list[dict]:
        required = item.required(role)
        missing = [p for p in required if p not in held]
        steps = [_step("requires", depth, _field(item, "requires", role) or item.at("requires"), role=role,
                       powers=list(required), missing=missing)]
        for index, power in enumerate(required):
            steps += self._power(item, power, held, _field(item, "requires", role, index), depth + 1)
        return steps

    def _settlers(self, tier: str, needed: frozenset[str], depth: int) -> list[dict]:
        """Who at a higher tier holds every power needed, as PE104's search counts them."""
        graph, steps = self.graph, []
        if needed <= graph.tier_own_powers(tier):
            steps.append(_step("settler", depth, self.policy.tiers[tier].span if tier in self.policy.tiers else None,
                               via="tier", id=tier))
        for u in graph.units_at(tier):
            if needed <= graph.unit_powers(u):
                steps.append(_step("settler", depth, self.policy.units[u].span, via="unit", id=u))
        for u in graph.dispatchable(tier):
            if needed <= graph.unit_powers(u) and u not in graph.units_at(tier):  # listed once, as a unit there
                at = next((d.at("to", d.to.index(u)) for d in self.policy.workflow.dispatch
                           if d.from_tier == tier and u in d.to), None) if self.policy.workflow else None
                steps.append(_step("settler", depth, at, via="dispatch", id=u))
        return steps

    def _escalation(self, item: Item, needed: frozenset[str], depth: int = 1) -> list[dict]:
        """The escalation path from the assigned tier upward, to the first tier that can settle the
        item (PE104's own test, `_settles`)."""
        if not needed:
            return []
        workflow = self.policy.workflow
        chain = workflow.escalation if workflow else ()
        at = _field(workflow, "escalation") if workflow else None
        if item.tier not in chain:
            return [_step("escalation", depth, at, tier=item.tier, powers=sorted(needed), path=list(chain),
                          on_path=False, first=None)]
        start = chain.index(item.tier)
        levels, first = [], None
        for index in range(start + 1, len(chain)):
            tier = chain[index]
            settles = authority_checks._settles(self.ctx, tier, needed)
            levels.append(_step("level", depth + 1, workflow.at("escalation", index), tier=tier, settles=settles))
            if settles:
                levels += self._settlers(tier, needed, depth + 2)
                first = tier
                break
        head = _step("escalation", depth, at, tier=item.tier, powers=sorted(needed), path=list(chain[start:]),
                     on_path=True, first=first)
        return [head, *levels]

    def _returns(self, item: Item, lacking: Iterable[str], depth: int = 1) -> list[dict]:
        """The workflow's return rules that send the item's events back down to its tier."""
        workflow = self.policy.workflow
        steps = []
        for rule in workflow.returns if workflow else ():
            target = item.tier if rule.to == "assigned_tier" else rule.to
            if target != item.tier or not self.graph.is_below(item.tier, rule.from_tier):
                continue
            steps.append(_step("return", depth, rule.span, by=rule.from_tier, to=rule.to, target=target,
                               basis=rule.basis, lacks=sorted(lacking)))
        if not steps:
            steps.append(_step("no_return", depth, _field(workflow, "returns") if workflow else None, tier=item.tier))
        return steps

    # -- every other code: the subject and what the message names ------------------------------------------
    def _related(self, v: Violation | None, finding: Finding) -> list[dict]:
        steps, seen = [], {(finding.subject.kind, finding.subject.id)}
        params = v.params if v is not None else {}
        for key, kinds in RELATED:
            value = params.get(key)
            if not isinstance(value, str):
                continue
            names = [n.strip().strip("'") for n in value.split(",")] if key in ("assessors", "items", "lists") else [value]
            for ident in names:
                for kind in kinds:
                    decl = declaration(self.policy, kind, ident)
                    if decl is not None and (kind, ident) not in seen:
                        seen.add((kind, ident))
                        steps.append(_step("related", 1, decl.span, role=key, kind=kind, id=ident, name=_name(decl)))
                        break
        extra = EXTRA.get(finding.code)
        if extra is not None and v is not None:
            steps += extra(self, v)
        return steps


# -- full chains: PE101-PE105 --------------------------------------------------------------------------------


def _pe101(ex: Explainer, v: Violation) -> list[dict]:
    item = ex.policy.items[v.subject.id]
    held, _ = ex.graph.held_for(item, ex.threshold("PE101", "max_co_handler_coverage"))
    missing = frozenset(item.required()) - held
    return [ex._assigned(item, item.at("role")), *ex._requires(item, item.role, held),
            *ex._escalation(item, missing), *ex._returns(item, missing)]


def _pe102(ex: Explainer, v: Violation) -> list[dict]:
    item, graph = ex.policy.items[v.subject.id], ex.graph
    origin = authority_checks._origin(ex.ctx, item)
    owner = ex.policy.units.get(item.owner) if item.owner else None
    steps = [ex._assigned(item, item.at("tier")),
             _step("origin", 1, _field(item, "owner") if owner else _field(item, "issued_by"), owner=item.owner,
                   owner_tier=owner.tier if owner else None, issued_by=item.issued_by, origin=origin)]
    path = [item.tier]
    for tier in graph.ancestors(item.tier):
        path.append(tier)
        if tier == origin:
            break
    steps.append(_step("pushdown", 1, ex.policy.tiers[item.tier].span, origin=origin, tier=item.tier, path=path))
    steps.append(_step("cost", 1, _field(item, "cost"), hours_per_month=item.cost.hours_per_month,
                       yuan_per_year=item.cost.yuan_per_year))
    funding = item.funding
    steps.append(_step("funding", 1, _field(item, "funding"), declared=funding is not None,
                       money_yuan_per_year=funding.money_yuan_per_year if funding else 0.0,
                       people=funding.people if funding else 0.0, powers=list(funding.powers) if funding else []))
    cover = ex.threshold("PE102", "min_coverage")
    if v.key == "money":
        money, cost = float(v.params["money"]), float(v.params["cost"])
        steps.append(_step("gap", 1, v.span, measure="money", provided=money, needed=cost * cover,
                           gap=cost * cover - money, min_coverage=cover))
    elif v.key == "people":
        hours, cost = float(v.params["hours"]), float(v.params["cost"])
        per_person = next((u.hours_per_person_month for u in map(ex.policy.units.get, graph.units_at(item.tier))
                           if u.hours_per_person_month), None)
        steps.append(_step("gap", 1, v.span, measure="hours", provided=hours, needed=cost * cover,
                           gap=cost * cover - hours, min_coverage=cover,
                           hours_per_person_month=per_person or ex.threshold("PE102", "hours_per_person_month"),
                           hours_from=("unit" if per_person else "threshold")))
    else:
        steps.append(_step("gap", 1, v.span, measure="none", provided=0.0, needed=None, gap=None,
                           min_coverage=cover))
    return steps


def _reach(ex: Explainer, scope: str | None) -> list[str]:
    """The tiers a coordination scope reaches: the scope and every tier below it."""
    if scope is None:
        return []
    return [scope] + [t for t in ex.policy.tiers if ex.graph.is_below(t, scope)]


def _pe103(ex: Explainer, v: Violation) -> list[dict]:
    item, graph = ex.policy.items[v.subject.id], ex.graph
    unit_id = v.params["unit"]
    index = next((i for i, u in enumerate(item.mobilises) if u == unit_id and item.at("mobilises", i) == v.span),
                 item.mobilises.index(unit_id))
    unit = ex.policy.units[unit_id]
    steps = [ex._assigned(item, item.at("tier")),
             _step("mobilises", 1, v.span, unit=unit_id, unit_tier=unit.tier, index=index),
             _step("unit", 2, unit.span, id=unit_id, tier=unit.tier, unit_kind=unit.kind, sent_by=unit.sent_by)]
    own = set(graph.own_units_at(item.tier))
    grants = [(g, pg) for g, pg in ex._grants_holding("coordination")]
    mine = [(g, pg) for g, pg in grants if g.holder == ("tier", item.tier)
            or (g.holder[0] == "unit" and g.holder[1] in own)]
    scopes = sorted({pg.scope for _, pg in mine if pg.scope})
    steps.append(_step("coordination", 1, ex.policy.tiers[item.tier].span, tier=item.tier, scopes=scopes,
                       grants=len(mine), reaches=False))
    for grant, pg in mine:
        kind, ident = grant.holder
        reaches = graph.reaches({"scope": pg.scope, "units": pg.units}, unit_id)
        steps.append(_step("coordination_grant", 2, pg.span, holder_kind=kind, holder=ident, grant=grant.id,
                           scope=pg.scope, units=list(pg.units), reach=_reach(ex, pg.scope), reaches=reaches,
                           counted=True))
    for grant, pg in grants:  # a seconded unit's coordination is its sender's line, not the tier's
        kind, ident = grant.holder
        if kind == "unit" and ident not in own and graph.tier_of(ident) == item.tier:
            steps.append(_step("coordination_grant", 2, pg.span, holder_kind=kind, holder=ident, grant=grant.id,
                               scope=pg.scope, units=list(pg.units), reach=_reach(ex, pg.scope),
                               reaches=graph.reaches({"scope": pg.scope, "units": pg.units}, unit_id), counted=False))
    reaching = [(g, pg) for g, pg in grants if graph.reaches({"scope": pg.scope, "units": pg.units}, unit_id)]
    steps.append(_step("reachers", 1, None, unit=unit_id, count=len(reaching)))
    for grant, pg in reaching:
        kind, ident = grant.holder
        steps.append(_step("coordination_grant", 2, pg.span, holder_kind=kind, holder=ident, grant=grant.id,
                           scope=pg.scope, units=list(pg.units), reach=_reach(ex, pg.scope), reaches=True,
                           counted=False))
    return steps


def _pe104(ex: Explainer, v: Violation) -> list[dict]:
    item = ex.policy.items[v.subject.id]
    held, _ = ex.graph.held_for(item, ex.threshold("PE101", "max_co_handler_coverage"))
    needed = frozenset(item.required("handle"))
    steps = [ex._assigned(item, item.at("tier")), *ex._requires(item, "handle", held), *ex._escalation(item, needed)]
    if v.key == "returned":
        steps += ex._returns(item, needed - held)
    return steps


def _pe105(ex: Explainer, v: Violation) -> list[dict]:
    tier_id, policy, graph = v.subject.id, ex.policy, ex.graph
    p = v.params
    declared = sum(1 for i in policy.items.values() if i.tier == tier_id)
    steps = [_step("load", 1, policy.tiers[tier_id].span, tier=tier_id, load=p["load"], share=p["load_share"],
                   items=declared, stated=p["load"] - declared, min_items=ex.threshold("PE105", "min_items"))]
    for lst in policy.lists.values():
        if lst.tier == tier_id and lst.stated_items is not None and lst.kind != "returned":
            listed = sum(1 for i in lst.items if i in policy.items and policy.items[i].tier == tier_id)
            steps.append(_step("stated_list", 2, _field(lst, "stated", "items") or lst.span, list=lst.id,
                               stated=lst.stated_items, listed=listed, extra=max(0, lst.stated_items - listed)))
    own = set(graph.own_units_at(tier_id))
    top_tier = p["top_tier"]
    for dim in DIMENSIONS:
        best = None  # the grant in force giving the tier its level on this dimension
        for grant in policy.grants:
            kind, ident = grant.holder
            if dim in grant.dimensions and _in_force(grant.valid, graph.on) and (
                    (kind == "tier" and ident == tier_id) or (kind == "unit" and ident in own)):
                value = policy.level_value(grant.dimensions[dim])
                if best is None or value > best[0]:
                    best = (value, grant)
        grant = best[1] if best else None
        steps.append(_step("dimension", 1, grant.at("dimensions", dim) if grant else None, dimension=dim,
                           level=graph.level(tier_id, dim), level_name=grant.dimensions[dim] if grant else None,
                           holder=grant.holder[1] if grant else None, grant=grant.id if grant else None,
                           top_tier=top_tier, top_level=graph.level(top_tier, dim)))
    ratio = ex.threshold("PE105", "ratio")
    steps.append(_step("authority", 1, None, tier=tier_id, authority=p["authority"], top_tier=top_tier,
                       top=p["top"], ratio=(p["top"] / p["authority"]) if p["authority"] else None, threshold=ratio))
    return steps


def _pe201(ex: Explainer, v: Violation) -> list[dict]:
    """The admission decision as `admit` makes it: the procedures in force that govern the item, and
    each criterion tried in order until one decides."""
    from .admission import governance_of

    item, policy = ex.policy.items[v.subject.id], ex.policy
    steps = [ex._assigned(item, item.at("tier")), _step("listed", 1, v.span, list=v.params.get("list"))]
    rules = ex.result.rules
    if rules is None:
        return steps
    for pid in governance_of(policy).governing(item, ex.ctx.on):
        adm = policy.admissions[pid]
        steps.append(_step("procedure", 1, adm.span, id=pid, tier=adm.tier, lists=list(adm.lists)))
        for rule in rules.criteria.get(pid, ()):
            outcome = rule.evaluate(ex.ctx.facts, item.id)
            kind = "none" if outcome is None else outcome.kind
            steps.append(_step("criterion", 2, rule.span, rule=rule.name, outcome=kind,
                               reason=outcome.reason if outcome is not None else None))
            if kind not in ("none", "finding"):
                return steps
    steps.append(_step("no_criterion", 1, None))
    return steps


FULL = {"PE101": _pe101, "PE102": _pe102, "PE103": _pe103, "PE104": _pe104, "PE105": _pe105, "PE201": _pe201}

# message parameters that name declarations, and the kinds they may be (tried in order)
RELATED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("item", ("item",)), ("tier", ("tier",)), ("origin", ("tier",)), ("by", ("tier",)), ("unit", ("unit",)),
    ("list", ("list",)), ("procedure", ("admission",)), ("regime", ("assessment",)), ("base", ("assessment",)),
    ("assessor", ("unit",)), ("assessed", ("tier", "unit")), ("assessors", ("unit",)), ("items", ("item",)),
    ("lists", ("list",)), ("duty", ("duty",)), ("other", ("duty",)), ("target", ("tier", "unit")), ("top_tier", ("tier",)),
)


def _pe301(ex: Explainer, v: Violation) -> list[dict]:
    tier = v.subject.id
    steps = [_step("limit", 1, None, count=v.params["count"], max=v.params["max"])]
    for regime in ex.policy.regimes.values():
        if ex.graph.tier_of(regime.assessed) == tier:
            steps.append(_step("regime", 2, regime.at("assessor"), id=regime.id, assessor=regime.assessor,
                               assessed=regime.assessed))
    return steps


def _pe302(ex: Explainer, v: Violation) -> list[dict]:
    regime, base = ex.policy.regimes[v.subject.id], ex.policy.regimes.get(v.params["base"])
    metric = v.params["metric"]
    steps = [_step("quota", 1, v.span, regime=regime.id, metric=metric, add=v.params.get("add"),
                   min=v.params.get("min"))]
    above = next((q for q in base.quotas if q.metric == metric), None) if base else None
    if above is not None:
        steps.append(_step("quota", 1, above.span, regime=base.id, metric=metric, add=above.add, min=above.min))
    return steps


def _pe304(ex: Explainer, v: Violation) -> list[dict]:
    workflow = ex.policy.workflow
    steps = [_step("scoring", 1, v.span, regime=v.subject.id, when=v.params["event"], effect="deduct")]
    for rule in workflow.returns if workflow else ():
        steps.append(_step("return", 1, rule.span, by=rule.from_tier, to=rule.to, target=None, basis=rule.basis,
                           lacks=[]))
    return steps


def _pe303(ex: Explainer, v: Violation) -> list[dict]:
    regime, steps = ex.policy.regimes[v.subject.id], []
    owner, seen, cur = {}, set(), regime
    while cur is not None and cur.id not in seen:
        seen.add(cur.id)
        owner.update({id(q): cur.id for q in cur.quotas})
        cur = ex.policy.regimes.get(cur.adds_to) if cur.adds_to else None
    for q in assessment_checks._count_quotas(ex.ctx, regime):  # own and along adds_to, as PE303 finds them
        steps.append(_step("quota", 1, q.span, regime=owner.get(id(q), regime.id), metric=q.metric, add=q.add,
                           min=q.min))
    stakes = set(ex.threshold("PE303", "stakes"))
    for c in regime.consequences:
        if ((c.top or 0) > 0 or (c.bottom or 0) > 0) and c.effect in stakes:
            steps.append(_step("consequence", 1, c.span, regime=regime.id, effect=c.effect, top=c.top,
                               bottom=c.bottom))
    return steps


EXTRA = {"PE301": _pe301, "PE302": _pe302, "PE303": _pe303, "PE304": _pe304}
FULL_CODES = tuple(FULL)


# -- the public functions ------------------------------------------------------------------------------------

_LAST: list = []  # one cached explainer: `lint --explain` asks for every finding of one result


def explainer(result: LintResult, on: str | None = None, config: Config | None = None) -> Explainer:
    """The explainer for a result (reused while the same result, date and configuration are asked about)."""
    key = (id(result), on, id(config))
    if _LAST and _LAST[0][0] == key and _LAST[0][1].result is result:
        return _LAST[0][1]
    made = Explainer(result, on, config)
    _LAST[:] = [(key, made)]
    return made


def chains(result: LintResult, finding: Finding, on: str | None = None, config: Config | None = None) -> list[dict]:
    """The chain of steps behind `finding`, one of `result.findings`, on the date and with the
    configuration the result was linted with (`on` and `config` override them)."""
    return explainer(result, on, config).chain(finding)


def parse_subject(text: str) -> tuple[str | None, str]:
    """`kind:id` or `id`."""
    kind, sep, ident = text.partition(":")
    if sep and kind in KINDS + ("file", "document", "section", "workflow", "rule", "problem"):
        return kind, ident
    return None, text


def check_code(code: str) -> str:
    """The code, upper-cased; InputError for a code no check and no custom range has."""
    code = code.upper()
    if code not in CODES and not is_custom(code):
        raise InputError.of("cli.unknown_code", code=code)
    return code


def select(result: LintResult, code: str, subject: str) -> list[Finding]:
    """The findings of `code` on `subject` (`id` or `kind:id`). Raises InputError, in both languages,
    naming the codes found on that subject or the subjects it may have meant."""
    code = check_code(code)
    kind, ident = parse_subject(subject)
    on_subject = [f for f in result.findings if f.subject.id == subject or (
        f.subject.id == ident and (kind is None or f.subject.kind == kind))]
    found = [f for f in on_subject if f.code == code]
    if found:
        return found
    if on_subject:
        codes = sorted({f.code for f in on_subject})
        raise InputError.of("why.no_code_on_subject", code=code, subject=subject, codes=Listed(tuple(codes)))
    stopped = sorted({f.code for f in result.findings if f.code in STRUCTURAL})
    if stopped and code not in STRUCTURAL:
        raise InputError.of("why.stopped", code=code, subject=subject, codes=Listed(tuple(stopped)))
    with_code = sorted({f.subject.id for f in result.findings if f.code == code})
    every = sorted({f.subject.id for f in result.findings})
    close = difflib.get_close_matches(ident, with_code, n=3) or difflib.get_close_matches(ident, every, n=3)
    if close:
        raise InputError.of("why.did_you_mean", subject=subject, close=Quoted(tuple(close)))
    if with_code:
        shown = Listed((*with_code[:5], "…") if len(with_code) > 5 else tuple(with_code))
        raise InputError.of("why.reported_on", code=code, subject=subject, shown=shown)
    raise InputError.of("why.nothing", subject=subject, code=code)


__all__ = ["VERSION", "Explainer", "explainer", "chains", "select", "check_code", "parse_subject", "position", "FULL_CODES"]
