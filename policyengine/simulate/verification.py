"""Verification, audits and the report-format rule of one month (docs/simulation.md, rule 7): how
many closed reports each worker verifies within the deadline, how many workarounds an audit exposes
(unless street and community tolerate them), how many reports the platform rejects.

The grids whose own results a regime with consequences scores, or whose chance of verifying on time
is their own (more closed reports than a worker can verify), are drawn one by one; the others street
by street — a sum of binomials with one chance is one binomial, and no rule reads their grid's count.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass
class Checked:
    on_time: NDArray[np.int64]  # (G,) closed reports verified within the deadline (grids drawn one by one)
    caught: NDArray[np.int64]  # (G,) workarounds exposed by an audit (idem)
    unqualified: NDArray[np.int64]  # (G,) unqualified reports (idem)
    pooled: dict[str, NDArray[np.int64]]  # per street: the same counts of the other grids, by counter name


def check(
    rng: np.random.Generator,
    closed: NDArray[np.int64],
    workarounds: NDArray[np.int64],
    reports: NDArray[np.int64],
    already_unqualified: NDArray[np.int64],
    on_time_chance: NDArray[np.float64],
    base: float,
    audit: float,
    reject: float,
    one_by_one: NDArray[np.bool_],
    street: NDArray[np.int64],
    streets: int,
) -> Checked:
    """`on_time_chance` per grid (at most `base`); `audit`: the chance a workaround is exposed;
    `reject`: the chance a report breaks the format rule."""
    G = closed.size
    exact = one_by_one | (on_time_chance < base)
    on_time, caught, rejected = (np.zeros(G, dtype=np.int64) for _ in range(3))
    e = np.flatnonzero(exact)
    on_time[e] = closed[e] - rng.binomial(closed[e], 1.0 - on_time_chance[e])  # the late: the rarer draw
    caught[e] = rng.binomial(workarounds[e], audit)
    rejected[e] = rng.binomial(reports[e] - already_unqualified[e] - caught[e], reject)
    unqualified = np.where(exact, already_unqualified + caught + rejected, 0)
    pooled = ~exact

    def per_street(v: NDArray[np.int64]) -> NDArray[np.int64]:
        return np.bincount(street[pooled], weights=v[pooled], minlength=streets).astype(np.int64)

    closed_s, caught_s = per_street(closed), rng.binomial(per_street(workarounds), audit)
    rejected_s = rng.binomial(per_street(reports - already_unqualified) - caught_s, reject)
    return Checked(
        on_time,
        caught,
        unqualified,
        {
            "verified_on_time": closed_s - rng.binomial(closed_s, 1.0 - base),
            "caught": caught_s,
            "unqualified": per_street(already_unqualified) + caught_s + rejected_s,
        },
    )


__all__ = ["Checked", "check"]
