"""`policyengine graph`: the responsibility graph of a policy, as GraphML, DOT or JSON."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from ..clikit import LANGS, date_of, fail, on_option, resolve
from ..config import STRUCTURAL, Config
from ..errors import InputError


@click.command("graph")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["graphml", "dot", "json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to a file, not stdout.")
@click.option("--lang", type=LANGS, default="en", show_default=True)
@on_option("Keep grants in force on this date, YYYY-MM-DD [default: today].")
def graph(paths: tuple[str, ...], fmt: str, output: str | None, lang: str, on: datetime | None) -> None:
    """Export the responsibility graph of a policy (structural errors must be fixed first)."""
    from ..export import FORMATS
    from ..formatters import text
    from ..graph import build_graph
    from ..lint import lint_paths

    try:
        result = lint_paths(resolve(paths), Config(select=frozenset(STRUCTURAL)), lang)
    except InputError as error:
        fail(error, lang)
    if result.findings or result.policy is None:
        click.echo(text.render(result, lang), err=True, nl=False)
        sys.exit(1)
    rendered = FORMATS[fmt](build_graph(result.policy, date_of(on)))
    if output:
        Path(output).write_text(rendered, encoding="utf-8")
    else:
        click.echo(rendered, nl=False)
