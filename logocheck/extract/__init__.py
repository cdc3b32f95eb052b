"""extract: find every customer logo and customer claim on a page, and nothing else.

A Python loop over every element of a page costs more than parsing it, so
extraction never walks the tree. Per page::

    document     parse once (lxml), drop comments, <template>, scripts
    textscan     two automaton passes: heading phrases over the short lines
                 (labels), claim words over the whole text (the product's
                 names, "such as A", "Among these are A", "thousands", quote
                 marks); numbers followed by a count noun
    anchors      class/id tokens in the start tags, heading phrases traced to
                 their label -> roots (subtrees that can hold customer
                 logos) and testimonial cards
    sections     the mark of an element (customer / not), resolved bottom-up
    logos        images under the roots; a root whose markup was seen on an
                 earlier page (a site-wide footer wall) is not read again
    claims       counts, named users (``named``: sentence structure read from
                 each product mention), case studies; testimonials; cards
                 and adopter lists (``cards``)

Work grows with the candidates found (labels, product mentions, list
intros), never with how often prose repeats a vocabulary word.

The site's product names are learned once per scan (``products``) and
passed in; without them each page's own are used.

Everything a scan shares (vocabularies, automata, the brand matcher over
every account name, selectors from the config, the caches) is built once,
in ``ExtractContext.build``::

    context = ExtractContext.build(names, settings, products.learn(first_pages))
    for page in source.pages():
        extraction = extract(page, context)

A page that cannot be parsed is a ``Problem``, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from cssselect import SelectorError
from lxml.cssselect import CSSSelector

from logocheck.config import Settings
from logocheck.errors import ConfigError
from logocheck.extract import anchors, products
from logocheck.extract.brands import BrandMatcher
from logocheck.extract.cards import card_claims, card_roots, list_claims
from logocheck.extract.claims import ClaimFinder, ClaimVocab
from logocheck.extract.document import (
    Document,
    HtmlElement,
    ParseError,
    ParseLimit,
    parse,
    text_content,
)
from logocheck.extract.logos import LogoFinder
from logocheck.extract.memory import ExtractMemory
from logocheck.extract.products import Products
from logocheck.extract.sections import EXPLICIT, PAGE, Mark, Sections, SectionVocab
from logocheck.extract.suppressions import inline_suppressions
from logocheck.extract.testimonials import TestimonialFinder
from logocheck.extract.textscan import TextScan
from logocheck.model import Claim, InlineSuppression, Location, Logo, Page, Problem
from logocheck.urls import split
from logocheck.vocab import load_vocab

__all__ = ["ExtractContext", "ExtractMemory", "Extraction", "Products", "extract"]


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one page presents: its customer logos and claims, and what failed."""

    logos: tuple[Logo, ...]
    claims: tuple[Claim, ...]
    problems: tuple[Problem, ...] = ()
    repeated: tuple[Logo, ...] = ()
    """Logos of markup identical to an earlier page's (a site-wide footer wall),
    as they were found there: the same logos, with that page's locations."""
    suppressions: tuple[InlineSuppression, ...] = ()
    """Reviewed exceptions written in the page (``data-logocheck-ignore``)."""
    base: str | None = None
    links: tuple[str, ...] = ()
    """The page's ``<base href>`` and link targets, when the context asks for
    them (a folder scan checks that each is in the build): read from the tree
    the extractor has parsed anyway, instead of from the markup once more."""


