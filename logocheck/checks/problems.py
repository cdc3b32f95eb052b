"""Checks on what a stage could not do, so a partial scan never looks clean."""

from __future__ import annotations

from collections.abc import Iterator

from logocheck.checks import Context, Fields, check
from logocheck.model import Problem


@check("problem", fields=("detail", "url"), scope="problem")
def problem(problem: Problem, context: Context, *, kind: str) -> Iterator[Fields]:
    """A problem of ``kind`` (fetch, limit, image ...) reported by a stage."""
    if problem.kind == kind:
        yield {"detail": problem.detail, "url": problem.location.url}
