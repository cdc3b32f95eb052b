"""Claims: named users, testimonials, case studies and counts, and prose that is none."""

from __future__ import annotations

import json

import pytest

from logocheck.config import Settings
from logocheck.extract import ExtractContext, extract
from logocheck.model import Page
from tests.extract.harness import PAGE, run


def kinds(html: str, **options: object) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.kind, c.brands) for c in run(html, **options).claims]  # type: ignore[arg-type]


def test_named_users_in_their_usual_forms() -> None:
    assert kinds("<p>Globex chose Acme over three vendors.</p>") == [("named-user", ("Globex",))]
    assert kinds("<p>Companies like Initech and Hooli trust us.</p>") == [
        ("named-user", ("Initech", "Hooli"))
    ]
    assert kinds("<p>Join Massive Dynamic, Oscorp and 3,000 others.</p>") == [
        ("named-user", ("Massive Dynamic", "Oscorp"))
    ]


def test_a_join_claim_is_read_where_the_text_says_it_whatever_lowercasing_does_before() -> None:
    # "İ" lowercases to two characters: offsets in the lowercased text run one ahead
    html = "<p>İzmir ekibi.</p><p>Join Massive Dynamic, Oscorp and 3,000 others.</p>"
    assert kinds(html) == [("named-user", ("Massive Dynamic", "Oscorp"))]


def test_known_brands_are_named_as_the_page_writes_them() -> None:
    found = kinds("<p>Engineers at DUNDER MIFFLIN rely on Acme.</p>", names=["Dunder Mifflin"])
    assert found == [("named-user", ("DUNDER MIFFLIN",))]


def test_prose_about_brands_is_not_a_claim() -> None:
    post = (
        "<article><p>Globex announced a new office. Umbrella Corporation uses Kubernetes.</p>"
        "<blockquote><p>Premature optimization is the root of all evil.</p></blockquote>"
        "<p>We surveyed 400 companies about their stacks.</p></article>"
    )
    assert kinds(post, url="/blog/2024/a-post/") == []


def test_testimonial_citations() -> None:
    cards = (
        '<section class="testimonials"><h2>What customers say</h2>'
        "<figure><blockquote>Acme halved our close.</blockquote>"
        "<figcaption>Jane Doe, CTO at Hooli</figcaption></figure>"
        "<blockquote><p>We ship weekly now, not quarterly.</p>"
        "<footer>— Art Vandelay, <cite>Vandelay Industries</cite></footer></blockquote>"
        '<div class="card"><p>“Setup took an afternoon, not a quarter.”</p>'
        "<p>Lisa Nakamura · Director of Finance · Nakatomi Trading</p></div></section>"
    )
    assert kinds(cards) == [
        ("testimonial", ("Hooli",)),
        ("testimonial", ("Vandelay Industries",)),
        ("testimonial", ("Nakatomi Trading",)),
    ]


def test_a_malformed_link_in_a_testimonial_is_one_bad_link_not_a_bad_page() -> None:
    card = (
        "<figure><blockquote>Acme halved the time our close takes.</blockquote>"
        '<figcaption>Jane Doe, CTO at Hooli <a href="http://[::1">site</a></figcaption></figure>'
    )
    found = run(card, names=["Hooli"])
    assert found.problems == ()
    assert [(c.kind, c.brands) for c in found.claims] == [("testimonial", ("Hooli",))]


def test_testimonial_named_only_by_a_logo() -> None:
    card = (
        '<section><h2>Customers love Acme</h2><div class="quote">'
        "<blockquote>Acme is the only tool legal approved without a meeting.</blockquote>"
        '<img src="/l/oscorp.svg" alt="Oscorp logo"></div></section>'
    )
    assert kinds(card) == [("testimonial", ("Oscorp",))]


def test_json_ld_reviews() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "review": [
            {
                "@type": "Review",
                "reviewBody": "Acme gave our dispatchers one view of the port.",
                "author": {
                    "@type": "Person",
                    "worksFor": {"@type": "Organization", "name": "Globex"},
                },
            }
        ],
    }
    html = f'<script type="application/ld+json">{json.dumps(data)}</script><p>Hello.</p>'
    assert kinds(html) == [("testimonial", ("Globex",))]


def test_case_study_page_and_cards() -> None:
    page = "<h1>How Wonka cut waste by 40%</h1><p>Wonka Industries makes sweets.</p>"
    assert kinds(page, url="/customers/wonka/", title="How Wonka cut waste | Acme") == [
        ("case-study", ("Wonka",))
    ]
    card = (
        '<div class="card"><h3>Tyrell documents 4,000 services</h3>'
        '<a href="/case-studies/tyrell-corp/">Read the story</a></div>'
    )
    assert kinds(card) == [("case-study", ("Tyrell",))]


