"""Name a logo's brand from its markup: alt, title, file name, link, caption.

Each signal is cleaned (placeholder words and decorations dropped), looked
up in the account index, and scored by how much its source is usually
trusted. Signals that resolve to the same brand add up; when they disagree
the strongest wins and the confidence drops, and every signal is kept in
the Match so a reviewer can see why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Protocol

from logocheck.identify.forms import FORM_SCORES, NameForms, squash
from logocheck.model import Account, Logo, Match, Signal
from logocheck.urls import bare_host, hostname
from logocheck.vocab import load_vocab

#: How much each markup source is trusted to name the brand, on its own.
SOURCE_SCORES: Mapping[str, float] = {
    "label": 1.0,
    "alt": 0.9,
    "aria-label": 0.85,
    "svg-title": 0.85,
    "svg-text": 0.7,
    "title": 0.8,
    "figcaption": 0.8,
    "link-domain": 0.75,
    "filename": 0.6,
    "link-path": 0.55,
    "caption": 0.5,
    "svg-id": 0.45,
    "svg-class": 0.4,
}
#: Sources too weak to name a brand that has no account on their own.
WEAK_SOURCES = frozenset({"filename", "link-path", "caption", "svg-id", "svg-class"})
METHODS = {
    "link-domain": "link",
    "link-path": "link",
    "svg-title": "svg",
    "svg-text": "svg",
    "svg-id": "svg",
}
#: Sources written by a person as words (alt, title ...), unless they look like a file name.
WORD_SOURCES = frozenset({"alt", "title", "aria-label", "figcaption", "svg-title", "svg-text"})
#: Sources whose text may be a phrase that names the company among other words.
PHRASE_SOURCES = frozenset({"link-path", "caption", "figcaption", "title", "alt", "aria-label"})
PHRASE_WORDS = 4
#: Shortest leading run of words allowed to match an account fuzzily.
FUZZY_PREFIX = 5
MIN_CONFIDENCE = 0.5

_SPLIT = re.compile(r"[\s_\-.+/|:,()\[\]]+")
#: How written text (an alt) splits into words: dots and hyphens stay inside a
#: word ("Hooli.io", "7-Eleven") unless a part is a decoration ("globex-logo").
_WORD_SPLIT = re.compile(r"[\s_+/|:,()\[\]]+")
_INNER = re.compile(r"[-.]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TRAILING_NUMBER = re.compile(r"^([A-Za-z]{4,})(\d{1,2})$")
#: A name needs this many letters to be taken from a file name alone.
WEAK_NAME_MIN = 3
#: Confidence of a brand named only by a file name that matches no account.
WEAK_NAMED = 0.5
_SIZE = re.compile(r"^(\d+x\d*|\d*x\d+|@?\d+x|\d+px|\d+w|v\d+|\d+)$")
#: Content hashes build tools add to file names (``wayne.4f2a9c.svg``).
_HASH = re.compile(r"^(?=[a-z]*\d)[0-9a-f]{6,}$|^(?=.*\d)(?=.*[a-z])[0-9a-z]{16,}$")
#: Opaque ids builders give uploads (``9a8BcD7eF6gH``): digits and letters interleaved.
_OPAQUE = re.compile(r"^(?=.*\d[a-zA-Z])(?=.*[a-zA-Z]\d)[0-9a-zA-Z]{8,}$")
_SLUG_PARTS = re.compile(r"[-_]+")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_NUMBERED = re.compile(r"\d+$")


class Lookup(Protocol):
    @property
    def account(self) -> Account | None: ...


class Index(Protocol):
    def lookup(self, name: str | None, domains: Sequence[str] = ()) -> Lookup: ...


@dataclass(frozen=True, slots=True)
class Cleaner:
    """Strips placeholder words and decorations from candidate brand text."""

    placeholders: frozenset[str]
    decorations: frozenset[str]

    @classmethod
    def from_vocab(cls, extra: Mapping[str, Any] | None = None) -> Cleaner:
        """The built-in ``placeholders`` vocabulary with a config's additions."""
        words = load_vocab("placeholders", extra)
        return cls(frozenset(words["words"]), frozenset(words["decorations"]))

    def brand_text(self, signal: Signal) -> str | None:
        """The brand a signal names, as the site writes it, or None."""
        value = signal.value.strip()
        if signal.source == "link-domain":
            return registrable(value) or None
        if signal.source == "filename":
            words = file_words(value)
        elif signal.source == "link-path":
            words = _SPLIT.split(_SLUG_PARTS.sub(" ", PurePosixPath(value.rstrip("/")).name))
        else:
            words = self._written_words(value)
        kept = self._trim([_POSSESSIVE.sub("", w) for w in words if w])
        if not kept or all(self._placeholder(w) for w in kept):
            return None
        if signal.source == "filename":
            return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in kept)
        text = " ".join(kept)
        return text.title() if text.islower() else text

    def _written_words(self, value: str) -> list[str]:
        """Words of an alt or title; "Hooli.io" stays whole, "globex-logo" does not."""
        words: list[str] = []
        for word in _WORD_SPLIT.split(value):
            parts = [p for p in _INNER.split(word) if p]
            if len(parts) > 1 and any(self._noise(p) or self._placeholder(p) for p in parts):
                words += parts
            elif parts:
                words.append(word.rstrip(".-"))
        return words

    def _trim(self, words: list[str]) -> list[str]:
        """Drop decorations everywhere, sizes and versions except a leading "10x"."""
        kept = [w for w in words if w and w.lower() not in self.decorations]
        first = kept[:1]
        sized = [w for w in kept[1:] if not self._noise(w)]
        if first and self._noise(first[0]) and not (sized and _SIZE.match(first[0].lower())):
            first = []
        return first + sized

    def _noise(self, word: str) -> bool:
        lower = word.lower()
        if lower in self.decorations or _OPAQUE.match(word):
            return True
        return bool(_SIZE.match(lower) or _HASH.match(lower))

    def _placeholder(self, word: str) -> bool:
        """A placeholder word, also with a number glued on (``Client01``, ``logo6``)."""
        lower = word.lower()
        return lower in self.placeholders or _NUMBERED.sub("", lower) in (
            self.placeholders | self.decorations
        )


