"""`policyengine schema` and `policyengine bundled`: what the package ships."""

from __future__ import annotations

import json

import click

from ..resources import BUNDLED_PREFIX, bundled_policies, policy_schema


@click.command("schema")
@click.option(
    "--mapping", is_flag=True, help="The schema of an import mapping (`policyengine import --mapping`) instead."
)
def schema(mapping: bool) -> None:
    """Print the policy JSON Schema (draft 2020-12), for editors and CI."""
    if mapping:
        from ..tables.mapping import mapping_schema

        click.echo(json.dumps(mapping_schema(), indent=2, ensure_ascii=False))
        return
    click.echo(json.dumps(policy_schema(), indent=2, ensure_ascii=False))


@click.command("bundled")
def bundled() -> None:
    """List the policies shipped with the package (lint them as bundled:NAME)."""
    for name, path in bundled_policies().items():
        click.echo(f"{BUNDLED_PREFIX}{name}\t{path}")
