"""``logocheck`` run as CI runs it: a subprocess from the repository root."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from logocheck.report import FORMATS

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m logocheck ARGS``, without colour.

    ``GITHUB_STEP_SUMMARY`` is dropped unless ``env`` sets it, so a test run
    inside GitHub Actions does not append to the job's own summary.
    """
    base = {**os.environ, "NO_COLOR": "1"}
    base.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "logocheck", *args],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env={**base, **(env or {})},
        timeout=180,
    )


def scan_every_format(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``logocheck scan ARGS`` writing each format to ``folder / FORMAT``."""
    reports = [a for f in FORMATS for a in ("--report", f"{f}={folder / f}")]
    return cli("scan", *args, *reports, env=env)
