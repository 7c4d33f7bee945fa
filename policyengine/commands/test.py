"""`policyengine test`: run policy test files."""

from __future__ import annotations

import sys

import click

from ..clikit import LANGS, PATH, fail
from ..errors import InputError


@click.command("test")
@click.argument("paths", nargs=-1, required=True, type=PATH)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=LANGS, default="en", show_default=True, help="Language of the report.")
def test_command(paths: tuple[str, ...], fmt: str, lang: str) -> None:
    """Run policy test files (*.pe-test.yaml; directories are searched recursively).

    \b
    Exit 0 when every test passes, 1 when one fails, 2 for a test file that is not valid
    or a test whose policy or reform cannot be read.
    """
    from ..testing import testfile

    try:
        tests = [t for path in testfile.discover(paths) for t in testfile.load_file(path)]
    except InputError as error:
        fail(error, lang)
    results = [testfile.run_test(t) for t in tests]
    render = testfile.render_json if fmt == "json" else testfile.render_text
    click.echo(render(results, lang), nl=False)
    sys.exit(testfile.exit_status(results))
