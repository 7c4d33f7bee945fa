"""The `admit` report: every item's decision and the bill per tier, as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from ..decisions import (
    ADMITTED,
    BY_HAND,
    CONDITIONAL,
    PENDING,
    REJECTED,
    UNDECIDED,
    UNGOVERNED,
    UNREVIEWED,
    Admissions,
    Decision,
)
from ..messages.catalogue import text
from ..printable import lines, printable

KINDS = (ADMITTED, CONDITIONAL, PENDING, REJECTED, UNREVIEWED)
HEAD = ("item", "tier", "decision", "detail")
# the engine's own reasons, said in the reader's language; a rule's reason is the rule's own text
REASONS = {
    UNGOVERNED: "formats.admit.reason.unreviewed",
    UNDECIDED: "formats.admit.reason.no_criterion",
    BY_HAND: "formats.admit.reason.by_hand",
}


def _detail(d: Decision, lang: str) -> str:
    parts = []
    if d.rule:
        parts.append(d.rule)
    if d.reason:
        parts.append(text(REASONS[d.reason], lang) if d.reason in REASONS else d.reason)
    if d.devolve:
        parts.append(text("formats.admit.devolve", lang, powers=", ".join(d.devolve)))
    if d.money:
        parts.append(text("formats.admit.money", lang, money=d.money))
    if d.people:
        parts.append(text("formats.admit.people", lang, people=d.people))
    if d.term_days is not None:
        parts.append(text("formats.admit.term", lang, days=d.term_days))
    if d.exits:
        parts.append(text("formats.admit.exits", lang, lists=", ".join(d.exits)))
    return "; ".join(parts)


def render_text(result: Admissions, lang: str = "en") -> str:
    rows = [tuple(text(f"formats.admit.head.{h}", lang) for h in HEAD)]
    rows += [(d.item, d.tier, text(f"term.decision.{d.decision}", lang), _detail(d, lang)) for d in result.decisions]
    rows = [tuple(printable(cell) for cell in r) for r in rows]  # widths of the cells as shown
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(r[:3], widths, strict=True)) + "  " + r[3] for r in rows]
    out.append("")
    out.append(text("formats.admit.bill", lang))
    if not result.bills:
        out.append("  " + text("formats.admit.none", lang))
    for bill in result.bills:
        out.append(f"  {bill.tier}:")
        for power, items in sorted(bill.powers.items()):
            out.append(
                "    " + text("formats.admit.devolve_power", lang, power=power, n=len(items), items=", ".join(items))
            )
        if bill.money:
            out.append("    " + text("formats.admit.money", lang, money=bill.money))
        if bill.people:
            out.append("    " + text("formats.admit.people", lang, people=bill.people))
        for unit, money in sorted(bill.sources.items()):
            if money:
                out.append("      " + text("formats.admit.from", lang, unit=unit, money=money))
    out.append("")
    out.append(text("formats.admit.summary", lang, **{k: result.count(k) for k in KINDS}))
    return lines(out).rstrip() + "\n"  # a rule's reason is the policy's text: one line each


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
