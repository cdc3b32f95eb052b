"""One pass over a page's visible text for every word the extractors look for.

Any pass over a page's 40,000 characters in Python costs as much as the
parse, so the section phrases ("trusted by"), the named-user verbs with
the product ("uses acme"), "join" and quote marks are all found by one
Aho-Corasick automaton (``ahocorasick-rs``, over bytes, about a tenth of
the parse), and numbers are checked for a noun of count claims after them.
The extractors look closer only where something was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ahocorasick_rs import BytesAhoCorasick, Implementation, MatchKind

HEADING, USES, JOIN, QUOTE, TRIGGER = range(5)
QUOTE_MARKS = ("“", "„", "«", '"')
_ZEROS = bytes.maketrans(b"123456789", b"000000000")
#: What may come between a number and its noun: "10,000+ happy", "2 million", "1.2m".
_AFTER_NUMBER = rb"[\d,.\s\xc2\xa0]*(?:[a-z.]+\s*)?\+?\s*(?:[a-z][\w'-]*\s+){0,2}"


@dataclass
class Hits:
    """Where the page's flat text holds something worth a closer look."""

    headings: list[tuple[int, int]] = field(default_factory=list)
    triggers: list[tuple[int, bytes]] = field(default_factory=list)
    uses: bool = False
    join: bool = False
    quotes: bool = False
    counts: bool = False


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

    def find(self, data: bytes, bounded: bool = True) -> Iterator[tuple[int, int, int]]:
        """(start, end, kind) of each word, at word boundaries when ``bounded``."""
        if self._automaton is None:
            return
        for index, start, end in self._automaton.find_matches_as_indexes(data):
            if bounded and (_word(data, start - 1) or _word(data, end)):
                continue
            for kind in self.kinds[index]:
                yield start, end, kind


class TextScan:
    """The automaton of every literal, built once per scan.

    Product names are not in it: a page's own title can name the product
    ("Page 7", "Pricing | Acme"), so an automaton per product set would be
    rebuilt for nearly every page. The automaton finds "<verb> " and the
    object after it is compared with the page's products in place.
    """

    def __init__(
        self,
        headings: Iterable[str],
        verbs: Iterable[str],
        pronouns: Iterable[str],
        nouns: Iterable[str],
        triggers: Iterable[bytes] = (),
    ) -> None:
        self.pronouns = tuple(_key(p) for p in pronouns if p.strip())
        alternatives = b"|".join(re.escape(_key(n)) for n in nouns if n.strip()) or b"(?!x)x"
        self.noun_after = re.compile(_AFTER_NUMBER + b"(?:" + alternatives + b")")
        words: dict[bytes, set[int]] = {}
        for heading in headings:
            if heading.strip():
                words.setdefault(_key(heading), set()).add(HEADING)
        for verb in verbs:
            if verb.strip():
                words.setdefault(_key(verb) + b" ", set()).add(USES)
        words.setdefault(b"join", set()).add(JOIN)
        for trigger in triggers:
            words.setdefault(trigger, set()).add(TRIGGER)
        for mark in QUOTE_MARKS:
            words.setdefault(mark.encode(), set()).add(QUOTE)
        self.literals = Literals({word: tuple(sorted(kinds)) for word, kinds in words.items()})

    def objects(self, products: frozenset[str]) -> tuple[bytes, ...]:
        """What may follow a verb in a named-user claim, longest first."""
        return tuple(sorted({*self.pronouns, *map(_key, products)}, key=len, reverse=True))

    def scan(self, lower: bytes, products: frozenset[str]) -> Hits:
        """The hits in ``lower`` (a page's flat text, UTF-8, lowercased).

        The flat text runs blocks together ("teamsJoin"), so it is scanned
        without word boundaries: a few extra hits cost a closer look, a lost
        one a claim.
        """
        hits = Hits()
        objects = self.objects(products)
        for start, end, kind in self.literals.find(lower, bounded=False):
            if kind == HEADING:
                hits.headings.append((start, end))
            elif kind == USES:
                hits.uses = hits.uses or _object_end(lower, start, end, objects) is not None
            elif kind == JOIN:
                hits.join = True
            elif kind == TRIGGER:
                hits.triggers.append((start, lower[start:end]))
            else:
                hits.quotes = True
        hits.counts = any(self.noun_after.match(lower, end) for end in _number_ends(lower))
        return hits

    def uses(self, lower: bytes, products: frozenset[str]) -> Iterator[tuple[int, int]]:
        """(start, end) of each "<verb> <product>" in ``lower``, at word boundaries."""
        objects = self.objects(products)
        for start, end, kind in self.literals.find(lower, bounded=False):
            if kind == USES:
                found = _object_end(lower, start, end, objects)
                if found is not None:
                    yield start, found


def _object_end(lower: bytes, start: int, end: int, objects: tuple[bytes, ...]) -> int | None:
    """Where the product or pronoun after a verb ends, if one follows as whole words."""
    if _word(lower, start - 1):
        return None
    for obj in objects:
        if lower.startswith(obj, end) and not _word(lower, end + len(obj)):
            return end + len(obj)
    return None


def _number_ends(data: bytes) -> Iterator[int]:
    """Where each run of digits ends (numbers are rare in prose, so this is quick)."""
    zeros = data.translate(_ZEROS)
    position = zeros.find(b"0")
    while position >= 0:
        end = position
        while end < len(zeros) and zeros[end] == 48:
            end += 1
        yield end
        position = zeros.find(b"0", end)


def _word(data: bytes, index: int) -> bool:
    """Whether the byte at ``index`` is part of a word (ASCII letters, digits, UTF-8)."""
    if index < 0 or index >= len(data):
        return False
    byte = data[index]
    return byte >= 0x80 or chr(byte).isalnum()


def _key(text: str) -> bytes:
    return " ".join(text.lower().split()).encode("utf-8")
