"""A page the extractor fails on is its own finding (LC907), never a clean page."""

from __future__ import annotations

from pathlib import Path

import pytest

import logocheck.extract
from logocheck.extract.document import Document
from logocheck.model import Report
from logocheck.pipeline import ScanOptions
from tests.harness import AS_OF, scan_snippet

WALL = '<section><h2>Trusted by</h2><img src="/globex.png" alt="Globex"></section>'
CONTRACTS = "account,plan,status\nInitech,Enterprise,active\n"


MARKER = "Pricing for every team"


def _scan_failing_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marker: str) -> Report:
    """Scan a two-page site (``index.html`` says MARKER) whose extraction
    raises on a page holding ``marker``."""
    real = logocheck.extract._extract

    def failing(
        doc: Document,
        context: logocheck.extract.ExtractContext,
        memory: logocheck.extract.ExtractMemory,
    ) -> object:
        if marker in doc.text:
            raise RuntimeError("selector table corrupted")
        return real(doc, context, memory)

    monkeypatch.setattr(logocheck.extract, "_extract", failing)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "about.html").write_text(f"<html><body>{WALL}</body></html>")
    options = ScanOptions(as_of=AS_OF, jobs=1)
    return scan_snippet(tmp_path, f"<p>{MARKER}</p>{WALL}", CONTRACTS, options=options)


def test_the_failing_page_is_an_lc907_error_and_the_others_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _scan_failing_on(tmp_path, monkeypatch, MARKER)
    failed = [f for f in report.findings if f.code == "LC907"]
    assert [(f.level, Path(f.location.file).name) for f in failed] == [("error", "index.html")]
    assert failed[0].message == (
        "page could not be checked, extraction failed: RuntimeError: selector table corrupted"
    )
    assert not [f for f in report.findings if f.code == "LC901"]
    assert [Path(f.location.file).name for f in report.findings if f.code == "LC005"] == [
        "about.html"
    ]
    assert report.summary.failed == 1


def test_without_a_failure_there_is_no_lc907(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _scan_failing_on(tmp_path, monkeypatch, "a phrase on no page")
    assert not [f for f in report.findings if f.code == "LC907"]
    assert sorted(Path(f.location.file).name for f in report.findings if f.code == "LC005") == [
        "about.html",
        "index.html",
    ]
    assert report.summary.failed == 0