@dataclass(frozen=True, slots=True)
class ExtractContext:
    """Everything extraction shares across the pages of one scan."""

    sections: SectionVocab
    anchors: anchors.AnchorVocab
    claims: ClaimVocab
    scanner: TextScan
    brands: BrandMatcher
    not_logo: re.Pattern[str]
    soft_hints: re.Pattern[str]
    blocked_hosts: tuple[str, ...]
    social_hosts: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    """Product names from the config (``extract.products``)."""
    learned: frozenset[str] = frozenset()
    """The site's product names learned once for the scan (see ``products``)."""
    generic: tuple[str, ...] = ()
    customer_selectors: tuple[CSSSelector, ...] = ()
    not_customer_selectors: tuple[CSSSelector, ...] = ()
    links: bool = False
    """Whether each extraction lists the page's links (see ``Extraction.links``)."""

    @classmethod
    def build(
        cls,
        brand_names: Iterable[str],
        settings: Settings,
        learned: Products | None = None,
        *,
        links: bool = False,
    ) -> ExtractContext:
        """Compile the vocabularies (with the config's extensions) and the brand matcher.

        ``learned`` are the site's product names (``products.learn``); without
        them each page's own are used.
        """
        vocab = settings.section("vocab")
        sections = load_vocab("sections", _table(vocab, "sections", settings))
        claims = load_vocab("claims", _table(vocab, "claims", settings))
        options = settings.section("extract")
        anchor_vocab = anchors.AnchorVocab(sections)
        hints = _alternatives(sections.get("not_logo_hints", ()))
        soft = _alternatives(sections.get("not_logo_soft_hints", ()))
        return cls(
            sections=SectionVocab(sections),
            anchors=anchor_vocab,
            claims=ClaimVocab(claims),
            scanner=TextScan(
                sections.get("customer_headings", ()),
                (*claims.get("customer_nouns", ()), *claims.get("other_nouns", ())),
                anchor_vocab.triggers(),
                intros=claims.get("list_intros", ()),
                openers=claims.get("list_openers", ()),
                pronouns=claims.get("product_pronouns", ()),
                vague=[v.split("=")[0] for v in claims.get("vague_numbers", ())],
                products=learned.lower() if learned is not None else frozenset(),
            ),
            brands=BrandMatcher(brand_names),
            not_logo=hints,
            soft_hints=soft,
            blocked_hosts=sections.get("review_hosts", ()) + sections.get("tracking_hosts", ()),
            social_hosts=tuple(sections.get("social_hosts", ())),
            products=_strings(options, "products", settings),
            learned=learned.lower() if learned is not None else frozenset(),
            generic=claims.get("product_generic_words", ()),
            customer_selectors=_selectors(options, "customer_sections", settings),
            not_customer_selectors=_selectors(options, "not_customer_sections", settings),
            links=links,
        )


def extract(page: Page, context: ExtractContext, memory: ExtractMemory | None = None) -> Extraction:
    """The customer logos and claims of ``page``; a page that fails is a Problem.

    ``memory`` carries what earlier pages of the scan taught (see ``ExtractMemory``).
    """
    try:
        doc = parse(page)
    except ParseLimit as error:
        return Extraction((), (), (_problem(page, "parse", str(error)),))
    except ParseError as error:
        return Extraction((), (), (_problem(page, "fetch", f"not readable as HTML: {error}"),))
    try:
        found = _extract(doc, context, memory or ExtractMemory())
    except Exception as error:  # one bad page (or a bug it reveals) never stops a scan
        detail = f"{type(error).__name__}: {error}"
        return Extraction((), (), (_problem(page, "extract", detail),))
    if doc.damage is None:
        return found
    cut = _problem(page, "parse", f"read only up to {doc.damage}")
    return replace(found, problems=(*found.problems, cut))


