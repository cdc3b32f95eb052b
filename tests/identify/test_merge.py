"""Combining the markup's match with the pixels' match, case by case."""

from __future__ import annotations

import pytest

from logocheck.identify.merge import CEILING, combine
from logocheck.model import Match, Signal

KEY = "sha256:" + "ab" * 32
ALT_GLOBEX = Match("Globex", "alt", 0.9, (Signal("alt", "Globex", 0.9),))
ALT_INITECH = Match("Initech", "alt", 0.9, (Signal("alt", "Initech", 0.9),))
NO_TEXT = Match(None, "none", 0.0, (), ("alt 'logo'",))
IMAGE_GLOBEX = Match("Globex", "image", 0.99, (Signal("image", "Globex d=0.02", 0.94),))
WEAK_IMAGE_GLOBEX = Match("Globex", "image", 0.6, (Signal("image", "Globex d=0.14", 0.56),))
NO_IMAGE = Match(None, "none", 0.0, (), ("image: nearest Hooli at 0.300, over the 0.16",))
LABEL = Match("Hooli", "label", 1.0, (Signal("label", "labelled Hooli by dana", 1.0),))


def same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def test_label_wins_over_everything() -> None:
    match = combine(ALT_GLOBEX, LABEL, KEY, same)
    assert (match.brand, match.method, match.confidence) == ("Hooli", "label", 1.0)
    assert [s.source for s in match.signals] == ["label", "alt", "image-hash"]


def test_image_decides_when_markup_is_silent() -> None:
    match = combine(NO_TEXT, IMAGE_GLOBEX, KEY, same)
    assert (match.brand, match.method, match.confidence) == ("Globex", "image", 0.99)
    assert match.signals[-1] == Signal("image-hash", KEY, 0.0)


def test_markup_stands_when_pixels_are_inconclusive() -> None:
    match = combine(ALT_GLOBEX, NO_IMAGE, KEY, same)
    assert (match.brand, match.method, match.confidence) == ("Globex", "alt", 0.9)


def test_nothing_from_either_side_keeps_everything_tried() -> None:
    match = combine(NO_TEXT, NO_IMAGE, KEY, same)
    assert match.brand is None
    assert match.tried == NO_TEXT.tried + NO_IMAGE.tried


def test_agreement_keeps_the_markup_spelling_and_raises_confidence() -> None:
    match = combine(Match("GLOBEX", "alt", 0.8, ()), WEAK_IMAGE_GLOBEX, KEY, same)
    assert (match.brand, match.method) == ("GLOBEX", "alt")
    assert match.confidence == pytest.approx(0.92)
    assert combine(ALT_GLOBEX, IMAGE_GLOBEX, KEY, same).confidence == CEILING


@pytest.mark.parametrize(
    ("text", "image", "winner"),
    [(ALT_INITECH, IMAGE_GLOBEX, "Globex"), (ALT_INITECH, WEAK_IMAGE_GLOBEX, "Initech")],
)
def test_disagreement_prefers_the_stronger_and_lowers_confidence(
    text: Match, image: Match, winner: str
) -> None:
    match = combine(text, image, KEY, same)
    assert match.brand == winner
    assert match.confidence < max(text.confidence, image.confidence)
    loser = "Initech" if winner == "Globex" else "Globex"
    assert any(s.source.startswith("contested-") and s.value == loser for s in match.signals)


def test_no_image_hash_signal_without_a_key() -> None:
    match = combine(NO_TEXT, NO_IMAGE, "", same)
    assert all(s.source != "image-hash" for s in match.signals)
