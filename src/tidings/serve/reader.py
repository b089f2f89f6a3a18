"""Reading the store for the API and the pages: one read-only DuckDB connection, a cursor per request,
every query time-limited and parameterised. The event filters and the event layout are those of
`tidings.store.query` (what `tidings events` prints); this module only adds paging and aggregates.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import duckdb

from tidings.errors import TidingsError
from tidings.store.query import EventQuery, event_sql
from tidings.store.schema import open_store

__all__ = [
    "CONFLICTUAL",
    "COOPERATIVE",
    "EVENT_TYPES",
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


class QueryTimeout(TidingsError):
    """A query ran past the time limit and was interrupted."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of events, newest first (or oldest first), with the total that match."""

    events: list[dict[str, Any]]
    total: int
    offset: int


class StoreReader:
    """The store at `path` opened once (read-only unless `writable`); `session()` gives each request its
    own cursor, interrupted after `timeout` seconds."""

    def __init__(self, path: str | Path, *, timeout: float = 5.0, writable: bool = False):
        self.path = Path(path)
        self.timeout = timeout
        self.writable = writable
        self._con = open_store(self.path, read_only=not writable)
        self._write_lock = threading.Lock()

    def close(self) -> None:
        self._con.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        cursor = self._con.cursor()
        timer = threading.Timer(self.timeout, cursor.interrupt)
        timer.start()
        try:
            yield Session(cursor)
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


class Session:
    """The queries of one request, on one cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def _rows(self, sql: str, params: list[object]) -> list[dict[str, Any]]:
        relation = self.con.execute(sql, params)
        columns = [d[0] for d in relation.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]

    def counts(self) -> dict[str, int]:
        row = self.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
            " (SELECT count(DISTINCT entity_id) FROM actors)"
        ).fetchone()
        assert row is not None
        return {"articles": row[0], "events": row[1], "actors": row[2]}

    def events_page(self, query: EventQuery, *, offset: int, limit: int, oldest_first: bool) -> Page:
        """`limit` events of `query` from `offset`, in the layout of `tidings events --format jsonl`."""

        sql, params = event_sql(replace(query, limit=None))
        total_row = self.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()
        total = int(total_row[0]) if total_row else 0
        order = "date DESC NULLS LAST" if not oldest_first else "date ASC NULLS LAST"
        # the page's ids first (cheap: no actor lists), then the full records of those ids only
        ids_sql = (
            f"SELECT id FROM ({sql}) ORDER BY {order}, article.published {order.split()[1]} NULLS LAST,"
            f" article.id, evidence.span[1], id LIMIT {int(limit)} OFFSET {int(offset)}"
        )
        ids = [row[0] for row in self.con.execute(ids_sql, params).fetchall()]
        by_id = {event["id"]: event for event in self.events_by_id(ids)}
        events = [by_id[i] for i in ids if i in by_id]
        return Page(events=events, total=total, offset=offset)

    def events_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        from tidings.store.query import _record

        if not ids:
            return []
        sql, _ = event_sql(EventQuery())
        marks = ", ".join("?" for _ in ids)
        # the filter goes inside the query, so the actor, link and flag lists are built for these ids only
        head, order, tail = sql.rpartition(" ORDER BY e.date")
        assert order, "tidings.store.query changed its order; update events_by_id"
        sql = f"{head} WHERE e.id IN ({marks}){order}{tail}"
        return [_record(row) for row in self._rows(sql, list(ids))]

    def event(self, event_id: str) -> dict[str, Any] | None:
        """The event with its linked events (both ways) and the articles that report it."""
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
        event["linked"] = [
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
        event["reports"] = [event["article"], *self.other_reports(event)]
        return event

    def other_reports(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        """Articles with an event of the same type on the same day between the same countries: other
        reports of it, until events are merged across articles."""
        actors = sorted({a["country"] for a in event["actors"] if a["country"]})
        recipients = sorted({a["country"] for a in event["recipients"] if a["country"]})
        if not event["date"] or not (actors or recipients):
            return []
        where = ["e.event_type = ?", "e.date = ?", "e.article_id <> ?"]
        params: list[object] = [event["event_type"], event["date"], event["article"]["id"]]
        for role, countries in (("actor", actors), ("recipient", recipients)):
            if countries:
                marks = ", ".join("?" for _ in countries)
                where.append(
                    "EXISTS (SELECT 1 FROM actors x WHERE x.event_id = e.id"
                    f" AND x.role = '{role}' AND x.country IN ({marks}))"
                )
                params += countries
        return self._rows(
            "SELECT a.id, a.input_id, a.title, a.published, a.url, a.source, min(e.id) AS event"
            " FROM events e JOIN articles a ON a.id = e.article_id WHERE "
            + " AND ".join(where)
            + " GROUP BY ALL ORDER BY a.published, a.id LIMIT 50",
            params,
        )

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The article's text and every extracted event's spans."""
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
        where = ["entity_id IS NOT NULL"]
        params: list[object] = []
        if text:
            where.append("(entity_id = ? OR name ILIKE ? OR text ILIKE ?)")
            params += [text, f"%{text}%", f"%{text}%"]
        if country:
            where.append("country = ?")
            params.append(country.upper())
        if sector:
            where.append("sector = ?")
            params.append(sector.upper())
        return self._rows(
            "SELECT entity_id AS id, mode(coalesce(name, text)) AS name, mode(country) AS country,"
            " mode(sector) AS sector, count(*) FILTER (WHERE role = 'actor') AS as_actor,"
            " count(*) FILTER (WHERE role = 'recipient') AS as_recipient"
            f" FROM actors WHERE {' AND '.join(where)} GROUP BY entity_id"
            f" ORDER BY as_actor + as_recipient DESC, id LIMIT {int(limit)}",
            params,
        )

    def actor(self, entity_id: str, *, period: str = "month") -> dict[str, Any] | None:
        """An actor's events over time by type, as actor and as recipient, and its main counterparts."""
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
        sql, params = event_sql(replace(query, limit=None))
        matching = f"SELECT id, event_type, date FROM ({sql})"
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
        from tidings.resolve.places import load_gazetteer

        sql, params = event_sql(replace(query, limit=None))
        rows = self._rows(
            f"SELECT location.name AS name, location.country AS country, count(*) AS events,"
            f" count(*) FILTER (WHERE event_type IN ({_COOPERATIVE_SQL})) AS cooperative, min(id) AS event"
            f" FROM ({sql}) WHERE location.name IS NOT NULL GROUP BY ALL ORDER BY events DESC, name"
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
