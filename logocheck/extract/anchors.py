"""Where customer sections may start, found without walking the tree.

Walking every element of a 55 KB page in Python costs more than parsing
it, so the places that can hold a customer logo are found from the text
instead: heading phrases in the page's short lines ("Trusted by", see
``textscan``) and class/id/aria-label tokens in the attribute values
(``class="customer-logos"``, handed out by libxml2 in one XPath call),
each found in one Aho-Corasick pass. A
phrase is traced to its label in the markup, passing over its occurrences
in prose with two string searches each and only near an image or a quote;
the label's surroundings become a *root* whose images are worth judging. A
page with no hit has no customer section at all.

Roots are only a prefilter: ``Sections.of`` still decides each image.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from typing import Any

from ahocorasick_rs import BytesAhoCorasick, MatchKind
from lxml import etree

from logocheck.extract.document import Document, HtmlElement, text_content
from logocheck.extract.literals import Literals, starts
from logocheck.extract.sections import WINDOW, Usage
from logocheck.extract.textscan import Hits
from logocheck.recent import Recent
from logocheck.vocab import Vocabulary

_TAG = re.compile(rb"<([a-z][a-z0-9-]*)")
_ROOT_TEXT_MAX = 240
#: Labels looked up per phrase, and the longest run of text one may sit in.
_LABELS_MAX = 8
#: Occurrences of a phrase looked at in the markup: prose repeating a phrase
#: a hundred times costs no more than this.
_OCCURRENCES_MAX = 48
_RUN_MAX = 300
#: How far from a label the images it labels may start, in markup bytes.
_MEDIA_BEFORE, _MEDIA_AFTER = 1500, 4000
_MEDIA_LONGEST = len(b"<blockquote")
SECTION, CARD = 0, 1
#: Class tokens of testimonial cards ("elementor-testimonial-wrapper").
#: Only "testimonial": "quote" and "review" are too common in prose to scan for
#: (cards with those classes hold a <blockquote>, quote marks or Review microdata).
CARD_TOKENS = (b"testimonial",)
#: ``//*/@class`` rather than ``//@class``: libxml2 then walks the elements alone,
#: not every text node too, and finds the same values in the same order.
_NAMED_VALUES = etree.XPath("//*/@class | //*/@id | //*/@aria-label")
_NAMED_FROM = etree.XPath(
    "descendant-or-self::*/@class | descendant-or-self::*/@id"
    " | descendant-or-self::*/@aria-label | following::*/@class | following::*/@id"
    " | following::*/@aria-label"
)
#: Character references to ASCII (``&#99;``, ``&#x63``) or to U+0130 or U+212A,
#: which lowercase to ASCII: through them a value may hold a token its bytes do not.
_REFERENCE = re.compile(
    rb"&#(?:x0*(?:[0-9a-f]{1,2}|130|212a)(?![0-9a-f])|0*(?:[0-9]{1,3}|304|8490)(?![0-9]))"
)
#: Where a character reference starts, U+0130 and U+212A in UTF-8, and the
#: NUL of a UTF-16 or UTF-32 page, found with the automaton's SIMD prefilter
#: (a search for two bytes is a loop over every byte in CPython).
_NOT_AS_WRITTEN = BytesAhoCorasick(
    [b"&#", b"\xc4\xb0", b"\xe2\x84\xaa", b"\x00"], matchkind=MatchKind.LeftmostFirst
)
#: Encodings whose bytes below 0x80 are ASCII and whose other bytes are never a
#: character that lowercases to ASCII (UTF-8's two are found by ``_NOT_AS_WRITTEN``).
_PLAIN_ENCODINGS = frozenset(
    ("utf-8", "utf8", "ascii", "us-ascii", "iso-8859-1", "latin-1", "latin1", "windows-1252",
     "cp1252", "iso-8859-15")
)  # fmt: skip
#: Lines libxml2 numbers exactly; a later line may be given a smaller number.
_LINES_NUMBERED = 65_535
#: The first piece of markup searched for a token (see ``_first_token``).
_PIECE = 4096
_LITERAL_PREFIX = re.compile(r"[a-z][a-z ]{2,}")
_MEDIA = ("img", "svg", "picture", "object", "embed", "blockquote", "figure")
_USAGE_SPANS_MAX = 40
#: Bytes read on each side of a product's name: ``WINDOW`` characters of up to four bytes.
_USAGE_REACH = 4 * WINDOW


class AnchorVocab:
    """The sections vocabulary as literal sets, compiled once per scan."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.patterns: dict[bytes, list[re.Pattern[bytes]]] = {}
        for text in vocab.get("customer_heading_patterns", ()):
            prefix = _LITERAL_PREFIX.match(text)
            key = prefix.group(0).encode("utf-8") if prefix else b""
            self.patterns.setdefault(key, []).append(re.compile(text.encode("utf-8")))
        tokens = (*vocab.get("customer_classes", ()), *vocab.get("logo_group_classes", ()))
        words: dict[bytes, tuple[int, ...]] = {
            t.lower().encode("utf-8"): (SECTION,) for t in tokens if t.strip()
        }
        for token in CARD_TOKENS:
            words[token] = (*words.get(token, ()), CARD)
        self.tokens = Literals(words)
        self.longest = max(map(len, words))

    def triggers(self) -> list[bytes]:
        """The literal words the heading patterns start with, for the text scan."""
        return [prefix for prefix in self.patterns if prefix]


