"""One look at a page's visible text for everything the extractors start from.

A page's prose is full of the words claims are made of ("trusted",
"teams", "customers", "platform"), so nothing here does Python work per
word of prose. Two Aho-Corasick passes (in Rust, a tenth of the parse)
find the places worth a closer look:

- *labels*: a section heading or eyebrow ("Trusted by", "Our customers")
  is a short line of the block text. Long lines (paragraphs) are left out
  before the pass, so a heading phrase found is a candidate section, not
  a word in a paragraph;
- *claim words*: every named-user claim names the site's product (or "us",
  "our platform"), and those are rare; lists of brands start with "such
  as", "including", "Among these are" followed by a capital. One pass
  over the whole text finds them, and only a hit followed by a name is
  kept.

Where the text says "join", and whether it holds quote marks or a number
followed by a count noun, is found in the same pass or by C-level tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from heapq import merge
from typing import Any

from ahocorasick_rs import BytesAhoCorasick, Implementation

from logocheck.extract.literals import Literals, digit_runs
from logocheck.recent import Recent

HEADING, TRIGGER = range(2)
PRODUCT, INTRO, OPENER, RANGE, JOIN, QUOTE, VAGUE = range(7)
QUOTE_MARKS = ("“", "„", "«", '"')
LABEL_MAX = 240
_PRONOUN_ENDS = (" ", ".", ",", ";", ":", "!", "?", ")", "\n")
_NAME_STARTS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#: What a label's whitespace other than spaces becomes: the phrases are written with spaces.
_OTHER_SPACES = b"\t\r\x0b\x0c"
_WHITESPACE = bytes.maketrans(_OTHER_SPACES, b" " * len(_OTHER_SPACES))
#: Each of them alone: four searches for one byte (C's memchr) cost a tenth of translating.
_OTHER_SPACES_EACH = [bytes((byte,)) for byte in _OTHER_SPACES]
#: How far after a number its noun is looked for, in bytes: far past any
#: "10,000+ happy engineering teams", and only this much is lowercased.
_COUNT_REACH = 512
#: What may come between a number and its noun: "10,000+ happy", "2 million", "1.2m".
#: Possessive (``*+``) where giving characters back cannot help the rest
#: match, so a number followed by no noun ("Section 2") fails in a few
#: steps instead of retrying every split of the words after it. The
#: multiplier is a whole word or none: a count's multiplier is followed by
#: no letter, and a word that is no multiplier is one of the words before
#: the noun.
_AFTER_NUMBER = rb"[\d,.\s\xc2\xa0]*+(?:[a-z.]++\s*+)?\+?\s*(?:[a-z][\w'-]*+\s++){0,2}"


@dataclass
class Hits:
    """Where the page's text holds something worth a closer look.

    ``labels`` is the page's short lines (UTF-8, whitespace collapsed) and
    ``headings``/``triggers`` are spans in it. ``mentions`` (of the product
    or a pronoun for it), ``intros`` ("such as A"), ``openers`` ("Among
    these are A") and ``ranges`` ("from A") are character spans in the
    page's block text.
    """

    labels: bytes = b""
    lower: bytes = b""
    """``labels`` with ASCII lowercased, made once for every reader of the labels."""
    headings: list[tuple[int, int]] = field(default_factory=list)
    triggers: list[tuple[int, bytes]] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    intros: list[tuple[int, int]] = field(default_factory=list)
    openers: list[tuple[int, int]] = field(default_factory=list)
    ranges: list[tuple[int, int]] = field(default_factory=list)
    vague: list[int] = field(default_factory=list)
    """Where a number written as a word starts ("thousands of teams")."""
    numbers: list[int] = field(default_factory=list)
    """Where each number in digits starts, when one of them has a count noun
    after it ("10,000+ teams"); else none."""
    joins: list[int] = field(default_factory=list)
    """Where "join" starts, as a page writes it ("Join Globex, Initech and 2,000 others")."""
    quotes: bool = False

    @property
    def counts(self) -> bool:
        """Whether the text may hold a count claim at all."""
        return bool(self.vague or self.numbers)


class TextScan:
    """The automata of the label phrases and the claim words, built once per scan.

    The claim automaton holds the scan's product names too; a scan learns
    them before its first page, so it is built once. A page whose own names
    differ (no scan-wide names were learned) gets a small automaton of those
    names beside the claim words' own (see ``_found``).
    """

    def __init__(
        self,
        headings: Iterable[str],
        nouns: Iterable[str],
        triggers: Iterable[bytes] = (),
        *,
        intros: Iterable[str] = (),
        openers: Iterable[str] = (),
        pronouns: Iterable[str] = (),
        vague: Iterable[str] = (),
        products: frozenset[str] = frozenset(),
    ) -> None:
        alternatives = phrase_trie(_key(n).decode("utf-8") for n in nouns).encode("utf-8")
        self.noun_after = re.compile(_AFTER_NUMBER + b"(?:" + alternatives + b")")
        words: dict[bytes, tuple[int, bytes]] = {}
        for trigger in triggers:
            words[_padded(trigger.decode("utf-8"))] = (TRIGGER, trigger)
        for heading in headings:
            if heading.strip():
                words[_padded(heading)] = (HEADING, b"")
        self.label_kinds = list(words.values())
        self.labels = BytesAhoCorasick(list(words), implementation=Implementation.DFA)
        claim_words: dict[bytes, set[int]] = {}
        for join in ("join", "Join", "JOIN"):
            claim_words[join.encode()] = {JOIN}
        lists = ((INTRO, intros), (OPENER, openers), (RANGE, ("from",)))
        for kind, values in lists:  # followed by a name: "such as G", never "such as the"
            for value in values:
                for written in _cases(" ".join(value.split()), upper=False):
                    for first in _NAME_STARTS:
                        claim_words.setdefault(f"{written} {first}".encode(), set()).add(kind)
        for mark in QUOTE_MARKS:
            claim_words.setdefault(mark.encode(), set()).add(QUOTE)
        for word in vague:
            for written in _cases(" ".join(word.split())):
                claim_words.setdefault(written.encode() + b" ", set()).add(VAGUE)
        for pronoun in pronouns:  # always after a verb: " us." but never "customers"
            for written in _cases(" ".join(pronoun.split())):
                for end in _PRONOUN_ENDS:
                    claim_words.setdefault(f" {written}{end}".encode(), set()).add(PRODUCT)
        self.claim_words = claim_words
        self.for_words = self.automaton(frozenset())
        self.products = products
        """The scan's product names, whose automaton (with the claim words) is built here."""
        self.for_products = self.automaton(products) if products else self.for_words

    def automaton(self, products: frozenset[str]) -> Literals:
        """The claim words and ``products`` in one automaton."""
        words = {k: set(v) for k, v in self.claim_words.items()}
        for written in _product_words(products):
            words.setdefault(written, set()).add(PRODUCT)
        return Literals({word: tuple(sorted(kinds)) for word, kinds in words.items() if word})

    def scan(
        self,
        text: str,
        products: frozenset[str],
        automata: Recent[frozenset[str], Literals] | None = None,
        data: bytes | None = None,
    ) -> Hits:
        """The hits in ``text``, a page's block text (one line per block).

        The claim words are matched as written, each in the few ways a page
        writes it ("Fluxboard", "fluxboard", "FLUXBOARD"), so that a list
        intro is only found before a capital: prose costs nothing.
        ``data`` is ``text`` as UTF-8, when the caller has it already.
        """
        hits = self._labels(text)
        data = text.encode("utf-8") if data is None else data
        chars = _char_offsets(data, text)
        for start, end, kind in self._found(data, products, automata):
            if kind == PRODUCT:
                first = start + 1 if data[start] == 32 else start  # " us."
                stop = end - 1 if data[end - 1 : end] in _ENDS else end
                if not _ascii_word(data, first - 1) and not _ascii_word(data, stop):
                    hits.mentions.append((chars(first), chars(stop)))
            elif kind == JOIN:
                hits.joins.append(chars(start))
            elif kind == QUOTE:
                hits.quotes = True
            elif kind == VAGUE:
                if not _ascii_word(data, start - 1):
                    hits.vague.append(chars(start))
            elif not _ascii_word(data, start - 1):
                spans = (hits.intros, hits.openers, hits.ranges)[kind - INTRO]
                spans.append((chars(start), chars(end - 1)))
        hits.numbers = self._numbers(data, text)
        return hits

    def _numbers(self, data: bytes, text: str) -> list[int]:
        """Character offsets where a number starts (not inside a word or a longer
        number), when a count noun follows any number of the text; else none.

        The test is for the whole text, not each number: a number grouped by
        a narrow no-break space ("10 000 customers" as French writes it) has
        its noun after its last digits, not after its first. It reads ASCII
        words, so a number with anything beyond ASCII after it ("12.500
        glückliche Kunden") passes it untested.
        """
        runs = list(digit_runs(data))
        if not any(self._may_count(data[end : end + _COUNT_REACH]) for _, end in runs):
            return []
        chars = _char_offsets(data, text)
        return [
            chars(start)
            for start, _ in runs
            if not (data[start - 1 : start].isalnum() or data[start - 1 : start] in (b".", b","))
        ]

    def _may_count(self, after: bytes) -> bool:
        """Whether the bytes after a number may hold its count noun."""
        return not after.isascii() or self.noun_after.match(after.lower()) is not None

    def _found(
        self,
        data: bytes,
        products: frozenset[str],
        automata: Recent[frozenset[str], Literals] | None,
    ) -> Iterator[tuple[int, int, int]]:
        """(start, end, kind) of the claim words and product names in ``data``, in order.

        The scan's own product names share one automaton with the claim
        words. A page naming other products (no scan-wide names were
        learned) gets a small automaton of its names beside the words'
        one: building the whole automaton again for each page's names
        would cost more than the page.
        """
        if products == self.products:
            return self.for_products.find(data, bounded=False)
        names = automata.get(products) if automata is not None else None
        if names is None:
            names = Literals({written: (PRODUCT,) for written in _product_words(products)})
            if automata is not None:
                automata[products] = names
        return merge(self.for_words.find(data, bounded=False), names.find(data, bounded=False))

    def _labels(self, text: str) -> Hits:
        """The short lines of ``text`` (headings, eyebrows, list items) and the phrases in them.

        A block's text written over several source lines is several short
        lines, joined again by the space between them. Each phrase is kept
        once, where it is first found: a label is looked up by its phrase.
        """
        # most lines are blank (blocks nest); a footer's "©" makes the whole
        # text non-ASCII, so lines are encoded one by one (most are ASCII, a copy)
        short = [line for line in filter(None, text.split("\n")) if len(line) <= LABEL_MAX]
        stripped = filter(None, map(str.strip, short))  # indentation, blank lines
        labels = b" " + b" ".join(map(str.encode, stripped)) + b" "
        if any(map(labels.__contains__, _OTHER_SPACES_EACH)):  # rare: a tab between inline tags
            labels = labels.translate(_WHITESPACE)
        lower = labels.lower()
        words = lower.translate(_PUNCTUATION)
        matches = self.labels.find_matches_as_indexes(words, overlapping=True)
        first = {index: (start, end) for index, start, end in reversed(matches)}
        hits = Hits(labels=labels, lower=lower)
        for index, (start, end) in sorted(first.items(), key=lambda item: item[1]):
            start, end = start + (words[start] == 32), end - (words[end - 1] == 32)
            kind, trigger = self.label_kinds[index]
            if kind == HEADING:
                hits.headings.append((start, end))
            else:
                hits.triggers.append((start, trigger))
        return hits


_PUNCTUATION = bytes.maketrans(
    b'!"#$%()*+,./:;<=>?@[\\]^_`{|}~', b" " * len(b'!"#$%()*+,./:;<=>?@[\\]^_`{|}~')
)
_ENDS = frozenset(end.encode() for end in _PRONOUN_ENDS)


def phrase_trie(phrases: Iterable[str]) -> str:
    """A regex matching any of ``phrases`` (words apart by any whitespace), as a trie.

    Python's ``re`` tries an alternation's branches one by one at every
    position; a trie ("team(?:s)?|...") decides in a few steps. Longer
    branches come first, as in a longest-first alternation, so the same
    text is matched.
    """
    tree: dict[str, Any] = {}
    for phrase in phrases:
        node = tree
        for token in _tokens(phrase):
            node = node.setdefault(token, {})
        if node is not tree:
            node[""] = {}
    return _branches(tree) or r"(?!x)x"


def _tokens(phrase: str) -> Iterator[str]:
    """The characters of a phrase, with one ``" "`` between its words."""
    for index, word in enumerate(phrase.split()):
        if index:
            yield " "
        yield from word


def _branches(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if token == " " else re.escape(token)) + _branches(child)
        for token, child in sorted(node.items())
        if token
    ]
    if not branches:
        return ""
    body = f"(?:{'|'.join(branches)})" if len(branches) > 1 else branches[0]
    if "" not in node:
        return body
    return body + "?" if len(branches) > 1 else f"(?:{body})?"


