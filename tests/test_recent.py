"""The bounded memory extraction and workers keep: least recently used goes first."""

from __future__ import annotations

from logocheck.recent import Recent


def test_adding_past_the_limit_forgets_the_least_recently_used() -> None:
    recent: Recent[str, int] = Recent(2)
    recent["a"] = 1
    recent["b"] = 2
    assert recent.get("a") == 1  # "a" is now the most recent
    recent["c"] = 3
    assert "b" not in recent
    assert recent.get("a") == 1
    assert recent.get("c") == 3
    assert len(recent) == 2


def test_setting_a_known_key_refreshes_it() -> None:
    recent: Recent[str, int] = Recent(2)
    recent["a"] = 1
    recent["b"] = 2
    recent["a"] = 10
    recent["c"] = 3
    assert "b" not in recent
    assert recent.get("a") == 10


def test_a_missing_key_is_none() -> None:
    assert Recent[str, int](1).get("x") is None
