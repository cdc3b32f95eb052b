"""report: render a Report in one format, and write it safely.

Each format is a module with one function, ``render(report, options) ->
str``; modules are imported when their format is first used, so the HTML
renderer's Jinja2 costs nothing to a run that does not ask for it. Writing
happens only in ``output.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from logocheck.atomic import write_atomically
from logocheck.model import Report
from logocheck.report.output import check_output, write_report

#: Format name -> the module under ``logocheck.report`` that renders it.
MODULES = {
    "text": "text_format",
    "json": "json_format",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "markdown": "markdown",
    "html": "html",
}
FORMATS = tuple(MODULES)
#: The format a report file gets from its extension when none is given.
SUFFIXES = {
    ".txt": "text",
    ".json": "json",
    ".sarif": "sarif",
    ".xml": "junit",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render: ``details`` adds contract plans and dates (never money).

    ``thumbnails`` maps an image key (``sha256:...``) to a PNG ``data:`` URI
    for the HTML report (default: those the scan made, ``Report.thumbnails``);
    ``color`` paints the text format for a terminal.
    """

    color: bool = False
    details: bool = False
    evidence: bool = False
    thumbnails: Mapping[str, str] = field(default_factory=dict)


def render(report: Report, format: str, **options: Any) -> str:
    return renderer(format)(report, RenderOptions(**options))


def renderer(format: str) -> Callable[[Report, RenderOptions], str]:
    if format not in MODULES:
        raise ValueError(f"unknown format {format!r}")
    module = import_module(f"logocheck.report.{MODULES[format]}")
    function: Callable[[Report, RenderOptions], str] = module.render
    return function


__all__ = [
    "FORMATS",
    "SUFFIXES",
    "RenderOptions",
    "check_output",
    "render",
    "renderer",
    "write_atomically",
    "write_report",
]
