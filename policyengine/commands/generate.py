"""`policyengine generate-docs`: write the pages generated from the check modules (a maintainer's command)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import docgen
from ..clikit import LANGS, PATH, cannot_write, fail
from ..errors import InputError
from ..inputs import DIRECTORY, stat_input


@click.command("generate-docs", hidden=True)
@click.option(
    "--root",
    type=PATH,
    default=".",
    show_default=True,
    help="The repository's root.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when a generated page is stale.")
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language of the messages.")
def generate_docs(root: str, check: bool, lang: str) -> None:
    """Write docs/checks/PEnnn.md and the tables of docs/checks.md and README.md from the check modules."""
    base = Path(root)
    try:
        stat_input(base, DIRECTORY)
        changed = docgen.stale(base) if check else docgen.write(base)
    except InputError as error:
        fail(error, lang)
    except docgen.PageError as error:
        fail(InputError(error.message), lang)
    except OSError as error:  # each page is written whole or not at all (`atomic`)
        fail(cannot_write(error.filename or root, error), lang)
    for path in changed:
        click.echo(f"{'stale' if check else 'wrote'}: {path}")
    sys.exit(1 if check and changed else 0)
