"""`policyengine simulate`: the event workflow of a policy, baseline against reforms."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..clikit import (
    LANGS,
    PATH,
    bundled_path,
    cannot_write,
    config_for,
    config_option,
    date_of,
    fail,
    isolated_option,
    notice,
    on_option,
    resolve,
    writable_dir,
)
from ..errors import ConfigError, InputError
from ..messages.catalogue import render, text
from .sensitivity import SENSITIVITY, start_sensitivity

if TYPE_CHECKING:
    from rich.progress import Progress


@click.command("simulate")
@click.argument("paths", nargs=-1, type=PATH)
@click.option(
    "--reform",
    "reforms",
    multiple=True,
    type=PATH,
    help="A reform to compare with the baseline; repeatable.",
)
@click.option("--months", type=click.IntRange(min=1), default=26, show_default=True, help="Months per run.")
@click.option("--runs", type=click.IntRange(min=1), default=20, show_default=True, help="Runs per scenario.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="The root seed.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Local processes to run on (the result does not depend on it).",
)
@on_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option(
    "--out",
    "out",
    type=PATH,
    default=None,
    help="Also write simulation.json, metrics.csv and calibration.csv into this directory; "
    "finished runs are kept under DIR/runs and reused: an interrupted run resumes.",
)
@click.option(
    "--plot",
    "plot",
    type=PATH,
    default=None,
    help="Also draw metrics.png, monthly.png and days.png (and their CSV) into this directory "
    "(the plot extra: matplotlib).",
)
@click.option(
    "--sweep",
    "sweeps",
    multiple=True,
    metavar="NAME=LOW:HIGH:STEPS",
    help="Also run every value of a behavioural parameter (repeatable: their product).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Run on the Dask cluster at this scheduler address (the dask extra); not with --workers.",
)
@click.option(
    "--sweep-format",
    "sweep_format",
    type=click.Choice(["csv", "parquet"]),
    default="csv",
    show_default=True,
    help="Format of the sweep's records under --out (parquet: the parquet extra).",
)
@click.option(
    "--reform-parts",
    "reform_parts",
    type=click.Choice(["ops", "groups"]),
    default=None,
    help="Also simulate each reform's operations cumulatively: first k operations, or groups.",
)
@SENSITIVITY
@config_option()
@isolated_option()
@click.option("--lang", type=LANGS, default="en", show_default=True)
@click.pass_context
def simulate(
    ctx: click.Context,
    paths: tuple[str, ...],
    reforms: tuple[str, ...],
    months: int,
    runs: int,
    seed: int,
    workers: int,
    on: datetime | None,
    fmt: str,
    out: str | None,
    sweeps: tuple[str, ...],
    scheduler: str | None,
    sweep_format: str,
    reform_parts: str | None,
    config_path: str | None,
    isolated: bool,
    lang: str,
    plot: str | None,
    sensitivity: str | None,
    samples: int,
) -> None:
    """Simulate the event workflow of a policy, baseline against reforms (`policyengine docs simulation`)."""
    if sensitivity is not None:  # the analysis over the assumptions instead (commands/sensitivity.py)
        start_sensitivity(ctx, _progress)
    from ..simulate import report
    from ..simulate.runs import parse_sweep
    from ..simulate.runs import simulate as run_simulation

    try:
        if not paths:
            raise ConfigError.of("cli.need_path")
        # PE101's threshold says which co-handlers are the grid's: the simulator counts as lint does
        config = config_for(paths, reforms[0] if reforms else None, config_path, isolated)
        max_coverage = config.thresholds_of("PE101")["max_co_handler_coverage"]
        swept = [parse_sweep(s) for s in sweeps]
        _check_options(ctx, scheduler, plot, out, sweep_format)
        stats: dict[str, int] = {}
        with _progress(lang) as progress:
            result = run_simulation(
                resolve(paths),
                reforms,
                months,
                runs,
                seed,
                date_of(on),
                workers,
                progress,
                resolve_bundled=bundled_path,
                sweeps=swept,
                scheduler=scheduler,
                store=out,
                reform_parts=reform_parts,
                stats=stats,
                series=bool(plot),
                max_coverage=max_coverage,
                notify=lambda said: notice(render(said, lang)),
            )
        if out:
            report.write_dir(result, Path(out), sweep_format)
            if stats.get("reused"):
                notice(
                    text(
                        "cli.resumed",
                        lang,
                        reused=stats["reused"],
                        records=stats["records"],
                        path=str(Path(out) / "runs"),
                        computed=stats["computed"],
                    )
                )
        if plot:
            _plot(result, plot, lang)
    except InputError as error:
        fail(error, lang)
    except OSError as error:  # a record names itself; a file of the report, --out
        fail(cannot_write(error.filename or out, error), lang)
    except MemoryError:
        fail(InputError.of("simulate.out_of_memory", kept=""), lang)
    click.echo(report.FORMATS[fmt](result, lang), nl=False)


def _check_options(
    ctx: click.Context, scheduler: str | None, plot: str | None, out: str | None, sweep_format: str
) -> None:
    """What can be refused before any run: a bad address, a missing extra, a directory that cannot be written."""
    from ..simulate import report

    if scheduler is not None:
        from ..simulate.backends import check_address

        check_address(scheduler)  # before any Dask client is made
    if plot:
        from ..simulate import plots

        plots.require()  # before the runs: a missing extra is one line, exit 2
        writable_dir("--plot", plot)
    if out:
        writable_dir("--out", out)
    if scheduler is not None and ctx.get_parameter_source("workers") != click.core.ParameterSource.DEFAULT:
        raise ConfigError.of("cli.workers_and_scheduler")
    if sweep_format == "parquet":
        report.need_parquet(out)


class _progress:
    """A progress bar on a terminal's standard error; nothing elsewhere. Yields the callback to give
    the runs, or None."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.bar: Progress | None = None

    def __enter__(self) -> Callable[[int, int], None] | None:
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = bar = Progress(console=Console(stderr=True), transient=True)
        task = bar.add_task(text("cli.simulating", self.lang), total=None)
        bar.start()
        return lambda done, total: bar.update(task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _plot(result: dict[str, Any], plot: str, lang: str) -> None:
    from ..simulate import plots

    try:
        plots.write_plots(result, Path(plot))
    except OSError as error:  # the figure or table it was writing, or the directory it could not make
        raise cannot_write(error.filename or plot, error) from None
    if any("series" not in s for s in result["scenarios"].values()):
        notice(text("cli.plot_partial", lang))
