"""Names, not ids: a finding's message in Chinese names every tier, unit, item, list, regime, power,
category, duty and platform rule by its declared Chinese name, and each built-in power by its standard one (处罚权、执法权 …:
the glossary `term.power.ID` in the message catalogue). An id with no Chinese name declared stays as it is.

The substitution works on a message's parameters before it is rendered, so templates keep their
quotation marks (“网格”) and no check needs to know about names. A tier is named without quotation
marks (事件由区退回网格); a tier with no Chinese name is then its id, quoted. Which kind an id is comes from the
parameter's name where it says (`tier`, `unit`, `item`, `regime`, `list`, `power` …), else from the
first kind that declares the id, in the order of KINDS.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import cast

from .messages.catalogue import TABLE
from .messages.core import Joined, Listed, Message, Quoted, Text
from .model import Policy

KINDS = ("tier", "unit", "item", "list", "regime", "power", "category", "procedure", "duty", "platform_rule")
# a parameter's name -> the kind of id it holds, where the name says it
HINTS = {
    "tier": "tier",
    "top_tier": "tier",
    "unit_tier": "tier",
    "by": "tier",
    "origin": "tier",
    "unit": "unit",
    "units": "unit",
    "assessor": "unit",
    "item": "item",
    "items": "item",
    "list": "list",
    "regime": "regime",
    "regimes": "regime",
    "power": "power",
    "powers": "power",
    "missing": "power",
    "names": "power",
    "category": "category",
    "procedure": "procedure",
    "duty": "duty",
    "duties": "duty",
    "platform_rule": "platform_rule",
}
# parameters kept as written: a reference that names nothing (PE004) is what the designer wrote, and a
# did-you-mean suggestion is what to type instead, the id itself (“gird” → “grid”), not a name
VERBATIM = frozenset({"written", "guess"})


def chinese_names(policy: Policy) -> dict[str, dict[str, str]]:
    """kind -> {id: Chinese name} for every declaration with a Chinese name, and the built-in powers'."""
    out: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    sections: Mapping[str, Mapping[str, object]] = {
        "tier": policy.tiers,
        "unit": policy.units,
        "item": policy.items,
        "list": policy.lists,
        "regime": policy.regimes,
        "category": policy.categories,
        "procedure": policy.admissions,
        "duty": policy.duties,
        "platform_rule": policy.platform_rules,
    }
    for kind, declared in sections.items():
        for ident, decl in declared.items():
            name = getattr(decl, "name", None)
            zh = getattr(name, "zh", None) if name is not None else None
            if zh:
                out[kind][ident] = str(zh)
    for ident, decl in policy.powers.items():
        name = getattr(decl, "name", None) if decl is not None else None
        zh = getattr(name, "zh", None) if name is not None else None
        glossary = TABLE.get(f"term.power.{ident}")
        if zh:
            out["power"][ident] = str(zh)
        elif glossary is not None:
            out["power"][ident] = glossary[1]
    return out


def _name(value: str, hint: str | None, names: Mapping[str, Mapping[str, str]], bare: bool = True) -> str:
    if hint is not None and value in names.get(hint, {}):
        return names[hint][value]
    for kind in KINDS:
        if value in names.get(kind, {}):
            return names[kind][value]
    # a tier stands unquoted in the Chinese templates (“事件由区退回网格”): without a Chinese name its id is
    # quoted there, so that it reads as a name
    return f"“{value}”" if hint == "tier" and bare else value


def named(
    value: Text | object, names: Mapping[str, Mapping[str, str]], hint: str | None = None, bare: bool = True
) -> object:
    """The message (or piece, or parameter) with every id replaced by its Chinese name. `bare`: the
    templates name tiers without quotation marks (the checks'), so an unnamed tier's id is quoted."""
    if isinstance(value, str):
        return _name(value, hint, names, bare)
    if isinstance(value, Message):
        params = {k: v if k in VERBATIM else named(v, names, HINTS.get(k), bare) for k, v in value.params.items()}
        return replace(value, params=params)
    if isinstance(value, Quoted):
        return replace(value, values=tuple(_name(v, hint, names, bare) for v in value.values))
    if isinstance(value, Listed):
        return replace(value, values=tuple(_name(v, hint, names, bare) for v in value.values))
    if isinstance(value, Joined):
        return replace(value, parts=tuple(cast(Text, named(p, names, hint, bare)) for p in value.parts))
    return value


__all__ = ["KINDS", "chinese_names", "named"]