@dataclass(frozen=True, slots=True)
class Anchors:
    """Where customer sections may be (``roots``) and cards classed as quotes."""

    roots: list[HtmlElement]
    cards: list[HtmlElement]


def find(
    doc: Document,
    vocab: AnchorVocab,
    hits: Hits,
    usage: Usage | None = None,
    products: frozenset[str] = frozenset(),
    read: Recent[UsageKey, tuple[int, ...]] | None = None,
) -> Anchors:
    """Disjoint subtrees that hold every image a customer mark can reach, and quote cards.

    ``read`` keeps the linking sentences found around earlier pages'
    mentions of the product (see ``_usage_at``).
    """
    spans = _usage_spans(hits.lower, usage, products, read) if usage is not None else []
    found = [_root(element) for element in _phrase_elements(doc, vocab, hits, spans)]
    cards: list[HtmlElement] = []
    for kind, element in _token_elements(doc, vocab):
        (found if kind == SECTION else cards).append(element)
    return Anchors(_outermost(found), cards)


def _usage_spans(
    lower: bytes,
    usage: Usage,
    products: frozenset[str],
    read: Recent[UsageKey, tuple[int, ...]] | None = None,
) -> list[tuple[int, int]]:
    """Byte spans of the label lines (``lower``, lowercased) where a group is
    linked to the product ("Fast-growing companies choose Acme").

    Only the words around each mention of the product are decoded and read,
    so the cost follows how often the page names itself, not its length.
    """
    spans: list[tuple[int, int]] = []
    for product in products:
        if not product.isascii():  # lowercased as text, not as bytes: read it all
            text = lower.decode("utf-8", "replace")
            for start, end in usage.spans(text, frozenset((product,))):
                spans.append((len(text[:start].encode()), len(text[:end].encode())))
            continue
        needle = product.encode("ascii")
        after = 0  # where the next mention may start: one ends before another begins
        for position in starts(lower, needle):
            if len(spans) >= _USAGE_SPANS_MAX:
                break
            if position >= after:
                found = _usage_at(lower, position, position + len(needle), usage, read)
                if found is not None:
                    spans.append(found)
                after = position + len(needle)
    return spans[:_USAGE_SPANS_MAX]


#: The label bytes read around a mention, and where in them the mention is.
UsageKey = tuple[bytes, int, int]


def _usage_at(
    lower: bytes,
    start: int,
    end: int,
    usage: Usage,
    read: Recent[UsageKey, tuple[int, ...]] | None = None,
) -> tuple[int, int] | None:
    """The byte span of the linking sentence around a mention at ``start:end``, if any.

    The answer depends only on the bytes read around the mention, which a
    site-wide footer ("© Acme") repeats on every page: ``read`` keeps it
    by them, so such a mention is read once a scan.
    """
    first = _char_start(lower, max(0, start - _USAGE_REACH))
    last = _char_start(lower, min(len(lower), end + _USAGE_REACH))
    key = (lower[first:last], start - first, end - first)
    found = read.get(key) if read is not None else None
    if found is None:
        found = _usage_in(*key, usage)
        if read is not None:
            read[key] = found
    return (first + found[0], first + found[1]) if found else None


