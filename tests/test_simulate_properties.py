"""Properties of the event simulator (hypothesis): every problem that arises ends in exactly one
terminal state; reports are genuine or fabricated and add up; totals add up month by month, street by
street and against the kept counts by grid and kind; the problems are exactly the arrivals stream's
draws (common random numbers); zero detection gives zero genuine reports, full detection misses only
what a short patrol misses; removing quotas gives zero fabrication; fabricated reports fall in the
month's last days."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from policyengine.simulate.engine import RESOLVED, STATES, UNDETECTED, C, _Run, run
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
        "grids": st.integers(2, 30),
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
        "department_hours_per_grid": st.floats(0, 20),
        "loss_aversion": st.floats(0, 5),
        "worker_hours_per_month": st.floats(0, 200),
        "grid_rate_spread": st.floats(0, 1),
    }
)


def world_of(reform, overrides):
    return build_world(policy(reform), ON, overrides)


@settings(max_examples=40, deadline=None)
@given(params, st.sampled_from([None, GATE]), st.integers(0, 2**32 - 1), st.integers(1, 4))
def test_problems_reports_and_totals(overrides, reform, seed, months):
    world = world_of(reform, overrides)
    tally = run(world, months, np.random.default_rng(seed), np.random.default_rng(seed + 1), keep=True)
    assert tally.by_street is not None and (tally.by_street.sum(axis=1) == tally.counts).all()
    for record, row in zip(tally.records, tally.counts, strict=True):
        found = record.states.sum(axis=(0, 1))  # by terminal state
        # every problem ends in exactly one terminal state: the found ones by grid and kind, the missed ones
        assert row[: len(STATES)].sum() == row[C["arisen"]]
        assert row[UNDETECTED] == record.undetected.sum() + record.short_patrol.sum() and found[UNDETECTED] == 0
        assert (found[1:] == row[1 : len(STATES)]).all()
        # reports: genuine (one per found problem that is not dropped) or fabricated
        assert row[C["reports"]] == row[C["genuine_reports"]] + row[C["fabricated"]] == record.reports.sum()
        assert row[C["genuine_reports"]] == row[C["arisen"]] - row[C["undetected"]] - row[C["dropped"]]
        assert row[C["fabricated"]] == record.fabricated.sum()
        assert row[C["closed"]] == record.closed.sum() == row[C["to_verify"]]
        assert row[C["verified_on_time"]] <= row[C["closed"]] and row[C["closed_urban"]] <= row[C["closed"]]
        assert row[C["unqualified"]] == record.unqualified.sum() <= row[C["reports"]]
        assert row[C["escalated"]] == (
            row[C["resolved_above"]] + row[C["returned"]] + row[C["dead_end"]] + row[C["resolved_after_return"]]
        )
        assert row[C["returns"]] == row[C["returned"]] + row[C["resolved_after_return"]]
        assert row[C["over_capacity"]] <= row[C["dead_end"]] and row[C["packaged"]] <= row[C["closed"]]
        assert sum(row[C[STATES[s]]] for s in RESOLVED) <= row[C["arisen"]]
        assert row[C["grids"]] == world.grids and row[C["dismissals"]] <= world.grids
    for m, r in enumerate(tally.records):  # reports per day of the month, genuine and fabricated
        genuine, fabricated = tally.days[m]
        assert genuine.sum() == r.counts[C["genuine_reports"]] and fabricated.sum() == r.counts[C["fabricated"]]
        assert not genuine[r.month_length :].any() and not fabricated[r.month_length :].any()
        # a worker fabricating f reports makes them in the month's last ceil(f / 4) days
        window = int(np.ceil(r.fabricated.max() / 4)) if r.fabricated.size else 0
        assert not fabricated[: max(0, r.month_length - max(window, 1))].any()


@settings(max_examples=20, deadline=None)
@given(params, st.sampled_from([None, GATE]), st.integers(0, 2**32 - 1), st.integers(1, 3))
def test_the_problems_are_the_arrivals_streams_draws(overrides, reform, seed, months):
    # redraw the arrivals stream on its own: each grid's size, then per month the found counts by column
    # and the missed counts by street; the run's kept counts are exactly those
    world = world_of(reform, overrides)
    tally = run(world, months, np.random.default_rng(seed), np.random.default_rng(seed + 1), keep=True)
    shape = _Run(world, months, np.random.default_rng(seed), np.random.default_rng(seed + 1), False)
    arrivals = np.random.default_rng(seed)
    arrivals.lognormal(0.0, float(world.params["grid_rate_spread"]), world.grids)
    det = float(world.params["detection_probability"])
    for m, record in enumerate(tally.records):
        found = arrivals.poisson(shape.rates * (world.days(m) * det))
        missed = arrivals.poisson(shape.street_rate * world.days(m) * (1 - det))
        assert (found.sum(axis=1) == record.states.sum(axis=(1, 2)) + record.short_patrol).all()
        assert (missed == record.undetected).all()


@settings(max_examples=20, deadline=None)
@given(params, st.sampled_from([None, GATE]), st.integers(0, 2**32 - 1))
def test_full_detection_misses_only_what_a_short_patrol_misses(overrides, reform, seed):
    world = world_of(reform, {**overrides, "detection_probability": 1.0, "worker_hours_per_month": 1000})
    tally = run(world, 2, np.random.default_rng(seed), np.random.default_rng(seed + 1), keep=True)
    assert tally.total("undetected") == 0
    assert all(r.undetected.sum() == 0 == r.short_patrol.sum() for r in tally.records)


@settings(max_examples=20, deadline=None)
@given(params, st.sampled_from([None, GATE]), st.integers(0, 2**32 - 1))
def test_zero_detection_gives_zero_genuine_reports(overrides, reform, seed):
    world = world_of(reform, {**overrides, "detection_probability": 0.0})
    tally = run(world, 2, np.random.default_rng(seed), np.random.default_rng(seed + 1))
    assert tally.total("genuine_reports") == 0 and tally.total("undetected") == tally.total("arisen")


@settings(max_examples=20, deadline=None)
@given(params, st.sampled_from([None, GATE]), st.integers(0, 2**32 - 1))
def test_removing_quotas_gives_zero_fabrication(overrides, reform, seed):
    world = world_of(reform, overrides)
    world = dataclasses.replace(world, grid_quota=np.zeros(world.grids), quota=0.0)
    tally = run(world, 2, np.random.default_rng(seed), np.random.default_rng(seed + 1))
    assert tally.total("fabricated") == 0
