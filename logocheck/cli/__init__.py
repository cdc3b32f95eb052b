"""The command line: a thin layer over the library.

Commands parse flags, call the library, print and pick an exit code:

    0  nothing at or above --fail-on
    1  findings at or above --fail-on
    2  usage error, unreadable input, or a scan that could not complete

Every error the user can cause is printed as one line, never a traceback.
"""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from logocheck import __version__
from logocheck.cli.contracts import contracts_command
from logocheck.cli.logos import logos_command
from logocheck.cli.rules import explain_command, rules_command
from logocheck.cli.scan import scan_command
from logocheck.cli.schema import schema_command
from logocheck.errors import LogocheckError
from logocheck.report.escape import visible

EXIT_USAGE = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="logocheck")
def cli() -> None:
    """Check that every brand a marketing site presents as a customer is one.

    \b
    Examples:
      logocheck scan site/ --contracts contracts.csv
      logocheck scan https://preview.example.com --contracts crm.csv --format json
      logocheck contracts crm-export.csv
      logocheck logos public/ --contracts contracts.csv
      logocheck explain LC001
      logocheck schema
    """


cli.add_command(scan_command)
cli.add_command(contracts_command)
cli.add_command(logos_command)
cli.add_command(rules_command)
cli.add_command(explain_command)
cli.add_command(schema_command)


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the CLI; every expected error becomes one line and exit code 2."""
    try:
        code = cli.main(args=argv, prog_name="logocheck", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:
        click.echo(error.ctx.get_help() if error.ctx else str(error))
        sys.exit(EXIT_USAGE)
    except click.ClickException as error:
        click.echo(f"logocheck: error: {error.format_message()}", err=True)
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("logocheck: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except LogocheckError as error:
        click.echo(f"logocheck: error: {visible(str(error))}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else 0)