def test_counts_keep_number_and_noun() -> None:
    found = run("<p>Trusted by over 10,000+ customers and 1.2M developers.</p>").claims
    assert [(c.kind, c.count, c.noun) for c in found] == [
        ("count", 10_000, "customers"),
        ("count", 1_200_000, "developers"),
    ]


def test_plan_limits_and_statistics_are_not_counts() -> None:
    html = "<ul><li>Up to 10,000 submissions a month</li><li>Used by 5 users or more</li></ul>"
    assert run(html).claims == ()


def test_an_unreadable_page_is_a_problem_not_an_exception() -> None:
    from logocheck.config import Settings
    from logocheck.extract import ExtractContext, extract

    context = ExtractContext.build([], Settings())
    found = extract(Page(url="/empty/", body=b"", file="site/empty/index.html"), context)
    assert found.logos == () and found.claims == ()
    assert [p.kind for p in found.problems] == ["fetch"]
    assert found.problems[0].location.file == "site/empty/index.html"


FLUX = {"title": "Home | Fluxboard"}


def claims_of(html: str, **options: object) -> list[tuple[str, tuple[str, ...], str]]:
    found = run(html, **{**FLUX, **options}).claims  # type: ignore[arg-type]
    return [(c.kind, c.brands, c.method) for c in found]


@pytest.mark.parametrize(
    ("sentence", "brand"),
    [
        ("Globex leverages Fluxboard to power real-time analytics.", "Globex"),
        ("Initech harnesses Fluxboard for fraud detection.", "Initech"),
        ("Hooli utilizes Fluxboard across forty teams.", "Hooli"),
        ("Vandelay employs Fluxboard in its warehouse.", "Vandelay"),
        ("Umbrella runs on Fluxboard.", "Umbrella"),
        ("Last year Soylent switched to Fluxboard.", "Soylent"),
        ("Tyrell migrated its data warehouse to Fluxboard in 2022.", "Tyrell"),
        ("Wonka standardised on Fluxboard for every plant.", "Wonka"),
        ("Oscorp adopted Fluxboard in 2021.", "Oscorp"),
        ("Cyberdyne has been using Fluxboard since 2019.", "Cyberdyne"),
    ],
)
def test_any_verb_of_use_makes_a_named_user_claim(sentence: str, brand: str) -> None:
    assert claims_of(f"<p>{sentence}</p>") == [("named-user", (brand,), "sentence")]


def test_appositives_and_long_subjects() -> None:
    retailer = "<p>Globex, the world's largest retailer, uses a fork of Fluxboard to ship.</p>"
    assert claims_of(retailer) == [("named-user", ("Globex",), "sentence")]
    team = "<p>The Initech data team uses Fluxboard every day.</p>"
    assert claims_of(team) == [("named-user", ("Initech",), "sentence")]
    relative = "<p>Hooli, which processes a billion events a day, relies on Fluxboard.</p>"
    assert claims_of(relative) == [("named-user", ("Hooli",), "sentence")]


def test_lists_in_passive_and_introductory_prose() -> None:
    among = (
        "<p>Today, Fluxboard is used by thousands of companies around the world. "
        "Among these are Globex, Initech, Hooli and Vandelay.</p>"
    )
    found = claims_of(among)
    assert ("named-user", ("Globex", "Initech", "Hooli", "Vandelay"), "sentence") in found
    including = "<p>Fluxboard is used by companies including Massive Dynamic and Aperture.</p>"
    assert claims_of(including) == [("named-user", ("Massive Dynamic", "Aperture"), "sentence")]
    such_as = "<p>Our customers such as Duff, Monarch and Virtucon ship faster.</p>"
    assert claims_of(such_as) == [("named-user", ("Duff", "Monarch", "Virtucon"), "sentence")]
    passive = "<p>Fluxboard is used by Hooli, Vandelay and Umbrella.</p>"
    assert claims_of(passive) == [("named-user", ("Hooli", "Vandelay", "Umbrella"), "sentence")]
    ranged = "<p>Fluxboard is trusted by everyone from Nakatomi to Gringotts.</p>"
    assert claims_of(ranged) == [("named-user", ("Nakatomi", "Gringotts"), "sentence")]


