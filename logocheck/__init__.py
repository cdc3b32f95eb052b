"""logocheck: lint a marketing site's customer logos and claims against contracts.

The public API is small: ``scan()`` runs the whole pipeline and returns a
``Report``; ``render()`` turns it into one of the output formats.
"""

from __future__ import annotations

__version__ = "0.1.0"

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
    "Page",
    "Problem",
    "Report",
    "ScanIncomplete",
    "Subject",
    "TargetError",
    "__version__",
]
