"""A log filter that lets a message through a few times a minute: a flood of bad requests, or of failing
accepts when the system is out of file descriptors, becomes a few lines and a count, not millions."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

__all__ = ["RepeatFilter", "quiet_repeats"]

LOGGERS = ("uvicorn.error", "asyncio", "tidings.serve")


class RepeatFilter(logging.Filter):
    """Passes at most `burst` records of the same logger and message template per `window` seconds; the
    first record after a window that dropped some says how many."""

    def __init__(self, *, burst: int = 5, window: float = 60.0, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.burst, self.window, self.clock = burst, window, clock
        self._seen: dict[tuple[str, str], tuple[float, int, int]] = {}  # start, passed, dropped

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = self.clock()
        start, passed, dropped = self._seen.get(key, (now, 0, 0))
        if now - start >= self.window:
            if dropped:
                record.msg = (
                    f"{record.msg} (and {dropped} more like it in the last {self.window:g} s, not logged)"
                )
            start, passed, dropped = now, 0, 0
        if passed >= self.burst:
            self._seen[key] = (start, passed, dropped + 1)
            return False
        self._seen[key] = (start, passed + 1, dropped)
        if len(self._seen) > 1000:  # messages that vary without end: forget the oldest
            self._seen.pop(next(iter(self._seen)))
        return True


def quiet_repeats() -> None:
    """Put one `RepeatFilter` on the server's loggers (once per process)."""
    shared = RepeatFilter()
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RepeatFilter) for f in logger.filters):
            logger.addFilter(shared)
