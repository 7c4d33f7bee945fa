"""The prover is sound by test: for random rules and random items, the solver's reading of a rule and
the compiled rule's evaluation agree, and a property the solver proves is never broken by an item.

The rules and items are drawn in tests/soundness_draws.py. Each item is added to a small policy and
decided by `admit`'s own code; the same item is pinned onto the solver's symbolic item, and the model
must say the same for every clause, for the decision and for what it moves down. Each class of
disagreement once found has its regression test at the end, naming the construct.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyengine.admission import decide_item
from policyengine.cli import main
from policyengine.decisions import UNDECIDED
from policyengine.graph import PolicyGraph
from policyengine.rules.facts import Facts

from .soundness_draws import GRID_LISTS, ON, base_policy, items, rules, with_item

z3 = pytest.importorskip("z3")

from policyengine.verify import properties  # noqa: E402  (needs z3)
from policyengine.verify.diff import changes  # noqa: E402
from policyengine.verify.pinning import pinned  # noqa: E402
from policyengine.verify.results import PROVED, REFUTED  # noqa: E402
from policyengine.verify.session import Session  # noqa: E402

# a few hundred (rule, item) pairs in all, well under a minute; the draws reuse one directory per test
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


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
    base = base_policy(tmp_path, criteria, drawn=True)
    session = Session(base.policy, base.rules, ON, timeout=20)
    procedures = sorted(base.rules.criteria)
    for item, lists in drawn:
        real = with_item(tmp_path, criteria, item, lists)
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


def _alone(criteria: list[Any], facts: Facts, ident: str) -> str | None:
    """What a procedure's own criteria conclude for the item, as if it governed alone."""
    for compiled in criteria:
        outcome = compiled.evaluate(facts, ident)
        if outcome is not None and outcome.kind != "finding":
            return str(outcome.kind)
    return None


@SETTINGS
@given(criteria=rules(), drawn=st.lists(items(), min_size=1, max_size=4))
def test_what_the_solver_proves_no_item_breaks(tmp_path, criteria, drawn):
    """Proved coverage, dead clauses, clause order and agreement between procedures, held against
    random items `admit` decides."""
    base = base_policy(tmp_path, criteria, drawn=True)
    session = Session(base.policy, base.rules, ON, timeout=20)
    covered = {p.subject: p.status for p in properties.coverage(session)}.get("gate") == PROVED
    dead = {(p.params["rule"], p.params["clause"] - 1) for p in properties.dead(session) if p.status == REFUTED}
    ordered = {p.params["rule"] for p in properties.order(session) if p.status == PROVED}
    agreed = [p.status for p in properties.agreement(session)] == [PROVED]
    for item, lists in drawn:
        real = with_item(tmp_path, criteria, item, lists)
        policy = real.policy
        facts = Facts(policy, PolicyGraph(policy, ON), ON)
        decision = decide_item(policy, real.rules, facts, policy.items[item["id"]])
        governed = any(lst in GRID_LISTS for lst in lists)  # the gate governs the grid's lists, and only those
        # (it is the first procedure: its rules are reached by every item it governs)
        if covered and governed:
            assert decision.reason != UNDECIDED, (criteria, item, lists)
        if not governed:
            continue
        if agreed:  # the grid's own check governs every item of the grid, so the gate's too
            alone = [_alone(real.rules.criteria[p], facts, item["id"]) for p in ("gate", "grid_check")]
            assert None in alone or alone[0] == alone[1], (criteria, item, lists)
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
    base = base_policy(tmp_path, criteria, drawn=True)
    session = Session(base.policy, base.rules, ON, timeout=20)
    found = [p for p in (*properties.coverage(session), *properties.order(session)) if p.counterexample]
    for n, prop in enumerate(found):
        cx = prop.counterexample
        real = with_item(tmp_path / str(n), criteria, cx.item, cx.lists)
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
    base, after = base_policy(tmp_path, criteria, drawn=True), base_policy(tmp_path / "reform", reformed, drawn=True)
    report = changes((base.policy, base.rules), (after.policy, after.rules), ON, 20, "reform")
    possible = {p.subject for p in report.properties if p.status != PROVED}
    for item, lists in drawn:
        decided = []
        for root, which in ((tmp_path, criteria), (tmp_path / "reform", reformed)):
            real = with_item(root, which, item, lists)
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
    base = base_policy(tmp_path, rule)
    session = Session(base.policy, base.rules, ON, timeout=20)
    assert [(p.status, p.params) for p in properties.dead(session)] == [
        (PROVED, {"procedure": "gate", "rule": "gate.criteria[0]"})
    ]
    item: dict[str, Any] = {"id": "new_item", "name": {"en": "New"}, "kind": "line", "tier": "grid", "role": "handle"}
    item[field] = {"en": text} if field == "name" else text
    real = with_item(tmp_path, rule, item, ("la",))
    facts = Facts(real.policy, PolicyGraph(real.policy, ON), ON)
    decision = decide_item(real.policy, real.rules, facts, real.policy.items[item["id"]])
    assert (decision.decision, decision.reason) == ("rejected", "r1")
    session.solver.add(*pinned(session.item, item, ("la",)))
    assert session.solver.check() == z3.sat


