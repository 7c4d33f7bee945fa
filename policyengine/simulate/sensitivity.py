"""Global sensitivity over the assumptions (`simulate --sensitivity`): every parameter whose
policy declares a `range` is varied over it, by a sample SALib draws (Morris trajectories, or
Saltelli's sample for Sobol' indices), and the baseline and every reform run at each sample point on
the same seeds (common random numbers: two points differ only by the assumptions).

The runs are the same records as a simulation's (runs.py `Runner`): spread over local processes
or a Dask cluster, stored under `--out` as they finish and read back on a rerun, so an interrupted
analysis resumes. The sample is drawn from a seed derived from the root seed, so the analysis is a
pure function of its inputs: the same bytes whatever the backend. What the runs give is summarised
in sensitivity_stats.py.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from ..errors import ConfigError, InputError
from ..messages import Message
from .assumptions import Declared, declared_ranges, where_to_declare
from .metrics import METRICS
from .runs import MAX_RECORDS, VERSION, Runner, check_options, check_size
from .scenarios import load_scenarios
from .sensitivity_file import digest_of
from .sensitivity_stats import MORRIS_LEVELS, effects, indices, rounded
from .store import RunStore
from .world import ATTACHED_COVERAGE, World, build_world

METHODS = ("morris", "sobol")
# The sample's seed is the root seed's child with this spawn key: never one of a run's streams
# (those are (r, 0) and (r, 1)), so drawing the sample takes nothing from the runs' numbers.
SAMPLE_KEY = (0x5E5,)


def require() -> None:
    """A one-line InputError when SALib (the `sensitivity` extra) is not installed."""
    try:
        import SALib  # noqa: F401
    except ImportError:
        raise InputError.of("assumptions.salib_missing") from None


def sample_seed(seed: int) -> int:
    """The seed SALib draws the sample (and its bootstrap) with, derived from the root seed."""
    return int(np.random.SeedSequence(seed, spawn_key=SAMPLE_KEY).generate_state(1)[0])


def sobol_points(samples: int, dimensions: int) -> int:
    """Saltelli's sample for first, total and second-order indices: N x (2D + 2) points."""
    return samples * (2 * dimensions + 2)


def draw(method: str, ranges: dict[str, Declared], samples: int, seed: int) -> list[dict[str, float]]:
    """The sample points, each a value for every ranged parameter, within its range."""
    from SALib.sample import morris, sobol

    names = list(ranges)
    problem = {"num_vars": len(names), "names": names, "bounds": [[r.low, r.high] for r in ranges.values()]}
    with warnings.catch_warnings():  # Sobol' sequences prefer N a power of 2 (docs/simulation.md)
        warnings.simplefilter("ignore")
        if method == "morris":
            x = morris.sample(problem, samples, num_levels=MORRIS_LEVELS, seed=sample_seed(seed))
        else:
            x = sobol.sample(problem, samples, calc_second_order=True, seed=sample_seed(seed))
    points = []
    for row in np.asarray(x, dtype=float):
        # ten digits, as a sweep's values; never past a bound through rounding
        values = [min(max(float(f"{v:.10g}"), r.low), r.high) for v, r in zip(row, ranges.values(), strict=True)]
        points.append(dict(zip(names, values, strict=True)))
    return points


def _varied(ranges: dict[str, Declared], span_of_section: Any) -> tuple[dict[str, Declared], dict[str, float]]:
    """The ranges that vary (LOW < HIGH), and those that fix a value (LOW = HIGH)."""
    varied = {n: r for n, r in ranges.items() if r.low < r.high}
    fixed = {n: r.low for n, r in ranges.items() if r.low == r.high}
    if not varied:
        raise InputError.of("assumptions.no_ranges", span_of_section)
    return varied, fixed


