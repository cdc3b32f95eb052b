"""Cell values: dates, money, publicity and lists, parsed without guessing.

A misread cell changes a verdict silently, so every parser here either
returns the one value the text can mean or raises ``ValueError`` with a
message the reader turns into a ``file:line:column`` error or warning.
``01/02/2026`` could be January or February, ``1.234`` a thousand or one:
such cells need a configured ``date_format`` or ``decimal_comma``.

The parsers do not cache: ``cells`` keeps one cache per column by cell
text, which is where the million repeated cells of an export are met.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache

from logocheck.model import Publicity

PUBLICITY: tuple[Publicity, ...] = (
    "none",
    "approved",
    "approved-with-review",
    "case-study-only",
    "revoked",
)

_SLASHED = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_CURRENCY = re.compile(
    r"^(?:[A-Z]{3}|[A-Z]{0,2}[$€£¥₹₩₽]|CHF|Fr\.)?\s*(?P<num>.*?)\s*(?:[A-Z]{3}|[$€£¥₹₩₽]|CHF)?$"
)
_POINT_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_COMMA_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|,\d+")
_GROUP_SPACES = str.maketrans("", "", " \u00a0\u202f'’")


class DateParser:
    """ISO 8601 dates always; other layouts only with configured formats."""

    def __init__(self, formats: Iterable[str] = ()) -> None:
        self.formats = tuple(formats)

    def __call__(self, text: str) -> date:
        text = text.strip()
        iso = _iso_date(text)
        if iso is not None:
            return iso
        for layout in self.formats:
            try:
                return datetime.strptime(text, layout).date()
            except ValueError:
                continue
        raise ValueError(self._complaint(text))

    def _complaint(self, text: str) -> str:
        if self.formats:
            return f"date {text!r} matches neither ISO 8601 nor date_format {self.formats[0]!r}"
        slashed = _SLASHED.fullmatch(text)
        if slashed and int(slashed[1]) <= 12 and int(slashed[2]) <= 12:
            return (
                f"ambiguous date {text!r} (day/month or month/day?): write YYYY-MM-DD "
                "or set date_format in [tool.logocheck.contracts]"
            )
        return f"date {text!r} is not ISO 8601 (YYYY-MM-DD); set date_format to read it"


def _iso_date(text: str) -> date | None:
    if len(text) < 10 or text[4] != "-" or not text[:4].isdigit():
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


class MoneyParser:
    """Amounts as ``Decimal``: ``$1,200.00``; ``1.234,56 €`` with a decimal comma.

    Without ``decimal_comma`` a comma may only group thousands, so
    ``1,5`` or ``1.234,56`` is refused rather than read as 15 or 1.234.
    """

    def __init__(self, decimal_comma: bool = False) -> None:
        self.decimal_comma = decimal_comma
        self._number = _COMMA_NUMBER if decimal_comma else _POINT_NUMBER

    def __call__(self, text: str) -> Decimal:
        raw = text.strip()
        negative = raw.startswith("-") or (raw.startswith("(") and raw.endswith(")"))
        core = raw.strip("-()").strip()
        matched = _CURRENCY.match(core)
        number = matched["num"].translate(_GROUP_SPACES) if matched else core
        if not self._number.fullmatch(number):
            raise ValueError(self._complaint(text, number))
        if self.decimal_comma:
            number = number.replace(".", "").replace(",", ".")
        else:
            number = number.replace(",", "")
        try:
            amount = Decimal(number)
        except InvalidOperation:
            raise ValueError(f"amount {text!r} is not a number") from None
        return -amount if negative else amount

    def _complaint(self, text: str, number: str) -> str:
        if not self.decimal_comma and re.fullmatch(r"[\d.]*,\d{1,2}|\d+,\d+", number):
            return f"amount {text!r} has a decimal comma; set decimal_comma = true to read it"
        if self.decimal_comma and re.fullmatch(r"\d+\.\d{1,2}", number):
            return f"amount {text!r} has a decimal point but decimal_comma is set"
        return f"amount {text!r} is not a number"


class PublicityParser:
    """The publicity enum from a cell, accepting spelling variants and synonyms.

    ``Approved with review``, ``approved_with_review`` and
    ``APPROVED-WITH-REVIEW`` are one value; ``synonyms`` maps more words
    (from ``rules/vocab/plans.toml``) onto the enum. Unknown text raises.
    """

    def __init__(self, synonyms: Mapping[Publicity, Iterable[str]] | None = None) -> None:
        self._known: dict[str, Publicity] = {_slug(p): p for p in PUBLICITY}
        for value, words in (synonyms or {}).items():
            for word in words:
                self._known[_slug(word)] = value

    def __call__(self, text: str) -> Publicity | None:
        slug = _slug(text)
        if not slug:
            return None
        try:
            return self._known[slug]
        except KeyError:
            allowed = ", ".join(PUBLICITY)
            raise ValueError(f"unknown publicity {text.strip()!r} (expected {allowed})") from None


def _slug(text: str) -> str:
    return "-".join(re.split(r"[\s_\-]+", text.strip().lower())).strip("-")


def split_list(text: str, separators: str = ";|\n") -> tuple[str, ...]:
    """The non-empty items of a multi-valued cell (``a.com; b.com``)."""
    pattern = _splitter(separators)
    if pattern.search(text) is None:
        item = text.strip()
        return (item,) if item else ()
    return tuple(item.strip() for item in pattern.split(text) if item.strip())


@cache
def _splitter(separators: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(separators) + "]")
