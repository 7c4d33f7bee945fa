"""The simulation result as text, JSON or CSV (the CLI prints them; nothing here prints)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import atomic
from ..errors import InputError
from ..messages.catalogue import render, term, text
from ..messages.core import Bilingual
from ..printable import lines, printable
from ..textwidth import pad, widths
from .metrics import METRICS


def label(metric: str, lang: str) -> str:
    """A metric as the tables name it: its id in English, its name in Chinese."""
    return term("simulate.metric", metric, lang)


def render_json(result: dict[str, Any], lang: str = "en") -> str:
    """Strict JSON: a NaN or an infinity (which `simulate` refuses before it returns) raises rather than
    writing `NaN`, which no JSON reader accepts."""
    return json.dumps(result, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False) + "\n"


def render_csv(result: dict[str, Any], lang: str = "en") -> str:
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


def _part_scenarios(result: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The reform parts short of the whole reform (which is among the scenarios), that ran."""
    for entries in result.get("parts", {}).get("reforms", {}).values():
        for e in entries[:-1]:
            if "metrics" in e:
                yield e["scenario"], e


def render_parts_csv(result: dict[str, Any], lang: str = "en") -> str:
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
                writer.writerow(
                    [reform, e["scenario"], *e["operations"], e["adds"], metric, m["mean"], m["low"], m["high"]]
                )
    return buffer.getvalue()


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A header, a rule and the rows, in columns padded to their widest cell (as shown: printable;
    by display width, so that a Chinese cell lines up in a terminal)."""
    head, rows = [printable(c) for c in head], [[printable(c) for c in r] for r in rows]
    column = widths([head, *rows])

    def line(r: list[str]) -> str:
        return "  ".join(pad(c, w) for c, w in zip(r, column, strict=True)).rstrip()

    return [line(head), line(["-" * w for w in column]), *map(line, rows)]


def _parts_text(result: dict[str, Any], lang: str) -> list[str]:
    out = []
    mode = result["parts"]["mode"]
    for reform, entries in result["parts"]["reforms"].items():
        head = [
            text("simulate.parts.head.operations", lang),
            *(label(m, lang) for m in SWEEP_SHOWN),
            text("simulate.parts.head.adds", lang),
        ]
        base = result["scenarios"]["baseline"]["metrics"]
        rows = [[text("simulate.parts.baseline", lang), *(_num(base[m]["mean"]) for m in SWEEP_SHOWN), ""]]
        for e in entries:
            span = f"1-{e['operations'][1]}"
            adds = render(Bilingual(e["adds"], e.get("adds_zh")), lang)
            if "metrics" in e:
                rows.append([span, *(_num(e["metrics"][m]["mean"]) for m in SWEEP_SHOWN), adds])
            else:
                rows.append([span, *("-" for _ in SWEEP_SHOWN), adds + text("simulate.parts.skipped", lang)])
        title = text(f"simulate.parts.title.{mode}", lang, reform=scenario_name(reform, result, lang))
        out += ["", title, *_table(head, rows)]
    return out


def render_sweep_csv(result: dict[str, Any], lang: str = "en") -> str:
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


SWEEP_SHOWN = (
    "true_resolution_rate",
    "suspension_gap",
    "fabricated_share",
    "qualification_rate",
    "district_transfers_per_community",
)


def _sweep_text(result: dict[str, Any], lang: str) -> list[str]:
    sweep = result["sweep"]
    names = list(result["scenarios"])
    head = [*sweep["parameters"], *(f"{n}:{label(m, lang)}" for n in names for m in SWEEP_SHOWN)]
    rows = [
        [f"{p['values'][k]:g}" for k in sweep["parameters"]]
        + [_num(p["scenarios"][n]["metrics"][m]["mean"]) for n in names for m in SWEEP_SHOWN]
        for p in sweep["points"]
    ]
    return ["", text("simulate.sweep_title", lang), *_table(head, rows)]


def render_calibration_csv(result: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["figure", "metric", "street", "case_value", "low", "high", "simulated", "within", "role", "fitted_by"]
    )
    for c in result["calibration"]:
        writer.writerow(
            [
                c["figure"],
                c["metric"],
                c.get("street") or "",
                c["case_value"],
                *c["window"],
                c["simulated"],
                c["within"],
                c["role"],
                "+".join(c["fitted_by"]),
            ]
        )
    return buffer.getvalue()


def _cell(m: dict[str, float]) -> str:
    return f"{_num(m['mean'])} [{_num(m['low'])}, {_num(m['high'])}]"


def _num(x: float) -> str:
    return f"{x:.4f}" if abs(x) < 10 else f"{x:.1f}"


def scenario_name(name: str, result: dict[str, Any], lang: str) -> str:
    """A scenario as a table or a sentence names it: the baseline in the language, a reform by its
    declared name (its id where it declares none)."""
    if name == "baseline":
        return text("simulate.parts.baseline", lang)
    given = (result.get("scenario_names") or {}).get(name) or {}
    return render(Bilingual(given.get("en"), given.get("zh")), lang) or name


def _named(given: dict[str, str | None] | None, ident: str, lang: str) -> str:
    return (render(Bilingual(given.get("en"), given.get("zh")), lang) if given else "") or ident


def figure_name(c: dict[str, Any], lang: str) -> str:
    """A case figure by its declared name (“L街道事件处置合格率”, which names its street); an unnamed one
    by its id and its street's name."""
    if c.get("figure_name"):
        return _named(c["figure_name"], c["figure"], lang)
    figure, street = str(c["figure"]), c.get("street")
    return figure + (f" ({_named(c.get('street_name'), str(street), lang)})" if street else "")


