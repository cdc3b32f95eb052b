"""identify: decide which brand each logo and claim presents.

This is the only stage that may look at image bytes (Pillow, imagehash and
the SVG renderer live below this package); the markup side is in ``text``,
the pixel side in ``images``. For a logo:

1. a label (``logocheck-labels.toml``) for its exact image, or a
   re-encoded copy of it, always wins;
2. the markup names the brand (alt, title, file name, link ...);
3. the pixels are compared with the reference library whenever there is
   one, and decide when the markup is missing, a placeholder, weak, or
   names another brand (then both are kept, the stronger evidence wins and
   the confidence drops);
4. when nothing above named it, its lettering is read (``ocr``), and a
   picture holding several logos becomes one logo per region.

Every image is read and fingerprinted once per scan however many pages
show it; an unreadable one is one ``Problem(kind="image")`` (LC905).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from logocheck.config import LABELS_NAME, Settings
from logocheck.errors import AssetError
from logocheck.identify.cache import FingerprintCache
from logocheck.identify.forms import NameForms
from logocheck.identify.images import Evidence, Images, decide
from logocheck.identify.labels import label_logos, load_labels, parse_label
from logocheck.identify.library import Library, Reference, from_accounts, load_folder
from logocheck.identify.merge import combine
from logocheck.identify.naming import Namer
from logocheck.identify.ocr import Reader, library_names, reader_for
from logocheck.identify.text import Cleaner, Index, identify_text, logo_signals
from logocheck.model import Account, Claim, Logo, Match, Problem, Signal
from logocheck.safeopen import read_regular

__all__ = ["Identifier", "label_logos", "labels_path", "parse_label"]


class Identifier:
    """Identifies logos and claim brands for one scan.

    ``index`` answers whether a name belongs to an account; a scan passes
    its ``Joiner``, so identification and the join share one index and one
    answer per brand.
    ``read_asset`` fetches an image's bytes through the scan's source, so
    the same code serves folders and crawls. ``settings`` supplies the
    ``[identify]`` table (``logos``, ``labels``, ``cache``, ``images``);
    ``accounts`` with a ``logo`` join the reference library, their paths
    resolved against ``contracts``' folder; ``contracts_label`` is how
    reports name that file (the CI placeholder), for problems and evidence
    about those logos. ``cache`` is the scan's ``--cache`` folder, shared
    with the crawler's response cache.

    The placeholder words come from ``settings`` (``[vocab.placeholders]``)
    like every other table.
    """

    def __init__(
        self,
        index: Index,
        read_asset: Callable[[str], bytes],
        *,
        settings: Settings | None = None,
        accounts: Sequence[Account] = (),
        contracts: Path | None = None,
        contracts_label: str | None = None,
        cache: Path | None = None,
    ) -> None:
        settings = settings or Settings()
        self.index = index
        self.contracts_label = contracts_label
        self.read_asset = read_asset
        self.cleaner = Cleaner.from_vocab(settings.section("vocab").get("placeholders"))
        self.forms = _forms(index)
        self._problems: list[Problem] = []
        self._reported: set[str] = set()
        table = settings.section("identify")
        self.use_images = bool(table.get("images", True))
        fingerprints = FingerprintCache(cache) if cache else _cache(table, settings)
        labels = load_labels(labels_path(settings))
        self.images = Images(read_asset, Library([]), labels, fingerprints)
        self.reader: Reader = reader_for(self.images, index, self.cleaner, fingerprints)
        self._unbuilt = (table, settings, accounts, contracts) if self.use_images else None
        self._prepared: set[tuple[str | None, str | None]] = set()

    def _ready(self) -> None:
        """Build the reference library when pixels are first needed, and give
        the reader its names: a scan has read its first pages by then, and
        the reading worker they called for loads its engine meanwhile."""
        if self._unbuilt is None:
            return
        unbuilt, self._unbuilt = self._unbuilt, None
        self.images.library = self._library(*unbuilt)
        self.reader.namer = Namer(self.index, self.cleaner, library_names(self.images.library))

    def _library(
        self,
        table: Mapping[str, Any],
        settings: Settings,
        accounts: Sequence[Account],
        contracts: Path | None,
    ) -> Library:
        references: list[Reference] = []
        folder = table.get("logos")
        if folder:
            found, problems = load_folder(
                _path(folder, settings), self.images.reference_fingerprint
            )
            references += found
            self._problems += problems
        base = contracts.parent if contracts else Path.cwd()
        origin = self.contracts_label or (str(contracts) if contracts else "contracts")
        found, problems = from_accounts(
            accounts, self.images.reference_fingerprint, _reader(base, self.read_asset), origin
        )
        self._problems += problems
        return Library(references + found)

    # --- logos ------------------------------------------------------------

    def identify_logo(self, logo: Logo) -> Match:
        text = identify_text(logo_signals(logo), self.index, self.cleaner, self.forms)
        evidence = self._evidence(logo)
        if evidence is None:
            return text
        self._report(logo, evidence)
        match = combine(text, self._known_name(decide(evidence)), evidence.key, self._same_brand)
        match = self.reader.fallback(match, logo, evidence)
        if evidence.fingerprint is None:
            return match
        return replace(match, fingerprint=evidence.fingerprint.hex())

    def _known_name(self, match: Match) -> Match:
        """An image match named by the alias the contracts know, if the brand is not."""
        if match.method != "image" or match.brand is None:
            return match
        names = self.images.library.names(match.brand)
        found = [(name, self.index.lookup(name)) for name in names]
        exact = [name for name, hit in found if getattr(hit, "method", "") in ("name", "alias")]
        known = exact or [name for name, hit in found if hit.account is not None]
        return replace(match, brand=known[0]) if known else match

    def _evidence(self, logo: Logo) -> Evidence | None:
        if not self.use_images:
            return None
        self._ready()
        if logo.svg:
            return self.images.from_svg(logo.svg)
        if not logo.src:
            return None
        if logo.src.startswith("data:"):
            return (
                self.images.from_data_uri(logo.src) if logo.src.startswith("data:image/") else None
            )
        return self.images.from_url(logo.src)

    def _report(self, logo: Logo, evidence: Evidence) -> None:
        """One LC905 problem per unreadable image, at the first place it shows.

        Unreadable covers both an image that could not be fetched (a 404, a
        file missing from the build) and one that could not be decoded: in
        either case the logo went unchecked by its pixels, and a scan must
        not hide that.
        """
        if not evidence.error:
            return
        image = logo.src or evidence.key  # each inline SVG is an image of its own
        if image in self._reported:
            return
        self._reported.add(image)
        what = logo.src or "inline SVG"
        self._problems.append(Problem("image", f"{what}: {evidence.error}", logo.location))

    def _same_brand(self, a: str, b: str) -> bool:
        """Whether two names mean one brand (same account, or same words)."""
        if a.casefold() == b.casefold():
            return True
        first, second = self._account(a), self._account(b)
        if first is not None and first == second:
            return True
        small, large = sorted((set(a.casefold().split()), set(b.casefold().split())), key=len)
        return bool(small) and small <= large

    def _account(self, name: str) -> Account | None:
        """The account a brand name, or a domain the markup named, belongs to."""
        account = self.index.lookup(name).account
        if account is None and "." in name and " " not in name.strip():
            account = self.index.lookup(None, [name]).account
        return account

    # --- claims -----------------------------------------------------------

    def identify_claim(self, claim: Claim, brand: str | None) -> Match:
        """A claim names its brands in words, or only by a domain or e-mail.

        A count claim names none.
        """
        domains = tuple(Signal("domain", domain, 0.8) for domain in claim.domains)
        if brand is not None:
            return Match(brand, "text", 0.9, (Signal(claim.kind, brand, 0.9), *domains))
        if domains:
            return Match(domains[0].value, "domain", 0.8, domains)
        return Match(None, claim.kind, 1.0)

    def problems(self) -> list[Problem]:
        self._ready()  # an unreadable reference is reported even if no logo needed pixels
        return [*self._problems, *self.reader.problems]

    def close(self) -> None:
        """Stop the SVG worker and the reading workers, if any were started."""
        self.images.close()
        self.reader.close()

    # --- wordmarks read ahead, walls cut into regions ------------------------

    def prepare(self, logos: Sequence[Logo]) -> None:
        """Start the slow parts of identifying these logos, each image once:
        their SVG is rendered by the SVG worker while the scan goes on, and
        the wordmarks nothing else will name are read by a worker process.

        Only logos whose markup names nothing are looked at for reading. The first
        of them has the worker load the engine at once, before its pixels
        are compared with the library (most such logos are read in the
        end); each is handed over as soon as its pixels name nothing either.
        The engine loads and reads on another core while the scan
        fingerprints and identifies the other logos.
        """
        fresh = [logo for logo in logos if (logo.src, logo.svg) not in self._prepared]
        self._prepared.update((logo.src, logo.svg) for logo in fresh)
        if self.use_images:
            for logo in fresh:
                self.images.svg_ahead(logo.src, logo.svg)
        if not self.reader.reads_ahead():
            return
        for logo in fresh:
            text = identify_text(logo_signals(logo), self.index, self.cleaner, self.forms)
            if text.brand is not None:
                continue
            self.reader.warm()
            evidence = self._evidence(logo)
            if evidence is None or evidence.error or not self.reader.unseen(evidence.key):
                continue
            if decide(evidence).brand is None:
                self.reader.prefetch([(logo, evidence.key)])

    def regions(self, logo: Logo) -> tuple[tuple[Logo, Match], ...]:
        """The separate logos of a picture holding several, each with its match
        (empty for any other logo); call after ``identify_logo``."""
        if not self.reader.walls:
            return ()
        evidence = self._evidence(logo)
        return self.reader.regions(logo, evidence.key) if evidence else ()


def _forms(index: Index) -> NameForms | None:
    """Short forms of the index's account names, when the index lists its accounts."""
    accounts = getattr(index, "accounts", None)
    names = getattr(index, "names", None)
    if accounts is None or names is None:
        return None
    return NameForms(accounts, names.name)


