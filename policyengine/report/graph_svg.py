"""The responsibility graph as SVG: tiers as layers top to bottom, their units and items under them,
and the edges of responsibility, escalation, dispatch and return between them."""

from __future__ import annotations

import itertools
from typing import Any

from markupsafe import escape

from ..graph import PolicyGraph
from ..messages.catalogue import labels as labels_of
from ..messages.catalogue import term
from ..model import Policy
from ..vocabulary import ROLES
from .draw import clip, f, num, svg, text_at, width_of, wrap

EDGE_STYLE = {  # kind -> (colour, dash, width)
    "assigned_to": ("#8c510a", "", 1.4),
    "mobilises": ("#d6604d", "", 1.6),
    "co_handled_by": ("#762a83", "5 3", 1.3),
    "dispatches_to": ("#1b7837", "2 3", 1.3),
    "escalates_to": ("#2166ac", "", 2.4),
    "returns_to": ("#b2182b", "6 3", 2.0),
}
WIDTH, TX, TW, CX0 = 1120.0, 12.0, 150.0, 196.0  # the page, the tier boxes' column, where boxes start
BW, BH, GX, GY = 150.0, 50.0, 10.0, 14.0  # a box and the gaps between boxes
Key = tuple[str, ...]
Box = tuple[float, float, float, float]


def graph(
    policy: Policy,
    pgraph: PolicyGraph,
    tiers: list[str],
    lang: str,
    title: str,
    prefix: str,
    max_items: int = 6,
    max_units: int = 12,
) -> str:
    """Tiers as layers top to bottom; units and items (grouped per role beyond `max_items`) under
    their tier (grouped per kind beyond `max_units`); edges: assigned_to (with the role), mobilises,
    co_handled_by, dispatches_to, escalates_to, returns_to."""
    layout = _Layout(policy, pgraph, lang, max_items, max_units)
    height = layout.place(tiers)
    body = layout.layers()
    edges = layout.edges(tiers)
    body.insert(0, "<defs>" + "".join(_marker(prefix, kind) for kind in EDGE_STYLE) + "</defs>")
    body += layout.draw_edges(edges, prefix)
    body += layout.boxes_drawn()
    body += _legend(lang, sorted({k[0] for k in edges}, key=list(EDGE_STYLE).index))
    return svg(WIDTH, height, title, body, "graph")


