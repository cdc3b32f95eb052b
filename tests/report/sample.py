"""A small hand-built Report that the format tests render."""

from __future__ import annotations

from logocheck.model import (
    Account,
    Claim,
    Finding,
    Location,
    Logo,
    Match,
    Reason,
    Report,
    Signal,
    Subject,
    Summary,
)

HOME = Location("/", "site/index.html", 12, 5, "section.logos > img:nth-child(2)", "Trusted by")
PRICING = Location(
    "/pricing/", "site/pricing/index.html", 40, 9, "blockquote", "What our customers say"
)
HOOLI = Account("Hooli", "free", Reason("free plan", "plan 'Free'"), line=4)


def sample_report() -> Report:
    logo = Logo(HOME, "/img/hooli.png", (Signal("alt", "Hooli"),))
    claim = Claim(PRICING, "testimonial", "Great tool. — Gavin, CEO at Hooli", ("Hooli",))
    match = Match("Hooli", "alt", 0.9, (Signal("alt", "Hooli", 0.9),))
    subjects = (
        Subject("logo", HOME, match, HOOLI, logo, pages=3),
        Subject("claim", PRICING, Match("Hooli", "text", 0.9), HOOLI, claim),
    )
    findings = (
        Finding(
            "LC001",
            "error",
            "Hooli is free",
            HOME,
            "logo",
            "Hooli",
            "Hooli",
            "free",
            (("method", "alt"),),
            pages=3,
        ),
        Finding(
            "LC006",
            "warning",
            "a logo could not be identified",
            HOME.__class__("/", "site/index.html", 14, 5),
        ),
        Finding("LC001", "error", "Hooli is free", PRICING, "claim", "Hooli", "Hooli", "free"),
    )
    return Report(findings, subjects, Summary(pages=2, logos=1, claims=1), target="site")
