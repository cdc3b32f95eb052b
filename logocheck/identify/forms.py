"""Weak forms of account names that file names use: squashed, initials, prefixes.

A file name is written by whoever uploaded the image, so it often shortens
the company's name: ``kramericaindustries.png`` (the name with its spaces
squashed out), ``ksp.png`` (the initials of "Kowloon Steel & Power"),
``nakaauto.png`` (the first letters of each word of "Nakatomi Autotech").
Each form is its own method with its own, lower confidence, and only an
answer that points at exactly one account counts.

The tables are built on first use: most logos are named by their alt and
never need them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from logocheck.model import Account

#: Confidence of each form, on its own.
FORM_SCORES = {"squashed": 0.6, "prefix": 0.55, "initials": 0.5}
_INITIALS_MIN, _INITIALS_MAX = 3, 5
_PREFIX_MIN = 6
_PART_MIN = 2
_SKIPPED = frozenset({"and", "of", "the", "&"})
#: How close a name must be to an account's to be offered as "did you mean".
NEAR_CUTOFF = 75
_NEAR_MIN = 4


def squash(text: str) -> str:
    """Lower-case letters and digits only: ``Kramerica Industries`` -> ``kramericaindustries``."""
    return re.sub(r"[\W_]+", "", text.casefold())


@dataclass
class NameForms:
    """Accounts by squashed name, by initials and by the start of their name."""

    accounts: Sequence[Account]
    normalise: Callable[[str], str]
    _squashed: dict[str, list[Account]] = field(default_factory=dict)
    _initials: dict[str, list[Account]] = field(default_factory=dict)
    _heads: dict[str, list[tuple[tuple[str, ...], Account]]] = field(default_factory=dict)
    _by_letter: dict[str, list[tuple[str, Account]]] = field(default_factory=dict)
    _built: bool = False

    def near(self, text: str) -> Account | None:
        """The one account whose name is a near miss of ``text`` ("Globax" for Globex).

        Not a match: a typo and another company look alike, so this is only
        offered to the reader ("did you mean"), never joined.
        """
        key = squash(text)
        if len(key) < _NEAR_MIN:
            return None
        self._build()
        bucket = self._by_letter.get(key[0], [])
        found = process.extract(
            key, [name for name, _ in bucket], scorer=fuzz.ratio, score_cutoff=NEAR_CUTOFF, limit=2
        )
        if not found or (len(found) > 1 and found[1][1] == found[0][1]):
            return None
        return bucket[found[0][2]][1]

    def find(self, text: str) -> tuple[Account, str] | None:
        """The one account ``text`` shortens, and the form it uses."""
        key = squash(text)
        if not key or " " in text.strip():
            return None
        self._build()
        for method, found in (
            ("squashed", self._squashed.get(key, [])),
            ("initials", self._initials.get(key, []) if _initials_like(key) else []),
            ("prefix", self._prefixed(key)),
        ):
            unique = {id(a): a for a in found}
            if len(unique) == 1:
                return next(iter(unique.values())), method
        return None

    def _build(self) -> None:
        if self._built:
            return
        for account in self.accounts:
            words = tuple(w for w in self.normalise(account.name).split() if w not in _SKIPPED)
            if not words:
                continue
            self._squashed.setdefault("".join(words), []).append(account)
            self._by_letter.setdefault(words[0][0], []).append(("".join(words), account))
            if len(words) >= _INITIALS_MIN:
                self._initials.setdefault("".join(w[0] for w in words), []).append(account)
            if len(words) >= 2:
                self._heads.setdefault(words[0][:_PART_MIN], []).append((words, account))
        self._built = True

    def _prefixed(self, key: str) -> list[Account]:
        if len(key) < _PREFIX_MIN:
            return []
        return [a for words, a in self._heads.get(key[:_PART_MIN], []) if _spells(key, words)]


def _initials_like(key: str) -> bool:
    return _INITIALS_MIN <= len(key) <= _INITIALS_MAX and key.isalpha()


def _spells(key: str, words: tuple[str, ...]) -> bool:
    """Whether ``key`` is the start of each of the first two or more ``words``, in order."""
    if not key:
        return False
    word, rest = words[0], words[1:]
    for size in range(min(len(word), len(key)), _PART_MIN - 1, -1):
        if key[:size] != word[:size]:
            continue
        remaining = key[size:]
        if not remaining:
            return False  # one word's start alone is a guess, not a shortening
        if rest and (_spells(remaining, rest) or _starts(remaining, rest[0])):
            return True
    return False


def _starts(key: str, word: str) -> bool:
    return len(key) >= _PART_MIN and word.startswith(key)