def file_words(value: str) -> list[str]:
    """The words of a file name: ``globexCorp-logo_v2@2x.png`` -> globex, Corp, logo, v2."""
    stem = PurePosixPath(value).stem
    stem = re.sub(r"@\dx$|[-_]\dx$", "", stem)
    words: list[str] = []
    for piece in _SPLIT.split(stem):
        for word in [piece] if _OPAQUE.match(piece) else _CAMEL.sub(" ", piece).split():
            numbered = _TRAILING_NUMBER.match(word)
            words += [numbered.group(1), numbered.group(2)] if numbered else [word]
    return words


#: Second-level labels under which companies register (``globex.co.uk``).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "ne", "or", "go", "ltd"})


def registrable(host: str) -> str:
    """The part of a host name a company registers: ``developer.globex.com`` -> ``globex.com``."""
    labels = bare_host(host.strip(".")).split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def identify_text(
    signals: Iterable[Signal], index: Index, cleaner: Cleaner, forms: NameForms | None = None
) -> Match:
    """The brand the markup names, with the evidence and a confidence.

    The brand is named as the page writes it; a link's domain names no
    brand in words, so a group decided by domains alone takes the account's
    name (or, with no account, the registrable domain). ``forms`` finds
    accounts a file name shortens (``ksp.png``); each such match says so in
    its method.
    """
    votes: dict[str, list[Signal]] = {}
    names: dict[str, str] = {}
    fallback: dict[str, str] = {}
    methods: dict[str, str] = {}
    tried: list[str] = []
    signals = list(signals)
    stems = {_stem(s.value) for s in signals if s.source == "filename"}
    for signal in signals:
        if signal.source in WORD_SOURCES and _derived(signal.value, stems):
            tried.append(f"{signal.source} {signal.value!r} (the file name again)")
            continue
        scored = _score(signal, index, cleaner, forms)
        if scored is None:
            tried.append(f"{signal.source} {signal.value!r}")
            continue
        key, name, scored_signal, method = scored
        votes.setdefault(key, []).append(scored_signal)
        (fallback if signal.source == "link-domain" else names).setdefault(key, name)
        if method:
            methods.setdefault(key, method)
    if not votes:
        return Match(None, "none", 0.0, (), tuple(tried))
    _join_hosts(votes, fallback)
    _join_scripts(votes, names)
    match = _decide(votes, {**fallback, **names}, methods, tried)
    return _with_near_miss(match, index, forms)


def _with_near_miss(match: Match, index: Index, forms: NameForms | None) -> Match:
    """A brand no account matches, with the account it nearly names as a signal."""
    if forms is None or match.brand is None or index.lookup(match.brand).account is not None:
        return match
    near = forms.near(match.brand)
    if near is None:
        return match
    signals = (*match.signals, Signal(NEAR_MISS, near.name, 0.0))
    return Match(match.brand, match.method, match.confidence, signals, match.tried)


#: Source of the signal naming the account a brand nearly matches ("did you mean").
NEAR_MISS = "near-miss"


