"""A sensitivity analysis's result as text, JSON or CSV, and its files under `--out` (the CLI
prints them; nothing here prints)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .. import atomic
from ..messages.catalogue import text
from ..printable import lines
from .metrics import METRICS
from .report import label, scenario_name
from .sensitivity_stats import COLUMNS

TOP = 3  # assumptions named per metric in the text; JSON and CSV hold them all
JSON_NAME, INDICES_CSV, EFFECTS_CSV = "sensitivity.json", "sensitivity.csv", "effects.csv"


def render_json(result: dict[str, Any], lang: str = "en") -> str:
    return json.dumps(result, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _num(x: float) -> str:
    return f"{x:.4g}"


def _signed(x: float) -> str:
    return f"{x:+.4g}"


def _share(x: float) -> str:
    return f"{100 * x:.0f}%"


def _ranked(method: str, rows: list[dict[str, Any]], lang: str, top: int = TOP) -> str:
    said = [
        text(f"assumptions.index.{method}", lang, **{k: (_num(v) if k != "parameter" else v) for k, v in r.items()})
        for r in rows[:top]
        if r[_rank(method)] > 0
    ]
    if not said:
        return text("assumptions.none_moves", lang)
    return ("; " if lang == "en" else ";").join(said)


def effect_lines(result: dict[str, Any], reform: str, lang: str) -> list[str]:
    """One sentence per metric: the share of the assumption space in which the reform keeps the
    declared effect's sign, the effect at the declared values and its spread over the points."""
    method = result["method"]
    out = []
    named = scenario_name(reform, result, lang)  # the sentences name the reform, the result keys it by id
    for m in METRICS:
        e = result["effects"][reform][m]
        metric = label(m, lang)
        if e["sign"] == 0 and e["low"] == e["high"] == 0:
            out.append(text("assumptions.unchanged_everywhere", lang, reform=named, metric=metric))
            continue
        verb = {1: "assumptions.raises", -1: "assumptions.lowers", 0: "assumptions.unchanged"}[e["sign"]]
        said = text(verb, lang, reform=named, metric=metric, share=_share(e["share"]))
        said += text(
            "assumptions.effect_detail",
            lang,
            declared=_signed(e["declared"]),
            low=_signed(e["low"]),
            high=_signed(e["high"]),
        )
        if e["indices"] and e["indices"][0][_rank(method)] > 0:
            said += text("assumptions.moved_by", lang, top=e["indices"][0]["parameter"])
        out.append(said)
    return out


def _rank(method: str) -> str:
    return COLUMNS[method][0]


def intro(result: dict[str, Any], lang: str) -> str:
    """The analysis in a sentence: how many assumptions, the method, the points, scenarios and runs."""
    method = result["method"]
    return text(
        "assumptions.intro",
        lang,
        dimensions=len(result["parameters"]),
        method="Morris" if method == "morris" else "Sobol'",
        samples=result["samples"],
        unit=text(f"assumptions.unit.{method}", lang),
        points=result["points"],
        scenarios=len(result["scenarios"]),
        runs=result["runs"],
        months=result["months"],
        seed=result["seed"],
    )


def render_text(result: dict[str, Any], lang: str = "en") -> str:
    method = result["method"]
    dims = len(result["parameters"])
    out = [intro(result, lang)]
    if method == "morris":
        out.append(text("assumptions.sobol_hint", lang, points=result["sobol_points"], samples=result["samples"]))
    out += ["", text("assumptions.ranges", lang)]
    for p in result["parameters"]:
        declared = _num(p["declared"]) if p["declared"] is not None else text("assumptions.none_declared", lang)
        out.append(
            text("assumptions.range_line", lang, name=p["name"], low=p["low"], high=p["high"], declared=declared)
        )
    for name, value in result["fixed"].items():
        out.append(text("assumptions.fixed_line", lang, name=name, value=value))
    out += ["", text(f"assumptions.matters.{method}", lang, top=min(TOP, dims))]
    for m in METRICS:
        ranked = _ranked(method, result["indices"][m], lang)
        out.append(text("assumptions.metric_line", lang, metric=label(m, lang), ranked=ranked))
    for reform in result["effects"]:
        named = scenario_name(reform, result, lang)
        out += ["", text("assumptions.effects", lang, reform=named), *effect_lines(result, reform, lang)]
    return lines(out)


def render_csv(result: dict[str, Any], lang: str = "en") -> str:
    """One row per target (the baseline, or a reform's effect), metric and parameter, ranked."""
    method = result["method"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["target", "metric", "rank", "parameter", *COLUMNS[method]])
    targets = [("baseline", result["indices"])]
    targets += [(f"{r} - baseline", {m: e[m]["indices"] for m in METRICS}) for r, e in result["effects"].items()]
    for target, by_metric in targets:
        for m in METRICS:
            for rank, row in enumerate(by_metric[m], 1):
                writer.writerow([target, m, rank, row["parameter"], *(row[c] for c in COLUMNS[method])])
    return buffer.getvalue()


def render_effects_csv(result: dict[str, Any]) -> str:
    """One row per reform and metric: the effect at the declared values and over the points."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["reform", "metric", "declared", "sign", "same_sign", "points", "share", "low", "high"])
    for reform, by_metric in result["effects"].items():
        for m in METRICS:
            e = by_metric[m]
            writer.writerow(
                [reform, m, e["declared"], e["sign"], e["same_sign"], len(e["points"]), e["share"], e["low"], e["high"]]
            )
    return buffer.getvalue()


FORMATS = {"text": render_text, "json": render_json, "csv": render_csv}


def write_dir(result: dict[str, Any], directory: Path) -> None:
    """sensitivity.json, sensitivity.csv and effects.csv, each written whole or not at all."""
    directory.mkdir(parents=True, exist_ok=True)
    atomic.write_text(directory / JSON_NAME, render_json(result))
    atomic.write_text(directory / INDICES_CSV, render_csv(result))
    atomic.write_text(directory / EFFECTS_CSV, render_effects_csv(result))
