"""Where customer sections may start: the linking sentences around the product
and the media within a label's reach."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from logocheck.config import Settings
from logocheck.extract import ExtractContext, anchors
from logocheck.extract.anchors import _usage_spans
from logocheck.extract.document import Document, parse, text_content
from logocheck.model import Page
from logocheck.recent import Recent

USAGE = ExtractContext.build([], Settings()).sections.usage
PRODUCTS = frozenset({"fluxboard"})


def spans(labels: str, read: Recent[tuple[bytes, int, int], tuple[int, ...]] | None) -> list[str]:
    lower = f" {labels} ".lower().encode("utf-8")
    return [lower[a:b].decode() for a, b in _usage_spans(lower, USAGE, PRODUCTS, read)]


def test_a_linking_sentence_is_found_the_same_with_or_without_the_memory() -> None:
    read: Recent[tuple[bytes, int, int], tuple[int, ...]] = Recent(8)
    pages = [
        "Pricing Fast-growing companies choose Fluxboard © 2024",
        "About Read the Fluxboard docs © 2024",
        "Pricing Fast-growing companies choose Fluxboard © 2024",
        "Blog Pricing Fast-growing companies choose Fluxboard © 2024",
        "Careers Fluxboard is trusted by the best teams",
        "About Read the Fluxboard docs © 2024",
    ]
    for labels in pages:
        assert spans(labels, read) == spans(labels, None)
    assert spans(pages[0], read) == ["companies choose fluxboard"]
    assert spans(pages[1], read) == []
    assert len(read) == 4


def _near_by_every_start(markup: bytes, position: int) -> bool:
    """``_Media.near`` answered the slow way: a search for each media literal
    that must start in the reach (end before ``high`` plus its length)."""
    low = max(0, position - anchors._MEDIA_BEFORE + 1)
    high = position + anchors._MEDIA_AFTER + 1
    literals = (*anchors._Media._TAGS, anchors._Media._QUOTE)
    return any(markup.find(literal, low, high + len(literal) - 1) >= 0 for literal in literals)


@pytest.mark.parametrize("media", [b"<img src='a.svg'>", b"<q>", b"<blockquote>", "“".encode()])
def test_media_is_near_exactly_within_a_labels_reach(media: bytes) -> None:
    position = 2 * anchors._MEDIA_BEFORE
    low, high = position - anchors._MEDIA_BEFORE + 1, position + anchors._MEDIA_AFTER + 1
    answers = []
    for start in (low - 2, low - 1, low, low + 1, high - 2, high - 1, high, high + 1):
        filler = bytearray(b"<p>xx" * (high // 5 + 100))
        filler[position : position + 7] = b"trusted"
        for markup in (filler[:start] + media + filler[start:], filler[:start] + media[:-1]):
            expected = _near_by_every_start(bytes(markup), position)
            assert anchors._Media(bytes(markup)).near(position) == expected, (start, markup[-9:])
            answers.append(expected)
    assert True in answers and False in answers


def _pages() -> list[Path]:
    fixtures = sorted((Path(__file__).parents[2] / "fixtures").rglob("*.html"))
    return fixtures[::3]  # a third of them: every builder's markup, in a few seconds


def _labels_on_every_line(doc: Document) -> Iterator[tuple[str, int, str]]:
    for element in doc.root.iter():
        if isinstance(element.tag, str) and element.sourceline:
            words = text_content(element).lower().split()[:2]
            for line in (element.sourceline - 1, element.sourceline, element.sourceline + 1):
                yield element.tag, line, " ".join(words)


def _same_innermost(doc: Document) -> None:
    for tag, line, phrase in _labels_on_every_line(doc):
        found = anchors._innermost_on_line(doc, tag, line, phrase)
        every = anchors._innermost_among(doc.root.iter(tag), line, phrase)  # from the top
        assert found is every, (tag, line, phrase)


@pytest.mark.parametrize("path", _pages(), ids=lambda p: p.name)
def test_a_label_is_traced_from_its_line_as_from_the_top(path: Path) -> None:
    _same_innermost(parse(Page(url="/", body=path.read_bytes())))


@pytest.mark.parametrize(
    "body",
    [
        "<h2>Trusted by</h2>\n<div><h2>Trusted by <b>x</b></h2><h2>trusted</h2></div>\n<h2>Hi</h2>",
        "<!-- c --><section><div><div><h2>Plan</h2></div></div>\n<h2>Trusted by</h2></section>"
        "\n<footer><h2>Trusted by</h2><div><h2>Trusted by</h2></div></footer>",
        "<section>\n<div><h2>Trusted by leading teams</h2></div></section><h2>Trusted by</h2>",
        "<p>one line, minified: <h3>Trusted by</h3><div><h3>Trusted</h3><h3>Trusted by</h3></div>",
    ],
)
def test_a_label_in_nested_markup_is_traced_from_its_line_as_from_the_top(body: str) -> None:
    doc = parse(Page(url="/", body=f"<html><body>\n{body}\n</body></html>".encode()))
    _same_innermost(doc)
    assert anchors._innermost_on_line(doc, "h2", 1000, "trusted by") is None
