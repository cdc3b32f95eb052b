"""``logocheck`` run from the repository root, as CI runs it (``tests/runner.py``)."""

from __future__ import annotations

from pathlib import Path

from logocheck.report import FORMATS
from tests.runner import Ran, run, run_program


def cli(*args: str, env: dict[str, str] | None = None) -> Ran:
    """``logocheck ARGS`` in this process, without colour."""
    return run(*args, env=env)


def scan_every_format(folder: Path, *args: str, hash_seed: str | None = None) -> Ran:
    """``logocheck scan ARGS`` writing each format to ``folder / FORMAT``.

    With ``hash_seed`` the scan runs as a program of its own with that
    ``PYTHONHASHSEED``: only a new interpreter takes another seed.
    """
    reports = [a for f in FORMATS for a in ("--report", f"{f}={folder / f}")]
    if hash_seed is not None:
        return run_program("scan", *args, *reports, env={"PYTHONHASHSEED": hash_seed})
    return run("scan", *args, *reports)