class _Layout:
    """Where each tier, unit and item box stands, and what groups stand for several of them."""

    def __init__(self, policy: Policy, pgraph: PolicyGraph, lang: str, max_items: int, max_units: int):
        self.policy, self.pgraph, self.lang = policy, pgraph, lang
        self.max_items, self.max_units = max_items, max_units
        self.labels = labels_of("report.label", lang)
        self.per_row = max(1, int((WIDTH - CX0 - 12 + GX) // (BW + GX)))
        self.boxes: dict[Key, Box] = {}
        self.item_node: dict[str, Key] = {}
        self.unit_node: dict[str, Key] = {}
        self.group_size: dict[Key, int] = {}
        self.rows: list[tuple[str, float, float, list[Any], list[Any]]] = []

    def _row(self, entries: list[Any], top: float) -> float:
        """Place boxes in rows of `per_row`; return the y below them."""
        for n, (key, _) in enumerate(entries):
            r, c = divmod(n, self.per_row)
            self.boxes[key] = (CX0 + c * (BW + GX), top + r * (BH + GY), BW, BH)
        rows = -(-len(entries) // self.per_row)
        return top + rows * (BH + GY) - (GY if rows else 0)

    def _units(self, t: str) -> list[Any]:
        at = [self.policy.units[u] for u in self.pgraph.units_at(t)]
        if len(at) <= self.max_units:
            for u in at:
                self.unit_node[u.id] = ("unit", u.id)
            return [(("unit", u.id), u) for u in at]
        by_kind: dict[str, list[Any]] = {}
        for u in at:
            by_kind.setdefault(u.kind, []).append(u)
        units = [(("units", t, kind), by_kind[kind]) for kind in sorted(by_kind)]
        for key, members in units:
            for u in members:
                self.unit_node[u.id] = key
        return units

    def _items(self, t: str) -> list[Any]:
        items = [i for i in self.policy.items.values() if i.tier == t]
        if len(items) <= self.max_items:
            for i in items:
                self.item_node[i.id] = ("item", i.id)
            return [(("item", i.id), [i]) for i in items]
        by_role: dict[str, list[Any]] = {}
        for i in items:
            by_role.setdefault(i.role, []).append(i)
        order = [r for r in ROLES if r in by_role] + sorted(r for r in by_role if r not in ROLES)
        entries = []
        for role in order:
            key = ("group", t, role)
            entries.append((key, by_role[role]))
            self.group_size[key] = len(by_role[role])
            for i in by_role[role]:
                self.item_node[i.id] = key
        return entries

    def place(self, tiers: list[str]) -> float:
        """Lay out every tier's layer; return the height of the picture."""
        y = 34.0  # room for the legend
        for t in tiers:
            units, entries = self._units(t), self._items(t)
            top = y + 30
            below_units = self._row(units, top)
            items_top = below_units + (26 if units else 0)
            below_items = self._row(entries, items_top)
            bottom = max(below_items, below_units, top + 40) + 36
            self.rows.append((t, y, bottom, units, entries))
            self.boxes[("tier", t)] = (TX, y + 12, TW, bottom - y - 24)
            y = bottom + 8
        return y + 4

    def layers(self) -> list[str]:
        """The banded layers and the tier boxes."""
        body = []
        for n, (t, top, bottom, _, _) in enumerate(self.rows):
            if n % 2 == 0:
                body.append(f'<rect x="0" y="{f(top)}" width="{f(WIDTH)}" height="{f(bottom - top)}" fill="#f5f7fa"/>')
            x, by, w, h = self.boxes[("tier", t)]
            name = self.policy.tiers[t].name.text(self.lang) or t
            count = self.policy.tiers[t].count
            body.append(
                f'<rect class="tier-box" x="{f(x)}" y="{f(by)}" width="{f(w)}" height="{f(h)}" rx="6" '
                f'fill="#37474f"><title>{escape(t)}</title></rect>'
            )
            body.append(text_at(x + w / 2, by + h / 2 - 2, clip(name, 14, w - 12), 14, "middle", "#ffffff", "bold"))
            body.append(
                text_at(x + w / 2, by + h / 2 + 15, t + (f" ×{count:,}" if count else ""), 10.5, "middle", "#cfd8dc")
            )
        return body

    def edges(self, tiers: list[str]) -> dict[tuple[str, Key, Key, str], int]:
        """(kind, from, to, label) -> how many edges of the policy the drawn edge stands for."""
        edges: dict[tuple[str, Key, Key, str], int] = {}
        policy = self.policy

        def add(kind: str, src: Key, dst: Key, label: str = "") -> None:
            if src in self.boxes and dst in self.boxes:
                edges[(kind, src, dst, label)] = edges.get((kind, src, dst, label), 0) + 1

        for i in policy.items.values():
            src = self.item_node.get(i.id)
            if src is None:
                continue
            add("assigned_to", src, ("tier", i.tier), i.role)
            for u in i.mobilises:
                add("mobilises", src, self.unit_node.get(u, ("unit", u)))
            for c in i.co_handlers:
                add("co_handled_by", src, self.unit_node.get(c.unit, ("unit", c.unit)))
        if policy.workflow:
            chain = policy.workflow.escalation
            for low, high in itertools.pairwise(chain):
                add("escalates_to", ("tier", low), ("tier", high))
            for d in policy.workflow.dispatch:
                for u in d.to:
                    add("dispatches_to", ("tier", d.from_tier), self.unit_node.get(u, ("unit", u)))
            for r in policy.workflow.returns:  # the road case: returned to the tier that holds the duty
                if r.to in policy.tiers:
                    targets = [r.to]
                else:  # "assigned_tier": every tier below that has items assigned to it
                    targets = [
                        t
                        for t in tiers
                        if t != r.from_tier
                        and self.pgraph.is_below(t, r.from_tier)
                        and any(i.tier == t for i in policy.items.values())
                    ]
                for t in targets:
                    add("returns_to", ("tier", r.from_tier), ("tier", t), r.basis)
        return edges

    def draw_edges(self, edges: dict[tuple[str, Key, Key, str], int], prefix: str) -> list[str]:
        """The edges as paths, with their labels drawn after them all (over every path)."""
        body: list[str] = []
        labels_out: list[str] = []
        arrivals: dict[Key, int] = {}
        returns_lane: dict[Key, int] = {}
        for (kind, src, dst, label), n in edges.items():
            colour, dash, stroke = EDGE_STYLE[kind]
            sx, sy, sw, sh = self.boxes[src]
            dx, dy, dw, dh = self.boxes[dst]
            if kind == "assigned_to":
                ax, ay = sx + sw / 2, sy + sh
                k = arrivals[dst] = arrivals.get(dst, -1) + 1
                ex, ey = TX + TW, dy + dh - 10 - 7 * (k % max(1, int((dh - 20) // 7)))
                d = f"M{f(ax)},{f(ay)} C{f(ax)},{f(ay + 24)} {f(ex + 50)},{f(ey)} {f(ex)},{f(ey)}"
                count = self.group_size.get(src, 1) if src[0] == "group" else 1
                text = term("report.role", label, self.lang) + (f" ×{count}" if count > 1 else "")
                labels_out.append(text_at(ax + 4, ay + 15, text, 10.5, fill=colour, halo=True))
            elif kind == "escalates_to":
                ax = TX + 22
                ay, ey = (sy, dy + dh) if dy < sy else (sy + sh, dy)
                d = f"M{f(ax)},{f(ay)} L{f(ax)},{f(ey)}"
            elif kind == "returns_to":  # in the gutter right of the tier boxes, one lane per source tier
                lane = returns_lane.setdefault(src, len(returns_lane))
                gx_ = TX + TW + 8 + 9 * lane
                ay = sy + sh - 10 - 6 * lane
                ey = dy + 14 + 6 * lane
                d = f"M{f(sx + sw)},{f(ay)} L{f(gx_)},{f(ay)} L{f(gx_)},{f(ey)} L{f(dx + dw + 1)},{f(ey)}"
            elif kind == "dispatches_to":
                ax, ay = sx + sw, sy + 14
                ex, ey = dx + dw / 2, dy
                d = f"M{f(ax)},{f(ay)} C{f(ax + 40)},{f(ay - 24)} {f(ex)},{f(ey - 26)} {f(ex)},{f(ey)}"
            else:
                d, mid, ax, ex = _curve(self.boxes[src], self.boxes[dst])
                if n > 1:
                    labels_out.append(text_at((ax + ex) / 2, mid, f"×{n}", 10, "middle", colour, halo=True))
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            tip = term("report.edge", kind, self.lang) + (f" ×{n}" if n > 1 else "")
            body.append(
                f'<path class="edge edge-{kind}" d="{d}" fill="none" stroke="{colour}" '
                f'stroke-width="{num(stroke, 1)}"{dash_attr} marker-end="url(#{prefix}-{kind})">'
                f"<title>{escape(tip)}</title></path>"
            )
        return body + labels_out

    def boxes_drawn(self) -> list[str]:
        """The unit and item boxes, drawn over the edges."""
        body: list[str] = []
        for _, _, _, units, entries in self.rows:
            body += [self._unit(key, unit) for key, unit in units]
            body += [self._item(key, members) for key, members in entries]
        return body

    def _unit(self, key: Key, unit: Any) -> str:
        x, by, w, h = self.boxes[key]
        lang = self.lang
        if key[0] == "units":  # a group of units of one kind
            head = self.labels["unit_group"].format(kind=key[2], n=len(unit))
            tip = head + "\n" + "\n".join(f"{u.id}: {u.name.text(lang) or u.id}" for u in unit)
            return (
                f'<g class="unit"><title>{escape(tip)}</title><rect x="{f(x)}" y="{f(by)}" '
                f'width="{f(w)}" height="{f(h)}" rx="4" fill="#e8f0fb" stroke="#5b7fb8" stroke-width="2.2"/>'
                + text_at(x + 6, by + 15, clip(head, 11, w - 12), 11, weight="bold")
                + text_at(x + 6, by + h - 6, clip(", ".join(u.id for u in unit), 9.5, w - 12), 9.5, fill="#5b6b7b")
                + "</g>"
            )
        dash = ' stroke-dasharray="4 2"' if unit.sent_by else ""
        name = unit.name.text(lang) or unit.id
        tip = f"{unit.id}: {name}" + (f" ← {unit.sent_by}" if unit.sent_by else "")
        return (
            f'<g class="unit"><title>{escape(tip)}</title><rect x="{f(x)}" y="{f(by)}" width="{f(w)}" '
            f'height="{f(h)}" rx="4" fill="#e8f0fb" stroke="#5b7fb8"{dash}/>'
            + "".join(text_at(x + 6, by + 15 + 13 * k, line, 11) for k, line in enumerate(wrap(name, 11, w - 12)))
            + text_at(x + 6, by + h - 6, clip(unit.id, 9.5, w - 12), 9.5, fill="#5b6b7b")
            + "</g>"
        )

    def _item(self, key: Key, members: list[Any]) -> str:
        x, by, w, h = self.boxes[key]
        lang = self.lang
        if key[0] == "group":
            head = self.labels["group"].format(role=term("report.role", key[2], lang), n=len(members))
            sub = ", ".join(i.id for i in members)
            tip = head + "\n" + "\n".join(f"{i.id}: {i.name.text(lang) or i.id}" for i in members)
            stroke_w = "2.2"
        else:
            i = members[0]
            head = i.name.text(lang) or i.id
            sub = i.id
            tip = f"{i.id}: {head} ({term('report.role', i.role, lang)})"
            stroke_w = "1.2"
        return (
            f'<g class="item"><title>{escape(tip)}</title><rect x="{f(x)}" y="{f(by)}" width="{f(w)}" '
            f'height="{f(h)}" rx="4" fill="#fff3e0" stroke="#e08214" stroke-width="{stroke_w}"/>'
            + "".join(
                text_at(x + 6, by + 15 + 13 * k, line, 11, weight="bold" if key[0] == "group" else "normal")
                for k, line in enumerate(wrap(head, 11, w - 12, 1 if key[0] == "group" else 2))
            )
            + text_at(x + 6, by + h - 6, clip(sub, 9.5, w - 12), 9.5, fill="#7a5a2a")
            + "</g>"
        )


def _curve(src: Box, dst: Box) -> tuple[str, float, float, float]:
    """A vertical curve between two boxes, from the side that faces the other: the path, its middle
    height and its two ends' x."""
    sx, sy, sw, sh = src
    dx, dy, dw, dh = dst
    ax, ex = sx + sw / 2, dx + dw / 2
    if dy + dh <= sy:  # the target is above
        ay, ey = sy, dy + dh
    elif dy >= sy + sh:
        ay, ey = sy + sh, dy
    else:
        ay, ey = sy + sh / 2, dy + dh / 2
    mid = (ay + ey) / 2
    return f"M{f(ax)},{f(ay)} C{f(ax)},{f(mid)} {f(ex)},{f(mid)} {f(ex)},{f(ey)}", mid, ax, ex


def _marker(prefix: str, kind: str) -> str:
    colour = EDGE_STYLE[kind][0]
    return (
        f'<marker id="{prefix}-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
    )


def _legend(lang: str, kinds: list[str]) -> list[str]:
    labels = labels_of("report.label", lang)
    body = []
    x = 8.0
    for text, fill, stroke in (
        (labels["tier_box"], "#37474f", "#37474f"),
        (labels["unit_box"], "#e8f0fb", "#5b7fb8"),
        (labels["item_box"], "#fff3e0", "#e08214"),
    ):
        body.append(f'<rect x="{f(x)}" y="9" width="14" height="12" rx="2" fill="{fill}" stroke="{stroke}"/>')
        body.append(text_at(x + 19, 19, text, 11))
        x += 19 + width_of(text, 11) + 14
    for kind in kinds:
        colour, dash, line_width = EDGE_STYLE[kind]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(
            f'<line x1="{f(x)}" y1="15" x2="{f(x + 24)}" y2="15" stroke="{colour}" '
            f'stroke-width="{num(line_width, 1)}"{dash_attr}/>'
        )
        name = term("report.edge", kind, lang)
        body.append(text_at(x + 29, 19, name, 11))
        x += 29 + width_of(name, 11) + 14
    return body
