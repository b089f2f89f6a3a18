"""Reading the store for the API and the pages: one read-only DuckDB connection, a cursor per request,
every query time-limited and parameterised. The event filters and the event layout are those of
`tidings.store.query` (what `tidings events` prints); this module only adds paging, aggregates and a
cache of answers (emptied on every write).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from tidings.codes import COOPERATIVE, OCCURRED
from tidings.errors import TidingsError
from tidings.store.query import EventQuery, events_by_ids, matching_sql
from tidings.store.schema import has_search_columns, open_store

from .cache import AnswerCache
from .index import EventIndex

__all__ = [
    "CACHE_SIZES",
    "PageKey",
    "QUEUE_SECONDS",
    "SESSIONS",
    "QueryTimeout",
    "RawJSON",
    "StoreReader",
    "dumps",
    "parsed",
]

_log = logging.getLogger("tidings.serve")
_PERIODS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m"}
_COOPERATIVE_SQL = ", ".join(f"'{t}'" for t in COOPERATIVE)  # constants, never user input


# answers kept per kind (least recently used dropped first): event records by id, pages of the list (their
# ids and next key), event and article answers by id, actor pages, and figures (counts, stats, places,
# actor searches) by their normalised parameters
CACHE_SIZES = {
    "record": 20_000,
    "page": 5_000,
    "event": 5_000,
    "article": 1_000,
    "actor": 500,
    "figure": 2_000,
}

# after a write, a store of fewer events has its words read again with the rest of the index, a larger
# one in the background (a store opened read-only has them read before the first request)
WORDS_AT_ONCE = 20_000

# DuckDB finds up to 50 events by id from its index (0.6-1.3 ms), more by a scan of the whole table
# (65 ms for 175,000 events): beyond BY_ID, records are read by rowid (a scan of rowids, 1-2.5 ms)
BY_ID = 40

# requests whose queries run at once in a process, and how long one waits for its turn before a 503
SESSIONS = 4
QUEUE_SECONDS = 30.0

# An event's place in the list: its rank (`events.rank_newest`, or `rank_oldest` oldest first) and
# `rank_within` (tidings.store.derived), the order of `tidings events`. A page starts right after the
# previous page's last key: no OFFSET to count through.
PageKey = tuple[int, int]


class QueryTimeout(TidingsError):
    """A query ran past the time limit and was interrupted."""


class RawJSON(str):
    """JSON text that an answer holds as it is: an event's record as the store keeps it
    (`events.record`), with its record and story ids, so that a page of events is not parsed and
    written again (`tidings.serve.api.Answer` writes it unchanged)."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Page:
    """One page of events, newest first (or oldest first), with the total that match (None when not
    asked for) and the key of its last event when more follow."""

    records: list[RawJSON]  # the events in the layout of `tidings events --format jsonl`, as JSON
    total: int | None
    next: PageKey | None

    @property
    def events(self) -> list[dict[str, Any]]:
        """The events as dicts."""
        return parsed(self.records)


def parsed(records: list[RawJSON]) -> list[dict[str, Any]]:
    """Events kept as JSON text, as dicts."""
    return [json.loads(record) for record in records]


class StoreReader:
    """The store at `path` opened once (read-only unless `writable`); `session()` gives each request its
    own cursor, interrupted after `timeout` seconds. `threads`: DuckDB's threads for a query (default:
    one per core); `tidings serve` gives each of its processes its share of the cores. `index`: hold the
    events' filter columns in memory (`tidings.serve.index`), read again after each write; without it
    every answer is read from the store by SQL."""

    def __init__(
        self,
        path: str | Path,
        *,
        timeout: float = 5.0,
        writable: bool = False,
        cache: bool = True,
        sessions: int = SESSIONS,
        threads: int | None = None,
        index: bool = True,
    ):
        self.path = Path(path)
        self.timeout = timeout
        self.writable = writable
        self._con = open_store(self.path, read_only=not writable)
        # a store written before `events.evidence_folded` is read all the same, its text search slower
        self.folded = has_search_columns(self._con)
        if not self.folded:
            _log.warning(
                "tidings: %s has no events.evidence_folded (written by an older Tidings): text search"
                " (q) reads every sentence without it, more slowly; open the store once with write access"
                " (`tidings ingest --db %s ...`) to add it",
                self.path,
                self.path,
            )
        if threads is not None:  # DuckDB's threads for one query (default: one per core)
            self._con.execute(f"SET threads = {int(threads)}")
        self._write_lock = threading.Lock()
        # requests beyond `sessions` wait their turn (bounded): more queries at once only share the CPU
        self._turns = threading.BoundedSemaphore(sessions)
        # answers cannot change while the store is open read-only; when writable, every write empties it
        self.cache = AnswerCache(CACHE_SIZES if cache else dict.fromkeys(CACHE_SIZES, 0))
        self._watchdog = _Watchdog()
        self._indexed = index
        self._index: EventIndex | None = None
        self._index_lock = threading.Lock()
        self._writes = 0  # writes so far: an index read before the last one is read again
        self._index_writes = -1
        self._words_thread: threading.Thread | None = None
        if index and not writable:  # read before the first request, not during it
            self.index(words_at_once=True)

    def index(self, *, words_at_once: bool = False) -> EventIndex | None:
        """The events' filter columns in memory (None when off), read again after a write; the words of
        a large store (`WORDS_AT_ONCE`) are read in the background unless `words_at_once`."""
        if not self._indexed:
            return None
        with self._index_lock:
            if self._index is None or self._index_writes != self._writes:
                writes = self._writes
                cursor = self._con.cursor()
                try:
                    self._index = EventIndex(cursor)
                finally:
                    cursor.close()
                self._index_writes = writes
                if words_at_once or self._index.size < WORDS_AT_ONCE:
                    self._read_words(self._index)
                else:  # seconds for a large store: text filters are answered by SQL meanwhile
                    self._words_thread = threading.Thread(
                        target=self._read_words, args=(self._index,), name="tidings-words", daemon=True
                    )
                    self._words_thread.start()
            return self._index

    def _read_words(self, index: EventIndex) -> None:
        cursor = self._con.cursor()
        try:
            index.read_words(cursor)
        except duckdb.Error as error:  # the store closed meanwhile, or a fault: text search by SQL
            _log.warning("tidings: %s: the words of the events were not read (%s)", self.path, error)
        finally:
            cursor.close()

    def close(self) -> None:
        self._watchdog.stop()
        if self._words_thread is not None:
            self._words_thread.join()
        self._con.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A cursor for one request's queries, once fewer than `sessions` run (503 after waiting
        `QUEUE_SECONDS`); its queries are interrupted after `timeout` seconds (503)."""
        if not self._turns.acquire(timeout=QUEUE_SECONDS):
            raise QueryTimeout(f"the server is busy (more than {QUEUE_SECONDS:g} s in the queue); try again")
        try:
            cursor = self._con.cursor()
            watched = self._watchdog.watch(cursor, self.timeout)
            try:
                yield Session(cursor, self)
            except duckdb.InterruptException:
                raise QueryTimeout(
                    f"the query took longer than {self.timeout:g} s; narrow the filters"
                ) from None
            finally:
                self._watchdog.forget(watched)
                cursor.close()
        finally:
            self._turns.release()

    @contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for writing, one writer at a time (only with `writable`)."""
        if not self.writable:
            raise TidingsError(f"{self.path} is open read-only")
        with self._write_lock:
            cursor = self._con.cursor()
            try:
                yield cursor
            finally:
                cursor.close()
                self._writes += 1
                self.cache.clear()


