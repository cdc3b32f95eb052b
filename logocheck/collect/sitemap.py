"""Sitemaps and sitemap indexes, parsed without trusting them.

A sitemap is a file anyone on the site's host can write, so it is parsed
with every dangerous XML feature off: a document with a DTD is refused
outright (that is where entity bombs and external entities live), entities
are not resolved and the parser never touches the network. Gzipped
sitemaps are decompressed with the same decoded-size limit as pages.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from lxml import etree

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


class SitemapError(Exception):
    """A sitemap that cannot be used; ``str()`` says why."""


@dataclass(frozen=True, slots=True)
class Sitemap:
    """The ``<loc>`` entries of a sitemap; ``index`` when they are sitemaps."""

    index: bool
    locations: tuple[str, ...]


def parse_sitemap(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> Sitemap:
    if body.startswith(b"\x1f\x8b"):
        body = _gunzip(body, limit)
    if _DOCTYPE.search(body[:4096]):
        raise SitemapError("has a DTD, which is refused")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        raise SitemapError(f"is not XML: {error}") from None
    if root.getroottree().docinfo.doctype:
        raise SitemapError("has a DTD, which is refused")
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"root element is <{kind}>, not <urlset> or <sitemapindex>")
    found = [
        (element.text or "").strip()
        for element in root.iter("{*}loc")
        if isinstance(element.tag, str)
    ]
    return Sitemap(index=kind == "sitemapindex", locations=tuple(loc for loc in found if loc))


def _gunzip(body: bytes, limit: int) -> bytes:
    state = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = state.decompress(body, limit + 1)
    except zlib.error as error:
        raise SitemapError(f"is not valid gzip: {error}") from None
    if len(data) > limit:
        raise SitemapError(f"is over {limit} bytes once decompressed")
    return data
