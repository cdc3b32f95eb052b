"""Numbers as marketing pages write them: "10,000+", "1.2M", "2 million", "10k".

``parse_count`` turns the pieces a count claim's pattern captured into an
integer; a claim keeps the noun ("customers", "developers") beside it so a
rule can tell users from paying customers.
"""

from __future__ import annotations

import re

MULTIPLIERS = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mm": 1_000_000,
    "mio": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}

#: A number with optional thousands separators or decimals, then a multiplier.
#: The space before the "+" is taken whole (``\s*+``): what follows a count
#: never starts with a space, so giving some back cannot make a match, and
#: a failing match over a run of blank lines would try every way to split it.
NUMBER = (
    r"(?P<num>\d{1,3}(?:[,.\u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)"
    r"\s*(?P<mult>k|mm|m|mio\.?|b|bn|thousand|millions?|billion)?(?![\w])\s*+(?P<plus>\+)?"
)
_GROUPED = re.compile(r"^\d{1,3}(?:[,.\u00a0\u202f]\d{3})+$")


def parse_count(number: str, multiplier: str | None = None) -> int:
    """The integer a written number means.

    >>> parse_count("10,000"), parse_count("1.2", "M"), parse_count("10.000")
    (10000, 1200000, 10000)
    """
    text = number.strip()
    if _GROUPED.match(text) and not multiplier:
        value = float(re.sub(r"[,.\u00a0\u202f]", "", text))
    else:
        value = float(text.replace(",", "."))
    factor = MULTIPLIERS.get((multiplier or "").lower().rstrip("."), 1)
    return round(value * factor)


def vague_bounds(entries: list[str] | tuple[str, ...]) -> dict[str, int]:
    """``"thousands=2000"`` entries as a map of the word (lowercase) to its least value."""
    bounds: dict[str, int] = {}
    for entry in entries:
        word, _, value = entry.partition("=")
        if word.strip() and value.strip().isdigit():
            bounds[" ".join(word.lower().split())] = int(value)
    return bounds
