"""The API's quicker readings give the answers of the plain ones: pages written from the stored records as
they are, a page and its total from one read, other reports from the actors' rows, stats by country from
the actors' rows; each checked against the store's records (`tidings events`) read the plain way."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb
import pytest
from fastapi.testclient import TestClient

from tidings.serve import create_app
from tidings.serve.app import ENV_DB, ENV_THREADS, app_from_environment
from tidings.serve.reader import RawJSON, StoreReader, dumps
from tidings.store.query import OCCURRED, EventQuery, certainty_filter, event_records
from tidings.store.schema import has_search_columns, open_store

FILTERS = [
    {},
    {"sort": "date_asc"},
    {"type": "REQUEST"},
    {"country": "RUS"},
    {"actor": "USA", "sort": "date_asc"},
    {"q": "the", "certainty": "all"},
    {"since": "2024-01-01", "until": "2025-12-31", "undated": "true"},
    {"certainty": "negated,planned"},
    {"q": "PROTEST"},
    {"q": "%"},
    {"q": "a_d", "sort": "date_asc"},
]


@pytest.fixture(scope="module")
def doubled(served_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The served store with a second report of every article: its rows copied under new ids with the
    same dates, so that every dated event with countries has another report; the derived columns and
    stories computed again when it is next opened, as for any store of an earlier layout."""
    path = tmp_path_factory.mktemp("doubled") / "doubled.duckdb"
    shutil.copy(served_db, path)
    con = open_store(path)
    try:
        copied = "'{0}' || substr(md5({1} || '~copy'), 1, 16)"
        article, event = copied.format("sha256:", "id"), copied.format("ev_", "id")
        con.execute("BEGIN")
        con.execute(
            f"INSERT INTO articles SELECT * REPLACE ({article} AS id, text || ' ' AS text) FROM articles"
        )
        con.execute(
            f"INSERT INTO events SELECT * REPLACE ({event} AS id,"
            f" {copied.format('sha256:', 'article_id')} AS article_id) FROM events"
        )
        for table in ("actors", "links", "flags"):
            target = f", {copied.format('ev_', 'target_id')} AS target_id" if table == "links" else ""
            new_event = copied.format("ev_", "event_id")
            con.execute(
                f"INSERT INTO {table} SELECT * REPLACE ({new_event} AS event_id{target}) FROM {table}"
            )
        con.execute("DELETE FROM layout")
        con.execute("COMMIT")
    finally:
        con.close()
    open_store(path).close()
    return path


@pytest.fixture(scope="module")
def client(doubled: Path) -> Iterator[TestClient]:
    with TestClient(create_app(doubled, cache=False)) as client:
        yield client


def _query(params: dict[str, str]) -> EventQuery:
    """The filters of these query parameters, as `tidings events` takes them."""
    return EventQuery(
        actor=params.get("actor"),
        event_type=params.get("type"),
        since=dt.date.fromisoformat(params["since"]) if "since" in params else None,
        until=dt.date.fromisoformat(params["until"]) if "until" in params else None,
        undated=params.get("undated") == "true",
        country=params.get("country"),
        text=params.get("q"),
        certainty=certainty_filter(params.get("certainty")),
    )


@pytest.mark.parametrize("params", FILTERS)
def test_pages_are_the_records_of_tidings_events(
    client: TestClient, doubled: Path, params: dict[str, str]
) -> None:
    """Every page, written from the stored records as they are, is the same bytes as its events parsed
    and written again, holds the events of `tidings events` in slices, and its total is their number."""
    query = _query(params)
    with open_store(doubled, read_only=True) as con:
        every = list(event_records(con, query))
    if params.get("sort") == "date_asc":
        every = _oldest_first(every)
    for limit in (1, 7, 200):
        events: list[dict[str, Any]] = []
        cursor = None
        while True:
            response = client.get(
                "/api/v1/events", params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
            )
            assert response.status_code == 200
            page = response.json()
            assert response.content == dumps(page).encode()
            assert page["total"] == len(every) and page["count"] == len(page["events"])
            events += page["events"]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert events == every


