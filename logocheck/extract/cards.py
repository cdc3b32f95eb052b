"""Cards: a customer's logo and a sentence about it in one box.

A "Powered by" or "Customer stories" grid is a row of cards, each a logo
and a line of text that often names no company at all ("Fluxboard is used
in their ingestion pipeline.", "They moved billing to Fluxboard."): the
logo says who, the text says what, and together they claim the logo's
brand as a customer. The card is the logo's nearest ancestor (a list item,
grid cell, table row or column) that holds text and no other logo. A card
linking to a story is a ``case-study`` claim, any other a ``named-user``
claim. Cards holding a quote are testimonials, read by ``testimonials``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator

from logocheck.extract.brands import BrandMatcher, capitalised_names
from logocheck.extract.claims import CASE_STUDY_PATH, ClaimFinder
from logocheck.extract.document import HtmlElement, text_content
from logocheck.model import Claim, ClaimKind
from logocheck.recent import Recent
from logocheck.urls import bare_host, hostname, split

_IMAGES = ("img", "svg")
_TEXT_MIN = 20
_TEXT_MAX = 400
_LEVELS = 4
_NAME_MAX = 40
_NAME_WORDS = 4
_QUOTE_CLASSES = ("testimonial", "quote", "review")
_QUOTE_MARKS = ("“", "„", "«", '"')
_LOGO_WORD = re.compile(r"(?i)\b(?:company\s+)?logo(?:type)?\b")


def card_roots(
    roots: Iterable[HtmlElement],
    quiet: Recent[bytes, bool],
    markup_of: Callable[[HtmlElement], bytes],
) -> list[HtmlElement]:
    """The roots that may hold a card or an adopter list item.

    Whether a root holds either is decided by its own markup alone, so a
    root whose markup held neither on an earlier page (a site-wide footer
    wall of bare logos) is passed over without a look at its images and
    items. ``quiet`` is those markups' digests, remembered for later pages.
    ``markup_of`` serialises a root (``Document.markup_of`` does it once a page).
    """
    kept = []
    for root in roots:
        markup = hashlib.blake2b(markup_of(root), digest_size=16).digest()
        if markup in quiet:
            continue
        if next(cards([root]), None) is None and not any(map(_leading_name, _items(root))):
            quiet[markup] = True
            continue
        kept.append(root)
    return kept


def cards(roots: Iterable[HtmlElement]) -> Iterator[tuple[HtmlElement, HtmlElement]]:
    """(card, logo image) for each logo under ``roots`` that sits in a card with text."""
    seen: set[HtmlElement] = set()
    rows: set[HtmlElement] = set()  # ancestors holding several logos: rows, not cards
    for root in roots:
        for image in root.iter(*_IMAGES):
            card = _card_of(image, root, rows)
            if card is not None and card not in seen:
                seen.add(card)
                yield card, image


def _card_of(image: HtmlElement, root: HtmlElement, rows: set[HtmlElement]) -> HtmlElement | None:
    """The nearest ancestor holding text and only this logo; None for a bare logo."""
    node = image.getparent()
    for _ in range(_LEVELS):
        if node is None or node in rows:
            return None
        text = text_content(node)
        if len(text) >= _TEXT_MIN and len(text := " ".join(text.split())) >= _TEXT_MIN:
            quote = next(node.iter("blockquote", "q"), None) is not None
            if quote or sum(1 for _ in node.iter(*_IMAGES)) > 1:
                rows.add(node)
                return None  # a row of logos, or a quote card
            return node if len(text) <= _TEXT_MAX else None
        if node is root:
            return None
        node = node.getparent()
    return None


def _beside_quote(card: HtmlElement) -> bool:
    """Whether the card is the byline of a quote (an avatar, a name, a title)."""
    for level, ancestor in enumerate(card.iterancestors()):
        classes = (ancestor.get("class") or "").lower()
        if level > _LEVELS:
            break
        if any(token in classes for token in _QUOTE_CLASSES):
            return True
    node = card.getparent()
    for _ in range(2):
        if node is None:
            return False
        if next(node.iter("blockquote", "q"), None) is not None:
            return True
        if any(mark in text_content(node)[: _TEXT_MAX * 2] for mark in _QUOTE_MARKS):
            return True
        node = node.getparent()
    return False


def logo_brand(image: HtmlElement, brands: BrandMatcher, not_logo: re.Pattern[str]) -> str | None:
    """The company an image names in its alt, title or aria-label, if any."""
    text = " ".join(filter(None, (image.get("alt"), image.get("title"), image.get("aria-label"))))
    hints = " ".join((text, image.get("class") or "", image.get("src") or "")).lower()
    if not text or (not_logo.search(hints) and "logo" not in hints):
        return None
    known = brands.find(text)
    if known:
        return known[0]
    written = " ".join(_LOGO_WORD.sub("", text).strip(" -–|").split())
    names = capitalised_names(written)
    if names:
        return names[0]
    # "Buy n Large logo": a name with a lowercase word, said to be a logo
    named = "logo" in hints and written[:1].isupper() and len(written.split()) <= _NAME_WORDS
    return written if named else None


def story_link(card: HtmlElement) -> bool:
    """Whether the card links to a customer story ("/customers/globex/")."""
    return any(
        CASE_STUDY_PATH.match(split(link.get("href") or "").path) is not None
        for link in card.iter("a")
    )


def card_claims(
    finder: ClaimFinder, roots: Iterable[HtmlElement], not_logo: re.Pattern[str]
) -> Iterator[Claim]:
    """A claim for each card in a customer section: its logo's brand, its text."""
    for card, image in cards(roots):
        if any(True for _ in card.iterancestors("nav", "header")) or _beside_quote(card):
            continue
        brand = logo_brand(image, finder.brands, not_logo)
        if brand is None or brand.lower() in finder.products:
            continue
        mark, heading = finder.sections.of(image)
        if mark is None or mark.verdict != "customer":
            continue
        kind: ClaimKind = "case-study" if story_link(card) else "named-user"
        text = " ".join(text_content(card).split())
        yield Claim(finder.location(card, heading), kind, text, (brand,), method="card")


