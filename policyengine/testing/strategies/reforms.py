"""Reforms over drawn policies whose every operation applies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st

from ...vocabulary import ROLES
from .draws import ITEM_KINDS, PEOPLE, Draw, coin, maybe, name, pick, put, subset
from .files import item_ids, power_ids, tier_ids
from .rules import rules


def _holders(policy: Mapping[str, Any]) -> dict[tuple[str, str], list[str]]:
    """(holder kind, id) -> the powers its grants name, in declared order."""
    held: dict[tuple[str, str], list[str]] = {}
    for grant in policy.get("grants", []):
        kind = "unit" if "unit" in grant else "tier"
        names = held.setdefault((kind, grant[kind]), [])
        for power in grant.get("powers", []):
            power_name = power if isinstance(power, str) else power["power"]
            if power_name not in names:
                names.append(power_name)
    return {k: v for k, v in held.items() if v}


@st.composite
def reforms(draw: Draw, baseline: Mapping[str, Any], path: str = "baseline", max_operations: int = 6) -> dict[str, Any]:
    """A reform document over `baseline` (a policy drawn by `policies()`), whose baseline is `path`
    (relative to where the reform file will be written). Every operation applies: each declaration
    is edited at most once, revoked powers are held, targets exist. Write it with `to_yaml`."""
    tiers = tier_ids(baseline)
    powers = power_ids(baseline)
    units = [u["id"] for u in baseline.get("units", [])]
    items = item_ids(baseline)
    procedures = [a["id"] for a in baseline.get("admission", [])]
    held = _holders(baseline)
    untouched_items = list(items)
    untouched_procedures = list(procedures)
    revocable = sorted(held)
    operations: list[dict[str, Any]] = []
    for n in range(draw(st.integers(1, max_operations))):
        kind = draw(st.sampled_from(("grant", "revoke", "transfer", "set", "move", "remove", "add", "add_rules")))
        if kind == "grant":
            holder = ("unit", pick(draw, units)) if units and coin(draw) else ("tier", pick(draw, tiers))
            operations.append(
                {"op": "grant", "to": {holder[0]: holder[1]}, "powers": subset(draw, powers, 3) or [pick(draw, powers)]}
            )
        elif kind == "revoke" and revocable:
            holder = revocable.pop(draw(st.integers(0, len(revocable) - 1)))
            operations.append(
                {
                    "op": "revoke",
                    "from": {holder[0]: holder[1]},
                    "powers": subset(draw, held[holder], 2) or [held[holder][0]],
                }
            )
        elif kind in ("transfer", "set", "move", "remove") and untouched_items:
            item = untouched_items.pop(draw(st.integers(0, len(untouched_items) - 1)))
            target = f"items/{item}"
            if kind == "transfer":
                op: dict[str, Any] = {"op": "transfer", "target": target}
                put(op, "money", maybe(draw, st.integers(0, 10**6)))
                put(op, "people", maybe(draw, PEOPLE))
                if coin(draw) or len(op) == 2:  # a transfer brings money, people or powers
                    op["powers"] = subset(draw, powers, 2)
                operations.append(op)
            elif kind == "set":
                field_name = draw(st.sampled_from(("role", "kind", "cost.hours_per_month", "cost.yuan_per_year")))
                value = (
                    draw(st.sampled_from(ROLES))
                    if field_name == "role"
                    else draw(st.sampled_from(ITEM_KINDS))
                    if field_name == "kind"
                    else draw(st.integers(0, 10_000))
                )
                operations.append({"op": "set", "target": target, "path": field_name, "value": value})
            elif kind == "move":
                operations.append({"op": "move", "target": target, "tier": pick(draw, tiers)})
            else:
                operations.append({"op": "remove", "target": target})
        elif kind == "add_rules" and untouched_procedures:
            procedure = untouched_procedures.pop(draw(st.integers(0, len(untouched_procedures) - 1)))
            operations.append(
                {
                    "op": "add_rules",
                    "target": f"admission/{procedure}",
                    "criteria": draw(st.lists(rules(2), min_size=1, max_size=2)),
                }
            )
        else:
            gate: dict[str, Any] = {"id": f"reform_gate{n}", "tier": pick(draw, tiers)}
            if units and coin(draw):
                gate["reviewer"] = pick(draw, units)
            gate["criteria"] = draw(st.lists(rules(2), min_size=1, max_size=2))
            operations.append({"op": "add", "section": "admission", "value": gate})
    meta: dict[str, Any] = {"id": "drawn_reform", "baseline": path}
    if coin(draw):
        meta["name"] = name(draw, "reform")
    return {"reform": meta, "operations": operations}
