"""`policyengine graph`: the responsibility graph of a policy, as GraphML, DOT or JSON."""

from __future__ import annotations

import sys
from datetime import datetime

import click

from ..clikit import LANGS, PATH, cannot_write, date_of, fail, on_option, resolve, writable_file
from ..config import STRUCTURAL, Config
from ..errors import InputError


@click.command("graph")
@click.argument("paths", nargs=-1, required=True, type=PATH)
@click.option("--format", "fmt", type=click.Choice(["graphml", "dot", "json"]), default="json", show_default=True)
@click.option("-o", "--output", type=PATH, help="Write to a file, not stdout.")
@click.option("--lang", type=LANGS, default="en", show_default=True)
@on_option("Keep grants in force on this date, YYYY-MM-DD [default: today].")
def graph(paths: tuple[str, ...], fmt: str, output: str | None, lang: str, on: datetime | None) -> None:
    """Export the responsibility graph of a policy (structural errors must be fixed first)."""
    from .. import atomic
    from ..export import FORMATS
    from ..formatters import text
    from ..graph import build_graph
    from ..lint import lint_paths

    try:
        if output:
            writable_file(output)  # before the policy is read
        result = lint_paths(resolve(paths), Config(select=frozenset(STRUCTURAL)), lang)
    except InputError as error:
        fail(error, lang)
    if result.findings or result.policy is None:
        click.echo(text.render(result, lang), err=True, nl=False)
        sys.exit(1)
    rendered = FORMATS[fmt](build_graph(result.policy, date_of(on)))
    if output:
        try:
            atomic.write_text(output, rendered)
        except OSError as error:
            fail(cannot_write(output, error), lang)
    else:
        click.echo(rendered, nl=False)
