"""Byte strings found in a page in one pass each, in Rust.

Two questions are asked of a page's markup and text: *where* each of many
words is (``Literals``) and *whether* any of each of a few groups of
markers is there at all (``Presence``); ``digit_runs`` finds its numbers
the same way. Both are answered by Aho-Corasick automata; the second is
worth its own class because of how the automata are fast.

A leftmost automaton over a handful of literals skips ahead with a SIMD
prefilter and reads 55 KB of markup in about 10 µs; asked for overlapping
matches, it must visit every byte and takes ten times as long. Overlaps
only matter between literals that can share bytes ("stories/" then
"/customers/" in "stories/customers/"), and not even then when either
answers the same question, so ``Presence`` puts only literals of
different groups that can overlap in different automata, and asks each
for leftmost matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from ahocorasick_rs import BytesAhoCorasick, Implementation, MatchKind


class Literals:
    """Byte strings found in one pass, each with the kinds it stands for."""

    def __init__(self, words: dict[bytes, tuple[int, ...]]) -> None:
        self.words = list(words)
        self.kinds = [words[w] for w in self.words]
        # a DFA takes more memory than the default NFA but scans 3-4 times faster
        self._automaton = (
            BytesAhoCorasick(
                self.words, matchkind=MatchKind.LeftmostLongest, implementation=Implementation.DFA
            )
            if words
            else None
        )

    def matches(self, data: bytes) -> list[tuple[int, int, int]]:
        """(word index, start, end) of each word ``data`` holds, found in Rust."""
        return self._automaton.find_matches_as_indexes(data) if self._automaton else []

    def find(self, data: bytes, bounded: bool = True) -> Iterator[tuple[int, int, int]]:
        """(start, end, kind) of each word, at word boundaries when ``bounded``."""
        for index, start, end in self.matches(data):
            if bounded and (word_at(data, start - 1) or word_at(data, end)):
                continue
            for kind in self.kinds[index]:
                yield start, end, kind


class Presence:
    """Whether a byte string holds any literal of each of a few groups, at the prefilter's speed.

    A question asked of a page is one group: "/customers/" or "stories/"
    or "/case-stud" (any will do). Literals of one group may hide one
    another from a leftmost search and the group is still answered: the
    match that hides a literal is one of its own group. Only literals of
    different groups that can overlap need automata of their own.
    """

    def __init__(self, groups: Iterable[tuple[bytes, ...]]) -> None:
        self.groups = tuple(groups)
        automata: list[list[bytes]] = []
        for group in self.groups:
            for literal in group:
                fits = (
                    a
                    for a in automata
                    if not any(o not in group and _overlap(literal, o) for o in a)
                )
                automaton = next(fits, None)
                if automaton is None:
                    automata.append([literal])
                else:
                    automaton.append(literal)
        self._automata = [
            (a, BytesAhoCorasick(a, matchkind=MatchKind.LeftmostFirst)) for a in automata
        ]

    def found(self, data: bytes) -> frozenset[tuple[bytes, ...]]:
        """The groups ``data`` holds a literal of."""
        literals = {
            literals[index]
            for literals, automaton in self._automata
            for index, _, _ in automaton.find_matches_as_indexes(data)
        }
        return frozenset(g for g in self.groups if not literals.isdisjoint(g))


def starts(data: bytes, needle: bytes) -> list[int]:
    """Where each occurrence of ``needle`` starts in ``data``, overlapping ones too.

    What ``data.find(needle, at + 1)`` answers one call at a time, in one
    pass: CPython's ``find`` reads the haystack of a needle longer than a
    byte about a byte at a time (35 µs for 55 KB of markup, whether the
    needle is there or not), where a one-pattern automaton skips through
    it with SIMD (3-4 µs). An empty needle is nowhere.
    """
    return [start for _, start, _ in _one(needle).find_matches_as_indexes(data, overlapping=True)]


@lru_cache(256)
def _one(needle: bytes) -> BytesAhoCorasick:
    """The automaton of one needle, built once a process (20 µs a build)."""
    return BytesAhoCorasick([needle] if needle else [])


_DIGITS = BytesAhoCorasick([str(d).encode() for d in range(10)], matchkind=MatchKind.LeftmostFirst)


def digit_runs(data: bytes) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each run of ASCII digits in ``data``.

    The automaton skips from digit to digit with its prefilter: 6 µs for
    40 KB of prose, where translating every byte to find them took 35 µs.
    """
    start = end = -1
    for _, at, _ in _DIGITS.find_matches_as_indexes(data):
        if at != end:
            if end >= 0:
                yield start, end
            start = at
        end = at + 1
    if end >= 0:
        yield start, end


def _overlap(one: bytes, other: bytes) -> bool:
    """Whether an occurrence of ``one`` can hide one of ``other`` from a leftmost search."""
    if one in other or other in one:
        return True
    shortest = min(len(one), len(other))
    return any(
        one.endswith(other[:size]) or other.endswith(one[:size]) for size in range(1, shortest)
    )


def word_at(data: bytes, index: int) -> bool:
    """Whether the byte at ``index`` is part of a word (ASCII letters, digits, UTF-8)."""
    if index < 0 or index >= len(data):
        return False
    byte = data[index]
    return byte >= 0x80 or chr(byte).isalnum()
