"""Measurement, kept out of the model: the named metrics computed from a run's monthly tallies,
and their summary over runs. Definitions: docs/simulation.md#metrics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Required, SupportsFloat, TypedDict

import numpy as np
from numpy.typing import NDArray

from .parameters import value_of
from .tally import FABRICATED, GENUINE, MAX_DAYS, RESOLVED, STATES, C, Tally
from .world import World

METRICS = (
    "true_resolution_rate",
    "reported_closure_rate",
    "suspension_gap",
    "cost_per_true_resolution",
    "fabricated_share",
    "cosmetic_closure_share",
    "qualification_rate",
    "on_time_verification_rate",
    "district_transfers_per_community",
    "returns_per_month",
    "urban_public_order_closure_share",
    "dismissals",
    "lost_pay_share",
    "packaged_share",
    "dead_end_share",
    "district_hours_per_month",
    "reports_per_month",
)
INTERVAL = "2.5-97.5 percentiles of the per-run values"
LAST_DAYS = 5  # "month end": the last days of a month, for the share of reports made then


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


class RunSeries(TypedDict, total=False):
    """A run's series (`run_series`); the days only when the run counted them."""

    metrics: Required[dict[str, list[float]]]  # each metric, month by month
    day_of_month: dict[str, list[int]]  # reports per day of the month: genuine, fabricated
    last_days_share: dict[str, float]  # the share of each made in the month's last LAST_DAYS days


class RunMetrics(dict[str, float]):
    """A run's metrics {name: value}, with the run's series attached as `.series` and its metrics
    street by street as `.streets` (not keys: code that reads the metrics sees only them). Pickles
    with both across processes."""

    series: RunSeries | None = None
    streets: dict[str, dict[str, float]] | None = None


def run_metrics(tally: Tally, world: World) -> RunMetrics:
    months = tally.counts.shape[0]
    out = RunMetrics(_metrics(tally.counts.sum(axis=0), months, world))
    out.series = run_series(tally, world)
    if tally.by_street is not None:
        totals = tally.by_street.sum(axis=0)  # (streets, COUNTERS)
        communities = [np.unique(world.community[world.street == s]).size for s in range(len(world.streets))]
        out.streets = {name: _metrics(totals[s], months, world, communities[s]) for s, name in enumerate(world.streets)}
    return out


def _metrics(totals: NDArray[np.int64], months: int, world: World, communities: int | None = None) -> dict[str, float]:
    """The metrics of `months` months whose counters sum to `totals` (a row of COUNTERS), over
    `communities` communities (default: the world's) and the grids the totals count."""

    def t(name: str) -> int:
        return int(totals[C[name]])

    resolved = sum(t(STATES[s]) for s in RESOLVED)
    true_rate = _ratio(resolved, t("arisen"))
    closure = _ratio(t("closed"), t("reports"))
    per_event = value_of(world.params, "department_cost_per_event_yuan")
    grids = t("grids") / months if months else 0
    cost = world.grid_cost_per_month * grids * months + per_event * t("handled_above")
    if communities is None:
        communities = int(world.community.max()) + 1 if world.grids else 1
    return {
        "true_resolution_rate": true_rate,
        "reported_closure_rate": closure,
        "suspension_gap": closure - true_rate,
        "cost_per_true_resolution": _ratio(cost, resolved),
        "fabricated_share": _ratio(t("fabricated"), t("reports")),
        "cosmetic_closure_share": _ratio(t("cosmetic_closed"), t("closed")),
        "qualification_rate": 1 - _ratio(t("unqualified"), t("reports")),
        "on_time_verification_rate": _ratio(t("verified_on_time"), t("to_verify")),
        "district_transfers_per_community": _ratio(t("district_transfers"), communities) * _ratio(24, months),
        "returns_per_month": _ratio(t("returns"), months),
        "urban_public_order_closure_share": _ratio(t("closed_urban"), t("closed")),
        "dismissals": float(t("dismissals")),
        "lost_pay_share": _ratio(t("lost_pay"), t("grids")),
        "packaged_share": _ratio(t("packaged"), t("closed")),
        "dead_end_share": _ratio(t("dead_end"), t("escalated")),
        "district_hours_per_month": _ratio(t("settled_top"), months) * value_of(world.params, "hours_per_event_above"),
        "reports_per_month": _ratio(t("reports"), months),
    }


