"""`policyengine report`: one self-contained HTML page of a policy (placeholder until built)."""

from __future__ import annotations

import click


@click.command("report")
@click.argument("paths", nargs=-1, required=True)
def report(paths) -> None:
    """Write one self-contained HTML report of a policy."""
    raise click.UsageError("report is not available yet")
