"""Same inputs, byte-identical reports: whatever the hash seed, workers or concurrency."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.hostile.site import build
from tests.collect.servers import serving, site

pytestmark = [pytest.mark.timeout(180), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures/demo"
BRANDS = ("Globex", "Hooli", "Initech", "Vandelay Industries", "Umbrella Corp", "Soylent")


def scan(target: str, seed: str, *args: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "logocheck", "scan", target, "--format", "json"]
    done = subprocess.run(
        [*command, "--contracts", str(DEMO / "contracts.csv"), "--no-progress", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 1, done.stderr
    return done.stdout


def big_site(root: Path) -> Path:
    """The demo site plus 50 pages of walls: enough pages to use the extraction workers."""
    shutil.copytree(DEMO / "site", root)
    for n in range(50):
        logos = "".join(
            f'<img src="/logos/{n}-{i}.png" alt="{BRANDS[(n + i) % len(BRANDS)]}">'
            for i in range(n % 5 + 1)
        )
        wall = f'<section class="customers"><h2>Trusted by</h2>{logos}</section>'
        (root / f"wall-{n}.html").write_text(f"<html><body>{wall}</body></html>", "utf-8")
    return root


def test_folder_scans_are_byte_identical(tmp_path: Path) -> None:
    for target in (big_site(tmp_path / "big"), build(tmp_path / "hostile")):
        first = scan(str(target), "0", "--jobs", "1")
        assert scan(str(target), "4242", "--jobs", "2") == first
        assert '"code"' in first


def test_crawls_are_byte_identical_whatever_the_concurrency(tmp_path: Path) -> None:
    with serving(site(big_site(tmp_path / "big"))) as server:
        first = scan(server.url, "1", "--concurrency", "1", "--jobs", "1")
        again = scan(server.url, "977", "--concurrency", "8", "--jobs", "2")
    assert again == first
    assert '"pages": ' in first
