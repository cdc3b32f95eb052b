"""Testimonials: quotes attributed to someone at a company.

Found by markup (``<blockquote>``, ``<q>``, ``<figure>``/``<figcaption>``,
cards whose class says testimonial, quote or review, schema.org ``Review``
in microdata and JSON-LD), then read the way a visitor reads a card: the
quote, then a citation ("— Jane Doe, CTO at Hooli") or a logo naming the
company. Quotes under a press, partner or award heading are not
testimonials of customers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from lxml import etree

from logocheck.extract.brands import BrandMatcher, capitalised_names
from logocheck.extract.cards import logo_brand
from logocheck.extract.claims import NAME, ClaimFinder
from logocheck.extract.document import HtmlElement, text_content
from logocheck.extract.namepatterns import NamePattern
from logocheck.extract.sections import TOKEN
from logocheck.model import Claim, Location
from logocheck.urls import bare_host, hostname

_QUOTED = re.compile(r"[“„«]([^”“»\n]{20,600})[”»“]|\"([^\"\n]{20,600})\"(?!\w)")
_REVIEWS = etree.XPath(".//*[contains(@itemtype, 'Review')]")
_AT = NamePattern(rf"(?:\bat\b|@|\bbei\b|\bchez\b|\bfrom\b)\s*(?P<name>{NAME})")
_SEPARATORS = re.compile(r"\s*(?:,|\||·|•|–|—|\s-\s|/)\s*")
_DASHES = re.compile(r"^[\s—–~-]+")
_EMAIL = re.compile(r"[\w.+-]+@((?:[a-z0-9-]+\.)+[a-z]{2,})", re.IGNORECASE)
_OWN_COMPANY = NamePattern(
    rf"(?:^|[.!?]\s+)(?:At|Here at|Bei|Chez|En)\s+(?P<name>{NAME})\s*,?\s+"
    r"(?:we|our|us|wir|unser|nous|nos|nosotros|nuestro)\b"
)
_QUOTE_MIN = 20
_LONG_QUOTE = 80
_QUOTE_MARKS = " \"“”«»„‘’'"
_PIECE_MAX = 100
_CARD_MAX = 1500
_BLOG = re.compile(r"^/(?:[a-z]{2}/)?(blog|news|articles?|posts?|insights|resources)/", re.I)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a card says: its quote, its citation and the brands it names."""

    element: HtmlElement
    quote: str
    citation: tuple[str, ...]
    brands: tuple[str, ...]
    classed: bool
    method: str = ""
    """Where the company came from: ``citation`` or ``logo`` (see ``TestimonialFinder.claim``)."""


