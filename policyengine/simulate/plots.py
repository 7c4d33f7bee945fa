"""Figures of a simulation result (`simulate --plot DIR`), with matplotlib — the optional extra
`plot` (`pip install 'matplotlib>=3.7'`), imported only here and only when asked, drawn on the
Agg canvas without pyplot (no global figure state, no display).

Files, with stable names (docs/simulation.md#plots):

- `metrics.png` — every metric, baseline against each reform: the mean over runs and the 2.5-97.5
  percentile interval, one panel per metric;
- `monthly.png` — every metric month by month, a line per scenario with its interval as a band;
- `days.png` — reports per day of the month over a run (genuine and fabricated, mean over runs),
  a panel per scenario: the month-end bunching of quota filling (凑件);
- `monthly.csv` and `days.csv` — the numbers behind the last two.

The monthly and daily figures need the scenarios' `series` (`simulate(..., series=True)`); without
them only `metrics.png` is drawn. Output is deterministic as far as matplotlib allows: no date or
software version in the PNG metadata, fixed size, resolution and style.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import atomic
from ..errors import InputError
from ..messages.catalogue import text
from .metrics import METRICS

if TYPE_CHECKING:  # matplotlib is an optional extra, imported only when figures are drawn
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

Series = dict[str, Any]  # a scenario's `series`, as `metrics.summarise_series` gives it

METRICS_PNG, MONTHLY_PNG, DAYS_PNG = "metrics.png", "monthly.png", "days.png"
MONTHLY_CSV, DAYS_CSV = "monthly.csv", "days.csv"
DPI = 100
STYLE: dict[RcKeyType, Any] = {  # fixed, whatever the user's matplotlibrc says
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "path.simplify": False,
}
COLOURS = ("#4d4d4d", "#1b7837", "#2166ac", "#b2182b", "#e08214", "#762a83", "#35978f", "#8c510a")
GENUINE_COLOUR, FABRICATED_COLOUR = "#9e9e9e", "#c62828"
LANG = "en"  # the fixed font (DejaVu Sans) has no CJK glyphs: the figures are labelled in English


def require() -> None:
    """Raise a one-line InputError (English and Chinese) when matplotlib is not installed."""
    _matplotlib()


def _matplotlib() -> tuple[
    Callable[[dict[RcKeyType, Any]], AbstractContextManager[None]], type[Figure], type[FigureCanvasAgg]
]:
    """matplotlib's style context, figure and canvas: a one-line InputError when it is not installed."""
    try:
        from matplotlib import rc_context
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise InputError.of("simulate.plot_missing") from None
    return rc_context, Figure, FigureCanvasAgg


def write_plots(result: dict[str, Any], directory: str | Path) -> list[Path]:
    """Draw the figures of `result` (what `simulate` returns) into `directory`; the paths written."""
    rc_context, new_figure, Canvas = _matplotlib()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    scenarios = result["scenarios"]
    series: dict[str, Series] = {name: s["series"] for name, s in scenarios.items() if s.get("series")}
    written = []
    with rc_context(STYLE):
        figures = [(METRICS_PNG, _metrics_figure(new_figure, result))]
        if len(series) == len(scenarios):
            figures += [
                (MONTHLY_PNG, _monthly_figure(new_figure, result, series)),
                (DAYS_PNG, _days_figure(new_figure, result, series)),
            ]
        written += save_pngs(Canvas, figures, directory)
    if len(series) == len(scenarios):
        written += _write_csvs(series, directory)
    return written


def _title(result: dict[str, Any]) -> str:
    return text("simulate.plot.title", LANG, months=result["months"], runs=result["runs"], seed=result["seed"])


