"""Patterns that read brand names, compiled for the scripts a text is written in.

A brand name starts with a capital, a digit, or a kana or CJK ideograph
(scripts without capitals): ``CAPITAL``. CPython's ``re`` compiles a
character range code point by code point, so the ideographs' twenty
thousand cost about a millisecond each time a pattern holds the class,
and the claim patterns hold it dozens of times: some 45 ms of every
scan's start (and of every extraction worker's), for pages that mostly
hold no such letter.

``NamePattern`` compiles its pattern on first use, and for a text without
kana or ideographs, without their ranges (``LATIN_CAPITAL``). On such a
text both forms match exactly alike: the classes differ only on
characters the text does not hold, and a regular expression sees a text
only through which of its characters each class accepts.
``tests/extract/test_namepatterns.py`` checks the classes over the whole
Basic Multilingual Plane and the claim patterns on generated texts.
"""

from __future__ import annotations

import re
import sys
from functools import cached_property

#: The letters that may start a brand name.
CAPITAL = r"[A-Z0-9\u3040-\u30ff\u4e00-\u9fff]"
#: ``CAPITAL`` for a text that holds no kana and no ideograph.
LATIN_CAPITAL = "[A-Z0-9]"
#: UTF-8 lead bytes of U+3000-U+9FFF, which hold every kana and ideograph of ``CAPITAL``.
_LEADS = tuple(bytes([lead]) for lead in range(0xE3, 0xEA))

#: Texts at least this long have their answer kept (see ``may_hold_kana_or_ideographs``).
_KEPT_FROM = 1024
_last: tuple[str, bool] = ("", False)


def may_hold_kana_or_ideographs(text: str) -> bool:
    """False only when ``text`` holds no character of U+3000-U+9FFF.

    One pass at memory speed: a copy when every character is Latin-1,
    else encoding and a byte search per lead byte. A page's text is read
    by pattern after pattern, between searches of the short subjects cut
    from it, so the last answer for a long text is kept and a short one
    never takes its place: the text is read once, not once for every
    mention of the product.
    """
    global _last
    if text.isascii():
        return False
    if len(text) < _KEPT_FROM:
        return _holds(text)
    if text is not _last[0]:
        _last = (text, _holds(text))
    return _last[1]


def _holds(text: str) -> bool:
    try:  # a text of Latin-1 characters only ("©", "é") is stored one byte a
        text.encode("latin-1")  # character, and this is a copy of it
        return False
    except UnicodeEncodeError:  # stopped at the first wider character
        pass
    data = text.encode("utf-8", "surrogatepass")
    return any(lead in data for lead in _LEADS)


class NamePattern:
    """A compiled pattern holding ``CAPITAL``, with ``re.Pattern``'s ``match`` and ``search``."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags

    @cached_property
    def full(self) -> re.Pattern[str]:
        return re.compile(self.source, self.flags)

    @cached_property
    def latin(self) -> re.Pattern[str]:
        return re.compile(self.source.replace(CAPITAL, LATIN_CAPITAL), self.flags)

    def __getstate__(self) -> dict[str, object]:
        """Pickled (to extraction workers) as its source: each process compiles what it uses."""
        return {"source": self.source, "flags": self.flags}

    def of(self, text: str) -> re.Pattern[str]:
        """The form to run on ``text``."""
        return self.full if may_hold_kana_or_ideographs(text) else self.latin

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.of(text).match(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.of(text).search(text, pos, endpos)
