"""The fixed words of the domain that the format builds in: powers, authority dimensions, the default
scale of levels, the roles an item's tier can have. A leaf module."""

from __future__ import annotations

BUILTIN_POWERS = (
    "personnel",
    "assessment",
    "coordination",
    "incentive",
    "enforcement",
    "administrative",
    "penalty",
    "report",
    "verify",
)
DIMENSIONS = ("resources", "task_setting", "timing", "assessment")  # 资源调配、任务设定、时间安排、检查考核
DEFAULT_LEVELS = ("none", "low", "partial", "high", "full")
# what a ranking's consequence puts at stake (the schema's enum of `consequences[].effect`)
EFFECTS = (
    "lose_performance_pay",
    "double_performance_pay",
    "dismissal",
    "funding",
    "other",
    "interview",
    "warning",
    "grade",
)
# what happens to an event that a scoring rule counts (`scoring[].when`), as the catalogue names them
EVENTS = ("returned", "unqualified")
ROLES = ("handle", "report", "assist", "resolve_or_report")  # 办理、上报、协助、限时化解或上报
# the sections of a policy that hold a list of declarations with ids, and the kind each declaration is
SECTION_KINDS = {
    "powers": "power",
    "tiers": "tier",
    "units": "unit",
    "grants": "grant",
    "categories": "category",
    "items": "item",
    "lists": "list",
    "admission": "admission",
    "assessments": "assessment",
    "duties": "duty",
    "platform_rules": "platform_rule",
    "figures": "figure",
    "provisions": "provision",
    "measures": "measure",
    "channels": "channel",
    "tables": "table",
    "invariants": "invariant",
}
