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

from logocheck.extract.document import Document, HtmlElement, text_content
from logocheck.extract.textscan import Hits, Literals
from logocheck.vocab import Vocabulary

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_ATTRIBUTES = re.compile(r"""\s(class|id|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_ROOT_TEXT_MAX = 240
_NAMES = ("class", "id", "aria-label", "class ", "id ", "aria-label ")
_MEDIA = ("img", "svg", "picture", "object", "embed", "blockquote", "figure")


class AnchorVocab:
    """The sections vocabulary as literal sets, compiled once per scan."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.patterns = [
            re.compile(p.encode("utf-8")) for p in vocab.get("customer_heading_patterns", ())
        ]
        tokens = (*vocab.get("customer_classes", ()), *vocab.get("logo_group_classes", ()))
        self.tokens = Literals({t.lower().encode("utf-8"): (0,) for t in tokens if t.strip()})

    def tokens_in(self, value: str) -> bool:
        """Whether a token starts a word of ``value`` (an attribute value)."""
        lower = value.lower().encode("utf-8", "ignore")
        return any(not _word_before(lower, start) for start, _, _ in self.tokens.find(lower, False))


def roots(doc: Document, vocab: AnchorVocab, hits: Hits) -> list[HtmlElement]:
    """Disjoint subtrees that hold every image a customer mark can reach."""
    found = [_root(element) for element in _phrase_elements(doc, vocab, hits)]
    found += _token_elements(doc, vocab)
    return _outermost(found)


def _phrase_elements(doc: Document, vocab: AnchorVocab, hits: Hits) -> Iterator[HtmlElement]:
    text, lower = doc.flat_utf8, doc.flat_lower
    spans = list(hits.headings)
    for pattern in vocab.patterns:
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


def _token_elements(doc: Document, vocab: AnchorVocab) -> Iterator[HtmlElement]:
    markup = doc.markup_lower
    done: set[int] = set()
    for start, _, _ in vocab.tokens.find(doc.markup_bytes, bounded=False):
        if _word_before(doc.markup_bytes, start):
            continue
        equals = markup.rfind("=", max(0, start - 400), start)
        if equals < 0 or not markup.endswith(_NAMES, max(0, equals - 12), equals):
            continue  # not in a class, id or aria-label value (src, href, text ...)
        opening = markup.rfind("<", 0, start)
        if opening in done or opening < markup.rfind(">", 0, start):
            continue  # already seen, or text rather than a tag
        done.add(opening)
        closing = markup.find(">", start)
        tag = _TAG.match(markup, opening)
        if tag is None:
            continue
        source = markup[opening : closing if closing > 0 else len(markup)]
        values = [_value(m) for m in _ATTRIBUTES.finditer(source)]
        if any(vocab.tokens_in(v) for v in values):
            line = markup.count("\n", 0, opening) + 1
            element = doc.element_at(tag.group(1), line, values)
            if element is not None:
                yield element


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