class TestimonialFinder:
    """Finds the testimonials of one document."""

    def __init__(
        self,
        claims: ClaimFinder,
        not_logo: re.Pattern[str],
        roots: list[HtmlElement],
        cards: list[HtmlElement],
    ) -> None:
        self.claims = claims
        self.roots = {id(root) for root in roots}
        self.cards_classed = cards
        self.doc = claims.doc
        self.brands: BrandMatcher = claims.brands
        self.roles = claims.vocab.roles
        self.not_logo = not_logo
        self.blog = bool(_BLOG.match(claims.doc.page.url)) or "/blog/" in claims.doc.page.url

    def testimonials(self) -> list[Claim]:
        readings = [r for r in map(self.read, self.cards()) if r is not None]
        found: list[Claim] = []
        seen: set[str] = set()
        for reading in _innermost(readings):
            claim = self.claim(reading)
            if claim is not None and _key(claim) not in seen:
                seen.add(_key(claim))
                found.append(claim)
        for claim in self.json_ld():
            if _key(claim) not in seen:
                seen.add(_key(claim))
                found.append(claim)
        return found

    def cards(self) -> Iterator[tuple[HtmlElement, HtmlElement | None, bool]]:
        """(card, quote element, found by class) for every quote-like block."""
        for quote in self.doc.body.iter("blockquote", "q"):
            yield _quote_card(quote), quote, False
        for card in self.cards_classed:
            yield card, _quote_in(card), True
        quotes = _QUOTED.finditer(self.doc.text) if self.claims.hits.quotes else ()
        for quoted in quotes:
            before = self.doc.text[quoted.start() - 1 : quoted.start()]
            if quoted.group(2) and (before.isalnum() or before == "="):
                continue
            block = self.claims.block_of(quoted.group(1) or quoted.group(2))
            if block is not None:
                yield from ((card, block, False) for card in _ancestors(block, 3))
        if self.doc.holds(b"itemtype"):
            for element in _REVIEWS(self.doc.body):
                body = element.find(".//*[@itemprop='reviewBody']")
                yield element, body, True

    def read(self, found: tuple[HtmlElement, HtmlElement | None, bool]) -> Reading | None:
        card, quote_element, classed = found
        if card is quote_element and not (classed or self.in_roots(card) or _cited(card)):
            return None  # a lone pull quote with no one named, outside any customer section
        quote, citation = _split(card, quote_element)
        if not _quotable(quote, quote_element is not None):
            return None
        if card is quote_element and not citation:
            citation = _citation_after(card)
        if not (citation or classed or self.in_roots(card)):
            return None  # a pull quote with no one named, outside any customer section
        quote = quote.strip(_QUOTE_MARKS)
        brands, method = self.company(citation), "citation"
        if not brands:
            brands, method = self.logo_brand(card), "logo"
        return Reading(card, quote, tuple(citation), brands, classed, method if brands else "")

    def in_roots(self, element: HtmlElement) -> bool:
        """Whether ``element`` lies where a customer section may be (see ``anchors``)."""
        if id(element) in self.roots:
            return True
        return any(id(ancestor) in self.roots for ancestor in element.iterancestors())

    def company(self, citation: list[str]) -> tuple[str, ...]:
        """The company a citation names: "CTO at Hooli", "Jane Doe, CTO, Hooli"."""
        joined = _DASHES.sub("", " · ".join(citation))
        at = _AT.search(joined)
        if at:
            return tuple(self.claims.names(at.group("name"))[:1])
        parts = [p for p in _SEPARATORS.split(joined) if p]
        for part in reversed(parts[1:]):
            name = self._company_part(part)
            if name:
                return (name,)
        known = [n for n in self.brands.find(joined) if n.lower() not in self.claims.products]
        return tuple(known[:1])

    def _company_part(self, part: str) -> str | None:
        words = part.split()
        while words and words[-1].lower().strip(".,") in self.roles:
            words.pop()
        if not words or words[0].lower().strip(".,") in self.roles:
            return None
        names = capitalised_names(" ".join(words))
        return names[0] if len(names) == 1 and names[0] == " ".join(words) else None

    def logo_brand(self, card: HtmlElement) -> tuple[str, ...]:
        """The company shown by a logo in the card, when it names itself."""
        for image in card.iter("img", "svg"):
            brand = logo_brand(image, self.brands, self.not_logo)
            if brand is not None:
                return (brand,)
        return ()

    def claim(self, reading: Reading) -> Claim | None:
        mark, heading = self.claims.sections.of(reading.element)
        quote = next(reading.element.iter("blockquote", "q"), None)
        if mark is None and quote is not None:  # the card is the section: its heading is inside
            inner, _ = self.claims.sections.of(quote)
            if inner is not None and inner.verdict == "not":
                return None  # a press quote
        if mark is not None and mark.verdict == "not" and mark.strength >= TOKEN:
            return None
        in_section = mark is not None and mark.verdict == "customer"
        if self.blog and not (in_section or reading.classed):
            return None
        if not (reading.brands or reading.citation or in_section):
            return None
        location = self.claims.location(reading.element, heading)
        domains = _domains(reading.element, reading.citation)
        brands, method = reading.brands, reading.method
        if not brands and domains:
            method = (
                "email"
                if _EMAIL.search(" ".join(reading.citation)) or _mailto(reading.element)
                else "profile-link"
            )
        elif not brands:
            brands, method = self.quote_company(reading.quote), "quote"
        text = reading.quote[:240]
        return Claim(
            location,
            "testimonial",
            text,
            brands,
            domains,
            method=method if brands or domains else "",
        )

    def quote_company(self, quote: str) -> tuple[str, ...]:
        """The company a quote names as its speaker's own: "At Globex, we …", last resort."""
        found = _OWN_COMPANY.search(quote)
        if found is None:
            return ()
        return tuple(self.claims.names(found.group("name"))[:1])

    def json_ld(self) -> Iterator[Claim]:
        for line, data in self.doc.json_ld:
            for review in _reviews(data):
                body = review.get("reviewBody") or review.get("description") or ""
                text = " ".join(str(body).split())
                if len(text) < _QUOTE_MIN:
                    continue
                author = review.get("author")
                company = _organisation(author) or _organisation(review.get("publisher"))
                location = Location(
                    self.doc.page.url, self.doc.page.file, line, 0, "script[type=ld+json]"
                )
                yield Claim(location, "testimonial", text[:240], (company,) if company else ())


def _domains(card: HtmlElement, citation: tuple[str, ...]) -> tuple[str, ...]:
    """Domains a card gives for its company: an e-mail in the citation, a link.

    "jane@globex.com" or a link to globex.com names the company as surely as
    its name does, and joins an account by domain when the name is missing
    or written differently.
    """
    found = {m.group(1).lower() for text in citation for m in _EMAIL.finditer(text)}
    for link in card.iter("a"):
        href = (link.get("href") or "").strip()
        if href.lower().startswith("mailto:"):
            found.update(m.group(1).lower() for m in _EMAIL.finditer(href))
        elif href.lower().startswith(("http://", "https://")) and (host := hostname(href)):
            found.add(bare_host(host))
    return tuple(sorted(found))


def _mailto(card: HtmlElement) -> bool:
    return any((a.get("href") or "").lower().startswith("mailto:") for a in card.iter("a"))


