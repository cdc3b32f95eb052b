"""Where the built-in rule pack lives.

In a source checkout (and an editable install) it is the top-level
``rules/`` folder; a wheel carries a copy as ``logocheck/_rules``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def rules_dir() -> Path:
    package = Path(__file__).resolve().parent
    for candidate in (package / "_rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"built-in rule pack not found beside {package}")