Scored = tuple[str, str, Signal, str | None]


def _score(
    signal: Signal, index: Index, cleaner: Cleaner, forms: NameForms | None
) -> Scored | None:
    text = cleaner.brand_text(signal)
    if text is None:
        return None
    base = SOURCE_SCORES.get(signal.source, 0.3)
    weak = signal.source in WEAK_SOURCES
    if signal.source in WORD_SOURCES and _file_like(signal.value):
        base, weak = SOURCE_SCORES["filename"], True  # an alt like "logo_vl_sw"
    if signal.source == "link-domain":
        account = index.lookup(None, [text]).account or _named_by_label(text, index)
        if account is not None:
            return account.name, account.name, Signal(signal.source, signal.value, base), None
        return _label(text), text, Signal(signal.source, signal.value, base), None
    account, text, method = _account_named(signal.source, text, index, cleaner, forms)
    if account is not None:
        score = min(base, FORM_SCORES[method]) if method else base
        return (
            account.name,
            account.name if method else text,
            Signal(signal.source, signal.value, score),
            method,
        )
    if weak:
        base = WEAK_NAMED if _weak_name(signal.source, text) else base / 2
    return text.casefold(), text, Signal(signal.source, signal.value, base), None


def _account_named(
    source: str, text: str, index: Index, cleaner: Cleaner, forms: NameForms | None
) -> tuple[Account | None, str, str | None]:
    """The account ``text`` names: exactly, inside a phrase, as a domain or a short form."""
    found = index.lookup(text)
    if _exact(found):
        return found.account, text, None
    inside = _phrase(source, text, index, cleaner)
    if inside is not None:
        return inside[0], inside[1], None
    if _DOMAIN_LIKE.match(text):  # "Hooli.io" written as the brand: the join needs the account
        account = index.lookup(None, [text]).account or _named_by_label(text, index)
        if account is not None:
            return account, account.name, None
    short = forms.find(text.replace(" ", "")) if forms is not None else None
    if short is not None:
        return short[0], text, short[1]
    return found.account, text, None


_DOMAIN_LIKE = re.compile(r"^[\w-]+(\.[a-z]{2,})+$", re.IGNORECASE)


def _weak_name(source: str, text: str) -> bool:
    """Whether a file name alone may name a brand: enough letters to be a name."""
    longest = max((sum(c.isalpha() for c in word) for word in text.split()), default=0)
    return source == "filename" and longest >= WEAK_NAME_MIN


def _label(domain: str) -> str:
    """The vote key of a domain with no account: its name, so "globex.png" agrees."""
    return squash(domain.split(".")[0])


def _join_hosts(votes: dict[str, list[Signal]], fallback: dict[str, str]) -> None:
    """A domain's vote joins the words that spell it ("Globex Corp" and globex.com)."""
    for host in [k for k in fallback if k in votes and k == _label(fallback[k])]:
        for key in sorted(votes):
            squashed = squash(key)
            if key != host and squashed and _prefix_either(squashed, host):
                votes[key] += votes.pop(host)
                break


#: Sources that name one image's brand; a composite (a whole wall in one
#: picture) is named by none of them, only by what its pieces show.
_ONE_IMAGE = frozenset({"filename", "alt", "title", "aria-label"})


def logo_signals(logo: Logo) -> tuple[Signal, ...]:
    """The signals that may name ``logo``'s brand: not the site's own links,
    and for a composite not the words that describe the whole picture."""
    signals = foreign_signals(logo.signals, logo.location.url, logo.src)
    signals = tuple(s for s in signals if s.source != "section")
    if logo.element == "composite":
        return tuple(s for s in signals if s.source not in _ONE_IMAGE)
    return signals


def foreign_signals(signals: Iterable[Signal], *urls: str | None) -> tuple[Signal, ...]:
    """``signals`` without link domains of the site itself.

    A logo linking to its case study on the same site
    (``https://kontorwerk.example/referenzen/vandelay/``) names the site's
    own host, not the customer's; the page's and the image's hosts tell
    which host is the site's.
    """
    own = {_host(url) for url in urls if url} - {""}
    return tuple(s for s in signals if s.source != "link-domain" or _host(s.value) not in own)


def _host(url: str) -> str:
    return bare_host(hostname(url if "//" in url else f"//{url}"))


def _stem(value: str) -> str:
    """A file name or file-like text reduced to compare them (``Duff-Brauerei``)."""
    return re.sub(r"[\W_]+", "", PurePosixPath(value.strip()).stem.lower())


