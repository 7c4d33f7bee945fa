"""The review workbook (`lint --format xlsx`, `admit --format xlsx`): what a reviewing office opens.

- each table the policy was imported from, as published — its titles, header, rows in their order,
  merged cells — with the findings and the admission decision of each row's item in columns beside it;
- one sheet with every item, one row each, its own fields, findings and decision;
- (lint) one sheet with every finding, and one per check that found something: what the check finds
  and why it matters, then its findings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from ..checks import CATALOGUE
from ..decisions import Admissions, Decision
from ..diagnostics import Finding
from ..messages.catalogue import term, text
from ..result import LintResult
from .admission_report import detail
from .workbook import SheetData, build, sheet_title

Names = Mapping[str, Mapping[str, str]]
_FINDING_COLUMNS = ("codes", "severity", "findings")
_DECISION_COLUMNS = ("decision", "detail")
_ITEM_COLUMNS = ("item", "tier", "kind", "role", "owner", "lists", "cell")
_FINDINGS_SHEET = ("where", "cell", "code", "severity", "subject", "message")


def render(
    result: LintResult,
    lang: str,
    names: Names | None,
    admissions: Admissions | None,
    on: str = "",
    findings: bool = True,
) -> bytes:
    return build(sheets(result, lang, names, admissions, on, findings))


def sheets(
    result: LintResult, lang: str, names: Names | None, admissions: Admissions | None, on: str, findings: bool
) -> list[SheetData]:
    policy = result.policy
    by_item: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        if f.subject.kind == "item":
            by_item[f.subject.id].append(f)
    decided: dict[str, list[Decision]] = defaultdict(list)
    for d in admissions.decisions if admissions else ():
        decided[d.item].append(d)
    extra = (_FINDING_COLUMNS if findings else ()) + (_DECISION_COLUMNS if admissions else ())
    taken: set[str] = set()

    def beside(item: str) -> list[str]:
        cells: list[str] = []
        if findings:
            found = by_item.get(item, [])
            cells += [
                "\n".join(f.code for f in found),
                "\n".join(term("term.severity", f.severity.label, lang) for f in found),
                "\n".join(f.message for f in found),
            ]
        if admissions:
            ds = decided.get(item, [])
            cells += [
                "\n".join(term("term.decision", d.decision, lang) for d in ds),
                "\n".join(detail(d, lang, on, names["power"] if names else None) for d in ds),
            ]
        return cells

    out = []
    items: Mapping[str, Any] = policy.items if policy is not None else {}
    for table in policy.tables.values() if policy is not None else ():
        out.append(_table(table, items, beside, extra, lang, taken))
    out.append(_items(result, names, beside, extra, lang, taken))
    if findings:
        out.append(_findings(result.findings, names, lang, taken))
        for code in sorted({f.code for f in result.findings}):
            out.append(_check(code, [f for f in result.findings if f.code == code], names, lang, taken))
    return out


def _label(key: str, lang: str) -> str:
    return text(f"tables.col.{key}", lang)


def _table(
    table: Any, items: Mapping[str, Any], beside: Any, extra: tuple[str, ...], lang: str, taken: set[str]
) -> SheetData:
    """The table as published, row for row, with the columns `extra` after its own."""
    from ..cells import column_number, split_ref

    prefix = f"{table.file}!{table.sheet}" if table.sheet else table.file
    rows: dict[int, dict[int, str]] = {
        n: {column_number(c): t for c, t in cells.items()} for n, cells in table.rows.items()
    }
    if table.header and table.header not in rows:  # a header written without its row (by hand)
        rows[table.header] = {column_number(c): t for c, t in table.columns.items()}
    owners: dict[int, str] = {}
    for ident, item in items.items():
        source = item.source
        table_of, where = split_ref(str(source.get("cell", ""))) if isinstance(source, Mapping) else ("", None)
        if table_of == prefix and where is not None:
            owners[where[0]] = ident
            rows[where[0]] = {column_number(c): t for c, t in (source.get("row") or {}).items()}
    width = max((c for r in rows.values() for c in r), default=0)
    last = max(rows, default=0)
    header = table.header or (min(owners) - 1 if owners and min(owners) > 1 else 0)
    grid: list[list[str]] = []
    for n in range(1, last + 1):
        cells = [rows.get(n, {}).get(c, "") for c in range(1, width + 1)]
        if n == header:
            cells += [_label(k, lang) for k in extra]
        elif n in owners:
            cells += beside(owners[n])
        grid.append(cells)
    title = table.sheet or table.file.rsplit(".", 1)[0]
    return SheetData(sheet_title(title, taken), grid, header, tuple(table.merged))


def _items(
    result: LintResult, names: Names | None, beside: Any, extra: tuple[str, ...], lang: str, taken: set[str]
) -> SheetData:
    policy = result.policy
    grid = [[_label(k, lang) for k in (*_ITEM_COLUMNS, *extra)]]

    def nm(kind: str, ident: str | None) -> str:
        return (names[kind].get(ident, ident) if names else ident) if ident else ""

    if policy is not None:
        on_lists: dict[str, list[str]] = defaultdict(list)
        for lst in policy.lists.values():
            for ident in lst.items:
                on_lists[ident].append(nm("list", lst.id))
        for ident, item in policy.items.items():
            source = item.source if isinstance(item.source, Mapping) else {}
            grid.append(
                [
                    nm("item", ident),
                    nm("tier", item.tier),
                    text(f"why.item_kind.{item.kind}", lang),
                    term("term.role", item.role, lang),
                    nm("unit", item.owner),
                    text("sep.list", lang).join(on_lists.get(ident, [])),
                    str(source.get("cell", "")),
                    *beside(ident),
                ]
            )
    return SheetData(sheet_title(text("tables.sheet.items", lang), taken), grid)


def _subject(f: Finding, names: Names | None, lang: str) -> str:
    """What a finding is about, by its kind and its name in `lang` (its id where it has none)."""
    named = names.get(f.subject.kind, {}).get(f.subject.id, f.subject.id) if names else f.subject.id
    return f"{term('term.kind', f.subject.kind, lang)} {named}".strip()


def _findings(found: list[Finding], names: Names | None, lang: str, taken: set[str]) -> SheetData:
    grid = [[_label(k, lang) for k in _FINDINGS_SHEET]]
    for f in found:
        subject = _subject(f, names, lang)
        grid.append([str(f.span), f.cell, f.code, term("term.severity", f.severity.label, lang), subject, f.message])
    return SheetData(sheet_title(text("tables.sheet.findings", lang), taken), grid)


def _check(code: str, found: list[Finding], names: Names | None, lang: str, taken: set[str]) -> SheetData:
    """What the check finds and why (its page's opening), then its findings."""
    check = CATALOGUE.get(code)
    if check is not None:
        heading = f"{code} {check.zh if lang == 'zh' else check.name}"
        page = check.doc_zh if lang == "zh" else check.doc
        about = [check.finds_zh if lang == "zh" else check.finds, *_opening(page)]
    else:
        heading, about = code, []
    grid = [[heading], *([p] for p in about), [""]]
    first = len(grid) + 1
    grid.append([_label(k, lang) for k in _FINDINGS_SHEET])
    for f in found:
        subject = _subject(f, names, lang)
        grid.append([str(f.span), f.cell, f.code, term("term.severity", f.severity.label, lang), subject, f.message])
    sheet = SheetData(sheet_title(code, taken), grid, header=first, first_data=first)
    sheet.widths = {1: 60}
    return sheet


def _opening(page: str, paragraphs: int = 2) -> list[str]:
    """The first paragraphs of a check's page, as plain text (its title and headings left out)."""
    out: list[str] = []
    for block in page.strip().split("\n\n"):
        block = block.strip()
        if not block or block.startswith(("#", "```", "|")):
            continue
        # a paragraph is one line; a list stays a list, each of its items one line
        lines: list[str] = []
        for line in (raw.strip() for raw in block.splitlines()):
            if lines and not line.startswith(("- ", "* ")):
                lines[-1] += " " + line
            else:
                lines.append(line)
        out.append("\n".join(lines).replace("**", "").replace("`", ""))
        if len(out) == paragraphs:
            break
    return out
