"""`policyengine import`: the lists civil servants publish as tables, read into policy YAML."""

from __future__ import annotations

import sys

import click

from ..clikit import LANGS, PATH, fail, notice, writable_dir
from ..errors import ConfigError, InputError
from ..messages.catalogue import render, text
from ..printable import printable


@click.command("import")
@click.argument("tables", nargs=-1, type=PATH)
@click.option("-o", "--output", "output", type=PATH, help="The policy directory the YAML is written to.")
@click.option("--mapping", "mapping_file", type=PATH, help="A mapping file (YAML): which column is which field.")
@click.option("--preset", help="A mapping shipped with the package: three_list, admission_list, grid_items.")
@click.option("--encoding", help="The encoding of CSV files [default: UTF-8, UTF-8 with BOM or GB18030, detected].")
@click.option(
    "--sheet", "sheets", multiple=True, help="Read only this sheet (repeatable); hidden sheets only when named."
)
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language of messages.")
def import_command(
    tables: tuple[str, ...],
    output: str | None,
    mapping_file: str | None,
    preset: str | None,
    encoding: str | None,
    sheets: tuple[str, ...],
    lang: str,
) -> None:
    """Read TABLES (.xlsx, .csv, .docx) into policy YAML in the directory -o DIR.

    \b
    Each item, unit, category and list named in the tables is declared, each item
    with the cell it came from (清单.xlsx!基本履职事项:C12). Every bad cell is
    reported, one line each, and nothing is written (exit 2). Without --mapping or
    --preset the layout is guessed from the header, and the guess is said.
    """
    from ..tables.importer import run
    from ..tables.problems import TableErrors

    try:
        if not tables:
            raise ConfigError.of("cli.import_no_tables")
        if not output:
            raise ConfigError.of("cli.import_no_output")
        if mapping_file and preset:
            raise ConfigError.of("cli.import_mapping_and_preset")
        writable_dir("--output", output)
        imported = run(list(tables), output, mapping_file, preset, encoding, sheets)
    except TableErrors as errors:
        for error in errors.errors:  # one line each: a cell's line breaks are shown, not obeyed
            click.echo(printable(error.render(lang)), err=True)
        click.echo(f"policyengine: {text(errors.summary, lang, n=len(errors.errors))}", err=True)
        sys.exit(2)
    except InputError as error:
        fail(error, lang)
    for note in imported.notes:
        notice(render(note, lang))
    notice(
        text(
            "tables.written",
            lang,
            path=imported.output,
            items=imported.items,
            tables=imported.tables,
            **imported.counts,
        )
    )
