"""The reference library: the logos we know, by brand, ready to compare.

References come from three places, all ending up as ``Reference`` records:

- a ``--logos DIR`` folder: ``globex.png`` is Globex, and every image in a
  folder ``Globex/`` is Globex too (several versions of one logo). An
  optional ``logos.toml`` in the folder names brands a file name cannot
  spell and adds aliases::

      [gekko-co]                 # file or folder name, without extension
      brand = "Gekko & Co"
      aliases = ["Gekko"]

- the contracts CSV's ``logo`` column (a path relative to the CSV, or a URL
  read through the scan's source);
- the labels file of logos a reviewer named (``labels.py``).

``Library.rank`` compares one fingerprint with every reference at once and
returns the best brand, its distance and the best *other* brand, which is
what the margin test needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from logocheck.errors import AssetError, ConfigError, UnreadableImage
from logocheck.identify.fingerprint import Fingerprint, Matrix
from logocheck.model import Account, Location, Problem
from logocheck.safeopen import read_regular
from logocheck.vocab import read_toml

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp", ".svg"})
INDEX_NAME = "logos.toml"

#: Turns a reference file's bytes into a fingerprint (raster or SVG, cached).
Fingerprinter = Callable[[bytes], Fingerprint]


@dataclass(frozen=True, slots=True)
class Reference:
    """One known logo: its brand, where it came from, its fingerprint."""

    brand: str
    origin: str
    fingerprint: Fingerprint
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Ranking:
    """The nearest brand to an image and the nearest other brand."""

    brand: str | None
    distance: float
    origin: str = ""
    runner_up: str | None = None
    runner_up_distance: float = 1.0

    @property
    def ratio(self) -> float:
        """Best over second-best distance: near 1 means a close second."""
        if self.runner_up_distance <= 0:
            return 1.0
        return self.distance / self.runner_up_distance


class Library:
    """Reference fingerprints stacked for fast comparison, grouped by brand."""

    def __init__(self, references: Sequence[Reference]) -> None:
        usable = [r for r in references if not r.fingerprint.blank]
        self.references = tuple(usable)
        self.matrix = Matrix([r.fingerprint for r in usable])
        names = sorted({r.brand for r in usable})
        self._brands = names
        position = {name: i for i, name in enumerate(names)}
        self._brand_of = np.asarray([position[r.brand] for r in usable], dtype=np.intp)

    def __len__(self) -> int:
        return len(self.references)

    def names(self, brand: str) -> tuple[str, ...]:
        """``brand`` and the aliases its references give, in order, once each."""
        found = [brand]
        for reference in self.references:
            if reference.brand == brand:
                found += [a for a in reference.aliases if a not in found]
        return tuple(found)

    def rank(self, fingerprint: Fingerprint) -> Ranking:
        """The best and second-best brands for ``fingerprint``."""
        if not self.references or fingerprint.blank:
            return Ranking(None, 1.0)
        per_reference = self.matrix.nearest(fingerprint)
        per_brand = np.ones(len(self._brands))
        np.minimum.at(per_brand, self._brand_of, per_reference)
        order = np.argsort(per_brand, kind="stable")
        best = int(order[0])
        nearest_ref = int(np.argmin(np.where(self._brand_of == best, per_reference, 2.0)))
        second = int(order[1]) if len(order) > 1 else None
        return Ranking(
            brand=self._brands[best],
            distance=float(per_brand[best]),
            origin=self.references[nearest_ref].origin,
            runner_up=self._brands[second] if second is not None else None,
            runner_up_distance=float(per_brand[second]) if second is not None else 1.0,
        )


def load_folder(folder: Path, fingerprint: Fingerprinter) -> tuple[list[Reference], list[Problem]]:
    """References from a ``--logos`` folder; unreadable files become problems.

    Raises ``ConfigError`` when the folder or its ``logos.toml`` is unusable.
    """
    if not folder.is_dir():
        raise ConfigError(str(folder), "logos folder does not exist or is not a folder")
    index = read_index(folder / INDEX_NAME)
    references: list[Reference] = []
    problems: list[Problem] = []
    for path, key in _logo_files(folder):
        entry = index.get(key, {})
        brand = entry.get("brand") or brand_from_name(key)
        try:
            fp = fingerprint(read_regular(path, 16 * 1024 * 1024))
        except (OSError, UnreadableImage) as error:
            problems.append(_problem(path, error))
            continue
        references.append(Reference(brand, str(path), fp, tuple(entry.get("aliases", ()))))
    return references, problems


def _logo_files(folder: Path) -> Iterable[tuple[Path, str]]:
    """(file, key) pairs: top-level images keyed by stem, sub-folders by name."""
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES:
            yield path, path.stem
        elif path.is_dir() and not path.name.startswith("."):
            for inner in sorted(path.rglob("*")):
                if inner.is_file() and inner.suffix.lower() in IMAGE_SUFFIXES:
                    yield inner, path.name


def brand_from_name(name: str) -> str:
    """``dunder-mifflin`` -> ``Dunder Mifflin``; names with capitals are kept."""
    words = re.sub(r"[-_]+", " ", name).strip()
    words = re.sub(r"(@\d+x|[ .](logo|color|colour|dark|light|white|black|mono))+$", "", words)
    return words.title() if words == words.lower() else words


def read_index(path: Path) -> dict[str, dict[str, Any]]:
    """The optional ``logos.toml``: key -> {"brand": str, "aliases": [str]}."""
    if not path.is_file():
        return {}
    data = read_toml(path)
    for key, entry in data.items():
        _check_entry(path, key, entry)
    return data


def _check_entry(path: Path, key: str, entry: Any) -> None:
    if not isinstance(entry, dict):
        raise ConfigError(str(path), f"[{key}] must be a table with brand and/or aliases")
    unknown = set(entry) - {"brand", "aliases"}
    if unknown:
        raise ConfigError(str(path), f"[{key}] has unknown key {sorted(unknown)[0]!r}")
    if not isinstance(entry.get("brand", ""), str):
        raise ConfigError(str(path), f"[{key}] brand must be a string")
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ConfigError(str(path), f"[{key}] aliases must be a list of strings")


def from_accounts(
    accounts: Iterable[Account],
    fingerprint: Fingerprinter,
    read: Callable[[str], bytes],
    origin: str = "contracts",
) -> tuple[list[Reference], list[Problem]]:
    """References from the contracts' ``logo`` column, read with ``read``."""
    references: list[Reference] = []
    problems: list[Problem] = []
    for account in accounts:
        if not account.logo:
            continue
        where = f"{origin}:{account.line}" if account.line else origin
        try:
            fp = fingerprint(read(account.logo))
        except (OSError, UnreadableImage, AssetError) as error:
            location = Location(url=account.logo, file=origin, line=account.line)
            problems.append(
                Problem("image", f"reference logo of {account.name}: {error}", location)
            )
            continue
        references.append(Reference(account.name, where, fp, account.aliases))
    return references, problems


def _problem(path: Path, error: Exception) -> Problem:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return Problem("image", f"reference logo unreadable: {reason}", Location(str(path), str(path)))
