"""Where an element's image is, as builders write it.

``src``, lazy-loading attributes (``data-src``, ``data-lazy-src``,
``data-srcset`` ...), ``srcset`` (the largest candidate wins), CSS
``background-image`` and its lazy ``data-bg`` forms; ``data:`` URLs are
placeholders, never the image. Also what a declared size says: a 1x1
tracking pixel, a small square photograph (an avatar).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, unquote

from logocheck.extract.document import HtmlElement
from logocheck.urls import split

LAZY_SRCSET = ("data-srcset", "data-lazy-srcset", "data-bgset")
LAZY_SRC = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-lazy",
    "data-url",
    "data-orig-src",
    "data-hi-res-src",
    "data-full-src",
    "data-img-src",
)
BACKGROUND_ATTRS = ("data-bg", "data-background-image", "data-bg-src", "data-background")
_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE)
#: File names of lazy-loading placeholders: made only of these words (and sizes),
#: so "pixelforge.png" and "blankcheck.png" are images, "blank-1x1.gif" is not.
PLACEHOLDER = re.compile(
    r"^(?:(?:spinner|placeholder|blank|lazy|loading|loader|1x1|pixel|transparent|spacer|empty"
    r"|grey|gray|white|dot|clear|lazyload|\d+x\d+)[-_.]?)+\.[a-z]+$"
)
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")


def best_candidate(srcset: str | None) -> str | None:
    """The largest image of a ``srcset`` (by width, then density), never a data: URL."""
    if not srcset:
        return None
    best: tuple[float, str] | None = None
    for url, size in _srcset_items(srcset):
        if url.startswith("data:"):
            continue
        if best is None or size > best[0]:
            best = (size, url)
    return best[1] if best else None


def _srcset_items(srcset: str) -> Iterator[tuple[str, float]]:
    """Split a srcset the way the HTML spec does: URLs may contain commas."""
    position, length = 0, len(srcset)
    while position < length:
        while position < length and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < length and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            end = srcset.find(",", position)
            end = length if end < 0 else end
            descriptor, position = srcset[position:end].strip(), end
        if url:
            yield url, _descriptor_size(descriptor)


def _descriptor_size(descriptor: str) -> float:
    match = re.match(r"^(\d+(?:\.\d+)?)([wxh])$", descriptor.split()[0] if descriptor else "")
    if not match:
        return 1.0
    value = float(match.group(1))
    return value if match.group(2) in "wh" else value * 1000


def background_url(element: HtmlElement) -> str | None:
    if not isinstance(element.tag, str):
        return None
    for attr in BACKGROUND_ATTRS:
        value = (element.get(attr) or "").strip()
        if value:
            found = _URL.search(value)
            return found.group(2) if found else best_candidate(value)
    style = element.get("style")
    if style and "url(" in style and "background" in style.lower():
        found = _URL.search(style)
        return found.group(2) if found else None
    return None


def tiny(element: HtmlElement) -> bool:
    """Tracking pixels and spacers: a declared width or height of at most 2."""
    for attr in ("width", "height"):
        found = _SIZE.match(element.get(attr) or "")
        if found and float(found.group(1)) <= 2:
            return True
    return False


def portrait(element: HtmlElement, src: str | None) -> bool:
    """A small square photograph: a person's avatar beside a quote, not a logo."""
    width, height = (
        _SIZE.match(element.get("width") or ""),
        _SIZE.match(element.get("height") or ""),
    )
    if not (width and height and width.group(1) == height.group(1)):
        return False
    photo = basename(src or "").lower().endswith((".jpg", ".jpeg"))
    return photo and float(width.group(1)) <= 160


def path_of(url: str) -> str:
    return split(url).path.lower()


def basename(url: str) -> str:
    """The image file's name, looking through image CDNs (``/_next/image?url=...``)."""
    if url.startswith("data:"):
        return ""
    path, _, query = url.partition("#")[0].partition("?")
    if "url=" in query:
        inner = parse_qs(query).get("url")
        path = split(inner[0]).path if inner else path
    name = path.rstrip("/").rpartition("/")[2]
    return unquote(name) if "%" in name else name


#: Words of a file name or alt that describe a whole wall in one picture.
_WALL_WORDS = re.compile(
    r"(?<![a-z])(logos|customers|clients|brands|logo[-_ ]?(wall|strip|cloud|grid))(?![a-z])"
)
_WIDE = 600
_WIDE_RATIO = 3


def composite(element: HtmlElement, src: str | None) -> bool:
    """One picture holding many logos: "customer-logos-strip.png", a 1200x240 banner."""
    words = f"{basename(src or '')} {element.get('alt') or ''}".lower()
    if _WALL_WORDS.search(words):
        return True
    width = _SIZE.match(element.get("width") or "")
    height = _SIZE.match(element.get("height") or "")
    if not (width and height) or float(height.group(1)) <= 0:
        return False
    wide = float(width.group(1))
    return wide >= _WIDE and wide / float(height.group(1)) >= _WIDE_RATIO
