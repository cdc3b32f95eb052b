"""The card around a quote: its parent only when the parent is small and quotes nothing else."""

from __future__ import annotations

from lxml import etree

from logocheck.extract.testimonials import _quote_card


def _quote_and_parent(markup: str) -> tuple[etree._Element, etree._Element]:
    root = etree.HTML(markup)
    quote = next(root.iter("blockquote"))
    parent = quote.getparent()
    assert parent is not None
    return quote, parent


def test_a_small_parent_with_one_quote_is_the_card() -> None:
    quote, parent = _quote_and_parent(
        "<div class=c><blockquote>Fluxboard runs our billing.</blockquote><p>Jane, Globex</p></div>"
    )
    assert _quote_card(quote) is parent


def test_a_small_parent_with_another_quote_is_not_the_card() -> None:
    quote, _ = _quote_and_parent(
        "<div><blockquote>One quote here.</blockquote><p><q>Another quote</q></p></div>"
    )
    assert _quote_card(quote) is quote


def test_a_parent_with_more_than_four_children_is_not_the_card() -> None:
    """Whatever else it holds: with five children it is a block of content."""
    for extra in ("", "<q>Another quote</q>"):
        quote, _ = _quote_and_parent(
            f"<div><h2>Notes</h2><p>a</p><p>b</p><p>c{extra}</p>"
            "<blockquote>A quote in a block of content.</blockquote></div>"
        )
        assert _quote_card(quote) is quote