@pytest.mark.parametrize(
    "prose",
    [
        "Fluxboard is faster than Globex and cheaper than Initech.",  # comparison
        "Unlike Globex, Fluxboard never charges per seat.",  # comparison
        "Fluxboard vs Initech: which one should you choose?",  # competitor
        "Fluxboard integrates with Hooli, Vandelay and Umbrella.",  # integrations
        "Migrate from Globex to Fluxboard in an afternoon.",  # migration away from X
        "Globex migrated from Fluxboard to a home-grown tool.",  # migration away from us
        "Companies like Globex have struggled with data silos for years.",  # prose
        "Globex doesn't use Fluxboard.",  # negated
        "Globex uses Kubernetes for its batch jobs.",  # not the product
    ],
)
def test_a_brand_in_prose_without_a_claim_of_use_is_not_a_claim(prose: str) -> None:
    assert claims_of(f"<p>{prose}</p>") == []


def test_a_press_quote_is_not_a_testimonial() -> None:
    press = (
        "<section><h2>In the press</h2><blockquote>“Fluxboard is the hottest startup of "
        "the year, and Globex uses it.” — TechDaily</blockquote></section>"
    )
    assert [kind for kind, _, _ in claims_of(press)] == []


def test_a_blog_post_naming_brands_is_not_a_claim() -> None:
    post = (
        "<article><h1>Five data trends</h1><p>Globex announced a merger with Initech. "
        "Hooli compared Fluxboard with two other tools.</p></article>"
    )
    assert claims_of(post, url="/blog/2024/trends/") == []


def test_a_card_of_logo_and_text_claims_the_logos_brand() -> None:
    grid = (
        '<section><h2>Powered by Fluxboard</h2><ul class="grid">'
        '<li><img src="/l/globex.svg" alt="Globex"><p>Fluxboard is used in their ingestion '
        "pipeline.</p></li>"
        '<li><img src="/l/initech.svg" alt="Initech logo"><p>They moved billing to Fluxboard '
        "in 2021.</p></li>"
        '<li><img src="/l/hooli.svg" alt="Hooli"><p>Hooli cut reporting time in half.</p>'
        '<a href="/customers/hooli/">Read the story</a></li></ul></section>'
    )
    assert claims_of(grid) == [
        ("named-user", ("Globex",), "card"),
        ("named-user", ("Initech",), "card"),
        ("case-study", ("Hooli",), "story card"),
    ]


def test_a_bare_logo_wall_makes_no_card_claims() -> None:
    wall = (
        '<section class="logos"><h2>Trusted by</h2><ul><li><img src="/l/a.svg" alt="Globex">'
        '</li><li><img src="/l/b.svg" alt="Initech"></li></ul></section>'
    )
    assert claims_of(wall) == []


