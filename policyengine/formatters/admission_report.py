"""The `admit` report: every item's decision and the bill per tier, as text or JSON."""

from __future__ import annotations

import json

from ..admission import ADMITTED, CONDITIONAL, REJECTED, UNREVIEWED, Admissions

KINDS = (ADMITTED, CONDITIONAL, REJECTED, UNREVIEWED)
LABELS = {
    "en": {ADMITTED: "admitted", CONDITIONAL: "conditional", REJECTED: "rejected", UNREVIEWED: "unreviewed",
           "head": ("item", "tier", "decision", "rule / reason"), "bill": "Bill per tier (authority, people and money follow the item):",
           "devolve": "devolve {power} ({n} item(s): {items})", "money": "transfer {money:,.0f} yuan/year",
           "people": "transfer {people:.2f} people", "from": "from {unit}: {money:,.0f} yuan/year",
           "summary": "{admitted} admitted, {conditional} conditional, {rejected} rejected, {unreviewed} unreviewed",
           "term": "term {days:g} days", "none": "(no conditional admission: nothing moves)"},
    "zh": {ADMITTED: "准入", CONDITIONAL: "附条件准入", REJECTED: "不予准入", UNREVIEWED: "未经审查",
           "head": ("事项", "层级", "决定", "规则 / 理由"), "bill": "各层级清单(权随责走、人随事转、钱随事转):",
           "devolve": "下放“{power}”权({n} 项:{items})", "money": "转移经费每年 {money:,.0f} 元",
           "people": "转移人员 {people:.2f} 人", "from": "来自 {unit}:每年 {money:,.0f} 元",
           "summary": "准入 {admitted} 项,附条件准入 {conditional} 项,不予准入 {rejected} 项,未经审查 {unreviewed} 项",
           "term": "期限 {days:g} 天", "none": "(没有附条件准入:无须转移)"},
}
REASONS_ZH = {"no admission procedure governs it": "没有准入程序管辖该事项",
              "no criterion admits it": "没有准入标准准许该事项"}


def _detail(d, lang: str) -> str:
    text = LABELS[lang]
    parts = []
    if d.rule:
        parts.append(d.rule)
    if d.reason:
        parts.append(REASONS_ZH.get(d.reason, d.reason) if lang == "zh" else d.reason)
    if d.devolve:
        parts.append(("devolve " if lang == "en" else "下放 ") + ", ".join(d.devolve))
    if d.money:
        parts.append(text["money"].format(money=d.money))
    if d.people:
        parts.append(text["people"].format(people=d.people))
    if d.term_days is not None:
        parts.append(text["term"].format(days=d.term_days))
    return "; ".join(parts)


def render_text(result: Admissions, lang: str = "en") -> str:
    text = LABELS[lang]
    rows = [text["head"]] + [(d.item, d.tier, text[d.decision], _detail(d, lang)) for d in result.decisions]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(r[:3], widths)) + "  " + r[3] for r in rows]
    out.append("")
    out.append(text["bill"])
    if not result.bills:
        out.append("  " + text["none"])
    for bill in result.bills:
        out.append(f"  {bill.tier}:")
        for power, items in sorted(bill.powers.items()):
            out.append("    " + text["devolve"].format(power=power, n=len(items), items=", ".join(items)))
        if bill.money:
            out.append("    " + text["money"].format(money=bill.money))
        if bill.people:
            out.append("    " + text["people"].format(people=bill.people))
        for unit, money in sorted(bill.sources.items()):
            if money:
                out.append("      " + text["from"].format(unit=unit, money=money))
    out.append("")
    out.append(text["summary"].format(**{k: result.count(k) for k in KINDS}))
    return "\n".join(out).rstrip() + "\n"


def document(result: Admissions, on: str) -> dict:
    return {
        "version": 1, "on": on,
        "decisions": [{"item": d.item, "tier": d.tier, "decision": d.decision, "procedure": d.procedure,
                       "rule": d.rule, "reason": d.reason, "devolve": list(d.devolve), "money": d.money,
                       "people": d.people, "term_days": d.term_days} for d in result.decisions],
        "bills": [{"tier": b.tier, "powers": {p: items for p, items in sorted(b.powers.items())},
                   "money": b.money, "people": b.people,
                   "from": {u: m for u, m in sorted(b.sources.items())}} for b in result.bills],
        "summary": {k: result.count(k) for k in KINDS},
    }


def render_json(result: Admissions, on: str) -> str:
    return json.dumps(document(result, on), ensure_ascii=False, indent=2) + "\n"
