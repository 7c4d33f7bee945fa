"""SVG primitives for the report's pictures: numbers at a fixed precision, text that fits, and the
`<text>` and `<svg>` elements. Every text is escaped here."""

from __future__ import annotations

from markupsafe import escape

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
        out.append(rest[: max(cut, 1)].strip())
        rest = rest[max(cut, 1) :].strip()
    if rest:
        out.append(clip(rest, size, room))
    return out


def text_at(
    x: float,
    y: float,
    text: str,
    size: float = 11,
    anchor: str = "start",
    fill: str = "#222",
    weight: str = "normal",
    halo: bool = False,
) -> str:
    extra = ' stroke="#ffffff" stroke-width="3" paint-order="stroke"' if halo else ""
    bold = f' font-weight="{weight}"' if weight != "normal" else ""
    return (
        f'<text x="{f(x)}" y="{f(y)}" font-size="{f(size)}" text-anchor="{anchor}" fill="{fill}"{bold}{extra}>'
        f"{escape(text)}</text>"
    )


def svg(width: float, height: float, label: str, body: list[str], css_class: str) -> str:
    return (
        f'<svg class="{css_class}" viewBox="0 0 {f(width)} {f(height)}" '
        f'width="{f(width)}" height="{f(height)}" role="img" aria-label="{escape(label)}" {FONT}>'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


def bar(css: str, x: float, y: float, w: float, h: float, fill: str, tip: str) -> str:
    """A bar with its tooltip; an empty one is a grey sliver, so that zero is seen."""
    if w > 0:
        return (
            f'<rect class="{css}" x="{f(x - w / 2)}" y="{f(y)}" width="{f(w)}" height="{f(h)}" '
            f'fill="{fill}"><title>{escape(tip)}</title></rect>'
        )
    return (
        f'<rect x="{f(x - 1)}" y="{f(y)}" width="2" height="{f(h)}" fill="#9e9e9e"><title>{escape(tip)}</title></rect>'
    )
