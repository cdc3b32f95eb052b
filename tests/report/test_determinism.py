"""Same inputs, byte-identical reports in every format: whatever the hash seed,
the number of extraction workers or the crawl's concurrency.

Each scan runs twice: once in this process with one worker and one
connection, once as a program of its own with another ``PYTHONHASHSEED``,
two workers and (crawled) eight connections. The pages arrive in another
order and go through forked workers, yet every format must come out the
same. The site is large enough (58 pages) for the second run to use the
extraction workers. The hostile site's own check is in
``tests/hostile/test_hostile_site.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from logocheck.report import FORMATS
from tests.collect.servers import serving, site
from tests.report.runs import scan_every_format

pytestmark = [pytest.mark.timeout(180), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
BRANDS = ("Globex", "Hooli", "Initech", "Vandelay Industries", "Umbrella Corp", "Soylent")
CONTRACTS = ("--contracts", str(DEMO / "contracts.csv"), "--as-of", "2026-06-01", "--no-progress")


def big_site(root: Path) -> Path:
    """The demo site plus 50 linked pages of walls: enough pages to use the extraction workers."""
    shutil.copytree(DEMO / "site", root)
    links = []
    for n in range(50):
        logos = "".join(
            f'<img src="/logos/{n}-{i}.png" alt="{BRANDS[(n + i) % len(BRANDS)]}">'
            for i in range(n % 5 + 1)
        )
        wall = f'<section class="customers"><h2>Trusted by</h2>{logos}</section>'
        (root / f"wall-{n}.html").write_text(f"<html><body>{wall}</body></html>", "utf-8")
        links.append(f'<a href="/wall-{n}.html">{n}</a>')
    index = root / "index.html"
    text = index.read_text("utf-8")
    index.write_text(text.replace("</body>", f"<nav>{''.join(links)}</nav></body>", 1), "utf-8")
    return root


def another_seed() -> str:
    """A hash seed other than this process's (random unless PYTHONHASHSEED fixes it)."""
    return "4243" if os.environ.get("PYTHONHASHSEED") == "4242" else "4242"


def reports(folder: Path, target: str, *args: str, seed: str | None = None) -> dict[str, bytes]:
    """Every format of one scan of ``target``: in process, or as a program with ``seed``."""
    folder.mkdir()
    run = scan_every_format(folder, target, *CONTRACTS, *args, hash_seed=seed)
    assert run.returncode == 1, run.stderr
    return {f: (folder / f).read_bytes() for f in FORMATS}


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    assert b"LC001" in first["sarif"]
    return [f for f in FORMATS if first[f] != second[f]]


def test_folder_scans_are_byte_identical(tmp_path: Path) -> None:
    target = str(big_site(tmp_path / "big"))
    first = reports(tmp_path / "a", target, "--jobs", "1")
    second = reports(tmp_path / "b", target, "--jobs", "2", seed=another_seed())
    assert differences(first, second) == []


def test_crawled_reports_are_byte_identical(tmp_path: Path) -> None:
    with serving(site(big_site(tmp_path / "big"))) as server:
        url = server.url + "/"
        first = reports(tmp_path / "a", url, "--concurrency", "1", "--jobs", "1")
        again = ("--concurrency", "8", "--jobs", "2")
        second = reports(tmp_path / "b", url, *again, seed=another_seed())
    assert b'"pages": 58' in first["json"]
    assert differences(first, second) == []
