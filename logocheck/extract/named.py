"""Named-user claims read by sentence structure.

A named-user claim links a subject naming brands to the site's product
with a verb of use, choice, trust, building, running, migration or
reliance. Every claim names the product (or "us", "our platform"), so the
search starts from the product's mentions, which are few, and reads only
the sentence around each one:

- subject, verb, object: "Globex, the world's largest retailer, leverages
  a fork of Fluxboard"; "The Initech data team has been using Fluxboard";
  "Teams at Hooli rely on us" (appositives and relative clauses between
  commas are skipped, auxiliaries and adverbs before the verb allowed);
- the product first: "Fluxboard is used by Globex, Initech and Hooli";
- a list after a noun of customers: "customers such as A, B and C",
  "companies including A and B" (only when the sentence also makes a
  claim, or the noun is one of the site's own customers);
- a list opening the next sentence: "Fluxboard is used by thousands of
  companies. Among these are A, B and C.";
- "from A to B" after a claim: "used by everyone from Globex to Initech".

What is found is a span of the text and the run of names in it; turning
names into brands and spans into claims is ``claims.ClaimFinder``'s job.
The verbs, intros and contrast words are data (``rules/vocab/claims.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from logocheck.extract.memory import STRING_ANSWERS_KEPT
from logocheck.extract.namepatterns import CAPITAL, NamePattern
from logocheck.extract.textscan import Hits
from logocheck.vocab import Vocabulary

_WORD = rf"{CAPITAL}[\w&'’!.-]*(?<![.'’])"
NAME = rf"{_WORD}(?:[ \u00a0](?:{_WORD}|&|of|de|von|van))*"
_AND = r"[ \u00a0]*,?[ \u00a0]+(?:and|&|und|et|y|en)[ \u00a0]+"
NAMES = rf"{NAME}(?:[ \u00a0]*,[ \u00a0]*{NAME})*(?:{_AND}{NAME})?"
_SENTENCE_END = re.compile(r"[.!?。](?=\s|$)|\n")
_REACH = 300
#: How far before the product a verb and the words after it may start, how far
#: before the verb a negation and a subject (with its appositive) may.
_VERB_REACH = 90
_NEGATION_REACH = 30
_SUBJECT_REACH = 200
_FILLER_MAX = 5
_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
_FILLER = re.compile(r"[a-z\u00e0-\u00ff]")
_AUXILIARIES = frozenset(
    [
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "been",
        "will",
        "would",
        "now",
        "also",
        "already",
        "all",
        "both",
        "today",
        "still",
    ]
)
_WITH = frozenset(["with", "using", "on", "through"])
_APPOSITIVE = re.compile(r"(?:,[^,]{1,120},|\s[—–]\s[^—–]{1,120}\s[—–])\s*$")
_SPAN = tuple[int, int]
Found = tuple[_SPAN, str]
"""A claim's span in the text and the run of names it gives."""


def _words(values: Iterable[str]) -> str:
    parts = [r"\s+".join(map(re.escape, v.split())) for v in values if v.strip()]
    return "|".join(sorted(set(parts), key=len, reverse=True)) or r"(?!x)x"


