"""Runs and reproducibility: `simulate(...)` runs the baseline and every reform `runs` times from
one root seed and returns the result as plain data (the JSON the CLI prints).

Seeds: `SeedSequence(seed)` spawns one child per run; each run's child spawns two streams —
arrivals (the problems: shared by every scenario of the run, common random numbers) and behaviour.
A run is a pure function of (world, months, its seed), so the result is the same bytes whether
the runs go to one process, many (`--workers`) or a Dask cluster (`--scheduler`, backends.py), and
whether they are computed now or read back from a store of finished runs (store.py).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from ..errors import ConfigError, InputError
from ..messages import Message, msg
from .backends import check_address, execute
from .calibration import calibrate
from .metrics import INTERVAL, METRICS, summarise, summarise_series
from .parameters import PARAMETERS
from .scenarios import Scenarios, load_policy, load_scenarios, parts_of
from .seeds import run_scenario
from .store import RunStore, record_key, world_digest
from .world import ATTACHED_COVERAGE, MAX_MONTH_PROBLEMS, World, build_world, month_problems

VERSION = 1
# The most problems a simulation may expect in all its runs (every scenario, sweep point and part:
# months x runs x grids x problems per grid-month; some hours on one core), in one month of one run
# (held in memory at once), and the most runs it may keep (scenarios x sweep points x runs); beyond
# them it is refused before running (docs/simulation.md, "Size").
MAX_PROBLEMS = 100_000_000_000
MAX_RECORDS = 1_000_000
MAX_MONTHS = 1200  # a hundred years
# The most yuan a cost may come to: the grids' spending over the simulated months, or one event handled
# above the grid. Far beyond any budget, and far enough below a float's range (about 1.8e308) that
# cost_per_true_resolution, summed over every event and every run, stays a finite number.
MAX_YUAN = 1e15


def parse_sweep(text: str) -> tuple[str, list[float]]:
    """`NAME=LOW:HIGH:STEPS` -> (NAME, STEPS evenly spaced values from LOW to HIGH)."""
    import difflib

    name, _, spec = text.partition("=")
    parts = spec.split(":")
    if name not in PARAMETERS:
        close = difflib.get_close_matches(name, list(PARAMETERS), n=1)
        hint = msg("common.did_you_mean", guess=close[0]) if close else msg("simulate.see_docs")
        raise ConfigError.of("simulate.sweep_unknown", name=name, hint=hint)
    try:
        low, high, steps = float(parts[0]), float(parts[1]), int(parts[2])
        if len(parts) != 3 or steps < 1:
            raise ValueError
    except (ValueError, IndexError):
        raise ConfigError.of("simulate.sweep_form", text=text) from None
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ConfigError.of("simulate.sweep_finite", text=text)
    p = PARAMETERS[name]
    for value in (low, high):
        if (p.minimum is not None and value < p.minimum) or (p.maximum is not None and value > p.maximum):
            raise ConfigError.of("simulate.sweep_range", text=text, name=name, range=_range(p.minimum, p.maximum))
    if steps > MAX_RECORDS:  # refused before a value is made: the runs would be refused anyway
        raise ConfigError.of("simulate.sweep_points", text=text, steps=steps, limit=MAX_RECORDS)
    values = [float(f"{v:.10g}") for v in np.linspace(low, high, steps)]
    return name, values


def _range(low: float | None, high: float | None) -> Message:
    """The allowed values in words: never a bound that is not there."""
    if low is not None and high is not None:
        return msg("simulate.range.between", low=low, high=high)
    if low is not None:
        return msg("simulate.range.at_least", low=low)
    if high is not None:
        return msg("simulate.range.at_most", high=high)
    return msg("simulate.range.number")


def _expected_problems(world: World, months: int) -> tuple[float, float]:
    """(problems a run of `months` months is expected to draw, in its fullest month): grids x
    problems per grid per day x the month's days, plus the grid's own reports (the quota)."""
    per_day = float(np.sum(world.rate)) if world.rate.size else 0.0
    fullest = max((world.days(m) for m in range(min(months, 48))), default=0.0)
    month = month_problems(world.grids, per_day, fullest, float(world.quota), len(world.kinds))
    return month * months, month


def check_size(worlds: Iterable[World], months: int, runs: int) -> None:
    """Refuse, before running, a simulation too large to run here (MAX_PROBLEMS in all, or
    MAX_MONTH_PROBLEMS in one month of one run): one line, exit 2, instead of running out of memory."""
    total = fullest = 0.0
    for world in worlds:
        all_months, month = _expected_problems(world, months)
        total += all_months * runs
        fullest = max(fullest, month)
    if not math.isfinite(fullest) or fullest > MAX_MONTH_PROBLEMS:
        raise InputError.of("simulate.too_many_month", count=fullest, limit=MAX_MONTH_PROBLEMS)
    if not math.isfinite(total) or total > MAX_PROBLEMS:
        raise InputError.of("simulate.too_many_all", count=total, limit=MAX_PROBLEMS)
    for world in worlds:
        spending = world.grid_cost_per_month * world.grids * months
        for what, yuan in (("spending", spending), ("per_event", world.params["department_cost_per_event_yuan"])):
            if not _within(yuan, MAX_YUAN):
                raise InputError.of("simulate.too_costly", what=msg(f"simulate.cost.{what}"), limit=MAX_YUAN)


def _within(value: object, limit: float) -> bool:
    """A finite number of at most `limit` (an integer too large for a float is not)."""
    try:
        return math.isfinite(number := float(value)) and number <= limit  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return False


def _finite(value: object, where: str = "") -> None:
    """Refuse a result holding a number that is not finite: it would be no JSON (NaN, Infinity)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError.of("simulate.not_finite", where=where)
    if isinstance(value, dict):
        for k, v in value.items():
            _finite(v, f"{where}/{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _finite(v, f"{where}/{i}")


def _out_of_memory(store: object) -> InputError:
    return InputError.of("simulate.out_of_memory", kept=msg("simulate.kept") if store is not None else "")


def _check_options(
    months: int,
    runs: int,
    seed: int,
    workers: int,
    scheduler: str | None,
    reforms: list[str],
    reform_parts: str | None,
    paths: list[str],
) -> None:
    if months < 1 or runs < 1 or workers < 1:
        raise InputError.of("simulate.at_least_one")
    if months > MAX_MONTHS:
        raise InputError.of("simulate.months_max", months=months, limit=MAX_MONTHS)
    if runs < 2:
        raise InputError.of("simulate.runs_min")
    if seed < 0:
        raise InputError.of("simulate.seed")
    if scheduler is not None and workers != 1:
        raise ConfigError.of("cli.workers_and_scheduler")
    if scheduler is not None:
        check_address(scheduler)
    if reform_parts and not reforms:
        raise ConfigError.of("simulate.parts_need_reform")
    if reforms and len(paths) > 1:  # the reform applies to one baseline: that of the baseline scenario
        raise InputError.of("reform.one_baseline", count=len(paths))


def _points(sweeps: list[tuple[str, list[float]]], scenarios: Scenarios, runs: int) -> list[dict[str, float]]:
    """The policy as declared, then each point of the sweeps' product; refused when too many runs."""
    seen: set[str] = set()
    for name, _ in sweeps:
        if name in seen:
            raise ConfigError.of("simulate.sweep_twice", name=name)
        seen.add(name)
    points = math.prod(len(v) for _, v in sweeps) if sweeps else 0
    records = (len(scenarios.policies) * (1 + points) + len(scenarios.parts)) * runs
    if records > MAX_RECORDS:
        raise InputError.of("simulate.too_many_runs", records=records, limit=MAX_RECORDS)
    product: list[dict[str, float]] = [{}]
    for name, values in sweeps:
        product = [{**pt, name: v} for pt in product for v in values]
    return [{}, *product] if sweeps else [{}]


def _worlds(
    found: Scenarios, points: list[dict[str, float]], on: str | None, overrides: dict[str, Any], max_coverage: float
) -> tuple[list[tuple[World, ...]], list[World | None]]:
    """Each scenario's world at each sweep point, and each reform part's world (None: not a valid policy)."""
    try:
        worlds = [
            tuple(build_world(pol, on, {**overrides, **pt}, max_coverage) for pol in found.policies) for pt in points
        ]
        part_worlds = [
            build_world(pol, on, dict(overrides), max_coverage) if pol is not None else None
            for _, _, pol, _ in found.parts
        ]
    except MemoryError:
        raise _out_of_memory(None) from None
    return worlds, part_worlds


class _Runner:
    """Every (world, run) is one record, keyed by what determines it; equal keys are computed once,
    and records already in the store are read instead."""

    def __init__(self, months: int, runs: int, seed: int, store: RunStore | None):
        self.months, self.runs, self.seed, self.store = months, runs, seed, store
        self.digests: dict[int, str] = {}
        self.keys: dict[tuple[int, int], str] = {}
        self.results: dict[str, dict[str, float]] = {}

    def about(self, r: int) -> dict[str, int]:
        """What a record of run `r` says of itself besides its key (checked when it is read back)."""
        return {"run": r, "seed": self.seed, "months": self.months, "version": VERSION}

    def key_of(self, world: World, r: int) -> str:
        if id(world) not in self.digests:
            self.digests[id(world)] = world_digest(world)
        return record_key(self.digests[id(world)], self.months, self.seed, r)

    def compute(
        self,
        worlds: list[World],
        workers: int,
        scheduler: str | None,
        progress: Callable[[int, int], None] | None,
        stats: dict[str, int] | None,
    ) -> None:
        cells = [(world, r) for world in worlds for r in range(self.runs)]
        self.keys = {(id(world), r): self.key_of(world, r) for world, r in cells}
        todo: dict[str, tuple[World, int]] = {}
        for world, r in cells:
            todo.setdefault(self.keys[id(world), r], (world, r))
        store = self.store
        if store is not None:
            store.open()
            for key, (_, r) in todo.items():
                found = store.load(key, self.about(r))
                if found is not None:
                    self.results[key] = found
        jobs = [
            (key, run_scenario, (world, self.months, self.seed, r))
            for key, (world, r) in todo.items()
            if key not in self.results
        ]
        reused, total = len(self.results), len(todo)
        if progress:
            progress(reused, total)

        def finished(key: str, metrics: dict[str, float]) -> None:
            self.results[key] = metrics
            if store is not None:
                store.save(key, metrics, self.about(todo[key][1]))
            if progress:
                progress(len(self.results), total)

        try:
            execute(jobs, finished, workers, scheduler)
        except MemoryError:
            raise _out_of_memory(store) from None
        if stats is not None:
            stats.update(records=total, reused=reused, computed=len(jobs))

    def summary(self, world: World, series: bool) -> dict[str, Any]:
        per_run = [self.results[self.keys[id(world), r]] for r in range(self.runs)]
        out: dict[str, Any] = {"metrics": summarise(per_run)}
        streets = [getattr(r, "streets", None) for r in per_run]
        if all(s is not None for s in streets) and len(world.streets) > 1:
            # each street's metrics over the runs, in layout order (declared streets first)
            out["streets"] = {
                name: {"metrics": summarise([s[name] for s in streets])}  # type: ignore[index]
                for name in world.streets
            }
        if series:
            band = summarise_series(per_run)
            if band is not None:
                out["series"] = band
        return out


def simulate(
    policy_paths: Iterable[str],
    reforms: Iterable[str] = (),
    months: int = 26,
    runs: int = 20,
    seed: int = 0,
    on: str | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    overrides: dict[str, Any] | None = None,
    resolve_bundled: Callable[[str], str] | None = None,
    sweeps: Iterable[tuple[str, list[float]]] = (),
    scheduler: str | None = None,
    store: str | os.PathLike[str] | RunStore | None = None,
    reform_parts: str | None = None,
    stats: dict[str, int] | None = None,
    series: bool = False,
    max_coverage: float = ATTACHED_COVERAGE,
    notify: Callable[[Message], None] | None = None,
) -> dict[str, Any]:
    """Baseline and reforms, `runs` runs of `months` months each; metrics with intervals over runs,
    and the baseline's calibration against the case. With `sweeps` [(parameter, values), ...],
    also every point of their product, each on the same seeds. With `reform_parts` ("ops" or
    "groups"), also each reform's operations applied cumulatively (parts.py).

    The runs go to `workers` local processes, or to the Dask scheduler at `scheduler`. With `store`
    (a directory), every finished run is written there as it completes and runs already there are
    read instead of recomputed (store.py); `stats`, when given, is filled with the number of runs
    (`records`), how many were read (`reused`) and how many computed (`computed`). With `series`,
    each scenario also carries its runs' series (metrics month by month, reports by day of the
    month: `metrics.summarise_series`), kept in the stored records too. `max_coverage` is PE101's
    threshold as configured: a co-handler covering more grids is not the grid's. A stored record
    that does not verify is recomputed, and `notify` hears why (by default a `StoreWarning`)."""
    reforms, paths, sweeps = list(reforms), [str(p) for p in policy_paths], list(sweeps)
    _check_options(months, runs, seed, workers, scheduler, reforms, reform_parts, paths)
    found = load_scenarios(paths, reforms, on, resolve_bundled, reform_parts)
    points = _points(sweeps, found, runs)
    worlds, part_worlds = _worlds(found, points, on, overrides or {}, max_coverage)
    every = [*(w for ws in worlds for w in ws), *(w for w in part_worlds if w is not None)]
    check_size(every, months, runs)
    runner = _Runner(
        months, runs, seed, store if store is None or isinstance(store, RunStore) else RunStore(store, notify)
    )
    runner.compute(every, workers, scheduler, progress, stats)

    def scenarios_of(i: int) -> dict[str, Any]:
        return {name: runner.summary(worlds[i][s], series) for s, name in enumerate(found.names)}

    scenarios = scenarios_of(0)
    first = worlds[0][0]
    out: dict[str, Any] = {
        "version": VERSION,
        "seed": seed,
        "months": months,
        "runs": runs,
        "interval": INTERVAL,
        "on": on,
        "params": dict(first.params),
        "world": {
            "grids": first.grids,
            "quota": first.quota,
            "levels": list(first.levels),
            "problems": list(first.kinds),
        },
        "scenarios": scenarios,
        "scenario_names": found.titles(),
        "calibration": calibrate(found.baseline, scenarios["baseline"]),
    }
    if sweeps:
        out["sweep"] = {
            "parameters": [name for name, _ in sweeps],
            "points": [{"values": points[i], "scenarios": scenarios_of(i)} for i in range(1, len(points))],
        }
    if reform_parts:
        out["parts"] = {
            "mode": reform_parts,
            "reforms": parts_of(found, part_worlds, scenarios, reform_parts, lambda w: runner.summary(w, series)),
        }
    _finite(out)
    return out


# shared with the sensitivity analysis (sensitivity.py, assumptions.py): the same checks, the same records
Runner = _Runner
check_options = _check_options
allowed_range = _range

__all__ = ["METRICS", "VERSION", "RunStore", "load_policy", "parse_sweep", "simulate"]
