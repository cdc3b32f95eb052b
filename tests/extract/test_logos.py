"""Logo elements as real builders write them, and what is never a customer's logo."""

from __future__ import annotations

import pytest

from logocheck.errors import ConfigError
from logocheck.extract.images import basename, best_candidate
from tests.extract.harness import run, run_page, sources

WALL = '<section><h2>Trusted by</h2><div class="row">{}</div></section>'


@pytest.mark.parametrize(
    ("srcset", "best"),
    [
        ("/a.png 1x, /a@2x.png 2x", "/a@2x.png"),
        ("/s.png 300w,/m.png 600w, /l.png 1200w", "/l.png"),
        (
            "https://x/w_147,h_58,q_85/a.png 1x, https://x/w_294,h_116,q_85/a.png 2x",
            "https://x/w_294,h_116,q_85/a.png",
        ),
        ("data:image/gif;base64,R0lGOD 1x", None),
    ],
)
def test_best_srcset_candidate(srcset: str, best: str | None) -> None:
    assert best_candidate(srcset) == best


def test_file_name_looks_through_image_cdns() -> None:
    assert basename("/_next/image?url=%2Fmedia%2Fglobex.4f2a.png&w=384&q=75") == "globex.4f2a.png"
    assert basename("/uploads/Logo%20Cr%C3%A8me.png?v=2") == "Logo Crème.png"


def test_lazy_attributes_win_over_a_placeholder_src() -> None:
    found = run(WALL.format('<img src="/spinner.gif" data-src="/logos/globex.png" alt="Globex">'))
    assert sources(found) == ["/logos/globex.png"]


def test_data_placeholder_is_never_the_src() -> None:
    img = '<img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" alt="Globex">'
    found = run(WALL.format(img))
    assert sources(found) == [None]
    assert [s.value for s in found.logos[0].signals] == ["Globex"]


def test_noscript_twin_is_one_logo_and_carousel_copies_are_counted() -> None:
    lazy = '<img data-lazy-src="/l/initech.png" src="data:image/gif;base64,R0l" alt="">'
    twin = '<noscript><img src="/l/initech.png" alt=""></noscript>'
    copy = '<img src="/l/hooli.svg" alt="Hooli">'
    found = run(WALL.format(f"<figure>{lazy}{twin}</figure>{copy}{copy}"))
    assert [(logo.src, logo.repeat) for logo in found.logos] == [
        ("/l/initech.png", 1),
        ("/l/hooli.svg", 2),
    ]


def test_blur_up_placeholder_gives_way_to_the_noscript_picture() -> None:
    card = (
        '<div class="gatsby-image-wrapper"><img aria-hidden="true" src="data:image/png;base64,iV">'
        '<noscript><picture><img src="/static/1a/globex.png" alt="Globex"></picture></noscript></div>'
    )
    assert sources(run(WALL.format(card))) == ["/static/1a/globex.png"]


def test_comments_and_templates_are_not_on_the_page() -> None:
    hidden = (
        '<!-- <img src="/l/oscorp.png" alt="Oscorp"> --><template><img src="/l/t.png"></template>'
    )
    assert sources(run(WALL.format(hidden + '<img src="/l/wayne.png" alt="Wayne">'))) == [
        "/l/wayne.png"
    ]


def test_inline_svg_keeps_its_markup_and_text_signals() -> None:
    svg = '<svg viewBox="0 0 9 9" class="logo-pp"><title>Pied Piper</title><path d="M0 0h9"/></svg>'
    logo = run(WALL.format(svg)).logos[0]
    assert logo.src is None and logo.svg is not None and "<path" in logo.svg
    assert ("svg-title", "Pied Piper") in [(s.source, s.value) for s in logo.signals]


def test_background_images_in_links_and_object_embeds() -> None:
    row = (
        '<a href="https://gringotts.example"><span style="background-image:url(/l/g.png)"></span></a>'
        '<object data="/l/u.svg" type="image/svg+xml"></object><embed src="/l/a.svg">'
    )
    found = run(WALL.format(row))
    assert sources(found) == ["/l/g.png", "/l/u.svg", "/l/a.svg"]
    assert ("link-domain", "gringotts.example") in [
        (s.source, s.value) for s in found.logos[0].signals
    ]


@pytest.mark.parametrize(
    "image",
    [
        '<img src="/b/soc2-type-ii.png" alt="SOC 2">',
        '<img src="/b/g2-leader.svg" alt="G2 Leader Winter">',
        '<img src="/p/jane.jpg" class="avatar" alt="Jane Doe">',
        '<img src="https://px.ads.linkedin.com/collect/?pid=1" width="1" height="1" alt="">',
        '<a href="https://twitter.com/acme"><img src="/i/x.svg" alt=""></a>',
        '<a href="/"><img src="/brand/acme-white.svg" alt=""></a>',
    ],
)
def test_badges_avatars_pixels_social_and_own_logo_are_not_logos(image: str) -> None:
    assert run(WALL.format(image)).logos == ()