def run_series(tally: Tally, world: World) -> RunSeries:
    """A run's series: each metric month by month (a month's counters alone, so a rate per 24 months
    is that month's times 24), reports per day of the month over the run (genuine and fabricated),
    and the share of each kind made in the last LAST_DAYS days of their month."""
    months = tally.counts.shape[0]
    per_month = [_metrics(tally.counts[m], 1, world) for m in range(months)]
    out: RunSeries = {"metrics": {name: [r[name] for r in per_month] for name in METRICS}}
    if tally.days is not None:
        assert tally.month_length is not None  # the loop counts the days and the months' lengths together
        by_day = tally.days.sum(axis=0)  # (2, MAX_DAYS)
        last = np.arange(MAX_DAYS)[None, :] >= (tally.month_length[:, None] - LAST_DAYS)  # (months, MAX_DAYS)
        in_last = (tally.days * last[:, None, :]).sum(axis=(0, 2))
        out["day_of_month"] = {"genuine": by_day[GENUINE].tolist(), "fabricated": by_day[FABRICATED].tolist()}
        out["last_days_share"] = {
            "genuine": _ratio(int(in_last[GENUINE]), int(by_day[GENUINE].sum())),
            "fabricated": _ratio(int(in_last[FABRICATED]), int(by_day[FABRICATED].sum())),
        }
    return out


def summarise(per_run: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Mean and a 2.5-97.5 percentile interval over runs, per metric."""
    out = {}
    for name in METRICS:
        values = np.array([r[name] for r in per_run], dtype=float)
        low, high = np.percentile(values, [2.5, 97.5])
        out[name] = {"mean": _round(values.mean()), "low": _round(low), "high": _round(high)}
    return out


def _round(x: SupportsFloat) -> float:
    return float(f"{float(x):.6g}")


def summarise_series(per_run: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """The runs' series (each a `RunMetrics`, or its `.series`) as mean and 2.5-97.5 percentiles over
    runs, element by element: {"months": [1..N], "metrics": {NAME: {"mean": [...], "low": [...],
    "high": [...]}}, "day_of_month": {"days": [1..31], "genuine": {...}, "fabricated": {...}},
    "last_days": {"days": LAST_DAYS, "genuine_share": {...}, "fabricated_share": {...}}}.
    None unless every run carries series (runs read back from a store keep only their metrics)."""
    series = [getattr(r, "series", r) for r in per_run]
    if not series or not all(isinstance(s, dict) and "metrics" in s for s in series):
        return None

    def band(rows: list[Any]) -> dict[str, list[float] | float]:
        values = np.array(rows, dtype=float)
        low, high = np.percentile(values, [2.5, 97.5], axis=0)
        return {"mean": _round_all(values.mean(axis=0)), "low": _round_all(low), "high": _round_all(high)}

    months = len(series[0]["metrics"][METRICS[0]])
    out: dict[str, Any] = {
        "months": list(range(1, months + 1)),
        "metrics": {name: band([s["metrics"][name] for s in series]) for name in METRICS},
    }
    if all("day_of_month" in s for s in series):
        out["day_of_month"] = {
            "days": list(range(1, MAX_DAYS + 1)),
            **{k: band([s["day_of_month"][k] for s in series]) for k in ("genuine", "fabricated")},
        }
        out["last_days"] = {
            "days": LAST_DAYS,
            **{f"{k}_share": band([s["last_days_share"][k] for s in series]) for k in ("genuine", "fabricated")},
        }
    return out


def _round_all(values: NDArray[np.float64]) -> list[float] | float:
    return [_round(v) for v in values] if np.ndim(values) else _round(values)
