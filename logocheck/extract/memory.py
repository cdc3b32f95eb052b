"""What one process's extraction remembers from page to page.

A site-wide footer wall is the same markup on every page; reading it again
for each page would make a large site cost its footer thousands of times.
Each process (the scan's, each worker) keeps one ``ExtractMemory`` beside
the scan's ``ExtractContext``, which stays immutable.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from logocheck.extract.literals import Literals
from logocheck.model import Logo, Signal
from logocheck.recent import Recent

#: Answers each process remembers of a function of one string alone (a class
#: name's verdict, a heading's, a link's story path), with ``functools.lru_cache``:
#: a site repeats its template's strings on every page, and no other input can
#: change such an answer, so it needs no place in ``ExtractMemory``.
STRING_ANSWERS_KEPT = 4096


@dataclass(slots=True)
class ExtractMemory:
    """Markup already read, by what makes it the same on another page.

    Only a speed-up: with a fresh memory a page yields the same logos and
    claims, found again instead of recalled. Each part is bounded and
    forgets what was used least recently.
    """

    judged: Recent[Hashable, tuple[tuple[Signal, ...], bool]] = field(
        default_factory=lambda: Recent(20_000)
    )
    """Logos already judged, by markup (see ``LogoFinder.build``)."""
    roots: Recent[Hashable, list[Logo]] = field(default_factory=lambda: Recent(2_000))
    """Logo sections already read, by markup (see ``LogoFinder.under``)."""
    relative: Recent[bytes, bool] = field(default_factory=lambda: Recent(256))
    """Whether a section's markup holds page-relative URLs (see ``LogoFinder.under``)."""
    quiet: Recent[bytes, bool] = field(default_factory=lambda: Recent(4_096))
    """Markups of sections that held no card and no adopter list (see ``cards.card_roots``)."""
    usage: Recent[tuple[bytes, int, int], tuple[int, ...]] = field(
        default_factory=lambda: Recent(1_024)
    )
    """Linking sentences around mentions of the product, by the label bytes
    around each (see ``anchors._usage_at``)."""
    automata: Recent[frozenset[str], Literals] = field(default_factory=lambda: Recent(16))
    """A small automaton of a page's own product names, per set of names, for
    pages that name products the scan did not learn (see ``TextScan._found``)."""
