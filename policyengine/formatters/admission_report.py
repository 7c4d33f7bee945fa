"""The `admit` report: every item's decision and the bill per tier, as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..decisions import (
    ADMITTED,
    BY_HAND,
    CONDITIONAL,
    LAPSED,
    PENDING,
    RECORDED,
    REJECTED,
    UNDECIDED,
    UNGOVERNED,
    UNREVIEWED,
    Admissions,
    Decision,
    Record,
)
from ..messages.catalogue import render, text
from ..messages.core import Joined, Message, msg
from ..printable import lines, printable
from ..textwidth import pad, widths

KINDS = (ADMITTED, CONDITIONAL, PENDING, REJECTED, UNREVIEWED)
HEAD = ("item", "tier", "decision", "detail")
# the engine's own reasons, said in the reader's language; a rule's reason is the rule's own text
REASONS = {
    UNGOVERNED: "formats.admit.reason.unreviewed",
    UNDECIDED: "formats.admit.reason.no_criterion",
    BY_HAND: "formats.admit.reason.by_hand",
    RECORDED: "formats.admit.reason.recorded",
    LAPSED: "formats.admit.reason.lapsed",
}


def _source(source: object) -> str:
    """A record's source as a citation: the string, or the document and its article."""
    if isinstance(source, dict):
        return " ".join(str(source[k]) for k in ("document", "article", "section") if source.get(k))
    return str(source)


def _record(r: Record, on: str, lang: str) -> str:
    """What a decision says of its approval record: who decided, when, the term, the source."""
    details: list[Message] = []
    if r.by is not None:
        details.append(msg("formats.admit.record.by", by=r.by))
    if r.on is not None:
        details.append(msg("formats.admit.record.on", on=r.on))
    if r.end is not None or (r.start is not None and r.start != r.on):
        open_end = msg("formats.admit.record.open")
        details.append(msg("formats.admit.record.term", start=r.start or open_end, end=r.end or open_end))
    if r.source is not None:
        details.append(msg("formats.admit.record.source", source=_source(r.source)))
    decision = msg(f"term.decision.{r.decision}")
    body = msg(
        f"formats.admit.record.{r.status}",
        at=r.at,
        decision=decision,
        details=Joined(tuple(details), "sep.none"),
        on=on,
    )
    return render(body, lang)


def detail(d: Decision, lang: str, on: str = "", powers: Mapping[str, str] | None = None) -> str:
    parts = []
    if d.rule:
        parts.append(d.rule)
    if d.reason:
        parts.append(text(REASONS[d.reason], lang) if d.reason in REASONS else d.reason)
    if d.devolve:
        named = [(powers or {}).get(p, p) for p in d.devolve]
        parts.append(text("formats.admit.devolve", lang, powers=text("sep.list", lang).join(named)))
    if d.money:
        parts.append(text("formats.admit.money", lang, money=d.money))
    if d.people:
        parts.append(text("formats.admit.people", lang, people=d.people))
    if d.term_days is not None:
        parts.append(text("formats.admit.term", lang, days=d.term_days))
    if d.record is not None:
        parts.append(_record(d.record, on, lang))
    if d.exits:
        parts.append(text("formats.admit.exits", lang, lists=", ".join(d.exits)))
    return "; ".join(parts)


def render_text(
    result: Admissions, lang: str = "en", on: str = "", names: Mapping[str, Mapping[str, str]] | None = None
) -> str:
    """The decisions and the bill as text; with `names` (naming.declared_names), items, tiers, units and
    powers by their names in `lang`."""

    def nm(kind: str, ident: str) -> str:
        return names[kind].get(ident, ident) if names else ident

    rows = [tuple(text(f"formats.admit.head.{h}", lang) for h in HEAD)]
    rows += [
        (
            nm("item", d.item),
            nm("tier", d.tier),
            text(f"term.decision.{d.decision}", lang),
            detail(d, lang, on, names["power"] if names else None),
        )
        for d in result.decisions
    ]
    rows = [tuple(printable(cell) for cell in r) for r in rows]  # widths of the cells as shown
    column = widths([r[:3] for r in rows])  # display width: a Chinese name takes two columns a character
    out = ["  ".join(pad(cell, w) for cell, w in zip(r[:3], column, strict=True)) + "  " + r[3] for r in rows]
    out.append("")
    out.append(text("formats.admit.bill", lang))
    if not result.bills:
        out.append("  " + text("formats.admit.none", lang))
    for bill in result.bills:
        out.append(f"  {nm('tier', bill.tier)}:")
        for power, items in sorted(bill.powers.items()):
            listed = text("sep.list", lang).join(nm("item", i) for i in items)
            out.append(
                "    " + text("formats.admit.devolve_power", lang, power=nm("power", power), n=len(items), items=listed)
            )
        if bill.money:
            out.append("    " + text("formats.admit.money", lang, money=bill.money))
        if bill.people:
            out.append("    " + text("formats.admit.people", lang, people=bill.people))
        for unit, money in sorted(bill.sources.items()):
            if money:
                out.append("      " + text("formats.admit.from", lang, unit=nm("unit", unit), money=money))
    out.append("")
    out.append(text("formats.admit.summary", lang, **{k: result.count(k) for k in KINDS}))
    return lines(out).rstrip() + "\n"  # a rule's reason is the policy's text: one line each


def _record_document(r: Record) -> dict[str, Any]:
    """A decision's approval record in JSON: as the policy writes it, and how the decision stands to it."""
    return {
        "status": r.status,
        "procedure": r.procedure,
        "decision": r.decision,
        "by": r.by_written,
        "on": r.on,
        "from": r.start,
        "to": r.end,
        "source": r.source,
        "at": r.at,
    }


def document(result: Admissions, on: str) -> dict[str, Any]:
    return {
        "version": 1,
        "on": on,
        "decisions": [
            {
                "item": d.item,
                "tier": d.tier,
                "decision": d.decision,
                "procedure": d.procedure,
                "rule": d.rule,
                "reason": d.reason,
                "devolve": list(d.devolve),
                "money": d.money,
                "people": d.people,
                "term_days": d.term_days,
                "exits": list(d.exits),
                **({"record": _record_document(d.record)} if d.record is not None else {}),
            }
            for d in result.decisions
        ],
        "bills": [
            {
                "tier": b.tier,
                "powers": dict(sorted(b.powers.items())),
                "money": b.money,
                "people": b.people,
                "from": dict(sorted(b.sources.items())),
            }
            for b in result.bills
        ],
        "summary": {k: result.count(k) for k in KINDS},
    }


def render_json(result: Admissions, on: str) -> str:
    return json.dumps(document(result, on), ensure_ascii=False, indent=2) + "\n"
