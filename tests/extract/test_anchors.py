"""Where customer sections may start: the linking sentences around the product
and the media within a label's reach."""

from __future__ import annotations

import pytest

from logocheck.config import Settings
from logocheck.extract import ExtractContext, anchors
from logocheck.extract.anchors import _usage_spans
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
