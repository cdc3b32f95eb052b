"""The demo in every format, byte for byte, against files reviewed by eye once.

After an intended change, regenerate them and review the diff:

    LOGOCHECK_UPDATE_GOLDEN=1 pytest tests/report/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from logocheck.report import FORMATS
from tests.report.runs import scan_every_format

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "junit": "xml",
    "github": "github.txt",
    "markdown": "md",
    "html": "html",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("golden")
    run = scan_every_format(
        folder,
        "fixtures/demo/site",
        "--contracts",
        "fixtures/demo/contracts.csv",
        "--as-of",
        "2026-06-01",
    )
    assert run.returncode == 1, run.stderr
    return folder


@pytest.mark.parametrize("format", FORMATS)
def test_demo_matches_its_golden_file(demo: Path, format: str) -> None:
    produced = (demo / format).read_text(encoding="utf-8")
    golden = GOLDEN / f"demo.{EXTENSIONS[format]}"
    if os.environ.get("LOGOCHECK_UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")
