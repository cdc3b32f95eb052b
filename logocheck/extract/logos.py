"""Logo elements: every way a page draws a customer's logo.

``<img>`` (with ``src``, lazy-loading attributes and ``srcset``), ``<picture>``
sources, inline ``<svg>``, CSS ``background-image`` in ``style`` attributes,
``<object>``/``<embed>`` of SVG, and ``<noscript>`` fallbacks, which are
merged with their lazy twin. A carousel that repeats its list shows one
logo per brand, with the repeat count kept.

Each logo carries raw text evidence (``Signal``) for identification; this
module never decides which brand a logo shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from lxml import etree

from logocheck.extract import notlogo
from logocheck.extract.document import Document, HtmlElement, text_content
from logocheck.extract.images import (
    LAZY_SRC,
    LAZY_SRCSET,
    PLACEHOLDER,
    background_url,
    basename,
    best_candidate,
    composite,
    path_of,
    portrait,
    tiny,
)
from logocheck.extract.memory import ExtractMemory
from logocheck.extract.sections import PAGE, Mark, Sections, text_of
from logocheck.extract.selectors import css_path
from logocheck.model import Logo, Signal
from logocheck.urls import bare_host, hostname, join, split

_CANDIDATES = ("img", "svg", "object", "embed")
_STYLE_URL = re.compile(rb"""style\s*=\s*["'][^"'>]*url\(""")
_BACKGROUNDS = etree.XPath(
    ".//*[contains(@style, 'url(') or @data-bg or @data-background-image or @data-bg-src"
    " or @data-background]"
)
#: A src or href that resolves against the page's own URL.
_RELATIVE = re.compile(
    rb"""(?:src|href|srcset|data-[a-z-]+)\s*=\s*["']?(?![/#"']|https?:|data:|mailto:)"""
)
_CAPTION_MAX = 60
_WALL_MIN = 3
_STORY_LINK = re.compile(
    r"/(?:customers?|case-stud(?:y|ies)|clients?|stories|success-stories|kunden|referenzen)/[^/]"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An element that draws an image, with what we know before deciding."""

    element: HtmlElement
    kind: str
    src: str | None
    svg: str | None
    in_noscript: bool


class LogoFinder:
    """Finds the logos of one document, given its section resolver."""

    def __init__(
        self,
        doc: Document,
        sections: Sections,
        not_logo: re.Pattern[str],
        blocked_hosts: tuple[str, ...],
        soft_hints: re.Pattern[str],
        memory: ExtractMemory,
        social_hosts: tuple[str, ...] = (),
        products: tuple[str, ...] = (),
    ) -> None:
        self.social_hosts = social_hosts
        vocab = sections.vocab
        self.words = notlogo.Words(vocab.name_joiners, vocab.layout_alts, vocab.mark_decorations)
        self.products = products
        self.soft_hints = soft_hints
        self.judged = memory.judged
        self.roots_seen = memory.roots
        self.relative = memory.relative
        self.repeated: list[Logo] = []
        self.doc = doc
        self.sections = sections
        self.not_logo = not_logo
        self.blocked_hosts = blocked_hosts
        self.base = _base_url(doc)
        self.own_hosts = _own_hosts(doc)

    def _has_relative(self, markup: bytes) -> bool:
        """Whether a section's markup holds a URL that depends on the page's own URL
        (asked once per markup: a site-wide footer is the same on every page)."""
        found = self.relative.get(markup)
        if found is None:
            found = self.relative[markup] = _RELATIVE.search(markup) is not None
        return found

    @cached_property
    def site_names(self) -> frozenset[str]:
        """What the site calls itself (see ``notlogo.site_names``), found when a logo needs it."""
        return notlogo.site_names(self.doc, self.products, self.words)

    def logos(self, roots: list[HtmlElement]) -> list[Logo]:
        """The logos under ``roots``, one per image and section, in page order."""
        found: list[Logo] = []
        for root in roots:
            found.extend(self.under(root))
        return sorted(found, key=lambda logo: (logo.location.line, logo.location.column))

    def under(self, root: HtmlElement) -> list[Logo]:
        """The logos under one root; markup seen on an earlier page is not read again.

        A site-wide footer wall is the same markup on every page: when the
        root's markup, what labels it from outside and how its URLs resolve
        are all the same as on an earlier page, its logos are the ones found
        there, and they go to ``repeated`` (with that page's locations)
        instead of being built again for this page. What the site calls
        itself is part of that: a logo of the site's own name is not a
        customer's.
        """
        if self.sections.explicit:
            return self.read(root, etree.tostring(root))  # selectors may look beyond the root
        markup = self.doc.markup_of(root)
        outer = self.sections.of(root)
        relative = self.base if self._has_relative(markup) else ""
        site = split(self.base)[:2]
        title = self.sections.first_title(root)
        own = (self.own_hosts, self.site_names)
        key = (markup, outer, title, css_path(root), relative, site, own)
        cached = self.roots_seen.get(key)
        if cached is not None:
            self.repeated.extend(cached)
            return []
        logos = self.read(root, markup)
        self.roots_seen[key] = logos
        return logos

    def read(self, root: HtmlElement, markup: bytes) -> list[Logo]:
        """The logos under one root, judged element by element."""
        found: dict[tuple[int, str], tuple[Logo, int]] = {}
        for element in self.elements(root, markup):
            mark, heading = self.sections.of(element)
            if mark is None or mark.verdict != "customer":
                continue
            candidate = self._candidate(element)
            if candidate is None:
                continue
            logo = self.build(candidate, mark, heading)
            if logo is None:
                continue
            key = (id(mark), logo.src or logo.svg or repr(logo.signals))
            first, shown = found.get(key, (logo, 0))
            found[key] = (first, shown + (0 if candidate.in_noscript else 1))
        # a <noscript> fallback is its lazy twin, not another copy in a carousel
        return [
            logo if shown <= 1 else replace(logo, repeat=shown) for logo, shown in found.values()
        ]

    def elements(self, root: HtmlElement, markup: bytes) -> Iterator[HtmlElement]:
        """Image-drawing elements under a root: tags, then CSS backgrounds."""
        yield from root.iter(*_CANDIDATES)
        if (b"url(" in markup and _STYLE_URL.search(markup)) or b"data-bg" in markup:
            yield from _BACKGROUNDS(root)

    def _candidate(self, element: HtmlElement) -> Candidate | None:
        tag = element.tag
        if tag not in _CANDIDATES:
            url = background_url(element)
            if not url or url.startswith("data:"):
                return None
            return Candidate(element, "background", self._resolve(url), None, False)
        in_noscript = _inside(element, "noscript")
        if tag == "svg":
            if _inside(element, "svg") or _inside(element, "button"):
                return None
            markup = etree.tostring(element, encoding="unicode", with_tail=False)
            return Candidate(element, "svg", None, markup, in_noscript)
        if tag == "img":
            src = self._img_src(element)
            if src is None and (_has_fallback(element) or _decorative(element)):
                return None  # a blur-up placeholder; its twin (or nothing) is the logo
            kind = "composite" if composite(element, src) else "img"
            return Candidate(element, kind, src, None, in_noscript)
        source = element.get("data") if tag == "object" else element.get("src")
        kind = (element.get("type") or "").lower()
        if not source or not (kind.startswith("image/") or path_of(source).endswith(".svg")):
            return None
        return Candidate(element, str(tag), self._resolve(source), None, in_noscript)

    def _img_src(self, img: HtmlElement) -> str | None:
        """The real image of an ``<img>``: lazy attributes first, then srcset, then src."""
        for attr in LAZY_SRCSET:
            if best := best_candidate(img.get(attr)):
                return self._resolve(best)
        for attr in LAZY_SRC:
            value = (img.get(attr) or "").strip()
            if value and not value.startswith("data:"):
                return self._resolve(value)
        if best := best_candidate(img.get("srcset")):
            return self._resolve(best)
        parent = img.getparent()
        if parent is not None and parent.tag == "picture":
            for source in parent.iter("source"):
                for attr in ("data-srcset", "srcset"):
                    if best := best_candidate(source.get(attr)):
                        return self._resolve(best)
        src = (img.get("src") or "").strip()
        if not src or src.startswith("data:") or PLACEHOLDER.search(basename(src).lower()):
            return None
        return self._resolve(src)

    def _resolve(self, url: str) -> str:
        url = url.strip()
        if url.startswith(("https://", "http://")):
            return url
        if url.startswith("/") and not url.startswith("//") and self.base.startswith("/"):
            return url  # a site path in a folder scan resolves to itself
        return join(self.base, url)

    def build(self, candidate: Candidate, mark: Mark, heading: str) -> Logo | None:
        """The Logo of a candidate, or None when it is not a customer's logo.

        What a logo's markup says does not depend on the page, so the
        judgement (signals, exclusions) is kept per markup for the whole
        scan: a footer wall on 10,000 pages is read once.
        """
        element = candidate.element
        link = _link(element)
        href = self._resolve(link.get("href") or "") if link is not None else None
        around = self._surroundings(candidate)
        key = (
            etree.tostring(link if link is not None else element, with_tail=False),
            candidate.src,
            href,
            _classes(element.getparent()),
            _figcaption(element),
            mark.strength == PAGE,
            self.doc.page.url if _is_home(href or "", self.doc.page.url) else "",
            self.own_hosts,
            self.site_names,
            around,
        )
        judged = self.judged.get(key)
        if judged is None:
            signals = tuple(self.signals(candidate, link, href))
            keep = not (any(around) or self.excluded(candidate, list(signals), href)) and (
                mark.strength != PAGE or self._looks_like_logo(candidate, list(signals), href)
            )
            judged = (signals, keep)
            self.judged[key] = judged
        signals, keep = judged
        if not keep:
            return None
        if mark.mixed:
            signals += (Signal("section", f"mixed customer and partner section: {mark.label}"),)
        location = self.doc.location(element, heading)
        return Logo(location, candidate.src, signals, href, candidate.kind, 1, candidate.svg)

    def signals(
        self, candidate: Candidate, link: HtmlElement | None, href: str | None
    ) -> list[Signal]:
        element = candidate.element
        found: list[Signal] = []

        def add(source: str, value: str | None) -> None:
            text = " ".join((value or "").split())
            if text and all(s.value != text or s.source != source for s in found):
                found.append(Signal(source, text))

        add("alt", element.get("alt"))
        add("title", element.get("title") or (link.get("title") if link is not None else None))
        add("aria-label", element.get("aria-label"))
        if link is not None:
            add("aria-label", link.get("aria-label"))
        if candidate.kind == "svg":
            title = element.find("{*}title")
            if title is None:
                title = element.find("title")
            add("svg-title", text_content(title) if title is not None else None)
            add("svg-text", _svg_text(element))
            add("svg-id", element.get("id"))
            add("svg-class", element.get("class"))
        add("figcaption", _figcaption(element))
        add("caption", _caption(element, link))
        if candidate.src:
            add("filename", basename(candidate.src))
        if href:
            parts = split(href)
            host = hostname(href)
            if bare_host(host) not in self.own_hosts:
                add("link-domain", host)
            if parts.path not in ("", "/"):
                add("link-path", parts.path)
        return found

    def excluded(self, candidate: Candidate, signals: list[Signal], href: str | None) -> bool:
        """True for images that are never customers' logos (badges, avatars, pixels ...)."""
        element = candidate.element
        if tiny(element) or portrait(element, candidate.src):
            return True
        own = " ".join(
            [s.value for s in signals if s.source not in ("caption", "figcaption")]
            + [element.get("class") or "", element.get("id") or "", candidate.src or ""]
        ).lower()
        hints = f"{own} {_classes(element.getparent()).lower()}"
        if self.not_logo.search(hints):
            return True
        if self.soft_hints.search(hints) and "logo" not in own:
            return True
        if any(_blocked(url, self.blocked_hosts) for url in (href, candidate.src) if url):
            return True
        if notlogo.social_profile(href, self.social_hosts):
            return True
        names = [s.value for s in signals if s.source in ("alt", "title", "svg-title", "filename")]
        if notlogo.own_mark(names, self.site_names, self.words):
            return True
        return href is not None and _is_home(href, self.doc.page.url)

    def _surroundings(self, candidate: Candidate) -> tuple[bool, ...]:
        """What the image's surroundings say it is: a person, a photo, story content, an icon."""
        element = candidate.element
        if candidate.kind == "background":
            return ()
        alt = " ".join((element.get("alt") or "").split())
        hints = " ".join(
            [alt, element.get("class") or "", candidate.src or "", _classes(element.getparent())]
        ).lower()
        return (
            notlogo.person(element, alt, self.words),
            notlogo.photo_caption(element, alt, candidate.src, self.words),
            notlogo.story_content(element, hints),
            notlogo.feature_icon(element, alt),
        )

    def _looks_like_logo(
        self, candidate: Candidate, signals: list[Signal], href: str | None
    ) -> bool:
        """On a customer page outside any section, only logo-like images count."""
        hints = " ".join([s.value for s in signals] + [_classes(candidate.element)]).lower()
        if "logo" in hints or _in_wall(candidate.element):
            return True
        if href is not None and _STORY_LINK.search(split(href).path):
            return True  # a logo linking to the customer's story
        parent = candidate.element.getparent()
        return href is not None and parent is not None and _classes(parent).find("logo") >= 0


def _base_url(doc: Document) -> str:
    base = next(doc.head_elements("base"), None)
    href = base.get("href") if base is not None else None
    return join(doc.page.url, href) if href else doc.page.url


def _own_hosts(doc: Document) -> frozenset[str]:
    """The site's own host names: the page's, its canonical URL's and og:url's."""
    urls = [doc.page.url, doc.meta("og:url")]
    for link in doc.head_elements("link"):
        if link.get("rel") == "canonical":
            urls.append(link.get("href") or "")
    hosts = {bare_host(hostname(u)) for u in urls if u.startswith("http")}
    return frozenset(hosts - {""})


def _in_wall(element: HtmlElement) -> bool:
    """Whether the image is one of a row of three or more images (a logo wall)."""
    node = element.getparent()
    for _ in range(5):
        if node is None:
            return False
        with_images = sum(1 for child in node if next(child.iter(*_CANDIDATES), None) is not None)
        if with_images >= _WALL_MIN:
            return True
        node = node.getparent()
    return False


def _inside(element: HtmlElement, tag: str) -> bool:
    return any(True for _ in element.iterancestors(tag))


def _svg_text(svg: HtmlElement) -> str | None:
    """The words an inline SVG draws as ``<text>`` ("SOC 2 TYPE II", a wordmark)."""
    words = " ".join(" ".join(t.itertext()) for t in svg.iter("{*}text", "text"))
    words = " ".join(words.split())
    return words if 0 < len(words) <= _CAPTION_MAX else None


def _decorative(img: HtmlElement) -> bool:
    """An image the page itself marks as decoration (``role="presentation"``)."""
    return img.get("role") in ("presentation", "none") or img.get("aria-hidden") == "true"


def _has_fallback(img: HtmlElement) -> bool:
    """Whether a wrapper of the image holds a ``<noscript>`` or ``<picture>`` twin."""
    node = img.getparent()
    for _ in range(2):
        if node is None:
            return False
        if any(other is not img for other in node.iter("noscript", "picture")):
            return True
        node = node.getparent()
    return False


def _link(element: HtmlElement) -> HtmlElement | None:
    for ancestor in element.iterancestors("a"):
        return ancestor if ancestor.get("href") else None
    return None


def _figcaption(element: HtmlElement) -> str | None:
    for figure in element.iterancestors("figure"):
        caption = figure.find("figcaption")
        return text_content(caption) if caption is not None else None
    return None


def _caption(element: HtmlElement, link: HtmlElement | None) -> str | None:
    """Short text beside the image: the link's text, or the next sibling's."""
    if link is not None:
        text = text_of(link)
        if 0 < len(text) <= _CAPTION_MAX:
            return text
    sibling = element.getnext()
    if sibling is not None and isinstance(sibling.tag, str) and len(sibling) == 0:
        text = text_of(sibling)
        if 0 < len(text) <= _CAPTION_MAX:
            return text
    return None


def _classes(element: HtmlElement | None) -> str:
    if element is None:
        return ""
    return " ".join(filter(None, (element.get("class"), element.get("id"))))


def _blocked(url: str, blocked: tuple[str, ...]) -> bool:
    """Whether ``url`` is on a blocked host (``x.com``) or under a blocked prefix."""
    parts = split(url)
    host = bare_host(hostname(url))
    if not host:
        return False
    where = host + parts.path
    for entry in blocked:
        if entry.endswith(".") and host.startswith(entry):
            return True
        if (
            host == entry
            or host.endswith("." + entry)
            or ("/" in entry and where.startswith(entry))
        ):
            return True
    return False


def _is_home(href: str, page_url: str) -> bool:
    """A link to the site's home page: the site's own logo, not a customer's."""
    parts, page = split(href), split(page_url)
    if not any(parts):
        return False  # no link, or one that cannot be parsed
    same_site = not parts.netloc or parts.netloc == page.netloc
    return same_site and parts.path in ("", "/", "/index.html") and not parts.fragment
