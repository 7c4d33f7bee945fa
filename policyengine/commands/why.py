"""`policyengine why`: the chain behind one finding (placeholder until built)."""

from __future__ import annotations

import click


@click.command("why")
@click.argument("path")
@click.argument("code")
@click.argument("subject")
def why(path, code, subject) -> None:
    """Print the chain behind a finding."""
    raise click.UsageError("why is not available yet")
