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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from logocheck.extract.document import Document, HtmlElement, text_content
from logocheck.extract.memory import STRING_ANSWERS_KEPT
from logocheck.extract.textscan import phrase_trie
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
    mixed: bool = False
    """A customer heading that names partners too ("Customers and partners")."""


def phrase_pattern(phrases: Iterable[str], patterns: Iterable[str] = ()) -> re.Pattern[str]:
    """One case-insensitive regex matching any phrase on word boundaries."""
    parts = [_bounded(p.lower().split()) for p in phrases if p.strip()]
    alternatives = ["|".join(sorted(parts, key=len, reverse=True)) or r"(?!x)x"]
    alternatives += [f"(?:{p})" for p in patterns]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def phrase_test(phrases: Iterable[str], patterns: Iterable[str] = ()) -> re.Pattern[str]:
    """A regex that finds a phrase wherever ``phrase_pattern`` does, as tries.

    For a yes-or-no search, or where a match starts: the phrases are
    grouped by the word boundaries they need and each group is one trie,
    so a search costs a few steps a character instead of one per phrase.
    A match starts where ``phrase_pattern``'s would; which phrase matched
    (its length) may differ.
    """
    by_bounds: dict[tuple[str, str], list[str]] = {}
    for phrase in phrases:
        words = phrase.lower().split()
        if words:
            by_bounds.setdefault(_bounds(words), []).append(" ".join(words))
    parts = [f"{b}(?:{phrase_trie(group)}){a}" for (b, a), group in by_bounds.items()]
    parts += [f"(?:{p})" for p in patterns]
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


def _bounds(words: list[str]) -> tuple[str, str]:
    before = r"(?<!\w)" if re.match(r"\w", words[0]) and not _cjk(words[0][0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) and not _cjk(words[-1][-1]) else ""
    return before, after


def _bounded(words: list[str]) -> str:
    """A phrase as a regex, held to word boundaries where it starts or ends with a word.

    Chinese, Japanese and Korean run words together without spaces, so a
    phrase in those scripts matches inside a longer run ("主な導入実績").
    """
    body = r"\s+".join(map(re.escape, words))
    before, after = _bounds(words)
    return f"{before}{body}{after}"


def _cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\ud7af" or "\uf900" <= char <= "\uffdc"


def token_pattern(tokens: Iterable[str]) -> re.Pattern[str]:
    """Regex for class/id tokens, matched at the start of a word."""
    escaped = sorted((re.escape(t.lower()) for t in tokens if t.strip()), key=len, reverse=True)
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(escaped)})", re.IGNORECASE)


class SectionVocab:
    """The sections vocabulary, compiled once per scan."""

    def __init__(self, vocab: Vocabulary) -> None:
        # only where a match starts is read: tries, not one branch per phrase
        self.customer = phrase_test(
            vocab.get("customer_headings", ()), vocab.get("customer_heading_patterns", ())
        )
        self.not_customer = phrase_test(vocab.get("not_customer_headings", ()))
        self.customer_classes = token_pattern(vocab.get("customer_classes", ()))
        self.logo_groups = token_pattern(vocab.get("logo_group_classes", ()))
        self.not_classes = token_pattern(vocab.get("not_customer_classes", ()))
        self.paths = [re.compile(p, re.IGNORECASE) for p in vocab.get("customer_paths", ())]
        self.titles = phrase_test(vocab.get("customer_titles", ()))
        self.partners = phrase_test(vocab.get("partner_headings", ()))
        self.name_joiners = _words(vocab.get("name_joiners", ()))
        self.layout_alts = _words(vocab.get("layout_alts", ()))
        self.mark_decorations = _words(vocab.get("mark_decorations", ()))
        self.usage = Usage(vocab.get("customer_groups", ()), vocab.get("use_verbs", ()))
        # A site repeats its class names and headings on every page (a footer,
        # a nav), and each verdict is a few regex searches over the same
        # string: a pure function of it, so each is worked out once a process.
        self._judged = lru_cache(STRING_ANSWERS_KEPT)(self._judge)
        self._tokened = lru_cache(STRING_ANSWERS_KEPT)(self._tokens)

    def heading(self, text: str, products: frozenset[str] = frozenset()) -> Verdict | None:
        """The verdict of a heading (see ``judge``)."""
        return self.judge(text, products)[0]

    def judge(
        self, text: str, products: frozenset[str] = frozenset()
    ) -> tuple[Verdict | None, bool]:
        """The verdict of a heading, and whether it mixes customers with partners
        (see ``_judge``; remembered per text and products)."""
        return self._judged(text, products)

    def tokens(self, value: str) -> tuple[Verdict, int] | None:
        """The verdict of ``class``/``id`` tokens, with its strength (see ``_tokens``;
        remembered per value)."""
        return self._tokened(value)

    def _judge(
        self, text: str, products: frozenset[str] = frozenset()
    ) -> tuple[Verdict | None, bool]:
        """The verdict of a heading, and whether it mixes customers with partners.

        Whichever vocabulary matches first wins, except that a heading naming
        customers and partners together is a customer section (each brand is
        still presented as a user), and a heading that links companies to the
        product with a verb of use is one whatever else it says.
        """
        yes = self.customer.search(text)
        no = self.not_customer.search(text)
        if yes and no and self.partners.search(text):
            return "customer", True
        if yes and (not no or yes.start() <= no.start()):
            return "customer", False
        used = self.usage.span(text, products) if len(text) <= _USAGE_HEADING_MAX else None
        if used is not None and (not no or used[0] < no.start()):
            return "customer", False
        return ("not" if no else None), False

    def _tokens(self, value: str) -> tuple[Verdict, int] | None:
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


