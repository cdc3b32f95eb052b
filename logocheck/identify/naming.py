"""Name the brand a logo's lettering spells, through the same lookups as markup.

What the engine read (``wordmark``) is matched against the account index
(name, alias, domain, fuzzy), with three forms a recogniser adds (a lost
space, a misread letter, initials), then against the reference library's
brand names. The confidence combines the engine's score with how close
the match is. Text that matches no account still names the brand (so
LC005 can say it is no customer) when the engine is sure and the text
looks like a name; everything else read goes to ``tried``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from logocheck.identify.text import Cleaner, Index
from logocheck.identify.wordmark import Reading
from logocheck.model import Account, Match, Signal

#: Engine score from which a line is read at all.
TRUST = 0.75
#: Engine score from which text that matches no account names a brand.
NAMING = 0.90
#: Fuzzy scores (0-1) below this name no library brand.
LIBRARY_CUTOFF = 0.88
#: An OCR match is never surer than this: a reading is not a label.
CEILING = 0.95
MIN_CONFIDENCE = 0.5

_NAME = re.compile(r"^[^\W\d_][\w&.'’+-]*(?: [\w&.'’+-]+){0,4}$")


@dataclass(frozen=True, slots=True)
class Namer:
    """Turns what was read into a Match, through the same lookups as the markup."""

    index: Index
    cleaner: Cleaner
    library: tuple[str, ...] = ()
    """Brand names and aliases of the reference library."""
    acronyms: dict[str, list[Account]] = field(default_factory=dict, compare=False)

    def name(self, readings: Sequence[Reading]) -> Match:
        trusted = [r for r in readings if r.score >= TRUST and r.text]
        candidates = _candidates(trusted) if trusted else []
        if not candidates:  # nothing read, unsure, or only symbols (a mark)
            seen = ", ".join(f"{r.text!r} at {r.score:.2f}" for r in readings if r.text)
            return Match(None, "none", 0.0, tried=(f"ocr: {seen or 'no text'}",))
        raw = " / ".join(r.text for r in trusted)
        found = [m for m in (self._known(text, score, raw) for text, score in candidates) if m]
        if found:
            return max(found, key=lambda m: m.confidence)
        return self._unknown(candidates)

    def _known(self, text: str, score: float, raw: str) -> Match | None:
        cleaned = self.cleaner.brand_text(Signal("ocr", text))
        if cleaned is None:
            return None
        found = self.index.lookup(cleaned)
        method = str(getattr(found, "method", "name"))
        if found.account is None or method == "fuzzy":
            found, method = self._misread(cleaned) or self._acronym(cleaned) or (found, method)
        if found.account is not None:
            if method == "fuzzy" and _squashed(found.account.name) == _squashed(cleaned):
                method = "squashed"  # the recogniser lost or added a space
            closeness = CLOSENESS.get(method, _ramp(float(getattr(found, "score", 0.9))))
            return _match(
                found.account.name, raw, score, closeness, f"{method} match of {cleaned!r}"
            )
        hit = (
            process.extractOne(cleaned, self.library, scorer=fuzz.WRatio) if self.library else None
        )
        if hit is not None and hit[1] >= LIBRARY_CUTOFF * 100:
            closeness = _ramp(hit[1] / 100)
            return _match(hit[0], raw, score, closeness, f"library match of {cleaned!r}")
        return None

    def _misread(self, text: str) -> tuple[Any, str] | None:
        """The account ``text`` names exactly once one typical misreading is undone
        (``Dallfy`` -> ``Dalify``): a one-letter slip that fuzzy matching of a
        short name rightly refuses in markup, but that recognisers make."""
        for form in _unconfused(text):
            found = self.index.lookup(form)
            if found.account is not None and getattr(found, "method", "") in ("name", "alias"):
                return found, "misread"
        return None

    def _acronym(self, text: str) -> tuple[Any, str] | None:
        """The one account of several words whose initials ``text`` spells
        (a 3-5 capital wordmark such as "VWS" for "Vandelay Web Services")."""
        if not (3 <= len(text) <= 5 and text.isalpha() and text.isupper()):
            return None
        owners = self._initials().get(text.lower(), [])
        if len({id(owner) for owner in owners}) != 1:
            return None
        return _Found(owners[0]), "acronym"

    def _initials(self) -> dict[str, list[Account]]:
        """Accounts of three to five words by their initials, built on first use."""
        if not self.acronyms:
            patterns = getattr(self.index, "patterns", None)
            for name, account in patterns() if patterns else ():
                words = [w for w in re.split(r"[\W_]+", name) if w]
                if 3 <= len(words) <= 5:
                    key = "".join(w[0] for w in words).lower()
                    self.acronyms.setdefault(key, []).append(account)
            self.acronyms.setdefault("", [])
        return self.acronyms

    def _unknown(self, candidates: Sequence[tuple[str, float]]) -> Match:
        """The first candidate that reads as a name (the lines together, else the
        first line, where a name stands above its tagline), or nothing."""
        for text, score in candidates:
            cleaned = self.cleaner.brand_text(Signal("ocr", text))
            if cleaned and score >= NAMING and looks_like_name(text) and looks_like_name(cleaned):
                value = f"{text!r} read at {score:.2f}, no account"
                signal = Signal("ocr", value, round(score * 0.7, 2))
                return Match(_display(cleaned), "ocr", signal.score, (signal,))
        text, score = candidates[0]
        signal = Signal("ocr", f"{text!r} read at {score:.2f}, no account", 0.0)
        return Match(None, "none", 0.0, (signal,), (f"ocr: {text!r} at {score:.2f}",))


def _candidates(trusted: Sequence[Reading]) -> list[tuple[str, float]]:
    """The lines together, then each line, each also without a stray one-letter
    word at either end (a mark before the name read as a letter)."""
    joined = (" ".join(r.text for r in trusted), min(r.score for r in trusted))
    found: list[tuple[str, float]] = []
    for text, score in [joined, *((r.text, r.score) for r in trusted)]:
        words = [w for w in text.split() if any(c.isalnum() for c in w)]
        text = " ".join(words)
        if len(words) > 1 and len(words[0]) == 1:
            words = words[1:]
        if len(words) > 1 and len(words[-1]) == 1:
            words = words[:-1]
        for form in (text, " ".join(words)):
            if form and (form, score) not in found:
                found.append((form, score))
    return found


#: Letters recognisers confuse, each way round.
CONFUSIONS = (
    ("1", "i"),
    ("l", "i"),
    ("i", "l"),
    ("rn", "m"),
    ("m", "rn"),
    ("0", "o"),
    ("1", "l"),
    ("vv", "w"),
    ("cl", "d"),
    ("5", "s"),
    ("8", "b"),
)


def _unconfused(text: str) -> list[str]:
    """``text`` with one confusable letter (or pair) swapped, each place in turn."""
    lower = text.lower()
    forms = []
    for wrong, right in CONFUSIONS:
        start = lower.find(wrong)
        while start != -1:
            forms.append(lower[:start] + right + lower[start + len(wrong) :])
            start = lower.find(wrong, start + 1)
    return forms


#: How close each kind of account match is (fuzzy: from its score).
CLOSENESS = {
    "name": 1.0,
    "alias": 1.0,
    "domain": 1.0,
    "squashed": 0.95,
    "misread": 0.8,
    "acronym": 0.6,
}


@dataclass(frozen=True, slots=True)
class _Found:
    """An account found by a lookup of the reader's own (misread, acronym)."""

    account: Account


