"""`policyengine simulate --sensitivity`: global sensitivity over the assumptions a policy gives a
range (docs/simulation.md, "Sensitivity over the assumptions")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from ..clikit import bundled_path, cannot_write, config_for, date_of, fail, notice, resolve, writable_dir
from ..errors import ConfigError, InputError
from ..messages.catalogue import render, text


@dataclass
class Asked:
    """What `simulate --sensitivity` was asked, besides the policy and its reforms."""

    method: str
    samples: int
    months: int
    runs: int
    seed: int
    on: str | None
    workers: int
    scheduler: str | None
    out: str | None
    plot: str | None
    fmt: str
    lang: str
    max_coverage: float


F = TypeVar("F", bound=Callable[..., Any])


def SENSITIVITY(command: F) -> F:  # a decorator, named as the other option groups (clikit.REFORM)
    """`--sensitivity [morris|sobol]` and `--samples N`, on `simulate`."""
    command = click.option(
        "--samples",
        type=click.IntRange(min=2),
        default=10,
        show_default=True,
        help="With --sensitivity: Morris trajectories, or Sobol' base samples N (N x (2D + 2) points).",
    )(command)
    return click.option(
        "--sensitivity",
        type=click.Choice(["morris", "sobol"]),
        is_flag=False,
        flag_value="morris",
        default=None,
        help="Instead of one simulation, vary every assumption the policy gives a range over it "
        "(SALib: morris, the default, or sobol) and report which matter and how often each reform's "
        "effect keeps its sign (the sensitivity extra).",
    )(command)


def start_sensitivity(ctx: click.Context, progress_of: type) -> NoReturn:
    """`simulate --sensitivity`, with the options `simulate` was given (its `ctx.params`)."""
    o = ctx.params
    lang = o["lang"]
    try:
        not_with(o["sweeps"], o["reform_parts"], o["sweep_format"])
        if not o["paths"]:
            raise ConfigError.of("cli.need_path")
        if o["scheduler"] is not None and ctx.get_parameter_source("workers") != click.core.ParameterSource.DEFAULT:
            raise ConfigError.of("cli.workers_and_scheduler")
        config = config_for(o["paths"], o["reforms"][0] if o["reforms"] else None, o["config_path"], o["isolated"])
    except InputError as error:
        fail(error, lang)
    asked = Asked(
        o["sensitivity"],
        o["samples"],
        o["months"],
        o["runs"],
        o["seed"],
        date_of(o["on"]),
        o["workers"],
        o["scheduler"],
        o["out"],
        o["plot"],
        o["fmt"],
        lang,
        config.thresholds_of("PE101")["max_co_handler_coverage"],
    )
    run(o["paths"], o["reforms"], asked, progress_of)
    ctx.exit(0)


def not_with(sweeps: tuple[str, ...], reform_parts: str | None, sweep_format: str) -> None:
    """Options that shape a simulation's output but have no meaning for the analysis: refused."""
    for given, option in (
        (sweeps, "--sweep"),
        (reform_parts, "--reform-parts"),
        (sweep_format != "csv", "--sweep-format"),
    ):
        if given:
            raise ConfigError.of("assumptions.not_with", option=option)


def run(paths: tuple[str, ...], reforms: tuple[str, ...], asked: Asked, progress_of: type) -> None:
    """Check what can be checked before any run, run the analysis, write and print its result."""
    from ..simulate import sensitivity, sensitivity_report

    lang = asked.lang
    try:
        sensitivity.require()  # a missing extra is one line, before anything is read
        if asked.plot:
            from ..simulate import plots

            plots.require()
            writable_dir("--plot", asked.plot)
        if asked.out:
            writable_dir("--out", asked.out)
        stats: dict[str, int] = {}
        with progress_of(lang) as progress:
            result = sensitivity.sensitivity(
                resolve(paths),
                reforms,
                asked.method,
                asked.samples,
                asked.months,
                asked.runs,
                asked.seed,
                asked.on,
                asked.workers,
                progress,
                resolve_bundled=bundled_path,
                scheduler=asked.scheduler,
                store=asked.out,
                stats=stats,
                max_coverage=asked.max_coverage,
                notify=lambda said: notice(render(said, lang)),
            )
        if asked.out:
            sensitivity_report.write_dir(result, Path(asked.out))
            if stats.get("reused"):
                runs_dir = str(Path(asked.out) / "runs")
                notice(text("cli.resumed", lang, path=runs_dir, **stats))
        if asked.plot:
            _plot(result, asked.plot)
    except InputError as error:
        fail(error, lang)
    except OSError as error:
        fail(cannot_write(error.filename or asked.out, error), lang)
    except MemoryError:
        fail(InputError.of("simulate.out_of_memory", kept=""), lang)
    click.echo(sensitivity_report.FORMATS[asked.fmt](result, lang), nl=False)


def _plot(result: dict[str, object], plot: str) -> None:
    from ..simulate import sensitivity_plots

    try:
        sensitivity_plots.write_plots(result, Path(plot))
    except OSError as error:
        raise cannot_write(error.filename or plot, error) from None
