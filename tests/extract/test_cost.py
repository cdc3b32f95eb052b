"""Extraction's Python work follows the candidates on a page, not its word hits.

Marketing copy says "trusted", "teams", "customers", "leading" and
"platform" in every paragraph. (A mention of the product itself, "our
platform", is a candidate claim and is read; these words alone are not.) If a page ten times as long in such copy
cost ten times the Python calls, a real site would be as slow as one
extraction per word. Calls are counted, not timed, so the test holds on a
loaded machine.
"""

from __future__ import annotations

import cProfile
import pstats

from logocheck.config import Settings
from logocheck.extract import ExtractContext, ExtractMemory, extract
from logocheck.model import Page

PARAGRAPH = (
    "<p>Leading teams trust the platform: customers ship faster, trusted reviewers "
    "stay informed, and leading customers plan every rollout with teams across regions. "
    "The platform is trusted by customers who lead.</p>"
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
    sections = "".join(
        f"<section class='copy'><h2>Plan every rollout</h2>{PARAGRAPH * 3}</section>"
        for _ in range(paragraphs)
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
    short, long = _page(10), _page(100)
    assert [logo.src for logo in extract(long, context).logos] == [
        "/logos/globex.svg", "/logos/initech.svg", "/logos/hooli.svg", "/logos/vandelay.svg",
    ]  # fmt: skip
    few, many = _calls(short, context), _calls(long, context)
    assert many < few * 1.5, (few, many)
