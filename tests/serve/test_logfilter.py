"""A flood of the same warning becomes a few lines and a count (the clock is given, not waited for)."""

from __future__ import annotations

import logging

from tidings.serve.logfilter import RepeatFilter


def _record(message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("uvicorn.error", logging.WARNING, __file__, 1, message, args, None)


def test_repeats_are_counted_not_logged() -> None:
    now = [0.0]
    quiet = RepeatFilter(burst=3, window=60, clock=lambda: now[0])
    passed = [quiet.filter(_record("Invalid HTTP request received.")) for _ in range(1000)]
    assert passed == [True] * 3 + [False] * 997
    assert quiet.filter(_record("Another message"))  # counted apart
    now[0] = 61.0
    later = _record("Invalid HTTP request received.")
    assert quiet.filter(later)
    assert later.getMessage() == (
        "Invalid HTTP request received. (and 997 more like it in the last 60 s, not logged)"
    )


def test_messages_are_told_apart_by_their_template() -> None:
    quiet = RepeatFilter(burst=1, window=60, clock=lambda: 0.0)
    assert quiet.filter(_record("%d connections open", 2048))
    assert not quiet.filter(_record("%d connections open", 2049))
