"""`policyengine admit`: the admission decision on every item, and the bill per tier."""

from __future__ import annotations

import sys
from datetime import date, datetime

import click

from .. import atomic
from ..clikit import (
    LANGS,
    PATH,
    REFORM,
    bundled_path,
    cannot_write,
    date_of,
    fail,
    need_paths,
    need_workbook,
    notice,
    on_option,
    resolve,
    writable_file,
)
from ..config import STRUCTURAL, Config
from ..errors import InputError
from ..messages.catalogue import text as say


@click.command("admit")
@click.argument("paths", nargs=-1, type=PATH)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "xlsx"]),
    default="text",
    show_default=True,
    help="xlsx: a review workbook, each item's decision beside its row (needs -o).",
)
@click.option(
    "-o", "--output", "output", type=PATH, help="Write the decisions to this file instead of standard output."
)
@click.option("--lang", type=LANGS, default="en", show_default=True)
@on_option("Decide as of this date, YYYY-MM-DD [default: today].")
@REFORM
def admit(
    paths: tuple[str, ...], fmt: str, output: str | None, lang: str, on: datetime | None, reform: str | None
) -> None:
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
        if fmt == "xlsx":
            need_workbook(output)
        if output:
            writable_file(output)
        result = lint_paths(
            resolve(paths), Config(select=frozenset((*STRUCTURAL, "PE006", "PE007"))), lang, day, reform, bundled_path
        )
    except InputError as error:
        fail(error, lang)
    if result.findings or result.policy is None or result.rules is None:
        click.echo(text.render(result, lang), err=True, nl=False)
        sys.exit(1)
    admissions = decide(result.policy, result.rules, day)
    names = declared_names(result.policy, lang)
    if fmt == "xlsx":
        from ..formatters import review

        out: str | bytes = review.render(result, lang, names, admissions, day, findings=False)
    elif fmt == "json":
        out = admission_report.render_json(admissions, day)
    else:
        out = admission_report.render_text(admissions, lang, day, names)
    if output:
        try:
            atomic.write_bytes(output, out.encode("utf-8") if isinstance(out, str) else out)
        except OSError as error:
            fail(cannot_write(output, error), lang)
        notice(say("cli.report_written", lang, path=output))
    else:
        click.echo(out, nl=False)