def _extract(doc: Document, context: ExtractContext, memory: ExtractMemory) -> Extraction:
    explicit = _explicit(doc, context)
    page_mark = _page_mark(doc, context)
    products = _products(doc, context)
    sections = Sections(doc, context.sections, explicit, page_mark, products)
    hits = context.scanner.scan(doc.text, products, memory.automata, doc.text_utf8)
    usage = context.sections.usage
    found = anchors.find(doc, context.anchors, hits, usage, products, memory.usage)
    if page_mark is not None:
        roots = [doc.body]
    else:
        marked = [e for e, mark in explicit.items() if mark.verdict == "customer"]
        roots = found.roots + marked
    logo_finder = LogoFinder(
        doc,
        sections,
        context.not_logo,
        context.blocked_hosts,
        context.soft_hints,
        memory,
        context.social_hosts,
        context.products,
    )
    logos = logo_finder.logos(roots)
    finder = ClaimFinder(doc, sections, context.claims, context.brands, products, hits)
    cards = found.cards
    testimonials = TestimonialFinder(finder, context.not_logo, roots, cards).testimonials()
    claims = finder.claims() + testimonials
    with_cards = card_roots(roots, memory.quiet, doc.markup_of)
    claims += _new_brands(card_claims(finder, with_cards, context.not_logo), claims)
    claims += _new_brands(list_claims(finder, with_cards), claims)
    claims.sort(key=lambda c: (c.location.line, c.location.column, c.kind))
    base, hrefs = doc.links if context.links else (None, ())
    return Extraction(
        tuple(logos),
        tuple(claims),
        repeated=tuple(logo_finder.repeated),
        suppressions=inline_suppressions(doc),
        base=base,
        links=tuple(dict.fromkeys(hrefs)),
    )


def _new_brands(found: Iterable[Claim], claims: list[Claim]) -> list[Claim]:
    """Claims naming a brand no other claim of the page names (a card whose text says it)."""
    named = {brand.lower() for claim in claims for brand in claim.brands}
    return [claim for claim in found if not {b.lower() for b in claim.brands} & named]


def _page_mark(doc: Document, context: ExtractContext) -> Mark | None:
    """A customer page's mark, from its path or its heading (its h1, else its
    ``og:title``, else its ``<title>``, read only when the one before is missing)."""
    h1 = doc.first_h1()
    heading = " ".join(text_content(h1).split()) if h1 is not None else ""
    heading = heading or doc.meta("og:title") or doc.title()
    path = split(doc.page.url).path or "/"  # "/customers?industry=retail" is /customers
    if context.sections.customer_page(path, heading):
        return Mark("customer", PAGE, heading)
    return None


def _explicit(doc: Document, context: ExtractContext) -> dict[HtmlElement, Mark]:
    marks: dict[HtmlElement, Mark] = {}
    for verdict, selectors in (
        ("not", context.not_customer_selectors),
        ("customer", context.customer_selectors),
    ):
        for selector in selectors:
            for element in selector(doc.root):
                marks[element] = Mark(verdict, EXPLICIT, selector.css)  # type: ignore[arg-type]
    return marks


def _products(doc: Document, context: ExtractContext) -> frozenset[str]:
    """The product names of the scan, or of this page when the scan learned none."""
    if context.learned:
        return context.learned
    return products.from_page(doc, context.products, context.generic).lower()


def _alternatives(patterns: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``patterns`` (never, if none)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x", re.IGNORECASE)


def _problem(page: Page, kind: str, detail: str) -> Problem:
    return Problem(kind, detail, Location(url=page.url, file=page.file))


def _table(vocab: Mapping[str, Any], name: str, settings: Settings) -> Mapping[str, Any]:
    value = vocab.get(name, {})
    if not isinstance(value, Mapping):
        raise ConfigError(str(settings.path or "config"), f"[vocab.{name}] must be a table")
    return value


def _strings(options: Mapping[str, Any], key: str, settings: Settings) -> tuple[str, ...]:
    value = options.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            str(settings.path or "config"), f"extract.{key} must be a list of strings"
        )
    return tuple(value)


def _selectors(options: Mapping[str, Any], key: str, settings: Settings) -> tuple[CSSSelector, ...]:
    compiled = []
    for css in _strings(options, key, settings):
        try:
            compiled.append(CSSSelector(css))
        except SelectorError as error:
            raise ConfigError(
                str(settings.path or "config"), f"extract.{key}: bad selector {css!r}: {error}"
            ) from None
    return tuple(compiled)
