"""Claims written in text: counts, named users and case studies.

Patterns run over the page's visible text in one pass each (C speed), and
only a match is traced back to its element for provenance, so a page with
no claim costs a few regular-expression scans. Testimonials, which are
found by markup, live in ``testimonials.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from logocheck.extract.brands import BrandMatcher, capitalised_names
from logocheck.extract.counts import NUMBER, parse_count, vague_bounds
from logocheck.extract.document import Document, HtmlElement
from logocheck.extract.memory import STRING_ANSWERS_KEPT
from logocheck.extract.named import NamedVocab, Sentences
from logocheck.extract.namepatterns import CAPITAL, NamePattern
from logocheck.extract.sections import (
    HEADINGS,
    TOKEN,
    Sections,
    phrase_pattern,
    phrase_test,
    text_of,
)
from logocheck.extract.textscan import Hits, phrase_trie
from logocheck.model import Claim, ClaimKind, Location
from logocheck.urls import split
from logocheck.vocab import Vocabulary

_WORD = rf"{CAPITAL}[\w&'’!.-]*(?<![.'’])"
NAME = rf"{_WORD}(?:[ \u00a0](?:{_WORD}|&|of|de|von|van))*"
_AND = r"[ \u00a0]*,?[ \u00a0]+(?:and|&|und|et)[ \u00a0]+"
NAMES = rf"{NAME}(?:[ \u00a0]*,[ \u00a0]*{NAME})*(?:{_AND}{NAME})?"
_SENTENCE_END = re.compile(r"[.!?\n](?=\s)|\n")
_TEXT_MAX = 240
_POSSESSIVE = re.compile(r"['’]s\b.*$")
_INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
    ]
)
CASE_STUDY_PATH = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]{2})?/)?(customers?|case-stud(?:y|ies)|customer-stories|"
    r"success-stories|stories|clients?|kunden|referenzen)/(?!page/|tag/|category/)([\w.-]+)/?"
    r"(?:index\.html?)?$",
    re.IGNORECASE,
)


#: Up to two words between a number and its noun ("10,000 happy customers").
#: Each word and the spaces after it are taken whole (``*+``, ``++``): the
#: next piece starts with a letter, so giving some back cannot make a match,
#: and a failing match would otherwise retry every split of the text.
_FEW_WORDS = r"(?:[a-z][\w'-]*+\s++){0,2}?"


def _words(values: Iterable[str]) -> str:
    return phrase_trie(values)


class ClaimVocab:
    """The claims vocabulary compiled into the patterns this module runs.

    No pattern here scans a whole page: each is tried where the text scan
    found a candidate (a number, a number word, "join", a product mention).
    """

    def __init__(self, vocab: Vocabulary) -> None:
        self.always = frozenset(n.lower() for n in vocab.get("always_counted", ()))
        nouns = _words([*vocab.get("customer_nouns", ()), *vocab.get("other_nouns", ())]).lower()
        self.count = re.compile(rf"{NUMBER}\s*+{_FEW_WORDS}(?P<noun>{nouns})(?!\w)", re.IGNORECASE)
        self.vague = vague_bounds(vocab.get("vague_numbers", ()))
        self.vague_count = re.compile(
            rf"(?P<vague>{_words(self.vague)})\s++(?:of\s++|d['’]|de\s++)?"
            rf"{_FEW_WORDS}(?P<noun>{nouns})(?!\w)",
            re.IGNORECASE,
        )
        self.cues = phrase_test(vocab.get("count_cues", ()))
        self.non_cues = phrase_test(vocab.get("count_non_cues", ()))
        self.named_users = NamedVocab(vocab)
        self.join = NamePattern(
            rf"(?i:join)\s+(?P<brands>{NAMES}),?\s+(?i:and)\s+(?i:over\s+|more than\s+)?"
            rf"\d[\d,.]*\s*(?i:k|m)?\+?\s+(?i:others|more|other\s+\w+)"
        )
        self.case_links = phrase_pattern(vocab.get("case_study_links", ()))
        self.roles = frozenset(r.lower() for r in vocab.get("roles", ()))
        self.list_not = phrase_test(vocab.get("list_not_headings", ()))


@dataclass(slots=True)
class ClaimFinder:
    """Finds the text claims of one document."""

    doc: Document
    sections: Sections
    vocab: ClaimVocab
    brands: BrandMatcher
    products: frozenset[str]
    hits: Hits
    _statistics: dict[int, bool] = field(default_factory=dict)
    _made: dict[tuple[HtmlElement, str, str, str, tuple[str, ...], str], Claim] = field(
        default_factory=dict
    )
    _counts: dict[tuple[Claim, int, str], Claim] = field(default_factory=dict)

    def claims(self) -> list[Claim]:
        """Each distinct claim of the page once: copy that repeats a sentence
        makes the same claim (same block, same text) each time it says it."""
        found = [*self.counts(), *self.named_users(), *self.case_studies()]
        return list(dict.fromkeys(found))

    def counts(self) -> Iterator[Claim]:
        """Counts in digits ("10,000+ teams") and in words ("thousands of companies")."""
        if not self.hits.counts:
            return
        text = self.doc.text
        for match in self._numbers(text, self.hits.numbers):
            noun = match.group("noun").lower()
            cued = match.group("plus") or match.group("mult") or noun in self.vocab.always
            if self._counted(match, bool(cued)):
                count = parse_count(match.group("num"), match.group("mult"))
                yield from self._count(match, count, noun)
        for start in self.hits.vague:
            vague = self.vocab.vague_count.match(text, start)
            if vague is not None and self._counted(vague, False):
                bound = self.vocab.vague[" ".join(vague.group("vague").lower().split())]
                yield from self._count(vague, bound, vague.group("noun").lower())

    def _counted(self, match: re.Match[str], cued: bool) -> bool:
        """Whether a number with its noun is a claim: cued, and not a statistic."""
        text = self.doc.text
        start = text.rfind("\n", 0, match.start()) + 1
        if self._statistic(start):
            return False
        window = text[max(start, match.start() - 160) : match.end() + 40]
        return cued or self.vocab.cues.search(window) is not None

    def _statistic(self, start: int) -> bool:
        """Whether the line starting at ``start`` reads as a statistic (asked once a line)."""
        if start not in self._statistics:
            text = self.doc.text
            end = text.find("\n", start)
            found = self.vocab.non_cues.search(text[start : end if end >= 0 else len(text)])
            self._statistics[start] = found is not None
        return self._statistics[start]

    def _count(self, match: re.Match[str], count: int, noun: str) -> Iterator[Claim]:
        claim = self._claim("count", match.span(), ())
        if claim is not None:
            key = (claim, count, " ".join(noun.split()))
            if key not in self._counts:  # the same count in the same sentence: one claim
                self._counts[key] = _with_count(*key)
            yield self._counts[key]

    def _numbers(self, text: str, starts: list[int]) -> Iterator[re.Match[str]]:
        """The count pattern tried where the text scan found numbers, on a text
        where one has a count noun after it (a regex scan of the page costs more)."""
        for start in starts:
            if start > 1 and text[start - 1] in _GROUPING and text[start - 2].isdigit():
                continue  # the "000" of "4 000"
            match = self.vocab.count.match(text, start)
            if match is not None:
                yield match

    def named_users(self) -> Iterator[Claim]:
        """Named users: "Globex leverages Acme", "Acme is used by Globex", "Join Globex".

        Sentences are read from the product's mentions (see ``named``); "join"
        claims need no product.
        """
        text = self.doc.text
        for span, run in Sentences(self.vocab.named_users, text, self.hits).found():
            yield from self._named(span, run)
        for position in self.hits.joins:
            found = self.vocab.join.match(text, position)
            if found is not None:
                yield from self._named(found.span(), found.group("brands"), "join")

    def _named(self, span: tuple[int, int], run: str, method: str = "sentence") -> Iterator[Claim]:
        names = self.names(run)
        if names:
            claim = self._claim("named-user", span, names, method)
            if claim is not None:
                yield claim

    def names(self, run: str) -> tuple[str, ...]:
        """Brand names in a captured list: known brands first, then capitalised names."""
        names = [n for n in self.brands.find(run) if n.lower() not in self.products]
        for name in capitalised_names(run):
            lower = name.lower()
            if lower in self.products or any(lower in n.lower() for n in names):
                continue
            names.append(name)
        return tuple(names)

    def _claim(
        self, kind: ClaimKind, span: tuple[int, int], brands: tuple[str, ...], method: str = ""
    ) -> Claim | None:
        matched = self.doc.text[span[0] : span[1]]
        element = self.block_of(matched)
        if element is None:
            return None
        mark, heading = self.sections.of(element)
        if mark is not None and mark.verdict == "not" and mark.strength >= TOKEN:
            return None
        own = text_of(element)
        fits = len(" ".join(matched.split())) <= len(own) <= _TEXT_MAX
        text = own if fits else _sentence(self.doc.text, span)
        key = (element, heading, kind, text, brands, method)
        if key not in self._made:  # copy that says the same sentence twice makes one claim
            where = self.location(element, heading)
            self._made[key] = Claim(where, kind, text, brands, method=method)
        return self._made[key]

    def block_of(self, text: str) -> HtmlElement | None:
        """The nearest block element holding ``text`` (or its longest line)."""
        pieces = [p for p in re.split(r"\s*\n\s*", text) if p.strip()]
        for piece in pieces[:1] + sorted(pieces[1:], key=len, reverse=True)[:2]:
            element = self.doc.locate(piece)
            while element is not None and element.tag in _INLINE:
                element = element.getparent()
            if element is not None:
                return element
        return None

    def location(self, element: HtmlElement, heading: str) -> Location:
        return self.doc.location(element, heading)

    def case_studies(self) -> Iterator[Claim]:
        page = self.page_case_study()
        if page is not None:
            yield page
        cards = list(self.case_study_cards())
        yield from cards
        named = {b.lower() for claim in cards for b in claim.brands}
        yield from (c for c in self.story_links() if c.brands[0].lower() not in named)

    def page_case_study(self) -> Claim | None:
        """The page itself is a case study: a customer-story URL with a slug, or a story title.

        "Customer story: Globex", "Globex case study" in the h1 or title make
        a story page wherever it lives; "How Globex …" only on a story URL.
        """
        path = split(self.doc.page.url).path
        found = CASE_STUDY_PATH.match(path)
        h1 = self.doc.first_h1()
        title = self.doc.meta("og:title") or (text_of(h1) if h1 is not None else self.doc.title())
        if found is None:
            named = self.story_title(text_of(h1) if h1 is not None else "", title)
            if not named:
                return None
            element = h1 if h1 is not None else self.doc.body
            _, heading = self.sections.of(element)
            return Claim(
                self.location(element, heading), "case-study", title, named, method="title"
            )
        brands = self.title_brands(title, found.group(2))
        element = h1 if h1 is not None else self.doc.body
        _, heading = self.sections.of(element)
        return Claim(self.location(element, heading), "case-study", title, brands, method="page")

    def story_title(self, *titles: str) -> tuple[str, ...]:
        """The customer a story title names ("Customer story: Globex"), outside a story URL."""
        for title in filter(_says_story, titles):
            for pattern in _TITLE_PATTERNS[:1] + _TITLE_PATTERNS[2:3]:
                match = pattern.search(title)
                if match:
                    names = [n for n in capitalised_names(match.group("name"))
                             if n.lower() not in self.products]  # fmt: skip
                    if names:
                        return (names[0],)
        return ()

    def story_links(self) -> Iterator[Claim]:
        """ "Read the Globex story" links, wherever they point."""
        if not self.doc.holds(b" story", b" case stud"):
            return
        for link in self.doc.body.iter("a"):
            found = _READ_STORY.search(text_of(link))
            if found is None or _in_navigation(link):
                continue
            names = [n for n in capitalised_names(found.group("name"))
                     if n.lower() not in self.products]  # fmt: skip
            if names:
                _, heading = self.sections.of(link)
                location = self.location(link, heading)
                yield Claim(location, "case-study", text_of(link), (names[0],), method="link")

    def title_brands(self, title: str, slug: str) -> tuple[str, ...]:
        """The customer a case-study title names ("How Globex cut costs by 40%")."""
        names = [n for n in self.brands.find(title) if n.lower() not in self.products]
        if names:
            return tuple(names[:1])
        for pattern in _TITLE_PATTERNS:
            match = pattern.search(title)
            if match:
                found = [
                    n
                    for n in capitalised_names(match.group("name"))
                    if n.lower() not in self.products
                ]
                if found:
                    return (found[0],)
        words = [w for w in slug.replace("_", "-").split("-") if w]
        for size in range(len(words), 0, -1):  # "tyrell-corp" is written "Tyrell" in the title
            words_re = r"\b" + r"[\s-]+".join(map(re.escape, words[:size])) + r"\b"
            written = re.search(words_re, title, re.IGNORECASE)
            if written:
                run = re.match(NAME, _POSSESSIVE.sub("", title[written.start() :]))
                longer = run is not None and len(run.group(0)) > len(written.group(0))
                return (run.group(0) if run is not None and longer else written.group(0),)
        return (" ".join(w.capitalize() for w in words),) if words else ()

    def _title(self, text: str) -> str:
        """A card's text without its call to action ("Read the story →")."""
        return self.vocab.case_links.sub("", text).strip(" →›»>-–—|")

    def case_study_cards(self) -> Iterator[Claim]:
        """Cards linking to a case study, with text naming the story."""
        if not self.doc.holds(b"/case-stud", b"/customers/", b"stories/"):
            return
        own = split(self.doc.page.url).path
        seen: set[str] = set()
        for link in self.doc.body.iter("a"):
            story = _story_path(link.get("href") or "")
            if story is None or _only_image(link):
                continue
            path, slug = story
            if path == own or path in seen or _in_navigation(link):
                continue
            if not text_of(link) and next(link.iter("img", "svg"), None) is not None:
                continue  # a logo linking to its story is a logo, not a card
            card = _card(link)
            text = text_of(card)
            heading = _heading_in(card)
            if len(text) < 12 or not (self.vocab.case_links.search(text) or heading is not None):
                continue
            seen.add(path)
            title = text_of(heading) if heading is not None else self._title(text)
            brands = self.title_brands(title, slug)
            _, section = self.sections.of(card)
            location = self.location(card, section)
            yield Claim(location, "case-study", title[:_TEXT_MAX], brands, method="story card")


