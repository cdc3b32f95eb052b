"""``logocheck contracts CSV``: check an export before a scan relies on it.

Prints what the loader understood (rows, accounts after merging, accounts
per category on the date, whether publicity is known) and every warning
with its line, so a compliance reviewer can trust the input first. Like a
report it names accounts and their categories only: plans, statuses, dates,
domains and the cells a warning is about are shown with
``--include-contract-details``. Never prints revenue or contract values.
Exit 0, or 2 when the file is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import click

from logocheck.cli.options import as_of_option, config_option, contracts_reading_options
from logocheck.config import load_settings
from logocheck.contracts import AccountIndex, load_contracts
from logocheck.errors import LogocheckError
from logocheck.join import Joiner
from logocheck.report.contracts import render_json, render_text, summarise
from logocheck.report.escape import visible

EXIT_REFUSED = 2


@click.argument("csv_path", metavar="CSV", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "format_",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="Output format.",
)
@as_of_option
@config_option
@contracts_reading_options
@click.option("--date-format", metavar="FORMAT", help="strptime layout of non-ISO dates.")
@click.option("--decimal-comma", is_flag=True, default=None, help='Amounts like "1.234,56 €".')
@click.option("--accounts", "list_accounts", is_flag=True, help="Also list every account.")
@click.option(
    "--include-contract-details",
    "details",
    is_flag=True,
    help="Add plans, statuses, dates, domains and quoted cells (never revenue).",
)
@click.option(
    "--match",
    "brands",
    multiple=True,
    metavar="BRAND",
    help="Show which account a brand name, domain or e-mail joins (repeatable).",
)
@click.pass_context
def contracts(
    ctx: click.Context,
    csv_path: Path,
    format_: str,
    as_of: Any,
    config: Path | None,
    encoding: str | None,
    delimiter: str | None,
    date_format: str | None,
    decimal_comma: bool | None,
    strict: bool,
    list_accounts: bool,
    details: bool,
    brands: tuple[str, ...],
) -> None:
    """Validate the contracts CSV and summarise what it says.

    \b
    Examples:
      logocheck contracts crm-export.csv
      logocheck contracts accounts.txt --contracts-encoding utf-16 --format json
      logocheck contracts crm.csv --as-of 2027-01-01 --accounts
      logocheck contracts crm.csv --match "Globex Corp" --match jane@initech.com
    """
    day = as_of.date() if as_of else date.today()
    try:
        settings = load_settings(config)
        table = _overrides(settings.section("contracts"), date_format, decimal_comma)
        loaded = load_contracts(
            csv_path,
            as_of=day,
            settings=table,
            encoding=encoding,
            delimiter=delimiter,
            strict=strict,
            vocab=settings.section("vocab"),
        )
    except LogocheckError as error:
        click.echo(f"logocheck: error: {visible(str(error))}", err=True)
        ctx.exit(EXIT_REFUSED)
    matches = []
    if brands:  # the index costs seconds on a million rows: only built when asked
        joiner = Joiner(AccountIndex(loaded.table))
        matches = [(brand, joiner.named(brand)) for brand in brands]
    summary = summarise(loaded, str(csv_path), day, list_accounts, details, matches)
    text = render_json(summary) if format_ == "json" else render_text(summary)
    click.echo(text, nl=False)


contracts_command = click.command("contracts")(contracts)


def _overrides(
    table: Mapping[str, Any], date_format: str | None, decimal_comma: bool | None
) -> dict[str, Any]:
    merged = dict(table)
    if date_format:
        merged["date_format"] = date_format
    if decimal_comma is not None:
        merged["decimal_comma"] = decimal_comma
    return merged
