"""Every behavioural parameter of the simulator: name, default, unit, meaning, and where the
default comes from — a figure of the case (with its source) or an ASSUMPTION of this model.

A policy overrides defaults in its `simulation: parameters:` section; a name not listed here is a
located PE002 (the schema lists exactly these names). Structural inputs — quotas, scoring rules,
ranking consequences, return rules, the verification deadline, who holds which power — are not
parameters: the simulator reads them from the policy itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from .parameter import MAX_EVENTS, MAX_GRIDS, MAX_POINTS, MAX_YUAN, Parameter
from .parameters_people import PEOPLE
from .range_schema import with_range

_P = Parameter


PARAMETERS: dict[str, Parameter] = {
    p.name: p
    for p in (
        _P(
            "grids",
            None,
            "grids",
            "How many grids to simulate; empty: the count of the lowest tier of the escalation chain "
            "(H District: 1,309).",
            source="the lowest tier's `count` in the policy (H District: 1,309 grids, §3)",
            minimum=1,
            maximum=MAX_GRIDS,
        ),
        _P(
            "grids_per_community",
            7,
            "grids",
            "Grids per community. The case gives none; 7 is close to 1,309 grids / 183 management areas, "
            "should a management area be a community.",
            minimum=1,
            maximum=MAX_GRIDS,
        ),
        _P(
            "communities_per_street",
            12,
            "communities",
            "Communities per town/street (the ranking group of a street's workers). The case gives none.",
            minimum=1,
            maximum=MAX_GRIDS,
        ),
        _P(
            "detection_probability",
            0.7,
            "share of problems",
            "Chance that the worker finds a problem of the month by patrol, home visits or residents' calls.",
            maximum=1,
        ),
        _P(
            "escalation_points",
            2.0,
            "points",
            "Points a worker expects from an escalated event that is not returned (district transfers score "
            "higher, §6; the case gives no number).",
            minimum=-MAX_POINTS,
            maximum=MAX_POINTS,
        ),
        _P(
            "return_penalty_points",
            3.0,
            "points",
            "Points lost when an escalated event is returned and scored unqualified (the road case, §6; the "
            "case gives no number).",
            maximum=MAX_POINTS,
        ),
        _P(
            "closure_points",
            0.5,
            "points",
            "Points a worker expects from an event reported as closed on site (it counts towards the quota).",
            minimum=-MAX_POINTS,
            maximum=MAX_POINTS,
        ),
        _P(
            "unqualified_points",
            2.0,
            "points",
            "Points lost per event scored unqualified (returned, or a workaround caught by an audit).",
            maximum=MAX_POINTS,
        ),
        _P(
            "choice_temperature",
            1.0,
            "points",
            "Spread of the worker's choice between escalate, close cosmetically and drop (multinomial logit "
            "over expected points; smaller is more deterministic).",
            minimum=1e-6,
            maximum=MAX_POINTS,
        ),
        _P(
            "worker_caution_spread",
            0.5,
            "log-scale sd",
            "Heterogeneity of workers: each worker weighs penalties by a factor drawn log-normally with "
            "median 1 and this spread when hired.",
            maximum=10,
        ),
        _P(
            "belief_learning_rate",
            0.3,
            "share per month",
            "How fast a worker's belief about the return risk of a category moves to the share of their "
            "escalations returned that month (exponential smoothing).",
            maximum=1,
        ),
        _P(
            "return_probability_dual",
            0.8,
            "probability",
            "Chance that a level whose return rule has basis `responsibility` returns an escalated event of a "
            "dual-management item (主管部门和属地双重管理) assigned below it. Tuned so that H District's baseline "
            "gives about 12 district-level transfers per community in 24 months (§7).",
            maximum=1,
        ),
        _P(
            "return_probability_territorial",
            0.8,
            "probability",
            "Same for a territorial item (属地管理): the upper level sees it as the lower tier's own.",
            maximum=1,
        ),
        _P(
            "return_probability_owner",
            0.05,
            "probability",
            "Same for an item whose owner department is responsible (主管): little doubt who must act.",
            maximum=1,
        ),
        _P(
            "return_probability_authority",
            1.0,
            "probability",
            "Chance that a level whose return rule has basis `authority` returns an event the lower tier holds "
            "the powers for (it then settles it).",
            maximum=1,
        ),
        _P(
            "audit_probability",
            0.1,
            "share of closed events",
            "Chance that a closed event is audited (the district's ad hoc, cross-level checks, §3); an audit "
            "exposes a cosmetic closure or a fabricated report unless it is tolerated.",
            maximum=1,
        ),
        _P(
            "collusion_tolerance",
            0.8,
            "probability",
            "Chance that street and community let an exposed workaround pass: they share the platform scores "
            "(跨级共谋, §7).",
            maximum=1,
        ),
        _P(
            "fabrication_penalty_points",
            6.0,
            "points",
            "Points a worker expects to lose per fabricated report that is caught.",
            maximum=MAX_POINTS,
        ),
        _P("quota_miss_points", 2.0, "points", "Points lost per event below the monthly quota.", maximum=MAX_POINTS),
        _P(
            "fabrication_min_shortfall",
            3,
            "events",
            "A worker fabricates (凑件) only when the month's shortfall is at least this many events.",
            maximum=MAX_EVENTS,
        ),
        _P(
            "exceed_bonus_points",
            0.2,
            "points",
            "Bonus per event reported beyond the quota, where a regime scores `exceeds_quota`.",
            maximum=MAX_POINTS,
        ),
        _P(
            "late_verification_points",
            0.5,
            "points",
            "Points lost per event verified late, where a regime scores `late_verification`.",
            maximum=MAX_POINTS,
        ),
        _P(
            "score_base",
            80.0,
            "points",
            "A worker's monthly score before bonuses and deductions (the case gives the 59-point line, not the scale).",
            maximum=MAX_POINTS,
        ),
        _P(
            "verification_capacity",
            45.0,
            "events per month",
            "Closed events a worker can verify within a 24-hour deadline in a month; beyond it the on-time "
            "chance falls in proportion (a longer deadline scales it up).",
            minimum=1e-6,
            maximum=MAX_EVENTS,
        ),
        _P(
            "verification_base",
            0.99,
            "probability",
            "Chance of verifying on time when the workload is within capacity.",
            maximum=1,
        ),
        _P(
            "format_rejection_probability",
            0.025,
            "share of reports",
            "Where the platform has a report-format rule (word count, format, photos: rejected automatically, "
            "§6), the chance a report breaks it and is scored unqualified.",
            maximum=1,
        ),
        _P(
            "department_cost_per_event_yuan",
            300.0,
            "yuan",
            "Cost of handling one event above the grid (a department or a centre).",
            maximum=MAX_YUAN,
        ),
        *PEOPLE,
    )
}


def resolve(declared: Mapping[str, object] | None) -> dict[str, float | None]:
    """Defaults overridden by the policy's declared values (plain numbers or {value: ...})."""
    values: dict[str, float | None] = {name: p.default for name, p in PARAMETERS.items()}
    for name, raw in (declared or {}).items():
        # written with a range and no value (an assumption's range alone): its default
        value = raw.get("value", values.get(name)) if isinstance(raw, Mapping) else raw
        if name in values:
            # the schema admits a number here, or null where the parameter has no default
            values[name] = cast("float | None", value)
    return values