def _usage_in(window: bytes, start: int, end: int, usage: Usage) -> tuple[int, ...]:
    """The byte span in ``window`` of the linking sentence around ``start:end``, or ()."""
    before = window[:start].decode("utf-8", "replace").lower()
    text = before + window[start:].decode("utf-8", "replace").lower()
    mention = len(before)
    stop = mention + end - start
    neighbours = text[mention - 1 : mention] + text[stop : stop + 1]
    if any(c.isalnum() for c in neighbours):
        return ()  # part of a longer word
    found = usage.at(text, mention, stop)
    if found is None:
        return ()
    return len(text[: found[0]].encode()), len(text[: found[1]].encode())


def _char_start(data: bytes, offset: int) -> int:
    """``offset`` moved back to the first byte of the UTF-8 character it falls in."""
    while 0 < offset < len(data) and data[offset] & 0xC0 == 0x80:
        offset -= 1
    return offset


def _phrase_elements(
    doc: Document, vocab: AnchorVocab, hits: Hits, extra: list[tuple[int, int]]
) -> Iterator[HtmlElement]:
    text = hits.labels
    lower = hits.lower
    spans = list(hits.headings) + extra
    for start, trigger in hits.triggers:
        for pattern in vocab.patterns.get(trigger, ()):
            match = pattern.match(lower, start)
            if match is not None:
                spans.append(match.span())
    for pattern in vocab.patterns.get(b"", ()):  # only labels: a heading is a short line
        spans += [m.span() for m in pattern.finditer(lower)]
    seen: set[bytes] = set()
    media = _Media(doc.markup_bytes) if spans else None
    for start, end in spans:
        phrase = lower[start:end]
        if phrase not in seen and media is not None:
            seen.add(phrase)
            written = text[start:end].decode("utf-8", "ignore")
            for element in _labels_with(doc, phrase.decode("utf-8", "ignore"), written, media):
                if len(text_content(element)) <= _ROOT_TEXT_MAX:  # a label, not prose
                    yield element


class _Media:
    """Where the markup has an image, a quote or a figure: what a section label can label."""

    _TAGS = (b"<img", b"<svg", b"<picture", b"<object", b"<embed", b"<blockquote", b"<figure",
             b"<q")  # fmt: skip
    _QUOTE = "“".encode()
    # none of these can overlap another, so a leftmost search finds them all, fast
    _AUTOMATON = BytesAhoCorasick((*_TAGS, _QUOTE), matchkind=MatchKind.LeftmostFirst)
    # the tags share their "<", which the regex compiler factors out: the search
    # stops at the first tag, where the automaton listed every one in the window
    _FIRST_TAG = re.compile(b"|".join(map(re.escape, _TAGS)))

    def __init__(self, markup: bytes) -> None:
        self.markup = markup

    def near(self, position: int) -> bool:
        """Whether media starts within a label's reach of ``position``.

        A label sits among tags, where the first media tag is a few tags
        away: one regex search finds it, and one ``find`` the quote mark.
        """
        low = max(0, position - _MEDIA_BEFORE + 1)
        high = position + _MEDIA_AFTER + 1  # a start before this is near
        tag = self._FIRST_TAG.search(self.markup, low, high + _MEDIA_LONGEST)
        if tag is not None and tag.start() < high:
            return True
        return self.markup.find(self._QUOTE, low, high + len(self._QUOTE) - 1) >= 0

    @cached_property
    def anywhere(self) -> bool:
        """Whether the page has any image, quote or figure at all."""
        return bool(self._AUTOMATON.find_matches_as_indexes(self.markup))


