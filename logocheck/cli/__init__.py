"""The command line: a thin layer over the library.

Commands parse flags, call the library, print and pick an exit code:

    0  nothing at or above --fail-on
    1  findings at or above --fail-on
    2  usage error, unreadable input, or a scan that could not complete

Every error the user can cause is printed as one line, never a traceback.
"""

from __future__ import annotations

import signal
import sys
from typing import NoReturn

import click

from logocheck import __version__
from logocheck.cli.action import action_command
from logocheck.cli.contracts import contracts_command
from logocheck.cli.init import init_command
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
      logocheck init
      logocheck schema
    """


cli.add_command(scan_command)
cli.add_command(contracts_command)
cli.add_command(logos_command)
cli.add_command(rules_command)
cli.add_command(explain_command)
cli.add_command(init_command)
cli.add_command(action_command)
cli.add_command(schema_command)


class Terminated(BaseException):
    """SIGTERM (``timeout``, CI cancellation, ``docker stop``), raised like Ctrl-C.

    Raised in the main thread so that every ``with`` and ``finally`` on the
    way out runs: the crawler process, the extraction workers and the SVG
    worker are all stopped by the code that started them.
    """


def _terminated(signum: int, frame: object) -> None:
    for name in ("SIGINT", "SIGTERM"):  # a second signal must not cut the clean-up short
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise Terminated(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the CLI; every expected error becomes one line and exit code 2.

    The signal handlers are the CLI's only while it runs: a program that
    calls ``main`` gets its own back.
    """
    previous = {name: signal.getsignal(name) for name in (signal.SIGINT, signal.SIGTERM)}
    for name in previous:
        signal.signal(name, _terminated)
    try:
        _run(argv)
    finally:
        for name, handler in previous.items():
            signal.signal(name, handler)


def _run(argv: list[str] | None) -> NoReturn:
    try:
        code = cli.main(args=argv, prog_name="logocheck", standalone_mode=False)
    except (KeyboardInterrupt, Terminated) as error:
        reason = str(error) or "SIGINT"
        click.echo(f"logocheck: stopped by {reason}; the scan did not complete", err=True)
        sys.exit(EXIT_USAGE)
    except click.exceptions.NoArgsIsHelpError as error:
        click.echo(error.ctx.get_help() if error.ctx else str(error))
        sys.exit(EXIT_USAGE)
    except click.ClickException as error:
        click.echo(f"logocheck: error: {visible(error.format_message())}", err=True)
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("logocheck: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except LogocheckError as error:
        click.echo(f"logocheck: error: {visible(str(error))}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else 0)
