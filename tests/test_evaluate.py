"""The engine builds every finding from a check's declared fields and typed facts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from logocheck.checks import CheckSpec, Context, Fields
from logocheck.evaluate import Engine
from logocheck.model import Location, Problem
from logocheck.ruleset import Rule

PROBLEM = Problem("image", "logo.png: truncated", Location("https://example.test/", "index.html"))


def _engine(fields: Fields) -> Engine:
    def gives(problem: Problem, context: Context) -> Iterator[Fields]:
        yield fields

    spec = CheckSpec("gives", "problem", gives, {}, frozenset({"detail"}))
    rule = Rule("XX001", "x", spec, "error", "unreadable: {detail}", {}, {}, (), Path("XX001.toml"))
    return Engine([rule], Context(as_of=date(2026, 1, 1)))


def test_a_finding_has_the_message_and_the_problem_as_evidence() -> None:
    (finding,) = _engine({"detail": "truncated"}).problem(PROBLEM)
    assert finding.message == "unreadable: truncated"
    assert finding.evidence == (("detail", "logo.png: truncated"),)
    assert finding.location == PROBLEM.location


@pytest.mark.parametrize("fields", [{}, {"detail": "x", "url": "/"}])
def test_a_check_giving_other_fields_than_it_declares_is_named(fields: Fields) -> None:
    with pytest.raises(TypeError, match="check 'gives' gave fields other than it declares"):
        list(_engine(fields).problem(PROBLEM))