def _labels_with(doc: Document, phrase: str, written: str, media: _Media) -> list[HtmlElement]:
    """Elements whose short text holds ``phrase``, found from the markup.

    An occurrence in a long run of text (a paragraph) is passed over by
    two string searches, so a phrase that prose repeats costs little and
    the label after a hundred paragraphs saying it is still found. Text
    written with entities or split by markup falls back to the tree.
    """
    markup = doc.markup_bytes
    occurrences = starts(markup, phrase.encode(doc.encoding, "ignore").lower())
    found: list[HtmlElement] = []
    index = 0
    for _ in range(_OCCURRENCES_MAX):
        if index >= len(occurrences) or len(found) >= _LABELS_MAX:
            break
        position = occurrences[index]
        opened = markup.rfind(b">", 0, position)
        closed = markup.find(b"<", position)
        short = 0 <= closed - opened <= _RUN_MAX and media.near(position)
        if short and opened > markup.rfind(b"<", 0, position):
            element = _opened_element(doc, markup, phrase, opened)
            if element is not None:
                found.append(element)
        index = bisect_left(occurrences, max(closed, position + 1), index + 1)
    if not occurrences and media.anywhere:  # "Trusted <span>by</span>", "Trusted&nbsp;by"
        located = doc.locate(written)
        found = [located] if located is not None else []
    return found


def _opened_element(doc: Document, markup: bytes, phrase: str, end: int) -> HtmlElement | None:
    """The element whose start tag is the last one opened before ``end`` in the
    lowercased markup."""
    opening = markup.rfind(b"<", 0, end)
    while opening >= 0 and end - opening < 4000:
        tag = _TAG.match(markup, opening)
        if tag is not None:
            name = tag.group(1).decode("ascii")
            return _innermost_on_line(doc, name, doc.line_at(opening), phrase)
        opening = markup.rfind(b"<", 0, opening)
    return None


def _innermost_on_line(doc: Document, tag: str, line: int, phrase: str) -> HtmlElement | None:
    """The ``tag`` element starting on ``line`` with the shortest text holding ``phrase``.

    Minified markup puts a whole section on one line; the label is the
    innermost element there that says the phrase, not the first.
    """
    return _innermost_among(_tags_from(doc.root, tag, line), line, phrase)


def _innermost_among(elements: Iterator[HtmlElement], line: int, phrase: str) -> HtmlElement | None:
    """Of ``elements`` (in document order), the one starting on ``line`` whose
    text holds ``phrase`` and is shortest; the elements after the line are not read."""
    found: HtmlElement | None = None
    size = 0
    for element in elements:
        at = element.sourceline or 0
        if at > line:
            break
        if at == line:
            text = " ".join(text_content(element).lower().split())
            if phrase in text and (found is None or len(text) < size):
                found, size = element, len(text)
    return found


def _tags_from(root: HtmlElement, tag: str, line: int) -> Iterator[HtmlElement]:
    """The ``tag`` elements of ``root.iter(tag)`` from the first element whose start
    tag ends on ``line`` or later: those before it end on earlier lines.

    A label in a footer is on one of the last lines; walking every heading
    before it in Python cost more than the rest of tracing it.
    """
    first = _first_from(root, line)
    if first is None:
        return iter(())
    if first is root:
        return root.iter(tag)
    return chain(first.iter(tag), _following(first, root, tag))


def _following(element: HtmlElement, root: HtmlElement, tag: str) -> Iterator[HtmlElement]:
    """The ``tag`` elements after ``element``'s subtree in document order, within ``root``."""
    while element is not root:
        for sibling in element.itersiblings():
            yield from sibling.iter(tag)
        parent = element.getparent()
        if parent is None:
            return
        element = parent


def _token_elements(doc: Document, vocab: AnchorVocab) -> Iterator[tuple[int, HtmlElement]]:
    """Elements whose class, id or aria-label holds a section or card token.

    libxml2 hands out every such value in one XPath call, in C; the values
    are joined and searched in one automaton pass, and only a hit costs
    Python work. Prose saying the tokens ("our customers") is never looked
    at, however often it says them.
    """
    values = _named_values(doc, vocab)
    if not values:
        return
    joined = "\0".join(values).lower().encode("utf-8", "surrogatepass")
    done: set[tuple[HtmlElement, int]] = set()
    for start, _, kind in vocab.tokens.find(joined, bounded=False):
        if _word_before(joined, start):
            continue  # "nocustomer": the token must start a word of the value
        element = values[joined.count(b"\0", 0, start)].getparent()
        if element is not None and (element, kind) not in done:
            done.add((element, kind))
            yield kind, element