class _Watchdog:
    """Interrupts each request's cursor when its time is up: one thread for all requests (a timer thread
    started for each request cost more than a small query)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._due: dict[int, tuple[float, duckdb.DuckDBPyConnection]] = {}
        self._count = 0
        self._wake = math.inf  # when the thread next looks
        self._thread: threading.Thread | None = None
        self._stopped = False

    def watch(self, cursor: duckdb.DuckDBPyConnection, seconds: float) -> int:
        """Interrupt `cursor` after `seconds` unless forgotten before; returns what to forget."""
        due = time.monotonic() + seconds
        with self._changed:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="tidings-deadlines", daemon=True)
                self._thread.start()
            self._count += 1
            self._due[self._count] = (due, cursor)
            if due < self._wake:
                self._changed.notify()
            return self._count

    def forget(self, watched: int) -> None:
        with self._changed:
            self._due.pop(watched, None)

    def stop(self) -> None:
        with self._changed:
            self._stopped = True
            self._changed.notify()

    def _run(self) -> None:
        with self._changed:
            while not self._stopped:
                now = time.monotonic()
                # no cursor is left in a local variable: this thread outlives the requests
                for watched in [w for w, (due, _) in self._due.items() if due <= now]:
                    self._due.pop(watched)[1].interrupt()
                self._wake = min((due for due, _ in self._due.values()), default=math.inf)
                self._changed.wait(None if self._wake == math.inf else max(self._wake - now, 0.0))


class Session:
    """The queries of one request, on one cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection, store: StoreReader):
        self.con = con
        self.cache = store.cache
        self.index = store.index()
        self.folded = store.folded  # the store has events.evidence_folded, which text search reads
        self._fetched: dict[str, RawJSON] = {}  # records read with a page, for `records`

    def _matching(self, query: EventQuery) -> Any:
        """Which events match `query` (a mask by position in the index), or None without the index or
        when it does not hold the filters."""
        if self.index is None:
            return None
        # the words lower-cased as DuckDB's LIKE and ILIKE compare them
        folded = self.con.execute("SELECT lower(?)", [query.text]).fetchall()[0][0] if query.text else None
        return self.index.matching(query, folded=folded)

    def _rows(self, sql: str, params: list[object]) -> list[dict[str, Any]]:
        relation = self.con.execute(sql, params)
        columns = [d[0] for d in relation.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]

    def counts(self) -> dict[str, int]:
        def compute() -> dict[str, int]:
            row = self.con.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
                " (SELECT count(DISTINCT entity_id) FROM actor_figures)"  # kept by the store: small
            ).fetchone()
            assert row is not None
            return {"articles": row[0], "events": row[1], "actors": row[2]}

        return self.cache.fetch("figure", ("counts",), compute)

    def count(self, query: EventQuery) -> int:
        """How many events match `query`."""
        query = _normal(query)

        def compute() -> int:
            mask = self._matching(query)
            if mask is not None:
                return int(np.count_nonzero(mask))
            sql, params = matching_sql(query, "count(*)", folded=self.folded)
            row = self.con.execute(sql, params).fetchone()
            return int(row[0]) if row else 0

        return self.cache.fetch("figure", ("count", query), compute)

    def events_page(
        self,
        query: EventQuery,
        *,
        after: PageKey | None = None,
        limit: int,
        oldest_first: bool = False,
        total: bool = True,
    ) -> Page:
        """`limit` events of `query` after the event whose key is `after` (from the first without), in
        the layout of `tidings events --format jsonl`, with the total that match when `total`."""
        query = _normal(query)
        page_key = ("page", query, after, limit, oldest_first)
        count_key = ("count", query)
        pages, generation = self.cache.lookup("page", [page_key])
        counts, _ = self.cache.lookup("figure", [count_key]) if total else ({}, generation)
        if page_key in pages:
            ids, last = pages[page_key]
            counted = None
        else:
            ids, last, counted = self._page(
                query,
                after=after,
                limit=limit,
                oldest_first=oldest_first,
                count=total and count_key not in counts,
            )
            self.cache.keep("page", {page_key: (ids, last)}, generation)
            if counted is not None:
                self.cache.keep("figure", {count_key: counted}, generation)
        if not total:
            matching = None
        elif counted is not None:
            matching = counted
        else:
            matching = counts[count_key] if count_key in counts else self.count(query)
        return Page(records=self.records(ids), total=matching, next=last)

    def _page(
        self,
        query: EventQuery,
        *,
        after: PageKey | None,
        limit: int,
        oldest_first: bool,
        count: bool,
    ) -> tuple[list[str], PageKey | None, int | None]:
        """The ids of `events_page`'s events (their records kept for `records`), the key of the last
        one when more follow, and (when `count`) how many events match."""
        _, generation = self.cache.lookup("record", [])
        mask = self._matching(query)
        if self.index is not None and mask is not None:
            return self._indexed_page(
                self.index, mask, after=after, limit=limit, oldest_first=oldest_first, count=count
            )
        keys, counted = self._keys(query, after=after, limit=limit, oldest_first=oldest_first, count=count)
        page = keys[:limit]
        # then the records of those rows only, with their record and story ids (not kept in
        # `events.record`, as `events_by_ids` adds them)
        texts: dict[str, str] = {}
        ids: dict[int, str] = {}
        identity: dict[str, tuple[str | None, str | None]] = {}
        for row, event_id, text, record_id, story_id in self.con.execute(
            "SELECT e.rowid, e.id, e.record, m.record_id, m.story_id FROM events e"
            " LEFT JOIN record_members m ON m.event_id = e.id WHERE e.rowid = ANY(?)",
            [[k[0] for k in page]],
        ).fetchall():
            ids[row] = event_id
            if text is not None:
                texts[event_id] = text
                identity[event_id] = (record_id, story_id)
        records = {event_id: _identified(text, *identity[event_id]) for event_id, text in texts.items()}
        self.cache.keep("record", records, generation)
        self._fetched.update(records)
        last = page[-1] if page and len(keys) > limit else None
        return (
            [ids[k[0]] for k in page if k[0] in ids],
            (int(last[1]), int(last[2])) if last else None,
            counted,
        )

    def _indexed_page(
        self,
        index: EventIndex,
        mask: Any,
        *,
        after: PageKey | None,
        limit: int,
        oldest_first: bool,
        count: bool,
    ) -> tuple[list[str], PageKey | None, int | None]:
        """`_page` from the index: the page's positions and the total from memory, then the stored
        records of those events only."""
        _, generation = self.cache.lookup("record", [])
        positions, last = index.page(mask, after=after, limit=limit, oldest_first=oldest_first)
        records = self._stored(index, positions)
        self.cache.keep("record", records, generation)
        self._fetched.update(records)
        counted = int(np.count_nonzero(mask)) if count else None
        return [index.ids[p] for p in positions], last, counted

    def _stored(self, index: EventIndex, positions: list[int]) -> dict[str, RawJSON]:
        """The stored records of the events at these positions, with their record and story ids (an
        event without a stored record is left to `records_by_id`)."""
        by_id = {index.ids[p]: p for p in positions}
        if not by_id:
            return {}
        if len(by_id) <= BY_ID:
            rows = self.con.execute(
                "SELECT id, id, record FROM events WHERE id = ANY(?)", [list(by_id)]
            ).fetchall()
        else:  # the rows the index read, checked by their ids
            rows = self.con.execute(
                "SELECT rowid, id, record FROM events WHERE rowid = ANY(?)",
                [[int(index.rows[p]) for p in by_id.values()]],
            ).fetchall()
        return {
            event_id: _identified(text, *index.identity(by_id[event_id]))
            for _, event_id, text in rows
            if text is not None and event_id in by_id
        }

    def _keys(
        self, query: EventQuery, *, after: PageKey | None, limit: int, oldest_first: bool, count: bool
    ) -> tuple[list[tuple[Any, ...]], int | None]:
        """(row number, rank, within) of the first `limit` + 1 events of `query` after `after`: the
        first rows by two integers, without reading a string column of the others; and, when `count`,
        how many events match, from the same read of the store."""
        rank = "e.rank_oldest" if oldest_first else "e.rank_newest"
        if not count:
            sql, params = matching_sql(
                query,
                f"e.rowid AS row, {rank} AS rank, e.rank_within AS within",
                also=f"({rank}, e.rank_within) > (?, ?)" if after is not None else "",
                also_params=after or (),
                folded=self.folded,
            )
            keys = self.con.execute(
                f"SELECT row, rank, within FROM ({sql}) ORDER BY rank, within LIMIT {int(limit) + 1}", params
            ).fetchall()
            return keys, None
        # the matching rows' keys read once, then both the page and the count from them
        sql, params = matching_sql(
            query, f"e.rowid AS row, {rank} AS rank, e.rank_within AS within", folded=self.folded
        )
        seek = "WHERE (rank, within) > (?, ?)" if after is not None else ""
        rows = self.con.execute(
            f"WITH m AS MATERIALIZED ({sql})"
            f" SELECT * FROM (SELECT row, rank, within, NULL AS n FROM m {seek}"
            f" ORDER BY rank, within LIMIT {int(limit) + 1})"
            " UNION ALL SELECT NULL, NULL, NULL, count(*) FROM m",
            [*params, *(after or ())],
        ).fetchall()
        keys = sorted((r[:3] for r in rows if r[3] is None), key=lambda r: (r[1], r[2]))
        return keys, next(int(r[3]) for r in rows if r[3] is not None)

    def records(self, ids: list[str]) -> list[RawJSON]:
        """The events with these ids (those that exist), in that order, as JSON text in the layout of
        `tidings events --format jsonl`."""
        found = self.records_by_id(ids)
        return [found[i] for i in dict.fromkeys(ids) if i in found]

    def records_by_id(self, ids: list[str]) -> dict[str, RawJSON]:
        """`records` by event id."""
        unique = list(dict.fromkeys(ids))
        found, generation = self.cache.lookup("record", unique)
        found.update((i, self._fetched.pop(i)) for i in unique if i in self._fetched and i not in found)
        missing = [i for i in unique if i not in found]
        if missing and self.index is not None:  # by rowid, with the ids the index holds
            positions = [self.index.position[i] for i in missing if i in self.index.position]
            stored_now = self._stored(self.index, positions)
            self.cache.keep("record", stored_now, generation)
            found.update(stored_now)
            missing = [i for i in missing if i not in found]
        if missing:
            stored: dict[str, str | None] = {}
            fetched: dict[str, RawJSON] = {}
            for event_id, text, record_id, story_id in self.con.execute(
                "SELECT e.id, e.record, m.record_id, m.story_id FROM events e"
                " LEFT JOIN record_members m ON m.event_id = e.id WHERE e.id IN (SELECT unnest(?))",
                [missing],
            ).fetchall():
                stored[event_id] = text
                if text is not None:
                    fetched[event_id] = _identified(text, record_id, story_id)
            # an event without a stored record (a store being written): put together from the tables
            absent = [i for i in missing if i in stored and stored[i] is None]
            fetched.update(
                (event["id"], RawJSON(dumps(event)))  # type: ignore[misc]
                for event in events_by_ids(self.con, absent)
            )
            self.cache.keep("record", fetched, generation)
            found.update(fetched)
        return found  # type: ignore[return-value]

    def events_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        """The events with these ids (those that exist), in that order, as dicts."""
        return parsed(self.records(ids))

    def event(self, event_id: str) -> dict[str, Any] | None:
        """The event with its linked events (both ways) and the articles that report it."""
        return self.cache.fetch("event", event_id, lambda: self._event(event_id))

    def _event(self, event_id: str) -> dict[str, Any] | None:
        found = self.events_by_id([event_id])
        if not found:
            return None
        event = found[0]
        targets = {link["event"] for link in event["links"]}
        linked_from = (
            self.index.links_to.get(event_id, [])
            if self.index is not None
            else self._rows(
                "SELECT event_id AS event, relation FROM links WHERE target_id = ?"
                " ORDER BY event_id, position",
                [event_id],
            )
        )
        summaries = {
            e["id"]: _summary(e)
            for e in self.events_by_id(sorted(targets | {r["event"] for r in linked_from}))
        }
        linked = [
            {
                "direction": "to",
                "relation": link["relation"],
                **summaries.get(link["event"], {"id": link["event"]}),
            }
            for link in event["links"]
        ] + [
            {
                "direction": "from",
                "relation": row["relation"],
                **summaries.get(row["event"], {"id": row["event"]}),
            }
            for row in linked_from
        ]
        return {**event, "linked": linked, "reports": [event["article"], *self.other_reports(event)]}

    def other_reports(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        """Articles with an event of the same type on the same day between the same countries: other
        reports of it, until events are merged across articles."""
        actors = sorted({a["country"] for a in event["actors"] if a["country"]})
        recipients = sorted({a["country"] for a in event["recipients"] if a["country"]})
        if not event["date"] or not (actors or recipients):
            return []
        if self.index is not None:
            return self._indexed_reports(self.index, event, actors, recipients)
        # the actors' rows of that type and day with those countries (each row carries its event's type,
        # day and certainty: one read of one table, integers rather than ids), then those events' articles
        occurred, occurred_params = _certainty_sql(OCCURRED)
        wanted = {"actor": set(actors), "recipient": set(recipients)}
        found: dict[int, set[str]] = {}
        for number, role, country in self.con.execute(
            "SELECT event_number, role, country FROM actors WHERE event_type = ? AND event_date = ?"
            f" AND {occurred} AND country IN ({_marks(sorted(set(actors + recipients)))})",
            [event["event_type"], event["date"], *occurred_params, *sorted(set(actors + recipients))],
        ).fetchall():
            if country in wanted.get(role, ()):
                found.setdefault(number, set()).add(role)
        needed = {role for role, countries in wanted.items() if countries}
        candidates = [number for number, roles in found.items() if needed <= roles]
        if not candidates:
            return []
        return self._rows(
            "SELECT a.id, a.input_id, a.title, a.published, a.url, a.source, min(e.id) AS event"
            " FROM events e JOIN articles a ON a.id = e.article_id"
            " WHERE e.number IN (SELECT unnest(?::UBIGINT[])) AND e.article_id <> ?"
            " GROUP BY ALL ORDER BY a.published, a.id LIMIT 50",
            [candidates, event["article"]["id"]],
        )

    def _indexed_reports(
        self, index: EventIndex, event: dict[str, Any], actors: list[str], recipients: list[str]
    ) -> list[dict[str, Any]]:
        """`other_reports` from the index: the events of that type and day with those countries, then
        their articles' rows (each with its first such event)."""
        day = dt.date.fromisoformat(event["date"])
        positions = index.reported_with(
            event["event_type"], day, OCCURRED, {False: set(actors), True: set(recipients)}
        )
        first: dict[int, str] = {}  # by article code
        for position in positions:
            article, event_id = int(index.article[position]), index.ids[position]
            if index.article_ids[article] != event["article"]["id"] and event_id < first.get(
                article, "\uffff"
            ):
                first[article] = event_id
        # the first 50 by publication date, then their rows (by rowid: a few rows without a scan)
        shown = sorted(first, key=lambda article: int(index.article_order[article]))[:50]
        if not shown:
            return []
        columns = "id, input_id, title, published, url, source"
        by_id = {
            row["id"]: row
            for row in self._rows(
                f"SELECT {columns} FROM articles WHERE rowid = ANY(?)",
                [[int(index.article_rows[a]) for a in shown]],
            )
        }
        if any(index.article_ids[a] not in by_id for a in shown):  # rows that moved: by id (at most 50)
            by_id = {
                row["id"]: row
                for row in self._rows(
                    f"SELECT {columns} FROM articles WHERE id = ANY(?)",
                    [[index.article_ids[a] for a in shown]],
                )
            }
        return [
            {**by_id[index.article_ids[a]], "event": first[a]} for a in shown if index.article_ids[a] in by_id
        ]

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The article's text and every extracted event's spans."""
        return self.cache.fetch("article", article_id, lambda: self._article(article_id))

    def _article(self, article_id: str) -> dict[str, Any] | None:
        rows = self._rows(
            "SELECT id, input_id, origin, title, published, url, source, text FROM articles WHERE id = ?",
            [article_id],
        )
        if not rows:
            return None
        article = rows[0]
        ids = (
            [self.index.ids[p] for p in self.index.events_of(article_id)]
            if self.index is not None
            else [r["id"] for r in self._rows("SELECT id FROM events WHERE article_id = ?", [article_id])]
        )
        events = sorted(self.events_by_id(ids), key=lambda e: (e["evidence"]["span"][0], e["id"]))
        article["events"] = [{**_summary(e), "spans": event_spans(e, article["text"])} for e in events]
        return article

    def actors(
        self,
        *,
        text: str | None,
        country: str | None,
        sector: str | None,
        limit: int,
        certainty: tuple[str, ...] | None = OCCURRED,
    ) -> list[dict[str, Any]]:
        """Resolved actors (by entity id) that match, most events of these certainties first."""
        country, sector = (country or "").upper() or None, (sector or "").upper() or None
        return self.cache.fetch(
            "figure",
            ("actors", text or None, country, sector, limit, certainty),
            lambda: self._actors(text=text, country=country, sector=sector, limit=limit, certainty=certainty),
        )

    def _actors(
        self,
        *,
        text: str | None,
        country: str | None,
        sector: str | None,
        limit: int,
        certainty: tuple[str, ...] | None,
    ) -> list[dict[str, Any]]:
        where = ["entity_id IS NOT NULL"]
        params: list[object] = []
        if text:
            where.append("(entity_id = ? OR name ILIKE ? OR text ILIKE ?)")
            params += [text, f"%{text}%", f"%{text}%"]
        if country:
            where.append("country = ?")
            params.append(country)
        if sector:
            where.append("sector = ?")
            params.append(sector)
        if self.index is not None and not (text and ("%" in text or "_" in text)):
            # the words lower-cased as DuckDB's ILIKE compares them
            folded = self.con.execute("SELECT lower(?)", [text]).fetchall()[0][0] if text else None
            return self.index.actors(
                entity_id=text,
                folded=folded,
                country=country,
                sector=sector,
                certainties=certainty,
                limit=limit,
            )
        kept, kept_params = _certainty_sql(certainty)
        where.append(kept)
        rows = self.con.execute(
            "SELECT entity_id, role, coalesce(name, text), country, sector, count(*) FROM actors"
            f" WHERE {' AND '.join(where)} GROUP BY ALL",
            [*params, *kept_params],
        ).fetchall()
        return _actor_list(rows, limit=limit)

    def actor(
        self, entity_id: str, *, period: str = "month", certainty: tuple[str, ...] | None = OCCURRED
    ) -> dict[str, Any] | None:
        """An actor's events (of these certainties) over time by type (`timeline`), as actor and as
        recipient, its main `counterparts`, and its latest 20 `events` as actor and `events_as_recipient`."""
        return self.cache.fetch(
            "actor",
            (entity_id, period, certainty),
            lambda: self._actor(entity_id, period=period, certainty=certainty),
        )

    def _actor(
        self, entity_id: str, *, period: str, certainty: tuple[str, ...] | None
    ) -> dict[str, Any] | None:
        if period != "month":
            return self._actor_from_rows(entity_id, period=period, certainty=certainty)
        if self.index is not None:  # from the index; its latest 20 events in each role too
            page = self.index.actor(entity_id, certainty, COOPERATIVE)
            if page is None:
                return None
            newest = self.index.latest(entity_id, certainty, 20)
            self._fetched.update(self._stored(self.index, [p for role in newest.values() for p in role]))
            for role, field in (("actor", "events"), ("recipient", "events_as_recipient")):
                page[field] = self.records([self.index.ids[p] for p in newest[role]])
            return page
        # by month: from the figures the store keeps (tidings.store.figures), a few small rows
        figures = self.con.execute(
            "SELECT role, certainty, event_type, month, events, rows FROM actor_figures WHERE entity_id = ?",
            [entity_id],
        ).fetchall()
        if not figures:
            return None
        kept = [f for f in figures if certainty is None or f[1] in certainty]
        names = self._names([entity_id]).get(entity_id, {})
        timeline: dict[tuple[str, str, str], int] = {}
        for role, _, event_type, month, events, _ in kept:
            if month:
                timeline[(month, role, event_type)] = timeline.get((month, role, event_type), 0) + events
        condition, params = _certainty_sql(certainty)
        counterparts = self._rows(
            "SELECT other_id AS id, sum(events)::BIGINT AS events,"
            " (sum(events) FILTER (WHERE role = 'actor'))::BIGINT AS as_its_recipient,"
            " (sum(events) FILTER (WHERE role = 'recipient'))::BIGINT AS as_its_actor,"
            f" (sum(events) FILTER (WHERE event_type IN ({_COOPERATIVE_SQL})))::BIGINT AS cooperative"
            f" FROM actor_pairs WHERE entity_id = ? AND {condition}"
            " GROUP BY other_id ORDER BY events DESC, id LIMIT 15",
            [entity_id, *params],
        )
        others = self._names([c["id"] for c in counterparts])
        found: dict[str, Any] = {
            "id": entity_id,
            **{field: names.get(field) for field in ("name", "country", "sector")},
            "as_actor": sum(f[5] for f in kept if f[0] == "actor"),
            "as_recipient": sum(f[5] for f in kept if f[0] == "recipient"),
            "timeline": [
                {"period": k[0], "role": k[1], "event_type": k[2], "events": n}
                for k, n in sorted(timeline.items())
            ],
            "counterparts": [
                {
                    "id": c["id"],
                    **{field: others.get(c["id"], {}).get(field) for field in ("name", "country", "sector")},
                    **{k: c[k] or 0 for k in ("events", "as_its_recipient", "as_its_actor", "cooperative")},
                }
                for c in counterparts
            ],
        }
        # its latest 20 events in each role, in one read of its rows (which carry their event's rank)
        latest = self.con.execute(
            "SELECT role, event_id FROM (SELECT role, event_id, min(rank_newest) AS rank,"
            f" min(rank_within) AS within FROM actors WHERE entity_id = ? AND {condition}"
            " GROUP BY role, event_id)"
            " QUALIFY row_number() OVER (PARTITION BY role ORDER BY rank, within) <= 20"
            " ORDER BY role, rank, within",
            [entity_id, *params],
        ).fetchall()
        records = self.records_by_id([event_id for _, event_id in latest])
        for role, field in (("actor", "events"), ("recipient", "events_as_recipient")):
            found[field] = [records[i] for r, i in latest if r == role and i in records]
        return found

    def _names(self, entity_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Each actor's most frequent name, country and sector (ties: the first in order)."""
        if not entity_ids:
            return {}
        rows = self.con.execute(
            "SELECT entity_id, field, value, rows FROM actor_names WHERE entity_id IN (SELECT unnest(?))",
            [entity_ids],
        ).fetchall()
        best: dict[tuple[str, str], tuple[int, str]] = {}
        for entity_id, field, value, count in rows:
            known = best.get((entity_id, field))
            if known is None or (count, known[1]) > (known[0], value):  # more rows; then the first value
                best[(entity_id, field)] = (count, value)
        found: dict[str, dict[str, Any]] = {}
        for (entity_id, field), (_, value) in best.items():
            found.setdefault(entity_id, {})[field] = value
        return found

    def _actor_from_rows(
        self, entity_id: str, *, period: str, certainty: tuple[str, ...] | None
    ) -> dict[str, Any] | None:
        # every row of the entity in one read (they carry their event's type, date, certainty and rank),
        # then the figures here: one query instead of one per figure, each reading the same rows
        rows = self.con.execute(
            "SELECT role, event_id, event_number, event_type, event_date, certainty,"
            " coalesce(name, text), country, sector, rank_newest, rank_within FROM actors"
            " WHERE entity_id = ? ORDER BY rank_newest, rank_within, role, position",
            [entity_id],
        ).fetchall()
        if not rows:
            return None
        counted = [r for r in rows if certainty is None or r[5] in certainty]
        names = self._names([entity_id]).get(entity_id, {})  # as the page by month: ties alike
        found: dict[str, Any] = {
            "id": entity_id,
            **{field: names.get(field) for field in ("name", "country", "sector")},
            "as_actor": sum(r[0] == "actor" for r in counted),
            "as_recipient": sum(r[0] == "recipient" for r in counted),
        }
        periods: dict[tuple[str, str, str], set[int]] = {}
        for role, _, number, event_type, day, *_ in counted:
            if day is not None:
                periods.setdefault((day.strftime(_PERIODS[period]), role, event_type), set()).add(number)
        found["timeline"] = [
            {"period": key[0], "role": key[1], "event_type": key[2], "events": len(numbers)}
            for key, numbers in sorted(periods.items())
        ]
        kept, kept_params = _certainty_sql(certainty)
        counterparts = self._rows(
            "SELECT y.entity_id AS id, count(DISTINCT y.event_number) AS events,"
            " count(DISTINCT y.event_number) FILTER (WHERE x.role = 'actor') AS as_its_recipient,"
            " count(DISTINCT y.event_number) FILTER (WHERE x.role = 'recipient') AS as_its_actor,"
            " count(DISTINCT y.event_number)"
            f" FILTER (WHERE y.event_type IN ({_COOPERATIVE_SQL})) AS cooperative"
            " FROM (SELECT event_number, role, entity_id FROM actors"
            f" WHERE entity_id = ? AND {kept}) x"
            " JOIN actors y ON y.event_number = x.event_number AND y.role <> x.role"
            " WHERE y.entity_id IS NOT NULL AND y.entity_id <> x.entity_id"
            " GROUP BY y.entity_id ORDER BY events DESC, id LIMIT 15",
            [entity_id, *kept_params],
        )
        # their names as the page by month gives them (`_names`: the same whatever the order of rows)
        others = self._names([c["id"] for c in counterparts])
        found["counterparts"] = [
            {
                "id": c["id"],
                **{field: others.get(c["id"], {}).get(field) for field in ("name", "country", "sector")},
                **{k: c[k] for k in ("events", "as_its_recipient", "as_its_actor", "cooperative")},
            }
            for c in counterparts
        ]
        # its latest events in each role: the rows are in the list's order already
        for role, field in (("actor", "events"), ("recipient", "events_as_recipient")):
            latest = list(dict.fromkeys(r[1] for r in counted if r[0] == role))[:20]
            found[field] = self.records(latest)
        return found

    def stats(self, query: EventQuery, by: str, *, limit: int) -> list[dict[str, Any]]:
        """Counts of `query`'s events by day, week or month, by type, by country or by dyad."""
        query = _normal(query)
        return self.cache.fetch(
            "figure", ("stats", query, by, limit), lambda: self._stats(query, by, limit=limit)
        )

    def _stats(self, query: EventQuery, by: str, *, limit: int) -> list[dict[str, Any]]:
        mask = self._matching(query)
        if self.index is not None and mask is not None:
            if by == "dyad":
                return self.index.dyads(mask, COOPERATIVE, limit=limit)
            return _indexed_stats(self.index, mask, by, limit=limit)
        matching, params = matching_sql(query, "e.number AS id, e.event_type, e.date", folded=self.folded)
        if by in _PERIODS:
            return self._rows(
                f"SELECT strftime(date, '{_PERIODS[by]}') AS key, count(*) AS events FROM ({matching})"
                " WHERE date IS NOT NULL GROUP BY key ORDER BY key",
                params,
            )
        if by == "type":
            return self._rows(
                f"SELECT event_type AS key, count(*) AS events FROM ({matching}) GROUP BY key"
                " ORDER BY events DESC, key",
                params,
            )
        own = _on_actor_rows(query)
        if by == "country" and own is not None:
            # filters of the event's own columns, which its actors' rows carry: one table read
            condition, own_params = own
            return self._rows(
                "SELECT country AS key, count(DISTINCT event_number) AS events FROM actors"
                f" WHERE country IS NOT NULL AND {condition}"
                f" GROUP BY key ORDER BY events DESC, key LIMIT {int(limit)}",
                own_params,
            )
        if by == "country":
            return self._rows(
                f"WITH f AS ({matching}) SELECT x.country AS key, count(DISTINCT f.id) AS events"
                " FROM f JOIN actors x ON x.event_number = f.id WHERE x.country IS NOT NULL"
                f" GROUP BY key ORDER BY events DESC, key LIMIT {int(limit)}",
                params,
            )
        if by == "dyad":
            return self._rows(
                f"WITH f AS ({matching}) SELECT a.country AS actor, r.country AS recipient,"
                " count(DISTINCT f.id) AS events,"
                f" count(DISTINCT f.id) FILTER (WHERE f.event_type IN ({_COOPERATIVE_SQL})) AS cooperative"
                " FROM f JOIN actors a ON a.event_number = f.id AND a.role = 'actor'"
                " JOIN actors r ON r.event_number = f.id AND r.role = 'recipient'"
                " WHERE a.country IS NOT NULL AND r.country IS NOT NULL AND a.country <> r.country"
                f" GROUP BY ALL ORDER BY events DESC, actor, recipient LIMIT {int(limit)}",
                params,
            )
        raise ValueError(f"no such grouping: {by}")

    def places(self, query: EventQuery, *, limit: int) -> list[dict[str, Any]]:
        """Event locations of `query` with their counts and coordinates from the gazetteer."""
        query = _normal(query)
        return self.cache.fetch("figure", ("places", query, limit), lambda: self._places(query, limit=limit))

    def _places(self, query: EventQuery, *, limit: int) -> list[dict[str, Any]]:
        from tidings.knowledge.gazetteer import load_gazetteer

        sql, params = matching_sql(
            query,
            "e.id, e.event_type, e.location_name AS name, e.location_country AS country",
            folded=self.folded,
        )
        rows = self._rows(
            f"SELECT name, country, count(*) AS events,"
            f" count(*) FILTER (WHERE event_type IN ({_COOPERATIVE_SQL})) AS cooperative, min(id) AS event"
            f" FROM ({sql}) WHERE name IS NOT NULL GROUP BY ALL ORDER BY events DESC, name"
            f" LIMIT {int(limit)}",
            params,
        )
        gazetteer = load_gazetteer()
        located = []
        for row in rows:
            candidates = [place for place, _ in gazetteer.named(row["name"])]
            place = next((p for p in candidates if p.country == row["country"]), None)
            place = place or (gazetteer.country(row["country"]) if row["country"] else None)
            place = place or (candidates[0] if candidates else None)
            if place is not None:
                located.append({**row, "lat": place.lat, "lon": place.lon})
        return located


def _actor_list(rows: Iterable[tuple[Any, ...]], *, limit: int) -> list[dict[str, Any]]:
    """Actors from their rows grouped as (entity id, role, name, country, sector, rows): most rows
    first, then by id; each with its most frequent name, country and sector (ties: the first value in
    order, as `EventIndex.actors`) and its rows as actor and as recipient."""
    found: dict[str, dict[str, Any]] = {}
    for entity_id, role, name, country, sector, count in rows:
        actor = found.setdefault(
            entity_id,
            {"name": Counter(), "country": Counter(), "sector": Counter(), "actor": 0, "recipient": 0},
        )
        actor[role] += count
        for field, value in (("name", name), ("country", country), ("sector", sector)):
            if value is not None:
                actor[field][value] += count
    chosen = sorted(found, key=lambda e: (-(found[e]["actor"] + found[e]["recipient"]), e))[:limit]
    return [
        {
            "id": entity_id,
            **{
                field: min(found[entity_id][field].items(), key=lambda kv: (-kv[1], kv[0]), default=(None,))[
                    0
                ]
                for field in ("name", "country", "sector")
            },
            "as_actor": found[entity_id]["actor"],
            "as_recipient": found[entity_id]["recipient"],
        }
        for entity_id in chosen
    ]


def _indexed_stats(index: EventIndex, mask: Any, by: str, *, limit: int) -> list[dict[str, Any]]:
    """`Session.stats` by period, type or country, from the index."""
    if by in _PERIODS:
        periods: Counter[str] = Counter()
        for day, events in index.by_day(mask).items():
            periods[day.strftime(_PERIODS[by])] += events
        return [{"key": key, "events": periods[key]} for key in sorted(periods)]
    counts = index.by_type(mask) if by == "type" else index.by_country(mask)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"key": key, "events": events} for key, events in (ordered if by == "type" else ordered[:limit])]


