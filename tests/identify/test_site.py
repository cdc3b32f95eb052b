"""The identification fixture site: every logo of fixtures/logos/site as expected.toml says.

The page draws its customer wall the ways real builders do (WordPress media,
a Webflow grid with copied alts, lazy placeholders, <picture>, a CSS
background in a link, inline path-only SVG, a white logo in a dark footer),
so this is where markup and pixels are tested together.
"""

from __future__ import annotations

import tomllib

import pytest

from logocheck.config import Settings
from logocheck.model import Logo, Report
from logocheck.pipeline import ScanOptions, scan
from tests.harness import AS_OF

from .conftest import LOGOS

EXPECTED = tomllib.loads((LOGOS / "expected.toml").read_text(encoding="utf-8"))["logo"]


@pytest.fixture(scope="module")
def report() -> Report:
    settings = Settings(
        {"identify": {"logos": str(LOGOS / "library"), "labels": str(LOGOS / "no-labels.toml")}}
    )
    options = ScanOptions(as_of=AS_OF, settings=settings)
    return scan(str(LOGOS / "site"), LOGOS / "contracts.csv", options)


def _found(report: Report) -> dict[str, tuple[str, str, dict[str, str]]]:
    found = {}
    for subject in report.subjects:
        if isinstance(subject.item, Logo):
            match = subject.match
            contested = {
                s.source: s.value for s in match.signals if s.source.startswith("contested")
            }
            found[subject.item.src or "(inline svg)"] = (match.brand or "", match.method, contested)
    return found


def test_every_logo_is_found(report: Report) -> None:
    assert sorted(_found(report)) == sorted(row["src"] for row in EXPECTED)


@pytest.mark.parametrize("row", EXPECTED, ids=lambda row: row["src"])
def test_brand_and_method(report: Report, row: dict[str, str]) -> None:
    brand, method, contested = _found(report)[row["src"]]
    assert (brand, method) == (row["brand"], row["method"])
    if "contested" in row:
        assert row["contested"] in contested.values()


def test_the_truncated_logo_is_one_warning(report: Report) -> None:
    warnings = [f for f in report.findings if f.code == "LC905"]
    assert len(warnings) == 1
    assert "c12.png" in warnings[0].message