def list_claims(finder: ClaimFinder, roots: Iterable[HtmlElement]) -> Iterator[Claim]:
    """Adopter lists: "<li><a href=…>Globex</a> – uses Fluxboard for …</li>" in a customer section.

    A "Powered by" or "Who uses" page lists its users as list items led by
    the company's name (a link to its site, often a line about the use
    after it). Each item is a named-user claim of that name.
    """
    for root in roots:
        for item in _items(root):
            name = _leading_name(item)
            if name is None or name.lower() in finder.products:
                continue
            if any(True for _ in item.iterancestors("nav", "header", "footer")):
                continue
            mark, heading = finder.sections.of(item)
            if finder.vocab.list_not.search(finder.sections.first_title(item)):
                continue  # "Evaluating", "Former users"
            if mark is not None and mark.verdict == "customer":
                text = " ".join(text_content(item).split())[:_TEXT_MAX]
                domains = _link_domains(item)
                location = finder.location(item, heading)
                yield Claim(location, "named-user", text, (name,), domains, method="list item")


def _items(root: HtmlElement) -> Iterator[HtmlElement]:
    return root.iter("li", "dt")


def _leading_name(item: HtmlElement) -> str | None:
    """The company a list item starts with: its first link's text, when a name."""
    if (item.text or "").strip() or next(item.iter(*_IMAGES), None) is not None:
        return None
    link = next(item.iter("a"), None)
    if link is None or link.getparent() is not item or item.index(link) != 0:
        return None
    written = " ".join(text_content(link).split())
    names = capitalised_names(re.sub(r"[,(].*$", "", written))
    return names[0] if names and len(written) <= _NAME_MAX else None


def _link_domains(item: HtmlElement) -> tuple[str, ...]:
    link = next(item.iter("a"), None)
    href = (link.get("href") or "") if link is not None else ""
    host = hostname(href) if href.startswith(("http://", "https://")) else None
    return (bare_host(host),) if host else ()
