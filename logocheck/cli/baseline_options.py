"""Flags for adopting the check in CI: where the contracts come from, and baselines.

``--contracts -`` reads the CSV from standard input and ``LOGOCHECK_CONTRACTS``
names the file when the flag is absent, so a pipeline can hand over a
confidential file without writing its path into a command line or a report:
reports then call it ``<stdin>`` or ``$LOGOCHECK_CONTRACTS``.

``--baseline FILE`` counts only findings not recorded in FILE;
``--update-baseline`` records today's (``--prune`` also drops the entries
nothing matches any more).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from logocheck.baseline import Baseline, load_baseline, render_baseline, updated
from logocheck.cli.options import F, option_group
from logocheck.errors import ContractsError
from logocheck.model import Report
from logocheck.pipeline import STDIN_LABEL
from logocheck.report import write_atomically

CONTRACTS_ENV = "LOGOCHECK_CONTRACTS"
STDIN = "-"

contracts_option = click.option(
    "--contracts",
    "contracts_given",
    metavar="CSV",
    help=f"CSV export of accounts and contracts; '-' reads standard input "
    f"(default: the file ${CONTRACTS_ENV} names).",
)

BASELINE_OPTIONS: tuple[Callable[[F], F], ...] = (
    click.option(
        "--baseline",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Count only findings not recorded in this baseline file.",
    ),
    click.option(
        "--update-baseline",
        is_flag=True,
        help="Record the current findings in the --baseline file (created if missing).",
    ),
    click.option(
        "--prune",
        is_flag=True,
        help="With --update-baseline: drop entries that match no finding any more.",
    ),
)

#: ``--baseline``, ``--update-baseline`` and ``--prune``.
baseline_options = option_group(*BASELINE_OPTIONS)


@contextmanager
def contracts_file(given: str | None) -> Iterator[tuple[Path, str | None]]:
    """The contracts file to read, and the name reports give it (None: its path).

    Standard input is copied to a private temporary file that is removed
    when the scan is over.
    """
    if given == STDIN:
        with tempfile.TemporaryDirectory(prefix="logocheck-") as folder:
            path = Path(folder) / "contracts.csv"
            path.write_bytes(sys.stdin.buffer.read())
            yield path, STDIN_LABEL
        return
    if given is not None:
        yield _existing(Path(given), given), None
        return
    from_env = os.environ.get(CONTRACTS_ENV)
    if not from_env:
        raise click.UsageError(f"--contracts is required (or set ${CONTRACTS_ENV})")
    yield _existing(Path(from_env), f"${CONTRACTS_ENV}"), f"${CONTRACTS_ENV}"


def _existing(path: Path, named: str) -> Path:
    if not path.is_file():
        raise ContractsError(named, "no such file")
    return path


def check_baseline_flags(baseline: Path | None, update: bool, prune: bool) -> Baseline | None:
    """The baseline to apply while scanning (None while updating: all findings count)."""
    if (update or prune) and baseline is None:
        raise click.UsageError("--update-baseline and --prune need --baseline FILE")
    if prune and not update:
        raise click.UsageError("--prune only goes with --update-baseline")
    if baseline is None or update:
        return None
    return load_baseline(baseline)


def update_baseline(report: Report, path: Path, prune: bool) -> str:
    """Write the baseline for ``report``; the one-line note the user gets."""
    old = load_baseline(path)
    new, dropped = updated(old, report.findings, prune)
    write_atomically(path, render_baseline(new))
    total = sum(entry.count for entry in new.entries)
    note = f"{path}: baseline of {total} finding{'s' * (total != 1)}"
    return note + (f", {dropped} pruned" if prune else "")
