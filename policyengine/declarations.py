"""Section entries -> declarations: each built from its validated YAML entry, noting the references
it makes for the second pass (`resolution`) to resolve, since a policy may be split over files in any
order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, TypedDict, TypeVar, cast

from .diagnostics import Subject, Violation
from .invariants import Invariant
from .listlife import life_of, list_parties, party_refs
from .messages import Term
from .model import (
    Admission,
    CoHandler,
    Cost,
    Decl,
    Funding,
    Grant,
    Item,
    Name,
    PolicyList,
    PowerDecl,
    PowerGrant,
    TemporaryAdmission,
    Tier,
    Unit,
)
from .parties import Party, party_of
from .procedures import handover_of, handover_refs, process_of
from .span import NOWHERE, Span
from .staffing import staffing_of, staffing_refs
from .statedness import marker_of, value_of
from .structure import joint_validity
from .yamlnodes import YMap, span_of


class Identified(Protocol):
    """A declaration as `unique` sees it."""

    @property
    def id(self) -> str | None: ...

    @property
    def span(self) -> Span: ...


D = TypeVar("D", bound=Identified)


class Common(TypedDict):
    """What every declaration keeps of its entry: where it stands, the entry itself, its source."""

    span: Span
    raw: Any
    source: Any


def name_of(raw: Any) -> Name | None:
    return Name(raw.get("zh"), raw.get("en")) if isinstance(raw, dict) else None


def required_name(raw: Any) -> Name:
    # the schema requires a name wherever the model does, and an entry it refuses is never built
    return cast(Name, name_of(raw))


def valid_of(raw: Any) -> tuple[str | None, str | None]:
    return (raw.get("from"), raw.get("to")) if isinstance(raw, dict) else (None, None)


def stated_of(raw: YMap) -> int | None:
    stated = raw.get("stated")
    return value_of(stated.get("items")) if isinstance(stated, dict) else None


def _or(value: Any, default: Any) -> Any:
    return default if value is None else value


def common(raw: dict[str, Any]) -> Common:
    return {"span": raw.value_span("id") if isinstance(raw, YMap) else NOWHERE, "raw": raw, "source": raw.get("source")}


def at(raw: Any, *path: Any) -> Span:
    return span_of(raw, path, getattr(raw, "span", NOWHERE))


def power_decl(r: YMap) -> PowerDecl:
    return PowerDecl(id=r["id"], name=name_of(r.get("name")), **common(r))


def invariant_of(r: YMap) -> Invariant:
    """An invariant; `every` may be one decision or a list of them (omitted: every decision)."""
    every = r.get("every", ())
    return Invariant(
        id=r["id"],
        holds=r["holds"],
        name=name_of(r.get("name")),
        every=(every,) if isinstance(every, str) else tuple(every),
        where=r.get("where"),
        note=r.get("note"),
        **common(r),
    )


class Declarations:
    """Builds declarations, keeping the problems found and the references made along the way."""

    def __init__(self) -> None:
        self.violations: list[Violation] = []
        self.refs: list[tuple[str, str, Span, Subject]] = []  # (kind, id, span, subject)

    # -- references -------------------------------------------------------------------------
    def ref(self, kind: str, value: Any, decl: Decl, subject: Subject, *path: Any) -> None:
        if value is not None:
            self.refs.append((kind, value, decl.at(*path), subject))

    def refs_in(self, kind: str, values: Iterable[str], decl: Decl, subject: Subject, *path: Any) -> None:
        for index, value in enumerate(values):
            self.ref(kind, value, decl, subject, *path, index)

    def party_ref(self, party: Party | None, decl: Decl, subject: Subject) -> None:
        """Every unit and tier a party names, nested ones too, each at the place it is written."""
        if party is None:
            return
        for unit, path in party.units():
            self.refs.append(("unit", unit, decl.at(*path), subject))
        for tier, path in party.tiers():
            self.refs.append(("tier", tier, decl.at(*path), subject))

    def unique(self, kind: str, entries: list[D]) -> dict[str, D]:
        table: dict[str, D] = {}
        for decl in entries:
            ident = decl.id or ""  # only grants may lack an id, and those are left out
            if ident in table:
                first = table[ident]
                self.violations.append(
                    Violation(
                        "PE003",
                        "id",
                        decl.span,
                        Subject(kind, ident),
                        {"kind": Term("term.kind", kind), "id": decl.id, "first": str(first.span)},
                    )
                )
            else:
                table[ident] = decl
        return table

    # -- declarations -------------------------------------------------------------------------
    def places(self, raw_tiers: list[YMap], raw_units: list[YMap]) -> tuple[dict[str, Tier], dict[str, Unit]]:
        """Tiers and units, and the references between them."""
        tiers = self.unique(
            "tier",
            [
                Tier(
                    id=r["id"],
                    name=required_name(r["name"]),
                    parent=r.get("parent"),
                    count=value_of(r.get("count")),
                    **common(r),
                )
                for r in raw_tiers
            ],
        )
        units = self.unique(
            "unit",
            [
                Unit(
                    id=r["id"],
                    name=required_name(r["name"]),
                    tier=r["tier"],
                    kind=r["kind"],
                    sent_by=r.get("sent_by"),
                    count=value_of(r.get("count")),
                    headcount=value_of(r.get("headcount")),
                    hours_per_person_month=value_of(r.get("hours_per_person_month")),
                    staffing=staffing_of(r),
                    **common(r),
                )
                for r in raw_units
            ],
        )
        for u in units.values():
            if u.id in tiers:
                self.violations.append(Violation("PE003", "ambiguous", u.span, Subject("unit", u.id), {"unit": u.id}))
        for t in tiers.values():
            self.ref("tier", t.parent, t, Subject("tier", t.id), "parent")
        for u in units.values():
            self.ref("tier", u.tier, u, Subject("unit", u.id), "tier")
            self.ref("unit", u.sent_by, u, Subject("unit", u.id), "sent_by")
            for kind, ident, path in staffing_refs(u.staffing):
                self.ref(kind, ident, u, Subject("unit", u.id), *path)
        return tiers, units

    def grant(self, r: YMap) -> Grant:
        powers: list[PowerGrant] = []
        for index, p in enumerate(r.get("powers", [])):
            if isinstance(p, str):
                powers.append(PowerGrant(power=p, span=at(r, "powers", index)))
            else:
                powers.append(
                    PowerGrant(
                        power=p["power"],
                        scope=p.get("scope"),
                        units=tuple(p.get("units", ())),
                        span=at(r, "powers", index),
                        raw=p,
                        source=p.get("source"),
                    )
                )
        grant = Grant(
            id=r.get("id"),
            unit=r.get("unit"),
            tier=r.get("tier"),
            # a marked level is no level: the checks that judge levels read the marker (`Grant.marker`)
            dimensions={d: v for d, v in r.get("dimensions", {}).items() if marker_of(v) is None},
            powers=tuple(powers),
            valid=joint_validity(valid_of(r.get("valid")), valid_of(r.get("term"))),  # `term`: structure.py
            handover=handover_of(r),
            span=r.value_span("id"),
            raw=r,
            source=r.get("source"),
        )
        subject = Subject("grant", grant.id or (grant.unit or grant.tier or ""))
        self.ref("unit", grant.unit, grant, subject, "unit")
        self.ref("tier", grant.tier, grant, subject, "tier")
        if grant.handover is not None:
            handover = grant.handover
            for kind, ident, path in (*handover_refs(handover), *party_refs(handover.approved_by, handover.consulted)):
                self.ref(kind, ident, grant, subject, *path)
        for dim, level in grant.dimensions.items():
            self.ref("level", level, grant, subject, "dimensions", dim)
        for pg in grant.powers:
            self.refs.append(("power", pg.power, pg.at("power") if pg.raw else pg.span, subject))
            if pg.scope is not None:
                self.refs.append(("tier", pg.scope, pg.at("scope"), subject))
            self.refs_in("unit", pg.units, pg, subject, "units")
        return grant

    def item(self, r: YMap) -> Item:
        funding = value_of(r.get("funding"))  # marked, whole or field by field: absent to the model
        cost = r.get("cost", {})
        item = Item(
            id=r["id"],
            name=required_name(r["name"]),
            kind=r["kind"],
            tier=r["tier"],
            role=r["role"],
            category=r.get("category"),
            owner=r.get("owner"),
            issued_by=r.get("issued_by"),
            responsibility=r.get("responsibility"),
            requires={role: tuple(p) for role, p in r.get("requires", {}).items()},
            mobilises=tuple(r.get("mobilises", ())),
            cost=Cost(value_of(cost.get("hours_per_month")), value_of(cost.get("yuan_per_year"))),
            funding=Funding(
                _or(value_of(funding.get("money_yuan_per_year")), 0.0),
                _or(value_of(funding.get("people")), 0.0),
                tuple(value_of(funding.get("powers")) or ()),
            )
            if funding is not None
            else None,
            co_handlers=tuple(
                CoHandler(unit=c["unit"], coverage=c.get("coverage"), span=c.span, raw=c, source=c.get("source"))
                for c in r.get("co_handlers", ())
            ),
            valid=valid_of(r.get("valid")),
            legal_basis=value_of(r.get("legal_basis")),
            via=r.get("via"),
            applicant=party_of(r.get("applicant"), ("applicant",)),
            **common(r),
        )
        subject = Subject("item", item.id)
        self.ref("category", item.category, item, subject, "category")
        self.ref("unit", item.owner, item, subject, "owner")
        self.ref("tier", item.issued_by, item, subject, "issued_by")
        self.ref("tier", item.tier, item, subject, "tier")
        self.ref("unit", item.via, item, subject, "via")
        self.party_ref(item.applicant, item, subject)
        for role, powers in item.requires.items():
            self.refs_in("power", powers, item, subject, "requires", role)
        self.refs_in("unit", item.mobilises, item, subject, "mobilises")
        if item.funding:
            self.refs_in("power", item.funding.powers, item, subject, "funding", "powers")
        for index, c in enumerate(item.co_handlers):
            self.ref("unit", c.unit, item, subject, "co_handlers", index, "unit")
        return item

    def policy_list(self, r: YMap) -> PolicyList:
        lst = PolicyList(
            id=r["id"],
            tier=r["tier"],
            kind=r["kind"],
            name=name_of(r.get("name")),
            items=tuple(r.get("items", ())),
            categories=tuple(r.get("categories", ())),
            compiled_by=tuple(r.get("compiled_by", ())),
            stated_items=stated_of(r),
            workload_hours_per_month=value_of(r.get("workload_hours_per_month")),
            life=life_of(r),
            **common(r),
        )
        subject = Subject("list", lst.id)
        for kind, ident, path in party_refs(*list_parties(lst)):
            self.ref(kind, ident, lst, subject, *path)
        self.ref("tier", lst.tier, lst, subject, "tier")
        self.refs_in("item", lst.items, lst, subject, "items")
        self.refs_in("category", lst.categories, lst, subject, "categories")
        self.refs_in("unit", lst.compiled_by, lst, subject, "compiled_by")
        self.ref("list", lst.life.counterpart if lst.life else None, lst, subject, "counterpart")
        return lst

    def admission(self, r: YMap) -> Admission:
        temporary = r.get("temporary")
        adm = Admission(
            id=r["id"],
            tier=r["tier"],
            name=name_of(r.get("name")),
            lists=tuple(r.get("lists", ())),
            applicant=party_of(r.get("applicant"), ("applicant",)),
            reviewer=party_of(r.get("reviewer"), ("reviewer",)),
            criteria=tuple(r.get("criteria", ())),
            rules=tuple(r.get("rules", ())),
            lead_time_days=value_of(r.get("lead_time_days")),
            approval_deadline_days=value_of(r.get("approval_deadline_days")),
            legal_basis_required=value_of(r.get("legal_basis_required")),
            publication_required=value_of(r.get("publication_required")),
            temporary=TemporaryAdmission(
                party_of(temporary.get("approval_by"), ("temporary", "approval_by")),
                value_of(temporary.get("max_term_days")),
            )
            if isinstance(temporary, dict)
            else None,
            review_period_months=value_of(r.get("review_period_months")),
            exit=r.get("exit"),
            valid=valid_of(r.get("valid")),
            process=process_of(r),
            **common(r),
        )
        subject = Subject("admission", adm.id)
        for kind, ident, path in party_refs(*(adm.process.parties() if adm.process else ())):
            self.ref(kind, ident, adm, subject, *path)
        self.ref("tier", adm.tier, adm, subject, "tier")
        self.refs_in("list", adm.lists, adm, subject, "lists")
        self.party_ref(adm.applicant, adm, subject)
        self.party_ref(adm.reviewer, adm, subject)
        self.party_ref(adm.temporary.approval_by if adm.temporary else None, adm, subject)
        return adm
