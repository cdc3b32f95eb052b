"""The plain records that flow through the pipeline.

Every stage takes and returns these immutable values, so stages can be
tested alone and composed in one place (``pipeline.py``)::

    collect  -> Page, Problem
    extract  -> Logo, Claim            (each with a Location)
    identify -> Match                  (brand as the site presents it)
    join     -> Subject                (match + Account or None)
    evaluate -> Finding                (the only thing reporters read)
    report   -> str

Confidential contract values (revenue, dates of individual contracts) live
in ``Contract`` and never leave ``join``/``evaluate``: a ``Finding`` carries
only the account's name and its status category.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import urlsplit

Level = Literal["error", "warning", "note"]
LEVELS: tuple[Level, ...] = ("error", "warning", "note")

#: The category an account falls into on the scan date. ``none`` means the
#: brand has no account at all; ``ambiguous`` that it matched several.
Category = Literal["paid", "free", "trial", "lapsed", "none", "ambiguous"]

#: Publicity (logo and name) rights granted by a contract.
Publicity = Literal["none", "approved", "approved-with-review", "case-study-only", "revoked"]

ClaimKind = Literal["named-user", "testimonial", "case-study", "count"]


def digest(kind: str, parts: tuple[object, ...]) -> str:
    """A short digest of a record's identifying fields, the same in every process."""
    text = repr((kind, parts)).encode("utf-8", "backslashreplace")
    return hashlib.blake2b(text, digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was seen: the page, and the built file when there is one.

    ``line`` and ``column`` are 1-based; 0 means unknown (a whole page or a
    fetched image). ``selector`` is a short CSS-like path for humans and
    ``section`` the heading of the customer section the element sits under.
    """

    url: str
    file: str | None = None
    line: int = 0
    column: int = 0
    selector: str = ""
    section: str = ""

    def as_record(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "selector": self.selector,
            "section": self.section,
        }


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched or read HTML document, still undecoded.

    ``url`` is the page's URL path for a folder scan (``/customers/``) and
    the full URL for a crawl. ``encoding`` is the charset a server declared,
    if any; the parser decides the rest.
    """

    url: str
    body: bytes
    file: str | None = None
    encoding: str | None = None
    depth: int = 0


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a stage could not do: a page not fetched, an image not read.

    Stages never raise for one bad page or image; they emit a Problem and go
    on. The engine turns problems into findings through rules (``kind``
    selects the rule), so a partial scan can never look clean.
    """

    kind: str
    detail: str
    location: Location


@dataclass(frozen=True, slots=True)
class Signal:
    """One piece of evidence about which brand something shows.

    ``source`` names where it came from (``alt``, ``title``, ``filename``,
    ``link-domain``, ``link-path``, ``image``, ``label`` ...), ``value`` is
    the raw text or hash, and ``score`` how much it is trusted (0-1).
    """

    source: str
    value: str
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Logo:
    """An image presented as a customer's logo.

    ``src`` is the resolved image URL (absolute for a crawl, a site path for
    a folder), or None for inline SVG, whose markup is in ``svg``. ``link``
    is the href of the enclosing link. ``repeat`` counts the copies a
    carousel shows of the same logo.
    """

    location: Location
    src: str | None
    signals: tuple[Signal, ...] = ()
    link: str | None = None
    element: str = "img"
    repeat: int = 1
    svg: str | None = None
    key: str = field(init=False, repr=False, compare=False)
    """What makes this the same logo on another page (where it sits in the
    template, what it shows): a digest, stable across processes and runs."""

    def __post_init__(self) -> None:
        where = self.location
        parts = (where.selector, where.section, self.src, self.svg, self.link, self.signals)
        object.__setattr__(self, "key", digest("logo", parts))


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence or block presenting one or more brands as customers.

    ``brands`` are the names as the page writes them. Count claims carry
    the parsed number and its noun ("customers", "developers").
    """

    location: Location
    kind: ClaimKind
    text: str
    brands: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    count: int | None = None
    noun: str | None = None
    method: str = ""
    """How the brand was found: ``sentence``, ``card``, ``citation``, ``logo``,
    ``email``, ``profile-link``, ``quote``, ``title``, ``link`` ..."""
    keys: tuple[tuple[str, str | None], ...] = field(init=False, repr=False, compare=False)
    """One (digest, brand) per brand the claim names (one with no brand for a
    count): what makes it the same claim on another page."""

    def __post_init__(self) -> None:
        where = self.location.selector
        keys = tuple(
            (digest("claim", (where, self.kind, self.text, brand)), brand)
            for brand in self.brands or (None,)
        )
        object.__setattr__(self, "keys", keys)


@dataclass(frozen=True, slots=True)
class Contract:
    """One row of the contracts file. Confidential: never reported as is."""

    line: int
    plan: str = ""
    status: str = ""
    start: date | None = None
    end: date | None = None
    revenue: Decimal | None = None
    publicity: Publicity | None = None
    publicity_expires: date | None = None


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an account is in its category, in two forms built together.

    ``summary`` speaks only in logocheck's own categories ("free plan",
    "contract ended") and is what reports print by default; ``details``
    adds the contracts file's values ("plan 'Free'", "contract ended
    2020-06-30") for ``--include-contract-details``. Never money.
    """

    summary: str
    details: str = ""

    def text(self, details: bool) -> str:
        return (self.details or self.summary) if details else self.summary


@dataclass(frozen=True, slots=True)
class Account:
    """A company in the contracts file, after merging its rows.

    ``category`` is its standing on the scan date and ``reason`` says why.
    """

    name: str
    category: Category
    reason: Reason
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    publicity: Publicity | None = None
    publicity_expires: date | None = None
    logo: str | None = None
    line: int = 0
    contracts: tuple[Contract, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """Which brand a logo or claim shows, how it was decided, how sure.

    ``brand`` is the name as the site presents it (None when unidentified);
    ``signals`` are the evidence used and ``tried`` what was looked at when
    nothing matched, so an LC006 finding can say so.
    """

    brand: str | None
    method: str
    confidence: float
    signals: tuple[Signal, ...] = ()
    tried: tuple[str, ...] = ()
    fingerprint: str | None = None
    """The logo image's perceptual fingerprint (hex) when its pixels were read,
    so a reviewer's label can record it without reading the image again."""

    @property
    def image_key(self) -> str | None:
        """The content hash of the image the identifier read (``sha256:...``)."""
        return next((s.value for s in self.signals if s.source == "image-hash"), None)