_READ_STORY = NamePattern(
    rf"(?i:read|see|watch)\s+(?i:the\s+|how\s+)?(?P<name>{NAME})(?:['’]s)?\s+"
    r"(?i:story|case study|success story|customer story)"
)
_CASE_HINT = re.compile(r"/(?:customer|case-stud|client|stories|success|kunden|referenzen)")


@lru_cache(STRING_ANSWERS_KEPT)
def _story_path(href: str) -> tuple[str, str] | None:
    """The path and slug of a link to a case study ("/customers/globex/"), or None.

    A site links the same pages from its navigation and footer on every
    page; the answer depends on the href alone, so each is worked out once
    a process instead of by two regex searches a link on every page.
    """
    if not _CASE_HINT.search(href):
        return None
    path = split(href).path
    found = CASE_STUDY_PATH.match(path)
    return None if found is None else (path, found.group(2))


_TITLE_PATTERNS = [
    NamePattern(rf"^(?:(?i:case study|customer story|success story)\s*[:|–—-]\s*)(?P<name>{NAME})"),
    NamePattern(rf"\b(?i:how)\s+(?P<name>{NAME})\s+[a-z]"),
    NamePattern(rf"^(?P<name>{NAME})\s*(?i:case study|customer story|success story)"),
    NamePattern(rf"^(?P<name>{NAME})\s*(?:[:|–—]|\s-\s)"),
]


