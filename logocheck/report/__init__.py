"""report: render a Report in one format, and write it atomically.

Each format is a module with one function, ``render(report, **options) ->
str``. Writing happens only here, through a temporary file renamed into
place, so a crash or a full disk never leaves a half-written report where
CI would read it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from logocheck.model import Report
from logocheck.report import json_format, text_format

#: Each format's renderer; ``render(report, **options) -> str``.
RENDERERS: dict[str, Callable[..., str]] = {
    "text": text_format.render,
    "json": json_format.render,
}
FORMATS = tuple(RENDERERS)


def render(report: Report, format: str, **options: Any) -> str:
    if format not in RENDERERS:
        raise ValueError(f"unknown format {format!r}")
    return RENDERERS[format](report, **options)


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step, or leave it untouched."""
    path = path.resolve()
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
