"""Byte strings found in one pass: the answers are what repeated searches give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from logocheck.extract.literals import starts


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