def _quote_card(quote: HtmlElement) -> HtmlElement:
    """The card around a quote: its figure, or its parent when small."""
    parent = quote.getparent()
    if quote.tag == "q":
        while parent is not None and parent.tag in ("span", "em", "i", "strong", "b"):
            parent = parent.getparent()
        return parent if parent is not None else quote
    if parent is None:
        return quote
    if parent.tag == "figure":
        return parent
    if quote.tag != "q" and next(quote.iter("cite", "footer", "figcaption"), None) is not None:
        return quote
    if len(parent) > 4:
        return quote  # a block of content, not a card: no need to look for other quotes in it
    others = any(q is not quote for q in parent.iter("blockquote", "q"))
    return quote if others else parent


def _ancestors(element: HtmlElement, levels: int) -> Iterator[HtmlElement]:
    node = element.getparent()
    for _ in range(levels):
        if node is None or node.tag in ("body", "main", "section"):
            return
        yield node
        node = node.getparent()


def _quote_in(card: HtmlElement) -> HtmlElement | None:
    return next(card.iter("blockquote", "q"), None)


def _split(card: HtmlElement, quote_element: HtmlElement | None) -> tuple[str, list[str]]:
    """The quote text and the short pieces of text around it (the citation)."""
    quote: list[str] = []
    others: list[str] = []

    def add(text: str | None, in_quote: bool) -> None:
        text = " ".join((text or "").split())
        if text:
            (quote if in_quote else others).append(text)

    def walk(element: HtmlElement, in_quote: bool) -> None:
        here = (in_quote or element is quote_element) and element.tag not in (
            "cite",
            "footer",
            "figcaption",
        )
        add(element.text, here)
        for child in element:
            if isinstance(child.tag, str):
                walk(child, here)
            add(child.tail, here)

    walk(card, False)
    if quote_element is None and others:
        longest = max(others, key=len)
        others.remove(longest)
        quote = [longest]
    citation = [p for p in others if len(p) <= _PIECE_MAX and not p.lower().startswith("read ")]
    return " ".join(quote).strip(), citation


def _cited(quote: HtmlElement) -> bool:
    """Whether a quote names someone: a cite, footer or caption inside, or a dash line after."""
    if next(quote.iter("cite", "footer", "figcaption"), None) is not None:
        return True
    return bool(_citation_after(quote))


def _citation_after(quote: HtmlElement) -> list[str]:
    """A citation written as the paragraph after a quote ("— Jane Doe, CTO, Hooli")."""
    following = quote.getnext()
    if following is None or not isinstance(following.tag, str):
        return []
    text = " ".join(text_content(following).split())
    return [text] if 0 < len(text) <= _PIECE_MAX and text[0] in "—–-~" else []


def _quotable(text: str, marked_up: bool) -> bool:
    """Whether text reads as a quote: marked up as one, in quote marks, or long."""
    if not _QUOTE_MIN <= len(text) <= _CARD_MAX:
        return False
    return marked_up or text[0] in _QUOTE_MARKS or len(text) >= _LONG_QUOTE


def _innermost(readings: list[Reading]) -> list[Reading]:
    """One reading per card, in page order.

    A reading is complete when it has a citation or a company. Complete
    readings that hold two or more others are rows of cards and dropped; one
    that holds a single other lends it its company when it names none.
    Incomplete readings count only when no complete one holds them.
    """
    unique: dict[HtmlElement, Reading] = {}
    for reading in readings:
        unique.setdefault(reading.element, reading)
    complete = [r for r in unique.values() if r.brands or r.citation]
    kept: dict[HtmlElement, Reading] = {}
    for reading in unique.values():
        inner = [r for r in complete if r is not reading and _contains(reading.element, r.element)]
        outer = [r for r in complete if r is not reading and _contains(r.element, reading.element)]
        if inner or (reading not in complete and outer):
            continue
        if not reading.brands:
            lender = next((o for o in outer if o.brands and _holds_one(o, complete)), None)
            reading = replace(reading, brands=lender.brands) if lender else reading
        kept[reading.element] = reading
    return list(kept.values())


def _holds_one(outer: Reading, complete: list[Reading]) -> bool:
    return sum(1 for r in complete if r is not outer and _contains(outer.element, r.element)) == 1


def _contains(outer: HtmlElement, inner: HtmlElement) -> bool:
    return any(a is outer for a in inner.iterancestors())


def _key(claim: Claim) -> str:
    return "|".join([*claim.brands, claim.text[:40].lower()])


def _reviews(data: Any) -> Iterator[dict[str, Any]]:
    """Every schema.org Review (or Testimonial) object in a JSON-LD tree."""
    if isinstance(data, list):
        for item in data:
            yield from _reviews(item)
    elif isinstance(data, dict):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(k in ("Review", "Testimonial", "UserReview", "CriticReview") for k in kinds):
            yield data
        for key, value in data.items():
            if key != "@context" and isinstance(value, dict | list):
                yield from _reviews(value)


def _organisation(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, dict):
        return None
    if value.get("@type") == "Organization" and isinstance(value.get("name"), str):
        return str(value["name"]).strip() or None
    for key in ("worksFor", "affiliation", "memberOf"):
        found = _organisation(value.get(key))
        if found:
            return found
    return None
