"""Combine what the markup says with what the pixels say about one logo.

- a label (a person's decision about this exact image) wins outright;
- one side silent: the other decides, and the silent side's evidence stays
  in the signals and ``tried``;
- both name the same brand: the markup's spelling is kept (the brand as
  the site presents it) and the confidence rises (two independent
  witnesses);
- the markup's name is a near miss of the brand the pixels show ("Globax"
  beside Globex's logo): the pixels settle the typo;
- they disagree: the stronger decides, both are kept, and the confidence
  drops in proportion to how strong the loser was.

Every match that looked at an image carries an ``image-hash`` signal with
the image's key, which is what ``logocheck logos --label`` refers to.
"""

from __future__ import annotations

from collections.abc import Callable

from logocheck.model import Match, Signal

#: Highest confidence a combined match reaches; 1.0 is kept for labels.
CEILING = 0.99


def combine(text: Match, image: Match, key: str, same: Callable[[str, str], bool]) -> Match:
    """The logo's match from its text match and its image match."""
    tag = (Signal("image-hash", key, 0.0),) if key else ()
    if image.method == "label":
        return Match(image.brand, "label", 1.0, image.signals + text.signals + tag)
    if image.brand is None:
        tried = text.tried + image.tried
        if text.brand is None:
            return Match(None, "none", 0.0, text.signals + image.signals + tag, tried)
        return Match(
            text.brand, text.method, text.confidence, text.signals + image.signals + tag, text.tried
        )
    if text.brand is None:
        return Match(
            image.brand, image.method, image.confidence, image.signals + text.signals + tag
        )
    if same(text.brand, image.brand):
        both = 1 - (1 - text.confidence) * (1 - image.confidence)
        return Match(
            text.brand,
            text.method,
            round(min(CEILING, both), 2),
            text.signals + image.signals + tag,
            text.tried,
        )
    if _nearly(text, image.brand, same):
        return Match(
            image.brand, image.method, image.confidence, image.signals + text.signals + tag
        )
    return _contested(text, image, tag)


def _nearly(text: Match, brand: str, same: Callable[[str, str], bool]) -> bool:
    """Whether the markup's name is a near miss of the brand the pixels show
    ("Globax" beside Globex's logo): the image settles the typo."""
    return any(s.source == "near-miss" and same(s.value, brand) for s in text.signals)


def _contested(text: Match, image: Match, tag: tuple[Signal, ...]) -> Match:
    """Markup and pixels name different brands: the stronger wins, less sure."""
    winner, loser = (text, image) if text.confidence >= image.confidence else (image, text)
    share = winner.confidence / (winner.confidence + loser.confidence)
    confidence = round(winner.confidence * (0.5 + share / 2), 2)
    rival = Signal(f"contested-{loser.method}", str(loser.brand), loser.confidence)
    signals = winner.signals + loser.signals + (rival,) + tag
    return Match(winner.brand, winner.method, confidence, signals, winner.tried)