def test_partner_and_investor_rows_are_not_customer_sections() -> None:
    # on a customers page every logo-like image counts, unless its row says otherwise
    page = (
        '<section><h2>Trusted by</h2><img src="/l/globex.png" alt="Globex"></section>'
        '<section><h2>Technology partners</h2><img src="/l/hooli.svg" alt="Hooli logo"></section>'
        '<section class="investors"><img src="/l/vc.png" alt="Frobozz Ventures logo"></section>'
    )
    assert sources(run(page, url="/customers/")) == ["/l/globex.png"]


def test_images_outside_customer_sections_are_not_logos() -> None:
    assert (
        run('<section><h2>Features</h2><img src="/i/chart.png" alt="Chart"></section>').logos == ()
    )


def test_sections_can_be_marked_by_selector_in_config() -> None:
    page = '<div id="wall"><img src="/l/globex.png" alt="Globex"></div>'
    assert run(page).logos == ()
    config = {"extract": {"customer_sections": ["#wall"]}}
    assert sources(run(page, config=config)) == ["/l/globex.png"]
    walled = WALL.format('<div class="ours"><img src="/l/x.png" alt="X"></div>')
    assert run(walled, config={"extract": {"not_customer_sections": [".ours"]}}).logos == ()


def test_a_bad_selector_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="customer_sections"):
        run("<p>x</p>", config={"extract": {"customer_sections": ["div[["]}})


def test_location_points_at_the_element() -> None:
    snippet = WALL.format('<img src="/l/globex.png" alt="Globex">')
    logo = run(snippet).logos[0]
    assert (logo.location.line, logo.location.column) == (4, snippet.index("<img") + 1)
    assert logo.location.selector.endswith("div.row > img")
    assert logo.location.section == "Trusted by"


def test_a_customer_page_counts_only_logo_like_images() -> None:
    page = (
        '<section class="story"><img src="/i/office.jpg" alt="Our office">'
        "<p>A hundred people work here.</p></section>"
        '<div class="grid"><a href="/customers/globex/"><img src="/l/1.png" alt=""></a></div>'
    )
    assert sources(run(page, url="/customers/")) == ["/l/1.png"]


def test_a_crawled_customer_page_is_one_whatever_its_query() -> None:
    page = '<div class="grid"><a href="/customers/globex/"><img src="/l/1.png" alt=""></a></div>'
    for url in ("https://acme.test/customers", "https://acme.test/customers?industry=retail"):
        assert sources(run(page, url=url, title="Acme")) == ["https://acme.test/l/1.png"], url
    assert sources(run(page, url="https://acme.test/pricing?plan=customers", title="Acme")) == []


def test_a_malformed_url_is_one_bad_link_not_a_bad_page() -> None:
    row = (
        '<img src="http://[::1/x.png" alt="Broken">'
        '<a href="https://[bad"><img src="/l/globex.png" alt="Globex"></a>'
    )
    found = run(WALL.format(row))
    assert found.problems == ()
    assert sources(found) == ["http://[::1/x.png", "/l/globex.png"]


@pytest.mark.parametrize(
    "heading",
    [
        "<h2>Trusted by</h2>",
        "<h2>\n      Trusted\n      by\n    </h2>",
        "<h2>Trusted <span class='accent'>by</span> data teams</h2>",
        "<h2 class='eyebrow'>Loved by\n  <em>builders</em></h2>",
        "<h2>Trusted<br>by the best teams</h2>",
    ],
)
def test_a_heading_phrase_split_by_markup_or_line_breaks_still_marks_the_section(
    heading: str,
) -> None:
    html = (
        f'<section>{heading}<div class="row"><img src="/l/wayne.png" alt="Wayne"></div></section>'
    )
    assert sources(run(html)) == ["/l/wayne.png"]


def test_a_customer_page_is_told_by_its_h1_else_its_og_title_else_its_title() -> None:
    grid = '<div class="grid"><img src="/l/1.png" alt="Globex logo"></div>'
    og = '<meta property="og:title" content="{}">'
    cases = [
        ("<h1>Our customers</h1>", "<title>Pricing</title>", ["/l/1.png"]),
        ("<h1>Pricing</h1>", og.format("Customers") + "<title>Customers</title>", []),
        ("", og.format("Customer stories") + "<title>Pricing</title>", ["/l/1.png"]),
        ("", og.format("Pricing") + "<title>Customers</title>", []),  # og:title before <title>
        ("", "<title>Customers</title>", ["/l/1.png"]),
    ]
    for h1, head, expected in cases:
        body = f"<html><head>{head}</head><body><main>{h1}{grid}</main></body></html>"
        assert sources(run_page(body.encode(), url="/about/")) == expected, (h1, head)
