"""The site's own product names, learned once per scan from the site itself.

Every claim is a claim about the product ("Globex runs on Fluxboard"), and
a page's own title does not always name it ("Powered By", a blog post
titled after its subject). So the names are learned from the first pages
of a scan, where a site says who it is:

- ``og:site_name`` and ``application-name``;
- the title segment most pages share ("Pricing | Fluxboard",
  "Blog | Fluxboard": the suffix, or prefix, seen on most titles);
- the alt text of the logo in the link to the home page;
- the host name ("www.fluxboard.io" -> "fluxboard");
- ``products`` in the config, which always wins a place.

Each name also gives its short forms ("Apache Fluxboard" -> "Fluxboard",
"Fluxboard Cloud" -> "Fluxboard"), so a claim written either way is found.
What was learned is shown in the scan's summary, so a user can correct it
in config.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from logocheck.extract.document import Document, ParseError, parse
from logocheck.model import Page
from logocheck.urls import hostname

#: Pages read to learn the names: a site says who it is on every page.
LEARN_PAGES = 12
_SEPARATORS = re.compile(r"\s[|–—·:»-]\s|\s?\|\s?")
_LOGO_WORDS = re.compile(r"(?i)\b(?:logo|home|homepage|go to|back to)\b")
_NAME_WORDS_MAX = 3
#: Host labels that never name a product.
_HOST_PREFIXES = frozenset(
    ["www", "www2", "web", "site", "app", "en", "de", "fr", "es", "nl", "jp", "localhost"]
)
_SUFFIXES = frozenset(
    [
        "com",
        "io",
        "ai",
        "dev",
        "app",
        "co",
        "org",
        "net",
        "cloud",
        "tech",
        "so",
        "uk",
        "de",
        "fr",
        "example",
        "test",
        "local",
        "localhost",
    ]
)


@dataclass(frozen=True, slots=True)
class Products:
    """The product names of a site, each with where it was learned."""

    learned: tuple[tuple[str, str], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name and short form, as written, in the order learned."""
        return tuple(dict.fromkeys(name for name, _ in self.learned))

    def lower(self) -> frozenset[str]:
        return frozenset(name.lower() for name in self.names)

    def described(self) -> tuple[str, ...]:
        """ "Fluxboard (og:site_name)" for each name, for a report's summary."""
        sources: dict[str, list[str]] = {}
        for name, source in self.learned:
            sources.setdefault(name, []).append(source)
        return tuple(f"{name} ({', '.join(dict.fromkeys(s))})" for name, s in sources.items())


def learn(
    pages: Iterable[Page], configured: Sequence[str] = (), generic: Iterable[str] = ()
) -> Products:
    """The product names ``pages`` (the first of a scan) and the config give."""
    docs = [doc for doc in map(_parse, pages) if doc is not None]
    found: list[tuple[str, str]] = [(name, "config") for name in configured if name.strip()]
    for doc in docs:
        found += [(value, "og:site_name") for value in _meta_names(doc)]
        found += [(value, "header logo") for value in _home_logo(doc)]
    found += [(value, "title") for value in _shared_title(docs)]
    found += [(value, "host name") for value in _hosts(docs)]
    return Products(tuple(_with_short_forms(found, {g.lower() for g in generic})))


def from_page(
    doc: Document, configured: Sequence[str] = (), generic: Iterable[str] = ()
) -> Products:
    """The names one page gives, when a scan learned none before it."""
    found: list[tuple[str, str]] = [(name, "config") for name in configured if name.strip()]
    found += [(value, "og:site_name") for value in _meta_names(doc)]
    found += [(value, "title") for value in _shared_title([doc])]
    found += [(value, "header logo") for value in _home_logo(doc)]
    return Products(tuple(_with_short_forms(found, {g.lower() for g in generic})))


def _parse(page: Page) -> Document | None:
    try:
        return parse(page)
    except ParseError:
        return None


def _meta_names(doc: Document) -> list[str]:
    values = (doc.meta("og:site_name"), doc.meta("application-name"))
    return [" ".join(v.split()) for v in values if v and len(v.split()) <= _NAME_WORDS_MAX]


def _segments(title: str) -> list[str]:
    return [s.strip() for s in _SEPARATORS.split(title) if s.strip()]


def _shared_title(docs: Sequence[Document]) -> list[str]:
    """The title segment most pages end (or start) with; a lone page's last short one."""
    titles = [_segments(doc.meta("og:title") or doc.title()) for doc in docs]
    titles = [t for t in titles if t]
    if len(titles) == 1:
        short = [s for s in (titles[0][-1:] + titles[0][:1]) if len(s.split()) <= 2]
        return short[:1]
    ends = Counter(t[-1] for t in titles if len(t) > 1)
    starts = Counter(t[0] for t in titles if len(t) > 1)
    shared = [(n, s) for s, n in (ends + starts).most_common(1) if n * 2 > len(titles)]
    return [s for _, s in shared if len(s.split()) <= _NAME_WORDS_MAX]


def _home_logo(doc: Document) -> list[str]:
    """The alt text of the image in the first link to the home page."""
    for link in doc.root.iter("a"):
        if (link.get("href") or "").strip() in ("/", "./", "index.html", "/index.html"):
            for image in link.iter("img"):
                alt = " ".join(_LOGO_WORDS.sub(" ", image.get("alt") or "").split())
                if alt and len(alt.split()) <= _NAME_WORDS_MAX:
                    return [alt]
            return []
    return []


def _hosts(docs: Sequence[Document]) -> list[str]:
    """The registrable label of the site's host: "www.fluxboard.io" -> "fluxboard"."""
    for doc in docs:
        host = hostname(doc.page.url) if "://" in doc.page.url else None
        if host:
            labels = [p for p in host.lower().split(".") if p not in _HOST_PREFIXES]
            while labels and labels[-1] in _SUFFIXES:
                labels.pop()
            name = labels[-1] if labels else ""
            return [name] if len(name) >= 3 and not name.isdigit() else []
    return []


def _with_short_forms(found: list[tuple[str, str]], generic: set[str]) -> list[tuple[str, str]]:
    """Each name, then its short forms.

    A word of a longer name is a short form when the site names itself by
    it elsewhere (another name learned, the host name: "Apache Fluxboard"
    on fluxboard.io) or when it is all that is left without the generic
    words ("Fluxboard Cloud").
    """
    singles = {name.lower() for name, _ in found if len(name.split()) == 1}
    kept: list[tuple[str, str]] = []
    for name, source in found:
        kept.append((name, source))
        words = name.split()
        specific = [w for w in words if w.lower() not in generic]
        for word in words if len(words) > 1 else ():
            if word.lower() in singles or (specific == [word] and len(word) >= 3):
                kept.append((word, f"short form of {name}"))
    return [(n, s) for n, s in kept if n.lower() not in generic]
