"""`why`: the chain behind a finding, as indented text (English or Chinese) or a versioned JSON document.

The chain is computed by `policyengine.why`; this module only says each step, by its catalogue key
(`why.*`) and the step's own fields.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from ..checks.base import Step
from ..diagnostics import Finding
from ..messages.catalogue import render
from ..messages.core import Bilingual, Joined, Message, Quoted, Term, Text, msg
from ..printable import printable
from .json_format import entry as finding_entry
from .text import header

VERSION = 1


def _list(values: Iterable[Any]) -> Text:
    """Values quoted and listed; `none` for no value."""
    shown = tuple(str(v) for v in values)
    return Quoted(shown) if shown else msg("common.none")


def _num(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")  # two decimals at most, every digit of a whole number
    return str(value)


def _kind(kind: str) -> Term:
    return Term("why.kind", kind)


def _label(s: Step, key: str = "id") -> Text:
    """What a step names, by its name in the output language; its id where no name in that language is
    declared. Named once: the id is not shown beside a name."""
    ident, name = str(s[key]), s.get("name")
    if not name:
        return ident
    return Bilingual(name.get("en") or ident, name.get("zh") or ident)


def _path(tiers: Iterable[str]) -> Joined:
    """A chain of tiers (区→镇街→社区→网格), joined by the catalogue's arrow; the `why` command names them."""
    return Joined(tuple(tiers), "sep.arrow")


def _field(key: str) -> Message:
    """A field a step says is missing: in words, its key once in brackets."""
    return msg("common.field", label=Term("term.field", key), key=key)


def _who(kind: str, ident: str) -> Message:
    return msg("why.who", kind=_kind(kind), id=ident)


# -- one line per step -------------------------------------------------------------------------------------


def _subject(s: Step) -> Message:
    kind: str = s["kind"]
    details: Text = ""
    if kind == "item" and "item_kind" in s:  # an item the schema refused (PE002) is known by its id only
        category = msg("why.subject.category", category=s["category"]) if s.get("category") else ""
        details = Joined((msg("why.subject.item", kind=Term("why.item_kind", s["item_kind"])), category), "sep.none")
    elif kind == "tier" and "parent" in s:
        parent = Quoted((s["parent"],)) if s["parent"] else msg("why.subject.root")
        count = msg("why.subject.count", count=s["count"]) if s.get("count") is not None else ""
        details = Joined((msg("why.subject.tier", parent=parent), count), "sep.none")
    elif kind == "unit" and "tier" in s:
        seconded = msg("why.subject.seconded", by=s["sent_by"]) if s.get("sent_by") else ""
        details = Joined((msg("why.subject.unit", tier=s["tier"]), seconded), "sep.none")
    elif kind in ("list", "admission") and "tier" in s:
        details = msg("why.subject.of_tier", tier=s["tier"])
    elif kind == "assessment" and "assessor" in s:
        details = msg("why.subject.assessment", assessor=s["assessor"], assessed=s["assessed"])
    elif kind == "duty" and "applies_to" in s:
        details = msg("why.subject.duty", target=s["applies_to"])
    return msg("why.subject", kind=_kind(kind), id=_label(s), details=details)


def _requires(s: Step) -> Message:
    tail = msg("why.requires.missing", missing=_list(s["missing"])) if s["missing"] else msg("why.requires.all_held")
    return msg("why.requires", role=Term("why.role", s["role"]), powers=_list(s["powers"]), tail=tail)


def _holder(s: Step) -> Message:
    who = _who(s["holder_kind"], s["holder"])
    return msg(f"why.holder.{s['reason']}", who=who, tier=s["tier"], sent_by=s["sent_by"])


def _co_handler(s: Step) -> Message:
    if not s["holds"]:
        return msg("why.co_handler.lacks", unit=s["unit"])
    if s["coverage"] is None:
        return msg("why.co_handler.uncovered", unit=s["unit"])
    key = "why.co_handler.counted" if s["counted"] else "why.co_handler.too_wide"
    return msg(key, unit=s["unit"], coverage=_num(s["coverage"]), limit=_num(s["threshold"]))