@dataclass(frozen=True, slots=True)
class Subject:
    """A brand presented as a customer, joined with its account.

    ``candidates`` holds every account the brand could be when the join is
    ambiguous; ``account`` is then None.
    """

    kind: Literal["logo", "claim"]
    location: Location
    match: Match
    account: Account | None
    item: Logo | Claim
    candidates: tuple[Account, ...] = ()
    pages: int = 1
    """How many pages show this same element (a site-wide footer wall)."""

    @property
    def brand(self) -> str | None:
        return self.match.brand

    @property
    def category(self) -> Category:
        if self.account is not None:
            return self.account.category
        return "ambiguous" if self.candidates else "none"


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem. Every reporter reads only ``as_record()``."""

    code: str
    level: Level
    message: str
    location: Location
    subject: str = ""
    brand: str | None = None
    account: str | None = None
    status: str | None = None
    evidence: tuple[tuple[str, str], ...] = ()
    pages: int = 1
    image: str | None = None
    """Content hash of the logo image (``sha256:...``) when one was read."""

    def as_record(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "level": self.level,
            "message": self.message,
            **self.location.as_record(),
            "subject": self.subject,
            "brand": self.brand,
            "account": self.account,
            "status": self.status,
            "evidence": _typed(dict(self.evidence)),
            "pages": self.pages,
            "image": self.image,
            "fingerprint": self.fingerprint(),
        }

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        loc = self.location
        return (loc.url, loc.line, loc.column, self.code, self.brand or "", self.message)

    def fingerprint(self) -> str:
        """A key that survives edits elsewhere on the page: no line or column in it.

        Built from the code, the page's path (so a preview deploy and the
        live host agree), the brand and the image's content hash, or the
        image URL when there is no hash. A finding with neither brand nor
        image (a customer count, a problem) is told apart by its detail or
        message. Baselines and SARIF ``partialFingerprints`` both use it.
        """
        what = self.image or dict(self.evidence).get("src") or self._detail()
        brand = (self.brand or "").casefold()
        parts = (self.code, page_path(self.location.url), brand, what)
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]

    def _detail(self) -> str:
        return "" if self.brand else dict(self.evidence).get("detail", self.message)


def _typed(evidence: dict[str, Any]) -> dict[str, Any]:
    """Evidence as data: a confidence is a number, as it is everywhere else."""
    if "confidence" in evidence:
        with contextlib.suppress(ValueError):
            evidence["confidence"] = float(evidence["confidence"])
    return evidence


def page_path(url: str) -> str:
    """The path of a page URL without scheme and host (``/customers/``)."""
    parts = urlsplit(url)
    return (parts.path or "/") if parts.netloc else url


@dataclass(frozen=True, slots=True)
class InlineSuppression:
    """A reviewed exception written in the page itself.

    ``data-logocheck-ignore="LC004 -- approved by legal"`` on an element or
    an ancestor, or ``<!-- logocheck-ignore LC004 -- reason -->`` before
    it. ``covers`` holds the ``(line, column)`` of every element it applies
    to; ``reason`` is empty when the author gave none (then it does not
    apply, and is itself reported).
    """

    codes: tuple[str, ...]
    reason: str
    location: Location
    text: str
    covers: frozenset[tuple[int, int]] = frozenset()


@dataclass(frozen=True, slots=True)
class Summary:
    pages: int = 0
    logos: int = 0
    claims: int = 0
    counts: tuple[tuple[str, int], ...] = ()
    """Extra tallies a stage reports (robots-disallowed URLs, pages failed)."""
    failed: int = 0
    """Pages that could not be fetched or read."""
    limits: tuple[str, ...] = ()
    """Each crawl limit that cut the scan short, with how many URLs it left."""

    products: tuple[str, ...] = ()
    """The site's product names the scan learned, each with where it came from."""


