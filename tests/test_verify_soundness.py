"""The prover is sound by test: for random rules and random items, the solver's reading of a rule and
the compiled rule's evaluation agree, and a property the solver proves is never broken by an item.

A rule is drawn from a typed grammar that reaches every construct of the rule language (each
attribute an item, unit or tier has, each function, sets, quantifiers, dates, durations, null); an
item is drawn as the policy format writes it, with fields absent, `unstated`, partly stated. The item
is added to a small policy and decided by `admit`'s own code; the same item is pinned onto the
solver's symbolic item, and the model must say the same for every clause and for the decision.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from policyengine.admission import decide_item
from policyengine.cli import main
from policyengine.config import STRUCTURAL, Config
from policyengine.decisions import UNDECIDED
from policyengine.graph import PolicyGraph
from policyengine.lint import LintResult, lint_paths
from policyengine.rules.facts import ATTRIBUTES, Facts

z3 = pytest.importorskip("z3")

from policyengine.verify import properties  # noqa: E402  (needs z3)
from policyengine.verify.diff import changes  # noqa: E402
from policyengine.verify.pinning import pinned  # noqa: E402
from policyengine.verify.results import PROVED, REFUTED  # noqa: E402
from policyengine.verify.session import Session  # noqa: E402

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
                    lambda k=kind, p=path: f"{self.entity(k, depth - 1, scope)}.{p}" for path in _paths(kind, wanted)
                ]
        return out

    def entity(self, kind: str, depth: int, scope: dict[str, str]) -> str:
        """An item, unit or tier: a name in scope, an attribute of one, and deeper, an attribute of a
        unit or tier reached so, or `parent(...)`."""
        options: list[Any] = [lambda n=name: n for name, t in scope.items() if t == kind]
        options += self.attribute(kind, depth, scope)
        if depth > 0 and kind == "tier":
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
            lambda: f"{self.expr('date', d, scope)} - {self.expr('date', d, scope)}",
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
            lambda: "{" + ", ".join(f'"{p}"' for p in self.draw(st.lists(st.sampled_from(POWERS), max_size=3))) + "}"
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

    def _set_unit(self, depth: int, scope: dict[str, str]) -> list[Any]:
        out: list[Any] = [
            lambda: "{" + ", ".join(f'"{u}"' for u in self.draw(st.lists(st.sampled_from(UNITS), max_size=2))) + "}"
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
        out: list[Any] = [lambda: '{"old_fire"}']
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


def rules() -> st.SearchStrategy[dict[str, list[str]]]:
    """The criteria of the gate (one rule or two, tried in order) and of the grid's own check (none:
    a reviewer decides by hand, or one rule)."""
    return st.fixed_dictionaries(
        {"gate": st.lists(rule(), min_size=1, max_size=2), "grid_check": st.lists(rule(), max_size=1)}
    )


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
Criteria = str | dict[str, list[str]]  # the gate's one rule, or each procedure's rules


def _policy(root: Path, rule: Criteria, item: dict[str, Any] | None = None, lists: tuple[str, ...] = ()) -> LintResult:
    data = yaml.safe_load(yaml.safe_dump(BASE))  # a deep copy
    criteria = {"gate": [rule]} if isinstance(rule, str) else rule
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


def _base(root: Path, rule: Criteria, drawn: bool = False) -> LintResult:
    """The policy without the item. A drawn rule may be well typed yet refused (a clause after one
    that always holds): such a rule is no example."""
    result = _policy(root / "base", rule)
    if drawn:
        assume(not any(f.code in ("PE006", "PE007") for f in result.findings))
    assert result.findings == [], [str(f) for f in result.findings]
    return result


def _with_item(root: Path, rule: Criteria, item: dict[str, Any], lists: tuple[str, ...]) -> LintResult:
    result = _policy(root / "with", rule, item, lists)
    assert result.findings == [], (item, [str(f) for f in result.findings])
    return result


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _set(session: Session, model: Any, value: Any) -> frozenset[Any] | None:
    """A set-valued solver value, read in a model."""

    def on(term: Any) -> bool:
        return bool(z3.is_true(model.eval(term, model_completion=True)))

    if on(value.null):
        return None
    found = {key for key, bit in value.v.known.items() if on(bit)}
    for guard, element in value.v.computed:
        if on(guard):
            index = model.eval(element.v, model_completion=True).as_long()
            found.add(None if on(element.null) else session.names.text(index))
    return frozenset(found)


def _number(model: Any, value: Any) -> Fraction | None:
    if z3.is_true(model.eval(value.null, model_completion=True)):
        return None
    return Fraction(model.eval(value.v, model_completion=True).as_fraction())


def _conclusion(session: Session, model: Any, way: Any) -> tuple[Any, ...]:
    """What the way moves down, as `admit` writes a decision: devolved powers, money, people, term."""
    c = way.conclusion
    devolved = _set(session, model, c.devolved) or frozenset()
    return tuple(sorted(devolved)), _number(model, c.transferred), _number(model, c.people), _number(model, c.term)


@SETTINGS
@given(criteria=rules(), drawn=st.lists(items(), min_size=1, max_size=3))
def test_the_solver_reads_each_clause_and_decides_as_admit_does(tmp_path, criteria, drawn):
    base = _base(tmp_path, criteria, drawn=True)
    session = Session(base.policy, base.rules, ON, timeout=20)
    procedures = sorted(base.rules.criteria)
    for item, lists in drawn:
        real = _with_item(tmp_path, criteria, item, lists)
        policy = real.policy
        facts = Facts(policy, PolicyGraph(policy, ON), ON)
        env = {"item": item["id"], "on": ON}
        session.solver.push()
        try:
            session.solver.add(*pinned(session.item, item, lists))
            assert session.solver.check() == z3.sat, (criteria, item, lists)
            model = session.solver.model()
            for procedure in procedures:
                pairs = zip(base.rules.criteria[procedure], real.rules.criteria[procedure], strict=True)
                for symbolic, compiled in pairs:
                    holds = session.cascade.terms(symbolic).holds
                    for j, (condition, _) in enumerate(compiled.clauses):
                        expected = condition is None or condition(facts, env) is True
                        solved = z3.is_true(model.eval(holds[j], model_completion=True))
                        assert solved == expected, (criteria, compiled.name, j, item, lists)
            way = session.way_of(model)
            moved = _conclusion(session, model, way)
        finally:
            session.solver.pop()
        decision = decide_item(policy, real.rules, facts, policy.items[item["id"]])
        clause = None
        if decision.rule is not None:
            (compiled,) = [r for r in real.rules.criteria[decision.procedure or ""] if r.name == decision.rule]
            outcome = compiled.evaluate(facts, item["id"])
            assert outcome is not None
            clause = outcome.clause
        solved_way = (way.decision, way.procedure, way.rule.name if way.rule else None, way.clause, way.reason)
        assert solved_way == (decision.decision, decision.procedure, decision.rule, clause, decision.reason), (
            criteria,
            item,
            lists,
        )
        term = None if decision.term_days is None else Fraction(decision.term_days)
        assert moved == (decision.devolve, Fraction(decision.money), Fraction(decision.people), term), (
            criteria,
            item,
        )


def _verdicts(compiled: Any, facts: Facts, ident: str) -> set[bool]:
    """Whether the `when` clauses that hold for the item admit (True) or reject (False)."""
    env = {"item": ident, "on": ON}
    found = set()
    for (condition, _), clause in zip(compiled.clauses, compiled.tree, strict=True):
        if condition is not None and condition(facts, env) is True and clause.action.kind != "finding":
            found.add(clause.action.kind != "reject")
    return found


@SETTINGS
@given(criteria=rules(), drawn=st.lists(items(), min_size=1, max_size=4))
def test_what_the_solver_proves_no_item_breaks(tmp_path, criteria, drawn):
    base = _base(tmp_path, criteria, drawn=True)
    session = Session(base.policy, base.rules, ON, timeout=20)
    covered = {p.subject: p.status for p in properties.coverage(session)}.get("gate") == PROVED
    dead = {(p.params["rule"], p.params["clause"] - 1) for p in properties.dead(session) if p.status == REFUTED}
    ordered = {p.params["rule"] for p in properties.order(session) if p.status == PROVED}
    for item, lists in drawn:
        real = _with_item(tmp_path, criteria, item, lists)
        policy = real.policy
        facts = Facts(policy, PolicyGraph(policy, ON), ON)
        decision = decide_item(policy, real.rules, facts, policy.items[item["id"]])
        governed = any(lst in GRID_LISTS for lst in lists)  # the gate governs the grid's lists, and only those
        # (it is the first procedure: its rules are reached by every item it governs)
        if covered and governed:
            assert decision.reason != UNDECIDED, (criteria, item, lists)
        if not governed:
            continue
        # for an item that reaches a rule: a dead clause is never the first of it to hold, and in a rule
        # proved independent of its clauses' order no clause that admits holds beside one that rejects
        for compiled in real.rules.criteria["gate"]:
            outcome = compiled.evaluate(facts, item["id"])
            assert outcome is None or (compiled.name, outcome.clause) not in dead, (criteria, item, lists, dead)
            if compiled.name in ordered:
                assert len(_verdicts(compiled, facts, item["id"])) <= 1, (criteria, item, lists)
            if outcome is not None and outcome.kind != "finding":
                break


@SETTINGS
@given(criteria=rules())
def test_a_counterexample_is_an_item_admit_decides_as_the_solver_said(tmp_path, criteria):
    """What a refuted coverage or clause order shows is a valid item: added to the policy on the lists
    written, `admit` falls to the default rejection for it, or finds both clauses holding."""
    base = _base(tmp_path, criteria, drawn=True)
    session = Session(base.policy, base.rules, ON, timeout=20)
    found = [p for p in (*properties.coverage(session), *properties.order(session)) if p.counterexample]
    for n, prop in enumerate(found):
        cx = prop.counterexample
        real = _with_item(tmp_path / str(n), criteria, cx.item, cx.lists)
        facts = Facts(real.policy, PolicyGraph(real.policy, ON), ON)
        ident = cx.item["id"]
        if prop.kind == "coverage":
            decision = decide_item(real.policy, real.rules, facts, real.policy.items[ident])
            assert (decision.procedure, decision.reason) == (prop.subject, UNDECIDED), (criteria, cx)
            continue
        (compiled,) = [r for r in real.rules.criteria[prop.params["procedure"]] if r.name == prop.subject]
        env = {"item": ident, "on": ON}
        # the two clauses the property names both hold for the item (its steps may lead with the clause
        # or procedure admit decides by, when an earlier one takes the item first)
        for number in (prop.params["other"], prop.params["clause"]):
            condition = compiled.clauses[number - 1][0]
            assert condition is not None and condition(facts, env) is True, (criteria, cx, number)


@settings(SETTINGS, max_examples=30)
@given(criteria=rules(), reformed=rules(), drawn=st.lists(items(), min_size=1, max_size=4))
def test_a_change_the_solver_rules_out_no_item_makes(tmp_path, criteria, reformed, drawn):
    """The semantic diff: an item the baseline decides one way and the reform another shows a change
    the solver found (refuted), never one it proved impossible."""
    base, after = _base(tmp_path, criteria, drawn=True), _base(tmp_path / "reform", reformed, drawn=True)
    report = changes((base.policy, base.rules), (after.policy, after.rules), ON, 20, "reform")
    possible = {p.subject for p in report.properties if p.status != PROVED}
    for item, lists in drawn:
        decided = []
        for root, which in ((tmp_path, criteria), (tmp_path / "reform", reformed)):
            real = _with_item(root, which, item, lists)
            facts = Facts(real.policy, PolicyGraph(real.policy, ON), ON)
            decided.append(decide_item(real.policy, real.rules, facts, real.policy.items[item["id"]]).decision)
        if decided[0] != decided[1]:
            assert f"{decided[0]} → {decided[1]}" in possible, (criteria, reformed, item, lists)


# -- regressions, one per class of disagreement found ---------------------------------------------
# An item's own texts (id, name, legal basis) may be any text the format allows: a declared unit's id,
# a word of the format ("line"), a category's id. The solver once kept them to texts no declaration
# used, and so proved a clause on `item.name == "line"` dead though an item so named reaches it.
@pytest.mark.parametrize("text", ["line", "team", "grid", "safety", "routine", "la"])
@pytest.mark.parametrize("field", ["id", "name", "legal_basis"])
def test_an_items_own_text_may_be_a_declared_name(tmp_path, field, text):
    rule = f'when item.{field} == "{text}" then reject "r1"\notherwise admit'
    base = _base(tmp_path, rule)
    session = Session(base.policy, base.rules, ON, timeout=20)
    assert [(p.status, p.params) for p in properties.dead(session)] == [
        (PROVED, {"procedure": "gate", "rule": "gate.criteria[0]"})
    ]
    item: dict[str, Any] = {"id": "new_item", "name": {"en": "New"}, "kind": "line", "tier": "grid", "role": "handle"}
    item[field] = {"en": text} if field == "name" else text
    real = _with_item(tmp_path, rule, item, ("la",))
    facts = Facts(real.policy, PolicyGraph(real.policy, ON), ON)
    decision = decide_item(real.policy, real.rules, facts, real.policy.items[item["id"]])
    assert (decision.decision, decision.reason) == ("rejected", "r1")
    session.solver.add(*pinned(session.item, item, ("la",)))
    assert session.solver.check() == z3.sat


def test_an_item_id_is_never_another_items(tmp_path):
    base = _base(tmp_path, 'when item.id == "old_fire" then reject "r1"\notherwise admit')
    (dead,) = properties.dead(Session(base.policy, base.rules, ON, timeout=20))
    assert (dead.status, dead.params["clause"], dead.params["covered_by"]) == (REFUTED, 1, [])


def _both(root: Path, rule: str, item: dict[str, Any], lists: tuple[str, ...]) -> tuple[Any, Any]:
    """(decision, reason) as `admit` decides the item and as the solver's model of it does."""
    base = _base(root, rule)
    session = Session(base.policy, base.rules, ON, timeout=20)
    real = _with_item(root, rule, item, lists)
    facts = Facts(real.policy, PolicyGraph(real.policy, ON), ON)
    decision = decide_item(real.policy, real.rules, facts, real.policy.items[item["id"]])
    session.solver.add(*pinned(session.item, item, lists))
    assert session.solver.check() == z3.sat
    way = session.way_of(session.solver.model())
    return (decision.decision, decision.reason), (way.decision, way.reason)


