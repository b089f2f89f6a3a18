"""Reading the store for the API and the pages: one read-only DuckDB connection, a cursor per request,
every query time-limited and parameterised. The event filters and the event layout are those of
`tidings.store.query` (what `tidings events` prints); this module only adds paging, aggregates and a
cache of answers (emptied on every write).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import duckdb

from tidings.errors import TidingsError
from tidings.store.query import EventQuery, events_by_ids, matching_sql
from tidings.store.schema import open_store

from .cache import AnswerCache

__all__ = [
    "CACHE_SIZES",
    "CONFLICTUAL",
    "COOPERATIVE",
    "EVENT_TYPES",
    "PageKey",
    "QueryTimeout",
    "StoreReader",
]

# PLOVER roots in the codebook's order: the first seven cooperate, the other nine are conflictual.
COOPERATIVE = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT")
CONFLICTUAL = (
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
EVENT_TYPES = COOPERATIVE + CONFLICTUAL
_PERIODS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m"}
_COOPERATIVE_SQL = ", ".join(f"'{t}'" for t in COOPERATIVE)  # constants, never user input
_UNFILTERED = EventQuery()
_EPOCH = dt.date(1970, 1, 1)
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

# An event's place in the list: (date, published, article id, evidence start, trigger start, event id),
# as the event holds them (dates in ISO format). The list is in this order, that of `tidings events`
# (newest first: dates descending, missing dates last), so a page starts right after the previous
# page's last key: no OFFSET to count through.
PageKey = tuple[str | None, str | None, str, int | None, int | None, str]


def _sort_key_sql(oldest_first: bool) -> str:
    """The order of the list as ascending terms without NULLs, to compare with a row of parameters."""
    sign = "" if oldest_first else "-"
    return (
        f"e.date IS NULL, {sign}coalesce(e.date - DATE '1970-01-01', 0),"
        f" a.published IS NULL, {sign}coalesce(a.published - DATE '1970-01-01', 0), a.id,"
        " e.evidence_start IS NULL, coalesce(e.evidence_start, 0),"
        " e.trigger_start IS NULL, coalesce(e.trigger_start, 0), e.id"
    )


def _sort_key(key: PageKey, oldest_first: bool) -> list[object]:
    """`_sort_key_sql`'s terms for an event's page key (ValueError for a date that is not one)."""
    date, published, article_id, evidence_start, trigger_start, event_id = key
    sign = 1 if oldest_first else -1
    terms: list[object] = []
    for day in (date, published):
        terms += [day is None, sign * (dt.date.fromisoformat(day) - _EPOCH).days if day else 0]
    terms.append(article_id)
    for start in (evidence_start, trigger_start):
        terms += [start is None, start or 0]
    return [*terms, event_id]


class QueryTimeout(TidingsError):
    """A query ran past the time limit and was interrupted."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of events, newest first (or oldest first), with the total that match (None when not
    asked for) and the key of its last event when more follow."""

    events: list[dict[str, Any]]
    total: int | None
    next: PageKey | None


class StoreReader:
    """The store at `path` opened once (read-only unless `writable`); `session()` gives each request its
    own cursor, interrupted after `timeout` seconds."""

    def __init__(self, path: str | Path, *, timeout: float = 5.0, writable: bool = False):
        self.path = Path(path)
        self.timeout = timeout
        self.writable = writable
        self._con = open_store(self.path, read_only=not writable)
        self._write_lock = threading.Lock()
        # answers cannot change while the store is open read-only; when writable, every write empties it
        self.cache = AnswerCache(CACHE_SIZES)

    def close(self) -> None:
        self._con.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        cursor = self._con.cursor()
        timer = threading.Timer(self.timeout, cursor.interrupt)
        timer.start()
        try:
            yield Session(cursor, self)
        except duckdb.InterruptException:
            raise QueryTimeout(f"the query took longer than {self.timeout:g} s; narrow the filters") from None
        finally:
            timer.cancel()
            cursor.close()

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
                self.cache.clear()


class Session:
    """The queries of one request, on one cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection, store: StoreReader):
        self.con = con
        self.cache = store.cache

    def _rows(self, sql: str, params: list[object]) -> list[dict[str, Any]]:
        relation = self.con.execute(sql, params)
        columns = [d[0] for d in relation.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]

    def counts(self) -> dict[str, int]:
        def compute() -> dict[str, int]:
            row = self.con.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
                " (SELECT count(DISTINCT entity_id) FROM actors)"
            ).fetchone()
            assert row is not None
            return {"articles": row[0], "events": row[1], "actors": row[2]}

        return self.cache.fetch("figure", ("counts",), compute)

    def count(self, query: EventQuery) -> int:
        """How many events match `query`."""
        query = _normal(query)
        if query == _UNFILTERED:
            return self.counts()["events"]

        def compute() -> int:
            sql, params = matching_sql(query, "count(*)")
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
        entity: tuple[str, str] | None = None,
    ) -> Page:
        """`limit` events of `query` after the event whose key is `after` (from the first without), in
        the layout of `tidings events --format jsonl`, with the total that match when `total`; with
        `entity` (role, entity id) only the events where that entity has that role."""
        query = _normal(query)
        ids, last = self.cache.fetch(
            "page",
            ("page", query, after, limit, oldest_first, entity),
            lambda: self._page_keys(
                query, after=after, limit=limit, oldest_first=oldest_first, entity=entity
            ),
        )
        return Page(events=self.events_by_id(ids), total=self.count(query) if total else None, next=last)

    def _page_keys(
        self,
        query: EventQuery,
        *,
        after: PageKey | None,
        limit: int,
        oldest_first: bool,
        entity: tuple[str, str] | None,
    ) -> tuple[list[str], PageKey | None]:
        """The ids of `events_page`'s events and the key of the last one when more follow."""
        direction = "ASC" if oldest_first else "DESC"
        columns = "e.id, e.date, a.published, a.id AS article_id, e.evidence_start, e.trigger_start"
        if after is not None:
            columns += f", ({_sort_key_sql(oldest_first)}) AS k"
        sql, params = matching_sql(query, columns)
        where = []
        if after is not None:
            terms = _sort_key(after, oldest_first)
            where.append(f"k > ({_marks(terms)})")
            params = [*params, *terms]
        if entity is not None:
            where.append("id IN (SELECT event_id FROM actors WHERE role = ? AND entity_id = ?)")
            params = [*params, *entity]
        # the page's keys first (no lists built), one more to know if another page follows; the order
        # is that of `_sort_key_sql`
        keys = self.con.execute(
            f"SELECT id, date, published, article_id, evidence_start, trigger_start FROM ({sql})"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + f" ORDER BY date {direction} NULLS LAST, published {direction} NULLS LAST, article_id,"
            f" evidence_start NULLS LAST, trigger_start NULLS LAST, id LIMIT {int(limit) + 1}",
            params,
        ).fetchall()
        page = keys[:limit]
        last = page[-1] if page and len(keys) > limit else None
        return (
            [row[0] for row in page],
            (_iso(last[1]), _iso(last[2]), last[3], last[4], last[5], last[0]) if last else None,
        )

    def events_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        """The events with these ids (those that exist), in that order."""
        unique = list(dict.fromkeys(ids))
        found, generation = self.cache.lookup("record", unique)
        missing = [i for i in unique if i not in found]
        if missing:
            fetched = {event["id"]: event for event in events_by_ids(self.con, missing)}
            self.cache.keep("record", fetched, generation)
            found.update(fetched)
        return [found[i] for i in unique if i in found]

    def event(self, event_id: str) -> dict[str, Any] | None:
        """The event with its linked events (both ways) and the articles that report it."""
        return self.cache.fetch("event", event_id, lambda: self._event(event_id))

    def _event(self, event_id: str) -> dict[str, Any] | None:
        found = self.events_by_id([event_id])
        if not found:
            return None
        event = found[0]
        targets = {link["event"] for link in event["links"]}
        linked_from = self._rows(
            "SELECT event_id AS event, relation FROM links WHERE target_id = ? ORDER BY event_id, position",
            [event_id],
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
        # the events of that type and day (few), then those with the countries, then their articles:
        # each step reads only the rows of the one before (a join over the store would scan it)
        candidates = self.con.execute(
            "SELECT id, article_id FROM events WHERE event_type = ? AND date = ? AND article_id <> ?",
            [event["event_type"], event["date"], event["article"]["id"]],
        ).fetchall()
        for role, countries in (("actor", actors), ("recipient", recipients)):
            if countries and candidates:
                ids = [row[0] for row in candidates]
                found = self.con.execute(
                    f"SELECT DISTINCT event_id FROM actors WHERE event_id IN ({_marks(ids)})"
                    f" AND role = ? AND country IN ({_marks(countries)})",
                    [*ids, role, *countries],
                ).fetchall()
                kept = {row[0] for row in found}
                candidates = [row for row in candidates if row[0] in kept]
        if not candidates:
            return []
        first: dict[str, str] = {}
        for event_id, article_id in candidates:
            first[article_id] = min(first.get(article_id, event_id), event_id)
        articles = self._rows(
            "SELECT id, input_id, title, published, url, source FROM articles"
            f" WHERE id IN ({_marks(list(first))}) ORDER BY published, id LIMIT 50",
            list(first),
        )
        return [{**article, "event": first[article["id"]]} for article in articles]

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
        ids = [r["id"] for r in self._rows("SELECT id FROM events WHERE article_id = ?", [article_id])]
        events = sorted(self.events_by_id(ids), key=lambda e: (e["evidence"]["span"][0], e["id"]))
        article["events"] = [{**_summary(e), "spans": event_spans(e, article["text"])} for e in events]
        return article

    def actors(
        self, *, text: str | None, country: str | None, sector: str | None, limit: int
    ) -> list[dict[str, Any]]:
        """Resolved actors (by entity id) that match, most events first."""
        country, sector = (country or "").upper() or None, (sector or "").upper() or None
        return self.cache.fetch(
            "figure",
            ("actors", text or None, country, sector, limit),
            lambda: self._actors(text=text, country=country, sector=sector, limit=limit),
        )

    def _actors(
        self, *, text: str | None, country: str | None, sector: str | None, limit: int
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
        return self._rows(
            "SELECT entity_id AS id, mode(coalesce(name, text)) AS name, mode(country) AS country,"
            " mode(sector) AS sector, count(*) FILTER (WHERE role = 'actor') AS as_actor,"
            " count(*) FILTER (WHERE role = 'recipient') AS as_recipient"
            f" FROM actors WHERE {' AND '.join(where)} GROUP BY entity_id"
            f" ORDER BY as_actor + as_recipient DESC, id LIMIT {int(limit)}",
            params,
        )

    def actor(self, entity_id: str, *, period: str = "month") -> dict[str, Any] | None:
        """An actor's events over time by type (`timeline`), as actor and as recipient, its main
        `counterparts`, and its latest 20 `events` as actor and `events_as_recipient`."""
        return self.cache.fetch("actor", (entity_id, period), lambda: self._actor(entity_id, period=period))

    def _actor(self, entity_id: str, *, period: str) -> dict[str, Any] | None:
        found = self.actors_by_id(entity_id)
        if found is None:
            return None
        found["timeline"] = self._rows(
            f"SELECT strftime(e.date, '{_PERIODS[period]}') AS period, x.role, e.event_type,"
            " count(DISTINCT e.id) AS events FROM actors x JOIN events e ON e.id = x.event_id"
            " WHERE x.entity_id = ? AND e.date IS NOT NULL"
            " GROUP BY ALL ORDER BY period, x.role, e.event_type",
            [entity_id],
        )
        found["counterparts"] = self._rows(
            "SELECT y.entity_id AS id, mode(coalesce(y.name, y.text)) AS name, mode(y.country) AS country,"
            " mode(y.sector) AS sector, count(DISTINCT y.event_id) AS events,"
            " count(DISTINCT y.event_id) FILTER (WHERE x.role = 'actor') AS as_its_recipient,"
            " count(DISTINCT y.event_id) FILTER (WHERE x.role = 'recipient') AS as_its_actor,"
            f" count(DISTINCT y.event_id) FILTER (WHERE e.event_type IN ({_COOPERATIVE_SQL})) AS cooperative"
            " FROM actors x JOIN actors y ON y.event_id = x.event_id AND y.role <> x.role"
            " JOIN events e ON e.id = x.event_id"
            " WHERE x.entity_id = ? AND y.entity_id IS NOT NULL AND y.entity_id <> x.entity_id"
            " GROUP BY y.entity_id ORDER BY events DESC, id LIMIT 15",
            [entity_id],
        )
        for role, field in (("actor", "events"), ("recipient", "events_as_recipient")):
            found[field] = self.events_page(
                _UNFILTERED, limit=20, total=False, entity=(role, entity_id)
            ).events
        return found

    def actors_by_id(self, entity_id: str) -> dict[str, Any] | None:
        rows = self._rows(
            "SELECT entity_id AS id, mode(coalesce(name, text)) AS name, mode(country) AS country,"
            " mode(sector) AS sector, count(*) FILTER (WHERE role = 'actor') AS as_actor,"
            " count(*) FILTER (WHERE role = 'recipient') AS as_recipient"
            " FROM actors WHERE entity_id = ? GROUP BY entity_id",
            [entity_id],
        )
        return rows[0] if rows else None

    def stats(self, query: EventQuery, by: str, *, limit: int) -> list[dict[str, Any]]:
        """Counts of `query`'s events by day, week or month, by type, by country or by dyad."""
        query = _normal(query)
        return self.cache.fetch(
            "figure", ("stats", query, by, limit), lambda: self._stats(query, by, limit=limit)
        )

    def _stats(self, query: EventQuery, by: str, *, limit: int) -> list[dict[str, Any]]:
        matching, params = matching_sql(query, "e.id, e.event_type, e.date")
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
        if by == "country":
            return self._rows(
                f"WITH f AS ({matching}) SELECT x.country AS key, count(DISTINCT f.id) AS events"
                " FROM f JOIN actors x ON x.event_id = f.id WHERE x.country IS NOT NULL"
                f" GROUP BY key ORDER BY events DESC, key LIMIT {int(limit)}",
                params,
            )
        if by == "dyad":
            return self._rows(
                f"WITH f AS ({matching}) SELECT a.country AS actor, r.country AS recipient,"
                " count(DISTINCT f.id) AS events,"
                f" count(DISTINCT f.id) FILTER (WHERE f.event_type IN ({_COOPERATIVE_SQL})) AS cooperative"
                " FROM f JOIN actors a ON a.event_id = f.id AND a.role = 'actor'"
                " JOIN actors r ON r.event_id = f.id AND r.role = 'recipient'"
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
        from tidings.resolve.places import load_gazetteer

        sql, params = matching_sql(
            query, "e.id, e.event_type, e.location_name AS name, e.location_country AS country"
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


def _normal(query: EventQuery) -> EventQuery:
    """`query` with its codes as the filters compare them, so that equal filters share cached answers."""
    return replace(
        query,
        event_type=query.event_type.upper() if query.event_type else None,
        country=query.country.upper() if query.country else None,
    )


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def _iso(day: object) -> str | None:
    return day.isoformat() if isinstance(day, dt.date) else None


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
