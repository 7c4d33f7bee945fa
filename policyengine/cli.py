"""The command line: the `policyengine` group and its entry point. Each command is a module of
`policyengine.commands`; they and this module are the only ones that print or exit.

Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage error or unreadable input,
3 an internal error (a bug in policyengine).
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__
from .commands.admit import admit
from .commands.diff import diff
from .commands.docs import docs
from .commands.explain import explain
from .commands.generate import generate_docs
from .commands.graph import graph
from .commands.importing import import_command
from .commands.lint import lint
from .commands.report import report
from .commands.schema import bundled, schema
from .commands.simulate import simulate
from .commands.test import test_command
from .commands.verify import verify
from .commands.why import why
from .errors import PolicyEngineError
from .printable import printable


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policyengine")
def main() -> None:
    """Lint, admit, simulate and reform grid-based local governance policies.

    \b
    A policy is a directory of YAML files (or one file). `bundled:h_district` names
    the H District policy shipped with the package.
    """


for command in (
    lint,
    explain,
    graph,
    admit,
    verify,
    import_command,
    diff,
    simulate,
    test_command,
    schema,
    bundled,
    report,
    why,
    docs,
    generate_docs,
):
    main.add_command(command)


def run() -> None:
    """Entry point. Input errors are one line and exit 2; a bug in policyengine itself is one line
    and exit 3 (set POLICYENGINE_DEBUG=1 for the traceback)."""
    try:
        main(standalone_mode=True)
    except PolicyEngineError as error:  # pragma: no cover - commands handle their own
        click.echo(f"policyengine: {printable(str(error))}", err=True)
        sys.exit(2)
    except Exception as error:  # pragma: no cover - only a bug gets here
        if os.environ.get("POLICYENGINE_DEBUG"):
            raise
        click.echo(
            f"policyengine: internal error: {type(error).__name__}: {printable(str(error))} "
            "(rerun with POLICYENGINE_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        sys.exit(3)


__all__ = ["main", "run"]