class Usage:
    """Sentences linking a group of companies to the product with a verb of use.

    "Fast-growing companies choose Acme", "Engineering teams run on Acme",
    "Companies using Acme" (active: group, verb, then the product), and
    "Acme is trusted by the best teams" (passive: the product, a verb, "by",
    a group). Read only where the page names its own product, and only in
    short text (a heading or a lead line, not prose).
    """

    def __init__(self, groups: Iterable[str], verbs: Iterable[str]) -> None:
        # a phrase counts by its last word ("industry leaders") or first ("rely on")
        self.groups = frozenset(g.lower().split()[-1] for g in groups if g.strip())
        self.verbs = frozenset(v.lower().split()[0] for v in verbs if v.strip())

    def span(self, text: str, products: frozenset[str]) -> tuple[int, int] | None:
        """Where in ``text`` the first linking sentence is, or None."""
        return next(self.spans(text, products), None)

    def spans(self, text: str, products: frozenset[str]) -> Iterator[tuple[int, int]]:
        """Where in ``text`` each linking sentence is.

        Only the words of the same sentence next to the product are read:
        a verb among the few words before it and a group among the words
        before the verb (active), or "is/are ... <verb> by ... <group>"
        after it (passive). Set lookups on a handful of words, so a page
        that names its product often stays cheap.
        """
        lower = text.lower()
        for product in products:
            for start, end in _mentions(lower, product):
                found = self.at(lower, start, end)
                if found is not None:
                    yield found

    def at(self, lower: str, start: int, end: int) -> tuple[int, int] | None:
        """The linking sentence around the product named at ``start:end`` of ``lower``.

        Only the ``WINDOW`` characters on each side are read.
        """
        begun = self._active(lower, start)
        if begun is not None:
            return begun, end
        ended = self._passive(lower, end)
        return None if ended is None else (start, ended)

    def _active(self, lower: str, start: int) -> int | None:
        offset = max(0, start - WINDOW)
        window = lower[offset:start]
        if self.verbs.isdisjoint(_PUNCTUATION.sub(" ", window).split()):
            return None  # no verb of use before the product: the common case, decided fast
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        if cut >= 0:
            offset, window = offset + cut + 2, window[cut + 2 :]
        words = list(_WORD.finditer(window))
        for at in range(len(words) - 1, max(-1, len(words) - 1 - _VERB_WORDS), -1):
            if words[at].group() not in self.verbs:
                continue
            for before in range(at - 1, max(-1, at - 1 - _GROUP_WORDS), -1):
                if words[before].group() in self.groups and not _ours(words, before):
                    return offset + words[before].start()
        return None

    def _passive(self, lower: str, end: int) -> int | None:
        head = lower[end : end + 12].lstrip(" ,:;-").split(" ", 1)[0]
        if head not in _TO_BE:
            return None  # "Acme is ...", "Acme's are ...": decided before any regex
        window = _BREAK.split(lower[end : end + WINDOW], maxsplit=1)[0]
        words = list(_WORD.finditer(window))
        texts = [w.group() for w in words]
        if not texts or texts[0] not in _TO_BE:
            return None
        by = next((i for i, w in enumerate(texts[:5]) if w == "by"), None)
        if by is None or not any(w in self.verbs for w in texts[1:by]):
            return None
        last = min(len(texts), by + 1 + _GROUP_WORDS)
        group = next((i for i in range(by + 1, last) if texts[i] in self.groups), None)
        return None if group is None else end + words[group].end()


_WORD = re.compile(r"[\w'’-]+")
_BREAK = re.compile(r"[.!?](?:\s|$)")
_PUNCTUATION = re.compile(r"[^\w'’-]+")
_TO_BE = frozenset({"is", "are", "was", "were", "gets", "get", "has", "have"})
_VERB_WORDS = 4
_GROUP_WORDS = 6


def _mentions(lower: str, product: str) -> Iterator[tuple[int, int]]:
    """Where ``product`` stands as whole words in ``lower``."""
    position = lower.find(product)
    while position >= 0:
        end = position + len(product)
        before = lower[position - 1] if position else " "
        after = lower[end] if end < len(lower) else " "
        if not (before.isalnum() or after.isalnum()):
            yield position, end
        position = lower.find(product, end)


def _ours(words: list[re.Match[str]], at: int) -> bool:
    """ "Our engineers built Acme": the site's own people, not its customers."""
    return at > 0 and words[at - 1].group() in ("our", "my", "we")


#: Longest heading or label read for a usage sentence (longer text is prose).
_USAGE_HEADING_MAX = 120
WINDOW = 100


def _words(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in words if w.strip())


def _alternation(words: Iterable[str]) -> str:
    parts = sorted(
        (r"\s+".join(map(re.escape, w.lower().split())) for w in words if w.strip()),
        key=len,
        reverse=True,
    )
    return "|".join(parts) or r"(?!x)x"


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
        products: frozenset[str] = frozenset(),
    ) -> None:
        self.products = products
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
            verdict, mixed = self.vocab.judge(label, self.products)
            if verdict:
                return Mark(verdict, HEADING, label.strip(), mixed)
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
            verdict, mixed = self.vocab.judge(text, self.products)
            if verdict:
                return Mark(verdict, HEADING, label, mixed), title
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