class NamedVocab:
    """The claims vocabulary compiled into sentence patterns, once per scan."""

    def __init__(self, vocab: Vocabulary) -> None:
        verbs = _words(vocab.get("named_user_verbs", ()))
        self.verb = re.compile(rf"(?i)(?<!\w)(?:{verbs})(?!\w)")
        self.negated = re.compile(r"(?i)\b(?:not|never|no longer|n't|nicht|ne|pas|no)\s+\S*\s*$")
        self.phrases = {tuple(v.lower().split()) for v in vocab.get("named_user_verbs", ())}
        self.longest = max((len(p) for p in self.phrases), default=1)
        self.avoid = frozenset(w.lower() for w in vocab.get("not_objects", ()))
        first = _words(vocab.get("product_first_verbs", ()))
        people = _words(vocab.get("people_nouns", ()))
        self.product_first = NamePattern(
            rf"\s*(?i:{first})\s+(?:(?i:{people})\s+(?i:at|from)\s+)?(?P<brands>{NAMES})"
        )
        self.first_verb = re.compile(rf"(?i)(?<!\w)(?:{first})(?!\w)")
        phrases = _words(vocab.get("claim_phrases", ()))
        self.claim_phrase = re.compile(rf"(?i)(?<!\w)(?:{phrases})(?!\w)")
        after = _words(vocab.get("verbs_after_product", ()))
        self.after = re.compile(rf"\s*(?:{after})")
        self.japanese_subject = NamePattern(rf"(?P<brands>{NAME})\s*(?:は|が|では)\s*$")
        self.people = NamePattern(
            rf"(?i:\b(?:{people}))\s+(?i:at|from|of|bei|chez|en)\s+(?P<brands>{NAMES}),?\s*$"
        )
        groups = {g.lower() for g in vocab.get("group_nouns", ())}
        teams = _words(n for n in vocab.get("people_nouns", ()) if n.lower() not in groups)
        self.team = NamePattern(
            rf"(?P<brands>{NAMES})(?<![\d+])(?:['’]s)?\s+(?:[a-z][\w-]*\s+){{0,3}}(?i:{teams})\s*$"
        )
        self.named = NamePattern(rf"(?P<brands>{NAMES})\s*$")
        contrast = _words(vocab.get("contrast_words", ()))
        self.contrast = re.compile(rf"(?i:(?<!\w)(?:{contrast}))\s+$")
        nouns = _words([*vocab.get("people_nouns", ()), *vocab.get("customer_nouns", ())])
        self.noun_before = re.compile(rf"(?i)\b(?:{nouns})\b(?:[\s,]+[\w'-]+){{0,4}}[\s,]*$")
        self.own_nouns = re.compile(
            r"(?i)\b(?:our|unsere|nos|nuestros|onze)\s+\w+|\b(?:customers|clients|kunden|clientes)\b"
        )
        self.list_names = NamePattern(NAMES)
        self.range = NamePattern(rf"from\s+(?P<first>{NAME})\s+to\s+(?P<second>{NAME})")
        # A site's footer and navigation name the product after the same
        # words on every page ("© 2024 Fluxboard"), and where the verb starts
        # depends on those words alone: worked out once a process.
        self.verb_in = lru_cache(STRING_ANSWERS_KEPT)(self._verb_in)

    def _verb_in(self, words: str) -> tuple[int | None, bool]:
        """Where the verb before a mention starts in ``words``, and whether it is
        any verb (one followed by "with", "using", "on") rather than one of use."""
        verb = self.verb_start(words)
        return (verb, False) if verb is not None else (self.any_verb_start(words), True)

    def verb_start(self, window: str) -> int | None:
        """Where "[auxiliaries] <verb> [up to five words]" ends ``window``, if it does.

        Read back from the end word by word with set lookups: a window is a
        sentence's last few words, and this runs once per product mention.
        """
        tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(window)]
        words = [w.lower() for _, w in tokens]
        end = len(tokens)
        for _ in range(_FILLER_MAX + 1):
            for size in range(min(self.longest, end), 0, -1):
                if tuple(words[end - size : end]) in self.phrases:
                    first = end - size
                    while first and (
                        words[first - 1] in _AUXILIARIES or words[first - 1][-2:] == "ly"
                    ):
                        first -= 1
                    return tokens[first][0]
            if not end or not self._filler(tokens[end - 1][1]):
                return None
            end -= 1
        return None

    def any_verb_start(self, window: str) -> int | None:
        """Where "<any verb> [words] with|using|on" ends ``window``, if it does."""
        tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(window)]
        if not tokens or tokens[-1][1].lower() not in _WITH:
            return None
        index, start = len(tokens) - 1, None
        for _ in range(_FILLER_MAX + 1):
            if not index or not self._filler(tokens[index - 1][1]):
                break
            index -= 1
            start = tokens[index][0]
        return start

    def _filler(self, word: str) -> bool:
        return _FILLER.match(word) is not None and word.lower() not in self.avoid