#: The phrases both title patterns of ``story_title`` need.
_STORY_PHRASES = ("case study", "customer story", "success story")


def _says_story(title: str) -> bool:
    """Whether ``title`` holds a phrase ``story_title``'s patterns need, tested in C first:
    the name patterns cost some microseconds a title, and almost no title says one.

    ``casefold`` maps each character that ``(?i:...)`` takes for one of the
    phrases' letters (``ſ`` for ``s``, too) to that letter, so no title the
    patterns would match is passed over.
    """
    folded = title.casefold()
    return any(phrase in folded for phrase in _STORY_PHRASES)


_GROUPING = " \u00a0\u202f,."


def _with_count(claim: Claim, count: int, noun: str) -> Claim:
    return replace(claim, count=count, noun=noun)


def _sentence(text: str, span: tuple[int, int]) -> str:
    """The sentence around a span, whitespace-collapsed and capped."""
    start = span[0]
    for found in _SENTENCE_END.finditer(text, max(0, start - _TEXT_MAX), start):
        start = found.end()
    stop = _SENTENCE_END.search(text, span[1])
    end = stop.start() + 1 if stop else len(text)
    return " ".join(text[start:end].split())[:_TEXT_MAX]


def _only_image(link: HtmlElement) -> bool:
    """A link holding one image and no text of its own: a logo, not a story card."""
    if (link.text or "").strip() or len(link) != 1:
        return False
    child = link[0]
    return child.tag in ("img", "svg", "picture", "span") and not (child.tail or "").strip()


def _in_navigation(element: HtmlElement) -> bool:
    return any(True for _ in element.iterancestors("nav", "header"))


def _card(link: HtmlElement) -> HtmlElement:
    """The card a link belongs to: the nearest ancestor holding a heading, if close."""
    node: HtmlElement = link
    for _ in range(3):
        if _heading_in(node) is not None:
            return node
        parent = node.getparent()
        if parent is None or len(parent) > 6:
            break
        node = parent
    return link


def _heading_in(element: HtmlElement) -> HtmlElement | None:
    return next(element.iter(*HEADINGS), None)
