"""Identify a logo from its pixels: fetch once, fingerprint once, rank, decide.

Cost grows with unique images, not with pages: an image URL is read once
per scan (URL -> content hash), and a content hash is decoded and
fingerprinted once (hash -> evidence), however many pages and URLs show it.
With ``--cache`` the fingerprint survives to the next scan.

The decision has two thresholds, calibrated on the fixture corpus and
written down in docs/identification.md:

- ``MATCH_DISTANCE``: the nearest brand must be at least this close;
- ``MAX_RATIO``: the nearest brand's distance over the nearest *other*
  brand's must be at most this, so a close second is "ambiguous", not a
  match. The ratio adapts to how crowded the library is around the image.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from logocheck.errors import AssetError, UnreadableImage
from logocheck.identify.cache import FingerprintCache
from logocheck.identify.composite import pieces
from logocheck.identify.decode import decode
from logocheck.identify.fingerprint import Fingerprint, fingerprint_image
from logocheck.identify.labels import Label, Labels, image_key
from logocheck.identify.library import Library, Ranking
from logocheck.identify.svg import Renderer, is_svg, render_svg, svg_text
from logocheck.model import Match, Signal
from logocheck.urls import data_url

MATCH_DISTANCE = 0.16
MAX_RATIO = 0.70
#: At or inside both of these an image match is as sure as it gets (0.99).
STRONG_DISTANCE = 0.06
STRONG_RATIO = 0.35
#: A labelled fingerprint matches a new copy only when this close: a label
#: names one image, not a family of look-alikes.
LABEL_DISTANCE = 0.08


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the pixels of one image say, before any decision."""

    key: str
    ranking: Ranking | None = None
    label: Label | None = None
    error: str | None = None
    blank: bool = False
    parts: tuple[Ranking, ...] = ()
    """Brands of the separate logos when the picture holds several."""
    fingerprint: Fingerprint | None = None


#: A URL whose path names an SVG file.
_SVG_PATH = re.compile(r"\.svg(?:[?#]|$)", re.IGNORECASE)


