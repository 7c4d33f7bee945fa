"""The simulation's metrics as SVG: a panel per metric, a dot and a whisker per scenario."""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from .draw import clip, f, metric_num, svg, text_at, width_of

SCENARIO_COLOURS = ("#4d4d4d", "#e08214", "#2166ac", "#b2182b", "#1b7837", "#762a83")
COLS, PW, PH, TOP = 4, 262.0, 138.0, 30.0  # panels per row, a panel's size, room for the legend


def metrics(result: dict[str, Any], metric_labels: dict[str, str], title: str, scenario_labels: dict[str, str]) -> str:
    """A panel per metric: a dot (the mean over runs) and a whisker (the interval) per scenario."""
    from ..simulate.metrics import METRICS  # numpy: only when a simulation is drawn

    names = list(result["scenarios"])
    rows = -(-len(METRICS) // COLS)
    width, height = COLS * PW, TOP + rows * PH
    body = []
    x = 8.0
    for i, name in enumerate(names):
        colour = SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)]
        body.append(f'<circle cx="{f(x + 6)}" cy="14" r="5" fill="{colour}"/>')
        text = scenario_labels.get(name, name)
        body.append(text_at(x + 16, 18, text, 11.5))
        x += 16 + width_of(text, 11.5) + 18
    for n, metric in enumerate(METRICS):
        r, c = divmod(n, COLS)
        label = metric_labels.get(metric, metric)
        values = [result["scenarios"][s]["metrics"][metric] for s in names]
        body += _panel(c * PW, TOP + r * PH, label, names, values, scenario_labels)
    return svg(width, height, title, body, "metrics")


def _panel(
    px: float, py: float, label: str, names: list[str], values: list[dict[str, float]], scenario_labels: dict[str, str]
) -> list[str]:
    body = [
        f'<rect x="{f(px + 4)}" y="{f(py + 4)}" width="{f(PW - 8)}" height="{f(PH - 8)}" rx="4" '
        'fill="#fafbfc" stroke="#dde3ea"/>',
        text_at(px + 12, py + 21, clip(label, 11.5, PW - 24), 11.5, weight="bold"),
    ]
    lo = min(v["low"] for v in values)
    hi = max(v["high"] for v in values)
    span = hi - lo
    pad = span * 0.15 if span > 1e-12 else (abs(hi) * 0.1 or 1.0)
    lo, hi = lo - pad, hi + pad
    x0, x1, y0, y1 = px + 64, px + PW - 14, py + 32, py + PH - 16

    def yof(v: float) -> float:
        return y1 - (v - lo) / (hi - lo) * (y1 - y0)

    body.append(f'<line x1="{f(x0)}" y1="{f(y0)}" x2="{f(x0)}" y2="{f(y1)}" stroke="#b0bec5"/>')
    for tick in (lo + pad, hi - pad) if span > 1e-12 else (lo + pad,):
        body.append(f'<line x1="{f(x0 - 3)}" y1="{f(yof(tick))}" x2="{f(x1)}" y2="{f(yof(tick))}" stroke="#eceff1"/>')
        body.append(text_at(x0 - 5, yof(tick) + 3.5, metric_num(tick), 9.5, "end", "#555"))
    slot = (x1 - x0) / len(names)
    for i, (name, v) in enumerate(zip(names, values, strict=True)):
        colour = SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)]
        cx = x0 + slot * (i + 0.5)
        tip = (
            f"{scenario_labels.get(name, name)} · {label}: "
            f"{metric_num(v['mean'])} [{metric_num(v['low'])}, {metric_num(v['high'])}]"
        )
        body.append(
            f'<g class="sim-point"><title>{escape(tip)}</title>'
            f'<line x1="{f(cx)}" y1="{f(yof(v["low"]))}" x2="{f(cx)}" y2="{f(yof(v["high"]))}" '
            f'stroke="{colour}" stroke-width="1.6"/>'
            f'<line x1="{f(cx - 6)}" y1="{f(yof(v["low"]))}" x2="{f(cx + 6)}" y2="{f(yof(v["low"]))}" '
            f'stroke="{colour}" stroke-width="1.6"/>'
            f'<line x1="{f(cx - 6)}" y1="{f(yof(v["high"]))}" x2="{f(cx + 6)}" y2="{f(yof(v["high"]))}" '
            f'stroke="{colour}" stroke-width="1.6"/>'
            f'<circle cx="{f(cx)}" cy="{f(yof(v["mean"]))}" r="4.5" fill="{colour}"/></g>'
        )
    return body
