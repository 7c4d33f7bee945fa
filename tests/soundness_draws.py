"""A small policy and the random rules and items the soundness tests hold the prover to
(tests/test_verify_soundness.py).

The rules come from a typed grammar that reaches every construct of the rule language: each attribute
an item, unit or tier has (read from the table rules read them through), each function, set literals
holding null or an entity, quantifiers and their variables, dates, durations, and, or, not. An item
is drawn as the policy format writes it, with fields absent, `unstated` or `unknown`, funding absent,
marked or partial, an applicant that is a unit or another party, and the lists of its tier.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import assume
from hypothesis import strategies as st

from policyengine.config import STRUCTURAL, Config
from policyengine.lint import LintResult, lint_paths
from policyengine.rules.facts import ATTRIBUTES

ON = "2026-01-01"
SELECT = Config(select=frozenset((*STRUCTURAL, "PE006", "PE007")))

TIERS = ("district", "street", "grid")
UNITS = ("centre", "fire", "office", "station", "team")
POWERS = ("penalty", "enforcement", "report", "coordination", "patrol")
CATEGORIES = ("safety", "services")
GRID_LISTS = ("la", "lb")

BASE: dict[str, Any] = {
    "tiers": [
        {"id": "district", "name": {"en": "District"}},
        {"id": "street", "name": {"en": "Street"}, "parent": "district", "count": 4},
        {"id": "grid", "name": {"en": "Grid"}, "parent": "street", "count": 12},
    ],
    "powers": [{"id": "patrol", "name": {"en": "Patrol", "zh": "巡查权"}}],
    "units": [
        {"id": "centre", "name": {"en": "Centre"}, "tier": "district", "kind": "governance_centre", "headcount": 4},
        {"id": "fire", "name": {"en": "Fire"}, "tier": "district", "kind": "functional_department", "headcount": 9},
        {"id": "office", "name": {"en": "Office"}, "tier": "street", "kind": "government", "headcount": 6},
        {"id": "station", "name": {"en": "Station"}, "tier": "street", "kind": "workstation", "sent_by": "fire"},
        {"id": "team", "name": {"en": "Team"}, "tier": "grid", "kind": "grid_team", "headcount": 3, "count": 12},
    ],
    "grants": [
        {"unit": "fire", "powers": ["penalty", "enforcement"], "dimensions": {"resources": "high"}},
        {"unit": "team", "powers": ["report"], "dimensions": {"timing": "partial"}},
        {"tier": "street", "powers": ["coordination"]},
    ],
    "categories": [
        {"id": "safety", "name": {"en": "Safety"}, "kind": "line"},
        {"id": "services", "name": {"en": "Services"}, "kind": "routine"},
    ],
    "items": [
        {
            "id": "old_fire",
            "name": {"en": "Old fire"},
            "kind": "line",
            "owner": "fire",
            "tier": "grid",
            "role": "handle",
            "requires": {"handle": ["penalty"]},
            "cost": {"yuan_per_year": 500},
        },
        {
            "id": "census",
            "name": {"en": "Census"},
            "kind": "temporary",
            "tier": "grid",
            "role": "assist",
            "valid": {"from": "2025-06-01", "to": "2025-12-31"},
        },
        {"id": "road", "name": {"en": "Road"}, "kind": "routine", "tier": "street", "role": "report", "owner": "fire"},
    ],
    "lists": [
        {"id": "la", "tier": "grid", "kind": "duties", "items": ["old_fire", "census"]},
        {"id": "lb", "tier": "grid", "kind": "cooperation", "items": []},
        {"id": "ls", "tier": "street", "kind": "duties", "items": ["road"]},
    ],
    "admission": [
        {
            "id": "gate",
            "tier": "grid",
            "lists": list(GRID_LISTS),
            "reviewer": {"any_of": [{"relation": "item_owner"}, {"relation": "grid_body"}]},
        },
        # every item of the grid, on a list or not: by hand when its criteria are none
        {"id": "grid_check", "tier": "grid", "reviewer": "team"},
        {"id": "street_review", "tier": "street", "reviewer": "office"},
    ],
}

# -- rules ------------------------------------------------------------------------------------------
# texts a rule compares with: the names the policy declares, the words of the format, texts an item
# may hold as its own (its id, name or legal basis), and the empty text
TEXTS = (*UNITS, *TIERS, *POWERS, *CATEGORIES, "line", "routine", "temporary", "handle", "report", "owner")
OWN_TEXTS = ("alpha", "beta", "《条例》第一条", "line", "team", "grid")
NUMBERS = ("0", "1", "2.5", "3", "10", "90", "100", "1000")
DATES = ("2025-10-03", "2026-01-01", "2026-03-31", "0001-01-02", "9999-12-31")
DURATIONS = ("1d", "30d", "90d", "2w", "3mo", "1y", "1.5d", "12h")
ORDERED = ("number", "date", "duration", "set<string>", "set<unit>")
EQUATABLE = (
    *("number", "date", "duration", "string", "unit", "tier", "item", "bool"),
    *("set<string>", "set<unit>", "set<number>"),
)


def _paths(kind: str, wanted: str) -> list[str]:
    return [path for path, (t, _, _) in ATTRIBUTES[kind].items() if t == wanted]


class Gen:
    """Well-typed rule text, type by type: every attribute of the type an entity has, every function
    returning it, its literals and operators, and the quantifier's variables in scope."""

    def __init__(self, draw: Any):
        self.draw = draw
        self.fresh = 0

    def pick(self, options: list[Any]) -> Any:
        return self.draw(st.sampled_from(options))

    def attribute(self, wanted: str, depth: int, scope: dict[str, str]) -> list[Any]:
        """Thunks giving `<entity>.<path>` of the wanted type: of each name in scope, and deeper, of
        each unit or tier reached from them."""
        out: list[Any] = []
        for name, t in scope.items():
            if t in ("item", "unit", "tier"):
                out += [lambda n=name, p=path: f"{n}.{p}" for path in _paths(t, wanted)]
        if depth > 0:
            for kind in ("unit", "tier"):
                out += [
                    lambda k=kind, p=path: f"{self.entity(k, depth - 1, scope, call=False)}.{p}"
                    for path in _paths(kind, wanted)
                ]
        return out

    def entity(self, kind: str, depth: int, scope: dict[str, str], call: bool = True) -> str:
        """An item, unit or tier: a name in scope, an attribute of one, and deeper, an attribute of a
        unit or tier reached so, or (`call`: not where a path goes on from it) `parent(...)`."""
        options: list[Any] = [lambda n=name: n for name, t in scope.items() if t == kind]
        options += self.attribute(kind, depth, scope)
        if depth > 0 and kind == "tier" and call:
            options.append(lambda: f"parent({self.entity('tier', depth - 1, scope)})")
        return str(self.pick(options)())

    def expr(self, t: str, depth: int, scope: dict[str, str]) -> str:
        if t in ("item", "unit", "tier"):
            return self.entity(t, depth, scope)
        method = getattr(self, "_" + t.replace("<", "_").replace(">", ""))
        options: list[Any] = method(depth, scope)
        options += [lambda n=name: n for name, vt in scope.items() if vt == t]
        options += self.attribute(t, depth, scope)
        return str(self.pick(options)())

    def _number(self, depth: int, scope: dict[str, str]) -> list[Any]:
        out: list[Any] = [lambda: self.pick(list(NUMBERS))]
        if depth <= 0:
            return out
        d = depth - 1
        some_set = lambda: self.expr(self.pick(["set<string>", "set<unit>", "set<item>", "set<number>"]), d, scope)  # noqa: E731
        out += [
            lambda: f"count({some_set()})",
            lambda: f"{self.pick(['min', 'max'])}({self.expr('number', d, scope)}, {self.expr('number', d, scope)})",
            lambda: f"{self.expr('number', d, scope)} {self.pick(['+', '-', '*'])} {self.expr('number', d, scope)}",
            lambda: f"({self.expr('number', d, scope)}) / {self.pick(['2', '4'])}",
            lambda: f"-{self.expr('number', d, scope)}",
            lambda: f"({self.expr('number', d, scope)})",
        ]
        return out

    def _duration(self, depth: int, scope: dict[str, str]) -> list[Any]:
        out: list[Any] = [lambda: self.pick(list(DURATIONS))]
        if depth <= 0:
            return out
        d = depth - 1
        out += [
            lambda: f"({self.expr('date', d, scope)} - {self.expr('date', d, scope)})",
            lambda: f"{self.expr('duration', d, scope)} {self.pick(['+', '-'])} {self.expr('duration', d, scope)}",
            lambda: f"{self.expr('duration', d, scope)} * {self.pick(['2', '0.5', '3'])}",
        ]
        return out

    def _date(self, depth: int, scope: dict[str, str]) -> list[Any]:
        out: list[Any] = [lambda: self.pick(list(DATES)), lambda: "on"]
        if depth > 0:
            d = depth - 1
            out.append(
                lambda: f"{self.expr('date', d, scope)} {self.pick(['+', '-'])} ({self.expr('duration', d, scope)})"
            )
        return out

    def _string(self, depth: int, scope: dict[str, str]) -> list[Any]:
        return [lambda: f'"{self.pick([*TEXTS, *OWN_TEXTS, ""])}"']

    def _set_string(self, depth: int, scope: dict[str, str]) -> list[Any]:
        out: list[Any] = [
            lambda: (
                "{"
                + ", ".join(f'"{p}"' for p in self.draw(st.lists(st.sampled_from(POWERS), min_size=1, max_size=3)))
                + "}"
            )
        ]
        if depth > 0:
            d = depth - 1
            holder = lambda: self.entity(self.pick(["tier", "unit"]), d, scope)  # noqa: E731
            out += [
                lambda: f"powers({holder()})",
                lambda: (
                    f"{self.expr('set<string>', d, scope)} {self.pick(['+', '-'])} {self.expr('set<string>', d, scope)}"
                ),
                lambda: "{" + f'{self.expr("string", d, scope)}, "{self.pick(list(POWERS))}"' + "}",
            ]
        return out

    # a literal of names only is a set of strings: a set of units or items starts with an entity
    def _set_unit(self, depth: int, scope: dict[str, str]) -> list[Any]:
        out: list[Any] = [
            lambda: (
                "{"
                + ", ".join(
                    [
                        self.entity("unit", depth - 1, scope),
                        *(f'"{u}"' for u in self.draw(st.lists(st.sampled_from(UNITS), max_size=2))),
                    ]
                )
                + "}"
            )
        ]
        if depth > 0:
            d = depth - 1
            out += [
                lambda: f"units({self.entity('tier', d, scope)})",
                lambda: (
                    f"{self.expr('set<unit>', d, scope)} {self.pick(['+', '-'])} {self.expr('set<unit>', d, scope)}"
                ),
                lambda: "{" + f'{self.entity("unit", d, scope)}, "{self.pick(list(UNITS))}"' + "}",
            ]
        return out

    def _set_item(self, depth: int, scope: dict[str, str]) -> list[Any]:
        out: list[Any] = [lambda: "{" + f'{self.entity("item", depth - 1, scope)}, "old_fire"' + "}"]
        if depth > 0:
            d = depth - 1
            out += [
                lambda: f"items({self.entity('tier', d, scope)})",
                lambda: "{" + f'{self.entity("item", d, scope)}, "census"' + "}",
            ]
        return out

    def _set_number(self, depth: int, scope: dict[str, str]) -> list[Any]:
        """Only a literal makes a set of numbers: `1` and `1.0` are one element, a null one may be in it."""
        d = depth - 1
        return [
            lambda: "{" + ", ".join(self.pick(list(NUMBERS)) for _ in range(self.pick([1, 2, 3]))) + "}",
            lambda: "{" + f"{self.expr('number', d, scope)}, {self.pick(list(NUMBERS))}, 1.0" + "}",
        ]

    def _set_tier(self, depth: int, scope: dict[str, str]) -> list[Any]:
        """Only a literal makes a set of tiers; one holding `item.issued_by` can hold null."""
        return [lambda: "{" + f'{self.entity("tier", depth - 1, scope)}, "{self.pick(list(TIERS))}"' + "}"]

    def _bool(self, depth: int, scope: dict[str, str]) -> list[Any]:
        if depth <= 0:
            return [lambda: f"stated({self.expr(self.pick(list(EQUATABLE)), 0, scope)})"]
        d = depth - 1
        return [
            lambda: self.compare(d, scope),
            lambda: self.compare(d, scope),
            lambda: self.member(d, scope),
            lambda: f"stated({self.expr(self.pick([*EQUATABLE, 'set<item>']), d, scope)})",
            lambda: f"stated({self.expr('number', d, scope)} / {self.expr('number', d, scope)})",
            lambda: " and ".join(f"({self.expr('bool', d, scope)})" for _ in range(self.pick([2, 3]))),
            lambda: " or ".join(f"({self.expr('bool', d, scope)})" for _ in range(self.pick([2, 3]))),
            lambda: f"not ({self.expr('bool', d, scope)})",
            lambda: self.quantifier(d, scope),
            lambda: self.quantifier(d, scope),
            lambda: self.pick(["true", "false"]) + f" {self.pick(['and', 'or'])} ({self.expr('bool', d, scope)})",
        ]

    def compare(self, depth: int, scope: dict[str, str]) -> str:
        t = self.pick(list(EQUATABLE))
        ops = ["==", "!="] + (["<", "<=", ">", ">="] if t in ORDERED else [])
        left = self.expr(t, depth, scope)
        right = self.expr("string" if t in ("unit", "tier") and self.pick([0, 1]) else t, depth, scope)
        if t.startswith("set<") and self.pick([0, 1, 2]) == 0:
            right = "{}"  # the empty literal, of any element type
        if t == "bool":
            left, right = f"({left})", f"({right})"
        return f"{left} {self.pick(ops)} {right}"

    def member(self, depth: int, scope: dict[str, str]) -> str:
        element = self.pick(["string", "unit", "item", "tier", "number"])
        container = f"set<{element}>"
        return f"{self.expr(element, depth, scope)} {self.pick(['in', 'not in'])} {self.expr(container, depth, scope)}"

    def about(self, var: str, scope: dict[str, str]) -> str:
        """A test of the bound variable itself or of one of its attributes (null when it is)."""
        t = scope[var]
        if t in ("item", "unit", "tier"):
            path = self.pick(sorted(ATTRIBUTES[t]))
            var, t = f"{var}.{path}", ATTRIBUTES[t][path][0]
        if self.pick([0, 1]):
            return f"stated({var})"
        return f"{var} == {self.expr(t, 1, scope)}"

    def quantifier(self, depth: int, scope: dict[str, str]) -> str:
        domain = self.pick(["set<unit>", "set<item>", "set<string>", "set<tier>", "set<number>"])
        self.fresh += 1
        var = f"v{self.fresh}"
        inner = {**scope, var: domain[4:-1]}
        body = self.pick([lambda: self.expr("bool", max(depth, 1), inner), lambda: self.about(var, inner)])()
        return f"{self.pick(['all', 'any'])}({var} in {self.expr(domain, depth, scope)}: {body})"


