"""Validated documents -> the Policy model, with the second pass: ids, references, the tier tree.

Like pyflakes, declarations are collected first and references resolved after, so that a
policy can be split over files in any order.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .diagnostics import Subject, Violation
from .messages import Term, msg
from .model import (
    Admission,
    Category,
    CoHandler,
    Consequence,
    Cost,
    Decl,
    Dispatch,
    Duty,
    Figure,
    Funding,
    Grant,
    Item,
    Name,
    PlatformRule,
    Policy,
    PolicyList,
    PowerDecl,
    PowerGrant,
    Problem,
    Quota,
    Regime,
    ReturnRule,
    Scoring,
    Simulation,
    Spending,
    TemporaryAdmission,
    Tier,
    Unit,
    Workflow,
)
from .source import SourceFile
from .span import NOWHERE, Span
from .vocabulary import BUILTIN_POWERS, DEFAULT_LEVELS
from .yamlnodes import YMap, key_span, span_of

SINGLETONS = ("policy", "scale", "workflow", "simulation")
KEYED = {
    "powers": "power",
    "tiers": "tier",
    "units": "unit",
    "grants": "grant",
    "categories": "category",
    "items": "item",
    "lists": "list",
    "admission": "admission",
    "assessments": "assessment",
    "duties": "duty",
    "platform_rules": "platform_rule",
    "figures": "figure",
}


@dataclass
class Built:
    policy: Policy | None
    violations: list[Violation] = field(default_factory=list)


def _name(raw: Any) -> Name | None:
    return Name(raw.get("zh"), raw.get("en")) if isinstance(raw, dict) else None


def _valid(raw: Any) -> tuple[str | None, str | None]:
    return (raw.get("from"), raw.get("to")) if isinstance(raw, dict) else (None, None)


def _stated(raw: dict) -> int | None:
    stated = raw.get("stated")
    return stated.get("items") if isinstance(stated, dict) else None


def _common(raw: dict) -> dict:
    return {"span": raw.value_span("id") if isinstance(raw, YMap) else NOWHERE, "raw": raw, "source": raw.get("source")}


class _Builder:
    def __init__(self) -> None:
        self.violations: list[Violation] = []
        self.refs: list[tuple[str, str, Span, Subject]] = []  # (kind, id, span, subject)
        self.dropped: dict[str, set[str]] = {}

    # -- references -------------------------------------------------------------------------
    def ref(self, kind: str, value: Any, decl: Decl, subject: Subject, *path: Any) -> None:
        if value is not None:
            self.refs.append((kind, value, decl.at(*path), subject))

    def refs_in(self, kind: str, values: Iterable[str], decl: Decl, subject: Subject, *path: Any) -> None:
        for index, value in enumerate(values):
            self.ref(kind, value, decl, subject, *path, index)

    # -- building -----------------------------------------------------------------------------
    def gather(self, files: list[SourceFile], invalid: set[tuple[int, Any, Any]]) -> dict[str, Any]:
        """Concatenate list sections over all documents; flag repeated singletons."""
        sections: dict[str, Any] = {k: [] for k in (*KEYED, "spending")}
        singles: dict[str, tuple[Any, Span]] = {}
        for source in files:
            for document in source.documents:
                if not isinstance(document, dict):
                    continue
                doc_id = id(document)
                for key, value in document.items():
                    if (doc_id, key, None) in invalid:
                        self._drop(key, value)
                        continue
                    if key in SINGLETONS:
                        where = key_span(document, key)
                        if key in singles:
                            self.violations.append(
                                Violation(
                                    "PE003",
                                    "section",
                                    where,
                                    Subject("section", key),
                                    {"section": key, "first": str(singles[key][1])},
                                )
                            )
                        else:
                            singles[key] = (value, where)
                    elif key in sections and isinstance(value, list):
                        for index, entry in enumerate(value):
                            if (doc_id, key, index) in invalid:
                                self._drop(key, [entry])
                            elif isinstance(entry, dict):
                                sections[key].append(entry)
        for key in SINGLETONS:
            sections[key] = singles[key][0] if key in singles else None
        return sections

    def _drop(self, section: str, value: Any) -> None:
        kind = KEYED.get(section)
        if kind and isinstance(value, list):
            for entry in value:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    self.dropped.setdefault(kind, set()).add(entry["id"])

    def unique(self, kind: str, entries: list[Any]) -> dict[str, Any]:
        table: dict[str, Any] = {}
        for decl in entries:
            if decl.id in table:
                first = table[decl.id]
                self.violations.append(
                    Violation(
                        "PE003",
                        "id",
                        decl.span,
                        Subject(kind, decl.id),
                        {"kind": Term("term.kind", kind), "id": decl.id, "first": str(first.span)},
                    )
                )
            else:
                table[decl.id] = decl
        return table

    def build(self, files: list[SourceFile], invalid: set[tuple[int, Any, Any]]) -> Policy:
        s = self.gather(files, invalid)
        meta = s["policy"] or {}
        levels = tuple(s["scale"]["levels"]) if s["scale"] else DEFAULT_LEVELS

        powers = self.unique("power", [_power(r) for r in s["powers"]])
        tiers = self.unique(
            "tier",
            [
                Tier(id=r["id"], name=_name(r["name"]), parent=r.get("parent"), count=r.get("count"), **_common(r))
                for r in s["tiers"]
            ],
        )
        units = self.unique(
            "unit",
            [
                Unit(
                    id=r["id"],
                    name=_name(r["name"]),
                    tier=r["tier"],
                    kind=r["kind"],
                    sent_by=r.get("sent_by"),
                    count=r.get("count"),
                    headcount=r.get("headcount"),
                    hours_per_person_month=r.get("hours_per_person_month"),
                    **_common(r),
                )
                for r in s["units"]
            ],
        )
        for u in units.values():
            if u.id in tiers:
                self.violations.append(Violation("PE003", "ambiguous", u.span, Subject("unit", u.id), {"id": u.id}))
        for t in tiers.values():
            self.ref("tier", t.parent, t, Subject("tier", t.id), "parent")
        for u in units.values():
            self.ref("tier", u.tier, u, Subject("unit", u.id), "tier")
            self.ref("unit", u.sent_by, u, Subject("unit", u.id), "sent_by")
        grants = tuple(self._grant(r) for r in s["grants"])
        self.unique("grant", [g for g in grants if g.id])
        categories = self.unique(
            "category",
            [
                Category(id=r["id"], name=_name(r["name"]), kind=r["kind"], stated_items=_stated(r), **_common(r))
                for r in s["categories"]
            ],
        )
        items = self.unique("item", [self._item(r) for r in s["items"]])
        lists = self.unique("list", [self._list(r) for r in s["lists"]])
        admissions = self.unique("admission", [self._admission(r) for r in s["admission"]])
        workflow = self._workflow(s["workflow"]) if s["workflow"] is not None else None
        regimes = self.unique("assessment", [self._regime(r) for r in s["assessments"]])
        duties = self.unique("duty", [self._duty(r) for r in s["duties"]])
        rules = self.unique("platform_rule", [self._platform_rule(r) for r in s["platform_rules"]])
        figures = self.unique(
            "figure",
            [
                Figure(id=r["id"], value=r["value"], name=_name(r.get("name")), unit=r.get("unit"), **_common(r))
                for r in s["figures"]
            ],
        )
        spending = tuple(
            Spending(year=r["year"], yuan=r["yuan"], span=r.span, raw=r, source=r.get("source")) for r in s["spending"]
        )
        simulation = self._simulation(s["simulation"]) if s["simulation"] is not None else None
        all_powers: dict[str, Decl | None] = dict.fromkeys(BUILTIN_POWERS)
        all_powers.update(powers)
        policy = Policy(
            id=meta.get("id"),
            name=_name(meta.get("name")),
            levels=levels,
            powers=all_powers,
            tiers=tiers,
            units=units,
            grants=grants,
            categories=categories,
            items=items,
            lists=lists,
            admissions=admissions,
            workflow=workflow,
            regimes=regimes,
            duties=duties,
            platform_rules=rules,
            figures=figures,
            spending=spending,
            files=tuple(f.path for f in files),
            simulation=simulation,
        )
        self.resolve(policy)
        self.tier_tree(policy)
        return policy

    # -- declarations -------------------------------------------------------------------------
    def _grant(self, r: dict) -> Grant:
        powers = []
        for index, p in enumerate(r.get("powers", [])):
            if isinstance(p, str):
                powers.append(PowerGrant(power=p, span=_at(r, "powers", index)))
            else:
                powers.append(
                    PowerGrant(
                        power=p["power"],
                        scope=p.get("scope"),
                        units=tuple(p.get("units", ())),
                        span=_at(r, "powers", index),
                        raw=p,
                        source=p.get("source"),
                    )
                )
        grant = Grant(
            id=r.get("id"),
            unit=r.get("unit"),
            tier=r.get("tier"),
            dimensions=dict(r.get("dimensions", {})),
            powers=tuple(powers),
            valid=_valid(r.get("valid")),
            span=r.value_span("id"),
            raw=r,
            source=r.get("source"),
        )
        subject = Subject("grant", grant.id or (grant.unit or grant.tier or ""))
        self.ref("unit", grant.unit, grant, subject, "unit")
        self.ref("tier", grant.tier, grant, subject, "tier")
        for dim, level in grant.dimensions.items():
            self.ref("level", level, grant, subject, "dimensions", dim)
        for pg in grant.powers:
            self.refs.append(("power", pg.power, pg.at("power") if pg.raw else pg.span, subject))
            if pg.scope is not None:
                self.refs.append(("tier", pg.scope, pg.at("scope"), subject))
            self.refs_in("unit", pg.units, pg, subject, "units")
        return grant

    def _item(self, r: dict) -> Item:
        funding = r.get("funding")
        cost = r.get("cost", {})
        item = Item(
            id=r["id"],
            name=_name(r["name"]),
            kind=r["kind"],
            tier=r["tier"],
            role=r["role"],
            category=r.get("category"),
            owner=r.get("owner"),
            issued_by=r.get("issued_by"),
            responsibility=r.get("responsibility"),
            requires={role: tuple(p) for role, p in r.get("requires", {}).items()},
            mobilises=tuple(r.get("mobilises", ())),
            cost=Cost(cost.get("hours_per_month"), cost.get("yuan_per_year")),
            funding=Funding(
                funding.get("money_yuan_per_year", 0.0), funding.get("people", 0.0), tuple(funding.get("powers", ()))
            )
            if funding is not None
            else None,
            co_handlers=tuple(
                CoHandler(unit=c["unit"], coverage=c.get("coverage"), span=c.span, raw=c, source=c.get("source"))
                for c in r.get("co_handlers", ())
            ),
            valid=_valid(r.get("valid")),
            legal_basis=r.get("legal_basis"),
            via=r.get("via"),
            **_common(r),
        )
        subject = Subject("item", item.id)
        self.ref("category", item.category, item, subject, "category")
        self.ref("unit", item.owner, item, subject, "owner")
        self.ref("tier", item.issued_by, item, subject, "issued_by")
        self.ref("tier", item.tier, item, subject, "tier")
        self.ref("unit", item.via, item, subject, "via")
        for role, powers in item.requires.items():
            self.refs_in("power", powers, item, subject, "requires", role)
        self.refs_in("unit", item.mobilises, item, subject, "mobilises")
        if item.funding:
            self.refs_in("power", item.funding.powers, item, subject, "funding", "powers")
        for index, c in enumerate(item.co_handlers):
            self.ref("unit", c.unit, item, subject, "co_handlers", index, "unit")
        return item

    def _list(self, r: dict) -> PolicyList:
        lst = PolicyList(
            id=r["id"],
            tier=r["tier"],
            kind=r["kind"],
            name=_name(r.get("name")),
            items=tuple(r.get("items", ())),
            categories=tuple(r.get("categories", ())),
            compiled_by=tuple(r.get("compiled_by", ())),
            stated_items=_stated(r),
            workload_hours_per_month=r.get("workload_hours_per_month"),
            **_common(r),
        )
        subject = Subject("list", lst.id)
        self.ref("tier", lst.tier, lst, subject, "tier")
        self.refs_in("item", lst.items, lst, subject, "items")
        self.refs_in("category", lst.categories, lst, subject, "categories")
        self.refs_in("unit", lst.compiled_by, lst, subject, "compiled_by")
        return lst

    def _admission(self, r: dict) -> Admission:
        temporary = r.get("temporary")
        adm = Admission(
            id=r["id"],
            tier=r["tier"],
            name=_name(r.get("name")),
            lists=tuple(r.get("lists", ())),
            applicant=r.get("applicant"),
            reviewer=r.get("reviewer"),
            criteria=tuple(r.get("criteria", ())),
            rules=tuple(r.get("rules", ())),
            lead_time_days=r.get("lead_time_days"),
            approval_deadline_days=r.get("approval_deadline_days"),
            legal_basis_required=r.get("legal_basis_required"),
            publication_required=r.get("publication_required"),
            temporary=TemporaryAdmission(temporary.get("approval_by"), temporary.get("max_term_days"))
            if isinstance(temporary, dict)
            else None,
            review_period_months=r.get("review_period_months"),
            exit=r.get("exit"),
            valid=_valid(r.get("valid")),
            **_common(r),
        )
        subject = Subject("admission", adm.id)
        self.ref("tier", adm.tier, adm, subject, "tier")
        self.refs_in("list", adm.lists, adm, subject, "lists")
        self.ref("unit", adm.applicant, adm, subject, "applicant")
        self.ref("unit", adm.reviewer, adm, subject, "reviewer")
        temporary = r.get("temporary") or {}
        self.ref("unit", temporary.get("approval_by"), adm, subject, "temporary", "approval_by")
        return adm

    def _workflow(self, r: dict) -> Workflow:
        verification = r.get("verification") or {}
        wf = Workflow(
            escalation=tuple(r.get("escalation", ())),
            returns=tuple(
                ReturnRule(
                    from_tier=x["from"], to=x["to"], basis=x["basis"], span=x.span, raw=x, source=x.get("source")
                )
                for x in r.get("returns", ())
            ),
            dispatch=tuple(
                Dispatch(from_tier=x["from"], to=tuple(x["to"]), span=x.span, raw=x, source=x.get("source"))
                for x in r.get("dispatch", ())
            ),
            verification_hours=verification.get("deadline_hours"),
            verification_by=verification.get("by"),
            span=r.span,
            raw=r,
            source=r.get("source"),
        )
        subject = Subject("workflow", "workflow")
        self.refs_in("tier", wf.escalation, wf, subject, "escalation")
        for rule in wf.returns:
            self.ref("tier", rule.from_tier, rule, subject, "from")
            if rule.to != "assigned_tier":
                self.ref("tier", rule.to, rule, subject, "to")
        for d in wf.dispatch:
            self.ref("tier", d.from_tier, d, subject, "from")
            self.refs_in("unit", d.to, d, subject, "to")
        self.ref("tier", wf.verification_by, wf, subject, "verification", "by")
        return wf

    def _regime(self, r: dict) -> Regime:
        ranking = r.get("ranking") or {}
        consequences = []
        for c in ranking.get("consequences", ()):
            when = c.get("when", {})
            consequences.append(
                Consequence(
                    effect=c["effect"],
                    top=when.get("top"),
                    bottom=when.get("bottom"),
                    score_at_most=when.get("score_at_most"),
                    consecutive_periods=when.get("consecutive_periods"),
                    decided_by=c.get("decided_by"),
                    span=c.span,
                    raw=c,
                    source=c.get("source"),
                )
            )
        regime = Regime(
            id=r["id"],
            assessor=r["assessor"],
            assessed=r["assessed"],
            name=_name(r.get("name")),
            period=r.get("period"),
            adds_to=r.get("adds_to"),
            quotas=tuple(
                Quota(
                    metric=q["metric"],
                    kind=q["kind"],
                    min=q.get("min"),
                    max=q.get("max"),
                    add=q.get("add"),
                    per=q.get("per"),
                    span=q.span,
                    raw=q,
                    source=q.get("source"),
                )
                for q in r.get("quotas", ())
            ),
            scoring=tuple(
                Scoring(
                    when=x["when"],
                    effect=x["effect"],
                    points=x.get("points"),
                    span=x.span,
                    raw=x,
                    source=x.get("source"),
                )
                for x in r.get("scoring", ())
            ),
            ranking_of=ranking.get("of"),
            consequences=tuple(consequences),
            items=tuple(r.get("items", ())),
            categories=tuple(r.get("categories", ())),
            **_common(r),
        )
        subject = Subject("assessment", regime.id)
        self.refs_in("item", regime.items, regime, subject, "items")
        self.refs_in("category", regime.categories, regime, subject, "categories")
        self.ref("unit", regime.assessor, regime, subject, "assessor")
        self.ref("unit_or_tier", regime.assessed, regime, subject, "assessed")
        self.ref("assessment", regime.adds_to, regime, subject, "adds_to")
        for c in regime.consequences:
            self.ref("unit", c.decided_by, c, subject, "decided_by")
        return regime

    def _duty(self, r: dict) -> Duty:
        duty = Duty(
            id=r["id"],
            name=_name(r["name"]),
            applies_to=r["applies_to"],
            start=r.get("start"),
            end=r.get("end"),
            item=r.get("item"),
            platform_rule=r.get("platform_rule"),
            active=_valid(r.get("active")),
            waived_during=tuple(r.get("waived_during", ())),
            **_common(r),
        )
        subject = Subject("duty", duty.id)
        self.ref("unit_or_tier", duty.applies_to, duty, subject, "applies_to")
        self.ref("item", duty.item, duty, subject, "item")
        self.ref("platform_rule", duty.platform_rule, duty, subject, "platform_rule")
        self.refs_in("duty", duty.waived_during, duty, subject, "waived_during")
        return duty

    def _platform_rule(self, r: dict) -> PlatformRule:
        rule = PlatformRule(
            id=r["id"],
            name=_name(r["name"]),
            kind=r["kind"],
            applies_to=r.get("applies_to"),
            deadline_days=r.get("deadline_days"),
            **_common(r),
        )
        self.ref("unit_or_tier", rule.applies_to, rule, Subject("platform_rule", rule.id), "applies_to")
        return rule

    def _simulation(self, r: dict) -> Simulation:
        problems = self.unique(
            "problem",
            [
                Problem(
                    id=x["id"],
                    per_grid_per_day=x["per_grid_per_day"],
                    item=x.get("item"),
                    category=x.get("category"),
                    name=_name(x.get("name")),
                    **_common(x),
                )
                for x in r.get("problems", ())
                if isinstance(x, dict)
            ],
        )
        sim = Simulation(
            start=r.get("start"),
            parameters=dict(r.get("parameters") or {}),
            problems=tuple(problems.values()),
            urban_public_order_categories=tuple(r.get("urban_public_order_categories", ())),
            span=getattr(r, "span", NOWHERE),
            raw=r,
            source=r.get("source"),
        )
        subject = Subject("section", "simulation")
        for p in sim.problems:
            self.ref("item", p.item, p, Subject("problem", p.id), "item")
            self.ref("category", p.category, p, Subject("problem", p.id), "category")
        self.refs_in("category", sim.urban_public_order_categories, sim, subject, "urban_public_order_categories")
        return sim

    # -- second pass ------------------------------------------------------------------------------
    def resolve(self, policy: Policy) -> None:
        known = {
            "tier": policy.tiers,
            "unit": policy.units,
            "item": policy.items,
            "category": policy.categories,
            "list": policy.lists,
            "power": policy.powers,
            "assessment": policy.regimes,
            "duty": policy.duties,
            "platform_rule": policy.platform_rules,
            "level": dict.fromkeys(policy.levels),
        }
        known["unit_or_tier"] = {**policy.tiers, **policy.units}
        for kind, value, span, subject in self.refs:
            table = known[kind]
            if value in table:
                continue
            if any(value in self.dropped.get(k, ()) for k in (("tier", "unit") if kind == "unit_or_tier" else (kind,))):
                continue  # its declaration has a schema error, already reported
            close = difflib.get_close_matches(str(value), [str(k) for k in table], n=1)
            self.violations.append(
                Violation(
                    "PE004",
                    "ref",
                    span,
                    subject,
                    {
                        "kind": Term("term.kind", kind),
                        "id": value,
                        "hint": msg("rules.rule_guess", guess=close[0]) if close else "",
                    },
                )
            )

    def tier_tree(self, policy: Policy) -> None:
        tiers = policy.tiers
        graph = nx.DiGraph()
        graph.add_nodes_from(tiers)
        graph.add_edges_from((t.id, t.parent) for t in tiers.values() if t.parent in tiers)
        reported: set[str] = set()
        for cycle in sorted((sorted(c) for c in nx.simple_cycles(graph)), key=lambda c: c[0]):
            first = min((tiers[t] for t in cycle), key=lambda t: t.span)
            order = [first.id]
            while len(order) <= len(cycle) and tiers[order[-1]].parent != first.id:
                order.append(tiers[order[-1]].parent)
            reported.update(cycle)
            self.violations.append(
                Violation(
                    "PE005",
                    "cycle",
                    first.at("parent"),
                    Subject("tier", first.id),
                    {"path": " -> ".join([*order, first.id])},
                )
            )
        roots = [t for t in tiers.values() if t.parent is None]
        dangling = any(t.parent is not None and t.parent not in tiers for t in tiers.values())  # PE004
        if len(roots) > 1:

            def size(t: Tier) -> int:
                return len(nx.ancestors(graph, t.id))  # edges point child -> parent

            main = max(roots, key=lambda t: (size(t), [-ord(ch) for ch in t.id]))
            for t in sorted(roots, key=lambda t: t.span):
                if t is not main:
                    self.violations.append(
                        Violation("PE005", "roots", t.span, Subject("tier", t.id), {"id": t.id, "root": main.id})
                    )
        elif not roots and tiers and not reported and not dangling:
            first = min(tiers.values(), key=lambda t: t.span)
            self.violations.append(Violation("PE005", "none", first.span, Subject("tier", first.id), {}))


def _at(raw: Any, *path: Any) -> Span:
    return span_of(raw, path, getattr(raw, "span", NOWHERE))


def _power(r: dict) -> PowerDecl:
    return PowerDecl(id=r["id"], name=_name(r.get("name")), **_common(r))


def build(files: list[SourceFile], invalid: set[tuple[int, Any, Any]]) -> Built:
    builder = _Builder()
    policy = builder.build(files, invalid)
    return Built(policy, builder.violations)
