"""Parse a page once, and answer the few questions every extractor asks of it.

The tree is lxml's: comments are dropped by the parser, ``<template>``
contents, scripts and styles are removed after parsing, so nothing a
browser would not show is ever reported. Columns are not kept by lxml; we
compute them lazily from the source text, only for elements we report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml import etree

from logocheck.extract.literals import Presence
from logocheck.extract.selectors import css_path
from logocheck.htmlparse import LINKING, crowded, damage, html_parser, links
from logocheck.model import Location, Page

#: lxml's plain element: the ``lxml.html`` flavour calls back into Python for
#: every element it hands out, which costs as much as the rest of a page.
HtmlElement = etree._Element

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_INVISIBLE = ("template", "script", "style", "noembed")
_WALKED = (*_INVISIBLE, "br", *LINKING)
#: A page's ``<base href>`` and its link targets in document order.
Links = tuple[str | None, tuple[str, ...]]
_TEXT_CONTAINING = etree.XPath(".//text()[contains(., $s)]")
#: Text longer than this is prose, not a label a phrase could be split across.
_LABEL_MAX = 240
#: Section phrases are a few words ("our customers", "trusted by").
_LABEL_WORDS = 4
#: Literals extractors test the (lowercased) markup for on every page, in
#: groups of which any will do: a story link, a case-study URL, microdata,
#: a suppression. One pass finds them all; each test after it is a set lookup.
MARKERS = (
    (b" story", b" case stud"),
    (b"/case-stud", b"/customers/", b"stories/"),
    (b"itemtype",),
    (b"logocheck-ignore",),
    (b"<h1",),
)
_MARKERS = Presence(MARKERS)
#: The first ``h1`` in document order, the element itself included: XPath stops at it.
_FIRST_H1 = etree.XPath("descendant-or-self::h1[1]")
_BLOCKS = (
    "address|article|aside|blockquote|br|button|caption|dd|div|dl|dt|figcaption|figure|footer|"
    "form|h1|h2|h3|h4|h5|h6|header|hr|li|main|nav|ol|option|p|pre|section|table|td|th|tr|ul"
)
_BLOCK_TEXT = etree.XSLT(
    etree.XML(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:output method="text" encoding="utf-8"/>'
        f'<xsl:template match="{_BLOCKS}"><xsl:text>&#10;</xsl:text><xsl:apply-templates/>'
        "<xsl:text>&#10;</xsl:text></xsl:template>"
        "</xsl:stylesheet>"
    )
)


class ParseError(Exception):
    """The page is not HTML lxml can build a tree from."""


class ParseLimit(ParseError):
    """The page is beyond what is parsed in bounded time (see ``htmlparse.crowded``)."""


@dataclass(slots=True)
class Document:
    """A parsed page: its tree, its visible text and its metadata."""

    page: Page
    root: HtmlElement
    body: HtmlElement
    head: HtmlElement | None
    json_ld: list[tuple[int, Any]]
    encoding: str
    damage: str | None = None
    """Why the parser stopped before the end of the page (too deep), or None."""
    links: Links = (None, ())
    """The page's ``<base href>`` and links, read while the tree was prepared."""
    _text: str | None = None
    _text_utf8: bytes | None = None
    _markup_bytes: bytes | None = None
    _markers: frozenset[tuple[bytes, ...]] | None = None
    _source_lines: list[str] | None = None
    _starts: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    _lines_known: list[tuple[int, int]] = field(default_factory=list)
    _offsets: dict[HtmlElement, int] = field(default_factory=dict)
    _located: dict[str, HtmlElement | None] = field(default_factory=dict)
    _locations: dict[tuple[HtmlElement, str], Location] = field(default_factory=dict)
    _by_line: dict[str, dict[int, list[HtmlElement]]] = field(default_factory=dict)
    _indexes: dict[tuple[str, int], dict[HtmlElement, int]] = field(default_factory=dict)
    _metas: dict[str, str] | None = None
    _title: str | None = None
    _serialized: dict[HtmlElement, bytes] = field(default_factory=dict)
    _h1: HtmlElement | None = None
    _h1_looked_for: bool = False

    @property
    def text(self) -> str:
        """The visible text of the body, one line per block element (computed once).

        Block elements end a line, so a heading never runs into the
        paragraph after it ("Globex" + "uses ..."). An XSLT transform does
        it in C, in a fifth of the time the parse took.
        """
        if self._text is None:
            self._text = self.text_utf8.decode("utf-8")
        return self._text

    @property
    def text_utf8(self) -> bytes:
        """``text`` as UTF-8, as the transform writes it (computed once).

        The automata read bytes: taking them as written costs a third of
        encoding the text again.
        """
        if self._text_utf8 is None:
            result = _BLOCK_TEXT(self.body)  # serialises itself; the stubs miss __bytes__
            self._text_utf8 = bytes(result)  # type: ignore[call-overload]
        return self._text_utf8

    @property
    def markup_bytes(self) -> bytes:
        """The raw markup with ASCII lowercased."""
        if self._markup_bytes is None:
            self._markup_bytes = self.page.body.lower()
        return self._markup_bytes

    def markup_of(self, element: HtmlElement) -> bytes:
        """An element's markup without its tail, serialised once a page: the
        logo finder and the card finder both key their memories by it."""
        markup = self._serialized.get(element)
        if markup is None:
            markup = self._serialized[element] = etree.tostring(element, with_tail=False)
        return markup

    def first_h1(self) -> HtmlElement | None:
        """The body's first ``<h1>``, as ``next(body.iter("h1"))``, found once a page.

        lxml's iterator keeps one match ahead: taking the page's only
        ``<h1>`` walks on to the end of the tree. XPath stops at the first
        one; and markup that never writes ``<h1`` has none, so its tree is
        not walked at all.
        """
        if not self._h1_looked_for:
            self._h1_looked_for = True
            if self.holds(b"<h1"):
                found = _FIRST_H1(self.body)
                self._h1 = found[0] if found else None
        return self._h1

    def holds(self, *literals: bytes) -> bool:
        """Whether the lowercased markup may hold any of ``literals`` (a group of
        ``MARKERS``, found in one pass for all of them, or any others).

        A page whose encoding writes ASCII otherwise (UTF-16, UTF-7) may hold
        them all: its bytes cannot tell, and the caller looks in the tree.
        """
        if not _writes_ascii(self.encoding):
            return True
        if literals not in MARKERS:
            return any(literal in self.markup_bytes for literal in literals)
        if self._markers is None:
            self._markers = _MARKERS.found(self.markup_bytes)
        return literals in self._markers

    def _on_line(self, tag: str, line: int) -> list[HtmlElement]:
        """The ``tag`` elements that start on ``line``, in document order.

        The elements of a tag are grouped by line in one walk, the first
        time the tag is asked for: a minified page has thousands of
        ``<img>`` on one line, and a walk per question would be quadratic.
        """
        lines = self._by_line.get(tag)
        if lines is None:
            lines = self._by_line[tag] = {}
            for element in self.root.iter(tag):
                lines.setdefault(element.sourceline or 0, []).append(element)
        return lines.get(line, [])

    def _index_on_line(self, element: HtmlElement, tag: str, line: int) -> int:
        """Which of the ``tag`` elements on ``line`` ``element`` is (0-based), or -1."""
        index = self._indexes.get((tag, line))
        if index is None:
            same = self._on_line(tag, line)
            index = self._indexes[(tag, line)] = {e: i for i, e in enumerate(same)}
        return index.get(element, -1)

    def line_at(self, offset: int) -> int:
        """The 1-based line of a markup offset, counted from the nearest known one.

        A known offset after it counts too, backwards: a start tag is looked
        up just before text whose line is known, and counting from the top
        again would read most of the page twice.
        """
        known = self._lines_known
        base_offset, base_line = min(((0, 1), *known), key=lambda item: abs(item[0] - offset))
        if base_offset <= offset:
            line = base_line + newlines(self.markup_bytes, base_offset, offset)
        else:
            line = base_line - newlines(self.markup_bytes, offset, base_offset)
        known.append((offset, line))
        return line

    def element_at(
        self,
        tag: str,
        line: int,
        values: tuple[str, ...] | list[str],
        phrase: str = "",
        offset: int = -1,
    ) -> HtmlElement | None:
        """The ``tag`` element that starts on ``line``, told apart by attributes or text.

        ``offset`` is where its start tag is in the markup, kept so that its
        column costs nothing later.
        """
        same = self._on_line(tag, line)
        found = same[0] if same else None
        if len(same) > 1:
            for element in same:
                own = [(element.get(a) or "").lower() for a in ("class", "id", "aria-label")]
                if (phrase and phrase in text_content(element).lower()) or (
                    values and all(v in own for v in values)
                ):
                    found = element
                    break
        if found is not None and offset >= 0 and len(same) == 1:
            self._offsets[found] = offset
        return found

    def head_elements(self, tag: str) -> Iterator[HtmlElement]:
        """The ``tag`` children of ``<head>`` (none when the page has no head)."""
        return self.head.iterchildren(tag) if self.head is not None else iter(())

    def meta(self, *names: str) -> str:
        """The first non-empty ``<meta>`` content among ``names`` (name or property)."""
        if self._metas is None:
            self._metas = {}
            for meta in self.head_elements("meta"):
                key = (meta.get("property") or meta.get("name") or "").lower()
                content = (meta.get("content") or "").strip()
                if key and content:
                    self._metas.setdefault(key, content)
        return next((self._metas[n] for n in names if n.lower() in self._metas), "")

    def title(self) -> str:
        if self._title is None:
            title = next(self.head_elements("title"), None)
            if title is None:
                title = self.root.find(".//title")
            self._title = " ".join((text_content(title) if title is not None else "").split())
        return self._title

    def locate(self, snippet: str) -> HtmlElement | None:
        """The element whose own text holds ``snippet`` (for text-found claims).

        Asked once per snippet: copy that repeats a sentence ("trusted by
        thousands of customers") would search every text node each time.
        """
        if snippet not in self._located:
            self._located[snippet] = self._locate(snippet)
        return self._located[snippet]

    def _locate(self, snippet: str) -> HtmlElement | None:
        snippet = snippet.strip()
        if not snippet:
            return None
        # a text node holding the snippet is copied whole into the block text,
        # so a snippet the text lacks (a phrase read across two labels) needs
        # no search of every text node
        found_in = _TEXT_CONTAINING(self.body, s=snippet) if snippet in self.text else ()
        for found in found_in:
            parent = found.getparent()
            if parent is not None and getattr(found, "is_tail", False):
                parent = parent.getparent()
            if parent is not None:
                return parent  # type: ignore[no-any-return]
        words = snippet.split()
        if len(words) > _LABEL_WORDS:
            return None  # prose run across blocks, not a label split by markup
        return self._locate_across(" ".join(words))

    def _locate_across(self, snippet: str) -> HtmlElement | None:
        """The element holding ``snippet`` when its text spans inline elements
        or line breaks ("Trusted <span>by</span>"): found from the text nodes
        holding its first word, never by a walk over the tree."""
        for node in _TEXT_CONTAINING(self.body, s=snippet.split()[0]):
            if len(node) > _LABEL_MAX:
                continue  # prose, not a label
            element = node.getparent()
            if element is not None and getattr(node, "is_tail", False):
                element = element.getparent()
            for candidate in (element, element.getparent() if element is not None else None):
                if candidate is None:
                    break
                text = " ".join(text_content(candidate).split())
                if len(text) > _LABEL_MAX:
                    break
                if snippet in text:
                    return candidate  # type: ignore[no-any-return]
        return None

    def location(self, element: HtmlElement, section: str) -> Location:
        """Where ``element`` is: page, file, line, column and a short CSS path
        (worked out once per element and section)."""
        key = (element, section)
        if key not in self._locations:
            self._locations[key] = Location(
                url=self.page.url,
                file=self.page.file,
                line=element.sourceline or 0,
                column=self.column(element),
                selector=css_path(element),
                section=section,
            )
        return self._locations[key]

    def column(self, element: HtmlElement) -> int:
        """1-based column of ``element``'s start tag, or 0 when it cannot be told.

        The k-th ``<tag`` on a line is the k-th element of that tag lxml saw
        on that line, so we only count same-tag elements, never the tree.
        """
        line = element.sourceline or 0
        tag = element.tag
        if not line or not isinstance(tag, str):
            return 0
        offset = self._offsets.get(element)
        if offset is not None:
            start = self.markup_bytes.rfind(b"\n", 0, offset) + 1
            return len(self.page.body[start:offset].decode(self.encoding, "replace")) + 1
        index = self._index_on_line(element, tag, line)
        starts = self._starts.get((tag, line))
        if starts is None:
            text = self._line(line) or ""
            starts = [m.start() for m in re.finditer(rf"<{tag}(?=[\s/>])", text, re.IGNORECASE)]
            self._starts[(tag, line)] = starts
        return starts[index] + 1 if 0 <= index < len(starts) else 0

    def _line(self, line: int) -> str | None:
        if self._source_lines is None:
            self._source_lines = self.page.body.decode(self.encoding, "replace").split("\n")
        if 0 < line <= len(self._source_lines):
            return self._source_lines[line - 1]
        return None