def _squashed(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _ramp(score: float) -> float:
    """1 for a perfect fuzzy score, 0 at 0.85."""
    return min(1.0, max(0.0, (score - 0.85) / 0.15))


def _match(brand: str, text: str, engine: float, closeness: float, how: str) -> Match:
    confidence = round(min(CEILING, engine * (0.6 + 0.35 * closeness)), 2)
    signal = Signal("ocr", f"{text!r} read at {engine:.2f}, {how}", confidence)
    if confidence < MIN_CONFIDENCE:
        return Match(None, "none", 0.0, (signal,), (f"ocr: {text!r} (too weak)",))
    return Match(brand, "ocr", confidence, (signal,))


def _display(text: str) -> str:
    """Capitals are lettering, not spelling: "BLUTH COMPANY" is named "Bluth Company"
    (a short all-capital word such as an acronym is kept)."""
    if text.isupper() and any(len(word) > 4 for word in text.split()):
        return text.title()
    return text


def looks_like_name(text: str) -> bool:
    """Short, mostly letters, starting with one: a name, not a slogan or noise."""
    letters = sum(c.isalpha() for c in text)
    return (
        3 <= len(text) <= 40
        and letters >= 0.7 * len(text.replace(" ", ""))
        and bool(_NAME.match(text))
    )
