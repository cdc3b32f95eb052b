"""A name pattern's Latin form matches exactly as its full form on every text without
kana or ideographs, and the full form is the one run on every text that has one."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logocheck.extract import claims, testimonials
from logocheck.extract.claims import ClaimVocab
from logocheck.extract.namepatterns import (
    CAPITAL,
    LATIN_CAPITAL,
    NamePattern,
    may_hold_kana_or_ideographs,
)
from logocheck.vocab import load_vocab

#: The characters the full class accepts and the Latin one does not.
KANA_AND_IDEOGRAPHS = [chr(c) for c in (*range(0x3040, 0x3100), *range(0x4E00, 0xA000))]


def _patterns() -> list[NamePattern]:
    """Every name pattern of the claims vocabulary and of the modules that hold one."""
    vocab = ClaimVocab(load_vocab("claims"))
    holders = [vars(vocab), vars(vocab.named_users), vars(claims), vars(testimonials)]
    found = [v for holder in holders for v in holder.values() if isinstance(v, NamePattern)]
    found += [v for v in vars(claims)["_TITLE_PATTERNS"] if isinstance(v, NamePattern)]
    return found


PATTERNS = _patterns()
#: Pieces of text the patterns care about: names, joiners, lists, punctuation, other
#: scripts' letters (Greek and Cyrillic capitals, Hangul, a CJK full stop) but no kana
#: and no ideograph.
PIECES = [
    "Globex", "Initech", "Hooli", "A1", "3M", "of", "de", "von", "van", "and", "und", "et",
    "y", "en", "&", ",", ", ", " ", "\u00a0", ".", "!", "-", "'", "’", "'s", "’s", "Corp.",
    "join", "Join", "from", "to", "at", "@", "bei", "chez", "At", "Here at", "we", "our",
    "teams", "engineers", "customers such as", "including", "is used by", "rely on",
    "read", "see how", "story", "case study", "Customer story: ", "How ", " cut costs",
    ": ", " - ", "—", "2,000", "over", "more than", "others", "Éclair", "Straße", "Ωmega",
    "Яндекс", "한국", "\u3002", "\u30a0x", "\n", "。", "は", "が", "では",
]  # fmt: skip
WITHOUT = [p for p in PIECES if not any(c in KANA_AND_IDEOGRAPHS for c in p)]
texts = st.lists(st.sampled_from(WITHOUT), max_size=24).map("".join)


def _same(first: re.Match[str] | None, second: re.Match[str] | None) -> bool:
    if first is None or second is None:
        return first is second
    return first.span() == second.span() and first.groupdict() == second.groupdict()


def test_every_name_pattern_holds_the_class_it_has_a_latin_form_of() -> None:
    assert len(PATTERNS) >= 12
    for pattern in PATTERNS:
        assert CAPITAL in pattern.source
        assert "\\u4e00" not in pattern.latin.pattern


def test_the_classes_differ_only_on_kana_and_ideographs_over_the_whole_plane() -> None:
    full, latin = re.compile(CAPITAL), re.compile(LATIN_CAPITAL)
    differ = [
        chr(c)
        for c in range(0x10000)
        if (full.match(chr(c)) is None) != (latin.match(chr(c)) is None)
    ]
    assert differ == KANA_AND_IDEOGRAPHS


def test_a_text_holding_any_kana_or_ideograph_is_told_apart() -> None:
    for char in KANA_AND_IDEOGRAPHS:
        assert may_hold_kana_or_ideographs(f"Globex’ {char}")
        assert may_hold_kana_or_ideographs(f"{char}")
    assert not may_hold_kana_or_ideographs("Globex, Initech — Straße, Ωmega, 한국, ’s")
    assert not may_hold_kana_or_ideographs("Globex and Initech")


def test_a_kept_answer_is_never_given_for_another_text() -> None:
    prose = "Globex ships faster with Fluxboard. " * 60
    with_kana, without = prose + "© グローベックス", prose + "© Globex"
    for text in (with_kana, "Globex ©", with_kana, without, "グ", without, with_kana):
        assert may_hold_kana_or_ideographs(text) == ("グ" in text)


@settings(max_examples=300, deadline=None)
@given(text=texts, data=st.data())
def test_on_a_text_without_them_both_forms_match_alike(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    cjk_block = any("\u3000" <= char <= "\u9fff" for char in text)  # a CJK full stop, say
    for pattern in PATTERNS:
        full, latin = pattern.full, pattern.latin
        assert _same(full.search(text, pos), latin.search(text, pos)), pattern.source
        assert _same(full.match(text, pos), latin.match(text, pos)), pattern.source
        assert pattern.of(text) is (full if cjk_block else latin)


@settings(max_examples=100, deadline=None)
@given(text=texts, char=st.sampled_from(KANA_AND_IDEOGRAPHS), data=st.data())
def test_a_text_with_one_is_read_by_the_full_form(
    text: str, char: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(text)))
    written = text[:at] + char + text[at:]
    for pattern in PATTERNS:
        assert pattern.of(written) is pattern.full
        assert _same(pattern.search(written), pattern.full.search(written))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("グローベックス and Initech", "グローベックス and Initech"),
        ("Globex, Initech and Hooli.", "Globex, Initech and Hooli"),
        ("globex and Initech", None),
    ],
)
def test_a_list_of_names_starts_with_a_capital_or_a_kana_or_an_ideograph(
    text: str, names: str | None
) -> None:
    found = NamePattern(claims.NAMES).match(text)
    assert (found.group() if found else None) == names


def test_a_pickled_pattern_is_compiled_again_only_when_used() -> None:
    pattern = NamePattern(claims.NAME)
    assert pattern.search("see Globex") is not None
    copy = pickle.loads(pickle.dumps(pattern))
    assert "full" not in vars(copy) and "latin" not in vars(copy)
    assert _same(copy.search("see Globex"), pattern.search("see Globex"))