def _escalation(s: Step) -> Message:
    powers, path = _list(s["powers"]), _path(s["path"])
    if not s["on_path"]:
        if not s["path"]:
            return msg("why.escalation.no_chain", powers=powers)
        return msg("why.escalation.off_chain", tier=s["tier"], path=path)
    first = msg("why.escalation.first", first=s["first"]) if s["first"] else msg("why.escalation.none")
    return msg("why.escalation.on_chain", tier=s["tier"], powers=powers, path=path, first=first)


def _return(s: Step) -> Message:
    if s["to"] == "assigned_tier":
        to = msg("why.return.assigned", target=msg("why.return.target", target=s["target"]) if s.get("target") else "")
    else:
        to = msg("why.return.tier", tier=s["to"])
    lacks = msg("why.return.lacks", lacks=_list(s["lacks"])) if s["lacks"] else ""
    return msg("why.return", by=s["by"], to=to, basis=Term("why.basis", s["basis"]), lacks=lacks)


def _origin(s: Step) -> Message:
    if s["owner"]:
        return msg("why.origin.owner", owner=s["owner"], tier=s["owner_tier"])
    return msg("why.origin.issued", tier=s["issued_by"])


def _cost(s: Step) -> Message:
    parts: list[Text] = []
    if s["hours_per_month"] is not None:
        parts.append(msg("why.cost.hours", hours=_num(s["hours_per_month"])))
    if s["yuan_per_year"] is not None:
        parts.append(msg("why.cost.yuan", yuan=_num(s["yuan_per_year"])))
    return (
        msg("why.cost", parts=Joined(tuple(parts), "sep.list")) if parts else msg("why.cost.none", field=_field("cost"))
    )


def _funding(s: Step) -> Message:
    if not s["declared"]:
        return msg("why.funding.none", field=_field("funding"))
    powers = msg("why.funding.powers", powers=_list(s["powers"])) if s["powers"] else ""
    return msg("why.funding", money=_num(s["money_yuan_per_year"]), people=_num(s["people"]), powers=powers)


def _gap(s: Step) -> Message:
    if s["measure"] == "none":
        return msg("why.gap.none")
    common = {"provided": _num(s["provided"]), "needed": _num(s["needed"]), "gap": _num(s["gap"])}
    if s["measure"] == "money":
        return msg("why.gap.money", cover=_num(s["min_coverage"]), **common)
    source = msg("why.gap.from_unit") if s["hours_from"] == "unit" else msg("why.gap.from_threshold")
    return msg("why.gap.hours", per_person=_num(s["hours_per_person_month"]), source=source, **common)


def _unit(s: Step) -> Message:
    seconded = msg("why.subject.seconded", by=s["sent_by"]) if s.get("sent_by") else ""
    kind = Term("why.unit_kind", s["unit_kind"])
    return msg("why.unit", unit=s["id"], tier=s["tier"], kind=kind, seconded=seconded)


def _coordination(s: Step) -> Message:
    if not s["grants"]:
        return msg("why.coordination.none", tier=s["tier"])
    scopes = msg("why.coordination.scopes", scopes=_list(s["scopes"])) if s["scopes"] else ""
    return msg("why.coordination", tier=s["tier"], grants=s["grants"], scopes=scopes)


def _coordination_grant(s: Step) -> Message:
    parts: list[Text] = []
    if s["scope"]:
        parts.append(msg("why.coordination_grant.scope", scope=s["scope"], reach=_path(s["reach"])))
    if s["units"]:
        parts.append(msg("why.coordination_grant.units", units=_list(s["units"])))
    what = Joined(tuple(parts), "sep.list") if parts else msg("why.coordination_grant.no_scope")
    verdict = msg("why.coordination_grant.reaches" if s["reaches"] else "why.coordination_grant.misses")
    tail = msg("why.coordination_grant.seconded") if not s["counted"] and not s["reaches"] else ""
    return msg(
        "why.coordination_grant",
        who=_who(s["holder_kind"], s["holder"]),
        what=what,
        verdict=verdict,
        tail=tail,
    )


