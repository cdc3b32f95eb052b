"""Extraction's Python work follows the candidates on a page, not its word hits.

Marketing copy says "trusted", "teams", "customers", "leading" and
"platform" in every paragraph. If a page ten times as long in such copy
cost ten times the Python calls, a real site would be as slow as one
extraction per word. The paragraphs all differ, so nothing is found once
and recalled; a mention of the product itself ("our platform") is a
candidate claim and is read, so the copy has none. Calls are counted, not
timed, so the test holds on a loaded machine.
"""

from __future__ import annotations

import cProfile
import pstats
import random

from logocheck.config import Settings
from logocheck.extract import ExtractContext, ExtractMemory, extract
from logocheck.model import Page

#: Marketing sentences, every one with the vocabulary words; paragraphs pick
#: from them at random, so no two are alike and nothing is found once and recalled.
SENTENCES = (
    "Leading teams trust the platform to ship faster across every region.",
    "Customers rely on trusted reviewers and leading teams to plan each rollout.",
    "The platform is trusted by customers who lead their market.",
    "Enterprise teams and their customers stay informed on a leading platform.",
    "Trusted audit trails help teams and customers move with confidence.",
    "From the first project to the enterprise, leading teams choose a trusted platform.",
)
FOOTER = (
    "<footer><h2>Trusted by leading teams</h2><ul class='logo-wall'>"
    + "".join(
        f"<li><img src='/logos/{n}.svg' alt='{n.title()}'></li>"
        for n in ("globex", "initech", "hooli", "vandelay")
    )
    + "</ul></footer>"
)


def _page(paragraphs: int) -> Page:
    rng = random.Random(paragraphs)
    copy = [" ".join(rng.choices(SENTENCES, k=4)) + f" Plan {n} ships." for n in range(paragraphs)]
    sections = "".join(
        f"<section class='copy'><h2>Plan every rollout</h2><p>{text}</p></section>" for text in copy
    )
    html = (
        "<html><head><title>Docs | Acme</title></head><body><main>"
        f"{sections}</main>{FOOTER}</body></html>"
    )
    return Page(url="/docs/", body=html.encode())


def _calls(page: Page, context: ExtractContext) -> int:
    profile = cProfile.Profile()
    profile.runcall(extract, page, context, ExtractMemory())
    return sum(stats[1] for stats in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]


def test_ten_times_the_marketing_copy_costs_about_the_same_python_calls() -> None:
    context = ExtractContext.build(["Globex", "Initech"], Settings({}))
    short, long = _page(30), _page(300)
    assert [logo.src for logo in extract(long, context).logos] == [
        "/logos/globex.svg", "/logos/initech.svg", "/logos/hooli.svg", "/logos/vandelay.svg",
    ]  # fmt: skip
    few, many = _calls(short, context), _calls(long, context)
    assert many < few * 1.5, (few, many)
