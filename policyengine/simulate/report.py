"""The simulation result as text, JSON or CSV (the CLI prints them; nothing here prints)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .metrics import METRICS

LABELS_ZH = {
    "true_resolution_rate": "真实解决率", "reported_closure_rate": "平台办结率", "suspension_gap": "悬浮差",
    "cost_per_true_resolution": "每件真实解决成本(元)", "fabricated_share": "虚构上报占比",
    "cosmetic_closure_share": "表面办结占比", "qualification_rate": "合格率",
    "on_time_verification_rate": "按期核查率", "district_transfers_per_community": "每社区区级转办(24个月)",
    "returns_per_month": "月退回数", "urban_public_order_closure_share": "城管·治安类办结占比",
    "dismissals": "辞退人数",
}


def render_json(result: dict, lang: str = "en") -> str:
    return json.dumps(result, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def render_csv(result: dict, lang: str = "en") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if "sweep" in result:
        return render_sweep_csv(result, lang)
    writer.writerow(["scenario", "metric", "mean", "low", "high"])
    for name, scenario in result["scenarios"].items():
        for metric in METRICS:
            m = scenario["metrics"][metric]
            writer.writerow([name, metric, m["mean"], m["low"], m["high"]])
    return buffer.getvalue()


def render_sweep_csv(result: dict, lang: str = "en") -> str:
    """One row per sweep point, scenario and metric; the point's parameter values in their own columns."""
    sweep = result["sweep"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*sweep["parameters"], "scenario", "metric", "mean", "low", "high"])
    for point in sweep["points"]:
        values = [point["values"][name] for name in sweep["parameters"]]
        for name, scenario in point["scenarios"].items():
            for metric in METRICS:
                m = scenario["metrics"][metric]
                writer.writerow([*values, name, metric, m["mean"], m["low"], m["high"]])
    return buffer.getvalue()


SWEEP_SHOWN = ("true_resolution_rate", "suspension_gap", "fabricated_share", "qualification_rate",
               "district_transfers_per_community")


def _sweep_text(result: dict, zh: bool) -> list[str]:
    sweep = result["sweep"]
    names = list(result["scenarios"])
    head = [*sweep["parameters"], *(f"{n}:{LABELS_ZH[m] if zh else m}" for n in names for m in SWEEP_SHOWN)]
    rows = [[f"{p['values'][k]:g}" for k in sweep["parameters"]] +
            [_num(p["scenarios"][n]["metrics"][m]["mean"]) for n in names for m in SWEEP_SHOWN]
            for p in sweep["points"]]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    title = "sweep (means over runs; full intervals in JSON and CSV):" if not zh else "参数扫描(跨运行均值;区间见 JSON 与 CSV):"
    return ["", title, line(head), line(["-" * w for w in widths]), *map(line, rows)]


def render_calibration_csv(result: dict) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["figure", "metric", "case_value", "low", "high", "simulated", "within"])
    for c in result["calibration"]:
        writer.writerow([c["figure"], c["metric"], c["case_value"], *c["window"], c["simulated"], c["within"]])
    return buffer.getvalue()


def _cell(m: dict) -> str:
    return f"{_num(m['mean'])} [{_num(m['low'])}, {_num(m['high'])}]"


def _num(x: float) -> str:
    return f"{x:.4f}" if abs(x) < 10 else f"{x:.1f}"


def render_text(result: dict, lang: str = "en") -> str:
    zh = lang == "zh"
    names = list(result["scenarios"])
    head = ["metric" if not zh else "指标", *names]
    rows = [[LABELS_ZH[m] if zh else m, *(_cell(result["scenarios"][n]["metrics"][m]) for n in names)] for m in METRICS]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    out = [f"{result['months']} months x {result['runs']} runs, seed {result['seed']}; mean [2.5%, 97.5%] over runs"
           if not zh else f"{result['months']} 个月 × {result['runs']} 次运行,种子 {result['seed']};均值 [2.5%, 97.5%](跨运行)",
           "", line(head), line(["-" * w for w in widths]), *map(line, rows), "",
           "calibration against the case (baseline):" if not zh else "与案例数据的校准(基线):"]
    for c in result["calibration"]:
        mark = ("within" if c["within"] else "OUTSIDE") if not zh else ("在范围内" if c["within"] else "超出范围")
        low, high = c["window"]
        out.append(f"  {c['figure']}: case {c['case_value']}, simulated {_num(c['simulated'])}, window "
                   f"{low}-{high}: {mark}" if not zh else
                   f"  {c['figure']}:案例 {c['case_value']},模拟 {_num(c['simulated'])},范围 {low}-{high}:{mark}")
    if "sweep" in result:
        out.extend(_sweep_text(result, zh))
    return "\n".join(out) + "\n"


FORMATS = {"text": render_text, "json": render_json, "csv": render_csv}


def write_dir(result: dict, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "simulation.json").write_text(render_json(result), encoding="utf-8")
    (directory / "metrics.csv").write_text(render_csv(result), encoding="utf-8")
    (directory / "calibration.csv").write_text(render_calibration_csv(result), encoding="utf-8")
    if "sweep" in result:
        (directory / "sweep.csv").write_text(render_sweep_csv(result), encoding="utf-8")