#: Line breaks found one ``find`` at a time before the rest are counted.
_SPARSE_LINES = 64


def newlines(data: bytes, start: int, end: int) -> int:
    """How many line breaks ``data[start:end]`` holds.

    ``bytes.count`` reads every byte (about 1.5 GB/s, measured); ``find``
    skips to the next break at memory speed. A page whose markup has few
    lines (a generated page, a minified one) is counted in a few finds, and
    one with many lines pays at most ``_SPARSE_LINES`` finds before the
    rest is counted.
    """
    count = 0
    at = data.find(b"\n", start, end)
    while at >= 0:
        count += 1
        if count == _SPARSE_LINES:
            return count + data.count(b"\n", at + 1, end)
        at = data.find(b"\n", at + 1, end)
    return count


@lru_cache(maxsize=64)
def _writes_ascii(encoding: str) -> bool:
    """Whether ``encoding`` writes ASCII only as ASCII bytes, so that a marker's
    bytes are found where the page says it: UTF-16 does not, and UTF-7 may
    also write ``<`` as ``+ADw-``."""
    try:
        return _PRINTABLE.decode("ascii").encode(encoding) == _PRINTABLE
    except (LookupError, ValueError):
        return False


#: Every printable ASCII character: UTF-7 writes "+" as "+-", UTF-16 each with a NUL.
_PRINTABLE = bytes(range(0x20, 0x7F))


