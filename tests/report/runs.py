"""A scan run as CI runs it, writing every report format into one folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from logocheck.report import FORMATS

ROOT = Path(__file__).resolve().parents[2]


def scan_every_format(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``logocheck scan ARGS`` writing each format to ``folder / FORMAT``.

    ``GITHUB_STEP_SUMMARY`` is dropped, so a test run inside GitHub Actions
    does not append the Markdown summary to the job's own.
    """
    reports = [a for f in FORMATS for a in ("--report", f"{f}={folder / f}")]
    environment = {**os.environ, "NO_COLOR": "1", **env}
    environment.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "logocheck", "scan", *args, *reports],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=180,
    )
