"""Within-month timing (docs/simulation.md, rule 10) and the other side streams of a run: children
derived from a stream's seed without drawing from it, so that no draw of the run's two main streams
depends on them; and the days of the month fabricated reports fall on.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .tally import MAX_DAYS

# Within-month timing (docs/simulation.md, rule 10). An ASSUMPTION: the case gives no number.
FABRICATED_PER_DAY = 4.0  # reports a worker fabricates a day at most, working back from the month's last day
TIMING_KEY = 0x71D  # spawn key of the timing child of a stream
RETURN_KEY = 0x7E7  # spawn key of the child of the behaviour stream drawn for returned events
DETECT_KEY = 0xDE7  # spawn key of the child of the arrivals stream drawn for which problems are found


def timing_stream(stream: np.random.Generator, key: int = TIMING_KEY) -> np.random.Generator:
    """A child of `stream` (within-month timing by default), derived from its seed without drawing
    from it (so no draw of the stream depends on it): same seed, same child, in every process."""
    ss = getattr(stream.bit_generator, "seed_seq", None)
    if ss is None or not hasattr(ss, "spawn_key"):  # a stream without a seed sequence: draw a seed from it
        return np.random.default_rng(int(stream.integers(2**63)))
    return np.random.default_rng(
        np.random.SeedSequence(ss.entropy, spawn_key=(*ss.spawn_key, key), pool_size=ss.pool_size)
    )


def fabricated_days(n_fab: NDArray[np.int64], D: int, clock: np.random.Generator) -> NDArray[np.int64]:
    """Fabricated reports per day of the month (MAX_DAYS columns): a worker fabricating f reports works
    back from the month's last day, at most FABRICATED_PER_DAY a day, so their reports fall uniformly
    over the last ceil(f / FABRICATED_PER_DAY) days (at most the whole month). One uniform draw per
    fabricated report: a few thousand a month, cheaper than a multinomial per worker."""
    total = int(n_fab.sum())
    if not total:
        return np.zeros(MAX_DAYS, dtype=np.int64)
    window = np.repeat(np.clip(np.ceil(n_fab / FABRICATED_PER_DAY), 1, D).astype(np.int64), n_fab)
    day = D - 1 - np.floor(clock.random(total) * window).astype(np.int64)  # 0-based
    return np.bincount(day, minlength=MAX_DAYS)[:MAX_DAYS]