def render_text(result: dict[str, Any], lang: str = "en") -> str:
    names = list(result["scenarios"])
    head = [text("simulate.head.metric", lang), *(scenario_name(n, result, lang) for n in names)]
    rows = [[label(m, lang), *(_cell(result["scenarios"][n]["metrics"][m]) for n in names)] for m in METRICS]
    out = [
        text("simulate.intro", lang, months=result["months"], runs=result["runs"], seed=result["seed"]),
        "",
        *_table(head, rows),
        "",
        text("simulate.calibration", lang),
    ]
    for c in result["calibration"]:
        mark = text("simulate.within" if c["within"] else "simulate.outside", lang)
        if c["fitted_by"]:
            mark += text("simulate.fitted", lang, parameter=", ".join(c["fitted_by"]))
        else:
            mark += text("simulate.check", lang)
        low, high = c["window"]
        out.append(
            text(
                "simulate.calibration_line",
                lang,
                figure=figure_name(c, lang),
                case=c["case_value"],
                simulated=_num(c["simulated"]),
                low=low,
                high=high,
                mark=mark,
            )
        )
    if "parts" in result:
        out.extend(_parts_text(result, lang))
    if "sweep" in result:
        out.extend(_sweep_text(result, lang))
    return lines(out)  # scenario and parameter names are the files' text: one line each


FORMATS = {"text": render_text, "json": render_json, "csv": render_csv}


def need_parquet(out: str | Path | None) -> None:
    """Fail before simulating when Parquet cannot be written."""
    if out is None:
        raise InputError.of("simulate.parquet_out")
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise InputError.of("simulate.parquet_missing") from None


def sweep_columns(result: dict[str, Any]) -> dict[str, list[float | str]]:
    """The sweep's records as columns: one row per point, scenario and metric (as sweep.csv)."""
    sweep = result["sweep"]
    cols: dict[str, list[float | str]] = {
        name: [] for name in [*sweep["parameters"], "scenario", "metric", "mean", "low", "high"]
    }
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


def write_parquet(columns: dict[str, list[float | str]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            k: pa.array(v, type=pa.float64() if k not in ("scenario", "metric") else pa.string())
            for k, v in columns.items()
        }
    )
    buffer = pa.BufferOutputStream()  # written whole, as every output file is (`atomic`)
    pq.write_table(table, buffer, compression="zstd")
    atomic.write_bytes(path, buffer.getvalue().to_pybytes())


def _write(path: Path, text: str) -> None:
    """Atomically: a reader never sees half a file, an interruption leaves the old one."""
    atomic.write_text(path, text)


def write_dir(result: dict[str, Any], directory: Path, sweep_format: str = "csv") -> None:
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
