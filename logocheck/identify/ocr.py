"""Read a wordmark: name a logo from the letters drawn in it.

Most customer logos are the brand's name set in a typeface, and many come
with an empty alt, an opaque file name and no reference image. A person
reads the name off the picture; this module does the same, only for logos
that nothing stronger named (markup, labels, the reference library), so a
scan whose logos are all named never even imports the engine.

How the lettering is read is in ``wordmark``.

The text read is matched against the account index (name, alias, domain,
fuzzy) and the brand library's names, and the match's confidence combines
the engine's confidence with how close the match is. Text that matches no
account still names the brand (so LC005 can say it is no customer) when
the engine is sure and the text looks like a name.

Without the engine (the ``ocr`` extra) logos go unread and the scan says
so once (docs/identification.md).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image
from rapidfuzz import fuzz, process

from logocheck.collect import AssetError
from logocheck.collect.content import data_url
from logocheck.identify.cache import FingerprintCache
from logocheck.identify.composite import Box, regions
from logocheck.identify.decode import UnreadableImage, decode
from logocheck.identify.fingerprint import fingerprint_image
from logocheck.identify.images import Evidence, Images, accepted, image_confidence
from logocheck.identify.ocrpool import POOL_FROM, Workers, workers_for_scan
from logocheck.identify.svg import is_svg, render_svg, svg_text
from logocheck.identify.text import Cleaner, Index
from logocheck.identify.wordmark import (
    INSTALL_HINT,
    EngineMissing,
    Reading,
    engine_installed,
    load_engine,
    read_image,
    text_lines,
)
from logocheck.model import Account, Logo, Match, Problem, Signal

if TYPE_CHECKING:
    from concurrent.futures import Future

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


# --- naming -------------------------------------------------------------------------


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
        if not trusted:
            seen = ", ".join(f"{r.text!r} at {r.score:.2f}" for r in readings if r.text)
            return Match(None, "none", 0.0, tried=(f"ocr: {seen or 'no text'}",))
        candidates = _candidates(trusted)
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


# --- the scan's reader -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Region:
    """One logo of a picture holding several, and what named it."""

    box: Box
    match: Match


class Reader:
    """The OCR side of identification for one scan.

    Each distinct image (by content hash) is read at most once per scan,
    and with a cache folder once ever. The engine is loaded on the first
    logo that needs reading; when it is not installed the scan says so once.
    """

    def __init__(
        self,
        images: Images,
        namer: Namer,
        cache: Path | None = None,
        workers: Workers | None = None,
    ) -> None:
        self.images = images
        self.namer = namer
        self.cache = ReadingCache(cache) if cache else None
        self.walls: dict[str, tuple[Region, ...]] = {}
        self.problems: list[Problem] = []
        self.read = 0
        """Images read in-process; ``pooled`` counts those read by workers."""
        self.pooled = 0
        self._done: dict[str, Match] = {}
        self._readings: dict[str, tuple[Reading, ...]] = {}
        self.workers = workers
        self._looked: set[str] = set()
        self._queued: dict[str, Logo] = {}
        self._pending: dict[str, tuple[Image.Image, Future[list[Reading]]]] = {}
        self._ahead: bool | None = None

    def fallback(self, match: Match, logo: Logo, evidence: Evidence | None) -> Match:
        """``match`` when it names a brand, else what the logo's letters name."""
        if match.brand is not None or evidence is None or not evidence.key:
            return match
        if evidence.error or evidence.blank or evidence.label is not None:
            return match
        if evidence.key not in self._done:
            self._done[evidence.key] = self._examine(evidence.key, logo)
        found = self._done[evidence.key]
        if found.brand is None:
            return Match(
                None, "none", 0.0, match.signals + found.signals, match.tried + found.tried
            )
        return Match(found.brand, "ocr", found.confidence, match.signals + found.signals)

    def _examine(self, key: str, logo: Logo) -> Match:
        image = self._pending[key][0] if key in self._pending else self._image(logo)
        if image is None:
            return Match(None, "none", 0.0)
        try:
            walls = self._wall(key, image)
            if not walls:
                return self.namer.name(self._read(key, image))
        except EngineMissing:
            self._absent(logo)
            return Match(None, "none", 0.0)
        self.walls[key] = walls
        names = ", ".join(str(r.match.brand) for r in walls)
        signals = tuple(_region_signal(r) for r in walls)
        return Match(None, "none", 0.0, signals, (f"ocr: several logos in one picture: {names}",))

    def _wall(self, key: str, image: Image.Image) -> tuple[Region, ...]:
        """Each logo of a picture holding several, when at least two are named."""
        found = []
        for box in regions(image):
            piece = image.crop(box)
            match = self._by_pixels(piece) or self.namer.name(
                self._read(f"{key}.{'-'.join(map(str, box))}", piece)
            )
            if match.brand is not None:
                found.append(Region(box, match))
        return tuple(found) if len(found) >= 2 else ()

    def _by_pixels(self, piece: Image.Image) -> Match | None:
        if not len(self.images.library):
            return None
        ranking = self.images.library.rank(fingerprint_image(piece))
        if not accepted(ranking):
            return None
        signal = Signal("image", f"{ranking.brand} d={ranking.distance:.3f}", 0.0)
        return Match(ranking.brand, "image", image_confidence(ranking), (signal,))

    def _read(self, key: str, image: Image.Image) -> tuple[Reading, ...]:
        """What the engine reads in one image, once per content hash (and box)."""
        found = self._readings.get(key)
        if found is None and self.cache is not None:
            found = self.cache.get(key)
        if found is None and key in self._pending:
            found = self._collect(key)
        if found is None:
            engine = load_engine()
            if engine is None:
                raise EngineMissing(INSTALL_HINT)
            found = read_image(image, engine)
            self.read += 1
            if self.cache is not None:
                self.cache.put(key, found)
        self._readings[key] = found
        return found

    # --- reading ahead in worker processes ---

    def unseen(self, key: str) -> bool:
        """Whether ``key`` is new to the reader (and from now on it is not)."""
        if key in self._looked or key in self._done:
            return False
        self._looked.add(key)
        return True

    def reads_ahead(self) -> bool:
        """Whether reading ahead can help: several cores and the engine installed."""
        if self._ahead is None:
            self._ahead = self.workers is not None and engine_installed()
        return self._ahead

    def prefetch(self, wanted: Sequence[tuple[Logo, str]]) -> None:
        """Hand images that will need reading to the workers, once there are many."""
        if self.workers is None or not self.reads_ahead():
            return
        for logo, key in wanted:
            cached = self.cache.get(key) if self.cache else None
            if cached is None:
                self._queued[key] = logo
            else:
                self._readings[key] = cached
        if len(self._queued) + len(self._pending) + self.pooled < POOL_FROM:
            return
        for key, logo in self._queued.items():
            image = self._image(logo)
            if image is not None:
                self._pending[key] = (image, self.workers.submit(text_lines(image)))
        self._queued.clear()

    def _collect(self, key: str) -> tuple[Reading, ...] | None:
        """A worker's reading, or None when the worker failed (read in-process then)."""
        _, future = self._pending.pop(key)
        try:
            found = tuple(future.result())
        except Exception:  # a crashed or broken worker: not worth more than this image
            return None
        self.pooled += 1
        if self.cache is not None:
            self.cache.put(key, found)
        return found

    def close(self) -> None:
        if self.workers is not None:
            self.workers.close()

    def _image(self, logo: Logo) -> Image.Image | None:
        """The logo's pixels (RGBA); its bytes were read and checked once already."""
        try:
            if logo.svg:
                data = logo.svg.encode("utf-8")
            elif logo.src and logo.src.startswith("data:"):
                data = data_url(logo.src)
            elif logo.src:
                data = self.images.read_asset(logo.src)
            else:
                return None
            if is_svg(data):
                return render_svg(svg_text(data), self.images.renderer)
            return decode(data)
        except (AssetError, UnreadableImage):
            return None

    def regions(self, logo: Logo, key: str) -> tuple[tuple[Logo, Match], ...]:
        """Each logo of a wall picture as a logo of its own, at the picture with its box."""
        found = []
        for region in self.walls.get(key, ()):
            box = ",".join(map(str, region.box))
            where = replace(logo.location, selector=f"{logo.location.selector} @box({box})")
            tag = Signal("region", f"{key} box=({box})", 0.0)
            part = replace(logo, location=where, signals=(*logo.signals, tag))
            found.append((part, replace(region.match, signals=(*region.match.signals, tag))))
        return tuple(found)

    def _absent(self, logo: Logo) -> None:
        if not self.problems:
            detail = f"wordmarks are not read: the OCR engine is not installed ({INSTALL_HINT})"
            self.problems.append(Problem("image", detail, logo.location))


