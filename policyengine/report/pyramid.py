"""The authority pyramid as SVG: per tier, top down, the authority on each dimension against the
responsibility load (docs/report.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..messages.catalogue import labels as labels_of
from ..messages.catalogue import term
from ..vocabulary import DIMENSIONS
from .draw import bar, clip, f, num, svg, text_at, width_of

if TYPE_CHECKING:  # the rows' type only: drawing needs none of the linter that model.py loads
    from .model import PyramidRow

DIM_COLOURS = {"resources": "#2166ac", "task_setting": "#1b7837", "timing": "#762a83", "assessment": "#35978f"}
LOAD_COLOUR = "#c62828"


def pyramid(rows: Sequence[PyramidRow], tier_names: dict[str, str], lang: str, title: str) -> str:
    """Per tier, top down: four centred bars (authority on each dimension) and one centred bar
    (responsibility load). A pyramid on the left, an inverted one on the right."""
    labels = labels_of("report.label", lang)
    label_w, panel_w, gap, row_h, top = 130.0, 250.0, 24.0, 66.0, 62.0
    width = label_w + 2 * panel_w + gap + 10
    height = top + row_h * len(rows) + 12
    a_cx = label_w + panel_w / 2
    l_cx = label_w + panel_w + gap + panel_w / 2
    room = panel_w - 24
    top_load = max((r["load"] for r in rows), default=0) or 1
    body = _legend(lang, labels)
    body.append(text_at(a_cx, top - 12, labels["authority"] + " (0–1)", 12, "middle", weight="bold"))
    body.append(text_at(l_cx, top - 12, labels["load"] + " (" + labels["items"] + ")", 12, "middle", weight="bold"))
    for cx in (a_cx, l_cx):
        body.append(
            f'<line x1="{f(cx)}" y1="{f(top - 4)}" x2="{f(cx)}" y2="{f(height - 8)}" stroke="#cfd8dc" '
            'stroke-width="1"/>'
        )
    for i, row in enumerate(rows):
        y = top + i * row_h
        if i % 2 == 0:
            body.append(f'<rect x="0" y="{f(y)}" width="{f(width)}" height="{f(row_h)}" fill="#f5f7fa"/>')
        body.append(
            text_at(
                8,
                y + row_h / 2 - 2,
                clip(tier_names.get(row["tier"], row["tier"]), 13, label_w - 12),
                13,
                weight="bold",
            )
        )
        body.append(
            text_at(
                8,
                y + row_h / 2 + 14,
                row["tier"] + (" ⚠ PE105" if row["flagged"] else ""),
                10,
                fill="#b71c1c" if row["flagged"] else "#666",
            )
        )
        for k, dim in enumerate(DIMENSIONS):
            level = row["levels"][dim]
            tip = f"{row['tier']} · {term('report.dimension', dim, lang)}: {num(level)}"
            body.append(bar(f"dim-{dim}", a_cx, y + 7 + k * 13, level * room, 11, DIM_COLOURS[dim], tip))
        body.append(text_at(label_w + panel_w - 4, y + row_h / 2 + 4, num(row["authority"]), 11, "end", "#333"))
        w = row["load"] / top_load * room
        if row["load"] and w < 2:
            w = 2.0
        body.append(bar("load", l_cx, y + 7, w, 50, LOAD_COLOUR, f"{row['tier']} · {labels['load']}: {row['load']}"))
        text_x = l_cx + w / 2 + 6
        if text_x + 40 > width:
            body.append(text_at(l_cx, y + row_h / 2 + 4, str(row["load"]), 13, "middle", "#ffffff", "bold"))
        else:
            body.append(text_at(text_x, y + row_h / 2 + 4, str(row["load"]), 12, fill="#333"))
    return svg(width, height, title, body, "pyramid")


def _legend(lang: str, labels: dict[str, str]) -> list[str]:
    body = []
    x = 8.0
    for dim in DIMENSIONS:
        body.append(f'<rect x="{f(x)}" y="8" width="12" height="12" fill="{DIM_COLOURS[dim]}"/>')
        name = term("report.dimension", dim, lang)
        body.append(text_at(x + 16, 18, name, 11))
        x += 16 + width_of(name, 11) + 16
    body.append(f'<rect x="{f(x)}" y="8" width="12" height="12" fill="{LOAD_COLOUR}"/>')
    body.append(text_at(x + 16, 18, labels["load"], 11))
    return body
