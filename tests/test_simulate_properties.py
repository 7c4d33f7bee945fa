"""Properties of the event simulator (hypothesis): every problem ends in exactly one terminal
state, undetected exactly when its detection draw misses; every report is linked to a problem or
flagged fabricated; totals add up month by month and against the kept problems and reports; zero
detection gives zero genuine reports, full detection nothing undetected; removing quotas gives zero
fabrication."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.simulate.engine import RESOLVED, STATES, UNDETECTED, C, run
from policyengine.simulate.runs import load_policy
from policyengine.simulate.world import build_world

H = str(Path(__file__).resolve().parent.parent / "policies" / "h_district")
GATE = str(Path(__file__).resolve().parent.parent / "examples" / "reforms" / "admission_gate.yaml")
ON = "2020-01-01"


@cache
def policy(reform: str | None):
    return load_policy([H], ON, reform)


params = st.fixed_dictionaries(
    {
        "grids": st.integers(1, 30),
        "grids_per_community": st.integers(1, 8),
        "communities_per_street": st.integers(1, 4),
        "detection_probability": st.floats(0, 1),
        "audit_probability": st.floats(0, 1),
        "collusion_tolerance": st.floats(0, 1),
        "return_probability_dual": st.floats(0, 1),
        "return_probability_territorial": st.floats(0, 1),
        "choice_temperature": st.floats(0.05, 5),
        "fabrication_min_shortfall": st.integers(0, 10),
        "verification_capacity": st.floats(1, 100),
        "review_capacity_per_grid": st.none() | st.floats(0, 5),
    }
)


def world_of(reform, overrides, quota=None):
    world = build_world(policy(reform), ON, overrides)
    return dataclasses.replace(world, quota=quota) if quota is not None else world


@settings(max_examples=40)
@given(params, st.sampled_from([None, GATE]), st.integers(0, 2**32 - 1), st.integers(1, 4))
def test_problems_reports_and_totals(overrides, reform, seed, months):
    world = world_of(reform, overrides)
    tally = run(world, months, np.random.default_rng(seed), np.random.default_rng(seed + 1), keep=True)
    for record, row in zip(tally.records, tally.counts, strict=True):
        n = record.state.size
        # every problem ends in exactly one terminal state
        assert ((record.state >= 0) & (record.state < len(STATES))).all()
        assert row[: len(STATES)].sum() == row[C["arisen"]] == n
        # every report is linked to a problem or flagged fabricated, and a problem has at most one report
        linked = record.report_problem[~record.report_fabricated]
        assert (record.report_problem[record.report_fabricated] == -1).all()
        assert ((linked >= 0) & (linked < n)).all() and np.unique(linked).size == linked.size
        assert (record.state[linked] >= 2).all()  # undetected and dropped problems are never reported
        assert (record.problem_grid[linked] == record.report_grid[~record.report_fabricated]).all()
        # totals add up
        assert row[C["reports"]] == row[C["genuine_reports"]] + row[C["fabricated"]] == record.report_problem.size
        assert row[C["genuine_reports"]] == n - row[C["undetected"]] - row[C["dropped"]]
        assert row[C["closed"]] == record.report_closed.sum() == row[C["to_verify"]]
        assert row[C["verified_on_time"]] <= row[C["closed"]] and row[C["closed_urban"]] <= row[C["closed"]]
        assert row[C["unqualified"]] == (~record.report_qualified).sum()
        assert row[C["escalated"]] == (
            row[C["resolved_above"]] + row[C["returned"]] + row[C["dead_end"]] + row[C["resolved_after_return"]]
        )
        assert row[C["returns"]] == row[C["returned"]] + row[C["resolved_after_return"]]
        assert sum(row[C[STATES[s]]] for s in RESOLVED) <= n
        # every report has a day of its month, counted once; fabricated ones in the month's last days
        day = record.report_day
        assert ((day >= 1) & (day <= record.month_length)).all()
        fab = np.bincount(record.report_grid[record.report_fabricated], minlength=world.grids)
        window = np.minimum(np.ceil(fab / 4), record.month_length)[record.report_grid[record.report_fabricated]]
        assert (day[record.report_fabricated] > record.month_length - np.maximum(window, 1)).all()
    # the run's totals against an independent count over the kept problems and reports
    records = tally.records
    states = np.bincount(np.concatenate([r.state for r in records]).astype(np.int64), minlength=len(STATES))
    assert [tally.total(name) for name in STATES] == list(states)
    assert tally.total("arisen") == sum(r.problem_grid.size for r in records)
    assert tally.total("reports") == sum(r.report_grid.size for r in records)
    assert tally.total("fabricated") == sum(int(r.report_fabricated.sum()) for r in records)
    assert tally.total("closed") == sum(int(r.report_closed.sum()) for r in records)
    assert tally.total("unqualified") == sum(int((~r.report_qualified).sum()) for r in records)
    for m, r in enumerate(records):  # reports per day of the month, genuine and fabricated
        for row_, mask in ((0, ~r.report_fabricated), (1, r.report_fabricated)):
            assert (
                tally.days[m, row_, : r.month_length] == np.bincount(r.report_day[mask] - 1, minlength=r.month_length)
            ).all()


@settings(max_examples=20)
@given(params, st.sampled_from([None, GATE]), st.integers(0, 2**32 - 1), st.integers(1, 3))
def test_a_problem_is_undetected_exactly_when_its_draw_misses(overrides, reform, seed, months):
    # redraw the arrivals stream on its own: counts per grid and kind, then visibility
    world = world_of(reform, overrides)
    tally = run(world, months, np.random.default_rng(seed), np.random.default_rng(seed + 1), keep=True)
    arrivals = np.random.default_rng(seed)
    p = float(world.params["detection_probability"])
    for m, record in enumerate(tally.records):
        n_gk = arrivals.poisson(world.rate * world.days(m), size=(world.grids, len(world.kinds)))
        assert (
            np.bincount(record.problem_grid * len(world.kinds) + record.problem_kind, minlength=n_gk.size)
            == n_gk.ravel()
        ).all()
        detected = arrivals.random(record.state.size) < p
        assert ((record.state == UNDETECTED) == ~detected).all()  # a detected problem is never undetected


@settings(max_examples=20)
@given(params, st.sampled_from([None, GATE]), st.integers(0, 2**32 - 1))
def test_full_detection_leaves_nothing_undetected(overrides, reform, seed):
    world = world_of(reform, {**overrides, "detection_probability": 1.0})
    tally = run(world, 2, np.random.default_rng(seed), np.random.default_rng(seed + 1), keep=True)
    assert tally.total("undetected") == 0
    assert all((r.state != UNDETECTED).all() for r in tally.records)


@settings(max_examples=20)
@given(params, st.sampled_from([None, GATE]), st.integers(0, 2**32 - 1))
def test_zero_detection_gives_zero_genuine_reports(overrides, reform, seed):
    world = world_of(reform, {**overrides, "detection_probability": 0.0})
    tally = run(world, 2, np.random.default_rng(seed), np.random.default_rng(seed + 1))
    assert tally.total("genuine_reports") == 0 and tally.total("undetected") == tally.total("arisen")


@settings(max_examples=20)
@given(params, st.sampled_from([None, GATE]), st.integers(0, 2**32 - 1))
def test_removing_quotas_gives_zero_fabrication(overrides, reform, seed):
    world = world_of(reform, overrides, quota=0.0)
    tally = run(world, 2, np.random.default_rng(seed), np.random.default_rng(seed + 1))
    assert tally.total("fabricated") == 0