class Images:
    """The image side of identification for one scan."""

    def __init__(
        self,
        read_asset: Callable[[str], bytes],
        library: Library,
        labels: Labels | None = None,
        cache: FingerprintCache | None = None,
        renderer: Renderer | None = None,
    ) -> None:
        self.read_asset = read_asset
        self.library = library
        self.labels = labels or Labels()
        self.label_library = Library(self.labels.references())
        self.cache = cache
        self.renderer = renderer or Renderer()
        self._by_url: dict[str, Evidence] = {}
        self._by_key: dict[str, Evidence] = {}
        self._read: dict[str, bytes | AssetError] = {}
        self.decoded = 0

    # --- SVG rendered ahead ---------------------------------------------------

    def svg_ahead(self, url: str | None, markup: str | None = None) -> None:
        """Start rendering an SVG logo (inline ``markup``, or a ``.svg`` file at
        ``url``, read now) in the background, unless its evidence is known;
        ``from_url`` and ``from_svg`` then find the pixels ready."""
        if self.cache is not None:  # fingerprints usually come from the cache
            return
        if markup is not None:
            self._render_ahead(markup.encode("utf-8"))
        elif url and _SVG_PATH.search(url) and url not in self._by_url and url not in self._read:
            try:
                data = self.read_asset(url)
            except AssetError as error:
                self._read[url] = error
                return
            self._read[url] = data
            self._render_ahead(data)

    def _render_ahead(self, data: bytes) -> None:
        if image_key(hashlib.sha256(data).hexdigest()) in self._by_key or not is_svg(data):
            return
        try:
            self.renderer.render_ahead(svg_text(data))
        except UnreadableImage:
            return  # said when the logo's evidence is taken

    # --- evidence ---------------------------------------------------------

    def from_url(self, url: str) -> Evidence:
        """Evidence for the image at ``url``, read at most once per scan."""
        evidence = self._by_url.get(url)
        if evidence is None:
            try:
                data = self._read.pop(url, None) or self.read_asset(url)
                if isinstance(data, AssetError):
                    raise data
            except AssetError as error:
                evidence = Evidence("", error=f"not fetched: {error}")
            else:
                evidence = self._from_bytes(data)
            self._by_url[url] = evidence
        return evidence

    def from_data_uri(self, uri: str) -> Evidence:
        """Evidence for an image embedded in the page as a ``data:`` URI."""
        try:
            data = data_url(uri)
        except AssetError as error:
            return Evidence("", error=str(error))
        return self._from_bytes(data)

    def from_svg(self, markup: str) -> Evidence:
        """Evidence for inline SVG markup (keyed by the markup's hash)."""
        return self._from_bytes(markup.encode("utf-8"))

    def _from_bytes(self, data: bytes) -> Evidence:
        """Evidence for image bytes, examined once per content hash."""
        key = image_key(hashlib.sha256(data).hexdigest())
        if key not in self._by_key:
            self._by_key[key] = self._examine(key, data)
        return self._by_key[key]

    def _examine(self, key: str, data: bytes) -> Evidence:
        label = self.labels.get(key)
        try:
            fingerprint = self.fingerprint(data, key=key)
        except UnreadableImage as error:
            return Evidence(key, label=label, error=str(error))
        if fingerprint.blank:
            return Evidence(key, label=label, blank=True, fingerprint=fingerprint)
        if label is None:
            label = self._label_lookalike(fingerprint)
        ranking = self.library.rank(fingerprint)
        parts = () if accepted(ranking) or label else self._parts(data)
        return Evidence(key, ranking, label, parts=parts, fingerprint=fingerprint)

    def _parts(self, data: bytes) -> tuple[Ranking, ...]:
        """The library brands of the separate logos of a picture, when it holds several."""
        if not len(self.library):
            return ()
        try:
            image = self._decode(data)
        except UnreadableImage:
            return ()
        found = [self.library.rank(fingerprint_image(piece)) for piece in pieces(image)]
        matched = tuple(ranking for ranking in found if accepted(ranking))
        return matched if len(matched) >= 2 else ()

    def _label_lookalike(self, fingerprint: Fingerprint) -> Label | None:
        if not len(self.label_library):
            return None
        ranking = self.label_library.rank(fingerprint)
        if ranking.brand is None or ranking.distance > LABEL_DISTANCE:
            return None
        return self.labels.get(ranking.origin)

    def fingerprint(self, data: bytes, *, key: str = "", reference: bool = False) -> Fingerprint:
        """Fingerprint raster or SVG bytes, through the cache when there is one."""
        kind = "reference" if reference else "query"
        sha = key.removeprefix("sha256:") or hashlib.sha256(data).hexdigest()
        cached = self.cache.get(sha, kind) if self.cache else None
        if isinstance(cached, Fingerprint):
            return cached
        if isinstance(cached, str):
            raise UnreadableImage(cached)
        try:
            fingerprint = self._compute(data, reference)
        except UnreadableImage as error:
            if self.cache:
                self.cache.put(sha, kind, str(error))
            raise
        if self.cache:
            self.cache.put(sha, kind, fingerprint)
        return fingerprint

    def _compute(self, data: bytes, reference: bool) -> Fingerprint:
        self.decoded += 1
        return fingerprint_image(self._decode(data), reference=reference)

    def _decode(self, data: bytes) -> Image.Image:
        if is_svg(data):
            return render_svg(svg_text(data), self.renderer)
        return decode(data)

    def reference_fingerprint(self, data: bytes) -> Fingerprint:
        """Fingerprint of a library logo (with its reduced copies)."""
        return self.fingerprint(data, reference=True)

    def close(self) -> None:
        self.renderer.close()


# --- decision -----------------------------------------------------------------


def decide(evidence: Evidence) -> Match:
    """The match the pixels alone support (brand None when they do not)."""
    if evidence.label is not None:
        return label_match(evidence.label, evidence.key)
    if evidence.error or evidence.blank or evidence.ranking is None:
        return Match(None, "none", 0.0, tried=(describe(evidence),))
    ranking = evidence.ranking
    signals = image_signals(evidence)
    if not accepted(ranking):
        return Match(None, "none", 0.0, signals + part_signals(evidence), (describe(evidence),))
    return Match(ranking.brand, "image", image_confidence(ranking), signals)


def accepted(ranking: Ranking) -> bool:
    """Whether a ranking passes both thresholds (close enough, clear of the rest)."""
    return (
        ranking.brand is not None
        and ranking.distance <= MATCH_DISTANCE
        and ranking.ratio <= MAX_RATIO
    )


def part_signals(evidence: Evidence) -> tuple[Signal, ...]:
    return tuple(
        Signal("image-part", f"{part.brand} d={part.distance:.3f}", image_confidence(part))
        for part in evidence.parts
    )


def image_confidence(ranking: Ranking) -> float:
    """0.5 at either threshold, 0.99 from ``STRONG_DISTANCE`` and ``STRONG_RATIO`` in.

    A typical copy of a library logo (median distance 0.04, ratio 0.14 on
    the fixtures) is near-certain evidence, stronger than an alt text that
    may have been copied from the previous card, so it reaches 0.99.
    """
    closeness = _ramp(ranking.distance, STRONG_DISTANCE, MATCH_DISTANCE)
    margin = _ramp(ranking.ratio, STRONG_RATIO, MAX_RATIO)
    return round(0.5 + 0.49 * closeness * margin, 2)


def _ramp(value: float, strong: float, limit: float) -> float:
    """1 at or below ``strong``, falling linearly to 0 at ``limit``."""
    return min(1.0, max(0.0, (limit - value) / (limit - strong)))


def label_match(label: Label, key: str) -> Match:
    who = f" by {label.by}" if label.by else ""
    when = f" on {label.when.isoformat()}" if label.when else ""
    signal = Signal("label", f"{key[:19]}… labelled {label.brand}{who}{when}", 1.0)
    return Match(label.brand, "label", 1.0, (signal,))


def image_signals(evidence: Evidence) -> tuple[Signal, ...]:
    ranking = evidence.ranking
    if ranking is None or ranking.brand is None:
        return ()
    best = Signal(
        "image",
        f"{ranking.brand} ({ranking.origin}) d={ranking.distance:.3f}",
        round(max(0.0, 1.0 - ranking.distance / (2 * MATCH_DISTANCE)), 2),
    )
    if ranking.runner_up is None:
        return (best,)
    second = Signal(
        "image-runner-up",
        f"{ranking.runner_up} d={ranking.runner_up_distance:.3f}",
        round(max(0.0, 1.0 - ranking.runner_up_distance / (2 * MATCH_DISTANCE)), 2),
    )
    return (best, second)


def describe(evidence: Evidence) -> str:
    """One line for ``Match.tried``: what the image side looked at and why no match."""
    if evidence.error:
        return f"image: {evidence.error}"
    if evidence.blank:
        return "image: blank (no shape to compare)"
    if evidence.parts:
        names = ", ".join(str(part.brand) for part in evidence.parts)
        return f"image: several logos in one picture: {names}"
    ranking = evidence.ranking
    if ranking is None or ranking.brand is None:
        return "image: no reference logos to compare with"
    if ranking.distance > MATCH_DISTANCE:
        return (
            f"image: nearest {ranking.brand} at {ranking.distance:.3f}, "
            f"over the {MATCH_DISTANCE} match distance"
        )
    if ranking.ratio > MAX_RATIO:
        return (
            f"image: ambiguous, {ranking.brand} at {ranking.distance:.3f} and "
            f"{ranking.runner_up} at {ranking.runner_up_distance:.3f}"
        )
    return f"image: {ranking.brand} at {ranking.distance:.3f}"
