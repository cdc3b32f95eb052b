"""Read a wordmark: name a logo from the letters drawn in it.

Most customer logos are the brand's name set in a typeface, and many come
with an empty alt, an opaque file name and no reference image. A person
reads the name off the picture; this module does the same, only for logos
that nothing stronger named (markup, labels, the reference library), so a
scan whose logos are all named never imports the engine in its own process.

How the lettering is read is in ``wordmark``, how the text names a brand
in ``naming``; this module decides which logos are read, cuts walls into
regions, and keeps each reading once per image (and, with ``--cache``,
between scans), in a worker process. On two cores or more the first logo
whose markup names nothing has that worker load the engine at once
(``Reader.warm``), before the logo's pixels are compared with the library:
loading takes about 0.15 s, which the scan spends fingerprinting and
identifying meanwhile. A scan whose markup names every logo never starts
it; one whose unnamed logos all match the library pays the load on a
core it leaves idle.

Without the engine (the ``ocr`` extra) logos go unread and the scan says
so once (docs/identification.md).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from logocheck.atomic import write_atomically
from logocheck.errors import AssetError, EngineMissing, UnreadableImage
from logocheck.identify.cache import FingerprintCache
from logocheck.identify.composite import Box, regions
from logocheck.identify.decode import decode
from logocheck.identify.fingerprint import fingerprint_image
from logocheck.identify.images import Evidence, Images, accepted, image_confidence
from logocheck.identify.library import Library
from logocheck.identify.naming import Namer
from logocheck.identify.ocrpool import Pending, Workers, workers_for_scan
from logocheck.identify.svg import is_svg, render_svg, svg_text
from logocheck.identify.text import Cleaner, Index
from logocheck.identify.wordmark import (
    INSTALL_HINT,
    Reading,
    engine_installed,
    load_engine,
    read_image,
    text_lines,
)
from logocheck.model import Logo, Match, Problem, Signal
from logocheck.urls import data_url

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
        self._pending: dict[str, tuple[Image.Image, Pending]] = {}
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
        names = ", ".join(str(r.match.brand or "(unnamed)") for r in walls)
        signals = tuple(_region_signal(r) for r in walls)
        return Match(None, "none", 0.0, signals, (f"ocr: several logos in one picture: {names}",))

    def _wall(self, key: str, image: Image.Image) -> tuple[Region, ...]:
        """Each logo of a picture holding several, named or not, when at least
        two are named (fewer: the cut found parts of one logo, not logos)."""
        found = []
        for box in regions(image):
            piece = image.crop(box)
            match = self._by_pixels(piece) or self.namer.name(
                self._read(f"{key}.{'-'.join(map(str, box))}", piece)
            )
            found.append(Region(box, match))
        named = sum(region.match.brand is not None for region in found)
        return tuple(found) if named >= 2 else ()

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
            try:
                found = read_image(image, engine)
            except Exception:  # the engine's failure on one image costs that image only
                self._readings[key] = ()
                return ()
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

    def warm(self) -> None:
        """Have a worker load the engine now, on another core, so the first
        wordmark to read finds it loaded."""
        if self.workers is not None and self.reads_ahead():
            self.workers.warm()

    def prefetch(self, wanted: Sequence[tuple[Logo, str]]) -> None:
        """Hand images that will need reading to a worker now, so they are read
        on another core while the scan goes on."""
        if self.workers is None or not self.reads_ahead():
            return
        for logo, key in wanted:
            cached = self.cache.get(key) if self.cache else None
            if cached is not None:
                self._readings[key] = cached
                continue
            image = self._image(logo)
            if image is not None:
                self._pending[key] = (image, self.workers.submit(text_lines(image)))

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
    cache = fingerprints.folder.parent if fingerprints else None
    namer = Namer(index, cleaner, library_names(images.library))
    return Reader(images, namer, cache, workers_for_scan())


def library_names(library: Library) -> tuple[str, ...]:
    """Every brand and alias of the reference library, for naming what is read."""
    return tuple(sorted({n for r in library.references for n in (r.brand, *r.aliases)}))


def _region_signal(region: Region) -> Signal:
    left, top, right, bottom = region.box
    where = f"{left},{top} {right - left}x{bottom - top}"
    return Signal(
        f"region-{region.match.method}",
        f"{region.match.brand or '(unnamed)'} at {where}",
        region.match.confidence,
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
            write_atomically(path, json.dumps([[r.text, r.score] for r in readings]))
        except OSError:
            return
