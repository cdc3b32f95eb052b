"""The command line: a thin layer over the library.

Commands parse flags, call the library, print and pick an exit code:

    0  nothing at or above --fail-on
    1  findings at or above --fail-on
    2  usage error, unreadable input, or a scan that could not complete

Every error the user can cause is printed as one line, never a traceback.
"""

from __future__ import annotations

import atexit
import importlib
import os
import signal
import sys
import threading
from typing import NoReturn

import click

from logocheck.errors import LogocheckError
from logocheck.version import __version__

EXIT_USAGE = 2
BLAS_THREADS = "OPENBLAS_NUM_THREADS"

#: Each command's module and attribute, and the line ``--help`` lists for it.
#: A command's module (and the pipeline, Pillow, lxml ... behind it) is only
#: imported when that command runs, so ``--version`` and ``--help`` start at
#: once; tests/cli/test_startup.py keeps the lines equal to the commands' own.
COMMANDS: dict[str, tuple[str, str]] = {
    "action": ("logocheck.cli.action:action_command",
               "Run a scan the way the GitHub Action does, and write its outputs."),
    "contracts": ("logocheck.cli.contracts:contracts_command",
                  "Validate the contracts CSV and summarise what it says."),
    "explain": ("logocheck.cli.rules:explain_command",
                "Explain a rule: what it catches, why it matters, how to fix it."),
    "init": ("logocheck.cli.init:init_command",
             "Write a starter config and a GitHub workflow that runs logocheck."),
    "logos": ("logocheck.cli.logos:logos_command",
              "List every logo on TARGET with its brand, method and confidence."),
    "rules": ("logocheck.cli.rules:rules_command",
              "List every rule: code, level and what it catches."),
    "scan": ("logocheck.cli.scan:scan_command",
             "Scan TARGET (a built-site folder or an http(s) URL) against the contracts."),
    "schema": ("logocheck.cli.schema:schema_command",
               "Print the JSON Schema (draft 2020-12) that every --format json report follows."),
}  # fmt: skip


class LazyGroup(click.Group):
    """A group that imports a command's module only when the command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, _, attribute = COMMANDS[cmd_name][0].partition(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands' lines, cut to the terminal as click cuts them, without importing."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        stand_ins = {name: click.Command(name, help=COMMANDS[name][1]) for name in names}
        rows = [(name, stand_ins[name].get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


class Terminated(BaseException):
    """SIGTERM (``timeout``, CI cancellation, ``docker stop``), raised like Ctrl-C.

    Raised in the main thread so that every ``with`` and ``finally`` on the
    way out runs: the crawler process, the extraction workers and the SVG
    worker are all stopped by the code that started them.
    """


def _terminated(signum: int, frame: object) -> None:
    pools = sys.modules.get("logocheck.pools")  # never an import in a handler
    if pools is not None and pools.deferring():
        pools.defer(signum)  # raised again as the held block ends
        return
    for name in ("SIGINT", "SIGTERM"):  # a second signal must not cut the clean-up short
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise Terminated(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the CLI; every expected error becomes one line and exit code 2.

    The signal handlers and the BLAS thread count are the CLI's only while
    it runs: a program that calls ``main`` gets its own back.
    """
    previous = {name: signal.getsignal(name) for name in (signal.SIGINT, signal.SIGTERM)}
    for name in previous:
        signal.signal(name, _terminated)
    blas = os.environ.get(BLAS_THREADS)
    # NumPy's BLAS starts a thread per core that spins once loaded, for nothing
    # larger than the 64x64 products of the image hashes: with one, the other
    # cores stay free for the scan's own workers (a caller's setting wins)
    os.environ.setdefault(BLAS_THREADS, "1")
    try:
        _run(argv)
    finally:
        for name, handler in previous.items():
            signal.signal(name, handler)
        if blas is None:
            os.environ.pop(BLAS_THREADS, None)


def program() -> NoReturn:
    """The ``logocheck`` program: ``main``, then an exit that leaves the
    interpreter's objects to the operating system.

    Python's own exit frees every object and module one by one, which after
    a scan (lxml, NumPy, Pillow, the contracts) takes 50-100 ms: a tenth of
    the demo scan. Everything a command opens it closes itself (reports are
    written and renamed, workers and sources stopped) and the exit handlers
    still run here, so only that freeing is skipped. With another thread
    still running, the exit is Python's, which waits for it.
    """
    try:
        main()
    except SystemExit as stop:
        code = _exit_code(stop.code)
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe ("logocheck scan ... | head")
            code = code or 120  # what Python's exit reports for an unflushable stdout
    os._exit(code)


def _exit_code(code: object) -> int:
    """The status ``sys.exit(code)`` would give the process."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _run(argv: list[str] | None) -> NoReturn:
    try:
        code = cli.main(args=argv, prog_name="logocheck", standalone_mode=False)
    except (KeyboardInterrupt, Terminated) as error:
        reason = str(error) or "SIGINT"
        click.echo(f"logocheck: stopped by {reason}; the scan did not complete", err=True)
        _end_children()
        sys.exit(EXIT_USAGE)
    except click.exceptions.NoArgsIsHelpError as error:
        click.echo(error.ctx.get_help() if error.ctx else str(error))
        sys.exit(EXIT_USAGE)
    except click.ClickException as error:
        click.echo(f"logocheck: error: {_visible(error.format_message())}", err=True)
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("logocheck: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except LogocheckError as error:
        click.echo(f"logocheck: error: {_visible(str(error))}", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else 0)


def _visible(text: str) -> str:
    """``text`` with control characters shown, imported only when an error is printed."""
    from logocheck.report.escape import visible

    return visible(text)


def _end_children() -> None:
    """End any worker a signal caught while it was being started.

    Each pool stops the workers it knows of; one forked in the instant the
    signal arrived is known to no pool, and interpreter exit would wait
    for it.
    """
    import multiprocessing

    for child in multiprocessing.active_children():
        child.terminate()
        child.join(5)
