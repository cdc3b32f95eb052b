"""Elements that repeat across pages: judged once, counted per page.

A site-wide footer wall shows the same 24 logos on every page. Each logo
and each (claim, brand) gets a key from what makes it the same element
(where it sits in the template, what it shows); the first page that shows
it makes a ``Subject``, later pages only add to its page count. Memory and
output then grow with what differs between pages, not with the page count.

Keys are the digests extraction gives every logo and claim
(``Logo.key``, ``Claim.keys``): the same in the scan's process, its
extraction workers and any other run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from logocheck.model import Problem, Subject


class Occurrences:
    """Subjects by the element they come from, counting the pages that repeat it."""

    def __init__(self) -> None:
        self._first: dict[str, Subject] = {}
        self._pages: dict[str, int] = {}
        self._last_page: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.pages = 0

    def add(self, key: str, page: str, make: Callable[[], Subject]) -> None:
        """Judge an element the first time it is seen; after that, count its pages."""
        if key not in self._first:
            self._first[key] = make()
            self._pages[key] = 1
            self._last_page[key] = page
        else:
            self.repeat(key, page)

    def repeat(self, key: str, page: str) -> None:
        """Count one more page showing an element already judged."""
        self.repeat_all((key,), page)

    def repeat_all(self, keys: Iterable[str], page: str) -> None:
        """``repeat`` for each of ``keys``: a footer wall repeats two dozen a page."""
        last_page, pages = self._last_page, self._pages
        for key in keys:
            if last_page[key] != page:
                pages[key] += 1
                last_page[key] = page

    def subjects(self) -> tuple[Subject, ...]:
        return tuple(
            dataclasses.replace(subject, pages=self._pages[key])
            if self._pages[key] > 1
            else subject
            for key, subject in self._first.items()
        )