def _path(value: Any, settings: Settings) -> Path:
    """A path from config, relative to the config's folder (kept as written
    when there is no config file, so reports show the path the user gave)."""
    path = Path(str(value)).expanduser()
    if path.is_absolute() or settings.path is None:
        return path
    return settings.base() / path


def labels_path(settings: Settings) -> Path:
    """The labels file: ``[identify] labels``, else ``logocheck-labels.toml``
    beside the config. One function, so ``logos --label`` writes the file
    that every scan reads."""
    return _path(settings.section("identify").get("labels") or LABELS_NAME, settings)


def _cache(table: Mapping[str, Any], settings: Settings) -> FingerprintCache | None:
    given = table.get("cache")
    return FingerprintCache(_path(given, settings)) if given else None


#: Largest reference logo file read (a logo is kilobytes).
LOGO_FILE_BYTES = 16 * 1024 * 1024


def _reader(base: Path, read_asset: Callable[[str], bytes]) -> Callable[[str], bytes]:
    """Read a contracts ``logo`` value: a URL through the source, else a local file."""

    def read(value: str) -> bytes:
        if value.startswith(("http://", "https://")):
            return read_asset(value)
        path = Path(value).expanduser()
        try:
            return read_regular(path if path.is_absolute() else base / path, LOGO_FILE_BYTES)
        except OSError as error:  # NotReadable included: a FIFO, a 3 GB file
            raise AssetError(f"{value}: {error.strerror or error}") from None

    return read
