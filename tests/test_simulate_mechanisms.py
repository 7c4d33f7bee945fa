"""The simulator's mechanisms, each on a small policy built for it: regimes scoped to the streets they
cover; stakes (pay, double pay, dismissal) driving fabrication through loss aversion, each assessor's
stakes counting; dismissal and replacement; money, people and powers changing what a level can settle;
finite hours at the top."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from policyengine.errors import InputError
from policyengine.simulate.capacity import HOURS_PER_PERSON_MONTH
from policyengine.simulate.engine import C, _Run, run
from policyengine.simulate.pressure import pressure
from policyengine.simulate.runs import load_policy
from policyengine.simulate.world import build_world

from .util import write_policy

ON = "2020-01-01"

# Two streets of 20 grids each. The district asks every worker for 30 events a month; Street A's own
# rules add 10 and rank its workers (bottom two lose pay, two months at 59 or less: dismissal).
TWO_STREETS = {
    "policy.yaml": """
        policy: {id: two_streets}
        tiers:
          - {id: district, name: {en: District}}
          - id: street
            name: {en: Street}
            parent: district
            instances:
              - {id: street_a, name: {en: Street A}}
              - {id: street_b, name: {en: Street B}}
          - {id: community, name: {en: Community}, parent: street}
          - {id: grid, name: {en: Grid}, parent: community, count: 40}
        units:
          - {id: centre, name: {en: Centre}, tier: district, kind: governance_centre}
          - {id: a_centre, name: {en: Street A centre}, tier: street, kind: governance_centre, instance: street_a}
          - {id: team, name: {en: Team}, tier: grid, kind: grid_team}
          - {id: dept, name: {en: Department}, tier: district, kind: functional_department}
        grants:
          - {id: g1, unit: team, powers: [report, coordination]}
          - {id: g2, unit: dept, powers: [penalty]}
        categories:
          - {id: small, name: {en: Small things}, kind: routine}
        items:
          - id: hazard
            name: {en: Hazard}
            kind: line
            tier: grid
            role: handle
            responsibility: dual
            owner: dept
            requires: {handle: [penalty]}
        workflow:
          escalation: [grid, community, street, district]
          dispatch: [{from: district, to: [dept]}]
          verification: {deadline_hours: 24, by: grid}
        assessments:
          - id: district_rules
            assessor: centre
            assessed: grid
            quotas: [{metric: events_reported, kind: count, min: 30, per: worker, period: month}]
          - id: street_a_rules
            assessor: a_centre
            assessed: grid
            adds_to: district_rules
            quotas: [{metric: events_reported, kind: count, add: 10, per: worker, period: month}]
            ranking:
              of: worker
              consequences:
                - {when: {bottom: 2}, effect: lose_performance_pay}
                - {when: {consecutive_periods: 2, score_at_most: 59}, effect: dismissal}
    """,
    "simulation.yaml": """
        simulation:
          streets:
            - {instance: street_a, grids: 20, communities: 2}
            - {instance: street_b, grids: 20, communities: 2}
          problems:
            - {id: small_things, category: small, per_grid_per_day: 1.0}
            - {id: hazards, item: hazard, per_grid_per_day: 0.1}
          parameters:
            grid_rate_spread: 0
            department_hours_per_grid: 1000
    """,
}


def world_of(tmp_path: Path, files: dict[str, str] = TWO_STREETS, reform: str | None = None, **overrides):
    policy = load_policy([str(write_policy(tmp_path, files))], ON, reform)
    return build_world(policy, ON, overrides)


def street_totals(world, months: int = 6, seed: int = 1):
    tally = run(world, months, np.random.default_rng(seed), np.random.default_rng(seed + 1))
    assert tally.by_street is not None
    return {name: tally.by_street[:, s].sum(axis=0) for s, name in enumerate(world.streets)}


def test_each_street_gets_the_behaviour_of_its_own_regime(tmp_path):
    world = world_of(tmp_path)
    assert world.streets == ("street_a", "street_b") and (world.street == np.repeat([0, 1], 20)).all()
    assert list(np.unique(world.community)) == [0, 1, 2, 3]
    assert set(world.grid_quota[:20]) == {40.0} and set(world.grid_quota[20:]) == {30.0}
    by = street_totals(world)
    a, b = by["street_a"], by["street_b"]
    # about 21 genuine reports a month against 40 in Street A and 30 in Street B: both short, but only
    # Street A's workers risk pay and their jobs; Street B's carry only the assessment pressed down
    assert a[C["fabricated"]] > 3 * b[C["fabricated"]] > 0
    assert a[C["lost_pay"]] == 2 * 6 and b[C["lost_pay"]] == 0 == b[C["dismissals"]]
    assert a[C["grids"]] == b[C["grids"]] == 20 * 6


def test_a_street_of_its_own_size(tmp_path):
    files = dict(TWO_STREETS)
    files["simulation.yaml"] = (
        TWO_STREETS["simulation.yaml"]
        .replace("{instance: street_a, grids: 20, communities: 2}", "{instance: street_a, grids: 35}")
        .replace("{instance: street_b, grids: 20, communities: 2}", "{instance: street_b, grids: 5}")
    )
    world = world_of(tmp_path, files, grids_per_community=7)
    assert (np.bincount(world.street) == [35, 5]).all()
    assert np.bincount(world.community).tolist() == [7, 7, 7, 7, 7, 5]  # 35 grids in 5 communities, then 5


def test_streets_scale_with_the_simulated_grids_and_an_unknown_instance_is_located(tmp_path):
    assert np.bincount(world_of(tmp_path / "a", grids=10).street).tolist() == [5, 5]
    files = dict(TWO_STREETS)
    files["simulation.yaml"] = TWO_STREETS["simulation.yaml"].replace("instance: street_b", "instance: street_c")
    with pytest.raises(InputError) as caught:
        world_of(tmp_path / "b", files)
    assert caught.value.span.line == 4 and "'street_c'" in caught.value.render("en")
    assert "street_a, street_b" in caught.value.render("en") and "street_c" in caught.value.render("zh")
    files["simulation.yaml"] = TWO_STREETS["simulation.yaml"].replace("grids: 20, communities: 2}", "grids: 30}")
    with pytest.raises(InputError) as caught:
        world_of(tmp_path / "c", files)
    assert "hold 60 grids, more than the 40" in caught.value.render("en") and caught.value.span.line == 4


def reform(tmp_path: Path, name: str, operations: str) -> str:
    path = tmp_path / f"{name}.yaml"
    base = write_policy(tmp_path / "base", TWO_STREETS)
    path.write_text(f"reform: {{id: {name}, baseline: {base}}}\noperations:\n{operations}", encoding="utf-8")
    return str(path)


def test_removing_the_consequences_lowers_fabrication_and_raising_the_stakes_raises_it(tmp_path):
    base = street_totals(world_of(tmp_path / "w"))["street_a"][C["fabricated"]]
    calm = reform(tmp_path, "calm", "  - {op: unset, target: assessments/street_a_rules, path: ranking}\n")
    none = street_totals(build_world(load_policy([], ON, calm), ON))["street_a"][C["fabricated"]]
    higher = street_totals(world_of(tmp_path / "x", dismissal_months_of_pay=24))["street_a"][C["fabricated"]]
    averse = street_totals(world_of(tmp_path / "y", loss_aversion=4.0))["street_a"][C["fabricated"]]
    assert none < base < higher and base < averse


def test_each_assessors_stakes_count(tmp_path):
    world = world_of(tmp_path)
    streaks = {r.id: np.zeros(world.grids, dtype=np.int64) for r in world.regimes if r.consequences}
    one = pressure(world.regimes, world.params, streaks, world.grids)
    # Street A: one month's pay lost, weighted 2.25, a dismissal of 6 months' pay half-way off (2.25 x 6 x
    # 1/2), plus what the district presses down (0.5); Street B: only what is pressed down
    assert one[:20] == pytest.approx(2.25 + 2.25 * 6 / 2 + 0.5) and one[20:] == pytest.approx(0.5)
    twice = (*world.regimes, world.regimes[1])  # a second assessor with the same consequences
    streaks_twice = {**streaks}
    assert pressure(twice, world.params, streaks_twice, world.grids)[:20] == pytest.approx(2 * one[:20] - 0.5)
    streaks["street_a_rules"][:20] = 1  # one bad month: the dismissal is one month away
    assert pressure(world.regimes, world.params, streaks, world.grids)[0] == pytest.approx(2.25 + 2.25 * 6 + 0.5)


def test_dismissed_workers_are_replaced_with_the_written_rules_beliefs(tmp_path):
    world = world_of(tmp_path, score_base=0)  # every Street A worker at 59 or less, month after month
    state = _Run(world, 3, np.random.default_rng(1), np.random.default_rng(2), False)
    state.belief[:] = 0.5  # what workers have learnt
    caution = state.caution.copy()
    for m in range(2):
        state.month(m)
    dismissed = np.flatnonzero(state.outcome.dismissed)
    assert dismissed.tolist() == list(range(20))  # Street A's workers, in the second month
    assert (state.belief[dismissed] == state.prior).all() and (state.caution[dismissed] != caution[dismissed]).all()
    assert (state.streaks["street_a_rules"][dismissed] == 0).all()
    assert (state.belief[20:, world.kinds.index("hazards")] != state.prior[world.kinds.index("hazards")]).any()


def test_devolved_powers_let_the_grid_settle_and_money_buys_hours(tmp_path):
    sink = reform(tmp_path, "sink", "  - {op: transfer, target: items/hazard, powers: [penalty], money: 600000}\n")
    world = build_world(load_policy([], ON, sink), ON)
    k = world.kinds.index("hazards")
    assert world.settle[0, k]  # the penalty power came with the item
    # 600,000 yuan a year at 60 yuan an hour: 10,000 hours a year, 833 a month over 40 grids
    assert world.funded[k] == pytest.approx(600000 / 60 / 12 / 40)
    base = street_totals(world_of(tmp_path / "w"))
    sunk = street_totals(world)
    for s in ("street_a", "street_b"):
        assert sunk[s][C["escalated"]] == 0 < base[s][C["escalated"]]
        resolved = ("resolved_on_site", "resolved_above", "resolved_after_return")
        assert sum(sunk[s][C[x]] for x in resolved) > sum(base[s][C[x]] for x in resolved)


def test_money_without_the_power_buys_a_co_handlers_hours(tmp_path):
    files = dict(TWO_STREETS)
    files["policy.yaml"] = (
        TWO_STREETS["policy.yaml"]
        .replace(
            "requires: {handle: [penalty]}",
            "requires: {handle: [penalty]}\n            co_handlers: [{unit: pro, coverage: 12}]",
        )
        .replace(
            "  - {id: dept, name:",
            "  - {id: pro, name: {en: Professional}, tier: grid, kind: professional_grid, sent_by: dept}\n          - {id: dept, name:",
        )
        .replace(
            "  - {id: g2, unit: dept, powers: [penalty]}",
            "  - {id: g2, unit: dept, powers: [penalty]}\n          - {id: g3, unit: pro, powers: [penalty]}",
        )
    )
    world = world_of(tmp_path / "w", files)
    k = world.kinds.index("hazards")
    assert world.co_presence[k] == pytest.approx(1 / 12)
    write_policy(tmp_path / "base", files)
    path = tmp_path / "pay.yaml"
    path.write_text(
        f"reform: {{id: pay, baseline: {tmp_path / 'base'}}}\noperations:\n"
        "  - {op: transfer, target: items/hazard, money: 120000}\n",
        encoding="utf-8",
    )
    paid = build_world(load_policy([], ON, str(path)), ON)
    # 120,000 yuan: 2,000 hours a year, 4.17 a month per grid, against 0.1 x 30.44 x 0.7 x 1 hour of
    # found hazards: the co-handler is at hand for all of them
    assert not paid.settle[0, k] and paid.co_presence[k] == 1.0


def test_people_add_hours_where_they_land_and_the_top_has_finite_hours(tmp_path):
    files = dict(TWO_STREETS)
    files["simulation.yaml"] = TWO_STREETS["simulation.yaml"].replace(
        "department_hours_per_grid: 1000", "department_hours_per_grid: 1"
    )
    world = world_of(tmp_path / "w", files, service_motive=100.0)  # workers escalate every hazard
    assert list(world.limits[3]) == [10.0]  # 1 hour x 40 grids / 4 hours an event
    by = street_totals(world)
    total = by["street_a"] + by["street_b"]
    assert total[C["resolved_above"]] == 10 * 6 and total[C["over_capacity"]] > 0
    write_policy(tmp_path / "base", files)
    path = tmp_path / "staff.yaml"
    path.write_text(
        f"reform: {{id: staff, baseline: {tmp_path / 'base'}}}\noperations:\n"
        "  - {op: move, target: items/hazard, tier: district}\n"
        "  - {op: transfer, target: items/hazard, people: 2}\n",
        encoding="utf-8",
    )
    staffed = build_world(load_policy([], ON, str(path)), ON, {"service_motive": 100.0})
    # two people at PE102's 166 hours a month: 332 hours more at the district, 83 events more
    assert list(staffed.limits[3]) == [np.floor((40 + 2 * HOURS_PER_PERSON_MONTH) / 4)] == [93.0]
