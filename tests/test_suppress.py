from __future__ import annotations

from pathlib import Path

import pytest

from logocheck.config import Settings
from logocheck.errors import ConfigError
from logocheck.model import Report
from logocheck.pipeline import ScanOptions
from logocheck.report import render
from tests.harness import AS_OF, codes, scan_snippet

WALL = """<section class="customers"><h2>Trusted by</h2>
<img src="/l/hooli.png" alt="Hooli"><img src="/l/initech.png" alt="Initech"></section>"""
CONTRACTS = "account,plan,status\nHooli,Free,active\nInitech,Trial,active\n"


def _scan(tmp_path: Path, *suppress: dict[str, str]) -> Report:
    settings = Settings({"suppress": list(suppress)}, tmp_path / "logocheck.toml")
    return scan_snippet(
        tmp_path, WALL, CONTRACTS, options=ScanOptions(as_of=AS_OF, settings=settings)
    )


def test_a_reviewed_exception_is_waived_with_its_reason(tmp_path: Path) -> None:
    report = _scan(tmp_path, {"code": "LC001", "brand": "hooli", "reason": "legal OK, LEGAL-42"})
    assert codes(report) == ["LC002"]
    [(finding, reason)] = report.suppressed
    assert (finding.code, finding.brand, reason) == ("LC001", "Hooli", "legal OK, LEGAL-42")
    assert '"suppressed": 1' in render(report, "json")
    assert "1 suppressed" in render(report, "text")


def test_suppression_by_prefix_and_url(tmp_path: Path) -> None:
    report = _scan(tmp_path, {"code": "LC00", "url": "/", "reason": "homepage under review"})
    assert codes(report) == []
    elsewhere = _scan(tmp_path, {"code": "LC00", "url": "/pricing/*", "reason": "x"})
    assert codes(elsewhere) == ["LC001", "LC002"]


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        ({"code": "LC001"}, "needs a reason"),
        ({"code": "LC001", "reason": "  "}, "needs a reason"),
        ({"reason": "x"}, "code is required"),
        ({"code": "LC001", "reason": "x", "until": "2027"}, r"suppress\[0\]\.until: unknown key"),
        ({"code": "LC001", "reason": "x", "expires": "soon"}, "must be a date"),
    ],
)
def test_bad_suppressions_are_refused(
    tmp_path: Path, entry: dict[str, str], complaint: str
) -> None:
    with pytest.raises(ConfigError, match=complaint):
        _scan(tmp_path, entry)
