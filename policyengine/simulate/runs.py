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
from ..errors import InputError
from ..lint import lint_paths
from ..model import Policy
from ..reform import read_reform
from .calibration import calibrate
from .engine import run
from .metrics import INTERVAL, METRICS, run_metrics, summarise
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


def simulate(policy_paths: Iterable[str], reforms: Iterable[str] = (), months: int = 26, runs: int = 20,
             seed: int = 0, on: str | None = None, workers: int = 1,
             progress: Callable[[int, int], None] | None = None, overrides: dict | None = None,
             resolve_bundled: Callable[[str], str] | None = None) -> dict:
    """Baseline and reforms, `runs` runs of `months` months each; metrics with intervals over runs,
    and the baseline's calibration against the case."""
    if months < 1 or runs < 1 or workers < 1:
        raise InputError("--months, --runs and --workers must be at least 1",
                         "--months、--runs 和 --workers 须至少为 1")
    if seed < 0:
        raise InputError("--seed must be a non-negative integer", "--seed 须为非负整数")
    paths = [str(p) for p in policy_paths]
    baseline = load_policy(paths, on)
    names, worlds = ["baseline"], [build_world(baseline, on, overrides)]
    for reform in reforms:
        plan = read_reform(reform, resolve_bundled)
        name = plan.id if plan.id not in names else f"{plan.id}#{len(names)}"
        names.append(name)
        worlds.append(build_world(load_policy(paths, on, reform, resolve_bundled), on, overrides))
    seeds = np.random.SeedSequence(seed).spawn(runs)
    per_run: list[list[dict[str, float]] | None] = [None] * runs
    frozen = tuple(worlds)
    if workers == 1 or runs == 1:
        for r in range(runs):
            per_run[r] = _run_one(frozen, months, seeds[r])
            if progress:
                progress(r + 1, runs)
    else:
        with ProcessPoolExecutor(max_workers=min(workers, runs, os.cpu_count() or workers)) as pool:
            futures = {pool.submit(_run_one, frozen, months, seeds[r]): r for r in range(runs)}
            for done, future in enumerate(as_completed(futures), 1):
                per_run[futures[future]] = future.result()
                if progress:
                    progress(done, runs)
    scenarios = {name: {"metrics": summarise([per_run[r][i] for r in range(runs)])}
                 for i, name in enumerate(names)}
    return {
        "version": VERSION, "seed": seed, "months": months, "runs": runs,
        "interval": INTERVAL, "on": on,
        "params": {k: v for k, v in worlds[0].params.items()},
        "world": {"grids": worlds[0].grids, "quota": worlds[0].quota, "levels": list(worlds[0].levels),
                  "problems": list(worlds[0].kinds)},
        "scenarios": scenarios,
        "calibration": calibrate(baseline, scenarios["baseline"]["metrics"]),
    }


__all__ = ["simulate", "load_policy", "METRICS", "VERSION"]
