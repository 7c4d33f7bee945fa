"""What a sensitivity analysis's runs say (sensitivity.py runs them): per metric, the assumptions
ranked by how much they move it (Morris mu*, or Sobol' total index), and per reform and metric, the
effect (reform - baseline, mean over runs) at the declared values and over the sample points — the
share of the points whose effect has the declared effect's sign, and its 2.5-97.5 percentiles.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .metrics import METRICS

Problem = dict[str, Any]  # SALib's problem: num_vars, names, bounds
# what each method reports per parameter, in this order, and the one it ranks by
COLUMNS = {"morris": ("mu_star", "mu_star_conf", "sigma"), "sobol": ("ST", "ST_conf", "S1", "S1_conf")}
RANK_BY = {"morris": "mu_star", "sobol": "ST"}
MORRIS_LEVELS = 4  # the grid of a Morris trajectory: 4 levels of each range (SALib's default)
BOOTSTRAP = 100  # resamples for the 95% confidence of mu* and of the Sobol' indices


def rounded(x: float) -> float:
    """Six significant digits, as the simulation's JSON: the same bytes wherever it was computed."""
    return float(f"{float(x):.6g}")


def indices(method: str, problem: Problem, x: NDArray[np.float64], y: NDArray[np.float64], seed: int) -> list[Any]:
    """The parameters ranked by their effect on `y` (largest first, then in declaration order)."""
    names: list[str] = list(problem["names"])
    columns = COLUMNS[method]
    if not len(y) or float(np.ptp(y)) == 0.0:  # nothing moves the metric: every index is 0
        found = {c: [0.0] * len(names) for c in columns}
    else:
        found = _analyse(method, problem, x, y, seed)
    rows: list[dict[str, Any]] = [
        {"parameter": n, **{c: _finite(found[c][i]) for c in columns}} for i, n in enumerate(names)
    ]
    ranking = [float(r[RANK_BY[method]]) for r in rows]
    order = sorted(range(len(rows)), key=lambda i: (-ranking[i], i))
    return [rows[i] for i in order]


def _analyse(
    method: str, problem: Problem, x: NDArray[np.float64], y: NDArray[np.float64], seed: int
) -> dict[str, list[float]]:
    from SALib.analyze import morris, sobol

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        if method == "morris":
            got = morris.analyze(problem, x, y, num_resamples=BOOTSTRAP, num_levels=MORRIS_LEVELS, seed=seed)
        else:
            got = sobol.analyze(problem, y, calc_second_order=True, num_resamples=BOOTSTRAP, seed=seed)
    return {c: [float(v) for v in np.asarray(got[c], dtype=float)] for c in COLUMNS[method]}


def _finite(value: float) -> float:
    """A finite, rounded index; an index SALib cannot estimate (a variance of 0 in a bootstrap) is 0."""
    return rounded(value) if math.isfinite(value) else 0.0


def effects(
    method: str,
    problem: Problem,
    x: NDArray[np.float64],
    outputs: dict[str, dict[str, NDArray[np.float64]]],
    declared: list[dict[str, float]],
    name: str,
    s: int,
    seed: int,
) -> dict[str, Any]:
    """Per metric: reform `name` (scenario `s`) minus the baseline, at the declared values and at
    every sample point; the share of points with the declared effect's sign; what moves it most."""
    out: dict[str, Any] = {}
    for m in METRICS:
        at_points = outputs[name][m] - outputs["baseline"][m]
        per_point = [rounded(v) for v in at_points]
        at_declared = rounded(declared[s][m] - declared[0][m])
        sign = int(np.sign(at_declared))
        same = sum(1 for v in per_point if int(np.sign(v)) == sign)
        low, high = np.percentile(np.array(per_point), [2.5, 97.5]) if per_point else (0.0, 0.0)
        out[m] = {
            "declared": at_declared,
            "sign": sign,
            "same_sign": same,
            "share": same / len(per_point) if per_point else 0.0,
            "low": rounded(low),
            "high": rounded(high),
            "indices": indices(method, problem, x, np.array(per_point), seed),
            "points": per_point,
        }
    return out


__all__ = ["COLUMNS", "MORRIS_LEVELS", "RANK_BY", "effects", "indices", "rounded"]
