"""Where customer sections may start, found without walking the tree.

Walking every element of a 55 KB page in Python costs more than parsing
it, so the places that can hold a customer logo are found from the text
instead: vocabulary phrases in the page's visible text ("Trusted by") and
class/id/aria-label tokens in the raw markup (``class="customer-logos"``),
each found in one Aho-Corasick pass. Each hit is then traced to its
element, and the element's surroundings become a *root* whose images are
worth judging. A page with no hit has no customer section at all.

Roots are only a prefilter: ``Sections.of`` still decides each image.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from logocheck.extract.document import Document, HtmlElement, text_content
from logocheck.extract.sections import Usage
from logocheck.extract.textscan import Hits, Literals
from logocheck.vocab import Vocabulary

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_ATTRIBUTES = re.compile(r"""\s(class|id|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_ROOT_TEXT_MAX = 240
SECTION, CARD = 0, 1
#: Class tokens of testimonial cards ("elementor-testimonial-wrapper").
#: Only "testimonial": "quote" and "review" are too common in prose to scan for
#: (cards with those classes hold a <blockquote>, quote marks or Review microdata).
CARD_TOKENS = (b"testimonial",)
_IN_URL = frozenset(b"/.?=&%")
_LITERAL_PREFIX = re.compile(r"[a-z][a-z ]{2,}")
_NAMES = ("class", "id", "aria-label", "class ", "id ", "aria-label ")
_MEDIA = ("img", "svg", "picture", "object", "embed", "blockquote", "figure")
_USAGE_SPANS_MAX = 40


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

    def triggers(self) -> list[bytes]:
        """The literal words the heading patterns start with, for the text scan."""
        return [prefix for prefix in self.patterns if prefix]

    def tokens_in(self, value: str, kind: int) -> bool:
        """Whether a token of ``kind`` starts a word of ``value`` (an attribute value)."""
        lower = value.lower().encode("utf-8", "ignore")
        return any(
            found == kind and not _word_before(lower, start)
            for start, _, found in self.tokens.find(lower, False)
        )


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
) -> Anchors:
    """Disjoint subtrees that hold every image a customer mark can reach, and quote cards."""
    spans = _usage_spans(doc, usage, products) if usage is not None else []
    found = [_root(element) for element in _phrase_elements(doc, vocab, hits, spans)]
    cards: list[HtmlElement] = []
    for kind, element in _token_elements(doc, vocab):
        (found if kind == SECTION else cards).append(element)
    return Anchors(_outermost(found), cards)


def _usage_spans(doc: Document, usage: Usage, products: frozenset[str]) -> list[tuple[int, int]]:
    """Byte spans of the flat text where a group is linked to the product ("teams run on Acme").

    Only a page that names its product is read, and then only the words
    around each mention, so the cost follows how often the page names
    itself, not its length.
    """
    lower = doc.flat_lower
    if not any(p.encode("utf-8") in lower for p in products):
        return []
    text = lower.decode("utf-8", "replace")
    spans = []
    for start, end in islice(usage.spans(text, products), _USAGE_SPANS_MAX):
        spans.append((len(text[:start].encode("utf-8")), len(text[:end].encode("utf-8"))))
    return spans


def _phrase_elements(
    doc: Document, vocab: AnchorVocab, hits: Hits, extra: list[tuple[int, int]]
) -> Iterator[HtmlElement]:
    text, lower = doc.flat_utf8, doc.flat_lower
    spans = list(hits.headings) + extra
    for start, trigger in hits.triggers:
        for pattern in vocab.patterns.get(trigger, ()):
            match = pattern.match(lower, start)
            if match is not None:
                spans.append(match.span())
    for pattern in vocab.patterns.get(b"", ()):
        spans += [m.span() for m in pattern.finditer(lower)]
    seen: set[bytes] = set()
    for start, end in spans:
        phrase = lower[start:end]
        if phrase not in seen:
            seen.add(phrase)
            written = text[start:end].decode("utf-8", "ignore")
            for element in doc.elements_with_text(phrase.decode("utf-8", "ignore"), written):
                if len(text_content(element)) <= _ROOT_TEXT_MAX:  # a label, not prose
                    yield element


def _token_elements(doc: Document, vocab: AnchorVocab) -> Iterator[tuple[int, HtmlElement]]:
    markup = doc.markup_lower
    done: set[tuple[int, int]] = set()
    data = doc.markup_bytes
    for start, _, kind in vocab.tokens.find(data, bounded=False):
        if start and data[start - 1] in _IN_URL:
            continue  # "/assets/logos/x.png", "/customers/y/": a URL, not a class
        opening = markup.rfind("<", max(0, start - 2000), start)
        if opening < 0 or (opening, kind) in done or opening < markup.rfind(">", opening, start):
            continue  # already seen, or text rather than a tag
        if _word_before(doc.markup_bytes, start):
            continue
        equals = markup.rfind("=", opening, start)
        if equals < 0 or not markup.endswith(_NAMES, max(0, equals - 12), equals):
            continue  # not in a class, id or aria-label value (src, href ...)
        done.add((opening, kind))
        closing = markup.find(">", start)
        tag = _TAG.match(markup, opening)
        if tag is None:
            continue
        source = markup[opening : closing if closing > 0 else len(markup)]
        values = [_value(m) for m in _ATTRIBUTES.finditer(source)]
        if any(vocab.tokens_in(v, kind) for v in values):
            line = doc.line_at(opening)
            element = doc.element_at(tag.group(1), line, values, offset=opening)
            if element is not None:
                yield kind, element


def _word_before(data: bytes, start: int) -> bool:
    return start > 0 and (data[start - 1] >= 0x80 or chr(data[start - 1]).isalnum())


def _value(match: re.Match[str]) -> str:
    return next((v for v in match.groups()[1:] if v is not None), "")


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
