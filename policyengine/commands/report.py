"""`policyengine report`: one self-contained HTML page of a policy (docs/report.md)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any

import click

from ..clikit import (
    LANGS,
    PATH,
    REFORM,
    bundled_path,
    cannot_write,
    config_for,
    config_option,
    date_of,
    fail,
    isolated_option,
    need_paths,
    notice,
    on_option,
    resolve,
    writable_file,
)
from ..errors import InputError
from ..messages.catalogue import text


def _timestamp() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            moment = datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError.of("cli.epoch", epoch=epoch) from None
    else:
        moment = datetime.now(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _saved(path: str | None) -> dict[str, Any] | None:
    """A saved sensitivity result, verified (simulate/sensitivity_file.py); None when not asked."""
    if path is None:
        return None
    from ..simulate.sensitivity_file import read_saved

    return read_saved(path)


@click.command("report")
@click.argument("paths", nargs=-1, type=PATH)
@click.option("-o", "--output", required=True, type=PATH, metavar="FILE.html", help="The HTML file to write.")
@REFORM
@click.option("--simulate", "run_simulation", is_flag=True, help="Also run the simulator and chart its metrics.")
@click.option(
    "--months", type=click.IntRange(min=1), default=12, show_default=True, help="With --simulate: months per run."
)
@click.option(
    "--runs", type=click.IntRange(min=2), default=5, show_default=True, help="With --simulate: runs per scenario."
)
@click.option(
    "--seed", type=click.IntRange(min=0), default=0, show_default=True, help="With --simulate: the root seed."
)
@click.option(
    "--sensitivity-from",
    "sensitivity_from",
    type=PATH,
    default=None,
    metavar="FILE",
    help="Also show a saved sensitivity analysis (DIR/sensitivity.json of simulate --sensitivity --out DIR), "
    "verified before it is trusted.",
)
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language of the whole page.")
@on_option()
@click.option(
    "--no-timestamp",
    "no_timestamp",
    is_flag=True,
    help="Leave out the generation time: the same input gives the same bytes.",
)
@config_option()
@isolated_option()
def report(
    paths: tuple[str, ...],
    output: str,
    reform: str | None,
    run_simulation: bool,
    months: int,
    runs: int,
    seed: int,
    sensitivity_from: str | None,
    lang: str,
    on: datetime | None,
    no_timestamp: bool,
    config_path: str | None,
    isolated: bool,
) -> None:
    """Write one self-contained HTML report of the policy made of PATHS (or a reform over its baseline).

    \b
    The page: findings (filterable), authority against responsibility per tier, the
    responsibility graph, admission decisions and bills; with --reform, baseline and reform
    side by side; with --simulate, the simulator's metrics. It loads nothing from the network.
    Exit 0 when written (a policy with errors still gets a page showing them), 2 for input
    that cannot be read or a file that cannot be written.
    """
    from .. import atomic
    from ..report import gather, render

    day = date_of(on) or date.today().isoformat()
    try:
        need_paths(paths, reform)
        config = config_for(paths, reform, config_path, isolated)
        writable_file(output)
        stamp = None if no_timestamp else _timestamp()
        saved = _saved(sensitivity_from)  # verified before anything runs
        data = gather(resolve(paths), day, lang, reform, bundled_path, run_simulation, months, runs, seed, config)
        data.timestamp = stamp
        data.sensitivity = saved
        page = render(data)
        try:
            atomic.write_text(output, page)
        except OSError as error:
            raise cannot_write(output, error) from None
    except InputError as error:
        fail(error, lang)
    notice(text("cli.report_written", lang, path=output))
