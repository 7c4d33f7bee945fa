"""How a run's random numbers are derived from the root seed, and one run of one scenario with them.

A record in the run store is keyed by this code too (store.py): a change to how seeds are derived
never reads records drawn with the old ones.
"""

from __future__ import annotations

import numpy as np

from .engine import run
from .metrics import run_metrics
from .world import World


def streams(seed: int, r: int) -> tuple[np.random.SeedSequence, np.random.SeedSequence]:
    """Run r's two streams: the children 0 and 1 of the root's child r — what
    `SeedSequence(seed).spawn(runs)[r].spawn(2)` gives, built without `spawn`'s state (a
    SeedSequence counts its spawns, so spawning twice from one object gives other children)."""
    return (np.random.SeedSequence(seed, spawn_key=(r, 0)), np.random.SeedSequence(seed, spawn_key=(r, 1)))


def run_scenario(world: World, months: int, seed: int, r: int) -> dict[str, float]:
    """Run r of one scenario: a pure function of its arguments (every scenario of run r gets the
    same two streams: common random numbers)."""
    arrivals_seed, behaviour_seed = streams(seed, r)
    return run_metrics(
        run(world, months, np.random.default_rng(arrivals_seed), np.random.default_rng(behaviour_seed)), world
    )
