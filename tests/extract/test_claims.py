"""Claims: named users, testimonials, case studies and counts, and prose that is none."""

from __future__ import annotations

import json

from logocheck.model import Page
from tests.extract.harness import run


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