def _dimension(s: Step) -> Message:
    if s["grant"] or s["holder"]:
        level = Term("why.grant_level", str(s["level_name"]))
        source = msg("why.dimension.grant", level=level, holder=s["holder"])
    else:
        source = msg("why.dimension.no_grant")
    return msg(
        "why.dimension",
        dimension=Term("term.field.dimensions", s["dimension"]),
        level=f"{s['level']:.2f}",
        source=source,
        top=f"{s['top_level']:.2f}",
        top_tier=s["top_tier"],
    )


def _quota(s: Step) -> Message:
    parts = tuple(msg(f"why.quota.{k}", n=_num(s[k])) for k in ("min", "add") if s.get(k) is not None)
    return msg("why.quota", metric=s["metric"], regime=s["regime"], parts=Joined(parts, "sep.list"))


def _consequence(s: Step) -> Message:
    rank = tuple(msg(f"why.consequence.{end}", n=s[end]) for end in ("top", "bottom") if s.get(end))
    return msg(
        "why.consequence", regime=s["regime"], rank=Joined(rank, "sep.list"), effect=Term("term.effect", s["effect"])
    )


def _measure(s: Step) -> Message:
    depends: Text = Joined(tuple(Term("term.depends", d) for d in s["depends_on"]), "sep.list")
    if not s["depends_on"]:
        depends = msg("why.measure.nothing")
    controlled = msg("why.measure.controlled", controlled=_list(s["controlled_by"])) if s["controlled_by"] else ""
    return msg("why.measure", measure=s["measure"], depends=depends, controlled=controlled)


def _procedure(s: Step) -> Message:
    lists = _list(s["lists"]) if s["lists"] else msg("why.procedure.every_list")
    return msg("why.procedure", procedure=s["id"], tier=s["tier"], lists=lists)


def _criterion(s: Step) -> Message:
    reason = msg("why.criterion.reason", reason=s["reason"]) if s.get("reason") else ""
    return msg("why.criterion", rule=s["rule"], verdict=Term("why.criterion", s["outcome"]), reason=reason)


