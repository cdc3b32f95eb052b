"""logocheck: lint a marketing site's customer logos and claims against contracts.

The public API is small: ``scan()`` runs the whole pipeline and returns a
``Report``; ``observe()`` stops before the rules, returning every logo and
claim identified and joined (an ``Observation``); ``render()`` turns a
report into one of the output formats::

    from logocheck import ScanOptions, render, scan

    report = scan("public/", Path("contracts.csv"), ScanOptions(as_of=date(2027, 1, 1)))
    print(render(report, "json"))

The library never prints; the command line (``logocheck.cli``) does.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from logocheck.errors import (
    ConfigError,
    ContractsError,
    InputError,
    LogocheckError,
    ScanIncomplete,
    TargetError,
)
from logocheck.model import (
    Account,
    Claim,
    Finding,
    Location,
    Logo,
    Match,
    Page,
    Problem,
    Report,
    Subject,
)
from logocheck.version import __version__

if TYPE_CHECKING:
    from logocheck.pipeline import Observation, ScanOptions, observe, scan
    from logocheck.report import render

_LAZY = {
    "scan": ("logocheck.pipeline", "scan"),
    "ScanOptions": ("logocheck.pipeline", "ScanOptions"),
    "observe": ("logocheck.pipeline", "observe"),
    "Observation": ("logocheck.pipeline", "Observation"),
    "render": ("logocheck.report", "render"),
}


def __getattr__(name: str) -> Any:
    """Load the pipeline only when it is used, so importing the records stays cheap."""
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'logocheck' has no attribute {name!r}")


__all__ = [
    "Account",
    "Claim",
    "ConfigError",
    "ContractsError",
    "Finding",
    "InputError",
    "Location",
    "Logo",
    "LogocheckError",
    "Match",
    "Observation",
    "Page",
    "Problem",
    "Report",
    "ScanIncomplete",
    "ScanOptions",
    "Subject",
    "TargetError",
    "__version__",
    "observe",
    "render",
    "scan",
]
