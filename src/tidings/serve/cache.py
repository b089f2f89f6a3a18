"""Answers kept between requests: a bounded store of recently used values per kind of answer, emptied on
every write. A read-only store cannot change while it is served, so an answer stays right until a write
(POST /api/v1/articles with --allow-ingest) empties the cache.
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

__all__ = ["AnswerCache"]

T = TypeVar("T")


class AnswerCache:
    """Values by (kind, key), at most `sizes[kind]` of each kind, the least recently used dropped first.

    Values are kept pickled: whoever asks gets a copy of their own to change, and the kept value cannot
    be changed through it. Safe to share between threads."""

    def __init__(self, sizes: Mapping[str, int]):
        self._sizes = dict(sizes)
        self._kept: dict[str, OrderedDict[Hashable, bytes]] = {kind: OrderedDict() for kind in sizes}
        self._lock = threading.Lock()
        # bumped by every clear(): a value computed before a write is not kept after it
        self._generation = 0

    def lookup(self, kind: str, keys: Iterable[Hashable]) -> tuple[dict[Hashable, Any], int]:
        """The kept values of these keys (those kept), and the generation to pass to `keep` with the
        values computed for the others."""
        if not self._sizes[kind]:
            return {}, self._generation
        found: dict[Hashable, bytes] = {}
        with self._lock:
            kept = self._kept[kind]
            for key in keys:
                frozen = kept.get(key)
                if frozen is not None:
                    kept.move_to_end(key)
                    found[key] = frozen
            generation = self._generation
        return {key: pickle.loads(frozen) for key, frozen in found.items()}, generation

    def keep(self, kind: str, values: Mapping[Any, Any], generation: int) -> None:
        """Keep these values, computed from the store as it was at `generation` (dropped if a write
        came since)."""
        if not self._sizes[kind]:
            return
        frozen = {key: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for key, value in values.items()}
        with self._lock:
            if generation != self._generation:
                return
            kept = self._kept[kind]
            for key, value in frozen.items():
                kept[key] = value
                kept.move_to_end(key)
            while len(kept) > self._sizes[kind]:
                kept.popitem(last=False)

    def fetch(self, kind: str, key: Hashable, compute: Callable[[], T]) -> T:
        """The kept value of `key`, else `compute()`'s (then kept)."""
        found, generation = self.lookup(kind, [key])
        if key in found:
            return found[key]  # type: ignore[no-any-return]
        value = compute()
        self.keep(kind, {key: value}, generation)
        return value

    def clear(self) -> None:
        """Forget every value (after a write), including those being computed now."""
        with self._lock:
            self._generation += 1
            for kept in self._kept.values():
                kept.clear()

    def sizes(self) -> dict[str, int]:
        """How many values of each kind are kept."""
        with self._lock:
            return {kind: len(kept) for kind, kept in self._kept.items()}
