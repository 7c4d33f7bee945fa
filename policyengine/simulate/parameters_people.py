"""The parameters of people, hours, money and stakes: what a worker's month holds, what an hour
costs, what capacity each level has, and the behavioural rule by which stakes drive choices
(loss aversion). Every default is an ASSUMPTION of this model (docs/simulation.md, "Parameters")."""

from __future__ import annotations

from .parameter import MAX_EVENTS, MAX_POINTS, MAX_YUAN, Parameter

_P = Parameter

PEOPLE: tuple[Parameter, ...] = (
    _P(
        "department_hours_per_grid",
        2.0,
        "hours per grid per month",
        "Hours each unit above the grid (each community, each street, the district with the departments it "
        "dispatches to) gives to grid events a month, per grid below it; events past its hours stay unsettled "
        "past their deadline (dead end). Capacity is finite at every level.",
        maximum=MAX_EVENTS,
    ),
    _P(
        "hours_per_event_above",
        4.0,
        "hours",
        "Hours an upper level (or the department it dispatches to) spends settling one event.",
        minimum=1e-6,
        maximum=MAX_EVENTS,
    ),
    _P(
        "worker_hours_per_month",
        120.0,
        "hours",
        "Hours a full-time grid worker gives to grid events a month, after the other tasks passed down "
        "(census, vaccination, epidemic work, §3).",
        maximum=MAX_EVENTS,
    ),
    _P(
        "patrol_hours_per_month",
        40.0,
        "hours",
        "Hours of patrol and home visits a month at which a worker finds problems at `detection_probability`; "
        "fewer hours find proportionally fewer.",
        minimum=1e-6,
        maximum=MAX_EVENTS,
    ),
    _P(
        "grid_hours_per_event",
        1.0,
        "hours",
        "Hours a grid worker spends handling one problem on site.",
        minimum=1e-6,
        maximum=MAX_EVENTS,
    ),
    _P(
        "report_hours",
        0.25,
        "hours",
        "Hours to write one report to the platform's rules (word count, format, photos, §6).",
        maximum=MAX_EVENTS,
    ),
    _P(
        "packaging_hours",
        1.0,
        "hours",
        "Hours to package one report as an excellent event (包装优秀件, §6).",
        maximum=MAX_EVENTS,
    ),
    _P(
        "yuan_per_hour",
        60.0,
        "yuan",
        "What an hour of professional handling costs: money transferred with an item buys hours at this price.",
        minimum=1e-6,
        maximum=MAX_YUAN,
    ),
    _P(
        "loss_aversion",
        2.25,
        "ratio",
        "How much more a loss weighs than a gain of the same size (prospect theory; 2.25 is Tversky and "
        "Kahneman's 1992 median estimate, applied here to performance pay).",
        maximum=100,
    ),
    _P(
        "dismissal_months_of_pay",
        6.0,
        "months of performance pay",
        "What losing the job costs a worker, in months of performance pay.",
        maximum=MAX_EVENTS,
    ),
    _P(
        "pressed_down_stake",
        0.5,
        "months of performance pay",
        "What an assessment puts at stake for a worker where no regime states a consequence for the worker: "
        "the street's own assessment and funding pressed down to the grid (所有考核项目最终都会下压到网格, §3).",
        maximum=MAX_EVENTS,
    ),
    _P(
        "service_motive",
        1.0,
        "points",
        "What truly resolving a problem is worth to a worker, in points at one month's pay at stake.",
        maximum=MAX_POINTS,
    ),
    _P(
        "integrity_points",
        5.0,
        "points",
        "What fabricating one report costs the median worker's conscience, in points at one month's pay "
        "at stake (each worker's own weight is drawn when hired: `integrity_spread`).",
        maximum=MAX_POINTS,
    ),
    _P(
        "integrity_spread",
        1.0,
        "log-scale sd",
        "How unequal workers' integrity is: each worker's weight on `integrity_points` is drawn log-normally "
        "with median 1 and this spread when hired (the case: some chase reports, others truly serve, §6).",
        maximum=10,
    ),
    _P(
        "excellent_bonus_points",
        0.5,
        "points",
        "Points for a report rated excellent, where a regime scores `excellent_event`.",
        maximum=MAX_POINTS,
    ),
    _P(
        "grid_rate_spread",
        0.3,
        "log-scale sd",
        "How unequal grids are: each grid's problem rates are the kinds' rates times a factor drawn "
        "log-normally with median 1 and this spread (one draw per grid and run, shared by every scenario).",
        maximum=10,
    ),
    _P(
        "problem_rate_scale",
        1.0,
        "ratio",
        "A factor on every problem kind's rate (the rates are assumptions: sensitivity varies them together).",
        maximum=1000,
    ),
)
