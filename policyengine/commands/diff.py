"""`policyengine diff`: what a reform changes, and the findings it fixes, changes and introduces."""

from __future__ import annotations

import sys
from datetime import datetime

import click

from ..clikit import LANGS, PATH, bundled_path, date_of, fail, on_option, resolve
from ..config import STRUCTURAL, Config
from ..errors import InputError


@click.command("diff")
@click.argument("base", type=PATH)
@click.argument("reform", type=PATH)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=LANGS, default="en", show_default=True)
@on_option()
def diff(base: str, reform: str, fmt: str, lang: str, on: datetime | None) -> None:
    """Compare a reform with its baseline BASE: structural changes, findings fixed, changed and introduced.

    \b
    Exit 0 with the comparison; 1 when the baseline or the reformed policy has structural errors
    (printed instead, as lint prints them: the checks did not run, so there is nothing to compare);
    2 for input that cannot be read or a reform that cannot apply.
    """
    from ..formatters import diff_report, text
    from ..lint import lint_paths

    results = []
    for applied in (None, reform):  # the baseline, then the reformed policy
        try:
            result = lint_paths(resolve((base,)), Config(), lang, date_of(on), applied, bundled_path)
        except InputError as error:
            fail(error, lang)
        if any(f.code in STRUCTURAL for f in result.findings):
            click.echo(text.render(result, lang), err=True, nl=False)
            sys.exit(1)
        results.append(result)
    before, after = results
    said = subject = None
    if after.policy is not None:
        from functools import partial

        from ..naming import declared_names, said_change, said_subject

        # a declaration the reform removed is named as the baseline names it
        names = {**declared_names(before.policy, lang)} if before.policy is not None else {}
        for kind, found in declared_names(after.policy, lang).items():
            names[kind] = {**names.get(kind, {}), **found}
        said = partial(said_change, names=names, lang=lang)
        subject = partial(said_subject, names=names, lang=lang)
    click.echo(diff_report.render(before, after, fmt, lang, said, subject), nl=False)
