"""The events' filter columns held in memory (`tidings.serve.index`) give the answers SQL gives: pages
and their next pages, totals, stats, other reports, actor searches and actor pages, on a store with a
second report of every article; and actor searches whose names tie are the same whatever the order of
the rows."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pytest
from fastapi.testclient import TestClient

from tidings.pipeline import Extractor
from tidings.serve import create_app
from tidings.serve.index import EventIndex, _distinct
from tidings.serve.reader import COOPERATIVE, QueryTimeout, StoreReader, _actor_list
from tidings.store.figures import add_figures
from tidings.store.query import EventQuery
from tidings.store.schema import open_store

LISTS = [
    {},
    {"sort": "date_asc"},
    {"type": "ASSAULT"},
    {"type": "ASSAULT", "certainty": "all"},
    {"country": "RUS"},
    {"country": "usa", "sort": "date_asc"},
    {"actor": "USA"},
    {"actor": "GOV", "recipient": "RUS"},
    {"actor": "RUS/GOV"},
    {"recipient": "BLR", "since": "2020-01-01"},
    {"since": "2024-01-01", "until": "2025-12-31", "undated": "true"},
    {"until": "2016-12-31"},
    {"since": "2030-01-01"},
    {"certainty": "negated,planned"},
    {"country": "XYZ"},
    {"actor": "putin"},  # by name: SQL
    {"q": "the"},
    {"q": "PROTEST", "certainty": "all"},
    {"q": "nairobi", "sort": "date_asc"},
    {"q": "ol", "type": "ASSAULT"},
    {"q": "zzzz"},
    {"q": "é"},  # not a word of ASCII letters and digits: SQL
    {"q": "a_d"},  # a wildcard: SQL
    {"q": "Minsk police"},  # two words: SQL
]


def test_the_index_holds_the_words_of_a_small_store_at_once(served_db: Path) -> None:
    store = StoreReader(served_db)
    try:
        index = store.index()
        assert index is not None and index.matching(EventQuery(text="the"), folded="the") is not None
    finally:
        store.close()


@pytest.fixture(scope="module")
def clients(served_db: Path) -> Iterator[tuple[TestClient, TestClient]]:
    with (
        TestClient(create_app(served_db, cache=False)) as indexed,
        TestClient(create_app(served_db, cache=False, index=False)) as plain,
    ):
        yield indexed, plain


def _same(clients: tuple[TestClient, TestClient], url: str, params: dict[str, str]) -> bytes:
    indexed, plain = clients
    got, expected = indexed.get(url, params=params), plain.get(url, params=params)
    assert (got.status_code, got.content) == (expected.status_code, expected.content), (url, params)
    return got.content


@pytest.mark.parametrize("params", LISTS)
def test_pages_totals_and_stats_are_those_of_sql(
    clients: tuple[TestClient, TestClient], params: dict[str, str]
) -> None:
    for limit in ("1", "4", "200"):
        cursor = None
        for _ in range(50):
            page = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
            _same(clients, "/api/v1/events", page)
            cursor = clients[0].get("/api/v1/events", params=page).json()["next_cursor"]
            if cursor is None:
                break
    for by in ("day", "week", "month", "type", "country", "dyad"):
        _same(clients, "/api/v1/stats", {**params, "by": by})
    _same(clients, "/api/v1/stats", {**params, "by": "country", "limit": "2"})


def test_events_and_actors_are_those_of_sql(clients: tuple[TestClient, TestClient]) -> None:
    indexed, _ = clients
    events = indexed.get("/api/v1/events", params={"limit": 200, "certainty": "all"}).json()["events"]
    assert len(events) > 20
    for event in events:
        _same(clients, f"/api/v1/events/{event['id']}", {})
    entities = {a["entity_id"] for e in events for a in e["actors"] + e["recipients"] if a["entity_id"]}
    assert len(entities) > 5
    for entity in sorted(entities):
        for certainty in ({}, {"certainty": "all"}, {"certainty": "negated"}):
            _same(clients, f"/api/v1/actors/{entity}", certainty)
        _same(clients, "/api/v1/actors", {"q": entity})
    for search in ({}, {"q": "ru"}, {"q": "Russia"}, {"q": "É"}, {"q": "a_"}, {"q": "%"}, {"q": "gov"},
                   {"country": "usa"}, {"sector": "GOV", "certainty": "all"}, {"q": "u", "limit": "2"},
                   {"q": "nobody at all"}):  # fmt: skip
        _same(clients, "/api/v1/actors", search)


def test_distinct_values_in_order() -> None:
    """`_distinct`, which an actor's page uses on its rows (in order already): `np.unique`'s answer,
    also for values out of order."""
    for values in ([], [3], [1, 1, 2, 5, 5, 5, 9], [4, 2, 2, 7, 1, 4], [0, 0, 0], [-1, -1, 3]):
        array = np.asarray(values, dtype=np.int64)
        assert _distinct(array).tolist() == np.unique(array).tolist()


def test_an_untyped_event_is_still_counted_on_an_actor_page(served_db: Path, tmp_path: Path) -> None:
    """An event without a type (none is stored so: `events.event_type` is NOT NULL) leaves the count of
    an actor's timeline by `np.bincount` for `np.unique`, which takes its code -1: each of the actor's
    events is still counted once, and the page is still made."""
    shutil.copy(served_db, tmp_path / "copy.duckdb")  # not the file the apps of other tests hold open
    con = duckdb.connect(str(tmp_path / "copy.duckdb"), read_only=True)
    try:
        index = EventIndex(con.cursor())
    finally:
        con.close()
    entity = int(np.argmax(np.diff(index.entity_starts)))
    entity_id = index.entity_ids[entity]
    before = index.actor(entity_id, None, COOPERATIVE)
    assert before is not None
    rows = index.entity_rows[index.entity_starts[entity] : index.entity_starts[entity + 1]]
    dated = [int(p) for p in index.row_event[rows] if index.month[p] >= 0]
    assert dated
    index.type[dated[0]] = -1
    after = index.actor(entity_id, None, COOPERATIVE)
    assert after is not None
    counted = [sum(entry["events"] for entry in page["timeline"]) for page in (before, after)]
    assert counted[0] == counted[1] > 0


def _tied(source: Path, path: Path, *, first: str, second: str) -> str:
    """A copy of the store in which one actor's rows are named `first` and `second` alike (in that order
    of rows): its entity id."""
    shutil.copy(source, path)
    con = open_store(path)
    try:
        entity, rows = con.execute(
            "SELECT entity_id, count(*) FROM actors WHERE entity_id IS NOT NULL GROUP BY entity_id"
            " HAVING count(*) % 2 = 0 ORDER BY count(*) DESC, entity_id LIMIT 1"
        ).fetchall()[0]
        con.execute("BEGIN")
        con.execute(
            "UPDATE actors SET name = CASE WHEN r % 2 = 0 THEN ? ELSE ? END FROM (SELECT rowid AS k,"
            " row_number() OVER (ORDER BY rowid) AS r FROM actors WHERE entity_id = ?) t"
            " WHERE actors.rowid = t.k",
            [second, first, entity],
        )
        add_figures(con)  # the actors' figures counted again
        con.execute("COMMIT")
    finally:
        con.close()
    assert rows >= 2
    return str(entity)


@pytest.mark.parametrize("index", [True, False])
def test_tied_names_give_the_first_in_order(served_db: Path, tmp_path: Path, index: bool) -> None:
    """An actor whose rows give two names as often: its search answer and its pages name it by the first
    name in order, whichever comes first in the store and on every request."""
    answers = []
    for first, second in (("Abel Tie", "Zora Tie"), ("Zora Tie", "Abel Tie")):
        db = tmp_path / f"{first[0]}.duckdb"
        entity = _tied(served_db, db, first=first, second=second)
        with TestClient(create_app(db, cache=False, index=index)) as client:
            for _ in range(3):
                found = client.get("/api/v1/actors", params={"q": "tie"}).json()["actors"]
                assert [a["name"] for a in found] == ["Abel Tie"]
                answers.append(found)
                for period in ("month", "week"):
                    page = client.get(f"/api/v1/actors/{entity}", params={"period": period}).json()
                    assert page["name"] == "Abel Tie"
    assert all(answer == answers[0] for answer in answers)


def test_actor_list_breaks_ties_by_value() -> None:
    rows = [
        ("Q1", "actor", "Zed", "USA", "GOV", 2),
        ("Q1", "recipient", "Abe", "CAN", "GOV", 2),
        ("Q2", "actor", None, None, None, 4),
        ("Q3", "actor", "Cy", "MEX", None, 1),
    ]
    expected = [
        {"id": "Q1", "name": "Abe", "country": "CAN", "sector": "GOV", "as_actor": 2, "as_recipient": 2},
        {"id": "Q2", "name": None, "country": None, "sector": None, "as_actor": 4, "as_recipient": 0},
        {"id": "Q3", "name": "Cy", "country": "MEX", "sector": None, "as_actor": 1, "as_recipient": 0},
    ]
    assert _actor_list(rows, limit=10) == expected
    assert _actor_list(rows[::-1], limit=10) == expected
    assert _actor_list(rows, limit=1) == expected[:1]


def test_a_query_past_the_time_limit_is_interrupted(served_db: Path) -> None:
    """Each request's queries are interrupted after the time limit (one watchdog thread for all), and
    only those: the requests before and after it answer."""
    store = StoreReader(served_db, timeout=0.3, threads=1)
    try:
        for _ in range(3):
            with store.session() as session:
                assert session.counts()["events"] > 0
            started = time.monotonic()
            with pytest.raises(QueryTimeout, match="longer than 0.3 s"), store.session() as session:
                session.con.execute("SELECT count(*) FROM range(100000000000) a").fetchall()
            assert time.monotonic() - started < 3
        time.sleep(0.4)  # past the deadlines of the sessions above: none of them reaches this one
        with store.session() as session:
            assert session.con.execute("SELECT count(*) FROM range(30000000)").fetchall()[0][0] > 0
    finally:
        store.close()


URLS = [
    "/api/v1/events?limit=200",
    "/api/v1/events?limit=3&sort=date_asc",
    "/api/v1/events?q=rebels&certainty=all",
    "/api/v1/events?country=MLI",
    "/api/v1/stats?by=type",
    "/api/v1/stats?by=country",
    "/api/v1/stats?by=dyad",
    "/api/v1/actors",
    "/api/v1/actors?q=mali",
]


def test_the_index_is_read_again_after_each_write(
    served_db: Path, tmp_path: Path, extractor: Extractor
) -> None:
    """After an article is stored through the API, and after it is sent again (stored once), every
    answer from the index is the answer of SQL over the store as it now is."""
    db = tmp_path / "written.duckdb"
    shutil.copy(served_db, db)
    app = create_app(db, allow_ingest=True, token="s3cret", cache=False, extractor=lambda: extractor)
    article = {
        "text": "Rebels attacked an army base in Mali on Monday. Mali's army accused the rebels of it.",
        "published": "2024-03-06",
    }
    store = app.state.reader
    with TestClient(app) as client:
        before = client.get("/api/v1/events").json()["total"]
        for _ in range(2):
            stored = client.post("/api/v1/articles", json=article, headers={"Authorization": "Bearer s3cret"})
            assert stored.status_code == 201, stored.text
            assert client.get("/api/v1/events").json()["total"] == before + len(stored.json()["events"])
            events = stored.json()["events"]
            assert events
            urls = [*URLS, *(f"/api/v1/events/{e}" for e in events)]
            indexed = {url: client.get(url).content for url in urls}
            store._indexed = False  # the same store, read by SQL
            try:
                assert {url: client.get(url).content for url in urls} == indexed
            finally:
                store._indexed = True
