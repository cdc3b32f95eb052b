"""Canonical URLs, sitemap parsing and content routing, case by case."""

from __future__ import annotations

import gzip

import pytest

from logocheck.collect import AssetError
from logocheck.collect.content import could_be_page, data_url, decode_charset, is_html
from logocheck.collect.sitemap import SitemapError, parse_sitemap
from logocheck.urls import Resolver, canonical

BASE = "https://www.globex.example/customers/index.html"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("acme/", "https://www.globex.example/customers/acme/"),
        ("../pricing#plans", "https://www.globex.example/pricing"),
        ("HTTPS://WWW.Globex.Example:443/A/./b/../c", "https://www.globex.example/A/c"),
        ("/?b=2&a=1&utm_source=news&fbclid=x", "https://www.globex.example/?a=1&b=2"),
        ("/cart;jsessionid=0A1B2C?PHPSESSID=9&item=4", "https://www.globex.example/cart?item=4"),
        ("//cdn.globex.example/logo.png", "https://cdn.globex.example/logo.png"),
        ("/caf\u00e9 menu", "https://www.globex.example/caf%C3%A9%20menu"),
        ("/a%2fb", "https://www.globex.example/a%2Fb"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("mailto:sales@globex.example", None),
        ("javascript:void(0)", None),
        ("ftp://globex.example/file", None),
        ("http://[broken/", None),
    ],
)
def test_canonical(href: str, expected: str | None) -> None:
    assert canonical(href, BASE) == expected


def test_resolver_agrees_with_canonical() -> None:
    hrefs = ["/a", "/a", "b", "https://hooli.example/x#y", "mailto:x@y", "//cdn.example/z"]
    resolver = Resolver(size=2)
    expected = [u for u in (canonical(h, BASE) for h in hrefs) if u is not None]
    assert resolver.resolve(hrefs, BASE) == expected
    assert resolver.resolve(hrefs, BASE) == expected


URLSET = (
    b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<url><loc> https://globex.example/a </loc></url><url><loc>https://globex.example/b</loc>"
    b"</url></urlset>"
)


def test_sitemap_urlset_index_and_gzip() -> None:
    assert parse_sitemap(URLSET).locations == (
        "https://globex.example/a",
        "https://globex.example/b",
    )
    assert parse_sitemap(gzip.compress(URLSET)).index is False
    index = (
        b"<sitemapindex><sitemap><loc>https://globex.example/s1.xml</loc></sitemap></sitemapindex>"
    )
    assert parse_sitemap(index).index is True


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<urlset><url><loc>&x;</loc></url></urlset>",
            "DTD",
        ),
        (b"<html><body>not a sitemap</body></html>", "not <urlset>"),
        (b"<urlset><url><loc>", "not XML"),
        # mtime=0: the bytes are the test's id, which every xdist worker must collect alike
        (gzip.compress(b"<urlset>" + b" " * 5000 + b"</urlset>", mtime=0), "once decompressed"),
    ],
)
def test_bad_sitemaps_are_refused(body: bytes, reason: str) -> None:
    with pytest.raises(SitemapError, match=reason):
        parse_sitemap(body, limit=4000)


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/html; charset=utf-8", b"<p>hi", True),
        ("application/xhtml+xml", b"<?xml version='1.0'?><html/>", True),
        ("text/html", b"\x89PNG\r\n\x1a\n....", False),
        ("text/html", b"%PDF-1.7", False),
        ("application/octet-stream", b"\xef\xbb\xbf<!DOCTYPE html><p>x", True),
        ("", b"  <!-- built --> <html lang=en>", True),
        ("text/plain", b"hello <b>", False),
        ("application/json", b"<html>", False),
    ],
)
def test_is_html(content_type: str, body: bytes, expected: bool) -> None:
    assert is_html(content_type, body) is expected


def test_media_types_that_cannot_be_pages() -> None:
    assert not could_be_page(" Image/PNG ; q=1")
    assert not could_be_page("application/pdf")
    assert not could_be_page("video/mp4")
    assert could_be_page("text/html; charset=utf-8")
    assert could_be_page("application/octet-stream")  # sniffed once read
    assert could_be_page("")


def test_charset_order_and_fallbacks() -> None:
    assert decode_charset("text/html; charset=ISO-8859-1", b"caf\xe9")[1] == "cp1252"
    assert decode_charset("text/html", b"<meta charset='shift_jis'>")[1] == "shift_jis"
    assert decode_charset("text/html; charset=utf-8", "caf\u00e9".encode())[1] == "utf-8"
    assert decode_charset('text/html; charset="bogus"', b"plain")[1] == "utf-8"
    body, name = decode_charset("text/html; charset=utf-8", b"caf\xe9")
    assert (body, name) == ("caf\ufffd".encode(), "utf-8")
    assert decode_charset("text/html", b"\xff\xfe<\x00p\x00")[1] == "utf-16"


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("data:image/png;base64,aGk=", b"hi"),
        ("data:image/svg+xml;charset=utf-8;BASE64,aGk=", b"hi"),
        ("data:image/svg+xml,%3Csvg%3E", b"<svg>"),
    ],
)
def test_data_urls_carry_their_bytes(url: str, data: bytes) -> None:
    assert data_url(url) == data


@pytest.mark.parametrize("url", ["data:image/png;base64", "data:image/png;base64,a"])
def test_a_broken_data_url_is_an_asset_error(url: str) -> None:
    with pytest.raises(AssetError):
        data_url(url)
