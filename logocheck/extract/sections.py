"""Which parts of a page present customers, and which present something else.

A part of a page gets a *mark* from what labels it: an explicit selector in
the config, a heading or ``aria-label`` read against the vocabulary, its
``class``/``id`` tokens, or its landmark (header, nav, footer). Marks are
found bottom-up, only for the elements that matter (logo candidates,
quotes), so a page costs in proportion to what it shows, not to its size.

The mark of an element is the strongest mark among it and its ancestors;
between equally strong marks the nearest wins. So a "Partners" heading
outweighs a generic ``logos`` class below it, and a "Trusted by" heading in
the footer outweighs the footer landmark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from logocheck.extract.document import Document, HtmlElement, text_content
from logocheck.vocab import Vocabulary

Verdict = Literal["customer", "not"]

#: Strength of a mark: page default < landmark or generic class < class token
#: < heading text < explicit selector.
PAGE, WEAK, TOKEN, HEADING, EXPLICIT = 0, 1, 2, 3, 4

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LANDMARKS = {"header": "header", "nav": "nav", "footer": "footer", "aside": "aside"}
_LANDMARK_ROLES = {"banner", "navigation", "contentinfo", "complementary"}
_LABEL_MAX = 240
#: Elements that make a block content rather than a title.
_CONTENT = ("img", "svg", "picture", "blockquote", "figure", "ul", "ol", "table", "form", "video")
_SIBLINGS_MAX = 12
_EYEBROW_MAX = 60
_TITLE_CHILDREN = 5
#: Siblings that start another part of the page: a heading before them labels them, not us.
_SECTIONING = frozenset(("section", "article", "aside", "footer", "nav", "main"))
#: Elements that can be an eyebrow label above a logo row, and what a label never holds.
_LABEL_TAGS = frozenset(("p", "span", "div", "strong", "b", "em", "small", "label", "dt", "legend"))
_NOT_IN_LABEL = ("a", "img", "svg", "button", "nav", "ul", "ol", "input")


@dataclass(frozen=True, slots=True)
class Mark:
    """How a part of the page is labelled, how strongly, and by what text."""

    verdict: Verdict
    strength: int
    label: str


def phrase_pattern(phrases: Iterable[str], patterns: Iterable[str] = ()) -> re.Pattern[str]:
    """One case-insensitive regex matching any phrase on word boundaries."""
    parts = [_bounded(p.lower().split()) for p in phrases if p.strip()]
    alternatives = ["|".join(sorted(parts, key=len, reverse=True)) or r"(?!x)x"]
    alternatives += [f"(?:{p})" for p in patterns]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _bounded(words: list[str]) -> str:
    """A phrase as a regex, held to word boundaries where it starts or ends with a word."""
    body = r"\s+".join(map(re.escape, words))
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return f"{before}{body}{after}"


def token_pattern(tokens: Iterable[str]) -> re.Pattern[str]:
    """Regex for class/id tokens, matched at the start of a word."""
    escaped = sorted((re.escape(t.lower()) for t in tokens if t.strip()), key=len, reverse=True)
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(escaped)})", re.IGNORECASE)


class SectionVocab:
    """The sections vocabulary, compiled once per scan."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.customer = phrase_pattern(
            vocab.get("customer_headings", ()), vocab.get("customer_heading_patterns", ())
        )
        self.not_customer = phrase_pattern(vocab.get("not_customer_headings", ()))
        self.customer_classes = token_pattern(vocab.get("customer_classes", ()))
        self.logo_groups = token_pattern(vocab.get("logo_group_classes", ()))
        self.not_classes = token_pattern(vocab.get("not_customer_classes", ()))
        self.paths = [re.compile(p, re.IGNORECASE) for p in vocab.get("customer_paths", ())]
        self.titles = phrase_pattern(vocab.get("customer_titles", ()))

    def heading(self, text: str) -> Verdict | None:
        """The verdict of a heading: whichever vocabulary matches first wins."""
        yes = self.customer.search(text)
        no = self.not_customer.search(text)
        if yes and (not no or yes.start() <= no.start()):
            return "customer"
        return "not" if no else None

    def tokens(self, value: str) -> tuple[Verdict, int] | None:
        """The verdict of ``class``/``id`` tokens, with its strength."""
        yes = self.customer_classes.search(value)
        no = self.not_classes.search(value)
        if yes and (not no or yes.start() <= no.start()):
            return "customer", TOKEN
        if no:
            return "not", TOKEN
        return ("customer", WEAK) if self.logo_groups.search(value) else None

    def customer_page(self, path: str, title: str) -> bool:
        if any(p.search(path) for p in self.paths):
            return True
        return bool(title) and self.titles.search(title) is not None


def _previous(element: HtmlElement) -> HtmlElement | None:
    """The previous sibling element (processing instructions and the like skipped)."""
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return previous


def text_of(element: HtmlElement) -> str:
    """Whitespace-collapsed text of an element, with a space between its pieces."""
    return " ".join(" ".join(element.itertext()).split())