def _oldest_first(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`tidings events`' order, oldest first: the store's `rank_oldest` (dates, then publication dates,
    missing ones last), read from the records."""

    def key(e: dict[str, Any]) -> tuple[Any, ...]:
        return (
            e["date"] is None,
            e["date"] or "",
            e["article"]["published"] is None,
            e["article"]["published"] or "",
        )

    return sorted(events, key=key)  # stable: article, evidence and trigger order as `tidings events`


def test_other_reports_are_those_of_the_records(client: TestClient, doubled: Path) -> None:
    """Other reports of an event: the articles with an event that occurred, of the same type and day,
    with an actor of one of its actors' countries and a recipient of one of its recipients' (each given),
    each with its first such event, by publication date."""
    with open_store(doubled, read_only=True) as con:
        every = list(event_records(con, EventQuery(certainty=None)))
    checked = 0
    for event in every:
        answer = client.get(f"/api/v1/events/{event['id']}").json()
        assert answer["reports"][0] == event["article"]
        expected = _other_reports(event, every)
        assert answer["reports"][1:] == expected, event["id"]
        checked += bool(expected)
    assert checked >= 10


def _other_reports(event: dict[str, Any], every: list[dict[str, Any]]) -> list[dict[str, Any]]:
    actors = {a["country"] for a in event["actors"] if a["country"]}
    recipients = {a["country"] for a in event["recipients"] if a["country"]}
    if not event["date"] or not (actors or recipients):
        return []
    first: dict[str, tuple[str, dict[str, Any]]] = {}
    for other in every:
        if (
            other["event_type"] == event["event_type"]
            and other["date"] == event["date"]
            and other["article"]["id"] != event["article"]["id"]
            and other["certainty"] in OCCURRED
            and (not actors or any(a["country"] in actors for a in other["actors"]))
            and (not recipients or any(a["country"] in recipients for a in other["recipients"]))
        ):
            known = first.get(other["article"]["id"])
            if known is None or other["id"] < known[0]:
                first[other["article"]["id"]] = (other["id"], other["article"])
    ordered = sorted(
        first.values(), key=lambda f: (f[1]["published"] is None, f[1]["published"] or "", f[1]["id"])
    )
    return [{**article, "event": event_id} for event_id, article in ordered[:50]]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"type": "ASSAULT"},
        {"since": "2025-01-01"},
        {"until": "2024-12-31", "undated": "true"},
        {"certainty": "all"},
    ],
)
def test_stats_by_country_are_those_of_the_records(
    client: TestClient, doubled: Path, params: dict[str, str]
) -> None:
    """Events by country (of an actor or a recipient), read from the actors' rows alone, as counted from
    the records; and the same with a filter that needs the events (country)."""
    for extra in ({}, {"country": "USA"}):
        query = _query({**params, **extra})
        with open_store(doubled, read_only=True) as con:
            every = list(event_records(con, query))
        counts = Counter(
            country
            for e in every
            for country in {a["country"] for a in e["actors"] + e["recipients"]}
            if country
        )
        expected = [
            {"key": k, "events": n} for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        answer = client.get("/api/v1/stats", params={**params, **extra, "by": "country", "limit": 200}).json()
        assert answer["counts"] == expected[:200]


def test_events_without_a_stored_record_are_put_together(served_db: Path, tmp_path: Path) -> None:
    """An event whose `events.record` is empty (a store being written) is put together from the tables:
    the answers are the same bytes as those of the stored records."""
    db = tmp_path / "half.duckdb"
    shutil.copy(served_db, db)
    con = open_store(db)
    try:
        con.execute("UPDATE events SET record = NULL WHERE rowid % 2 = 0")
    finally:
        con.close()
    with (
        TestClient(create_app(served_db, cache=False)) as whole,
        TestClient(create_app(db, cache=False)) as half,
    ):
        events = whole.get("/api/v1/events", params={"limit": 200}).json()["events"]
        urls = ["/api/v1/events?limit=200", "/api/v1/events?limit=3&sort=date_asc", "/api/v1/actors/Q458"]
        urls += [f"/api/v1/events/{e['id']}" for e in events[:6]]
        urls += [f"/api/v1/articles/{e['article']['id']}" for e in events[:6]]
        for url in urls:
            expected = whole.get(url)
            assert expected.status_code == 200, url
            assert half.get(url).content == expected.content, url


TEXTS = ["the", "PROTEST", "Nairobi", "é", "%", "a_d", "n%s"]


def test_a_store_without_the_folded_evidence_is_served_and_upgraded(
    served_db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A store written before `events.evidence_folded` is served as it is (text search reads the
    sentences case-insensitively, more slowly) with one warning saying so, gives the same answers, and
    gets the column, filled, the first time it is opened for writing."""
    db = tmp_path / "older.duckdb"
    shutil.copy(served_db, db)
    con = duckdb.connect(str(db))
    try:  # DuckDB drops no column of a table with an index
        indexes = con.execute(
            "SELECT index_name, sql FROM duckdb_indexes() WHERE table_name = 'events'"
        ).fetchall()
        for name, _ in indexes:
            con.execute(f"DROP INDEX {name}")
        con.execute("ALTER TABLE events DROP COLUMN evidence_folded")
        for _, sql in indexes:
            con.execute(sql)
    finally:
        con.close()
    urls = [f"/api/v1/events?limit=200&certainty=all&q={quote(text)}" for text in TEXTS]
    urls += [f"/api/v1/stats?by=type&q={quote(text)}" for text in TEXTS]
    with (
        caplog.at_level(logging.WARNING, logger="tidings.serve"),
        TestClient(create_app(served_db, cache=False)) as current,
    ):
        assert not caplog.records
        with TestClient(create_app(db, cache=False)) as older:
            for url in urls:
                assert older.get(url).content == current.get(url).content, url
    assert [r.getMessage() for r in caplog.records if "evidence_folded" in r.getMessage()] == [
        f"tidings: {db} has no events.evidence_folded (written by an older Tidings): text search (q) reads"
        f" every sentence without it, more slowly; open the store once with write access (`tidings ingest"
        f" --db {db} ...`) to add it"
    ]
    with open_store(db) as con:
        assert has_search_columns(con)
        row = con.execute(
            "SELECT count(*) FILTER (WHERE evidence_folded IS DISTINCT FROM lower(evidence_sentence)),"
            " count(*) FROM events"
        ).fetchone()
    assert row is not None and row[0] == 0 and row[1] == 35


def test_a_record_with_its_identity_is_the_record_written_again() -> None:
    from tidings.serve.reader import _identified

    stored = '{"id":"ev_1","text":"é \\"q\\"","confidence":0.1,"article":{"id":"a"}}'
    spliced = _identified(stored, "rec_1", None)
    assert isinstance(spliced, RawJSON)
    assert spliced == dumps({**json.loads(stored), "record_id": "rec_1", "story_id": None})
    with pytest.raises(ValueError):  # as the answer refused it before: not JSON
        _identified('{"id":"ev_1","confidence":NaN}', None, None)


def test_each_process_queries_on_its_share_of_the_cores(
    served_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DB, str(served_db))
    monkeypatch.setenv(ENV_THREADS, "1")
    app = app_from_environment()
    reader: StoreReader = app.state.reader
    try:
        with reader.session() as session:
            assert session.con.execute("SELECT current_setting('threads')").fetchone() == (1,)
    finally:
        reader.close()
