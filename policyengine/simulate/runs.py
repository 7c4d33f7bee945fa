"""Runs and reproducibility: `simulate(...)` runs the baseline and every reform `runs` times from
one root seed and returns the result as plain data (the JSON the CLI prints).

Seeds: `SeedSequence(seed)` spawns one child per run; each run's child spawns two streams —
arrivals (the problems: shared by every scenario of the run, common random numbers) and behaviour.
A run is a pure function of (world, months, its seed), so the result is the same bytes whether
the runs go to one process or many.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
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
from .metrics import INTERVAL, METRICS, run_metrics, summarise
from .parameters import PARAMETERS
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


def _run_one(worlds: tuple[World, ...], months: int, seed: np.random.SeedSequence) -> list[dict[str, float]]:
    arrivals_seed, behaviour_seed = seed.spawn(2)
    return [run_metrics(run(w, months, np.random.default_rng(arrivals_seed), np.random.default_rng(behaviour_seed)), w)
            for w in worlds]


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
             sweeps: Iterable[tuple[str, list[float]]] = ()) -> dict:
    """Baseline and reforms, `runs` runs of `months` months each; metrics with intervals over runs,
    and the baseline's calibration against the case. With `sweeps` [(parameter, values), ...],
    also every point of their product, each on the same seeds."""
    if months < 1 or runs < 1 or workers < 1:
        raise InputError("--months, --runs and --workers must be at least 1",
                         "--months、--runs 和 --workers 须至少为 1")
    if seed < 0:
        raise InputError("--seed must be a non-negative integer", "--seed 须为非负整数")
    paths = [str(p) for p in policy_paths]
    baseline = load_policy(paths, on)
    names, policies = ["baseline"], [baseline]
    for reform in reforms:
        plan = read_reform(reform, resolve_bundled)
        names.append(plan.id if plan.id not in names else f"{plan.id}#{len(names)}")
        policies.append(load_policy(paths, on, reform, resolve_bundled))
    sweeps = list(sweeps)
    product: list[dict] = [{}]
    for name, values in sweeps:
        product = [{**pt, name: v} for pt in product for v in values]
    points = [{}, *product] if sweeps else [{}]  # the policy as declared, then each point of the sweep
    worlds = [tuple(build_world(pol, on, {**(overrides or {}), **pt}) for pol in policies) for pt in points]
    seeds = np.random.SeedSequence(seed).spawn(runs)
    jobs = [(i, r) for i in range(len(points)) for r in range(runs)]
    results: dict[tuple[int, int], list[dict[str, float]]] = {}
    if workers == 1 or len(jobs) == 1:
        for done, (i, r) in enumerate(jobs, 1):
            results[i, r] = _run_one(worlds[i], months, seeds[r])
            if progress:
                progress(done, len(jobs))
    else:
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs), os.cpu_count() or workers)) as pool:
            futures = {pool.submit(_run_one, worlds[i], months, seeds[r]): (i, r) for i, r in jobs}
            for done, future in enumerate(as_completed(futures), 1):
                results[futures[future]] = future.result()
                if progress:
                    progress(done, len(jobs))

    def scenarios_of(i: int) -> dict:
        return {name: {"metrics": summarise([results[i, r][s] for r in range(runs)])} for s, name in enumerate(names)}

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
    return out


__all__ = ["simulate", "parse_sweep", "load_policy", "METRICS", "VERSION"]