LINES: dict[str, Callable[[Step], Message]] = {
    "subject": _subject,
    "assigned": lambda s: msg("why.assigned", tier=s["tier"], role=Term("why.role", s["role"])),
    "requires": _requires,
    "power": lambda s: msg("why.power.held" if s["held"] else "why.power.not_held", power=s["power"], tier=s["tier"]),
    "holder": _holder,
    "co_handler": _co_handler,
    "held_nowhere": lambda s: msg("why.held_nowhere", power=s["power"]),
    "escalation": _escalation,
    "level": lambda s: msg("why.level.settles" if s["settles"] else "why.level.cannot", tier=s["tier"]),
    "settler": lambda s: msg(f"why.settler.{s['via']}", unit=s["id"]),
    "return": _return,
    "no_return": lambda s: msg("why.no_return", tier=s["tier"]),
    "origin": _origin,
    "pushdown": lambda s: msg("why.pushdown", origin=s["origin"], tier=s["tier"], path=_path(reversed(s["path"]))),
    "cost": _cost,
    "funding": _funding,
    "transfer": lambda s: msg(
        "why.transfer", procedure=s["procedure"], rule=s["rule"], money=_num(s["money"]), people=_num(s["people"])
    ),
    "gap": _gap,
    "mobilises": lambda s: msg("why.mobilises", unit=s["unit"], tier=s["unit_tier"]),
    "unit": _unit,
    "coordination": _coordination,
    "coordination_grant": _coordination_grant,
    "reachers": lambda s: (
        msg("why.reachers", unit=s["unit"], count=s["count"])
        if s["count"]
        else msg("why.reachers.none", unit=s["unit"])
    ),
    "load": lambda s: msg(
        "why.load",
        load=s["load"],
        share=f"{s['share']:.0%}",
        items=s["items"],
        stated=s["stated"],
        min_items=_num(s["min_items"]),
    ),
    "stated_list": lambda s: msg(
        "why.stated_list", list=s["list"], stated=s["stated"], listed=s["listed"], extra=s["extra"]
    ),
    "dimension": _dimension,
    "authority": lambda s: msg(
        "why.authority",
        authority=s["authority"],
        top=s["top"],
        top_tier=s["top_tier"],
        ratio="∞" if s["ratio"] is None else f"{s['ratio']:.2f}",
        threshold=_num(s["threshold"]),
    ),
    "related": lambda s: msg("why.related", kind=_kind(s["kind"]), id=_label(s)),
    "limit": lambda s: msg("why.limit", count=s["count"], max=_num(s["max"])),
    "regime": lambda s: msg("why.regime", regime=s["id"], assessor=s["assessor"], assessed=s["assessed"]),
    "quota": _quota,
    "scoring": lambda s: msg("why.scoring", regime=s["regime"], when=Term("term.event", s["when"])),
    "consequence": _consequence,
    "part": lambda s: msg(
        "why.part",
        part=_label(s, "part"),
        kind=Term("why.part_kind", s["kind"]),
        points=_num(s["points"]),
        cap=msg("why.part.cap", cap=_num(s["cap"])) if s["cap"] is not None else "",
    ),
    "stake": lambda s: msg("why.stake", regime=s["regime"], effect=Term("term.effect", s["effect"])),
    "measure": _measure,
    "listed": lambda s: msg("why.listed", list=s["list"]),
    "procedure": _procedure,
    "criterion": _criterion,
    "no_criterion": lambda s: msg("why.no_criterion"),
    "record": lambda s: msg("why.record", record=s["record"], decision=Term("term.decision", s["decision"])),
}


# what names the ids of a step (the `why` command passes naming.named with the policy's Chinese names)
Rename = Callable[[Text], Text]


def line(s: Step, lang: str = "en", rename: Rename | None = None) -> str:
    """One step as text, without indentation or position; `rename` names what the step's ids stand for."""
    step: str = s["step"]
    say = LINES.get(step)
    if say is None:  # a step kind this renderer does not know: its fields, as they are
        return step + ": " + ", ".join(f"{k}={v}" for k, v in s.items() if k not in ("step", "depth", "at"))
    said = say(s)
    return render(rename(said) if rename is not None else said, lang)


def _where(at: dict[str, Any] | None) -> str:
    return f"  [{at['file']}:{at['line']}:{at['column']}]" if at else ""


def render_chain(chain: list[Step], lang: str = "en", indent: int = 2, rename: Rename | None = None) -> str:
    """The chain as indented lines, one step a line, each with its file:line:column; ends with a newline.
    A step's names and reasons are the policy's own text, made printable: one step, one line."""
    return "".join(
        " " * (indent + 2 * s["depth"]) + printable(line(s, lang, rename) + _where(s.get("at"))) + "\n" for s in chain
    )


def render_text(entries: Iterable[tuple[Finding, list[Step]]], lang: str = "en", rename: Rename | None = None) -> str:
    """Each finding's header line, then its chain; a blank line between findings."""
    return "\n".join(header(f, lang) + "\n" + render_chain(chain, lang, 2, rename) for f, chain in entries)


def entry(finding: Finding, chain: list[Step]) -> dict[str, Any]:
    """{finding, chain}: the finding as `lint --format json` writes it, and its steps."""
    return {"finding": finding_entry(finding), "chain": chain}


def document(entries: Iterable[tuple[Finding, list[Step]]]) -> dict[str, Any]:
    return {"version": VERSION, "findings": [entry(f, chain) for f, chain in entries]}


def render_json(entries: Iterable[tuple[Finding, list[Step]]]) -> str:
    return json.dumps(document(entries), ensure_ascii=False, indent=2) + "\n"