def _derived(value: str, stems: set[str]) -> bool:
    """Whether a title or alt is the file name again, as WordPress fills it in
    (``title="wonka-gmbh"`` on ``wonka-gmbh.png``): not a second witness."""
    value = value.strip()
    if not value or any(c.isspace() for c in value) or not re.search(r"[-_]", value):
        return False
    return _stem(value) in stems


def _file_like(value: str) -> bool:
    """Text written like a file name or slug (``logo_vl_sw``), not like a name."""
    value = value.strip()
    return bool(value) and not any(c.isspace() for c in value) and "_" in value


def _named_by_label(domain: str, index: Index) -> Account | None:
    """The account a domain's name spells (``massive-dynamic.example``), when
    the contracts do not list the domain itself."""
    label = domain.split(".")[0].replace("-", " ").strip()
    if len(label) < 4:
        return None
    found = index.lookup(label)
    return found.account if _exact(found) or " " not in label else None


def _exact(found: Lookup) -> bool:
    return found.account is not None and getattr(found, "method", "name") in ("name", "alias")


def _phrase(source: str, text: str, index: Index, cleaner: Cleaner) -> tuple[Account, str] | None:
    if source not in PHRASE_SOURCES:
        return None
    return _named_inside(text, index, cleaner)


def _named_inside(text: str, index: Index, cleaner: Cleaner) -> tuple[Account, str] | None:
    """An account named by some words of a longer text.

    A case-study slug (``/customers/how-globex-cut-costs/``) or a caption
    ("Globex cut reporting time in half") names its company among other
    words. Runs of up to ``PHRASE_WORDS`` words are looked up longest
    first, and only exact name or alias hits count: a fuzzy hit on a
    fragment of a sentence is a guess. The one exception is the first word
    or two, where a name usually stands ("Gringots Bank"): a typo there may
    match fuzzily.
    """
    words = text.split()
    if len(words) < 2:
        return None
    runs = [
        (start, " ".join(words[start : start + size]))
        for size in range(min(PHRASE_WORDS, len(words) - 1), 0, -1)
        for start in range(len(words) - size + 1)
    ]
    runs = [(start, phrase) for start, phrase in runs if _worth(phrase, cleaner)]
    for _, phrase in runs:
        found = index.lookup(phrase)
        if _exact(found) and found.account is not None:
            return found.account, phrase
    for start, phrase in runs:
        if start == 0 and len(phrase.split()) <= 2 and len(phrase) >= FUZZY_PREFIX:
            account = index.lookup(phrase).account
            if account is not None:
                return account, phrase
    return None


def _worth(phrase: str, cleaner: Cleaner) -> bool:
    """Whether a run of words could be a name (not only placeholders)."""
    return len(phrase) >= 3 and not all(w.lower() in cleaner.placeholders for w in phrase.split())


#: Sources that can only transliterate a name written in another script.
_LATIN_ONLY = frozenset({"filename", "link-domain", "link-path", "svg-id", "svg-class"})


def _join_scripts(votes: dict[str, list[Signal]], names: dict[str, str]) -> None:
    """A name in another script ("青云物流") and a file name or host in Latin
    letters ("qingyun.png", qingyun.example) cannot contradict each other:
    the file name and host are the name transliterated, so they join it."""
    written = [k for k in sorted(votes) if k in names and not _LATIN.search(names[k])]
    if len(written) != 1:
        return
    for key in sorted(votes):
        if key != written[0] and all(s.source in _LATIN_ONLY for s in votes[key]):
            votes[written[0]] += votes.pop(key)


_LATIN = re.compile(r"[A-Za-z]")


def _prefix_either(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _decide(
    votes: dict[str, list[Signal]], names: dict[str, str], methods: dict[str, str], tried: list[str]
) -> Match:
    totals = {key: sum(s.score for s in group) for key, group in votes.items()}
    best = max(sorted(totals), key=lambda k: totals[k])
    group = sorted(votes[best], key=lambda s: -s.score)
    agreement = totals[best] / sum(totals.values())
    # Disagreement costs up to half the confidence: the best brand is still
    # named, but a reviewer sees it is contested.
    confidence = min(1.0, group[0].score + 0.05 * (len(group) - 1)) * (0.5 + agreement / 2)
    rivals = [s for key, g in sorted(votes.items()) if key != best for s in g]
    evidence = tuple(group) + tuple(rivals)
    if confidence < MIN_CONFIDENCE:
        weak = [f"{s.source} {s.value!r} (too weak)" for s in evidence]
        return Match(None, "none", round(confidence, 2), evidence, tuple(tried + weak))
    method = methods.get(best) or METHODS.get(group[0].source, group[0].source)
    return Match(names[best], method, round(confidence, 2), evidence, tuple(tried))