def _budget(method: str, samples: int, dimensions: int, scenarios: int, runs: int) -> int:
    """The sample's size; refused before anything is drawn when its runs exceed MAX_RECORDS."""
    points = samples * (dimensions + 1) if method == "morris" else sobol_points(samples, dimensions)
    records = (points + 1) * scenarios * runs
    if records > MAX_RECORDS:
        if method == "sobol":
            morris_n = max(2, MAX_RECORDS // ((dimensions + 1) * scenarios * runs) - 1)
            raise InputError.of(
                "assumptions.sobol_budget", records=records, limit=MAX_RECORDS, morris=min(morris_n, samples)
            )
        raise InputError.of("simulate.too_many_runs", records=records, limit=MAX_RECORDS)
    return points


def sensitivity(
    policy_paths: Iterable[str],
    reforms: Iterable[str] = (),
    method: str = "morris",
    samples: int = 10,
    months: int = 26,
    runs: int = 20,
    seed: int = 0,
    on: str | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    resolve_bundled: Callable[[str], str] | None = None,
    scheduler: str | None = None,
    store: str | os.PathLike[str] | RunStore | None = None,
    stats: dict[str, int] | None = None,
    max_coverage: float = ATTACHED_COVERAGE,
    notify: Callable[[Message], None] | None = None,
) -> dict[str, Any]:
    """The sensitivity of every metric, and of every reform's effect, to the ranged assumptions
    (docs/simulation.md, "Sensitivity over the assumptions"); the arguments as `simulate`'s."""
    if method not in METHODS:
        raise ConfigError.of("assumptions.method", method=method)
    if samples < 2:
        raise InputError.of("assumptions.samples")
    require()
    reforms, paths = list(reforms), [str(p) for p in policy_paths]
    check_options(months, runs, seed, workers, scheduler, reforms, None, paths)
    found = load_scenarios(paths, reforms, on, resolve_bundled, None)
    sim = found.baseline.simulation
    varied, fixed = _varied(declared_ranges(sim), where_to_declare(sim))
    _budget(method, samples, len(varied), len(found.policies), runs)
    points = [{}, *({**fixed, **p} for p in draw(method, varied, samples, seed))]
    try:
        worlds = [tuple(build_world(pol, on, dict(pt), max_coverage) for pol in found.policies) for pt in points]
    except MemoryError:
        raise InputError.of("simulate.out_of_memory", kept="") from None
    every = [w for ws in worlds for w in ws]
    check_size(every, months, runs)
    runner = Runner(
        months, runs, seed, store if store is None or isinstance(store, RunStore) else RunStore(store, notify)
    )
    runner.compute(every, workers, scheduler, progress, stats)
    return _result(method, samples, months, runs, seed, on, found.names, varied, fixed, worlds, runner, found.titles())


def _means(runner: Runner, world: World) -> dict[str, float]:
    """Each metric's mean over the runs of one world (in run order: the same sum everywhere)."""
    per_run = [runner.results[runner.keys[id(world), r]] for r in range(runner.runs)]
    return {m: float(np.mean([run[m] for run in per_run])) for m in METRICS}


def _result(
    method: str,
    samples: int,
    months: int,
    runs: int,
    seed: int,
    on: str | None,
    names: list[str],
    varied: dict[str, Declared],
    fixed: dict[str, float],
    worlds: list[tuple[World, ...]],
    runner: Runner,
    titles: dict[str, dict[str, str | None]],
) -> dict[str, Any]:
    means = [[_means(runner, w) for w in ws] for ws in worlds]
    declared = worlds[0][0].params
    outputs = {
        name: {m: np.array([means[p][s][m] for p in range(1, len(worlds))]) for m in METRICS}
        for s, name in enumerate(names)
    }
    x = np.array([[worlds[p][0].params[n] for n in varied] for p in range(1, len(worlds))], dtype=float)
    problem = {"num_vars": len(varied), "names": list(varied), "bounds": [[r.low, r.high] for r in varied.values()]}
    out: dict[str, Any] = {
        "version": VERSION,
        "kind": "sensitivity",
        "method": method,
        "samples": samples,
        "points": len(worlds) - 1,
        "runs": runs,
        "months": months,
        "seed": seed,
        "on": on,
        "interval": "2.5-97.5 percentiles of the effect over the sample points",
        "parameters": [{"name": n, "low": r.low, "high": r.high, "declared": declared[n]} for n, r in varied.items()],
        "fixed": fixed,
        "sobol_points": sobol_points(samples, len(varied)),
        "scenarios": names,
        "scenario_names": titles,
        "declared": {name: {m: rounded(means[0][s][m]) for m in METRICS} for s, name in enumerate(names)},
        "values": x.tolist(),
        "indices": {m: indices(method, problem, x, outputs["baseline"][m], sample_seed(seed)) for m in METRICS},
        "effects": {
            name: effects(method, problem, x, outputs, means[0], name, s, sample_seed(seed))
            for s, name in enumerate(names)
            if s > 0
        },
        "outputs": {name: {m: [rounded(v) for v in outputs[name][m]] for m in METRICS} for name in names},
    }
    out["digest"] = digest_of(out)  # a saved result read back (report --sensitivity-from) must match it
    return out


__all__ = ["METHODS", "draw", "require", "sample_seed", "sensitivity", "sobol_points"]
