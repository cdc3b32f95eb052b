"""The one lxml HTML parser configuration, shared by link finding and extraction.

Comments and processing instructions are dropped (commented-out logos are
not on the page) and the network is never touched. Parsers are kept per
encoding: building one costs more than parsing a small page.
"""

from __future__ import annotations

from functools import cache

from lxml import etree


@cache
def html_parser(encoding: str) -> etree.HTMLParser:
    """A reusable parser that reads bytes in ``encoding``."""
    return etree.HTMLParser(
        encoding=encoding.lower(), remove_comments=True, remove_pis=True, no_network=True
    )