class Sentences:
    """Named-user claims in one page's block text, from the product's mentions."""

    def __init__(self, vocab: NamedVocab, text: str, hits: Hits) -> None:
        self.vocab = vocab
        self.text = text
        self.hits = hits
        self.mentions = hits.mentions

    def found(self) -> Iterator[Found]:
        for start, end in self.mentions:
            yield from self.subject_verb(start, end)
            yield from self.product_first(end)
            yield from self.japanese(start, end)
        yield from self.lists()
        yield from self.openers()

    def subject_verb(self, start: int, end: int) -> Iterator[Found]:
        """ "<subject> <verb> [words] <product>"."""
        begin = _sentence_start(self.text, start)
        window = max(begin, start - _VERB_REACH)
        verb, any_verb = self.vocab.verb_in(self.text[window:start])
        patterns: tuple[NamePattern, ...] = (
            (self.vocab.people,)  # "Teams at Globex plan every route with Fluxboard"
            if any_verb
            else (self.vocab.people, self.vocab.team, self.vocab.named)
        )
        if verb is None:
            return
        cut = window + verb
        if self.vocab.negated.search(self.text, max(begin, cut - _NEGATION_REACH), cut):
            return
        subject_start = max(begin, cut - _SUBJECT_REACH)
        subject = _APPOSITIVE.sub("", self.text[subject_start:cut].rstrip())
        subject = _APPOSITIVE.sub("", subject.rstrip())
        for pattern in patterns:
            found = pattern.search(subject)
            if found is not None:
                lead = subject[: found.start("brands")]
                if not self.vocab.contrast.search(lead):
                    yield (subject_start + found.start("brands"), end), found.group("brands")
                return

    def product_first(self, end: int) -> Iterator[Found]:
        """ "<product> is used by <brands>"."""
        found = self.vocab.product_first.match(self.text, end)
        if found is not None:
            yield (end, found.end()), found.group("brands")

    def japanese(self, start: int, end: int) -> Iterator[Found]:
        """ "<brand>は<product>を導入": the verb follows the product."""
        if self.vocab.after.match(self.text, end) is None:
            return
        before = self.text[_sentence_start(self.text, start) : start]
        found = self.vocab.japanese_subject.search(before)
        if found is not None:
            yield (start - len(before) + found.start(), end), found.group("brands")

    def lists(self) -> Iterator[Found]:
        """ "customers such as A, B and C"; "used by everyone from A to B"."""
        for start, end in self.hits.intros:
            begin = _sentence_start(self.text, start)
            noun = self.vocab.noun_before.search(self.text, max(begin, start - 80), start)
            if noun is None or not (self._own(noun.group()) or self.claims(begin, start)):
                continue
            names = self.vocab.list_names.match(self.text, end)
            if names is not None:
                yield (begin, names.end()), names.group()
        for start, _ in self.hits.ranges:
            found = self.vocab.range.match(self.text, start)
            if found is None:
                continue
            begin = _sentence_start(self.text, start)
            if self.claims(begin, start) and not self._mentions_in(found.span()):
                yield (begin, found.end()), f"{found.group('first')}, {found.group('second')}"

    def openers(self) -> Iterator[Found]:
        """ "… used by thousands of companies. Among these are A, B and C"."""
        for start, end in self.hits.openers:
            if not self._mentions_in((max(0, start - _REACH), start)):
                continue
            names = self.vocab.list_names.match(self.text, end)
            if names is not None:
                yield (end, names.end()), names.group()

    def claims(self, begin: int, end: int) -> bool:
        """Whether the sentence up to ``end`` claims use: the product with a verb, "trusted by"."""
        sentence = self.text[begin:end]
        if self.vocab.claim_phrase.search(sentence):
            return True
        return self._mentions_in((begin, end)) and bool(
            self.vocab.verb.search(sentence) or self.vocab.first_verb.search(sentence)
        )

    def _own(self, noun: str) -> bool:
        return self.vocab.own_nouns.search(noun) is not None

    def _mentions_in(self, span: _SPAN) -> bool:
        return any(span[0] <= start < span[1] for start, _ in self.mentions)


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts (at most ``_REACH`` back).

    A line break ends a sentence, so only the product's own line is read
    for the last full stop (block text has runs of blank lines).
    """
    start = max(0, position - _REACH)
    start = text.rfind("\n", start, position) + 1 or start
    for found in _SENTENCE_END.finditer(text, start, position):
        start = found.end()
    return start
