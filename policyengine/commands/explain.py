"""`policyengine explain`: a check's documentation, or the list of every code."""

from __future__ import annotations

import sys

import click

from ..checks import CATALOGUE
from ..clikit import LANGS, fail
from ..config import is_custom
from ..errors import InputError
from ..messages.catalogue import text
from ..textwidth import pad


@click.command("explain")
@click.argument("code", required=False)
@click.option("--lang", type=LANGS, default="en", show_default=True)
def explain(code: str | None, lang: str) -> None:
    """Show the documentation of a check code; without CODE, list every code."""
    if not code:
        for c in CATALOGUE.values():
            severity = text(f"term.severity.{c.severity.label}", lang)
            click.echo(f"{c.code}  {pad(severity, 8)} {c.name} — {c.zh}")
        return
    code = code.upper()
    check = CATALOGUE.get(code)
    page = (check.doc_zh if lang == "zh" else check.doc) if check is not None else None
    if page is None and is_custom(code):
        click.echo(text("cli.custom_code", lang, code=code))
        return
    if page is None:  # one line, as every error: a code given with a newline or an escape is shown, not obeyed
        fail(InputError.of("cli.unknown_code", code=code), lang)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(page))
    else:
        click.echo(page, nl=not page.endswith("\n"))
