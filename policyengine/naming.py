"""Names, not ids: a finding's message names every tier, unit, item, list, regime, power, category, duty,
measure, platform rule, channel, provision and invariant by its declared name in the message's language
(`name: {zh: 占道经营, en: street vending}`), and in Chinese each built-in power by its standard name
(处罚权、执法权 …: the glossary `term.power.ID` in the message catalogue). An id with no name declared in
that language stays as it is.

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

from .messages.catalogue import TABLE, render
from .messages.core import Joined, Listed, Message, Quoted, Term, Text, msg
from .model import Policy
from .vocabulary import SECTION_KINDS

KINDS = (
    "tier",
    "unit",
    "item",
    "list",
    "regime",
    "power",
    "category",
    "procedure",
    "duty",
    "measure",
    "platform_rule",
    "channel",
    "provision",
    "invariant",
)
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
    "measure": "measure",
    "metric": "measure",
    "metrics": "measure",
    "channel": "channel",
    "provisions": "provision",
    "other": "duty",
    "key": "",  # a field's key (PE010): never a declared id
    "duties": "duty",
    "platform_rule": "platform_rule",
}
# parameters kept as written: a reference that names nothing (PE004) is what the designer wrote, and a
# did-you-mean suggestion is what to type instead, the id itself (“gird” → “grid”), not a name
VERBATIM = frozenset({"written", "guess"})


def declared_names(policy: Policy, lang: str) -> dict[str, dict[str, str]]:
    """kind -> {id: name} for every declaration with a name in `lang`, and in Chinese the built-in
    powers' standard names (the English name of a built-in power is its id)."""
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
        "measure": policy.measures,
        "platform_rule": policy.platform_rules,
        "channel": policy.channels,
        "provision": policy.provisions,
        "invariant": policy.invariants,
    }
    for kind, declared in sections.items():
        for ident, decl in declared.items():
            name = getattr(decl, "name", None)
            given = getattr(name, lang, None) if name is not None else None
            if given:
                out[kind][ident] = str(given)
    for ident, decl in policy.powers.items():
        name = getattr(decl, "name", None) if decl is not None else None
        given = getattr(name, lang, None) if name is not None else None
        glossary = TABLE.get(f"term.power.{ident}")
        if given:
            out["power"][ident] = str(given)
        elif glossary is not None and lang == "zh":
            out["power"][ident] = glossary[1]
    return out


def chinese_names(policy: Policy) -> dict[str, dict[str, str]]:
    """kind -> {id: Chinese name}: `declared_names(policy, "zh")`."""
    return declared_names(policy, "zh")


def _name(value: str, hint: str | None, names: Mapping[str, Mapping[str, str]], bare: bool = True) -> str:
    if hint == "":
        return value
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


def name_of(kind: str, ident: str, names: Mapping[str, Mapping[str, str]]) -> str:
    """A declaration's name (its id where it has none). An admission procedure's name is under
    `procedure`; a kind no names are kept under (an assessment: its regime's) is looked up as a
    message's unhinted id is."""
    return _name(ident, "procedure" if kind == "admission" else kind, names, bare=False)


def said_subject(
    kind: str, ident: str, names: Mapping[str, Mapping[str, str]], lang: str, word: Text | None = None
) -> str:
    """A declaration by its kind (`word`, else the glossary's `term.kind`) and name in `lang`: 事项“占道经营”,
    item 'Occupied-road business'; its id where it has no name."""
    name = name_of(kind, ident, names)
    return render(msg("reform.change", kind=word or Term("term.kind", kind), name=name), lang)


def said_change(
    op: str, target: str, detail: Text, names: Mapping[str, Mapping[str, str]], lang: str
) -> tuple[str, str, str]:
    """What a reform did (`LintResult.changes`) in `lang`: the operation in words, what it touched by its
    kind and name (事项“占道经营”; a target that is not one declaration, `policy` or `items[3]`, as written),
    and the detail with every id named."""
    head, _, ident = target.partition("/")
    kind = SECTION_KINDS.get(head) or (head if head in KINDS else None)
    touched = said_subject(kind, ident, names, lang) if kind is not None and ident and "/" not in ident else target
    said = render(cast(Text, named(detail, names, bare=False)), lang)
    return render(Term("reform.op", op), lang), touched, said


__all__ = ["KINDS", "chinese_names", "declared_names", "name_of", "named", "said_change", "said_subject"]
