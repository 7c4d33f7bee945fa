"""`policyengine admit`: the admission decision on every item, and the bill per tier."""

from __future__ import annotations

import sys
from datetime import date, datetime

import click

from ..clikit import LANGS, PATH, REFORM, bundled_path, date_of, fail, need_paths, on_option, resolve
from ..config import STRUCTURAL, Config
from ..errors import InputError


@click.command("admit")
@click.argument("paths", nargs=-1, type=PATH)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=LANGS, default="en", show_default=True)
@on_option("Decide as of this date, YYYY-MM-DD [default: today].")
@REFORM
def admit(paths: tuple[str, ...], fmt: str, lang: str, on: datetime | None, reform: str | None) -> None:
    """Decide the admission (准入) of every item and print the bill per tier.

    \b
    Exit 0 with the decisions; 1 when the policy or its rules have errors (printed instead).
    """
    from ..admission import decide
    from ..formatters import admission_report, text
    from ..lint import lint_paths
    from ..naming import declared_names

    day = date_of(on) or date.today().isoformat()
    try:
        need_paths(paths, reform)
        result = lint_paths(
            resolve(paths), Config(select=frozenset((*STRUCTURAL, "PE006", "PE007"))), lang, day, reform, bundled_path
        )
    except InputError as error:
        fail(error, lang)
    if result.findings or result.policy is None or result.rules is None:
        click.echo(text.render(result, lang), err=True, nl=False)
        sys.exit(1)
    admissions = decide(result.policy, result.rules, day)
    if fmt == "json":
        click.echo(admission_report.render_json(admissions, day), nl=False)
    else:
        names = declared_names(result.policy, lang)
        click.echo(admission_report.render_text(admissions, lang, day, names), nl=False)
