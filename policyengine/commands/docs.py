"""`policyengine docs`: the documentation shipped with the package, page by page."""

from __future__ import annotations

import sys

import click

from ..clikit import LANGS, fail
from ..errors import InputError
from ..resources import TRANSLATED_AS, doc_page, doc_pages
from ..textwidth import display_width, pad


@click.command("docs")
@click.argument("page", required=False)
@click.option(
    "--lang", type=LANGS, default="en", show_default=True, help="The page's Chinese version where there is one."
)
def docs(page: str | None, lang: str) -> None:
    """Show a page of the documentation (as messages name it: `rules` or `docs/rules.md`); without
    PAGE, list the pages."""
    if not page:
        pages = doc_pages()
        # translations are shown with --lang zh; a check's page with `explain`
        listed = {n: p for n, p in pages.items() if not (n.endswith(".zh") or n.startswith(("checks/", "zh/")))}
        column = max([16, *(display_width(n) for n in listed)])  # the titles in one column
        for name, path in listed.items():
            shown = pages.get(f"{name}.zh", pages.get(TRANSLATED_AS.get(name, ""), path)) if lang == "zh" else path
            click.echo(f"{pad(name, column)} {_title(shown.read_text(encoding='utf-8'))}")
        return
    try:
        text = doc_page(page, lang).read_text(encoding="utf-8")
    except InputError as error:
        fail(error, lang)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _title(text: str) -> str:
    """A page's first heading."""
    return next((line.lstrip("#").strip() for line in text.splitlines() if line.startswith("# ")), "")
