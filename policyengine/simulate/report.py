"""The simulation result as text, JSON or CSV (the CLI prints them; nothing here prints)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from ..errors import InputError

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
    for name, scenario in _part_scenarios(result):
        for metric in METRICS:
            m = scenario["metrics"][metric]
            writer.writerow([name, metric, m["mean"], m["low"], m["high"]])
    return buffer.getvalue()


def _part_scenarios(result: dict):
    """The reform parts short of the whole reform (which is among the scenarios), that ran."""
    for entries in result.get("parts", {}).get("reforms", {}).values():
        for e in entries[:-1]:
            if "metrics" in e:
                yield e["scenario"], e


def render_parts_csv(result: dict, lang: str = "en") -> str:
    """One row per reform part and metric: the part's operations, what it adds, and the metric."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["reform", "scenario", "first_op", "last_op", "adds", "metric", "mean", "low", "high"])
    for reform, entries in result.get("parts", {}).get("reforms", {}).items():
        for e in entries:
            if "metrics" not in e:
                continue
            for metric in METRICS:
                m = e["metrics"][metric]
                writer.writerow([reform, e["scenario"], *e["operations"], e["adds"], metric, m["mean"], m["low"], m["high"]])
    return buffer.getvalue()


def _parts_text(result: dict, zh: bool) -> list[str]:
    out = []
    mode = result["parts"]["mode"]
    for reform, entries in result["parts"]["reforms"].items():
        head = ["operations" if not zh else "操作", *(LABELS_ZH[m] if zh else m for m in SWEEP_SHOWN),
                "adds" if not zh else "新增"]
        base = result["scenarios"]["baseline"]["metrics"]
        rows = [["baseline" if not zh else "基线", *(_num(base[m]["mean"]) for m in SWEEP_SHOWN), ""]]
        for e in entries:
            span = f"1-{e['operations'][1]}"
            adds = e.get("adds_zh") or e["adds"] if zh else e["adds"]
            if "metrics" in e:
                rows.append([span, *(_num(e["metrics"][m]["mean"]) for m in SWEEP_SHOWN), adds])
            else:
                rows.append([span, *("-" for _ in SWEEP_SHOWN),
                             adds + (" (not a valid policy: skipped)" if not zh else "(不是有效策略:跳过)")])
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
        what = "operations" if mode == "ops" else "groups of operations"
        title = (f"{reform} by part ({what} applied cumulatively; means over runs):" if not zh else
                 f"{reform} 分步({'逐个操作' if mode == 'ops' else '按操作组'}累加;跨运行均值):")
        out += ["", title, line(head), line(["-" * w for w in widths]), *map(line, rows)]
    return out


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
    writer.writerow(["figure", "metric", "case_value", "low", "high", "simulated", "within", "fitted_by"])
    for c in result["calibration"]:
        writer.writerow([c["figure"], c["metric"], c["case_value"], *c["window"], c["simulated"], c["within"],
                         c.get("fitted_by") or ""])
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
        if c.get("fitted_by"):
            mark += f" (fitted: {c['fitted_by']})" if not zh else f"(拟合参数:{c['fitted_by']})"
        low, high = c["window"]
        out.append(f"  {c['figure']}: case {c['case_value']}, simulated {_num(c['simulated'])}, window "
                   f"{low}-{high}: {mark}" if not zh else
                   f"  {c['figure']}:案例 {c['case_value']},模拟 {_num(c['simulated'])},范围 {low}-{high}:{mark}")
    if "parts" in result:
        out.extend(_parts_text(result, zh))
    if "sweep" in result:
        out.extend(_sweep_text(result, zh))
    return "\n".join(out) + "\n"


FORMATS = {"text": render_text, "json": render_json, "csv": render_csv}


def need_parquet(out: str | Path | None) -> None:
    """Fail before simulating when Parquet cannot be written."""
    if out is None:
        raise InputError("--sweep-format parquet writes DIR/sweep.parquet: give --out DIR",
                         "--sweep-format parquet 写入 DIR/sweep.parquet:请给出 --out DIR")
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise InputError("--sweep-format parquet needs pyarrow: pip install 'grid-policyengine[parquet]'",
                         "--sweep-format parquet 需要 pyarrow:pip install 'grid-policyengine[parquet]'") from None


def sweep_columns(result: dict) -> dict[str, list]:
    """The sweep's records as columns: one row per point, scenario and metric (as sweep.csv)."""
    sweep = result["sweep"]
    cols: dict[str, list] = {name: [] for name in [*sweep["parameters"], "scenario", "metric", "mean", "low", "high"]}
    for point in sweep["points"]:
        for name, scenario in point["scenarios"].items():
            for metric in METRICS:
                m = scenario["metrics"][metric]
                for p in sweep["parameters"]:
                    cols[p].append(float(point["values"][p]))
                cols["scenario"].append(name)
                cols["metric"].append(metric)
                for k in ("mean", "low", "high"):
                    cols[k].append(float(m[k]))
    return cols


def write_parquet(columns: dict[str, list], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({k: pa.array(v, type=pa.float64() if k not in ("scenario", "metric") else pa.string())
                      for k, v in columns.items()})
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def _write(path: Path, text: str) -> None:
    """Atomically: a reader never sees half a file, an interruption leaves the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_dir(result: dict, directory: Path, sweep_format: str = "csv") -> None:
    directory.mkdir(parents=True, exist_ok=True)
    _write(directory / "simulation.json", render_json(result))
    _write(directory / "metrics.csv", render_csv(result))
    _write(directory / "calibration.csv", render_calibration_csv(result))
    if "parts" in result:
        _write(directory / "parts.csv", render_parts_csv(result))
    if "sweep" in result:
        if sweep_format == "parquet":
            write_parquet(sweep_columns(result), directory / "sweep.parquet")
        else:
            _write(directory / "sweep.csv", render_sweep_csv(result))
