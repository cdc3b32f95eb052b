"""Run logocheck on a snippet of HTML and a contracts text, so tests read like specs.

report = scan_snippet(tmp_path, '<section><h2>Trusted by</h2>...', "account,plan\\n...")
assert codes(report) == ["LC001"]
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from logocheck.model import Report
from logocheck.pipeline import ScanOptions, scan

AS_OF = date(2026, 6, 1)
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Example</title></head>
<body><main>
{html}
</main></body></html>
"""


def scan_snippet(
    folder: Path,
    html: str,
    contracts: str,
    *,
    page: str = "index.html",
    as_of: date = AS_OF,
    options: ScanOptions | None = None,
) -> Report:
    site = folder / "site"
    target = site / page
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PAGE.format(html=html), encoding="utf-8")
    csv = folder / "contracts.csv"
    csv.write_text(contracts, encoding="utf-8")
    return scan(str(site), csv, options or ScanOptions(as_of=as_of))


def codes(report: Report, prefix: str = "LC0") -> list[str]:
    """The codes found, by default only of the brand rules (snippets ship no image files)."""
    return sorted(f.code for f in report.findings if f.code.startswith(prefix))
