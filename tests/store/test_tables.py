"""The store's tables of events, made from the declaration (tidings.store.tables): the same tables as the
first stores', rows that read back as the events written, one record layout in SQL and in Python."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from tests.test_event_schema import full_event
from tidings.event_schema import CSV, EVENT, PLOVER
from tidings.records import Article, ArticleResult, Event, Link, Size
from tidings.store.export import write_events
from tidings.store.query import EventQuery, assembled_records, event_reader, event_records
from tidings.store.rows import SCHEMAS, shard_of, stored_article_id, stored_event_id
from tidings.store.schema import DDL, DERIVED_COLUMNS, SEARCH_COLUMNS, open_store
from tidings.store.tables import EVENT_TABLES
from tidings.store.write import write_shard

# the tables of events as the stores written before the declaration have them (the
# derived and search columns aside, which tidings.store.schema adds): a store stays readable only if
# the declaration makes these
FIRST_STORES = """
CREATE TABLE events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, extract_id VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL, mode VARCHAR, context VARCHAR[], cameo VARCHAR, date DATE,
    date_text VARCHAR, date_value VARCHAR, location_text VARCHAR, location_name VARCHAR,
    location_country VARCHAR, size_count BIGINT, size_unit VARCHAR, size_text VARCHAR,
    attribution_text VARCHAR, attribution_name VARCHAR, attribution_kind VARCHAR, attribution_cue VARCHAR,
    attribution_country VARCHAR, certainty VARCHAR, evidence_sentence VARCHAR, evidence_start INTEGER,
    evidence_end INTEGER, trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER, rule VARCHAR,
    tense VARCHAR, trail VARCHAR[], confidence DOUBLE
);
CREATE TABLE actors (
    event_id VARCHAR NOT NULL, role VARCHAR NOT NULL, position SMALLINT NOT NULL, text VARCHAR,
    span_start INTEGER, span_end INTEGER, name VARCHAR, country VARCHAR, sector VARCHAR, entity_id VARCHAR,
    resolved_by VARCHAR
);
CREATE TABLE links (
    event_id VARCHAR NOT NULL, position SMALLINT NOT NULL, relation VARCHAR NOT NULL,
    target_id VARCHAR NOT NULL
);
CREATE TABLE flags (
    event_id VARCHAR NOT NULL, position SMALLINT NOT NULL, kind VARCHAR NOT NULL, message VARCHAR
);
"""


def _layout(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...]) -> list[tuple[object, ...]]:
    columns = con.execute(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns"
        " WHERE table_name IN (SELECT unnest(?::VARCHAR[])) ORDER BY table_name, ordinal_position",
        [list(tables)],
    ).fetchall()
    keys = con.execute(
        "SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints()"
        " WHERE table_name IN (SELECT unnest(?::VARCHAR[])) ORDER BY ALL",
        [list(tables)],
    ).fetchall()
    return columns + keys


def test_the_declared_tables_are_the_first_stores() -> None:
    tables = tuple(EVENT_TABLES)
    first, declared = duckdb.connect(), duckdb.connect()
    first.execute(FIRST_STORES)
    declared.execute(DDL)
    added = {table: {c for c, _ in columns} for table, columns in DERIVED_COLUMNS.items()}
    added["events"] |= {c for c, *_ in SEARCH_COLUMNS["events"]}
    now = [r for r in _layout(declared, tables) if r[1] not in added.get(str(r[0]), ())]
    assert now == _layout(first, tables)


def test_the_rows_are_the_tables(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as con:
        for table, columns in EVENT_TABLES.items():
            stored = [r[0] for r in con.execute(f"SELECT * FROM {table} LIMIT 0").description]
            assert stored[: len(columns)] == [c.name for c in columns] == SCHEMAS[table].names


def _stored(event: Event, key: str) -> Event:
    """The event as the store names it: its id and its links' by the stored article's id."""
    links = tuple(Link(relation=x.relation, event=stored_event_id(key, x.event)) for x in event.links)
    return dataclasses.replace(event, id=stored_event_id(key, event.id), article_id=key, links=links)


def test_events_read_back_from_the_store(tmp_path: Path) -> None:
    article = Article(id="belarus-pardon", text="Lukashenko released 123 foreign nationals. " * 8)
    events = [
        full_event(),
        full_event(id="ev_2", location=None, size=None, attribution=None, date=None, confidence=None),
        full_event(id="ev_3", actors=(), recipients=(), links=(), flags=(), context=(), trail=()),
        full_event(id="ev_4", size=Size(count=1 << 70, unit="people", text="many")),  # too big: no size
    ]
    key = stored_article_id(article)
    with open_store(tmp_path / "s.duckdb") as con:
        write_shard(con, shard_of([ArticleResult(article=article, events=tuple(events))]))
        rows = {r["id"]: r for r in event_records(con, EventQuery(certainty=None))}
        tenses = dict(con.execute("SELECT id, tense FROM events").fetchall())
        assembled = assembled_records(con, sorted(rows))
        arrow_rows = [
            row for batch in event_reader(con, EventQuery(certainty=None)) for row in batch.to_pylist()
        ]
    for event in events:
        expected = _stored(event, key)
        if event.id == "ev_4":
            expected = dataclasses.replace(expected, size=None)
        row = rows[expected.id]
        assert Event.from_row(row, tense=tenses[expected.id]) == expected
        assert row["article"]["id"] == key and row["record_id"] and row["story_id"]
        assert list(row) == [f.name for f in EVENT.fields if f.json]
    # the records put together in Python are those of the query, the ids of record and story aside
    for record in assembled:
        assert record == {
            k: v for k, v in rows[str(record["id"])].items() if k not in ("record_id", "story_id")
        }
    # a row as DuckDB gives it (dates as dates, nested structs) reads back too
    for row in arrow_rows:
        assert (
            Event.from_row(row, tense=tenses[row["id"]]).to_dict()
            == Event.from_row(rows[row["id"]]).to_dict()
        )


def test_the_exports_are_the_declarations(tmp_path: Path) -> None:
    """CSV columns, Parquet columns and PLOVER JSON keys are those `tidings.event_schema` lays out."""
    article = Article(id="belarus-pardon", text="Lukashenko released 123 foreign nationals. " * 8)
    key = stored_article_id(article)
    path = tmp_path / "s.duckdb"
    with open_store(path) as con:
        write_shard(con, shard_of([ArticleResult(article=article, events=(full_event(),))]))
        query = EventQuery(certainty=None)
        assert write_events(con, query, "csv", str(tmp_path / "e.csv")) == 1
        assert write_events(con, query, "parquet", str(tmp_path / "e.parquet")) == 1
        assert write_events(con, query, "plover-json", str(tmp_path / "e.jsonl")) == 1
    with open(tmp_path / "e.csv", encoding="utf-8", newline="") as stream:
        header, row = list(csv.reader(stream))
    assert header == [c.name for c in CSV]
    cells = dict(zip(header, row, strict=True))
    assert cells["actors"] == "Alexander Lukashenko"  # the name, else the text
    assert cells["recipients"] == "the United Kingdom; Japan"
    assert cells["recipient_sectors"] == "; CVL"
    assert cells["links"] == f"in_exchange_for {stored_event_id(key, 'ev_94f65bc2dcf48f90')}"
    assert (cells["size_count"], cells["context"], cells["article_id"]) == ("123", "legal; military", key)
    assert pq.read_schema(tmp_path / "e.parquet").names == [f.name for f in EVENT.fields if f.json]
    plover = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8"))
    assert list(plover) == [k.key for k in PLOVER]
    assert plover["actor"] == [
        {
            "code": "BLR",
            "sector": "GOV",
            "entity_text": "Belarusian President Alexander Lukashenko",
            "identifier_id": "tidings:person:alexander-lukashenko",
            "identifier_text": "Alexander Lukashenko",
        }
    ]
    assert (plover["event"], plover["mode"], plover["event_text"]) == (
        ["RETREAT"],
        ["release"],
        ["releasing"],
    )
    assert plover["event_loc"] == {"place_name": "Minsk", "country_code": "BLR"}
    assert plover["text_info"] == {"start": 0, "end": 266}
    assert plover["cite_info"]["article_id"] == key and plover["cite_info"]["input_id"] == "belarus-pardon"