def _named_values(doc: Document, vocab: AnchorVocab) -> list[Any]:
    """The class, id and aria-label values that may hold a token, in document order.

    Reading every value costs a walk of the whole tree in libxml2 (a tenth
    of its parse). An element whose start tag ends on a line before the
    first token in the markup cannot hold one, and such elements come
    first in document order: a site whose only tokens are in its footer
    has only the footer's values read. Where the first token comes in the
    first half of the markup (prose saying "customers"), one walk of the
    whole tree is the cheaper way to read most values. Every value is read
    where a value may hold a token its bytes do not spell (a character
    reference, an encoding other than ASCII's supersets, U+0130 or U+212A)
    or where libxml2 cannot number the lines. (libxml2 drops the attributes
    of a repeated ``<html>``, ``<head>`` or ``<body>`` tag; the tests hold it to that.)
    """
    markup, root = doc.markup_bytes, doc.root
    start = _first_token(markup, vocab)
    early = start is not None and start < len(markup) // 2  # most values would be read
    if early or not _plain_bytes(doc.encoding) or _spelled_otherwise(markup):
        return list(_NAMED_VALUES(root))
    if start is None:
        return []
    first = _first_from(root, doc.line_at(start))
    if first is root:
        return list(_NAMED_VALUES(root))
    return [] if first is None else list(_NAMED_FROM(first))


def _first_from(root: HtmlElement, line: int) -> HtmlElement | None:
    """The first element in document order whose start tag ends on ``line`` or later.

    Start tags come in document order, so their lines never go down: at
    each level, the last child starting before ``line`` is entered when
    its last descendant ends there or later; otherwise the answer is the
    next child. ``root`` itself stands for "read everything" (an element
    libxml2 did not number, a line past those it numbers exactly, or
    ``root`` on that line).
    """
    if line > _LINES_NUMBERED or (root.sourceline or line) >= line:
        return root
    node = root
    while True:
        previous: HtmlElement | None = None
        later: HtmlElement | None = None
        for child in node:
            if not child.sourceline:
                return root
            if child.sourceline >= line:
                later = child
                break
            previous = child
        if previous is None:
            return later
        last = _last_line(previous)
        if not last:
            return root
        if last < line:
            return later
        node = previous


def _last_line(element: HtmlElement) -> int | None:
    """The line of the last start tag inside ``element`` (its own, when it has none)."""
    while len(element):
        element = element[-1]
    return element.sourceline


def _first_token(markup: bytes, vocab: AnchorVocab) -> int | None:
    """Where the first token is in the markup, read in growing pieces: prose
    saying a token early ends the search early (a text-dense page)."""
    start, size = 0, _PIECE
    while start < len(markup):
        end = min(len(markup), start + size)
        found = vocab.tokens.matches(markup[start:end])
        if found:
            return start + min(at for _, at, _ in found)
        if end == len(markup):
            return None
        start, size = end - vocab.longest + 1, size * 4
    return None


def _spelled_otherwise(markup: bytes) -> bool:
    """Whether a value in ``markup`` may hold a token its bytes do not spell."""
    for index, start, _ in _NOT_AS_WRITTEN.find_matches_as_indexes(markup):
        if index or _REFERENCE.match(markup, start) is not None:
            return True
    return False


@lru_cache(64)
def _plain_bytes(encoding: str) -> bool:
    """Whether ``encoding`` is ASCII's where ASCII is, and writes nothing that lowercases
    to ASCII in other bytes than ``_NOT_AS_WRITTEN`` finds: then a token is its own bytes."""
    return encoding.lower().replace("_", "-") in _PLAIN_ENCODINGS


def _word_before(data: bytes, start: int) -> bool:
    return start > 0 and (data[start - 1] >= 0x80 or chr(data[start - 1]).isalnum())


def _root(element: HtmlElement) -> HtmlElement:
    """The subtree a label or marked element can label: climb out of its title block."""
    node = element
    for _ in range(6):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        node = parent
        if next(node.iter(*_MEDIA), None) is not None:
            break
        if len(text_content(node)) > _ROOT_TEXT_MAX:
            break
    return node


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    chosen = {id(e): e for e in elements}
    kept = []
    for element in chosen.values():
        if not any(id(a) in chosen for a in element.iterancestors()):
            kept.append(element)
    return kept
