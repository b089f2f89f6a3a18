"""A time limit per article, so that a runaway article becomes a recorded failure, not a stalled batch.

The limit covers the stages after the parse (extraction, linking, checks; annotation): the parser runs
in linear time and a parse batch cannot be stopped for one of its articles. In the main thread of a
process that has no other use for SIGALRM (the CLI), an interval timer interrupts the article when its
time is up; elsewhere (Dask worker threads, the API's thread pool) the time is checked when each stage
ends, so a runaway is recorded as a failure once it returns.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType

from .errors import TidingsError

__all__ = ["ArticleTimeout", "Stopwatch", "article_time_limit", "configured_time_limit", "time_limit"]

# Seconds per article of up to CHARS_PER_BASE characters, and as much again for each such length more
# (a 5 MB article gets 25 minutes). Extraction after the parse takes about 2 s per 200,000 characters.
BASE_SECONDS = 60.0
CHARS_PER_BASE = 200_000
# The environment variable that sets the base in seconds ("off": no limit), for slow machines and tests.
TIME_LIMIT_ENV = "TIDINGS_TIME_LIMIT"


class ArticleTimeout(TidingsError):
    """An article took longer than its time limit."""

    def __init__(self, stage: str, seconds: float, limit: float) -> None:
        super().__init__(
            f"{stage}: over the article's time limit of {limit:.0f} s ({seconds:.1f} s since its parse)"
        )
        self.stage = stage


def configured_time_limit() -> float | None:
    """The base time limit: `TIDINGS_TIME_LIMIT` in seconds when set ("off" for none), else 60 s."""
    value = os.environ.get(TIME_LIMIT_ENV, "").strip().lower()
    if not value:
        return BASE_SECONDS
    if value in ("off", "none", "0"):
        return None
    try:
        seconds = float(value)
    except ValueError:
        raise TidingsError(f"{TIME_LIMIT_ENV}={value!r} is not a number of seconds (or 'off')") from None
    if not seconds > 0 or seconds == float("inf"):
        raise TidingsError(f"{TIME_LIMIT_ENV}={value!r} is not a positive number of seconds (or 'off')")
    return seconds


def article_time_limit(chars: int, base: float = BASE_SECONDS) -> float:
    """The seconds an article of `chars` characters may take after its parse."""
    return base * max(1.0, chars / CHARS_PER_BASE)


@dataclass(slots=True)
class Stopwatch:
    """The time an article has used so far, and the stage it is in; `check` raises when over the limit."""

    limit: float | None  # seconds; None: no limit
    stage: str = "extract"
    started: float = field(default_factory=time.monotonic)

    def enter(self, stage: str) -> None:
        """Begin `stage`, after checking that the time of the stages before is within the limit."""
        self.check()
        self.stage = stage

    def check(self) -> None:
        used = time.monotonic() - self.started
        if self.limit is not None and used > self.limit:
            raise ArticleTimeout(self.stage, used, self.limit)


@contextmanager
def time_limit(watch: Stopwatch) -> Iterator[Stopwatch]:
    """Run the block under `watch`: raises `ArticleTimeout` when it takes over `watch.limit` seconds,
    interrupting it where a timer can, else when the block ends."""
    if watch.limit is None or not _can_interrupt():
        yield watch
        watch.check()
        return

    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        assert watch.limit is not None
        raise ArticleTimeout(watch.stage, time.monotonic() - watch.started, watch.limit)

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, max(watch.limit - (time.monotonic() - watch.started), 1e-6))
    try:
        yield watch
        watch.check()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _can_interrupt() -> bool:
    """True in the main thread, with SIGALRM unused (no handler, no timer running)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )
