"""The labels file: logos a person identified once, recognised from then on.

When neither markup nor the library can name a logo, a reviewer looks at it
(``logocheck logos`` lists it with its image hash) and records the brand in
``logocheck-labels.toml``, with who decided and when::

    ["sha256:9f2c4e..."]
    brand = "Globex"
    by = "dana"
    when = 2026-11-29
    fingerprint = "…"          # optional: also matches re-encoded copies
    seen = "/customers/ img/client-06.png"

Labels always win over every other signal: they are a person's decision
about exactly this image. The key is the sha256 of the image bytes (for
inline SVG, of its markup); the fingerprint, when present, also lets a
resized or recompressed copy of the same logo match (``Library`` source).

``label_logos`` writes labels for logos a scan observed: each logo's match
already carries its image key and fingerprint, so no image is read again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from logocheck.atomic import write_atomically
from logocheck.errors import ConfigError
from logocheck.identify.fingerprint import Fingerprint
from logocheck.identify.library import Reference
from logocheck.model import Logo, Subject
from logocheck.vocab import read_toml

_KEY = re.compile(r"^sha256:[0-9a-f]{64}$")
#: Fewest hex digits of an image hash a reviewer may type.
SHORTEST_PREFIX = 6


@dataclass(frozen=True, slots=True)
class Label:
    """One reviewed logo."""

    key: str
    brand: str
    by: str = ""
    when: date | None = None
    fingerprint: Fingerprint | None = None
    seen: str = ""


class Labels:
    """The labels of one file, by image key."""

    def __init__(self, labels: Mapping[str, Label] | None = None) -> None:
        self._labels = dict(labels or {})

    def __len__(self) -> int:
        return len(self._labels)

    def __iter__(self) -> Iterator[Label]:
        return iter(self._labels[key] for key in sorted(self._labels))

    def get(self, key: str) -> Label | None:
        return self._labels.get(key)

    def references(self) -> list[Reference]:
        """Labels with a fingerprint, as references of their brand (origin = key)."""
        return [
            Reference(label.brand, label.key, label.fingerprint)
            for label in self
            if label.fingerprint is not None and not label.fingerprint.blank
        ]

    def with_label(self, label: Label) -> Labels:
        return Labels({**self._labels, label.key: label})


def image_key(sha256_hex: str) -> str:
    return f"sha256:{sha256_hex}"


def load_labels(path: Path) -> Labels:
    """Read a labels file; a missing file is an empty one. Raises ``ConfigError``."""
    if not path.exists():
        return Labels()
    data = read_toml(path)
    labels = {key: _label(path, key, entry) for key, entry in data.items()}
    return Labels(labels)


def _label(path: Path, key: str, entry: Any) -> Label:
    where = f'["{key}"]'
    if not _KEY.match(key):
        raise ConfigError(str(path), f"{where}: a label key is sha256:<64 hex digits>")
    if not isinstance(entry, dict):
        raise ConfigError(str(path), f"{where} must be a table")
    brand = entry.get("brand")
    if not isinstance(brand, str) or not brand.strip():
        raise ConfigError(str(path), f"{where} needs a brand")
    when = entry.get("when")
    if when is not None and not isinstance(when, date):
        raise ConfigError(str(path), f"{where} when must be a date (2026-01-31)")
    text = entry.get("fingerprint")
    try:
        fingerprint = Fingerprint.from_hex(text) if isinstance(text, str) and text else None
    except ValueError as error:
        raise ConfigError(str(path), f"{where} fingerprint: {error}") from None
    return Label(
        key, brand.strip(), str(entry.get("by", "")), when, fingerprint, str(entry.get("seen", ""))
    )


def render_labels(labels: Labels) -> str:
    """The file text for ``labels``: sorted by key, so diffs stay small."""
    parts = [
        "# Logos identified by a reviewer: image hash -> brand, who and when.\n"
        "# Written by `logocheck logos --label`; safe to edit by hand.\n"
    ]
    for label in labels:
        lines = [f'["{label.key}"]', f"brand = {_string(label.brand)}"]
        if label.by:
            lines.append(f"by = {_string(label.by)}")
        if label.when:
            lines.append(f"when = {label.when.isoformat()}")
        if label.fingerprint is not None:
            lines.append(f'fingerprint = "{label.fingerprint.hex()}"')
        if label.seen:
            lines.append(f"seen = {_string(label.seen)}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _string(value: str) -> str:
    """A TOML basic string (JSON's escapes are a subset of TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def save_labels(labels: Labels, path: Path) -> None:
    """Write the labels file in one step, as reports are written.

    A crash never leaves half a file; a labels file kept elsewhere behind a
    symbolic link stays a link, and the file keeps its permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, render_labels(labels))


# --- labelling the logos of a scan ------------------------------------------


def parse_label(text: str) -> tuple[str, str]:
    """``HASH=BRAND`` as (hash prefix, brand); raises ValueError saying what is wrong."""
    prefix, _, brand = text.partition("=")
    prefix = prefix.strip().lower().removeprefix("sha256:")
    short = len(prefix) < SHORTEST_PREFIX
    if not brand.strip() or short or any(c not in "0123456789abcdef" for c in prefix):
        raise ValueError(
            f"{text!r}: expected HASH=BRAND, HASH at least {SHORTEST_PREFIX} hex digits"
        )
    return prefix, brand.strip()


@dataclass(frozen=True, slots=True)
class _Seen:
    """A logo image as a scan saw it: its key, where, and its fingerprint."""

    key: str
    seen: str
    fingerprint: Fingerprint | None


def label_logos(
    path: Path, subjects: Iterable[Subject], given: Sequence[tuple[str, str]], by: str, when: date
) -> list[str]:
    """Record that the logo images with these hash prefixes show these brands.

    Every prefix is resolved before the file is touched; one that names no
    image, or several, raises ValueError. Returns ``short-hash=brand`` per label.
    """
    images = _images(subjects)
    chosen = [(_find(images, prefix), brand) for prefix, brand in given]
    labels = load_labels(path)
    for image, brand in chosen:
        labels = labels.with_label(Label(image.key, brand, by, when, image.fingerprint, image.seen))
    save_labels(labels, path)
    return [f"{image.key.removeprefix('sha256:')[:12]}={brand}" for image, brand in chosen]


def _images(subjects: Iterable[Subject]) -> dict[str, _Seen]:
    """The scan's logo images by key: the last place each shows (as the listing
    ends), and its fingerprint."""
    found: dict[str, _Seen] = {}
    for subject in subjects:
        key = subject.match.image_key
        if subject.kind != "logo" or key is None:
            continue
        text = subject.match.fingerprint
        fingerprint = Fingerprint.from_hex(text) if text else None
        earlier = found.get(key)
        if fingerprint is None and earlier is not None:
            fingerprint = earlier.fingerprint
        found[key] = _Seen(key, f"{subject.location.url} {_src(subject)}", fingerprint)
    return found


def _find(images: Mapping[str, _Seen], prefix: str) -> _Seen:
    found = [
        image for key, image in images.items() if key.removeprefix("sha256:").startswith(prefix)
    ]
    if len(found) != 1:
        what = "no logo" if not found else f"{len(found)} logos"
        raise ValueError(f"{what} with image hash {prefix}…")
    return found[0]


def _src(subject: Subject) -> str:
    logo = subject.item
    return (logo.src if isinstance(logo, Logo) else None) or "(inline svg)"
