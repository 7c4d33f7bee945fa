"""`policyengine diff`: what a reform changes, and the findings it fixes and introduces."""

from __future__ import annotations

from datetime import datetime

import click

from ..clikit import LANGS, PATH, bundled_path, date_of, fail, on_option, resolve
from ..config import Config
from ..errors import InputError


@click.command("diff")
@click.argument("base", type=PATH)
@click.argument("reform", type=PATH)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=LANGS, default="en", show_default=True)
@on_option()
def diff(base: str, reform: str, fmt: str, lang: str, on: datetime | None) -> None:
    """Compare a reform with its baseline BASE: structural changes, findings fixed and introduced."""
    from ..formatters import diff_report
    from ..lint import lint_paths

    try:
        before = lint_paths(resolve((base,)), Config(), lang, date_of(on))
        after = lint_paths(resolve((base,)), Config(), lang, date_of(on), reform, bundled_path)
    except InputError as error:
        fail(error, lang)
    click.echo(diff_report.render(before, after, fmt, lang), nl=False)
