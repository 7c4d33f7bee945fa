"""The calibration report: the baseline's simulated values against the case's figures (§7).

Each figure is either a **target** — a default was set so that the baseline lands on it (the
parameters or problem rates named in `fitted_by`), so agreement there is fitted, not produced by the
model — or a **check**: a figure no default was set for, compared with a tolerance stated here,
before any run. A figure the model misses is reported as missed, with its distance.

Case values are read from the policy's `figures` when it declares them (H District does, each with
its source), else the case's numbers below. A figure about one street is compared with the model's
street of that instance (`simulation: streets:`); without it, with the whole district.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

from ..model import Name, Policy


@dataclass(frozen=True)
class Target:
    figure: str  # the figure's id in the policy
    metric: str
    case_value: float
    window: tuple[float, float]  # simulated values counted as agreeing with the case
    meaning: str
    fitted_by: tuple[str, ...] = ()  # parameters, or problem kinds (their rates), set to hit it; () for a check
    street: str | None = None  # the street instance the figure is about
    months: int | None = None  # a total over this many months: the monthly metric times it


# The L Street events check: 14,978 events over November 2018 - December 2020 (26 months). Its size is
# not stated; the model's L Street has the size the policy gives it (H District: an ordinary street of
# 84 grids, an assumption). Tolerance: +-20% of the case's count, set before any run.
L_STREET_EVENTS = 14978
L_STREET_TOLERANCE = 0.2

TARGETS = (
    Target(
        "l_street_qualification_rate",
        "qualification_rate",
        0.967,
        (0.93, 0.99),
        "L Street's qualification rate, Nov 2018 - Dec 2020 (§7)",
        ("format_rejection_probability",),
        street="l_street",
    ),
    Target(
        "urban_public_order_closure_share",
        "urban_public_order_closure_share",
        0.9,
        (0.9, 1.0),
        "more than 90% of closed events are urban-management or public-order events (§7)",
        ("urban_management_events", "public_order_events"),
    ),
    Target(
        "community_district_transfers",
        "district_transfers_per_community",
        12,
        (5, 25),
        "one community: 12 district-level transfers in nearly two years (§7); per 24 months",
        ("return_probability_dual",),
    ),
    Target(
        "l_street_events",
        "reports_per_month",
        L_STREET_EVENTS,
        (round(L_STREET_EVENTS * (1 - L_STREET_TOLERANCE)), round(L_STREET_EVENTS * (1 + L_STREET_TOLERANCE))),
        "events L Street reported, Nov 2018 - Dec 2020 (26 months, §7); tolerance +-20%, set before the run",
        street="l_street",
        months=26,
    ),
)


class Agreement(TypedDict):
    """One figure as the result's `calibration` lists it."""

    figure: str
    metric: str
    street: str | None
    case_value: float
    window: list[float]
    simulated: float
    within: bool
    role: str  # "target" (fitted) or "check"
    meaning: str
    fitted_by: list[str]
    # the figure's and the street's declared names, {"en": ..., "zh": ...} (None where none is declared)
    figure_name: dict[str, str | None] | None
    street_name: dict[str, str | None] | None


def _bilingual(name: Name | None) -> dict[str, str | None] | None:
    return {"en": name.en, "zh": name.zh} if name is not None else None


def _street_name(policy: Policy, street: str) -> Name | None:
    """A street is an instance of a tier (`tiers[].instances`): its name where one is declared."""
    shapes = policy.structure.tiers.values() if policy.structure is not None else ()
    return next((s.instances[street].name for s in shapes if street in s.instances), None)


def calibrate(policy: Policy, baseline: dict[str, Any]) -> list[Agreement]:
    """Every figure against the baseline's summary (its `metrics` and, per street, `streets`)."""
    out: list[Agreement] = []
    streets = baseline.get("streets") or {}
    for t in TARGETS:
        declared = policy.figures.get(t.figure)
        where = streets.get(t.street) if t.street is not None else None
        metrics = where["metrics"] if where is not None else baseline["metrics"]
        simulated = float(metrics[t.metric]["mean"]) * (t.months or 1)
        low, high = t.window
        out.append(
            {
                "figure": t.figure,
                "metric": t.metric,
                "street": t.street if where is not None else None,
                "case_value": declared.value if declared is not None else t.case_value,
                "window": [low, high],
                "simulated": float(f"{simulated:.6g}"),
                "within": bool(low <= simulated <= high),
                "role": "target" if t.fitted_by else "check",
                "meaning": t.meaning,
                "fitted_by": list(t.fitted_by),
                "figure_name": _bilingual(declared.name if declared is not None else None),
                "street_name": _bilingual(_street_name(policy, t.street)) if where is not None and t.street else None,
            }
        )
    return out
