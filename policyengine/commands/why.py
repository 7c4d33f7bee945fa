"""`policyengine why`: the chain behind one finding (docs/why.md)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from functools import partial

import click

from ..clikit import (
    LANGS,
    PATH,
    REFORM,
    bundled_path,
    config_for,
    config_option,
    date_of,
    fail,
    on_option,
    resolve,
)
from ..errors import InputError


@click.command("why")
@click.argument("path", type=PATH)
@click.argument("code")
@click.argument("subject")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language of the chain and messages.")
@on_option()
@config_option("the nearest one from PATH upward, as for lint")
@REFORM
def why(
    path: str,
    code: str,
    subject: str,
    fmt: str,
    lang: str,
    on: datetime | None,
    config_path: str | None,
    reform: str | None,
) -> None:
    """Print the chain behind the CODE finding(s) on SUBJECT (an id, or kind:id) in the policy at PATH.

    \b
    Exit 0 with the chain; 2 when there is no such finding (the line names the codes found on
    SUBJECT, or the subjects it may mean), for an unknown code or unreadable input.
    """
    from .. import why as chains
    from ..formatters import why_report
    from ..lint import lint_paths
    from ..naming import declared_names, named

    day = date_of(on)
    try:
        code = chains.check_code(code)
        # thresholds and severities as lint reads them; select and ignore do not apply: asked about a code, why runs it
        config = dataclasses.replace(config_for((path,), reform, config_path), select=None, ignore=frozenset())
        result = lint_paths(resolve((path,)), config, lang, day, reform, bundled_path)
        findings = chains.select(result, code, subject)
    except InputError as error:
        fail(error, lang)
    explainer = chains.explainer(result)
    entries = [(f, explainer.chain(f)) for f in findings]
    if fmt == "json":
        click.echo(why_report.render_json(entries), nl=False)
    else:
        rename = None
        if result.policy is not None:
            rename = partial(named, names=declared_names(result.policy, lang), bare=False)
        click.echo(why_report.render_text(entries, lang, rename), nl=False)  # type: ignore[arg-type]
