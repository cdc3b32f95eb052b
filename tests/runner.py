"""Run ``logocheck ARGS`` from a test: in this process, or as a program of its own.

Most tests check what a command prints, writes and exits with. ``run``
gives them exactly that through ``logocheck.cli.main`` in the test's own
process, with click's isolation of stdin, stdout, stderr and the
environment: the same code without an interpreter start, imports and OCR
engine load per command (about a second of CPU each).

``run_program`` starts ``python -m logocheck`` in a subprocess. Tests use
it where the process itself is what they check: signals, closed pipes and
``/dev/stdout``, hash seeds, imports at start-up, forked workers (a scan
forks them only where the process has no other thread, which a test
process with a server running does not promise).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from click.testing import CliRunner

from logocheck.cli import main

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Ran:
    """What a command printed and its exit code."""

    stdout: str
    stderr: str
    returncode: int


def run(
    *args: str,
    cwd: Path = ROOT,
    env: Mapping[str, str | None] | None = None,
    input: str | None = None,
) -> Ran:
    """``logocheck ARGS`` in this process, from ``cwd``, without colour.

    ``env`` adds variables (``None`` removes one) for this command only.
    ``GITHUB_STEP_SUMMARY`` is dropped unless ``env`` sets it, so a test
    run inside GitHub Actions does not append to the job's own summary.
    """
    environment = {"NO_COLOR": "1", "GITHUB_STEP_SUMMARY": None, **(env or {})}
    code: int | str | None = 0
    isolation = CliRunner().isolation(input=input, env=environment)
    with contextlib.chdir(cwd), isolation as (out, err, _):
        try:
            main(list(args))
        except SystemExit as done:
            code = done.code
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    returncode = code if isinstance(code, int) else 0 if code is None else 1
    return Ran(out.getvalue().decode(), err.getvalue().decode("utf-8", "replace"), returncode)


#: A command whose inputs no test changes gives the same result every
#: time: tests that only read its output share one run per worker.
run_once = cache(run)


def run_program(
    *args: str,
    cwd: Path = ROOT,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
    timeout: float = 180,
) -> Ran:
    """``python -m logocheck ARGS`` in a subprocess, as a user runs it, without colour."""
    environment = {**os.environ, "NO_COLOR": "1"}
    environment.pop("GITHUB_STEP_SUMMARY", None)
    done = subprocess.run(
        [sys.executable, "-m", "logocheck", *args],
        cwd=cwd,
        env={**environment, **(env or {})},
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Ran(done.stdout, done.stderr, done.returncode)