def value_of(params: Mapping[str, float | None], name: str) -> float:
    """A parameter's value as a float. Only the parameters without a default (`grids`) may be empty:
    the schema admits no null for the others."""
    return float(cast(float, params[name]))


VALUE_DESCRIPTION = "The parameter's value, as when the number is written alone."


def schema_properties() -> dict[str, Any]:
    """The JSON Schema of `simulation: parameters:` — one property per parameter."""
    props = {}
    for p in PARAMETERS.values():
        number: dict[str, Any] = {"type": "number"}
        if p.minimum is not None:
            number["minimum"] = p.minimum
        if p.maximum is not None:
            number["maximum"] = p.maximum
        if p.default is None:
            number = {"anyOf": [number, {"type": "null"}]}
        text = (
            f"{p.meaning} Unit: {p.unit}. Default: {'(from the policy)' if p.default is None else p.default}"
            f"{' (an assumption)' if p.assumption else ''}."
        )
        props[p.name] = {
            "description": text,
            "anyOf": [
                number,
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["value"],
                    "properties": {
                        "value": {**number, "description": VALUE_DESCRIPTION},
                        "source": {"$ref": "#/$defs/source"},
                        "note": {
                            "type": "string",
                            "description": "Why this value; ASSUMPTION where the case is silent.",
                        },
                    },
                },
            ],
        }
        if p.assumption:  # `range: [LOW, HIGH]` too, for simulate --sensitivity (range_schema.py)
            with_range(cast(Any, props[p.name])["anyOf"][1], p.minimum, p.maximum)
    return props
