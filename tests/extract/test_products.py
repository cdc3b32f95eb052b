"""The site's product names, learned once per scan from its first pages."""

from __future__ import annotations

import json
from pathlib import Path

from logocheck.extract.products import learn
from logocheck.model import Page
from logocheck.pipeline import ScanOptions, scan
from logocheck.report.records import claim_record, summary_record


def page(url: str, title: str, head: str = "", body: str = "") -> Page:
    html = f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"
    return Page(url=url, body=html.encode("utf-8"))


def test_the_title_segment_most_pages_share() -> None:
    pages = [
        page("/", "Fluxboard | Real-time dashboards"),
        page("/pricing/", "Pricing | Fluxboard"),
        page("/blog/", "Blog – Fluxboard"),
        page("/powered-by/", "Powered By"),
    ]
    assert learn(pages).names == ("Fluxboard",)


def test_site_name_header_logo_host_config_and_short_forms() -> None:
    head = '<meta property="og:site_name" content="Apache Fluxboard">'
    logo = '<header><a href="/"><img src="/logo.svg" alt="Fluxboard Cloud logo"></a></header>'
    pages = [
        page("https://www.fluxboard.io/", "Welcome", head, logo),
    ]
    learned = learn(pages, ["FlxB"], generic=["cloud", "welcome"])
    assert learned.names == (
        "FlxB",
        "Apache Fluxboard",
        "Fluxboard",
        "Fluxboard Cloud",
        "fluxboard",
    )
    short = "Fluxboard (short form of Apache Fluxboard, short form of Fluxboard Cloud)"
    assert short in learned.described()
    assert "fluxboard (host name)" in learned.described()


def test_the_json_summary_shows_what_was_learned(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "pricing").mkdir(parents=True)
    (site / "index.html").write_text(page("/", "Home | Fluxboard").body.decode(), "utf-8")
    pricing = page("/", "Pricing | Fluxboard", body="<p>Globex runs on Fluxboard.</p>")
    (site / "pricing" / "index.html").write_text(pricing.body.decode(), "utf-8")
    report = scan(str(site), None, ScanOptions(jobs=1))
    summary = json.loads(json.dumps(summary_record(report)))
    assert summary["products"] == ["Fluxboard (title)"]
    assert [claim_record(s)["brand"] for s in report.subjects if s.kind == "claim"] == ["Globex"]
