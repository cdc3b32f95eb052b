"""The links a page offers to follow: ``<a href>``, resolved against ``<base>``.

Parsed with lxml's HTML parser (comments dropped, so a link inside an HTML
comment is not followed), one parser per encoding, reused: building a
parser costs more than parsing a small page.
"""

from __future__ import annotations

from lxml import etree

from logocheck.htmlparse import LINKING, crowded, html_parser, links


def page_links(body: bytes, encoding: str) -> tuple[str | None, list[str]]:
    """``(base href or None, hrefs in document order)`` of an HTML page.

    A page too crowded to parse in bounded time offers no links (the
    extractor reports it).
    """
    if crowded(body):
        return None, []
    try:
        root: etree._Element | None = etree.fromstring(body, html_parser(encoding))
    except (etree.LxmlError, ValueError, LookupError):
        return None, []
    if root is None:  # an empty document or only a comment
        return None, []
    return links(root.iter(*LINKING))
