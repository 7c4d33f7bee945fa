"""Runs and reproducibility: `simulate(...)` runs the baseline and every reform `runs` times from
one root seed and returns the result as plain data (the JSON the CLI prints).

Seeds: `SeedSequence(seed)` spawns one child per run; each run's child spawns two streams —
arrivals (the problems: shared by every scenario of the run, common random numbers) and behaviour.
A run is a pure function of (world, months, its seed), so the result is the same bytes whether
the runs go to one process, many (`--workers`) or a Dask cluster (`--scheduler`, backends.py), and
whether they are computed now or read back from a store of finished runs (store.py).
"""

from __future__ import annotations

import os
from typing import Callable, Iterable

import numpy as np

from ..config import STRUCTURAL, Config
from ..diagnostics import Severity
from ..errors import ConfigError, InputError
from ..lint import lint_paths
from ..model import Policy
from ..reform import read_reform
from .calibration import calibrate
from .engine import run
from .backends import execute
from .metrics import INTERVAL, METRICS, run_metrics, summarise, summarise_series
from .parameters import PARAMETERS
from .parts import Part, load_part, split
from .store import RunStore, record_key, world_digest
from .world import World, build_world

VERSION = 1


def load_policy(paths: Iterable[str], on: str | None, reform: str | None = None,
                resolve_bundled: Callable[[str], str] | None = None) -> Policy:
    """The policy (or the reform over its baseline); a structural error is a located InputError."""
    result = lint_paths(list(paths), Config(select=frozenset(STRUCTURAL)), "en", on, reform, resolve_bundled)
    errors = [f for f in result.findings if f.severity >= Severity.ERROR]
    if errors or result.policy is None:
        first = errors[0] if errors else None
        raise InputError(f"{first.message} [{first.code}]" if first else "no policy to simulate",
                         f"{first.message} [{first.code}]" if first else "没有可模拟的策略",
                         first.span if first else None)
    return result.policy


def _streams(seed: int, r: int) -> tuple[np.random.SeedSequence, np.random.SeedSequence]:
    """Run r's two streams: the children 0 and 1 of the root's child r — what
    `SeedSequence(seed).spawn(runs)[r].spawn(2)` gives, built without `spawn`'s state (a
    SeedSequence counts its spawns, so spawning twice from one object gives other children)."""
    return tuple(np.random.SeedSequence(seed, spawn_key=(r, k)) for k in (0, 1))  # type: ignore[return-value]


def _run_scenario(world: World, months: int, seed: int, r: int) -> dict[str, float]:
    """Run r of one scenario: a pure function of its arguments (every scenario of run r gets the
    same two streams: common random numbers)."""
    arrivals_seed, behaviour_seed = _streams(seed, r)
    return run_metrics(run(world, months, np.random.default_rng(arrivals_seed), np.random.default_rng(behaviour_seed)),
                       world)


def parse_sweep(text: str) -> tuple[str, list[float]]:
    """`NAME=LOW:HIGH:STEPS` -> (NAME, STEPS evenly spaced values from LOW to HIGH)."""
    import difflib
    name, _, spec = text.partition("=")
    parts = spec.split(":")
    if name not in PARAMETERS:
        close = difflib.get_close_matches(name, list(PARAMETERS), n=1)
        raise ConfigError(f"--sweep: unknown parameter '{name}'" + (f"; did you mean '{close[0]}'?" if close else
                          "; docs/simulation.md lists them"),
                          f"--sweep:未知参数“{name}”" + (f";是否想写“{close[0]}”?" if close else
                          ";参数列表见 docs/simulation.md"))
    try:
        low, high, steps = float(parts[0]), float(parts[1]), int(parts[2])
        if len(parts) != 3 or steps < 1:
            raise ValueError
    except (ValueError, IndexError):
        raise ConfigError(f"--sweep {text}: expected NAME=LOW:HIGH:STEPS (STEPS an integer >= 1)",
                          f"--sweep {text}:应为 NAME=LOW:HIGH:STEPS(STEPS 为不小于 1 的整数)") from None
    p = PARAMETERS[name]
    for value in (low, high):
        if (p.minimum is not None and value < p.minimum) or (p.maximum is not None and value > p.maximum):
            raise ConfigError(f"--sweep {text}: {name} must lie in [{p.minimum}, {p.maximum}]",
                              f"--sweep {text}:{name} 须在 [{p.minimum}, {p.maximum}] 之内")
    values = [float(f"{v:.10g}") for v in np.linspace(low, high, steps)]
    return name, values


