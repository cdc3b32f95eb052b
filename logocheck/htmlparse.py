"""The one lxml HTML parser configuration, shared by link finding and extraction.

Comments and processing instructions are dropped (commented-out logos are
not on the page) and the network is never touched. Parsers are kept per
encoding: building one costs more than parsing a small page.

``huge_tree`` lifts libxml2's nesting limit from 256 to 2048 levels: at 256
it stops reading the page without raising, so 300 nested cards before a
customer wall would hide the wall. Past 2048 it still stops; ``damage``
reads the parser's log so that the caller can report the page as not
fully read instead of scanning half of it as if it were all.
"""

from __future__ import annotations

from functools import cache

from lxml import etree


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
