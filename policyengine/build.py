"""Validated documents -> the Policy model: sections gathered over every file, declarations built
(`declarations`), ids made unique, then the second pass (`resolution`): references, the tier tree.

Like pyflakes, declarations are collected first and references resolved after, so that a
policy can be split over files in any order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .approval_build import approvals
from .assumption_ranges import range_findings
from .channel_build import channels
from .declarations import (
    Declarations,
    common,
    invariant_of,
    name_of,
    power_decl,
    required_name,
    stated_of,
    valid_of,
)
from .diagnostics import Subject, Violation
from .listlife import party_refs, provision_of
from .model import (
    Category,
    Consequence,
    Decl,
    Dispatch,
    Duty,
    Figure,
    PlatformRule,
    Policy,
    Problem,
    Quota,
    Regime,
    ReturnRule,
    Scoring,
    Simulation,
    Spending,
    Table,
    Workflow,
)
from .procedures import weighting_of
from .resolution import tier_tree, unresolved
from .scoringbuild import measures_of, scheme_of
from .source import SourceFile
from .span import NOWHERE, Span
from .statedness import value_of
from .structurebuild import structure
from .timelimitbuild import timing
from .vocabulary import BUILTIN_POWERS, DEFAULT_LEVELS, SECTION_KINDS
from .yamlnodes import YMap, key_span

SINGLETONS = ("policy", "scale", "workflow", "simulation")


@dataclass
class Built:
    policy: Policy | None
    violations: list[Violation] = field(default_factory=list)


class _Builder(Declarations):
    def __init__(self) -> None:
        super().__init__()
        self.dropped: dict[str, set[str]] = {}  # kind -> ids of declarations the schema refused

    # -- building -----------------------------------------------------------------------------
    def gather(self, files: list[SourceFile], invalid: set[tuple[int, str, int | None]]) -> dict[str, Any]:
        """Concatenate list sections over all documents; flag repeated singletons."""
        sections: dict[str, Any] = {k: [] for k in (*SECTION_KINDS, "spending", "approvals")}
        singles: dict[str, tuple[Any, Span]] = {}
        for source in files:
            for document in source.documents:
                if not isinstance(document, YMap):  # the loader makes every mapping one
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
        kind = SECTION_KINDS.get(section)
        if kind and isinstance(value, list):
            for entry in value:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    self.dropped.setdefault(kind, set()).add(entry["id"])

    def build(self, files: list[SourceFile], invalid: set[tuple[int, str, int | None]]) -> Policy:
        s = self.gather(files, invalid)
        meta = s["policy"] or {}
        levels = tuple(s["scale"]["levels"]) if s["scale"] else DEFAULT_LEVELS

        powers = self.unique("power", [power_decl(r) for r in s["powers"]])
        tiers, units = self.places(s["tiers"], s["units"])
        grants = tuple(self.grant(r) for r in s["grants"])
        self.unique("grant", [g for g in grants if g.id])
        categories = self.unique(
            "category",
            [
                Category(
                    id=r["id"], name=required_name(r["name"]), kind=r["kind"], stated_items=stated_of(r), **common(r)
                )
                for r in s["categories"]
            ],
        )
        items = self.unique("item", [self.item(r) for r in s["items"]])
        lists = self.unique("list", [self.policy_list(r) for r in s["lists"]])
        admissions = self.unique("admission", [self.admission(r) for r in s["admission"]])
        workflow = self._workflow(s["workflow"]) if s["workflow"] is not None else None
        regimes = self.unique("assessment", [self._regime(r) for r in s["assessments"]])
        duties = self.unique("duty", [self._duty(r) for r in s["duties"]])
        rules = self.unique("platform_rule", [self._platform_rule(r) for r in s["platform_rules"]])
        figures = self.unique(
            "figure",
            [
                Figure(id=r["id"], value=r["value"], name=name_of(r.get("name")), unit=r.get("unit"), **common(r))
                for r in s["figures"]
            ],
        )
        tables = self.unique("table", [_table(r) for r in s["tables"]])
        spending = tuple(
            Spending(year=r["year"], yuan=r["yuan"], span=r.span, raw=r, source=r.get("source")) for r in s["spending"]
        )
        simulation = self._simulation(s["simulation"]) if s["simulation"] is not None else None
        provisions = self.unique("provision", [provision_of(r, dict(common(r))) for r in s["provisions"]])
        for p in provisions.values():
            self.ref("tier", p.tier, p, Subject("provision", p.id), "tier")
            for kind, ident, path in party_refs(p.by, p.with_party):
                self.ref(kind, ident, p, Subject("provision", p.id), *path)
            self.refs_in("list", p.lists, p, Subject("provision", p.id), "lists")
            self.refs_in("item", p.items, p, Subject("provision", p.id), "items")
            self.refs_in("tier", p.tiers, p, Subject("provision", p.id), "tiers")
        all_powers: dict[str, Decl | None] = dict.fromkeys(BUILTIN_POWERS)
        all_powers.update(powers)
        policy = Policy(
            id=meta.get("id"),
            name=name_of(meta.get("name")),
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
            approvals=approvals(self, s["approvals"]),
            structure=structure(self, s["tiers"], units, grants, items, lists),
            provisions=provisions,
            measures=measures_of(self, s["measures"]),
            channels=channels(self, s["channels"]),
            timing=timing(self, s["items"], s["workflow"]),
            tables=tables,
            invariants=self.unique("invariant", [invariant_of(r) for r in s["invariants"]]),
        )
        self.violations.extend(unresolved(policy, self.refs, self.dropped))
        self.violations.extend(tier_tree(policy))
        self.violations.extend(range_findings(policy))
        return policy

    # -- declarations of how work flows and is judged ------------------------------------------
    def _workflow(self, r: YMap) -> Workflow:
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

    def _regime(self, r: YMap) -> Regime:
        ranking = r.get("ranking") or {}
        consequences: list[Consequence] = []
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
            name=name_of(r.get("name")),
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
                    points=value_of(x.get("points")),  # a marker: no points (Scoring.marker says which)
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
            kind=r.get("kind", "assessment"),
            weighting=weighting_of(r),
            scheme=scheme_of(self, r),
            **common(r),
        )
        subject = Subject("assessment", regime.id)
        self.refs_in("item", regime.items, regime, subject, "items")
        self.refs_in("category", regime.categories, regime, subject, "categories")
        self.ref("unit", regime.assessor, regime, subject, "assessor")
        self.ref("unit_or_tier", regime.assessed, regime, subject, "assessed")
        self.ref("assessment", regime.adds_to, regime, subject, "adds_to")
        for c in regime.consequences:
            self.ref("unit", c.decided_by, c, subject, "decided_by")
        if regime.weighting is not None:
            for index, w in enumerate(regime.weighting.weight_in):
                self.ref("assessment", w.regime, regime, subject, "weight_in", index, "regime")
            for kind, ident, path in party_refs(*regime.weighting.consults):
                self.ref(kind, ident, regime, subject, *path)
        return regime

    def _duty(self, r: YMap) -> Duty:
        duty = Duty(
            id=r["id"],
            name=required_name(r["name"]),
            applies_to=r["applies_to"],
            start=value_of(r.get("start")),  # `unstated`/`unknown`: untimed to the model (Duty.marker)
            end=value_of(r.get("end")),
            item=r.get("item"),
            platform_rule=r.get("platform_rule"),
            active=valid_of(r.get("active")),
            waived_during=tuple(r.get("waived_during", ())),
            **common(r),
        )
        subject = Subject("duty", duty.id)
        self.ref("unit_or_tier", duty.applies_to, duty, subject, "applies_to")
        self.ref("item", duty.item, duty, subject, "item")
        self.ref("platform_rule", duty.platform_rule, duty, subject, "platform_rule")
        self.refs_in("duty", duty.waived_during, duty, subject, "waived_during")
        return duty

    def _platform_rule(self, r: YMap) -> PlatformRule:
        rule = PlatformRule(
            id=r["id"],
            name=required_name(r["name"]),
            kind=r["kind"],
            applies_to=r.get("applies_to"),
            deadline_days=r.get("deadline_days"),
            **common(r),
        )
        self.ref("unit_or_tier", rule.applies_to, rule, Subject("platform_rule", rule.id), "applies_to")
        return rule

    def _simulation(self, r: YMap) -> Simulation:
        problems = self.unique(
            "problem",
            [
                Problem(
                    id=x["id"],
                    per_grid_per_day=x["per_grid_per_day"],
                    item=x.get("item"),
                    category=x.get("category"),
                    name=name_of(x.get("name")),
                    **common(x),
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
            streets=tuple(x for x in r.get("streets", ()) if isinstance(x, dict)),
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


def build(files: list[SourceFile], invalid: set[tuple[int, str, int | None]]) -> Built:
    builder = _Builder()
    policy = builder.build(files, invalid)
    return Built(policy, builder.violations)


def _table(r: YMap) -> Table:
    """An imported table: what `lint --format xlsx` needs to write it back."""
    return Table(
        id=r["id"],
        file=r["file"],
        sheet=r.get("sheet", ""),
        header=r.get("header", 0),
        columns=dict(r.get("columns") or {}),
        rows={x["row"]: dict(x.get("cells") or {}) for x in r.get("rows") or ()},
        merged=tuple(r.get("merged") or ()),
        **common(r),
    )
