"""What a rule can read: the typed attributes of items, units, tiers and lists, and the functions;
and how the rule language's types relate (the compiler checks a rule against them).

This table is the whole surface a rule reaches: no Python object is reachable from a rule except
through these getters, which return strings, numbers, dates, ids and frozensets of those.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from ..governance import governing
from ..graph import PolicyGraph
from ..messages import Joined, Term, Text, msg
from ..model import Item, Policy, PolicyList, Tier, Unit
from ..party_resolution import reviewers
from ..vocabulary import DIMENSIONS

ENTITIES = ("item", "unit", "tier", "list")
# the names an invariant's `where` and `holds` read (`invariants`): name -> (type, description). The
# compiler types the texts against it, the prover gives each name its meaning, the docs list it.
INVARIANT_SCOPE: dict[str, tuple[str, str]] = {
    "item": ("item", "the item decided"),
    "on": ("date", "the date it is decided on"),
    "decision": ("string", "the decision: admitted, conditional, rejected, pending or unreviewed"),
    "procedure": ("string", "the id of the procedure that decides it; null when none"),
    "rule": ("string", "the name of the rule that decides it; null when none"),
    "devolved": ("set<string>", "the powers a conditional admission devolves; empty otherwise"),
    "transferred": ("number", "the money a conditional admission transfers, yuan a year; 0 otherwise"),
    "transferred_people": ("number", "the people a conditional admission transfers; 0 otherwise"),
    "term": ("duration", "the term of a conditional admission; null when none"),
}
Getter = Callable[["Facts", str], Any]


# -- the rule language's types: number, string, date, duration, bool, an entity, set<T> ----------
def is_set(t: str) -> bool:
    return t.startswith("set<")


def element_type(t: str) -> str:
    return t[4:-1]


def in_words(t: str) -> Text:
    """A type as a message says it: in Chinese in words (“层级或单位”, “字符串集合”), in English as the
    rule language writes it (`tier or unit`, `set<string>`)."""
    if "|" in t:
        return Joined(tuple(in_words(part) for part in t.split("|")), "sep.or")
    if is_set(t):
        return msg("rules.type_set", element=in_words(element_type(t)))
    return Term("rules.type", t)


def entity_like(t: str) -> bool:
    return t in ENTITIES or t == "string"


def same_sets(a: str, b: str) -> str | None:
    """The common set type, treating entity ids and strings alike and `set<any>` as any."""
    if not (is_set(a) and is_set(b)):
        return None
    ea, eb = element_type(a), element_type(b)
    if ea == "any":
        return b
    if eb == "any" or ea == eb:
        return a
    if "string" in (ea, eb) and entity_like(ea) and entity_like(eb):  # ids compare with names
        return a if ea != "string" else b
    return None


def _name(decl: Item | Unit | Tier) -> str:
    return (decl.name.en or decl.name.zh or decl.id) if decl.name else decl.id


class Facts:
    """A policy seen through the rule language: every value by id, every collection a frozenset."""

    def __init__(self, policy: Policy, graph: PolicyGraph, on: str):
        self.policy, self.graph, self.on = policy, graph, on

    @cached_property
    def items_at(self) -> dict[str, frozenset[str]]:
        table: dict[str, set[str]] = {t: set() for t in self.policy.tiers}
        for item in self.policy.items.values():
            table.setdefault(item.tier, set()).add(item.id)
        return {t: frozenset(ids) for t, ids in table.items()}

    def powers(self, holder: str | None) -> frozenset[str]:
        if holder is None:
            return frozenset()
        if holder in self.policy.units:
            return self.graph.unit_powers(holder)
        return self.graph.tier_powers(holder)


def _item(attr: Callable[[Item], Any]) -> Getter:
    return lambda f, i: attr(f.policy.items[i]) if i in f.policy.items else None


def _unit(attr: Callable[[Unit], Any]) -> Getter:
    return lambda f, u: attr(f.policy.units[u]) if u in f.policy.units else None


def _tier(attr: Callable[[Tier], Any]) -> Getter:
    return lambda f, t: attr(f.policy.tiers[t]) if t in f.policy.tiers else None


def _list(attr: Callable[[PolicyList], Any]) -> Getter:
    return lambda f, x: attr(f.policy.lists[x]) if x in f.policy.lists else None


def _funding(item: Item, field: str, default: Any) -> Any:
    """A field of the item's funding. Without `funding` the money and people are not stated (null, as
    PE102 reads them: it cannot judge), while its powers are the empty set, as every set not declared."""
    if item.marker("funding", field) is not None:  # `unstated`/`unknown`, of the whole or the field: null
        return None
    return getattr(item.funding, field) if item.funding else default


def _set(values: Any) -> frozenset[Any] | None:
    return None if values is None else frozenset(values)  # a marked set stays null, not {}


def _citation(item: Item) -> str | None:
    """The item's legal basis as a string: the citation, or the source's `document`; null when absent
    or not stated."""
    basis = item.legal_basis
    if isinstance(basis, dict):
        basis = basis.get("document")
    return basis if isinstance(basis, str) and basis not in ("unstated", "unknown") else None


def _reviewer(f: Facts, i: str) -> frozenset[str] | None:
    """The units the reviewers of the procedures governing the item (in force on the date) can mean."""
    item = f.policy.items.get(i)
    return None if item is None else reviewers(f.policy, item, governing(f.policy, item, f.on))


def _level(dim: str) -> Getter:
    return lambda f, x: f.graph.level(x, dim)


def _dimensions(kind: str) -> dict[str, tuple[str, Getter, str]]:
    """The four authority dimensions as numbers in [0, 1], read from the grants in force."""
    whose = "the tier or a unit of its own" if kind == "tier" else "the unit"
    return {
        dim: (
            "number",
            _level(dim),
            f"level on {dim} held by {whose} (grants in force), 0-1; 0 when none",
        )
        for dim in DIMENSIONS
    }


# kind -> attribute path -> (type, getter, description)
ATTRIBUTES: dict[str, dict[str, tuple[str, Getter, str]]] = {
    "item": {
        "id": ("string", _item(lambda i: i.id), "the item's id"),
        "name": ("string", _item(_name), "its English name (or Chinese, or id)"),
        "kind": ("string", _item(lambda i: i.kind), "routine, line or temporary"),
        "role": ("string", _item(lambda i: i.role), "handle, report, assist or resolve_or_report"),
        "responsibility": ("string", _item(lambda i: i.responsibility or ""), "territorial, dual or owner"),
        "category": ("string", _item(lambda i: i.category or ""), "its category id"),
        "tier": ("tier", _item(lambda i: i.tier), "the tier it is assigned to"),
        "owner": ("unit", _item(lambda i: i.owner), "the department that owns it"),
        "issued_by": ("tier", _item(lambda i: i.issued_by), "the tier that issues it"),
        "requires": ("set<string>", _item(lambda i: frozenset(i.required())), "powers its role requires"),
        "requires_handle": (
            "set<string>",
            _item(lambda i: frozenset(i.required("handle"))),
            "powers needed to settle it (requires.handle)",
        ),
        "requires_all": (
            "set<string>",
            _item(lambda i: frozenset(p for ps in i.requires.values() for p in ps)),
            "powers any role requires",
        ),
        "mobilises": ("set<unit>", _item(lambda i: frozenset(i.mobilises)), "units the tier must mobilise"),
        "co_handlers": ("set<unit>", _item(lambda i: frozenset(c.unit for c in i.co_handlers)), "its co-handlers"),
        "cost.hours_per_month": ("number", _item(lambda i: i.cost.hours_per_month), "hours per month"),
        "cost.yuan_per_year": ("number", _item(lambda i: i.cost.yuan_per_year), "yuan per year"),
        "funding.money": (
            "number",
            _item(lambda i: _funding(i, "money_yuan_per_year", None)),
            "money moving with it, yuan per year",
        ),
        "funding.people": ("number", _item(lambda i: _funding(i, "people", None)), "people moving with it"),
        "funding.powers": (
            "set<string>",
            _item(lambda i: _set(_funding(i, "powers", ()))),
            "powers delegated with it",
        ),
        "valid_from": ("date", _item(lambda i: i.valid[0]), "start of validity"),
        "valid_to": ("date", _item(lambda i: i.valid[1]), "end of validity"),
        "applicant": (
            "unit",
            _item(lambda i: i.applicant.unit if i.applicant is not None else None),
            "who applied for it to enter (null when absent or not a single unit)",
        ),
        "reviewer": (
            "set<unit>",
            _reviewer,
            "the units the reviewers of the procedures governing it can mean",
        ),
        "legal_basis": (
            "string",
            _item(_citation),
            "its legal basis: the citation or the source's document; null when absent",
        ),
        "via": ("unit", _item(lambda i: i.via), "the body it is assigned through (null when none)"),
    },
    "unit": {
        "id": ("string", _unit(lambda u: u.id), "the unit's id"),
        "name": ("string", _unit(_name), "its name"),
        "kind": ("string", _unit(lambda u: u.kind), "governance_centre, functional_department, ..."),
        "tier": ("tier", _unit(lambda u: u.tier), "its tier"),
        "headcount": ("number", _unit(lambda u: u.people), "people per unit"),
        "count": ("number", _unit(lambda u: u.count), "how many such units"),
        "sent_by": ("unit", _unit(lambda u: u.sent_by), "the unit that seconds it"),
        "powers": ("set<string>", lambda f, u: f.powers(u) if u in f.policy.units else None, "powers it holds"),
        **_dimensions("unit"),
    },
    "tier": {
        "id": ("string", _tier(lambda t: t.id), "the tier's id"),
        "name": ("string", _tier(_name), "its name"),
        "parent": ("tier", _tier(lambda t: t.parent), "the tier above"),
        "count": ("number", _tier(lambda t: t.count), "how many instances"),
        "depth": ("number", lambda f, t: f.graph.depth(t) if t in f.policy.tiers else None, "0 at the root"),
        "powers": (
            "set<string>",
            lambda f, t: f.powers(t) if t in f.policy.tiers else None,
            "powers held by the tier or a unit of its own",
        ),
        "authority": ("number", lambda f, t: f.graph.authority.get(t), "mean level on the four dimensions, 0-1"),
        **_dimensions("tier"),
        # null for a null tier (a quantifier's variable over `{item.issued_by}`), as every attribute of null
        "units": (
            "set<unit>",
            lambda f, t: frozenset(f.graph.units_at(t)) if t in f.policy.tiers else None,
            "units at the tier",
        ),
        "items": ("set<item>", lambda f, t: f.items_at.get(t), "items assigned to it"),
    },
    "list": {
        "id": ("string", _list(lambda x: x.id), "the list's id"),
        "kind": ("string", _list(lambda x: x.kind), "duties, cooperation or returned"),
        "tier": ("tier", _list(lambda x: x.tier), "its tier"),
        "items": ("set<item>", _list(lambda x: frozenset(x.items)), "its items"),
    },
}


def _count(f: Facts, s: Any) -> Any:
    return len(s) if s is not None else None


# name -> (argument types, result type, implementation(facts, *args), description)
FUNCTIONS: dict[str, tuple[tuple[str, ...], str, Callable[..., Any], str]] = {
    "powers": (("tier|unit",), "set<string>", lambda f, x: f.powers(x), "powers a tier or unit holds"),
    "units": (("tier",), "set<unit>", lambda f, t: frozenset(f.graph.units_at(t)) if t else None, "units at a tier"),
    "items": (
        ("tier",),
        "set<item>",
        lambda f, t: f.items_at.get(t, frozenset()) if t else None,
        "items assigned to a tier",
    ),
    "parent": (
        ("tier",),
        "tier",
        lambda f, t: f.policy.tiers[t].parent if t in f.policy.tiers else None,
        "the tier above",
    ),
    "count": (("set",), "number", _count, "the number of elements"),
    # the one test of presence: null compares equal to null, so `==` cannot ask whether a value is there
    "stated": (
        ("any",),
        "bool",
        lambda f, x: x is not None,
        "whether the value is stated (not absent, unstated or unknown)",
    ),
    "min": (
        ("number", "number"),
        "number",
        lambda f, a, b: None if a is None or b is None else min(a, b),
        "the smaller",
    ),
    "max": (
        ("number", "number"),
        "number",
        lambda f, a, b: None if a is None or b is None else max(a, b),
        "the larger",
    ),
}
