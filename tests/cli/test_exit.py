"""The program's exit: ``main``'s status, the exit handlers run, nothing lost.

``logocheck.cli.program`` (the console script and ``python -m logocheck``)
ends the process without Python tearing every object down; these tests
hold it to what Python's own exit would have done.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _program(setup: str, *args: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import atexit, sys, threading, time\n"
        f"{setup}\n"
        "from logocheck.cli import program\n"
        f"sys.argv = ['logocheck', *{list(args)!r}]\n"
        "program()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_the_exit_handlers_run_and_the_status_is_mains() -> None:
    done = _program("atexit.register(lambda: print('handler ran'))", "--version")
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "handler ran"
    assert done.stdout.startswith("logocheck, version ")


def test_a_usage_error_keeps_its_status_and_its_line() -> None:
    done = _program("", "scan", "no/such/folder")
    assert done.returncode == 2
    assert done.stderr.startswith("logocheck: error: ")


def test_a_findings_status_and_every_line_of_a_long_report_arrive() -> None:
    done = _program("", "scan", "fixtures/demo/site", "--contracts", "fixtures/demo/contracts.csv")
    assert done.returncode == 1
    expected = (ROOT / "fixtures/demo/expected.txt").read_text(encoding="utf-8")
    assert done.stdout == expected


def test_a_thread_still_running_is_waited_for() -> None:
    """With another thread alive the exit is Python's own, which joins it."""
    started = (
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done', flush=True)))"
        ".start()"
    )
    done = _program(started, "--version")
    assert done.returncode == 0
    assert "thread done" in done.stdout


def test_python_dash_m_and_the_console_script_end_through_program() -> None:
    assert (ROOT / "logocheck/__main__.py").read_text().strip().endswith("program()")
    scripts = (ROOT / "pyproject.toml").read_text()
    assert 'logocheck = "logocheck.cli:program"' in scripts