def parse(page: Page) -> Document:
    """Build the tree of ``page``; raises ParseError for markup lxml rejects."""
    encoding = _encoding(page)
    too_crowded = crowded(page.body)
    if too_crowded:
        raise ParseLimit(f"{too_crowded}; the page was not read")
    try:
        parser = html_parser(encoding)
        root = etree.fromstring(page.body, parser=parser)
    except (etree.LxmlError, ValueError, LookupError) as error:
        raise ParseError(str(error) or "empty document") from None
    if root is None:
        raise ParseError("empty document")
    stopped = damage(parser)
    json_ld, links = _prepare(root)
    head, body = _head_and_body(root)
    return Document(page, root, body, head, json_ld, encoding, damage=stopped, links=links)


def _head_and_body(root: HtmlElement) -> tuple[HtmlElement | None, HtmlElement]:
    """The first ``<head>`` and ``<body>`` children of the root (the root itself
    stands for a missing body), found in one look at its few children."""
    head = body = None
    for child in root.iterchildren("head", "body"):
        if child.tag == "head":
            head = child if head is None else head
        elif body is None:
            body = child
    return head, body if body is not None else root


def _encoding(page: Page) -> str:
    if page.encoding:
        return page.encoding
    found = _CHARSET.search(page.body[:2048])
    return found.group(1).decode("ascii") if found else "utf-8"


