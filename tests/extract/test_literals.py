"""Byte strings found in one pass: every answer is the one a plain search gives."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from logocheck.extract.document import MARKERS, Document, parse
from logocheck.extract.literals import Presence, starts
from logocheck.model import Page


def _by_in(groups: tuple[tuple[bytes, ...], ...], data: bytes) -> frozenset[tuple[bytes, ...]]:
    return frozenset(g for g in groups if any(literal in data for literal in g))


def test_a_literal_hidden_by_one_of_its_own_group_still_answers_the_group() -> None:
    presence = Presence([(b"/customers/", b"stories/"), (b"itemtype",)])
    assert len(presence._automata) == 1  # one pass: they answer one question
    assert presence.found(b"<a href='/stories/customers/x'>") == {(b"/customers/", b"stories/")}


def test_literals_of_different_groups_that_overlap_are_each_found() -> None:
    groups = ((b"stories/",), (b"/customers/",))
    presence = Presence(groups)
    assert presence.found(b"/stories/customers/") == set(groups)


def test_every_group_is_answered_as_a_substring_search_would() -> None:
    pick = random.Random(7)
    groups = ((b"ab", b"ba"), (b"bc",), (b"cab", b"a"), (b"ccc",))
    presence = Presence(groups)
    for _ in range(3000):
        data = bytes(pick.choice(b"abc") for _ in range(pick.randrange(12)))
        assert presence.found(data) == _by_in(groups, data), data


def test_the_page_markers_are_answered_as_a_substring_search_would() -> None:
    pick = random.Random(11)
    pieces = [literal for group in MARKERS for literal in group] + [b"x", b" ", b"/"]
    for _ in range(500):
        markup = b"".join(pick.choice(pieces) for _ in range(pick.randrange(8)))
        doc: Document = parse(Page(url="/", body=b"<p>" + markup))
        for group in MARKERS:
            assert doc.holds(*group) == any(m in doc.markup_bytes for m in group), markup


def _letters(most: int) -> st.SearchStrategy[bytes]:
    """Bytes of three letters: needles occur, overlap and repeat."""
    return st.binary(max_size=most).map(lambda data: bytes(b % 3 + 97 for b in data))


def _found_one_at_a_time(data: bytes, needle: bytes) -> list[int]:
    found = []
    at = data.find(needle)
    while at >= 0:
        found.append(at)
        at = data.find(needle, at + 1)
    return found


@given(st.data())
def test_starts_are_where_find_finds_the_needle_one_occurrence_after_another(
    data: st.DataObject,
) -> None:
    needle = data.draw(_letters(4).filter(bool))
    pieces = st.one_of(st.just(needle), st.just(needle[1:]), _letters(3))  # copies that overlap
    haystack = b"".join(data.draw(st.lists(pieces, max_size=12)))
    assert starts(haystack, needle) == _found_one_at_a_time(haystack, needle)


def test_overlapping_occurrences_are_each_found_and_an_empty_needle_is_nowhere() -> None:
    assert starts(b"aaaa", b"aa") == [0, 1, 2]
    assert starts(b"trusted by teams, trusted by", b"trusted by") == [0, 18]
    assert starts(b"anything", b"") == []
