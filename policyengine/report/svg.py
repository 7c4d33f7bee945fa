"""The report's pictures as inline SVG strings: the authority pyramid, the responsibility graph and
the simulation's metrics. Every text that comes from the policy is escaped here; every number is
written with a fixed precision, so that the same input gives the same bytes."""

from __future__ import annotations

from markupsafe import escape

from ..model import DIMENSIONS, ROLES
from .i18n import DIMENSIONS as DIM_LABELS, EDGES, ROLES as ROLE_LABELS

DIM_COLOURS = {"resources": "#2166ac", "task_setting": "#1b7837", "timing": "#762a83", "assessment": "#35978f"}
LOAD_COLOUR = "#c62828"
SCENARIO_COLOURS = ("#4d4d4d", "#e08214", "#2166ac", "#b2182b", "#1b7837", "#762a83")
EDGE_STYLE = {  # kind -> (colour, dash, width)
    "assigned_to": ("#8c510a", "", 1.4),
    "mobilises": ("#d6604d", "", 1.6),
    "co_handled_by": ("#762a83", "5 3", 1.3),
    "dispatches_to": ("#1b7837", "2 3", 1.3),
    "escalates_to": ("#2166ac", "", 2.4),
    "returns_to": ("#b2182b", "6 3", 2.0),
}
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif\""


