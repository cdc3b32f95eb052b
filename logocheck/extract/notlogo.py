"""Images in a customer section that are not customers' logos, told by context.

Words inside a file name are weak evidence ("pixelforge.png" is a company,
"spacer-corp.png" too), so these judgements look at where an image sits
and what surrounds it:

- a person: the alt is the name printed beside the image in a card that
  quotes someone (a testimonial or tweet author), or a sentence;
- a photo with a tagline or a layout word for alt ("Initech Commercial
  LED Seller", "wide");
- content of a story: a figure or screenshot among the paragraphs of an
  article;
- a feature icon: the picture of a card whose heading and paragraph
  describe a feature, with no link and no quote;
- the site's own mark: the image names the site's own product;
- a social icon: a link to a profile or share URL on a social network
  (a social network's logo on a customer wall, linking to its home page,
  is a customer's logo).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from logocheck.extract.document import Document, HtmlElement
from logocheck.extract.images import basename
from logocheck.extract.sections import HEADINGS, text_of
from logocheck.urls import bare_host, split

_CARD_DEPTH = 3
#: A quoting card holds a handful of children; more is a wall or a grid of cards.
_CARD_CHILDREN = 12
_RUN_MIN = 3
_QUOTE = re.compile(r"[“”„«»\"]")
_PROSE_MIN = 20
_FEATURE_TEXT_MIN = 30
_PHOTO = (".jpg", ".jpeg", ".webp", ".avif")
_TAGLINE_WORDS = 4
_PROSE_CLASSES = re.compile(
    r"(?<![a-z])(prose|rich-?text|w-richtext|post-content|entry-content|article-body|story-body)"
)
_XPATH_HAS_QUOTE = etree.XPath("boolean(.//blockquote | .//q | .//cite)")


@dataclass(frozen=True, slots=True)
class Words:
    """The vocabulary these judgements read (``sections.toml``)."""

    joiners: frozenset[str] = frozenset()
    """Lower-case words inside company names ("of", "del"); any other makes a sentence."""
    layout: frozenset[str] = frozenset()
    """Alts that describe a picture's place, not a company ("wide", "cover")."""
    decorations: frozenset[str] = frozenset()
    """Words around the site's own name on its mark ("logo", "white")."""


def person(img: HtmlElement, alt: str, words: Words) -> bool:
    """A headshot: its alt is a sentence, or the name printed beside it in a quoting card."""
    if sentence(alt, words):
        return True
    if not alt or "logo" in alt.lower():
        return False
    node = img.getparent()
    for _ in range(_CARD_DEPTH):
        if node is None or len(node) > _CARD_CHILDREN:  # a wall or a grid, not one card
            return False
        names = [
            text_of(e)
            for e in node.iter()
            if e is not img and len(e) == 0 and isinstance(e.tag, str)
        ]
        if alt in names and _quotes(node):
            return True
        node = node.getparent()
    return False


def sentence(alt: str, words: Words) -> bool:
    """An alt that reads as a sentence: a lower-case word that no name would hold."""
    parts = alt.split()
    if len(parts) < 3:
        return False
    known = words.joiners | words.decorations
    loose = [w for w in parts[1:] if w.islower() and w.isalpha() and w not in known]
    return bool(loose)  # not a final dot: "Sirius Cybernetics Corp." is a name


def photo_caption(img: HtmlElement, alt: str, src: str | None, words: Words) -> bool:
    """A photograph whose alt is a tagline or a layout word, not a company name."""
    photo = basename(src or "").lower().endswith(_PHOTO)
    if not photo or "logo" in alt.lower():
        return False
    return len(alt.split()) >= _TAGLINE_WORDS or alt.strip().lower() in words.layout


def story_content(img: HtmlElement, hints: str) -> bool:
    """A figure or screenshot among the paragraphs of an article (not the story's logo)."""
    if "logo" in hints:
        return False
    inside = next(
        (
            a
            for a in img.iterancestors()
            if a.tag == "article" or _PROSE_CLASSES.search(a.get("class") or "")
        ),
        None,
    )
    if inside is None:
        return False
    node = img
    for parent in img.iterancestors():
        if _run_of_pictures(node):
            return False  # a gallery of logos inside the article, not one figure
        if any(_prose(s) for s in (node.getprevious(), node.getnext())):
            return True
        if parent is inside:
            return False
        node = parent
    return False


def _run_of_pictures(node: HtmlElement) -> bool:
    """Whether ``node`` is one of three or more pictures side by side (no text between)."""
    run = 1
    for direction in (node.itersiblings(preceding=True), node.itersiblings()):
        for sibling in direction:
            if not isinstance(sibling.tag, str) or next(sibling.iter("img", "svg"), None) is None:
                break
            run += 1
    return run >= _RUN_MIN


def feature_icon(img: HtmlElement, alt: str) -> bool:
    """The picture of a feature card: a heading and a paragraph, no link, no quote."""
    node = img.getparent()
    for _ in range(2):
        if node is None:
            return False
        if sum(1 for _ in node.iter("img", "svg", "picture")) > 1:
            return False  # a card holds one picture; more is a row of logos
        heading = next(node.iter(*HEADINGS[1:]), None)
        if heading is not None:
            text = text_of(node)
            if len(text) - len(text_of(heading)) < _FEATURE_TEXT_MIN or _quotes(node):
                return False
            if next(node.iter("a"), None) is not None:
                return False
            return not (alt and alt.lower() in text.lower())
        node = node.getparent()
    return False


def site_names(doc: Document, configured: Iterable[str], words: Words) -> frozenset[str]:
    """What the site calls itself, from what states it, not from guesses:
    the configured products, ``og:site_name``, ``application-name`` and the
    alt of the logo that links home. (A page title's last part may be the
    customer's name on a case study, so it is not used here.)"""
    names = {n.lower() for n in configured}
    names |= {v.lower() for v in (doc.meta("og:site_name"), doc.meta("application-name")) if v}
    for link in doc.root.iter("a"):
        if (link.get("href") or "").strip() in ("/", "./", "index.html"):
            names |= {(i.get("alt") or "").strip().lower() for i in link.iter("img")}
            break
    return frozenset(_own_words(n, words) for n in names) - {""}


def _own_words(name: str, words: Words) -> str:
    parts = re.split(r"[\s_\-.]+", name.lower())
    return " ".join(w for w in parts if w and w not in words.decorations)


def own_mark(names: list[str], products: frozenset[str], words: Words) -> bool:
    """Whether an image's alt, title or file name names the site's own product."""
    return any(_own_words(name, words) in products for name in names)


def social_profile(href: str | None, hosts: tuple[str, ...]) -> bool:
    """A link to a profile or share page on a social network (not its home page)."""
    if not href:
        return False
    parts = split(href)
    host = bare_host((parts.netloc or "").rpartition("@")[2].split(":")[0])
    on_social = any(host == h or host.endswith("." + h) for h in hosts)
    return on_social and (parts.path.strip("/") != "" or bool(parts.query))


def _quotes(node: HtmlElement) -> bool:
    return bool(_XPATH_HAS_QUOTE(node)) or _QUOTE.search(text_of(node)) is not None


def _prose(sibling: HtmlElement | None) -> bool:
    return sibling is not None and sibling.tag == "p" and len(text_of(sibling)) >= _PROSE_MIN
