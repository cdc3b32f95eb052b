"""identify: decide which brand each logo and claim presents.

This is the only stage that may look at image bytes (Pillow, imagehash and
the SVG renderer live below this package); the markup side is in ``text``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from logocheck.identify.text import Cleaner, Index, identify_text
from logocheck.model import Claim, Logo, Match, Problem, Signal
from logocheck.vocab import load_vocab


class Identifier:
    """Identifies logos and claim brands for one scan.

    ``read_asset`` fetches an image's bytes through the scan's source, so
    the same code serves folders and crawls.
    """

    def __init__(
        self,
        index: Index,
        read_asset: Callable[[str], bytes],
        vocab: Mapping[str, Any] | None = None,
    ) -> None:
        words = load_vocab("placeholders", vocab)
        self.index = index
        self.read_asset = read_asset
        self.cleaner = Cleaner(frozenset(words["words"]), frozenset(words["decorations"]))
        self._problems: list[Problem] = []

    def identify_logo(self, logo: Logo) -> Match:
        return identify_text(logo.signals, self.index, self.cleaner)

    def identify_claim(self, claim: Claim, brand: str | None) -> Match:
        """A claim names its brands in words; a count claim names none."""
        if brand is None:
            return Match(None, claim.kind, 1.0)
        return Match(brand, "text", 0.9, (Signal(claim.kind, brand, 0.9),))

    def problems(self) -> list[Problem]:
        return list(self._problems)
