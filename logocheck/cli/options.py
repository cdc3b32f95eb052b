"""Flags that several commands share, defined once so they read the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def option_group(*options: Callable[[F], F]) -> Callable[[F], F]:
    """One decorator that adds ``options`` to a command, in the order given."""

    def add(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return add


as_of_option = click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Judge contracts as on this date (default: today).",
)
config_option = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Config file (default: logocheck.toml or pyproject.toml here).",
)
#: ``--contracts-encoding``, ``--contracts-delimiter`` and ``--strict``.
contracts_reading_options = option_group(
    click.option(
        "--contracts-encoding",
        "encoding",
        metavar="CODEC",
        help="Encoding of the contracts file, when not UTF-8 or UTF-16 with BOM (e.g. cp1252).",
    ),
    click.option(
        "--contracts-delimiter",
        "delimiter",
        metavar="CHAR",
        help="Field delimiter of the contracts file: , ; tab (default: sniffed from the header).",
    ),
    click.option(
        "--strict", is_flag=True, help="Unknown plans, statuses or publicity values are errors."
    ),
)
