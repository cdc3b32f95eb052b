"""Section marks: what each process remembers must never answer for another element.

A site repeats its class names and headings on every page, so their
verdicts are worked out once a process; these tests hold the remembered
answers to the inputs they were given.
"""

from __future__ import annotations

from logocheck.config import Settings
from logocheck.extract import ExtractContext, ExtractMemory, extract
from logocheck.extract.sections import SectionVocab
from logocheck.model import Page
from logocheck.vocab import load_vocab


def _vocab() -> SectionVocab:
    return SectionVocab(load_vocab("sections", {}))


def test_a_class_value_seen_again_is_answered_from_memory() -> None:
    vocab = _vocab()
    first = vocab.tokens("customer-logos")
    assert vocab.tokens("customer-logos") == first == ("customer", 2)
    assert vocab._tokened.cache_info().hits == 1


def test_each_class_value_keeps_its_own_verdict() -> None:
    vocab = _vocab()
    assert vocab.tokens("customer-logos") == ("customer", 2)
    assert vocab.tokens("partner-logos") == ("not", 2)
    assert vocab.tokens("logos") == ("customer", 1)
    assert vocab.tokens("footer-links") is None


def test_a_heading_is_judged_again_for_other_product_names() -> None:
    vocab = _vocab()
    heading = "Engineering teams run on Fluxboard"
    assert vocab.judge(heading, frozenset({"fluxboard"})) == ("customer", False)
    assert vocab.judge(heading, frozenset({"acme"})) == (None, False)
    assert vocab.judge(heading) == (None, False)


def test_a_heading_seen_on_an_earlier_page_does_not_mark_another() -> None:
    context = ExtractContext.build((), Settings({}))
    memory = ExtractMemory()

    def logos(heading: str, *names: str) -> list[str | None]:
        images = "".join(f"<li><img src='/logos/{n}.svg' alt='{n}'></li>" for n in names)
        html = f"<html><body><section><h2>{heading}</h2><ul>{images}</ul></section></body></html>"
        found = extract(Page(url="/", body=html.encode()), context, memory)
        return [logo.src for logo in found.logos]

    assert logos("Trusted by", "globex") == ["/logos/globex.svg"]
    assert logos("Our partners", "globex", "hooli") == []
    assert logos("Trusted by", "hooli") == ["/logos/hooli.svg"]
    assert context.sections._judged.cache_info().hits


def test_a_wall_recalled_from_an_earlier_page_is_judged_by_this_pages_site_names() -> None:
    """A site that calls itself Hooli on one page does not count Hooli's logo there."""
    context = ExtractContext.build((), Settings({}))
    memory = ExtractMemory()
    wall = (
        "<section><h2>Trusted by</h2><ul>"
        "<li><img src='/logos/globex.svg' alt='Globex'></li>"
        "<li><img src='/logos/hooli.svg' alt='Hooli'></li></ul></section>"
    )

    def logos(site_name: str) -> list[str | None]:
        html = (
            f"<html><head><meta property='og:site_name' content='{site_name}'></head>"
            f"<body>{wall}</body></html>"
        )
        found = extract(Page(url="/", body=html.encode()), context, memory)
        return sorted(logo.src or "" for logo in (*found.logos, *found.repeated))

    assert logos("Fluxboard") == ["/logos/globex.svg", "/logos/hooli.svg"]
    assert logos("Hooli") == ["/logos/globex.svg"]
    assert logos("Fluxboard") == ["/logos/globex.svg", "/logos/hooli.svg"]
