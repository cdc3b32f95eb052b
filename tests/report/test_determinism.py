"""A crawl's reports are byte-identical whatever the hash seed, concurrency or worker count.

The demo is served on 127.0.0.1 and crawled twice by the command line with
different ``PYTHONHASHSEED``, ``--concurrency`` and ``--jobs``: the pages
arrive in another order, yet every format must come out the same.
"""

from __future__ import annotations

from pathlib import Path

from logocheck.report import FORMATS
from tests.collect.servers import serving, site
from tests.report.runs import scan_every_format

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo"


def crawl(url: str, folder: Path, seed: str, concurrency: str, jobs: str) -> dict[str, bytes]:
    folder.mkdir()
    run = scan_every_format(
        folder,
        url,
        "--contracts",
        str(DEMO / "contracts.csv"),
        "--as-of",
        "2026-06-01",
        "--no-progress",
        "--concurrency",
        concurrency,
        "--jobs",
        jobs,
        PYTHONHASHSEED=seed,
    )
    assert run.returncode == 1, run.stderr
    return {f: (folder / f).read_bytes() for f in FORMATS}


def test_crawled_reports_are_byte_identical(tmp_path: Path) -> None:
    with serving(site(DEMO / "site")) as server:
        first = crawl(server.url + "/", tmp_path / "a", "1", "1", "1")
        second = crawl(server.url + "/", tmp_path / "b", "4242", "8", "2")
    assert b"LC001" in first["sarif"]
    different = [f for f in FORMATS if first[f] != second[f]]
    assert different == []
