"""Same inputs, byte-identical reports in every format: whatever the hash seed,
the number of extraction workers or the crawl's concurrency.

Each scan runs twice as a program of its own, with different
``PYTHONHASHSEED``, ``--jobs`` and (crawled) ``--concurrency``: the pages
arrive in another order and go through forked workers, yet every format
must come out the same. The sites are large enough (58 pages) for the
second run to use the extraction workers.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fixtures.hostile.site import build
from logocheck.report import FORMATS
from tests.collect.servers import serving, site
from tests.report.runs import scan_every_format

pytestmark = [pytest.mark.timeout(180), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"
BRANDS = ("Globex", "Hooli", "Initech", "Vandelay Industries", "Umbrella Corp", "Soylent")


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


def reports(folder: Path, target: str, seed: str, *args: str) -> dict[str, bytes]:
    """Every format of one scan of ``target`` against the demo's contracts."""
    folder.mkdir()
    contracts = ("--contracts", str(DEMO / "contracts.csv"), "--as-of", "2026-06-01")
    run = scan_every_format(folder, target, *contracts, "--no-progress", *args, hash_seed=seed)
    assert run.returncode == 1, run.stderr
    return {f: (folder / f).read_bytes() for f in FORMATS}


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    assert b'"code"' in first["json"]
    return [f for f in FORMATS if first[f] != second[f]]


@pytest.mark.parametrize("name", ["big", "hostile"])
def test_folder_scans_are_byte_identical(tmp_path: Path, name: str) -> None:
    target = str(big_site(tmp_path / name) if name == "big" else build(tmp_path / name))
    first = reports(tmp_path / "a", target, "0", "--jobs", "1")
    second = reports(tmp_path / "b", target, "4242", "--jobs", "2")
    assert differences(first, second) == []


def test_crawled_reports_are_byte_identical(tmp_path: Path) -> None:
    with serving(site(big_site(tmp_path / "big"))) as server:
        first = reports(tmp_path / "a", server.url + "/", "1", "--concurrency", "1", "--jobs", "1")
        second = reports(
            tmp_path / "b", server.url + "/", "4242", "--concurrency", "8", "--jobs", "2"
        )
    assert b'"pages": 58' in first["json"]
    assert differences(first, second) == []