def test_an_item_id_is_never_another_items(tmp_path):
    base = base_policy(tmp_path, 'when item.id == "old_fire" then reject "r1"\notherwise admit')
    (dead,) = properties.dead(Session(base.policy, base.rules, ON, timeout=20))
    assert (dead.status, dead.params["clause"], dead.params["covered_by"]) == (REFUTED, 1, [])


def _both(root: Path, rule: str, item: dict[str, Any], lists: tuple[str, ...]) -> tuple[Any, Any]:
    """(decision, reason) as `admit` decides the item and as the solver's model of it does."""
    base = base_policy(root, rule)
    session = Session(base.policy, base.rules, ON, timeout=20)
    real = with_item(root, rule, item, lists)
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
    base = base_policy(tmp_path, rule)
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
    real = with_item(tmp_path, rule, NEW, ("la",))
    facts = Facts(real.policy, PolicyGraph(real.policy, ON), ON)
    decision = decide_item(real.policy, real.rules, facts, real.policy.items["new_item"])
    assert (decision.decision, decision.devolve) == ("conditional", ("patrol",))
    out = CliRunner().invoke(main, ["admit", str(tmp_path / "with"), "--on", ON, "--format", "json"])
    assert out.exit_code == 0, out.output
    # the item declared before it has an owner and no legal basis: its owner's id is devolved, nothing else
    assert json.loads(out.output)["bills"][0]["powers"] == {"fire": ["old_fire"], "patrol": ["new_item", "old_fire"]}
    base = base_policy(tmp_path, rule)
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
    base = base_policy(tmp_path, f'when item.id != "{text}" then admit\nwhen item.id == "{text}" then reject "r1"')
    session = Session(base.policy, base.rules, ON, timeout=20)
    assert {p.subject: p.status for p in properties.coverage(session)} == {"gate": PROVED}
    (dead,) = properties.dead(session)
    assert (dead.status, dead.params["clause"], dead.params["covered_by"]) == (
        REFUTED,
        2,
        [],
    )  # it never holds, whatever comes before it


# A legal basis may be the empty text only as a source's `document`: a counterexample that needs one
# writes it so, since a citation string is never empty.
def test_an_empty_legal_basis_is_written_as_a_source(tmp_path):
    rule = 'when item.legal_basis != "" then admit'
    base = base_policy(tmp_path, rule)
    (gap,) = properties.coverage(Session(base.policy, base.rules, ON, timeout=20))
    assert gap.status == REFUTED and gap.counterexample is not None
    cx = gap.counterexample
    assert cx.item["legal_basis"] == {"document": ""}
    real = with_item(tmp_path, rule, cx.item, cx.lists)
    facts = Facts(real.policy, PolicyGraph(real.policy, ON), ON)
    decision = decide_item(real.policy, real.rules, facts, real.policy.items[cx.item["id"]])
    assert (decision.procedure, decision.reason) == ("gate", UNDECIDED)
