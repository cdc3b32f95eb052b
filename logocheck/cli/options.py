"""Flags that several commands share, defined once so they read the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

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
_CONTRACTS_READING = (
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


def contracts_reading_options(command: F) -> F:
    """``--contracts-encoding``, ``--contracts-delimiter`` and ``--strict``."""
    for option in reversed(_CONTRACTS_READING):
        command = option(command)
    return command
