"""A testimonial can name its company by e-mail or link as surely as by name."""

from __future__ import annotations

from pathlib import Path

from tests.harness import codes, scan_snippet

CONTRACTS = "account,domain,plan,status\nH&R Blockworks,hrblockworks.example,Free,active\n"


def test_an_email_in_the_citation_joins_the_account_by_domain(tmp_path: Path) -> None:
    html = """<section class="testimonials"><h2>What our customers say</h2>
    <blockquote><p>"We moved every report in a week."</p>
    <footer>— Jane Roe, <a href="mailto:jane@tax.hrblockworks.example">jane@tax.hrblockworks.example</a></footer>
    </blockquote></section>"""
    report = scan_snippet(tmp_path, html, CONTRACTS)
    assert codes(report) == ["LC001"]
    [finding] = report.findings
    assert finding.account == "H&R Blockworks"


def test_a_link_to_the_company_backs_a_name_written_differently(tmp_path: Path) -> None:
    html = """<section class="testimonials"><h2>Testimonials</h2>
    <figure><blockquote>"Setup took an afternoon."</blockquote>
    <figcaption>Sam Lee, CFO at <a href="https://www.hrblockworks.example/">HRB Works</a></figcaption>
    </figure></section>"""
    report = scan_snippet(tmp_path, html, CONTRACTS)
    assert codes(report) == ["LC001"]
    assert report.findings[0].brand == "HRB Works"