def simulate(policy_paths: Iterable[str], reforms: Iterable[str] = (), months: int = 26, runs: int = 20,
             seed: int = 0, on: str | None = None, workers: int = 1,
             progress: Callable[[int, int], None] | None = None, overrides: dict | None = None,
             resolve_bundled: Callable[[str], str] | None = None,
             sweeps: Iterable[tuple[str, list[float]]] = (), scheduler: str | None = None,
             store: str | os.PathLike | RunStore | None = None, reform_parts: str | None = None,
             stats: dict | None = None,
             series: bool = False) -> dict:
    """Baseline and reforms, `runs` runs of `months` months each; metrics with intervals over runs,
    and the baseline's calibration against the case. With `sweeps` [(parameter, values), ...],
    also every point of their product, each on the same seeds. With `reform_parts` ("ops" or
    "groups"), also each reform's operations applied cumulatively (parts.py).

    The runs go to `workers` local processes, or to the Dask scheduler at `scheduler`. With `store`
    (a directory), every finished run is written there as it completes and runs already there are
    read instead of recomputed (store.py); `stats`, when given, is filled with the number of runs
    (`records`), how many were read (`reused`) and how many computed (`computed`). With `series`,
    each scenario also carries its runs' series (metrics month by month, reports by day of the
    month: `metrics.summarise_series`), kept in the stored records too."""
    if months < 1 or runs < 1 or workers < 1:
        raise InputError("--months, --runs and --workers must be at least 1",
                         "--months、--runs 和 --workers 须至少为 1")
    if seed < 0:
        raise InputError("--seed must be a non-negative integer", "--seed 须为非负整数")
    if scheduler is not None and workers != 1:
        raise ConfigError("--workers and --scheduler exclude each other: the cluster decides how many workers",
                          "--workers 与 --scheduler 不能同时使用:工作进程数由集群决定")
    reforms = list(reforms)
    if reform_parts and not reforms:
        raise ConfigError("--reform-parts splits a reform: give --reform FILE",
                          "--reform-parts 用于拆分改革方案:请给出 --reform FILE")
    paths = [str(p) for p in policy_paths]
    baseline = load_policy(paths, on)
    names, policies, plans = ["baseline"], [baseline], []
    for reform in reforms:
        plan = read_reform(reform, resolve_bundled)
        names.append(plan.id if plan.id not in names else f"{plan.id}#{len(names)}")
        policies.append(load_policy(paths, on, reform, resolve_bundled))
        plans.append((reform, plan, names[-1]))
    part_list: list[tuple[int, Part, Policy | None, str | None]] = []  # (reform index, part, policy, why not)
    if reform_parts:
        for s, (reform, plan, name) in enumerate(plans, 1):
            for part in split(plan, name, reform_parts)[:-1]:
                try:
                    part_list.append((s, part, load_part(paths, on, reform, part.upto, resolve_bundled), None))
                except InputError as error:  # a state short of the whole reform need not be a valid policy
                    part_list.append((s, part, None, error.render("en")))
    sweeps = list(sweeps)
    product: list[dict] = [{}]
    for name, values in sweeps:
        product = [{**pt, name: v} for pt in product for v in values]
    points = [{}, *product] if sweeps else [{}]  # the policy as declared, then each point of the sweep
    worlds = [tuple(build_world(pol, on, {**(overrides or {}), **pt}) for pol in policies) for pt in points]
    part_worlds = [build_world(pol, on, dict(overrides or {})) if pol is not None else None
                   for _, _, pol, _ in part_list]

    # every (world, run) is one record, keyed by what determines it; equal keys are computed once
    digests: dict[int, str] = {}

    def key_of(world: World, r: int) -> str:
        if id(world) not in digests:
            digests[id(world)] = world_digest(world)
        return record_key(digests[id(world)], months, seed, r)

    cells = [(world, r) for ws in worlds for world in ws for r in range(runs)] + \
            [(world, r) for world in part_worlds if world is not None for r in range(runs)]
    keys = {(id(world), r): key_of(world, r) for world, r in cells}
    todo: dict[str, tuple[World, int]] = {}
    for world, r in cells:
        todo.setdefault(keys[id(world), r], (world, r))
    if store is not None and not isinstance(store, RunStore):
        store = RunStore(store)
    results: dict[str, dict[str, float]] = {}
    if store is not None:
        for key in todo:
            found = store.load(key)
            if found is not None:
                results[key] = found
    jobs = [(key, _run_scenario, (world, months, seed, r)) for key, (world, r) in todo.items() if key not in results]
    reused, total = len(results), len(todo)
    if progress:
        progress(reused, total)

    def finished(key: str, metrics: dict[str, float]) -> None:
        results[key] = metrics
        if store is not None:
            store.save(key, metrics, {"run": todo[key][1], "seed": seed, "months": months, "version": VERSION})
        if progress:
            progress(len(results), total)

    execute(jobs, finished, workers, scheduler)
    if stats is not None:
        stats.update(records=total, reused=reused, computed=len(jobs))

    def summary(world: World) -> dict:
        per_run = [results[keys[id(world), r]] for r in range(runs)]
        out = {"metrics": summarise(per_run)}
        if series:
            band = summarise_series(per_run)
            if band is not None:
                out["series"] = band
        return out

    def scenarios_of(i: int) -> dict:
        return {name: summary(worlds[i][s]) for s, name in enumerate(names)}

    scenarios = scenarios_of(0)
    out = {
        "version": VERSION, "seed": seed, "months": months, "runs": runs,
        "interval": INTERVAL, "on": on,
        "params": dict(worlds[0][0].params),
        "world": {"grids": worlds[0][0].grids, "quota": worlds[0][0].quota, "levels": list(worlds[0][0].levels),
                  "problems": list(worlds[0][0].kinds)},
        "scenarios": scenarios,
        "calibration": calibrate(baseline, scenarios["baseline"]["metrics"]),
    }
    if sweeps:
        out["sweep"] = {"parameters": [name for name, _ in sweeps],
                        "points": [{"values": points[i], "scenarios": scenarios_of(i)} for i in range(1, len(points))]}
    if reform_parts:
        out["parts"] = {"mode": reform_parts, "reforms": {}}
        for s, (reform, plan, name) in enumerate(plans, 1):
            entries = []
            for (t, part, _, why), world in zip(part_list, part_worlds):
                if t != s:
                    continue
                entry = {"scenario": part.name, "operations": [1, part.upto], "adds": part.adds}
                entries.append({**entry, **summary(world)} if world is not None else {**entry, "skipped": why})
            whole = split(plan, name, reform_parts)[-1] if plan.operations else None
            if whole is not None:
                entries.append({"scenario": name, "operations": [1, whole.upto], "adds": whole.adds,
                                **scenarios[name]})
            out["parts"]["reforms"][name] = entries
    return out


__all__ = ["simulate", "parse_sweep", "load_policy", "METRICS", "VERSION", "RunStore"]
