"""Figures of a sensitivity analysis (`simulate --sensitivity --plot DIR`), drawn as plots.py draws
a simulation's: matplotlib (the `plot` extra) on the Agg canvas, fixed size, resolution and style,
no date or software version in the PNG, so the same result gives the same bytes.

Files, with stable names:

- `sensitivity.png` — a panel per metric: a horizontal bar per assumption, its Morris mu* (or
  Sobol' total index ST) for the baseline, with its confidence, largest on top;
- `effects-<reform>.png` — a panel per metric: the reform's effect (reform - baseline) at every
  sample point, as a histogram, with the effect at the declared values marked and the share of
  the points with its sign in the title.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..messages.catalogue import text
from .metrics import METRICS
from .plots import COLOURS, LANG, STYLE, grid_of_axes, require, save_pngs
from .sensitivity_stats import COLUMNS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

INDICES_PNG = "sensitivity.png"


def effects_png(reform: str) -> str:
    return f"effects-{reform}.png"


def write_plots(result: dict[str, Any], directory: str | Path) -> list[Path]:
    """Draw the figures of `result` (what `sensitivity` returns) into `directory`; the paths written."""
    require()  # the plot extra: one line, exit 2, when it is missing
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg as Canvas
    from matplotlib.figure import Figure as new_figure

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    with rc_context(STYLE):
        figures = [(INDICES_PNG, _indices_figure(new_figure, result))]
        figures += [(effects_png(r), _effects_figure(new_figure, result, r)) for r in result["effects"]]
        written += save_pngs(Canvas, figures, directory)
    return written


def _title(result: dict[str, Any]) -> str:
    return text(
        "assumptions.plot.title",
        LANG,
        method=result["method"],
        points=result["points"],
        runs=result["runs"],
        months=result["months"],
        seed=result["seed"],
    )


def _indices_figure(new_figure: type[Figure], result: dict[str, Any]) -> Figure:
    measure, conf = COLUMNS[result["method"]][:2]
    dims = len(result["parameters"])
    figure, axes = grid_of_axes(new_figure, len(METRICS), 3, 12, 0.6 + 0.28 * dims)
    for ax, metric in zip(axes, METRICS, strict=True):
        rows = list(reversed(result["indices"][metric]))  # the largest on top
        ax.barh(
            range(len(rows)),
            [r[measure] for r in rows],
            xerr=[r[conf] for r in rows],
            color=COLOURS[2],
            capsize=2,
        )
        ax.set_yticks(range(len(rows)), [r["parameter"] for r in rows])
        ax.set_title(metric)
    figure.suptitle(text("assumptions.plot.indices", LANG, scenario="baseline", measure=measure, title=_title(result)))
    return figure


def _effects_figure(new_figure: type[Figure], result: dict[str, Any], reform: str) -> Figure:
    figure, axes = grid_of_axes(new_figure, len(METRICS), 4, 11, 2.3)
    for ax, metric in zip(axes, METRICS, strict=True):
        e = result["effects"][reform][metric]
        ax.hist(e["points"], bins=20, color=COLOURS[1], alpha=0.8, label=text("assumptions.plot.points", LANG))
        ax.axvline(e["declared"], color=COLOURS[3], linewidth=1.2, label=text("assumptions.plot.declared", LANG))
        ax.axvline(0.0, color=COLOURS[0], linewidth=0.6)
        ax.set_title(f"{metric}: {100 * e['share']:.0f}%")
    axes[0].legend(loc="best")
    figure.suptitle(text("assumptions.plot.effects", LANG, reform=reform, title=_title(result)))
    return figure


__all__ = ["INDICES_PNG", "effects_png", "write_plots"]
