"""The event simulator: what the world reads from the policy, exact small cases, the simulation
section's errors, calibration and the admission gate over H District, reproducibility."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from policyengine.config import Config
from policyengine.resources import policy_schema
from policyengine.simulate import METRICS, simulate
from policyengine.simulate.engine import DROPPED, RESOLVED_ABOVE, RETURNED, run
from policyengine.simulate.parameters import PARAMETERS
from policyengine.simulate.runs import load_policy
from policyengine.simulate.world import build_world

from .util import lint_files, located, write_policy

ROOT = Path(__file__).resolve().parent.parent
H = str(ROOT / "policies" / "h_district")
GATE = str(ROOT / "examples" / "reforms" / "admission_gate.yaml")
ON = "2020-01-01"

TINY = {
    "policy.yaml": """
        policy: {id: tiny}
        tiers:
          - {id: district, name: {en: District}}
          - {id: grid, name: {en: Grid}, parent: district, count: 10}
        units:
          - {id: team, name: {en: Team}, tier: grid, kind: grid_team}
          - {id: dept, name: {en: Department}, tier: district, kind: functional_department}
        grants:
          - {id: g1, unit: team, powers: [report]}
          - {id: g2, unit: dept, powers: [penalty]}
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
          escalation: [grid, district]
          dispatch: [{from: district, to: [dept]}]
          returns: [{from: district, to: assigned_tier, basis: responsibility}]
          verification: {deadline_hours: 24, by: grid}
        assessments:
          - id: monthly
            assessor: dept
            assessed: grid
            scoring: [{when: district_transfers, effect: score}]
    """,
    "simulation.yaml": """
        simulation:
          problems:
            - {id: hazards, item: hazard, per_grid_per_day: 1.0}
          parameters:
            detection_probability: 1.0
            return_probability_dual: 1.0
            escalation_points: 5
            return_penalty_points: 0
            closure_points: -100
            department_hours_per_grid: 100000
            grid_rate_spread: 0
    """,
}


def tiny_world(tmp_path, **overrides):
    policy = load_policy([str(write_policy(tmp_path, TINY))], ON)
    return build_world(policy, ON, overrides)


def test_the_world_reads_powers_returns_and_quotas_from_h_district():
    world = build_world(load_policy([H], ON), ON)
    assert world.levels == ("grid", "community", "street", "district") and world.grids == 1309
    settle = dict(zip(world.kinds, world.settle.T, strict=True))
    assert settle["urban_management_events"][0] and settle["dispute_events"][0]  # no power / coordination
    assert not settle["fire_hazard_events"][:3].any() and settle["fire_hazard_events"][3]  # penalty: district
    assert list(world.ret[:, world.kinds.index("road_damage_events")]) == [0, 0, 0.8, 0.8]  # dual, from street up
    assert world.co_presence[world.kinds.index("fire_hazard_events")] == pytest.approx(1 / 12)
    # the district's 30 events on every grid; Street Q's +10, ranking, pay and dismissal on its 84 grids only
    assert world.streets[:2] == ("street_q", "l_street") and len(world.streets) == 16
    q = world.street == 0
    assert q.sum() == 84 and (world.street == 1).sum() == 84
    assert set(world.grid_quota[q]) == {40.0} and set(world.grid_quota[~q]) == {30.0} and world.quota == 40
    regimes = {r.id: r for r in world.regimes}
    assert set(regimes) == {"district_monthly", "street_q_workers"}
    assert regimes["district_monthly"].covers.all() and regimes["district_monthly"].consequences is None
    street_q = regimes["street_q_workers"]
    assert (street_q.covers == q).all() and street_q.quota == 40
    assert street_q.consequences.bottom_lose_pay == 2 and street_q.consequences.dismissal_periods == 2
    assert {"returned", "district_transfers", "late_verification", "excellent_event"} <= street_q.scores
    assert "late_verification" not in regimes["district_monthly"].scores
    # finite hours everywhere: the district's departments settle 2 h x 1,309 grids / 4 h = 654 events a month
    assert list(world.limits[3]) == [654.0] and (world.limits[2][:15] == 42.0).all()


def test_the_gate_moves_line_problems_to_the_district_where_nothing_returns_them():
    world = build_world(load_policy([H], ON, GATE), ON)
    k = world.kinds.index("road_damage_events")
    assert world.assigned[k] == 3 and not world.ret[:, k].any() and world.settle[3, k]


def test_exact_small_case_every_escalation_is_returned(tmp_path):
    world = tiny_world(tmp_path)
    tally = run(world, 3, np.random.default_rng(1), np.random.default_rng(2), keep=True)
    for record in tally.records:
        # detected, not settleable at the grid, never closed cosmetically: dropped or escalated and returned
        found = record.states.sum(axis=(0, 1))
        assert found[[DROPPED, RETURNED]].sum() == found.sum() > 0 and record.undetected.sum() == 0
    assert tally.total("returns") == tally.total("returned") == tally.total("district_transfers") > 0
    assert tally.total("dropped") + tally.total("returned") == tally.total("arisen")
    assert tally.total("fabricated") == 0 and tally.total("closed") == 0  # no quota declared


def test_exact_small_case_without_return_the_department_resolves(tmp_path):
    world = tiny_world(tmp_path, return_probability_dual=0.0, choice_temperature=0.01)
    tally = run(world, 2, np.random.default_rng(1), np.random.default_rng(2), keep=True)
    for r in tally.records:
        assert r.states[:, :, RESOLVED_ABOVE].sum() == r.states.sum() > 0
    assert tally.total("handled_above") == tally.total("arisen") > 0


def test_same_seed_same_draws_and_arrivals_shared_across_scenarios(tmp_path):
    world = tiny_world(tmp_path)
    a = run(world, 2, np.random.default_rng(5), np.random.default_rng(6))
    b = run(world, 2, np.random.default_rng(5), np.random.default_rng(6))
    assert (a.counts == b.counts).all()
    # another scenario, other behaviour draws, the same arrivals stream: the same problems per grid and
    # kind, found and missed alike
    other = tiny_world(tmp_path / "x", return_probability_dual=0.0, detection_probability=0.6)
    c = run(other, 2, np.random.default_rng(5), np.random.default_rng(9), keep=True)
    d = run(
        tiny_world(tmp_path / "y", detection_probability=0.6),
        2,
        np.random.default_rng(5),
        np.random.default_rng(6),
        keep=True,
    )
    for x, y in zip(c.records, d.records, strict=True):
        assert (x.states.sum(axis=2) == y.states.sum(axis=2)).all() and (x.undetected == y.undetected).all()
        assert 0 < x.undetected.sum() < x.states.sum() + x.undetected.sum()
    assert c.total("arisen") != a.total("arisen") or c.total("undetected") != a.total("undetected")


def test_unknown_parameter_is_a_located_pe002(tmp_path):
    files = dict(TINY)
    files["simulation.yaml"] = """
        simulation:
          problems:
            - {id: hazards, item: hazard, per_grid_per_day: 1.0}
          parameters:
            detection_probabilty: 0.5
    """
    result = lint_files(tmp_path, files)
    assert located(result) == [("PE002", "simulation.yaml", 5, 5)]
    assert "did you mean 'detection_probability'" in result.findings[0].message


def test_unknown_item_in_a_problem_is_pe004(tmp_path):
    files = dict(TINY)
    files["simulation.yaml"] = "simulation:\n  problems:\n    - {id: p, item: nothing, per_grid_per_day: 1}\n"
    assert located(lint_files(tmp_path, files)) == [("PE004", "simulation.yaml", 3, 21)]


def test_the_schema_lists_exactly_the_parameters():
    declared = policy_schema()["properties"]["simulation"]["properties"]["parameters"]["properties"]
    assert set(declared) == set(PARAMETERS)
    assert all(p.meaning and p.unit for p in PARAMETERS.values())


def test_the_simulation_section_adds_no_finding_to_h_district():
    from policyengine.lint import lint_paths

    result = lint_paths([H], Config())
    assert len(result.findings) == 41 and not any("simulation.yaml" in f.span.file for f in result.findings)


def test_workers_do_not_change_a_byte():
    kw = {"months": 3, "runs": 3, "seed": 11, "on": ON, "overrides": {"grids": 60}}
    one = simulate([H], [GATE], workers=1, **kw)
    two = simulate([H], [GATE], workers=2, **kw)
    assert json.dumps(one) == json.dumps(two)
    assert json.dumps(simulate([H], [GATE], workers=1, **{**kw, "seed": 12})) != json.dumps(one)
    assert set(one["scenarios"]) == {"baseline", "admission_gate"}
    assert list(one["scenarios"]["baseline"]["metrics"]) == list(METRICS)


def test_h_district_calibration_says_what_is_fitted_and_what_is_missed():
    result = simulate([H], [GATE], months=26, runs=4, seed=2024, on=ON)
    got = [(c["figure"], c["street"], c["role"], c["fitted_by"], c["within"]) for c in result["calibration"]]
    assert got == [
        ("l_street_qualification_rate", "l_street", "target", ["format_rejection_probability"], True),
        ("urban_public_order_closure_share", None, "target", ["urban_management_events", "public_order_events"], True),
        ("community_district_transfers", None, "target", ["return_probability_dual"], True),
        # L Street's 14,978 events against an 84-grid street: a check the model misses, shown as missed
        ("l_street_events", "l_street", "check", [], False),
    ]
    events = result["calibration"][3]
    assert events["window"] == [11982, 17974] and events["case_value"] == 14978
    street = result["scenarios"]["baseline"]["streets"]["l_street"]["metrics"]["reports_per_month"]["mean"]
    assert events["simulated"] == pytest.approx(street * 26, rel=1e-5) and events["simulated"] > 17974
    base, gate = (result["scenarios"][s]["metrics"] for s in ("baseline", "admission_gate"))
    # the gate sends line problems to a district whose departments have finite hours: most of them wait
    assert gate["dead_end_share"]["low"] > 0.5 and base["dead_end_share"]["high"] < 0.01
    assert gate["district_hours_per_month"]["low"] > 10 * base["district_hours_per_month"]["high"]


def test_low_scores_two_months_running_dismiss_and_replace():
    from policyengine.simulate.engine import C

    world = build_world(load_policy([H], ON), ON, {"score_base": 0})
    tally = run(world, 3, np.random.default_rng(1), np.random.default_rng(2))
    kept = run(build_world(load_policy([H], ON), ON), 3, np.random.default_rng(1), np.random.default_rng(2))
    # dismissing and replacing workers leaves the problems alone: the same arrivals, street by street
    assert (tally.by_street[:, :, C["arisen"]] == kept.by_street[:, :, C["arisen"]]).all()
    # from 0 points every Street Q worker stays at or below 59: pay lost every month, dismissed in month 2
    # (the replacements start a new streak), and only in Street Q (elsewhere no consequence is declared)
    assert list(tally.by_street[:, 0, C["lost_pay"]]) == [84, 84, 84]
    assert tally.by_street[0, 0, C["dismissals"]] == 0 and tally.by_street[1, 0, C["dismissals"]] == 84
    assert tally.by_street[:, 1:, C["dismissals"]].sum() == 0 == tally.by_street[:, 1:, C["lost_pay"]].sum()


INFO = str(ROOT / "examples" / "reforms" / "information_grid.yaml")


@pytest.mark.parametrize("authority", [0.0, 1.0])
def test_an_authority_return_goes_to_the_rule_target_and_settles_there_with_a_co_handler(tmp_path, authority):
    # information_grid, with the fire co-handler covering 4 grids (attached, as PE101 judges it): the
    # street and the district return fire hazards to the grid, where the co-handler may settle them
    from policyengine.simulate.engine import RESOLVED_AFTER_RETURN

    near = tmp_path / "near.yaml"
    near.write_text(
        f"reform: {{id: near, baseline: {INFO}}}\noperations:\n  - op: set\n"
        "    target: items/fire_hazards_small_venues\n    path: co_handlers\n"
        "    value: [{unit: fire_professional_grid, coverage: 4}]\n",
        encoding="utf-8",
    )
    world = build_world(load_policy([], ON, str(near)), ON, {"grids": 120, "return_probability_authority": authority})
    assert (world.ret_to[world.ret > 0] == 0).all()  # assigned_tier: the grid, the items' tier
    tally = run(world, 3, np.random.default_rng(3), np.random.default_rng(4), keep=True)
    after = tally.total("resolved_after_return")
    if authority:
        assert after > 0 and tally.total("returned") > 0
        for r in tally.records:  # only the attached co-handler's kind is settled after a return
            settled = {world.kinds[k] for k in np.flatnonzero(r.states[:, :, RESOLVED_AFTER_RETURN].sum(axis=0))}
            assert settled <= {world.kinds[k] for k in range(len(world.kinds)) if world.ret[:, k].any()}
    else:
        assert after == 0 == tally.total("returns")


def test_co_handlers_over_a_dozen_grids_do_not_make_an_authority_return():
    """H District's professional grid workers cover 12 grids: under the written rule (information_grid)
    no upper level returns a line problem to the grid on their account."""
    world = build_world(load_policy([H], ON, INFO), ON, {"grids": 120, "return_probability_authority": 1.0})
    line = ~world.settle[0]  # the kinds the grid cannot settle itself: the ones ever escalated
    assert line.sum() == 4 and not world.ret[:, line].any()


def test_a_return_to_a_level_that_cannot_settle_stays_returned(tmp_path):
    world = tiny_world(tmp_path)
    assert world.ret_to[1, 0] == 0 and not world.settle[0, 0] and world.co_presence[0] == 0
    tally = run(world, 2, np.random.default_rng(1), np.random.default_rng(2))
    assert tally.total("resolved_after_return") == 0 and tally.total("returned") == tally.total("returns") > 0


def test_a_lowest_tier_without_count_is_a_located_error_unless_grids_is_set(tmp_path):
    from policyengine.errors import InputError

    files = dict(TINY)
    files["policy.yaml"] = TINY["policy.yaml"].replace(", count: 10}", "}")
    policy = load_policy([str(write_policy(tmp_path, files))], ON)
    with pytest.raises(InputError) as caught:
        build_world(policy, ON)
    error = caught.value
    lines = Path(error.span.file).read_text(encoding="utf-8").splitlines()
    assert "{id: grid" in lines[error.span.line - 1]  # the grid tier's declaration
    assert "the lowest tier declares no `count`" in error.render("en") and "`count`" in error.render("zh")
    assert "最低层级" in error.render("zh") and "\n" not in error.render("en")
    assert build_world(policy, ON, {"grids": 12}).grids == 12


def test_a_lowest_tier_counted_zero_is_an_error_at_its_count(tmp_path):
    from policyengine.errors import InputError

    files = dict(TINY)
    files["policy.yaml"] = TINY["policy.yaml"].replace(", count: 10}", ", count: 0}")
    policy = load_policy([str(write_policy(tmp_path, files))], ON)
    with pytest.raises(InputError) as caught:
        build_world(policy, ON)
    error = caught.value
    line = Path(error.span.file).read_text(encoding="utf-8").splitlines()[error.span.line - 1]
    assert line[error.span.column - 1 :].startswith("0}")  # the 0 itself, not the tier
    assert error.render("en") == f"{error.span.file}:4:59: " + (
        "the lowest tier's `count` is 0, so there are no grids to simulate; "
        "give its real count or set `simulation: parameters: grids`"
    )
    assert error.render("zh").startswith(f"{error.span.file}:4:59: 最低层级的 `count` 为 0")
    assert build_world(policy, ON, {"grids": 12}).grids == 12


def test_a_simulation_section_without_problems_is_an_error_at_the_section(tmp_path):
    from policyengine.errors import InputError

    files = dict(TINY)
    files["simulation.yaml"] = '# rates to come\nsimulation:\n  start: "2018-11"\n'
    policy = load_policy([str(write_policy(tmp_path, files))], ON)
    with pytest.raises(InputError) as caught:
        build_world(policy, ON)
    span = caught.value.span
    assert span.file.endswith("simulation.yaml") and span.line > 1
    assert "simulation: problems:" in caught.value.render("en") and "模拟" in caught.value.render("zh")


@pytest.mark.parametrize("name", ["grids_per_community", "communities_per_street"])
def test_grouping_parameters_are_at_least_one(tmp_path, name):
    assert PARAMETERS[name].minimum == 1
    files = dict(TINY)
    files["simulation.yaml"] = TINY["simulation.yaml"].rstrip() + f"\n            {name}: 0\n"
    assert [f.code for f in lint_files(tmp_path, files).findings] == ["PE002"]


def test_the_schema_parameters_are_generated_from_parameters_py():
    from policyengine.simulate.parameters import schema_properties

    declared = policy_schema()["properties"]["simulation"]["properties"]["parameters"]["properties"]
    assert declared == schema_properties()


def test_docs_define_every_parameter_and_metric():
    text = (ROOT / "docs" / "simulation.md").read_text(encoding="utf-8")

    def table_rows(heading: str) -> dict[str, str]:
        section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
        rows = [line.split("|") for line in section.splitlines() if line.startswith("| `")]
        return {cells[1].strip().strip("`"): cells[2].strip() for cells in rows}

    parameters, metrics = table_rows("Parameters"), table_rows("Metrics")
    for name in PARAMETERS:
        assert parameters.get(name), name  # a row with a default
    for name in METRICS:
        assert metrics.get(name), name  # a row with a definition


def test_review_capacity_leaves_the_overflow_unsettled(tmp_path):
    from policyengine.simulate.engine import DEAD_END, C

    free = tiny_world(tmp_path, return_probability_dual=0.0, choice_temperature=0.01)
    # 20 hours per grid at 4 hours an event: the district settles 5 events per grid, 50 a month
    tight = tiny_world(
        tmp_path / "t", return_probability_dual=0.0, choice_temperature=0.01, department_hours_per_grid=20
    )
    a = run(free, 2, np.random.default_rng(1), np.random.default_rng(2))
    b = run(tight, 2, np.random.default_rng(1), np.random.default_rng(2), keep=True)
    assert a.total("dead_end") == 0 and a.total("arisen") == b.total("arisen")
    assert list(b.counts[:, C["resolved_above"]]) == [50, 50]  # 10 grids x 5, the district's capacity
    assert all(r.states[:, :, DEAD_END].sum() == r.counts[C["arisen"]] - 50 for r in b.records)
    assert list(b.counts[:, C["over_capacity"]]) == list(b.counts[:, C["dead_end"]])


def test_review_capacity_counts_units_by_tier_not_by_position(tmp_path):
    # a two-level chain: the district above the grid is the root, one unit for all 10 grids (not a
    # community of `grids_per_community`): it settles min(arisen, 10 x capacity) whatever the grouping
    from policyengine.simulate.engine import C

    world = tiny_world(
        tmp_path,
        return_probability_dual=0.0,
        choice_temperature=0.01,
        department_hours_per_grid=30,
        hours_per_event_above=1,
        grids_per_community=2,
    )
    assert world.review_units == ("grid", "one")
    tally = run(world, 3, np.random.default_rng(1), np.random.default_rng(2))
    arisen, above = tally.counts[:, C["arisen"]], tally.counts[:, C["resolved_above"]]
    assert list(above) == [min(a, 300) for a in arisen] and (arisen > 300).any() and (arisen < 300).any()
    h = build_world(load_policy([H], ON), ON)
    assert h.review_units == ("grid", "community", "street", "one")
