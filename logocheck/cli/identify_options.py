"""The identification flags, shared by ``scan`` and ``logos``.

``--logos`` adds a folder of reference logos and ``--labels`` a file of
reviewed logos; both end up in the ``[identify]`` config table, so a flag
and a config key always mean the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import click

from logocheck.cli.options import F, option_group
from logocheck.config import LABELS_NAME, Settings

IDENTIFY_OPTIONS: tuple[Callable[[F], F], ...] = (
    click.option(
        "--logos",
        "logos_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Folder of reference logos (file or folder name = brand; optional logos.toml).",
    ),
    click.option(
        "--labels",
        "labels_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Labels file of reviewed logos (default: {LABELS_NAME} beside the config).",
    ),
)


#: ``--logos`` and ``--labels`` (``--cache`` is a crawl flag).
identify_options = option_group(*IDENTIFY_OPTIONS)


def with_identify(settings: Settings, flags: Mapping[str, Any]) -> Settings:
    """``settings`` with the identify flags given on the command line on top.

    Paths in a config file are relative to the config's folder; paths on
    the command line to the working folder, so they are kept as typed when
    the two agree (reports then show the path the user gave) and made
    absolute when they do not.
    """
    table = dict(settings.section("identify"))
    elsewhere = settings.path is not None and settings.base().resolve() != Path.cwd().resolve()
    for flag, key in (("logos_dir", "logos"), ("labels_file", "labels")):
        value = flags.get(flag)
        if value is not None:
            table[key] = str(Path(value).resolve() if elsewhere else Path(value))
    return settings.with_section("identify", table)