NEW = {"id": "new_item", "name": {"en": "New"}, "kind": "line", "tier": "grid", "role": "handle"}


# An attribute of a null tier is null, as the rule language says of every attribute of null; `units`
# and `items` once gave the empty set for it, where the solver read null.
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("v.units == {}", ("admitted", None)),
        ("v.items == {}", ("admitted", None)),
        ("count(v.units) == 0", ("admitted", None)),
        ("not stated(v.items)", ("rejected", "r1")),
        ("not stated(v.units)", ("rejected", "r1")),
    ],
)
def test_an_attribute_of_a_null_tier_is_null(tmp_path, body, expected):
    rule = f'when any(v in {{item.issued_by, "grid"}}: {body}) then reject "r1"\notherwise admit'
    admitted, solved = _both(tmp_path, rule, NEW, ("la",))
    assert admitted == solved == expected


# An applicant that is no single unit ({tier: ...}, a relation, any_of) reads as null in a rule, but
# the gate's reviewer `grid_body` is the governance centre at the tiers that applicant stands at (at
# any tier when it names none). The solver once took such an item for one without an applicant.
@pytest.mark.parametrize(
    ("applicant", "expected"),
    [
        ({"tier": "street"}, ("admitted", None)),
        ({"tier": "district"}, ("rejected", "r1")),
        ({"relation": "line_department"}, ("rejected", "r1")),
        ({"any_of": ["office", "team"]}, ("admitted", None)),
        ({"any_of": ["office", {"tier": "district"}]}, ("rejected", "r1")),
        ("team", ("admitted", None)),
        ("centre", ("rejected", "r1")),
        (None, ("rejected", "r1")),
    ],
)
def test_an_applicant_that_is_no_single_unit_places_the_reviewer(tmp_path, applicant, expected):
    rule = 'when "centre" in item.reviewer and not stated(item.applicant) then reject "r1"\n'
    rule += 'when "centre" in item.reviewer and stated(item.applicant) then reject "r1"\notherwise admit'
    item = dict(NEW) if applicant is None else {**NEW, "applicant": applicant}
    admitted, solved = _both(tmp_path, rule, item, ("la",))
    assert admitted == solved == expected


