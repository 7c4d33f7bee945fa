"""The report page's sensitivity section: what a saved, verified sensitivity result says
(`report --sensitivity-from FILE`), as rows the template shows. Nothing here draws or reads files."""

from __future__ import annotations

from typing import Any

from ..messages.catalogue import TABLE, term, text
from ..simulate.sensitivity_report import intro as sensitivity_intro

TOP = 3  # assumptions named per metric on the page


def _num(x: float) -> str:
    return f"{x:.4g}"


def _top(rows: list[dict[str, Any]], measure: str, top: int = TOP) -> str:
    """The largest assumptions that move the metric at all, with their measure."""
    named = [f"{r['parameter']} ({_num(r[measure])})" for r in rows[:top] if r.get(measure, 0) > 0]
    return ", ".join(named)


def sensitivity_view(result: dict[str, Any], lang: str) -> dict[str, Any]:
    """The section's title, intro, per-metric ranking and per-reform effects. Metrics are those the
    result holds, in its order (a result saved by another version may hold other metrics)."""
    method = result["method"]
    measure = "mu_star" if method == "morris" else "ST"
    metrics = list(result["indices"])

    def label(metric: str) -> str:
        return term("simulate.metric", metric, lang) if f"simulate.metric.{metric}" in TABLE else metric

    intro = sensitivity_intro(result, lang)
    effects = []
    for reform, by_metric in result["effects"].items():
        rows = []
        for m, e in by_metric.items():
            rows.append(
                {
                    "metric": label(m),
                    "share": f"{100 * e['share']:.0f}%",
                    "declared": f"{e['declared']:+.4g}",
                    "spread": f"{e['low']:+.4g} – {e['high']:+.4g}",
                    "top": _top(e["indices"], measure, 1),
                }
            )
        effects.append({"title": text("assumptions.page.effects", lang, reform=reform), "rows": rows})
    return {
        "title": text("assumptions.page.title", lang),
        "intro": intro,
        "matters": text("assumptions.page.matters", lang, measure=measure),
        "ranking": [(label(m), _top(result["indices"][m], measure)) for m in metrics],
        "effects": effects,
        "head": {
            "share": text("assumptions.page.col_share", lang),
            "declared": text("assumptions.page.col_declared", lang),
            "spread": text("assumptions.page.col_spread", lang),
            "top": text("assumptions.page.col_top", lang),
            "assumptions": text("assumptions.page.col_assumptions", lang),
        },
    }


__all__ = ["sensitivity_view"]