def _cases(text: str, upper: bool = True) -> set[str]:
    """The ways a page writes a phrase: as given, lowercase, capitalised, uppercase."""
    found = {text, text.lower(), text[:1].upper() + text[1:], text.title()}
    return found | {text.upper()} if upper else found


def _product_words(products: frozenset[str]) -> set[bytes]:
    """The ways a page writes each product name (see ``_cases``), as UTF-8."""
    return {w.encode() for p in products for w in _cases(" ".join(p.split())) if w}


def _char_offsets(data: bytes, text: str) -> Callable[[int], int]:
    """Byte offset to character offset: the same number for ASCII text.

    Otherwise offsets are counted on from the last one asked (hits come in
    page order), so a page with a "©" in its footer does not decode its
    whole text again for every hit.
    """
    if len(data) == len(text):
        return int
    last = [0, 0]  # byte offset, character offset

    def chars(offset: int) -> int:
        start, count = last if offset >= last[0] else (0, 0)
        count += len(data[start:offset].decode("utf-8", "ignore"))
        last[:] = offset, count
        return count

    return chars


def _ascii_word(data: bytes, index: int) -> bool:
    return 0 <= index < len(data) and data[index] < 0x80 and chr(data[index]).isalnum()


def _padded(text: str) -> bytes:
    """A phrase with a space at each end that is a letter or digit, so it matches whole words."""
    key = _key(text)
    if key[:1].isalnum():
        key = b" " + key
    if key[-1:].isalnum():
        key += b" "
    return key


def _key(text: str) -> bytes:
    return " ".join(text.lower().split()).encode("utf-8")