def _prepare(root: HtmlElement) -> tuple[list[tuple[int, Any]], Links]:
    """Make the tree read as the page shows, in one walk of the elements that need it.

    What is never shown is removed, keeping JSON-LD data (testimonials live
    there); each ``<br>`` gets the space it shows as, so "Trusted<br>by"
    reads as two words; and the links are listed as ``htmlparse.links``
    lists them (a link inside a ``<template>`` too, as a crawl follows it).
    Each walk of a large page's tree costs a tenth of its parse.
    """
    json_ld: list[tuple[int, Any]] = []
    linking: list[HtmlElement] = []
    for element in list(root.iter(*_WALKED)):
        tag = element.tag
        if tag == "br":
            element.tail = " " + element.tail if element.tail else " "
        elif tag in LINKING:
            linking.append(element)
        else:
            if tag == "script" and "ld+json" in (element.get("type") or ""):
                line = element.sourceline or 0
                json_ld.extend((line, item) for item in _json(element.text or ""))
            _drop(element)
    base, hrefs = links(linking)
    return json_ld, (base, tuple(hrefs))


def _drop(element: HtmlElement) -> None:
    """Remove an element but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def text_content(element: HtmlElement) -> str:
    """All the text inside an element, without its tail."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _json(text: str) -> list[Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    return data if isinstance(data, list) else [data]
