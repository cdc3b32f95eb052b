"""Problems with the contracts' reference logos name the contracts file as reports do."""

from __future__ import annotations

from pathlib import Path

from logocheck.pipeline import ContractsOptions, ScanOptions
from tests.harness import AS_OF, scan_snippet

WALL = '<section><h2>Trusted by</h2><img src="/globex.png" alt="Globex"></section>'
CONTRACTS = "account,plan,status,logo\nGlobex,Enterprise,active,missing-globex.png\n"


def _lc905_files(tmp_path: Path, label: str | None) -> set[str]:
    options = ScanOptions(as_of=AS_OF, contracts=ContractsOptions(label=label))
    report = scan_snippet(tmp_path, WALL, CONTRACTS, options=options)
    found = [f for f in report.findings if f.code == "LC905" and "reference logo" in f.message]
    assert found, [f.message for f in report.findings]
    return {f.location.file for f in found}


def test_a_missing_reference_logo_points_at_the_contracts_label(tmp_path: Path) -> None:
    assert _lc905_files(tmp_path, "$LOGOCHECK_CONTRACTS") == {"$LOGOCHECK_CONTRACTS"}


def test_without_a_label_it_points_at_the_contracts_path(tmp_path: Path) -> None:
    assert _lc905_files(tmp_path, None) == {str(tmp_path / "contracts.csv")}


def test_a_missing_reference_logo_is_reported_by_a_scan_that_needed_no_pixels(
    tmp_path: Path,
) -> None:
    # the library is built when pixels are first needed: here never, yet it is read
    report = scan_snippet(tmp_path, "<p>No logo here.</p>", CONTRACTS)
    found = [f.code for f in report.findings if "reference logo" in f.message]
    assert found == ["LC905"]