def f(x: float) -> str:
    """A coordinate: one decimal, no trailing zeros."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def num(x: float, digits: int = 2) -> str:
    text = f"{x:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def metric_num(x: float) -> str:
    return f"{x:,.1f}" if abs(x) >= 100 else f"{x:.4f}"


def width_of(text: str, size: float) -> float:
    """The rough width of a text in pixels: CJK characters are square, Latin ones about 0.58 em."""
    return sum(size * (1.0 if ord(ch) > 0x2E80 else 0.58) for ch in text)


def clip(text: str, size: float, room: float) -> str:
    if width_of(text, size) <= room:
        return text
    out = ""
    for ch in text:
        if width_of(out + ch + "…", size) > room:
            break
        out += ch
    return out + "…"


def wrap(text: str, size: float, room: float, lines: int = 2) -> list[str]:
    """Break a text into at most `lines` lines that fit `room` pixels (at spaces, or anywhere in CJK
    text); the last line is clipped with an ellipsis when the text does not fit."""
    out: list[str] = []
    rest = text.strip()
    while rest and len(out) < lines - 1:
        if width_of(rest, size) <= room:
            break
        cut = 0
        for n in range(1, len(rest) + 1):
            if width_of(rest[:n], size) > room:
                break
            cut = n
        space = rest.rfind(" ", 0, cut + 1)
        if space > 0 and not any(ord(ch) > 0x2E80 for ch in rest[:cut]):
            cut = space
        out.append(rest[:max(cut, 1)].strip())
        rest = rest[max(cut, 1):].strip()
    if rest:
        out.append(clip(rest, size, room))
    return out


def _text(x: float, y: float, text: str, size: float = 11, anchor: str = "start", fill: str = "#222",
          weight: str = "normal", halo: bool = False) -> str:
    extra = ' stroke="#ffffff" stroke-width="3" paint-order="stroke"' if halo else ""
    bold = f' font-weight="{weight}"' if weight != "normal" else ""
    return (f'<text x="{f(x)}" y="{f(y)}" font-size="{f(size)}" text-anchor="{anchor}" fill="{fill}"{bold}{extra}>'
            f"{escape(text)}</text>")


def _svg(width: float, height: float, label: str, body: list[str], css_class: str) -> str:
    return (f'<svg class="{css_class}" viewBox="0 0 {f(width)} {f(height)}" '
            f'width="{f(width)}" height="{f(height)}" role="img" aria-label="{escape(label)}" {FONT}>'
            f"<title>{escape(label)}</title>" + "".join(body) + "</svg>")


# -- the pyramid ------------------------------------------------------------------------------------

def pyramid(rows: list[dict], tier_names: dict[str, str], lang: str, labels: dict, title: str) -> str:
    """Per tier, top down: four centred bars (authority on each dimension) and one centred bar
    (responsibility load). A pyramid on the left, an inverted one on the right."""
    label_w, panel_w, gap, row_h, top = 130.0, 250.0, 24.0, 66.0, 62.0
    width = label_w + 2 * panel_w + gap + 10
    height = top + row_h * len(rows) + 12
    a_cx = label_w + panel_w / 2
    l_cx = label_w + panel_w + gap + panel_w / 2
    room = panel_w - 24
    top_load = max((r["load"] for r in rows), default=0) or 1
    body = []
    x = 8.0
    for dim in DIMENSIONS:  # the legend
        body.append(f'<rect x="{f(x)}" y="8" width="12" height="12" fill="{DIM_COLOURS[dim]}"/>')
        name = DIM_LABELS[lang][dim]
        body.append(_text(x + 16, 18, name, 11))
        x += 16 + width_of(name, 11) + 16
    body.append(f'<rect x="{f(x)}" y="8" width="12" height="12" fill="{LOAD_COLOUR}"/>')
    body.append(_text(x + 16, 18, labels["load"], 11))
    body.append(_text(a_cx, top - 12, labels["authority"] + " (0–1)", 12, "middle", weight="bold"))
    body.append(_text(l_cx, top - 12, labels["load"] + " (" + labels["items"] + ")", 12, "middle", weight="bold"))
    for cx in (a_cx, l_cx):
        body.append(f'<line x1="{f(cx)}" y1="{f(top - 4)}" x2="{f(cx)}" y2="{f(height - 8)}" stroke="#cfd8dc" '
                    'stroke-width="1"/>')
    for i, row in enumerate(rows):
        y = top + i * row_h
        if i % 2 == 0:
            body.append(f'<rect x="0" y="{f(y)}" width="{f(width)}" height="{f(row_h)}" fill="#f5f7fa"/>')
        body.append(_text(8, y + row_h / 2 - 2, clip(tier_names.get(row["tier"], row["tier"]), 13, label_w - 12),
                          13, weight="bold"))
        body.append(_text(8, y + row_h / 2 + 14, row["tier"] + (" ⚠ PE105" if row["flagged"] else ""), 10,
                          fill="#b71c1c" if row["flagged"] else "#666"))
        for k, dim in enumerate(DIMENSIONS):
            level = row["levels"][dim]
            w = level * room
            by = y + 7 + k * 13
            tip = f"{row['tier']} · {DIM_LABELS[lang][dim]}: {num(level)}"
            if w > 0:
                body.append(f'<rect class="dim-{dim}" x="{f(a_cx - w / 2)}" y="{f(by)}" width="{f(w)}" height="11" '
                            f'fill="{DIM_COLOURS[dim]}"><title>{escape(tip)}</title></rect>')
            else:
                body.append(f'<rect x="{f(a_cx - 1)}" y="{f(by)}" width="2" height="11" fill="#9e9e9e">'
                            f"<title>{escape(tip)}</title></rect>")
        body.append(_text(label_w + panel_w - 4, y + row_h / 2 + 4, num(row["authority"]), 11, "end", "#333"))
        w = row["load"] / top_load * room
        if row["load"] and w < 2:
            w = 2.0
        tip = f"{row['tier']} · {labels['load']}: {row['load']}"
        if w > 0:
            body.append(f'<rect class="load" x="{f(l_cx - w / 2)}" y="{f(y + 7)}" width="{f(w)}" height="50" '
                        f'fill="{LOAD_COLOUR}"><title>{escape(tip)}</title></rect>')
        else:
            body.append(f'<rect x="{f(l_cx - 1)}" y="{f(y + 7)}" width="2" height="50" fill="#9e9e9e">'
                        f"<title>{escape(tip)}</title></rect>")
        text_x = l_cx + w / 2 + 6
        if text_x + 40 > width:
            body.append(_text(l_cx, y + row_h / 2 + 4, str(row["load"]), 13, "middle", "#ffffff", "bold"))
        else:
            body.append(_text(text_x, y + row_h / 2 + 4, str(row["load"]), 12, fill="#333"))
    return _svg(width, height, title, body, "pyramid")


# -- the responsibility graph -----------------------------------------------------------------------

def graph(policy, pgraph, tiers: list[str], lang: str, labels: dict, title: str, prefix: str,
          max_items: int = 6, max_units: int = 12) -> str:
    """Tiers as layers top to bottom; units and items (grouped per role beyond `max_items`) under
    their tier (grouped per kind beyond `max_units`); edges: assigned_to (with the role), mobilises, co_handled_by, dispatches_to, escalates_to,
    returns_to."""
    width, tx, tw, cx0 = 1120.0, 12.0, 150.0, 196.0
    bw, bh, gx, gy = 150.0, 50.0, 10.0, 14.0
    per_row = max(1, int((width - cx0 - 12 + gx) // (bw + gx)))
    boxes: dict[tuple, tuple[float, float, float, float]] = {}
    item_node: dict[str, tuple] = {}
    unit_node: dict[str, tuple] = {}
    group_size: dict[tuple, int] = {}
    body: list[str] = []
    y = 34.0  # room for the legend
    layer_of: dict[str, tuple[float, float]] = {}

    def place(row_items: list, top: float) -> float:
        """Place boxes in rows of `per_row`; return the y below them."""
        for n, (key, _) in enumerate(row_items):
            r, c = divmod(n, per_row)
            boxes[key] = (cx0 + c * (bw + gx), top + r * (bh + gy), bw, bh)
        rows = -(-len(row_items) // per_row)
        return top + rows * (bh + gy) - (gy if rows else 0)

    layers = []
    for t in tiers:
        at = [policy.units[u] for u in pgraph.units_at(t)]
        if len(at) > max_units:
            by_kind: dict[str, list] = {}
            for u in at:
                by_kind.setdefault(u.kind, []).append(u)
            units = [(("units", t, kind), by_kind[kind]) for kind in sorted(by_kind)]
            for key, members in units:
                for u in members:
                    unit_node[u.id] = key
        else:
            units = [(("unit", u.id), u) for u in at]
            for u in at:
                unit_node[u.id] = ("unit", u.id)
        items = [i for i in policy.items.values() if i.tier == t]
        if len(items) > max_items:
            by_role: dict[str, list] = {}
            for i in items:
                by_role.setdefault(i.role, []).append(i)
            order = [r for r in ROLES if r in by_role] + sorted(r for r in by_role if r not in ROLES)
            entries = []
            for role in order:
                key = ("group", t, role)
                entries.append((key, by_role[role]))
                group_size[key] = len(by_role[role])
                for i in by_role[role]:
                    item_node[i.id] = key
        else:
            entries = [(("item", i.id), [i]) for i in items]
            for i in items:
                item_node[i.id] = ("item", i.id)
        top = y + 30
        below_units = place(units, top)
        items_top = below_units + (26 if units else 0)
        below_items = place(entries, items_top)
        bottom = max(below_items, below_units, top + 40) + 36
        layers.append((t, y, bottom, units, entries))
        layer_of[t] = (y, bottom)
        boxes[("tier", t)] = (tx, y + 12, tw, bottom - y - 24)
        y = bottom + 8
    height = y + 4

    # layers, tier boxes
    for n, (t, top, bottom, units, entries) in enumerate(layers):
        if n % 2 == 0:
            body.append(f'<rect x="0" y="{f(top)}" width="{f(width)}" height="{f(bottom - top)}" fill="#f5f7fa"/>')
        x, by, w, h = boxes[("tier", t)]
        name = policy.tiers[t].name.text(lang) or t
        count = policy.tiers[t].count
        body.append(f'<rect class="tier-box" x="{f(x)}" y="{f(by)}" width="{f(w)}" height="{f(h)}" rx="6" '
                    f'fill="#37474f"><title>{escape(t)}</title></rect>')
        body.append(_text(x + w / 2, by + h / 2 - 2, clip(name, 14, w - 12), 14, "middle", "#ffffff", "bold"))
        body.append(_text(x + w / 2, by + h / 2 + 15, t + (f" ×{count:,}" if count else ""), 10.5, "middle",
                          "#cfd8dc"))

    # edges, under the boxes
    edges: dict[tuple, int] = {}

    def add(kind: str, src: tuple, dst: tuple, label: str = "") -> None:
        if src in boxes and dst in boxes:
            edges[(kind, src, dst, label)] = edges.get((kind, src, dst, label), 0) + 1

    for i in policy.items.values():
        src = item_node.get(i.id)
        if src is None:
            continue
        add("assigned_to", src, ("tier", i.tier), i.role)
        for u in i.mobilises:
            add("mobilises", src, unit_node.get(u, ("unit", u)))
        for c in i.co_handlers:
            add("co_handled_by", src, unit_node.get(c.unit, ("unit", c.unit)))
    if policy.workflow:
        chain = policy.workflow.escalation
        for low, high in zip(chain, chain[1:]):
            add("escalates_to", ("tier", low), ("tier", high))
        for d in policy.workflow.dispatch:
            for u in d.to:
                add("dispatches_to", ("tier", d.from_tier), unit_node.get(u, ("unit", u)))
        for r in policy.workflow.returns:  # the road case: returned to the tier that holds the duty
            if r.to in policy.tiers:
                targets = [r.to]
            else:  # "assigned_tier": every tier below that has items assigned to it
                targets = [t for t in tiers if t != r.from_tier and pgraph.is_below(t, r.from_tier)
                           and any(i.tier == t for i in policy.items.values())]
            for t in targets:
                add("returns_to", ("tier", r.from_tier), ("tier", t), r.basis)
    kinds = sorted({k[0] for k in edges}, key=list(EDGE_STYLE).index)
    defs = []
    for kind in EDGE_STYLE:
        colour = EDGE_STYLE[kind][0]
        defs.append(f'<marker id="{prefix}-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                    f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
                    "</marker>")
    body.insert(0, "<defs>" + "".join(defs) + "</defs>")
    labels_out = []
    arrivals: dict[tuple, int] = {}
    returns_lane: dict[tuple, int] = {}
    for (kind, src, dst, label), n in edges.items():
        colour, dash, stroke = EDGE_STYLE[kind]
        sx, sy, sw, sh = boxes[src]
        dx, dy, dw, dh = boxes[dst]
        if kind == "assigned_to":
            ax, ay = sx + sw / 2, sy + sh
            k = arrivals[dst] = arrivals.get(dst, -1) + 1
            ex, ey = tx + tw, dy + dh - 10 - 7 * (k % max(1, int((dh - 20) // 7)))
            d = f"M{f(ax)},{f(ay)} C{f(ax)},{f(ay + 24)} {f(ex + 50)},{f(ey)} {f(ex)},{f(ey)}"
            count = group_size.get(src, 1) if src[0] == "group" else 1
            text = ROLE_LABELS[lang].get(label, label) + (f" ×{count}" if count > 1 else "")
            labels_out.append(_text(ax + 4, ay + 15, text, 10.5, fill=colour, halo=True))
        elif kind == "escalates_to":
            ax = tx + 22
            if dy < sy:
                ay, ey = sy, dy + dh
            else:
                ay, ey = sy + sh, dy
            d = f"M{f(ax)},{f(ay)} L{f(ax)},{f(ey)}"
        elif kind == "returns_to":  # in the gutter right of the tier boxes, one lane per source tier
            lane = returns_lane.setdefault(src, len(returns_lane))
            gx_ = tx + tw + 8 + 9 * lane
            ay = sy + sh - 10 - 6 * lane
            ey = dy + 14 + 6 * lane
            d = f"M{f(sx + sw)},{f(ay)} L{f(gx_)},{f(ay)} L{f(gx_)},{f(ey)} L{f(dx + dw + 1)},{f(ey)}"
        elif kind == "dispatches_to":
            ax, ay = sx + sw, sy + 14
            ex, ey = dx + dw / 2, dy
            d = f"M{f(ax)},{f(ay)} C{f(ax + 40)},{f(ay - 24)} {f(ex)},{f(ey - 26)} {f(ex)},{f(ey)}"
        else:
            ax = sx + sw / 2
            ex = dx + dw / 2
            if dy + dh <= sy:  # the target is above
                ay, ey = sy, dy + dh
            elif dy >= sy + sh:
                ay, ey = sy + sh, dy
            else:
                ay, ey = sy + sh / 2, dy + dh / 2
            mid = (ay + ey) / 2
            d = f"M{f(ax)},{f(ay)} C{f(ax)},{f(mid)} {f(ex)},{f(mid)} {f(ex)},{f(ey)}"
            if n > 1:
                labels_out.append(_text((ax + ex) / 2, mid, f"×{n}", 10, "middle", colour, halo=True))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        tip = EDGES[lang][kind] + (f" ×{n}" if n > 1 else "")
        body.append(f'<path class="edge edge-{kind}" d="{d}" fill="none" stroke="{colour}" stroke-width="{num(stroke, 1)}"'
                    f'{dash_attr} marker-end="url(#{prefix}-{kind})"><title>{escape(tip)}</title></path>')
    body.extend(labels_out)

    # unit and item boxes, over the edges
    for t, top, bottom, units, entries in layers:
        for key, unit in units:
            x, by, w, h = boxes[key]
            if key[0] == "units":  # a group of units of one kind
                head = labels["unit_group"].format(kind=key[2], n=len(unit))
                tip = head + "\n" + "\n".join(f"{u.id}: {u.name.text(lang) or u.id}" for u in unit)
                body.append(f'<g class="unit"><title>{escape(tip)}</title><rect x="{f(x)}" y="{f(by)}" '
                            f'width="{f(w)}" height="{f(h)}" rx="4" fill="#e8f0fb" stroke="#5b7fb8" stroke-width="2.2"/>'
                            + _text(x + 6, by + 15, clip(head, 11, w - 12), 11, weight="bold")
                            + _text(x + 6, by + h - 6, clip(", ".join(u.id for u in unit), 9.5, w - 12), 9.5,
                                    fill="#5b6b7b") + "</g>")
                continue
            dash = ' stroke-dasharray="4 2"' if unit.sent_by else ""
            name = unit.name.text(lang) or unit.id
            tip = f"{unit.id}: {name}" + (f" ← {unit.sent_by}" if unit.sent_by else "")
            body.append(f'<g class="unit"><title>{escape(tip)}</title><rect x="{f(x)}" y="{f(by)}" width="{f(w)}" '
                        f'height="{f(h)}" rx="4" fill="#e8f0fb" stroke="#5b7fb8"{dash}/>'
                        + "".join(_text(x + 6, by + 15 + 13 * k, line, 11)
                                  for k, line in enumerate(wrap(name, 11, w - 12)))
                        + _text(x + 6, by + h - 6, clip(unit.id, 9.5, w - 12), 9.5, fill="#5b6b7b") + "</g>")
        for key, members in entries:
            x, by, w, h = boxes[key]
            if key[0] == "group":
                role = ROLE_LABELS[lang].get(key[2], key[2])
                head = labels["group"].format(role=role, n=len(members))
                sub = ", ".join(i.id for i in members)
                tip = head + "\n" + "\n".join(f"{i.id}: {i.name.text(lang) or i.id}" for i in members)
                stroke_w = "2.2"
            else:
                i = members[0]
                head = i.name.text(lang) or i.id
                sub = i.id
                tip = f"{i.id}: {head} ({ROLE_LABELS[lang].get(i.role, i.role)})"
                stroke_w = "1.2"
            body.append(f'<g class="item"><title>{escape(tip)}</title><rect x="{f(x)}" y="{f(by)}" width="{f(w)}" '
                        f'height="{f(h)}" rx="4" fill="#fff3e0" stroke="#e08214" stroke-width="{stroke_w}"/>'
                        + "".join(_text(x + 6, by + 15 + 13 * k, line, 11,
                                        weight="bold" if key[0] == "group" else "normal")
                                  for k, line in enumerate(wrap(head, 11, w - 12, 1 if key[0] == "group" else 2)))
                        + _text(x + 6, by + h - 6, clip(sub, 9.5, w - 12), 9.5, fill="#7a5a2a") + "</g>")

    # the legend
    x = 8.0
    for text, fill, stroke in ((labels["tier_box"], "#37474f", "#37474f"), (labels["unit_box"], "#e8f0fb", "#5b7fb8"),
                               (labels["item_box"], "#fff3e0", "#e08214")):
        body.append(f'<rect x="{f(x)}" y="9" width="14" height="12" rx="2" fill="{fill}" stroke="{stroke}"/>')
        body.append(_text(x + 19, 19, text, 11))
        x += 19 + width_of(text, 11) + 14
    for kind in kinds:
        colour, dash, stroke = EDGE_STYLE[kind]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(f'<line x1="{f(x)}" y1="15" x2="{f(x + 24)}" y2="15" stroke="{colour}" '
                    f'stroke-width="{num(stroke, 1)}"{dash_attr}/>')
        body.append(_text(x + 29, 19, EDGES[lang][kind], 11))
        x += 29 + width_of(EDGES[lang][kind], 11) + 14
    return _svg(width, height, title, body, "graph")


# -- the simulation ---------------------------------------------------------------------------------

def metrics(result: dict, metric_labels: dict[str, str], title: str, scenario_labels: dict[str, str]) -> str:
    """A panel per metric: a dot (the mean over runs) and a whisker (the interval) per scenario."""
    from ..simulate.metrics import METRICS

    names = list(result["scenarios"])
    cols, pw, ph, top = 4, 262.0, 138.0, 30.0
    rows = -(-len(METRICS) // cols)
    width, height = cols * pw, top + rows * ph
    body = []
    x = 8.0
    for i, name in enumerate(names):
        colour = SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)]
        body.append(f'<circle cx="{f(x + 6)}" cy="14" r="5" fill="{colour}"/>')
        text = scenario_labels.get(name, name)
        body.append(_text(x + 16, 18, text, 11.5))
        x += 16 + width_of(text, 11.5) + 18
    for n, metric in enumerate(METRICS):
        r, c = divmod(n, cols)
        px, py = c * pw, top + r * ph
        body.append(f'<rect x="{f(px + 4)}" y="{f(py + 4)}" width="{f(pw - 8)}" height="{f(ph - 8)}" rx="4" '
                    'fill="#fafbfc" stroke="#dde3ea"/>')
        body.append(_text(px + 12, py + 21, clip(metric_labels.get(metric, metric), 11.5, pw - 24), 11.5,
                          weight="bold"))
        values = [result["scenarios"][s]["metrics"][metric] for s in names]
        lo = min(v["low"] for v in values)
        hi = max(v["high"] for v in values)
        span = hi - lo
        pad = span * 0.15 if span > 1e-12 else (abs(hi) * 0.1 or 1.0)
        lo, hi = lo - pad, hi + pad
        x0, x1, y0, y1 = px + 64, px + pw - 14, py + 32, py + ph - 16

        def yof(v: float) -> float:
            return y1 - (v - lo) / (hi - lo) * (y1 - y0)

        body.append(f'<line x1="{f(x0)}" y1="{f(y0)}" x2="{f(x0)}" y2="{f(y1)}" stroke="#b0bec5"/>')
        for v in (lo + pad, hi - pad) if span > 1e-12 else (lo + pad,):
            body.append(f'<line x1="{f(x0 - 3)}" y1="{f(yof(v))}" x2="{f(x1)}" y2="{f(yof(v))}" stroke="#eceff1"/>')
            body.append(_text(x0 - 5, yof(v) + 3.5, metric_num(v), 9.5, "end", "#555"))
        slot = (x1 - x0) / len(names)
        for i, (name, v) in enumerate(zip(names, values)):
            colour = SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)]
            cx = x0 + slot * (i + 0.5)
            tip = (f"{scenario_labels.get(name, name)} · {metric_labels.get(metric, metric)}: "
                   f"{metric_num(v['mean'])} [{metric_num(v['low'])}, {metric_num(v['high'])}]")
            body.append(f'<g class="sim-point"><title>{escape(tip)}</title>'
                        f'<line x1="{f(cx)}" y1="{f(yof(v["low"]))}" x2="{f(cx)}" y2="{f(yof(v["high"]))}" '
                        f'stroke="{colour}" stroke-width="1.6"/>'
                        f'<line x1="{f(cx - 6)}" y1="{f(yof(v["low"]))}" x2="{f(cx + 6)}" y2="{f(yof(v["low"]))}" '
                        f'stroke="{colour}" stroke-width="1.6"/>'
                        f'<line x1="{f(cx - 6)}" y1="{f(yof(v["high"]))}" x2="{f(cx + 6)}" y2="{f(yof(v["high"]))}" '
                        f'stroke="{colour}" stroke-width="1.6"/>'
                        f'<circle cx="{f(cx)}" cy="{f(yof(v["mean"]))}" r="4.5" fill="{colour}"/></g>')
    return _svg(width, height, title, body, "metrics")
