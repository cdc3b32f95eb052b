"""SIGTERM and Ctrl-C end every process the scan started, with one line and exit 2."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.collect.servers import Handler, Server, serving

pytestmark = [pytest.mark.timeout(60), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = ROOT / "fixtures/demo/contracts.csv"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10">'
    '<text x="0" y="9">Vandelay {n}</text></svg>'
)


def slow_site(handler: Handler) -> None:
    """Page n links to n+1..n+3; past page 60 every answer takes a while."""
    path = handler.path.split("?")[0]
    if path == "/robots.txt":
        handler.send(404, b"")
        return
    n = int(path.strip("/p") or 0) if path.startswith("/p") or path == "/" else -1
    if n < 0:
        handler.send(200, SVG.format(n=path).encode(), "image/svg+xml")
        return
    if n > 60:
        time.sleep(0.5)
    links = "".join(f'<a href="/p{m}">p{m}</a>' for m in range(n + 1, n + 4))
    wall = f'<section class="customers"><h2>Trusted by</h2><img src="/l{n}.svg" alt=""></section>'
    handler.send(200, f"<html><body>{wall}{links}</body></html>".encode())


@pytest.fixture
def site() -> Iterator[Server]:
    with serving(slow_site) as server:
        yield server


def start(url: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "logocheck", "scan", url, "--contracts", str(CONTRACTS)]
    return subprocess.Popen(
        [*command, "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        cwd=ROOT,
    )


def busy(process: subprocess.Popen[str]) -> list[psutil.Process]:
    """Wait until the crawler child and the extraction workers run; return all children."""
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = parent.children(recursive=True)
        if len(children) >= 3:
            return children
        time.sleep(0.1)
    raise AssertionError(f"the scan never started its workers: {parent.children()}")


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT"])
def test_a_signal_ends_every_child_with_one_line(site: Server, how: str) -> None:
    process = start(site.url)
    children = busy(process)
    if how == "SIGTERM":
        process.send_signal(signal.SIGTERM)  # what timeout, CI and docker stop send
    else:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    out, err = process.communicate(timeout=20)
    _, alive = psutil.wait_procs(children, timeout=10)
    assert process.returncode == 2
    assert err.strip().splitlines() == [
        f"logocheck: stopped by {how}; the scan did not complete"
    ], err
    assert "Traceback" not in out + err
    assert alive == []
