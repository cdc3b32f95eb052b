"""What a response is, and in which charset, decided as a browser would.

A server's ``Content-Type`` is trusted only as far as the bytes agree: an
image or PDF sent as ``text/html`` is not a page, and a page sent without a
type (or as ``application/octet-stream``/``text/plain``) is recognised by
its opening markup. The charset comes from the header, then from ``<meta
charset>``/``http-equiv`` in the first 2 KB, then UTF-8. A declared charset
that the bytes contradict (a UTF-8 header on Latin-1 bytes) falls through to
the next candidate; when none fits, the body is transcoded to UTF-8 with
replacement characters, so the parser always gets text it can read.
A ``data:`` URL's bytes are decoded here too: both crawl sources and the
parent of a crawl need that without importing the HTTP client.
"""

from __future__ import annotations

import codecs
import re

from logocheck.urls import data_url as data_url  # the sources read data: URLs too

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
SNIFFED_TYPES = frozenset({"", "application/octet-stream", "text/plain", "binary/octet-stream"})
NOT_PAGES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")
MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b",
    b"RIFF", b"\x00\x00\x01\x00", b"BM", b"wOFF", b"wOF2", b"\x00\x00\x00",
)  # fmt: skip
_MARKUP = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def could_be_page(content_type: str) -> bool:
    """False for media types no server sends a page as (even by mistake).

    Asked before the body is read, so a video link costs no download.
    """
    return not media_type(content_type).startswith(NOT_PAGES)


def is_html(content_type: str, body: bytes) -> bool:
    """True when the response is an HTML page, whatever the header claims."""
    head = body[:512]
    if head.startswith(MAGIC):
        return False
    kind = media_type(content_type)
    if kind in HTML_TYPES:
        return True
    if kind in SNIFFED_TYPES:
        return bool(_MARKUP.match(head.lstrip(codecs.BOM_UTF8)))
    return False


def decode_charset(content_type: str, body: bytes) -> tuple[bytes, str]:
    """``(body, encoding)``: the charset the body is in, transcoding if none fits."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body, name
    candidates = _candidates(content_type, body)
    for name in candidates:
        try:
            body.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return body, name
    text = body.decode(candidates[0], errors="replace")
    return text.encode("utf-8"), "utf-8"


def _candidates(content_type: str, body: bytes) -> list[str]:
    declared = [_header_charset(content_type)]
    found = _META.search(body[:2048])
    declared.append(found.group(1).decode("ascii") if found else None)
    names: list[str] = []
    for label in [*declared, "utf-8"]:
        name = _codec(label)
        if name and name not in names:
            names.append(name)
    return names


def _header_charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return None


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None for an unknown one."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # browsers read latin-1 and ascii labels as windows-1252 (WHATWG Encoding)
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name
