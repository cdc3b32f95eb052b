"""Where customer sections may start: the linking sentences around the product."""

from __future__ import annotations

from logocheck.config import Settings
from logocheck.extract import ExtractContext
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
