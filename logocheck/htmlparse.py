"""The one lxml HTML parser configuration, shared by link finding and extraction.

Comments and processing instructions are dropped (commented-out logos are
not on the page) and the network is never touched. Parsers are kept per
encoding: building one costs more than parsing a small page.

``huge_tree`` lifts libxml2's nesting limit from 256 to 2048 levels: at 256
it stops reading the page without raising, so 300 nested cards before a
customer wall would hide the wall. Past 2048 it still stops; ``damage``
reads the parser's log so that the caller can report the page as not
fully read instead of scanning half of it as if it were all.

``crowded`` finds a tag whose attributes would make the parse quadratic,
before parsing, in one linear pass. ``links`` reads what a crawl would
follow from a parsed tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import repeat

from lxml import etree

#: More attributes than any real tag has. libxml2 checks each new attribute
#: against all the earlier ones, so one tag of 100k costs a minute of CPU.
MAX_ATTRIBUTES = 1000
_LONG_TAG = re.compile(rb"<[A-Za-z][^<>]{4096,}")
_BLOCK = 2048
"""Half the shortest run ``_LONG_TAG`` matches."""


@cache
def html_parser(encoding: str) -> etree.HTMLParser:
    """A reusable parser that reads bytes in ``encoding``."""
    return etree.HTMLParser(
        encoding=encoding.lower(),
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=True,
    )


def damage(parser: etree.HTMLParser) -> str | None:
    """Why the last parse with ``parser`` stopped before the end, or None."""
    for entry in parser.error_log:
        if entry.level >= etree.ErrorLevels.FATAL or entry.type_name == "ERR_RESOURCE_LIMIT":
            return f"line {entry.line}, column {entry.column}: {entry.message.strip()}"
    return None


def crowded(body: bytes) -> str | None:
    """Where ``body`` has a tag of more than ``MAX_ATTRIBUTES`` attributes, or None.

    Such a tag runs 4 KiB without a ``>``, so it covers a whole aligned
    2 KiB block without one. Every block of real markup has a ``>`` within
    a few bytes of its start, so a page is cleared with one short search a
    block, a tenth of what the regex costs to read it all.
    """
    if not any(map(_without_close, repeat(body), range(0, len(body) - _BLOCK + 1, _BLOCK))):
        return None
    for match in _LONG_TAG.finditer(body):
        if len(match.group().split()) > MAX_ATTRIBUTES:
            line = body.count(b"\n", 0, match.start()) + 1
            return f"line {line}: a tag with more than {MAX_ATTRIBUTES} attributes"
    return None


def _without_close(body: bytes, start: int) -> bool:
    return body.find(b">", start, start + _BLOCK) < 0


#: The elements a page's links are read from (see ``links``).
LINKING = ("a", "area", "base")


def links(elements: Iterable[etree._Element]) -> tuple[str | None, list[str]]:
    """``(base href or None, hrefs in document order)`` of a page's ``LINKING`` elements.

    What a crawl follows: ``<a href>`` and ``<area href>``, resolved against
    the first ``<base href>``. The parser has dropped comments, and a
    script's text is not markup, so a link in either is not one. Callers
    hand the elements from a walk they make anyway (``root.iter(*LINKING)``).
    """
    base: str | None = None
    hrefs: list[str] = []
    for element in elements:
        href = element.get("href")
        if not href:
            continue
        if element.tag == "base":
            base = base or href
        else:
            hrefs.append(href)
    return base, hrefs
