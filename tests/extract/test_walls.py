"""Real-world logo walls: every customer logo found, nothing else taken.

Each test reproduces a kind of page seen on real marketing sites where
logos were missed or noise was taken for a logo.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from logocheck.config import Settings
from logocheck.pipeline import ScanOptions, scan
from tests.extract.harness import run, run_page, sources


def _wall(heading: str, *files: str, attrs: str = "", folder: str = "/img/logos") -> str:
    images = "".join(f'<li><img src="{folder}/{f}" alt=""></li>' for f in files)
    return f"<section {attrs}><h2>{heading}</h2><ul>{images}</ul></section>"


@pytest.mark.parametrize(
    "heading",
    [
        "Fast-growing companies choose Acme.",
        "Engineering teams run on Acme",
        "Thousands of startups are built with Acme",
        "Acme is used by the best product teams",
        "Companies using Acme",
        "Why leading retailers switched to Acme",
        "The world's most innovative companies build with Acme",
    ],
)
def test_a_heading_linking_companies_to_the_product_is_a_customer_section(heading: str) -> None:
    found = run(_wall(heading, "globex.png", "initech.png", "hooli.png"))
    assert sources(found) == [
        "/img/logos/globex.png",
        "/img/logos/initech.png",
        "/img/logos/hooli.png",
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "Acme ships with a CLI",
        "Our engineers built Acme in Rust",
        "Companies outgrow spreadsheets. Acme does not",
        "Partners: agencies that build with Acme",
    ],
)
def test_a_heading_about_something_else_is_not(heading: str) -> None:
    assert run(_wall(heading, "globex.png", "initech.png")).logos == ()


@pytest.mark.parametrize("space", ["\t", "\x0c", "\x0b"])
def test_a_heading_spaced_by_other_whitespace_between_its_words_is_found(space: str) -> None:
    heading = f"<span>Trusted</span>{space}<span>by</span> leading teams"
    assert len(run(_wall(heading, "globex.png", "initech.png", folder="/img")).logos) == 2


def test_a_heading_the_pages_encoding_cannot_spell_is_found_from_its_references() -> None:
    heading = "".join(f"&#{ord(c)};" for c in "導入実績")  # a Latin-1 page writes it so
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body>'
        + _wall(heading, "globex.png", "initech.png", folder="/img")
        + "</body></html>"
    )
    assert sources(run_page(page.encode("iso-8859-1"))) == ["/img/globex.png", "/img/initech.png"]


@pytest.mark.parametrize(
    ("heading", "folder"),
    [
        ("導入実績", "/img/partners"),
        ("利用実績", "/img/partners"),
        ("主要取引先", "/img"),
        ("客户案例", "/img"),
        ("合作客户", "/img"),
        ("고객사", "/img"),
        ("Ils nous font confiance", "/images/partenaires"),
        ("Sie vertrauen uns", "/bilder/partner"),
        ("Confían en nosotros", "/img/socios"),
    ],
)
def test_walls_in_other_languages_are_found_whatever_the_folder(heading: str, folder: str) -> None:
    found = run(_wall(heading, "globex.png", "initech.png", folder=folder))
    assert len(found.logos) == 2, heading


def test_a_mixed_customers_and_partners_heading_is_a_customer_section_flagged_mixed() -> None:
    for heading in ("利用実績・提携法人", "Our customers and partners"):
        found = run(_wall(heading, "globex.png", "initech.png", attrs='class="partners"'))
        assert len(found.logos) == 2, heading
        sections = [s.value for logo in found.logos for s in logo.signals if s.source == "section"]
        assert sections and all("mixed" in value for value in sections)


def test_a_visible_heading_outranks_a_partner_class() -> None:
    html = '<div class="partners-logos"><h2>Our clients</h2><img src="/p/globex.png" alt="Globex"></div>'
    assert sources(run(html)) == ["/p/globex.png"]


def test_social_networks_on_a_customer_wall_are_customers() -> None:
    html = (
        '<section><h2>Trusted by</h2><div class="logos">'
        '<a href="https://www.youtube.com/"><img src="/l/video.svg" alt="YouTube"></a>'
        '<img src="/l/network.svg" alt="LinkedIn">'
        '<img src="/l/globex.svg" alt="Globex"></div></section>'
    )
    assert sources(run(html)) == ["/l/video.svg", "/l/network.svg", "/l/globex.svg"]


def test_social_icons_linking_to_profiles_are_not_logos() -> None:
    html = (
        '<section><h2>Trusted by</h2><div class="logos"><img src="/l/globex.svg" alt="Globex">'
        '<div class="share"><a href="https://twitter.com/intent/tweet?url=x">'
        '<img src="/i/tw.svg" alt="Twitter" width="20" height="20"></a></div>'
        '<a href="https://www.linkedin.com/company/acme"><img src="/i/in.svg" alt="LinkedIn"></a>'
        "</div></section>"
    )
    assert sources(run(html)) == ["/l/globex.svg"]


@pytest.mark.parametrize("name", ["pixelforge.png", "spacer-corp.png", "blankcheck.png"])
def test_companies_named_like_pixels_are_kept(name: str) -> None:
    found = run(_wall("Trusted by", name, "globex.png"))
    assert sources(found) == [f"/img/logos/{name}", "/img/logos/globex.png"]


def test_tracking_pixels_are_dropped_by_size_and_host() -> None:
    html = _wall("Trusted by", "globex.png").replace(
        "</ul>",
        '<img src="https://px.tracker.example/p.gif" width="1" height="1" alt="">'
        '<img src="https://www.facebook.com/tr?id=1&ev=PageView" alt=""></ul>',
    )
    assert sources(run(html)) == ["/img/logos/globex.png"]


def test_headshots_in_testimonial_and_tweet_cards_are_not_logos() -> None:
    html = (
        '<section><h2>Loved by teams</h2><div class="grid">'
        '<div class="card"><img src="/l/globex.svg" alt="Globex"><p>"Acme saved us hours."</p>'
        '<div class="meta"><img src="/media/jane.png" alt="Jane Roe"><span>Jane Roe</span>'
        "<span>CTO, Globex</span></div></div>"
        '<div class="card"><img src="/media/sam.png" alt="Jane Roe recommends Fluxboard">'
        "<p>Fluxboard is the best thing I installed this year</p><span>@samdoe</span></div>"
        "</div></section>"
    )
    assert sources(run(html)) == ["/l/globex.svg"]


def test_screenshots_in_a_case_study_article_are_not_logos() -> None:
    figures = "".join(
        f'<p>Step {i} of the rollout went well.</p><figure><img src="/img/globex_{i}.png" alt="">'
        f"<figcaption>Dashboard {i}</figcaption></figure>"
        for i in range(1, 9)
    )
    html = (
        '<article><img class="story-logo" src="/img/globex-logo.svg" alt="Globex">'
        f"<h1>How Globex cut reporting time in half</h1>{figures}</article>"
    )
    found = run(html, url="/customers/globex/", title="Globex | Acme")
    assert sources(found) == ["/img/globex-logo.svg"]


def test_feature_icons_inside_a_client_logos_section_are_not_logos() -> None:
    card = '<div class="card"><img src="/icons/{0}.svg" alt=""><h3>{0}</h3><p>{1}</p></div>'
    text = "Set it up once and let the rules run on every deploy for you."
    html = (
        '<section class="client-logos"><h2>Trusted by</h2><div class="row">'
        '<img src="/l/globex.svg" alt="Globex"><img src="/l/initech.svg" alt="Initech"></div>'
        f'<div class="features">{card.format("Automate", text)}{card.format("Insights", text)}</div>'
        "</section>"
    )
    assert sources(run(html)) == ["/l/globex.svg", "/l/initech.svg"]


def test_the_sites_own_mark_is_never_a_customer_logo() -> None:
    html = _wall("Trusted by", "globex.png").replace(
        "</ul>", '<li><img src="/brand/acme-mark.svg" alt="Acme"></li></ul>'
    )
    assert sources(run(html)) == ["/img/logos/globex.png"]


def test_badges_drawn_as_inline_svg_or_images_are_not_logos() -> None:
    html = (
        '<section><h2>Trusted by</h2><div class="logos"><img src="/l/globex.svg" alt="Globex">'
        '<svg viewBox="0 0 10 10"><title>SOC 2 Type II</title><path d="M0 0h10v10z"/></svg>'
        '<svg viewBox="0 0 90 40"><rect width="90" height="40"/><text x="4" y="14">SOC 2</text>'
        '<text x="4" y="30">TYPE II</text></svg>'
        '<img src="/b/x1.svg" alt="Leader Winter 2024">'
        '<img src="/b/iso.png" alt="ISO 27001 certified">'
        '<a href="https://www.g2.com/products/acme"><img src="/b/x.svg" alt="Reviews"></a>'
        "</div></section>"
    )
    assert sources(run(html)) == ["/l/globex.svg"]


@pytest.mark.parametrize("alt", ["Coming soon", "Your logo here"])
def test_placeholders_are_not_logos(alt: str) -> None:
    html = _wall("Trusted by", "globex.png").replace(
        "</ul>", f'<li><img src="/img/slot.png" alt="{alt}"></li></ul>'
    )
    assert sources(run(html)) == ["/img/logos/globex.png"]


def test_photos_whose_alt_is_a_tagline_or_layout_word_are_not_logos() -> None:
    html = (
        '<section><h2>Customer stories</h2><div class="grid">'
        '<a href="/customers/initech"><img src="/img/initech-store.jpg" alt="Initech Commercial LED Seller">'
        '<img src="/l/initech.svg" alt="Initech"></a>'
        '<a href="/customers/globex"><img src="/img/globex-office.jpg" alt="wide">'
        '<img src="/l/globex.svg" alt="Globex"></a></div></section>'
    )
    assert sources(run(html)) == ["/l/initech.svg", "/l/globex.svg"]


def test_one_picture_of_a_whole_wall_is_one_composite_logo() -> None:
    html = '<section><h2>Loved by customers worldwide</h2><img src="/img/customer-logos-strip.png" alt=""></section>'
    found = run(html)
    assert [(logo.src, logo.element) for logo in found.logos] == [
        ("/img/customer-logos-strip.png", "composite")
    ]


def test_a_finding_in_a_mixed_section_says_so(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    wall = _wall("Our customers and partners", "vandelay.png").replace('alt=""', 'alt="Vandelay"')
    (site / "index.html").write_text(f"<html><body>{wall}</body></html>", encoding="utf-8")
    contracts = tmp_path / "contracts.csv"
    contracts.write_text("account,plan,status\nGlobex,Enterprise,active\n", encoding="utf-8")
    options = ScanOptions(settings=Settings({"identify": {"images": False}}), jobs=1)
    report = scan(str(site), contracts, options)
    messages = [f.message for f in report.findings if f.code == "LC005"]
    assert messages and "mixes customers and partners" in messages[0]


@pytest.mark.parametrize(
    "alt", ["Sirius Cybernetics Corp.", "Ferrocarriles del Sur", "Bank of Zenith"]
)
def test_names_with_dots_and_joining_words_are_not_sentences(alt: str) -> None:
    html = f'<section><h2>Trusted by</h2><img src="/l/x.png" alt="{alt}"></section>'
    assert sources(run(html)) == ["/l/x.png"]
