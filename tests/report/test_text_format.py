from __future__ import annotations

from logocheck.report import render
from tests.report.sample import sample_report

EXPECTED = """\
site/index.html:12:5: LC001 Hooli is free (and 2 more pages)
site/index.html:14:5: LC006 a logo could not be identified

site/pricing/index.html:40:9: LC001 Hooli is free

Found 2 errors and 1 warning (2 pages, 1 logo, 1 claim checked).
"""


def test_lines_are_grouped_by_page_with_a_summary() -> None:
    assert render(sample_report(), "text") == EXPECTED


def test_colour_marks_codes_and_paths_only_when_asked() -> None:
    plain = render(sample_report(), "text", color=False)
    painted = render(sample_report(), "text", color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31mLC001\x1b[0m" in painted
    assert "\x1b[1;33mLC006\x1b[0m" in painted


def test_a_clean_report_says_what_was_checked() -> None:
    report = sample_report()
    clean = report.__class__((), report.subjects, report.summary)
    assert render(clean, "text") == "No problems found (2 pages, 1 logo, 1 claim checked).\n"


def test_show_evidence_adds_status_and_evidence_under_each_line() -> None:
    text = render(sample_report(), "text", evidence=True)
    lines = text.splitlines()
    first = lines.index("site/index.html:12:5: LC001 Hooli is free (and 2 more pages)")
    assert lines[first + 1 : first + 3] == ["    status: free", "    method: alt"]