ACTIONS = (
    "admit",
    'reject "r1"',
    'reject "r2"',
    'finding PE901 warning "f"',
    "admit with devolve(item.requires - powers(item.tier)), transfer(money = 10, people = 1), term(90d)",
    "admit with devolve(item.funding.powers), transfer(money = item.cost.yuan_per_year, people = "
    "item.funding.people / 2), term(item.valid_to - item.valid_from)",
    "admit with transfer(money = item.funding.money - 100), term(30d), term(item.valid_to - on)",
    'admit with devolve({item.legal_basis, item.kind, "patrol"}), devolve(item.requires_all)',
)


@st.composite
def rule(draw: Any) -> str:
    """One rule: one to three `when` clauses, sometimes closed by `otherwise`."""
    gen = Gen(draw)
    clauses = [
        f"when {gen.expr('bool', draw(st.integers(1, 3)), {'item': 'item', 'on': 'date'})} "
        f"then {draw(st.sampled_from(ACTIONS))}"
        for _ in range(draw(st.integers(1, 3)))
    ]
    if draw(st.booleans()):
        clauses.append(f"otherwise {draw(st.sampled_from(ACTIONS))}")
    return "\n".join(clauses)


def rules() -> st.SearchStrategy[dict[str, list[str] | None]]:
    """The criteria of the gate (one rule or two, tried in order) and of the grid's own check: no
    such procedure (None), none (a reviewer decides by hand), or one rule."""
    check = st.one_of(st.none(), st.lists(rule(), max_size=1))
    return st.fixed_dictionaries({"gate": st.lists(rule(), min_size=1, max_size=2), "grid_check": check})


