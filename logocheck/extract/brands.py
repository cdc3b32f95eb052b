"""Find brand names in claim text.

Two ways, because the contracts only know the brands someone put there:

- ``BrandMatcher``: every account name and alias in one Aho-Corasick
  automaton, built once per scan and matched in one pass over a text,
  whatever the number of names (a million build in about a second);
- ``capitalised_names``: the names a claim pattern captured ("Globex,
  Initech and Hooli"), split into brands, so a brand with no account (the
  free user nobody put in the CSV) is still named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ahocorasick_rs import AhoCorasick, Implementation

_WORD = re.compile(r"\w")

#: Words that begin a capitalised run without being part of a name.
STOPWORDS = frozenset(
    """
    a an the our your their its this that these those we you they it he she i my
    and or but so as at by for from in into of on to with without via per
    since today now then when while after before during every each all many most
    more some other others teams team companies company customers customers' leading top
    engineers developers people leaders brands businesses organizations organisations
    how why what who where which learn read see join meet here there also even just only
    ceo cto cfo coo cmo vp head director manager engineer founder co-founder president lead
    der die das den dem des ein eine einer auch sie wir ihr unsere unser heute seit bereits
    les un une nous vous ils elles aussi aujourd'hui unos una también hoy
    het een ook wij zij onze vandaag
    """.split()  # noqa: SIM905
)


class BrandMatcher:
    """Known brand names (accounts and aliases) matched in one pass over text."""

    def __init__(self, names: Iterable[str]) -> None:
        keys: list[str] = []
        #: Whether the name has capitals, so "stark" in prose is not "Stark".
        self._cased = bytearray()
        for name in names:
            written = " ".join(name.split())
            key = lowered(written)
            if len(key) >= 2:
                keys.append(key)
                self._cased.append(written != key)
        self.size = len(keys)
        # a contiguous NFA: a million names in about a second and 130 MiB
        self._automaton = (
            AhoCorasick(keys, implementation=Implementation.ContiguousNFA) if keys else None
        )

    def find(self, text: str) -> list[str]:
        """Brand names in ``text`` as the text writes them, longest first at a place."""
        if self._automaton is None or not text:
            return []
        lower = lowered(text)
        spans = []
        for index, start, end in self._automaton.find_matches_as_indexes(lower, overlapping=True):
            if _bounded(lower, start, end):
                written = text[start:end]
                if not self._cased[index] or written != written.lower():
                    spans.append((start, end))
        return _names(text, spans)


def lowered(text: str) -> str:
    """``text`` lowercased a character for a character, so that an offset in
    one is the same place in the other: "İ" becomes "i", where ``str.lower``
    gives two characters ("i" and a combining dot)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(char.lower()[0] for char in text)


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _WORD.match(before) and not _WORD.match(after)


def _names(text: str, spans: list[tuple[int, int]]) -> list[str]:
    found: list[str] = []
    taken_until = -1
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start >= taken_until:
            name = text[start:end]
            if name not in found:
                found.append(name)
            taken_until = end
    return found


_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\bund\b|\bet\b|/)\s*")
#: "Globex's" and "Umbrella's SRE" are Globex and Umbrella; "Monk's Cafe" is a name.
_POSSESSIVE = re.compile(r"['’]s(?:\s+[A-Z0-9]{2,})*$")
_NAME_WORD = re.compile(r"^[A-Z0-9\u3040-\u30ff\u4e00-\u9fff][\w&'’.!-]*$")


def capitalised_names(run: str) -> list[str]:
    """Split a captured list ("Globex, Initech and Hooli") into brand names.

    Leading stopwords ("Today", "Teams at") are dropped, and a part that is
    not a run of capitalised words is not a name.
    """
    names: list[str] = []
    for part in _SPLIT.split(run):
        words = part.split()
        while words and words[0].lower().strip(",.") in STOPWORDS:
            words.pop(0)
        if not words or len(words) > 4:
            continue
        if all(_NAME_WORD.match(w) for w in words) and any(c.isalpha() for c in words[0]):
            name = _POSSESSIVE.sub("", " ".join(words)).strip(".'")
            if name and name not in names:
                names.append(name)
    return names
