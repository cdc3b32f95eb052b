"""A first page through extract(): logos in a customer section, claims around them."""

from __future__ import annotations

from logocheck.config import Settings
from logocheck.extract import ExtractContext, extract
from logocheck.model import Page

PAGE = b"""<!doctype html>
<html><head><title>Acme | Data platform</title></head>
<body>
<header><a href="/"><img src="/img/acme-logo.svg" alt="Acme"></a></header>
<section><h2>Trusted by the best teams</h2>
  <div class="logo-grid">
    <a href="https://globex.com"><img src="/img/spinner.gif" data-src="/img/globex.png" alt="Globex"></a>
    <!-- <img src="/img/hidden.png" alt="Hidden Co"> -->
  </div>
</section>
<section><h2>Our partners</h2><img src="/img/partner.png" alt="Partner Co"></section>
<figure><blockquote>Acme cut our reporting time from days to minutes.</blockquote>
<figcaption>Jane Doe, CTO at Hooli</figcaption></figure>
<p>Globex uses Acme to ship twice as fast.</p>
</body></html>
"""


def test_logos_and_claims_of_a_simple_page() -> None:
    context = ExtractContext.build(["Globex", "Hooli"], Settings())
    found = extract(Page(url="/", body=PAGE, file="site/index.html"), context)
    assert [logo.src for logo in found.logos] == ["/img/globex.png"]
    assert found.logos[0].location.line == 7
    assert found.logos[0].link == "https://globex.com"
    kinds = [(claim.kind, claim.brands) for claim in found.claims]
    assert kinds == [("testimonial", ("Hooli",)), ("named-user", ("Globex",))]