# -- items ------------------------------------------------------------------------------------------
NUMBER_VALUES = st.sampled_from((0, 1, 2.5, 3, 10, 90, 100, 1000, "unstated", "unknown"))
DAYS = st.sampled_from(("2025-10-03", "2026-01-01", "2026-03-31", "2026-04-01", "0001-01-01", "9999-12-31"))


# an applicant that is no single unit: a rule reads it as null, and the reviewer at its tier
PARTIES = st.sampled_from(
    (
        {"tier": "street"},
        {"tier": "district"},
        {"relation": "line_department"},
        {"relation": "item_owner", "tier": "district"},
        {"any_of": ["office", "team"]},
        {"any_of": ["office", {"tier": "district"}]},
    )
)


@st.composite
def items(draw: Any) -> tuple[dict[str, Any], tuple[str, ...]]:
    """An item as the policy format writes it, and the lists of its tier that hold it."""
    tier = draw(st.sampled_from(TIERS))
    item: dict[str, Any] = {
        "id": draw(st.sampled_from(("new_item", "alpha", "line", "team", "grid"))),
        "kind": draw(st.sampled_from(("routine", "line", "temporary"))),
        "tier": tier,
        "role": draw(st.sampled_from(("handle", "report", "assist", "resolve_or_report"))),
    }
    name = draw(st.sampled_from(OWN_TEXTS))
    item["name"] = draw(st.sampled_from(({"en": name}, {"zh": name}, {"zh": "事项", "en": name})))
    optional: dict[str, Any] = {
        "category": st.sampled_from(CATEGORIES),
        "responsibility": st.sampled_from(("territorial", "dual", "owner")),
        "owner": st.sampled_from(UNITS),
        "issued_by": st.sampled_from(TIERS),
        "via": st.sampled_from(UNITS),
        "applicant": st.one_of(st.sampled_from(UNITS), PARTIES),
        "requires": st.dictionaries(
            st.sampled_from(("handle", "report", "assist", "resolve_or_report")),
            st.lists(st.sampled_from(POWERS), unique=True, max_size=3),
            max_size=3,
        ),
        "mobilises": st.lists(st.sampled_from(UNITS), unique=True, max_size=2),
        "co_handlers": st.lists(st.sampled_from(UNITS), unique=True, max_size=3).map(
            lambda us: [{"unit": u} for u in us]
        ),
        "cost": st.fixed_dictionaries({}, optional={"hours_per_month": NUMBER_VALUES, "yuan_per_year": NUMBER_VALUES}),
        "funding": st.one_of(
            st.sampled_from(("unstated", "unknown")),
            st.fixed_dictionaries(
                {},
                optional={
                    "money_yuan_per_year": NUMBER_VALUES,
                    "people": NUMBER_VALUES,
                    "powers": st.one_of(st.just("unstated"), st.lists(st.sampled_from(POWERS), unique=True)),
                },
            ),
        ),
        "valid": st.fixed_dictionaries({}, optional={"from": DAYS, "to": DAYS}),
        "legal_basis": st.one_of(
            st.sampled_from((*OWN_TEXTS, "unstated", "unknown")),
            st.sampled_from(OWN_TEXTS).map(lambda d: {"document": d}),
        ),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
        item[key] = draw(optional[key])
    on_tier = {"grid": GRID_LISTS, "street": ("ls",), "district": ()}[tier]
    lists = tuple(draw(st.lists(st.sampled_from(on_tier), unique=True))) if on_tier else ()
    return item, lists


# -- the policy, with and without the item ----------------------------------------------------------
# each procedure's rules (None: no such procedure); or one rule, the gate's, with no other procedure
# on the grid (so that nothing reviewed by hand hides what the gate leaves undecided)
Criteria = str | dict[str, list[str] | None]


def policy_file(
    root: Path, rule: Criteria, item: dict[str, Any] | None = None, lists: tuple[str, ...] = ()
) -> LintResult:
    """The policy, with the item added on the lists given."""
    data = yaml.safe_load(yaml.safe_dump(BASE))  # a deep copy
    criteria: dict[str, list[str] | None] = {"gate": [rule], "grid_check": None} if isinstance(rule, str) else rule
    data["admission"] = [
        adm for adm in data["admission"] if adm["id"] not in criteria or criteria[adm["id"]] is not None
    ]
    for adm in data["admission"]:
        if criteria.get(adm["id"]):
            adm["criteria"] = criteria[adm["id"]]
    if item is not None:
        data["items"].append(item)
        for lst in data["lists"]:
            if lst["id"] in lists:
                lst["items"].append(item["id"])
    root.mkdir(parents=True, exist_ok=True)
    path = root / "policy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return lint_paths([path], SELECT, "en", ON)


def base_policy(root: Path, rule: Criteria, drawn: bool = False) -> LintResult:
    """The policy without the item. A drawn rule may be well typed yet refused (a clause after one
    that always holds): such a rule is no example."""
    result = policy_file(root / "base", rule)
    if drawn:
        assume(not any(f.code in ("PE006", "PE007") for f in result.findings))
    assert result.findings == [], [str(f) for f in result.findings]
    return result


def with_item(root: Path, rule: Criteria, item: dict[str, Any], lists: tuple[str, ...]) -> LintResult:
    result = policy_file(root / "with", rule, item, lists)
    assert result.findings == [], (item, [str(f) for f in result.findings])
    return result