def test_testimonial_companies_each_with_its_method() -> None:
    def one(card: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
        [claim] = run(f'<section class="testimonials">{card}</section>', **FLUX).claims  # type: ignore[arg-type]
        return claim.brands, claim.domains, claim.method

    quote = "<blockquote>Fluxboard cut our month-end close from ten days to three.</blockquote>"
    assert one(f"<figure>{quote}<figcaption>Jane Doe, CTO at Globex</figcaption></figure>") == (
        ("Globex",),
        (),
        "citation",
    )
    column = f'<div class="col"><img src="/l/g.svg" alt="Initech logo">{quote}<p>Jane Doe</p></div>'
    assert one(column) == (("Initech",), (), "logo")
    mail = f'<figure>{quote}<figcaption><a href="mailto:sam@hooli.xyz">Sam Lee</a></figcaption></figure>'
    assert one(mail) == ((), ("hooli.xyz",), "email")
    profile = f'<figure>{quote}<figcaption><a href="https://vandelay.com/team/ana">Ana</a></figcaption></figure>'
    assert one(profile) == ((), ("vandelay.com",), "profile-link")
    own = (
        "<figure><blockquote>At Umbrella, we moved every report to Fluxboard in a week."
        "</blockquote><figcaption>Ada, Head of Data</figcaption></figure>"
    )
    assert one(own) == (("Umbrella",), (), "quote")


def test_case_study_pages_and_links() -> None:
    assert claims_of("<h1>Customer story: Globex</h1><p>How a retailer went real-time.</p>") == [
        ("case-study", ("Globex",), "title")
    ]
    assert claims_of("<h1>Initech case study</h1>", url="/resources/initech/") == [
        ("case-study", ("Initech",), "title")
    ]
    link = '<section><h2>Stories</h2><p><a href="/blog/x/">Read the Hooli story</a></p></section>'
    assert claims_of(link) == [("case-study", ("Hooli",), "link")]


@pytest.mark.parametrize(
    ("text", "count", "noun"),
    [
        ("Used by thousands of companies.", 2_000, "companies"),
        ("Trusted by 10,000+ teams.", 10_000, "teams"),
        ("Over 2 million developers rely on Fluxboard.", 2_000_000, "developers"),
        ("Loved by hundreds of customers.", 200, "customers"),
        ("Trusted by tens of thousands of businesses.", 20_000, "businesses"),
        ("Dozens of agencies use Fluxboard.", 24, "agencies"),
        ("Plus de 10\u202f000 clients, © 2024 Fluxboard.", 10_000, "clients"),
        ("Über 12.500 Kunden vertrauen Fluxboard – Seite 3 von 9.", 12_500, "kunden"),
        ("Über 12.500 glückliche Kunden vertrauen Fluxboard.", 12_500, "kunden"),
    ],
)
def test_counts_in_digits_and_in_words(text: str, count: int, noun: str) -> None:
    found = [(c.kind, c.count, c.noun) for c in run(f"<p>{text}</p>", **FLUX).claims]  # type: ignore[arg-type]
    assert found == [("count", count, noun)]


def test_the_product_comes_from_the_scan_not_the_page() -> None:
    from logocheck.config import Settings
    from logocheck.extract import ExtractContext, Products, extract
    from logocheck.model import Page

    products = Products((("Fluxboard", "og:site_name"),))
    context = ExtractContext.build([], Settings(), products)
    body = b"<html><head><title>Powered By</title></head><body><p>Globex runs on Fluxboard.</p>"
    found = extract(Page(url="/powered-by/", body=body), context)
    assert [(c.kind, c.brands) for c in found.claims] == [("named-user", ("Globex",))]


def test_the_verb_lexicon_is_data_extendable_in_config() -> None:
    sentence = "<p>Globex swears by Fluxboard for its board reports.</p>"
    assert claims_of(sentence) == []
    config = {"vocab": {"claims": {"named_user_verbs": ["swears by"]}}}
    assert claims_of(sentence, config=config) == [("named-user", ("Globex",), "sentence")]


def test_other_languages_of_the_vocabulary() -> None:
    assert claims_of("<p>Die Initech AG setzt auf Fluxboard.</p>") == [
        ("named-user", ("Initech AG",), "sentence")
    ]
    assert claims_of("<p>Hooli utilise Fluxboard pour ses rapports.</p>") == [
        ("named-user", ("Hooli",), "sentence")
    ]
    assert claims_of("<p>GlobexはFluxboardを導入しました。</p>") == [
        ("named-user", ("Globex",), "sentence")
    ]


def test_story_cards_on_later_pages_name_their_own_brands() -> None:
    from logocheck.extract.claims import _story_path

    card = '<div class="card"><h3>{} documents 4,000 services</h3><a href="{}">Read the story</a></div>'
    first = kinds(card.format("Tyrell", "/case-studies/tyrell-corp/"))
    again = kinds(card.format("Tyrell", "/case-studies/tyrell-corp/"))
    other = kinds(card.format("Wonka", "/customers/wonka/"))
    assert first == again == [("case-study", ("Tyrell",))]
    assert other == [("case-study", ("Wonka",))]
    assert _story_path("/customers/wonka/") == ("/customers/wonka/", "wonka")
    assert _story_path("/about/") is None
    assert _story_path.cache_info().hits  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "heading", ["Case study: Globex", "CUSTOMER STORY: Globex", "Caſe ſtudy: Globex"]
)
def test_a_story_title_is_read_however_its_letters_are_cased(heading: str) -> None:
    assert kinds(f"<h1>{heading}</h1><p>Globex makes widgets.</p>") == [("case-study", ("Globex",))]


def test_a_title_without_a_story_phrase_is_no_case_study() -> None:
    assert kinds("<h1>Globex: widgets for everyone</h1><p>Hello.</p>") == []


def test_the_words_before_a_mention_are_read_once_a_process() -> None:
    """A footer names the product after the same words on every page: where the
    verb before it starts is worked out on the first page only, and every page
    still gets its claim."""
    context = ExtractContext.build((), Settings())
    vocab = context.claims.named_users
    asked: list[str] = []
    verb_start = vocab.verb_start

    def counted(window: str) -> int | None:
        asked.append(window)
        return verb_start(window)

    vocab.verb_start = counted  # type: ignore[method-assign]
    footer = "<footer><p>Globex and Initech rely on Acme every day.</p></footer>"
    for n in range(3):
        body = PAGE.format(html=f"<p>Page {n}.</p>{footer}", title="Home | Acme").encode()
        found = extract(Page(url=f"/p{n}/", body=body), context)
        assert [c.brands for c in found.claims] == [("Globex", "Initech")]
    assert len(asked) == len(set(asked)) == 1
