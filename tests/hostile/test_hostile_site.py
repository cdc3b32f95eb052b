"""The hostile website, scanned as a folder: every case gets its finding, in bounds,
and the same report byte for byte whatever the hash seed or worker count.

The scan runs as the CLI in a child process with a memory ceiling (a 3 GB
file read whole would break it) and a deadline (a FIFO read would hang it).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fixtures.hostile.site import FOLDER_CASES, Case, build

pytestmark = pytest.mark.timeout(90)

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = ROOT / "fixtures/demo/contracts.csv"
MEMORY = 2 * 1024**3


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def scan(target: Path, *args: str, seed: str = "0") -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "logocheck",
        "scan",
        str(target),
        "--contracts",
        str(CONTRACTS),
    ]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_bounded,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": seed},
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("hostile") / "site")


@pytest.fixture(scope="module")
def hostile_json(site: Path) -> str:
    """The JSON report of one scan, with hash seed 0 and one process."""
    done = scan(site, "--format", "json", "--jobs", "1")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def hostile_scan(hostile_json: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(hostile_json)
    return loaded


@pytest.mark.slow
def test_another_seed_and_workers_give_the_same_bytes(site: Path, hostile_json: str) -> None:
    again = scan(site, "--format", "json", "--jobs", "2", seed="4242")
    assert again.returncode == 1, again.stderr
    assert again.stdout == hostile_json


@pytest.mark.parametrize("case", FOLDER_CASES, ids=lambda c: c.name)
def test_each_hostile_file_gets_its_finding(hostile_scan: dict[str, Any], case: Case) -> None:
    found = [
        f["message"]
        for f in hostile_scan["findings"]
        if f["code"] == case.code and Path(f["file"] or "").name == case.file
    ]
    assert any(case.says in message for message in found), (case, found[:3])


def test_a_page_read_in_part_is_never_clean(hostile_scan: dict[str, Any]) -> None:
    assert hostile_scan["summary"]["findings"]["error"] > 0
    unread = {Path(f["file"]).name for f in hostile_scan["findings"] if f["code"] == "LC906"}
    assert unread == {"deep-3000.html", "attributes.html"}


def test_columns_on_one_minified_line_are_exact(hostile_scan: dict[str, Any]) -> None:
    wide = [f for f in hostile_scan["findings"] if f["code"] == "LC006" and "wide" in f["file"]]
    page = '<html><body><section class="customers"><h2>Trusted by</h2>'
    one = len('<img src="/logos/l0.png" alt="Brand0">')
    columns = sorted(f["column"] for f in wide)
    assert columns[0] == len(page) + 1
    assert columns[1] == len(page) + one + 1
    assert len(set(columns)) == 2000
