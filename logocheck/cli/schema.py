"""``logocheck schema``: print the JSON Schema of the JSON report."""

from __future__ import annotations

import click

from logocheck.report.schema import schema_text


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) that every --format json report follows.

    \b
    Examples:
      logocheck schema > logocheck-report.schema.json
    """
    click.echo(schema_text(), nl=False)