def reader_for(
    images: Images, index: Index, cleaner: Cleaner, fingerprints: FingerprintCache | None
) -> Reader:
    """A scan's reader: the library's names for matching, the ``--cache`` folder for readings."""
    names = sorted({n for r in images.library.references for n in (r.brand, *r.aliases)})
    cache = fingerprints.folder.parent if fingerprints else None
    return Reader(images, Namer(index, cleaner, tuple(names)), cache, workers_for_scan())


def _region_signal(region: Region) -> Signal:
    left, top, right, bottom = region.box
    where = f"{left},{top} {right - left}x{bottom - top}"
    return Signal(
        f"region-{region.match.method}", f"{region.match.brand} at {where}", region.match.confidence
    )


# --- cache ----------------------------------------------------------------------------


class ReadingCache:
    """What the engine read in an image, by content hash, kept between scans.

    ``DIR/ocr-v1/<sha[:2]>/<sha>[.<box>].json``; a cache that cannot be
    written is not an error.
    """

    VERSION = 1

    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"ocr-v{self.VERSION}"
        self.hits = 0

    def _path(self, key: str) -> Path:
        sha = key.removeprefix("sha256:")
        return self.folder / sha[:2] / f"{sha}.json"

    def get(self, key: str) -> tuple[Reading, ...] | None:
        try:
            rows = json.loads(self._path(key).read_text(encoding="utf-8"))
            found = tuple(Reading(str(text), float(score)) for text, score in rows)
        except (OSError, ValueError, TypeError):
            return None
        self.hits += 1
        return found

    def put(self, key: str, readings: Sequence[Reading]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump([[r.text, r.score] for r in readings], out)
            os.replace(temp, path)
        except OSError:
            return
