"""Signals held while workers start or native libraries load are raised after, not lost."""

from __future__ import annotations

import signal

import pytest

from logocheck import pools


class Stopped(BaseException):
    pass


def test_a_signal_handled_inside_a_held_block_is_raised_again_when_it_ends() -> None:
    calls: list[str] = []

    def handler(signum: int, frame: object) -> None:
        if pools.deferring():
            pools.defer(signum)
            calls.append("deferred")
            return
        calls.append("raised")
        raise Stopped

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        with pytest.raises(Stopped), pools.interrupts_held():
            # as Python runs a handler in the main thread when another thread took the signal
            handler(signal.SIGTERM, None)
            calls.append("block went on")
        assert calls == ["deferred", "block went on", "raised"]
        assert not pools.deferring()
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_a_signal_sent_during_a_held_block_waits_for_its_end() -> None:
    calls: list[bool] = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: calls.append(True))
    try:
        with pools.interrupts_held():
            signal.raise_signal(signal.SIGTERM)  # blocked in this thread: pending
            assert calls == []
        assert calls == [True]
    finally:
        signal.signal(signal.SIGTERM, previous)
