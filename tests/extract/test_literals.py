"""Byte strings found in one pass: each group of markers answered as ``in`` would answer it."""

from __future__ import annotations

import random

from logocheck.extract.document import MARKERS, Document, parse
from logocheck.extract.literals import Presence
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
