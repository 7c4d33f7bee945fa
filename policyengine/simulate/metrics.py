"""Measurement, kept out of the model: the named metrics computed from a run's monthly tallies,
and their summary over runs. Definitions: docs/simulation.md#metrics."""

from __future__ import annotations

import numpy as np

from .engine import RESOLVED, STATES, Tally
from .world import World

METRICS = (
    "true_resolution_rate", "reported_closure_rate", "suspension_gap", "cost_per_true_resolution",
    "fabricated_share", "cosmetic_closure_share", "qualification_rate", "on_time_verification_rate",
    "district_transfers_per_community", "returns_per_month", "urban_public_order_closure_share", "dismissals",
)
INTERVAL = "2.5-97.5 percentiles of the per-run values"


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def run_metrics(tally: Tally, world: World) -> dict[str, float]:
    t = tally.total
    months = tally.counts.shape[0]
    resolved = sum(t(STATES[s]) for s in RESOLVED)
    true_rate = _ratio(resolved, t("arisen"))
    closure = _ratio(t("closed"), t("reports"))
    cost = world.grid_cost_per_month * world.grids * months + \
        float(world.params["department_cost_per_event_yuan"]) * t("handled_above")
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
    }


def summarise(per_run: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Mean and a 2.5-97.5 percentile interval over runs, per metric."""
    out = {}
    for name in METRICS:
        values = np.array([r[name] for r in per_run], dtype=float)
        low, high = np.percentile(values, [2.5, 97.5])
        out[name] = {"mean": _round(values.mean()), "low": _round(low), "high": _round(high)}
    return out


def _round(x: float) -> float:
    return float(f"{float(x):.6g}")