def test_a_counterexample_applicant_is_written_as_a_party(tmp_path):
    rule = 'when "centre" in item.reviewer then admit\notherwise reject "r1"'
    base = _base(tmp_path, rule)
    session = Session(base.policy, base.rules, ON, timeout=20)
    # an item whose reviewer is not the centre although it has no applicant unit: one naming a tier
    query = z3.And(session.item.applicant[0], z3.Not(session.cascade.terms(base.rules.criteria["gate"][0]).holds[0]))
    status, model, _ = session.ask(z3.And(query, session.cascade.active["gate"]))
    assert status == REFUTED and model is not None
    found = session.counterexample(model)
    assert found.item["applicant"] in (
        {"tier": "street"},
        {"tier": "grid"},
        {"any_of": [{"tier": "street"}, {"tier": "grid"}]},
    )
    assert _both(tmp_path / "again", rule, found.item, found.lists)[0] == ("rejected", "r1")


# A null element of a devolved set (`{item.legal_basis}` for an item without one) devolves nothing:
# `admit` once failed sorting it beside the powers, and the solver counted it devolved.
def test_a_null_element_of_a_devolved_set_devolves_nothing(tmp_path):
    rule = 'when item.kind == "line" then admit with devolve({item.legal_basis, item.owner.id, "patrol"})'
    real = _with_item(tmp_path, rule, NEW, ("la",))
    facts = Facts(real.policy, PolicyGraph(real.policy, ON), ON)
    decision = decide_item(real.policy, real.rules, facts, real.policy.items["new_item"])
    assert (decision.decision, decision.devolve) == ("conditional", ("patrol",))
    out = CliRunner().invoke(main, ["admit", str(tmp_path / "with"), "--on", ON, "--format", "json"])
    assert out.exit_code == 0, out.output
    # the item declared before it has an owner and no legal basis: its owner's id is devolved, nothing else
    assert json.loads(out.output)["bills"][0]["powers"] == {"fire": ["old_fire"], "patrol": ["new_item", "old_fire"]}
    base = _base(tmp_path, rule)
    session = Session(base.policy, base.rules, ON, timeout=20)
    session.solver.add(*pinned(session.item, NEW, ("la",)))
    assert session.solver.check() == z3.sat
    model = session.solver.model()
    assert _conclusion(session, model, session.way_of(model))[0] == ("patrol",)


# An item's id is an id as the schema writes it: a rule's text that is none ("a b", "") is never an
# item's id, so a rule leaving only such an id uncovered covers every item, and a clause asking for
# one is dead. The solver once gave such a counterexample, which no policy could hold.
@pytest.mark.parametrize("text", ["a b", "", "1st", "《条例》"])
def test_an_items_id_is_never_a_text_that_is_no_id(tmp_path, text):
    base = _base(tmp_path, f'when item.id != "{text}" then admit\nwhen item.id == "{text}" then reject "r1"')
    session = Session(base.policy, base.rules, ON, timeout=20)
    assert {p.subject: p.status for p in properties.coverage(session)} == {"gate": PROVED}
    (dead,) = properties.dead(session)
    assert (dead.status, dead.params["clause"], dead.params["covered_by"]) == (
        REFUTED,
        2,
        [],
    )  # it never holds, whatever comes before it