def dumps(value: Any) -> str:
    """JSON as the API writes it (`tidings.serve.api.Answer`) and `events.record` keeps it."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_plain)


def _plain(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _identified(text: str, record_id: str | None, story_id: str | None) -> RawJSON:
    """A stored record (JSON of an object without record and story ids) with these ids as its last
    fields: the JSON of the record parsed, given them and written again by `dumps`."""
    if "NaN" in text or "Infinity" in text:  # JSON's extensions, which `dumps` refuses: as it would
        record = json.loads(text)
        record["record_id"], record["story_id"] = record_id, story_id
        return RawJSON(dumps(record))
    return RawJSON(f'{text[:-1]},"record_id":{_json_id(record_id)},"story_id":{_json_id(story_id)}}}')


_PLAIN_ID = re.compile(r"[A-Za-z0-9_:.-]*")  # written by JSON as it is, between quotes


def _json_id(value: str | None) -> str:
    """`dumps` of an id, quicker for the plain ids the store holds (rec_…, sto_…)."""
    return f'"{value}"' if value is not None and _PLAIN_ID.fullmatch(value) else dumps(value)


def _on_actor_rows(query: EventQuery) -> tuple[str, list[object]] | None:
    """The filters of `query` as a condition on `actors` rows, which carry their event's type, date
    and certainty (`tidings.store.derived`), with its parameters; None when `query` filters on more."""
    if query.actor or query.recipient or query.country or query.text:
        return None
    where, params = ["true"], list[object]()
    if query.event_type:
        where.append("event_type = ?")
        params.append(query.event_type.upper())
    or_undated = " OR event_date IS NULL" if query.undated else ""
    for bound, value in ((">=", query.since), ("<=", query.until)):
        if value:
            where.append(f"(event_date {bound} ?{or_undated})")
            params.append(value)
    condition, values = _certainty_sql(query.certainty)
    return " AND ".join([*where, condition]), [*params, *values]


def _normal(query: EventQuery) -> EventQuery:
    """`query` with its codes as the filters compare them, so that equal filters share cached answers."""
    return replace(
        query,
        event_type=query.event_type.upper() if query.event_type else None,
        country=query.country.upper() if query.country else None,
    )


def _certainty_sql(certainty: tuple[str, ...] | None, column: str = "certainty") -> tuple[str, list[object]]:
    """A condition that `column` is one of these certainties (true for None: all), and its parameters."""
    if certainty is None:
        return "true", []
    if not certainty:
        return "false", []
    return f"{column} IN ({_marks(list(certainty))})", list(certainty)


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def _summary(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": event["id"],
        "event_type": event["event_type"],
        "mode": event["mode"],
        "date": event["date"],
        "trigger": event["evidence"]["trigger"],
        "sentence": event["evidence"]["sentence"],
        "certainty": event["certainty"],
    }


def event_spans(event: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The marked spans of an event in its article's text: evidence, trigger, actors and recipients (as
    stored), and size, date and place (their text found in the evidence sentence, nearest the trigger)."""
    evidence = event["evidence"]
    start, end = evidence["span"]
    spans = [{"kind": "evidence", "span": [start, end]}]
    if evidence.get("trigger_span"):
        spans.append({"kind": "trigger", "span": list(evidence["trigger_span"])})
    for role in ("actors", "recipients"):
        for ref in event[role]:
            if ref.get("span") and ref["span"][0] is not None:
                spans.append(
                    {"kind": role[:-1], "span": list(ref["span"]), "label": ref["name"] or ref["text"]}
                )
    anchor = (evidence.get("trigger_span") or [start])[0]
    for kind, words in (
        ("size", (event.get("size") or {}).get("text")),
        ("date", event.get("date_text")),
        ("place", (event.get("location") or {}).get("text")),
    ):
        found = _nearest(text, words, start, end, anchor) if isinstance(words, str) and words else None
        if found is not None and isinstance(words, str):
            spans.append({"kind": kind, "span": [found, found + len(words)]})
    return spans


def _nearest(text: str, words: str, start: int, end: int, anchor: int) -> int | None:
    hits = []
    at = text.find(words, start, end)
    while at >= 0:
        hits.append(at)
        at = text.find(words, at + 1, end)
    return min(hits, key=lambda h: abs(h - anchor)) if hits else None