def save_pngs(canvas: Any, figures: list[tuple[str, Figure]], directory: Path) -> list[Path]:
    """Each figure drawn on `canvas` (matplotlib's Agg) and written atomically as a PNG without a
    software version or date, so the same figure gives the same bytes; the paths written."""
    written = []
    for name, figure in figures:
        canvas(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
        atomic.write_bytes(directory / name, buffer.getvalue())
        written.append(directory / name)
    return written


def grid_of_axes(
    new_figure: type[Figure], panels: int, columns: int, width: float, height: float
) -> tuple[Figure, list[Axes]]:
    """A grid of `panels` axes, `columns` wide; the cells past the last panel hidden."""
    rows = -(-panels // columns)
    figure = new_figure(figsize=(width, height * rows), layout="constrained")
    axes: list[Axes] = list(figure.subplots(rows, columns, squeeze=False).ravel())
    for ax in axes[panels:]:
        ax.set_visible(False)
    return figure, axes[:panels]


def _metrics_figure(new_figure: type[Figure], result: dict[str, Any]) -> Figure:
    """(a) A panel per metric: a dot and whisker per scenario."""
    names = list(result["scenarios"])
    figure, axes = grid_of_axes(new_figure, len(METRICS), 4, 11, 2.3)
    for ax, metric in zip(axes, METRICS, strict=True):
        for i, name in enumerate(names):
            m = result["scenarios"][name]["metrics"][metric]
            ax.errorbar(
                [i],
                [m["mean"]],
                yerr=[[m["mean"] - m["low"]], [m["high"] - m["mean"]]],
                fmt="o",
                color=COLOURS[i % len(COLOURS)],
                capsize=4,
                markersize=5,
            )
        ax.set_title(metric)
        ax.set_xticks(range(len(names)), names, rotation=15 if len(names) > 2 else 0)
        ax.set_xlim(-0.6, len(names) - 0.4)
        ax.margins(y=0.2)
    figure.suptitle(text("simulate.plot.metrics", LANG, title=_title(result)))
    return figure


def _monthly_figure(new_figure: type[Figure], result: dict[str, Any], series: dict[str, Series]) -> Figure:
    """(b) A panel per metric: each scenario month by month, its interval over runs as a band."""
    figure, axes = grid_of_axes(new_figure, len(METRICS), 4, 11, 2.3)
    for ax, metric in zip(axes, METRICS, strict=True):
        for i, (name, s) in enumerate(series.items()):
            band = s["metrics"][metric]
            colour = COLOURS[i % len(COLOURS)]
            ax.fill_between(s["months"], band["low"], band["high"], color=colour, alpha=0.2, linewidth=0)
            ax.plot(s["months"], band["mean"], color=colour, linewidth=1.2, label=name)
        ax.set_title(metric)
        ax.set_xlabel(text("simulate.plot.month", LANG))
    axes[0].legend(loc="best")
    figure.suptitle(text("simulate.plot.monthly", LANG, title=_title(result)))
    return figure


def _days_figure(new_figure: type[Figure], result: dict[str, Any], series: dict[str, Series]) -> Figure:
    """(c) A panel per scenario: reports per day of the month over a run, genuine and fabricated
    stacked, with the share of each made in the month's last days."""
    figure, axes = grid_of_axes(new_figure, len(series), min(len(series), 3), 11 if len(series) > 1 else 6, 3.4)
    top = (
        max(
            max(
                g + f
                for g, f in zip(
                    s["day_of_month"]["genuine"]["mean"], s["day_of_month"]["fabricated"]["mean"], strict=True
                )
            )
            for s in series.values()
        )
        or 1.0
    )
    for ax, (name, s) in zip(axes, series.items(), strict=True):
        days = s["day_of_month"]["days"]
        genuine, fabricated = s["day_of_month"]["genuine"]["mean"], s["day_of_month"]["fabricated"]["mean"]
        ax.bar(days, genuine, width=0.85, color=GENUINE_COLOUR, label=text("simulate.plot.genuine", LANG))
        ax.bar(
            days,
            fabricated,
            width=0.85,
            bottom=genuine,
            color=FABRICATED_COLOUR,
            label=text("simulate.plot.fabricated", LANG),
        )
        last = s["last_days"]
        ax.set_title(
            text(
                "simulate.plot.last_days",
                LANG,
                name=name,
                days=last["days"],
                fabricated=100 * last["fabricated_share"]["mean"],
                genuine=100 * last["genuine_share"]["mean"],
            ),
            fontsize=7,
        )
        ax.set_xlabel(text("simulate.plot.day", LANG))
        ax.set_ylabel(text("simulate.plot.reports", LANG))
        ax.set_xlim(0.3, days[-1] + 0.7)
        ax.set_ylim(0, top * 1.08)
        ax.legend(loc="upper left")
    figure.suptitle(text("simulate.plot.days", LANG, title=_title(result)))
    return figure


def _write_csvs(series: dict[str, Series], directory: Path) -> list[Path]:
    monthly = io.StringIO()
    writer = csv.writer(monthly, lineterminator="\n")
    writer.writerow(["scenario", "metric", "month", "mean", "low", "high"])
    for name, s in series.items():
        for metric in METRICS:
            band = s["metrics"][metric]
            for j, month in enumerate(s["months"]):
                writer.writerow([name, metric, month, band["mean"][j], band["low"][j], band["high"][j]])
    days = io.StringIO()
    writer = csv.writer(days, lineterminator="\n")
    writer.writerow(["scenario", "reports", "day", "mean", "low", "high"])
    for name, s in series.items():
        for kind in ("genuine", "fabricated"):
            band = s["day_of_month"][kind]
            for j, day in enumerate(s["day_of_month"]["days"]):
                writer.writerow([name, kind, day, band["mean"][j], band["low"][j], band["high"][j]])
    paths = [directory / MONTHLY_CSV, directory / DAYS_CSV]
    for path, body in zip(paths, (monthly.getvalue(), days.getvalue()), strict=True):
        atomic.write_text(path, body)
    return paths


__all__ = ["DAYS_CSV", "DAYS_PNG", "METRICS_PNG", "MONTHLY_CSV", "MONTHLY_PNG", "require", "write_plots"]