class Sections:
    """Resolves the mark of any element of one document, caching per element."""

    def __init__(
        self,
        doc: Document,
        vocab: SectionVocab,
        explicit: Mapping[HtmlElement, Mark],
        page_mark: Mark | None,
    ) -> None:
        self.doc = doc
        self.vocab = vocab
        self.explicit = explicit
        self.page_mark = page_mark
        self._own: dict[HtmlElement, Mark | None] = {}
        self._scope: dict[HtmlElement, tuple[Mark | None, str]] = {}
        self._headings: dict[HtmlElement, tuple[int, str, str] | None] = {}

    def of(self, element: HtmlElement) -> tuple[Mark | None, str]:
        """The mark deciding ``element``'s section and the heading it sits under."""
        best: Mark | None = None
        heading = ""
        node: HtmlElement | None = element
        while node is not None and node is not self.doc.root:
            own = self.own(node)
            scope, title = self.scope(node)
            heading = heading or title
            for mark in (own, scope):
                if mark is not None and (best is None or mark.strength > best.strength):
                    best = mark
            node = node.getparent()
        best = best or self.page_mark
        return best, (best.label if best and best.label else heading)

    def first_title(self, node: HtmlElement) -> str:
        """The nearest heading above ``node`` (its own or an ancestor's), labelled or not."""
        current: HtmlElement | None = node
        while current is not None and current is not self.doc.root:
            title = self.scope(current)[1]
            if title:
                return title
            current = current.getparent()
        return ""

    def own(self, node: HtmlElement) -> Mark | None:
        """The mark an element carries itself (selector, aria-label, class, landmark)."""
        if node in self._own:
            return self._own[node]
        mark = self.explicit.get(node) or self._attributes(node)
        self._own[node] = mark
        return mark

    def _attributes(self, node: HtmlElement) -> Mark | None:
        label = node.get("aria-label")
        if label and node.tag not in ("a", "img", "svg", "button"):
            verdict = self.vocab.heading(label)
            if verdict:
                return Mark(verdict, HEADING, label.strip())
        tokens = " ".join(filter(None, (node.get("class"), node.get("id"))))
        if node.tag in ("html", "body"):
            tokens = ""  # theme switches ("tweak-social-icons-style"), not a section
        found = self.vocab.tokens(tokens) if tokens else None
        if found:
            return Mark(found[0], found[1], "")
        if node.tag in _LANDMARKS or node.get("role") in _LANDMARK_ROLES:
            return Mark("not", WEAK, "")
        return None

    def scope(self, node: HtmlElement) -> tuple[Mark | None, str]:
        """The heading that labels ``node`` from among its preceding siblings.

        Scanning back, the first labelled heading wins; a neutral heading
        closes the scan for headings of its rank and below, and a long block
        with a heading of its own (the previous section) ends it.
        """
        cached = self._scope.get(node)
        if cached is not None:
            return cached
        pending: list[HtmlElement] = []
        current = node
        while True:  # skip runs of plain siblings (logo after logo), reusing what is known
            previous = _previous(current)
            if previous is None or previous.tag in _SECTIONING:
                result: tuple[Mark | None, str] = (None, "")
                break
            if current.tag in _SECTIONING and previous.tag not in HEADINGS:
                result = (None, "")  # a section is labelled only by a heading right before it
                break
            if self._heading(previous) is not None:
                result = self._scan(current)
                break
            pending.append(current)
            current = previous
            known = self._scope.get(current)
            if known is not None:
                result = known
                break
        for done in (*pending, current):
            self._scope[done] = result
        return result

    def _scan(self, node: HtmlElement) -> tuple[Mark | None, str]:
        limit = 8
        title = ""
        for count, sibling in enumerate(node.itersiblings(preceding=True)):
            if count >= _SIBLINGS_MAX or limit <= 1 or sibling.tag in _SECTIONING:
                break
            if node.tag in _SECTIONING and (count or sibling.tag not in HEADINGS):
                break  # a section is labelled only by a heading right before it
            found = self._heading(sibling)
            if found is None:
                continue
            rank, text, label = found
            if rank >= limit:
                continue
            if rank <= 6:
                title = title or label
            verdict = self.vocab.heading(text)
            if verdict:
                return Mark(verdict, HEADING, label), title
            if rank <= 6:
                limit = rank
            if rank == 0:
                break
        return None, title

    def _heading(self, sibling: HtmlElement) -> tuple[int, str, str] | None:
        if sibling in self._headings:
            return self._headings[sibling]
        found = self._heading_of(sibling)
        self._headings[sibling] = found
        return found

    def _heading_of(self, sibling: HtmlElement) -> tuple[int, str, str] | None:
        """(rank, text, label) when ``sibling`` is a heading, a title block or a label.

        Rank 1-6 for headings, 7 for a short label (an eyebrow ``<p>``), 0 for
        a long block that holds a heading of its own.
        """
        tag = sibling.tag
        if not isinstance(tag, str):
            return None
        if tag in HEADINGS:
            text = text_of(sibling)
            return int(tag[1]), text, text
        if sibling.get("role") == "heading":
            text = text_of(sibling)
            return int(sibling.get("aria-level") or 2), text, text
        inner = next(sibling.iter(*HEADINGS), None)
        if inner is None and tag not in _LABEL_TAGS:
            return None
        if inner is not None and len(sibling) > _TITLE_CHILDREN:
            return 0, "", ""  # a block of content with its own heading: the previous section
        if len(text_content(sibling)) > _LABEL_MAX * 2:
            return (0, "", "") if inner is not None else None
        text = text_of(sibling)
        if inner is not None:
            media = next(sibling.iter(*_CONTENT), None)
            if len(text) <= _LABEL_MAX and media is None:
                label = text_of(inner)
                pieces = [" ".join(t.split()) for t in sibling.itertext()]
                eyebrows = [p for p in pieces if 0 < len(p) <= _EYEBROW_MAX and p not in label]
                return int(str(inner.tag)[1]), " · ".join([label, *eyebrows]), label
            return 0, "", ""
        short = tag in _LABEL_TAGS and 0 < len(text) <= _LABEL_MAX and len(sibling) <= 3
        if short and next(sibling.iter(*_NOT_IN_LABEL), None) is None:
            return 7, text, text
        return None
