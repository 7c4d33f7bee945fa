"""The calibration report: the baseline's simulated values against the case's figures (§7).

Case values are read from the policy's `figures` when it declares them (H District does, each with
its source), else the case's numbers below; each target has a window of simulated values counted as
agreeing with the case. A target that a parameter's default was set to hit names that parameter
(`fitted_by`): agreement there is fitted, not produced by the model.
"""

from __future__ import annotations

from typing import TypedDict

from ..model import Policy

# (figure id in the policy, metric, the case's value, window, what the window means, the parameter
# whose default was set to hit it — None: not fitted)
TARGETS = (
    # qualification rate ≈ 0.992 − format_rejection_probability: the format rejections set the level
    (
        "l_street_qualification_rate",
        "qualification_rate",
        0.967,
        (0.93, 0.99),
        "L Street's qualification rate, Nov 2018 - Dec 2020 (§7)",
        "format_rejection_probability",
    ),
    (
        "urban_public_order_closure_share",
        "urban_public_order_closure_share",
        0.9,
        (0.9, 1.0),
        "more than 90% of closed events are urban-management or public-order events (§7)",
        None,
    ),
    (
        "community_district_transfers",
        "district_transfers_per_community",
        12,
        (5, 25),
        "one community: 12 district-level transfers in nearly two years (§7); per 24 months",
        "return_probability_dual",
    ),
)


class Agreement(TypedDict):
    """One target as the result's `calibration` lists it."""

    figure: str
    metric: str
    case_value: float
    window: list[float]
    simulated: float
    within: bool
    meaning: str
    fitted_by: str | None


def calibrate(policy: Policy, metrics: dict[str, dict[str, float]]) -> list[Agreement]:
    out: list[Agreement] = []
    for figure, metric, default, (low, high), meaning, fitted_by in TARGETS:
        declared = policy.figures.get(figure)
        simulated = metrics[metric]["mean"]
        out.append(
            {
                "figure": figure,
                "metric": metric,
                "case_value": declared.value if declared is not None else default,
                "window": [low, high],
                "simulated": simulated,
                "within": bool(low <= simulated <= high),
                "meaning": meaning,
                "fitted_by": fitted_by,
            }
        )
    return out