@dataclass(frozen=True, slots=True)
class ContractsInfo:
    """What a report may say about the contracts file: never its contents."""

    path: str = ""
    sha256: str = ""
    rows: int = 0


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule as reports describe it (SARIF rules, the HTML report's "why" and "fix")."""

    code: str
    name: str
    level: Level
    summary: str
    what: str = ""
    why: str = ""
    fix: str = ""


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What a run judged, so a report can be reproduced and audited.

    ``options`` are the settings that change findings, as ``(name, value)``
    pairs; ``timestamp`` stays empty unless asked for, so reports of the
    same inputs are byte-identical.
    """

    as_of: str = ""
    contracts: ContractsInfo = field(default_factory=ContractsInfo)
    options: tuple[tuple[str, str], ...] = ()
    timestamp: str = ""
    rules: tuple[RuleInfo, ...] = ()
    """The rules this run applied."""


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of a scan: sorted findings plus what was seen."""

    findings: tuple[Finding, ...]
    subjects: tuple[Subject, ...] = ()
    summary: Summary = field(default_factory=Summary)
    target: str = ""
    suppressed: tuple[tuple[Finding, str], ...] = ()
    """Findings waived by a reviewed suppression, each with its reason."""
    run: RunInfo = field(default_factory=RunInfo)
    thumbnails: tuple[tuple[str, str], ...] = ()
    """PNG ``data:`` URIs of the logo images by image key, when the scan made them."""

    def count(self, level: Level) -> int:
        return sum(1 for f in self.findings if f.level == level)
