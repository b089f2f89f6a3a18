"""The store: rows of real extractions, idempotent writes, dedup by text, queries and exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

import tidings.engines.ingest as ingest_module
from tidings.engines.ingest import ingest
from tidings.errors import TidingsError
from tidings.pipeline import Extractor, extract_articles
from tidings.records import Article
from tidings.store.export import CSV_COLUMNS, plover_record, write_csv, write_events
from tidings.store.query import EventQuery, event_records, events_by_ids, matching_sql
from tidings.store.rows import TABLE_NAMES, shard_of, stored_article_id
from tidings.store.schema import open_store
from tidings.store.write import write_shard, write_shards

FIXTURE = Path(__file__).parent / "fixtures" / "articles.jsonl"


def table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: two stores are the same when these are equal."""
    return {name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() for name in TABLE_NAMES}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    path = tmp_path_factory.mktemp("store") / "fixture.duckdb"
    with open_store(path) as con:
        ingest([str(FIXTURE)], con, extractor=extractor, batch_size=4)
    return path


def test_ingest_counts_and_tables(tmp_path: Path, extractor: Extractor) -> None:
    with open_store(tmp_path / "s.duckdb") as con:
        tally = ingest([str(FIXTURE)], con, extractor=extractor, batch_size=4)
        rows = table_rows(con)
    assert (tally.read, tally.stored, tally.already_stored, tally.failed) == (13, 12, 1, 1)
    assert tally.events == len(rows["events"]) > 12
    assert rows["failures"] == [(f"{FIXTURE}:14", "ingest", "not valid JSON (Expecting value at column 26)")]
    # the copy of the first article under another id is stored once, under the first id
    kenya = [r for r in rows["articles"] if str(r[1]).startswith("kenya")]
    assert [r[1] for r in kenya] == ["kenya-protest"]
    # every event's actors, links and flags point at a stored event
    event_ids = {r[0] for r in rows["events"]}
    assert {r[0] for r in rows["actors"]} <= event_ids
    assert {r[3] for r in rows["links"]} <= event_ids


def test_reingest_stores_nothing_twice(store: Path, tmp_path: Path, extractor: Extractor) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(store.read_bytes())
    with open_store(copy) as con:
        before = table_rows(con)
        tally = ingest([str(FIXTURE)], con, extractor=extractor, batch_size=5)
        assert table_rows(con) == before
    assert (tally.read, tally.stored, tally.already_stored, tally.events) == (13, 0, 13, 0)


def test_dedup_does_not_depend_on_batching_or_repeats(
    store: Path, tmp_path: Path, extractor: Extractor
) -> None:
    with open_store(tmp_path / "a.duckdb") as con:
        ingest([str(FIXTURE), str(FIXTURE)], con, extractor=extractor, batch_size=100)
        repeated = table_rows(con)
    with open_store(store, read_only=True) as con:
        assert table_rows(con) == repeated


def test_write_shard_is_one_transaction(tmp_path: Path, extractor: Extractor) -> None:
    article = Article(id="a", text="Rebels attacked an army base on Monday.", published=dt.date(2024, 3, 6))
    shard = shard_of(extract_articles([article], extractor))
    with open_store(tmp_path / "t.duckdb") as con:
        con.execute("INSERT INTO failures VALUES ('x', 'ingest', 'blocks the batch')")
        con.execute("CREATE UNIQUE INDEX one_event_type ON events (event_type)")
        con.execute(
            "INSERT INTO events (id, article_id, extract_id, event_type) VALUES ('e', 'z', 'e', 'ASSAULT')"
        )
        with pytest.raises(duckdb.ConstraintException):
            write_shard(con, shard)
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM actors").fetchone() == (0,)


def test_batches_written_together_store_and_count_as_batches_written_alone(
    store: Path, tmp_path: Path, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an ingest stores `WRITE_BATCHES` batches in one transaction; the rows, the tally and the progress
    # (one call a batch, articles read counted as each batch is stored) do not depend on how many
    calls: dict[int, list[tuple[int, int, int]]] = {}
    tables = {}
    for together in (1, 3):
        monkeypatch.setattr(ingest_module, "WRITE_BATCHES", together)
        seen: list[tuple[int, int, int]] = []
        with open_store(tmp_path / f"w{together}.duckdb") as con:
            tally = ingest(
                [str(FIXTURE)],
                con,
                extractor=extractor,
                batch_size=2,
                on_batch=lambda t, seen=seen: seen.append((t.read, t.stored, t.events)),
            )
            tables[together] = table_rows(con)
        assert (tally.read, tally.stored, tally.already_stored, tally.failed) == (13, 12, 1, 1)
        calls[together] = seen
    assert len(calls[1]) == 7  # 14 lines (13 articles, 1 unreadable) in batches of 2
    assert calls[3] == calls[1]
    assert [read for read, _, _ in calls[1]] == sorted(read for read, _, _ in calls[1])
    assert tables[3] == tables[1]
    with open_store(store, read_only=True) as con:
        assert table_rows(con)["events"] == tables[1]["events"]


def test_standard_input_is_stored_batch_by_batch(
    tmp_path: Path, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a feed piped in comes at its own pace: each batch is stored as soon as it is coded, not held back
    # until `WRITE_BATCHES` batches are; a file's batches are stored together
    monkeypatch.setattr(ingest_module, "WRITE_BATCHES", 3)
    for name in ("-", str(FIXTURE)):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(FIXTURE.read_bytes())))
        stored_then: list[int] = []
        with open_store(tmp_path / f"in{len(name)}.duckdb") as con:

            def seen(
                _: object, con: duckdb.DuckDBPyConnection = con, stored_then: list[int] = stored_then
            ) -> None:
                stored_then.append(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])

            ingest([name], con, extractor=extractor, batch_size=2, on_batch=seen)
        assert stored_then[0] == (2 if name == "-" else 6), name


def test_a_checkpointed_write_leaves_no_index_in_memory(tmp_path: Path, extractor: Extractor) -> None:
    # DuckDB keeps the indexes a write loads (all of them: keys are content hashes) until the next
    # checkpoint; an ingest checkpoints after each write, so extraction runs without them
    articles = [
        Article(
            id=f"a{n}",
            text=f"Rebels attacked an army base in town {n} on Monday.",
            published=dt.date(2024, 3, 6),
        )
        for n in range(4)
    ]
    shards = [
        shard_of(extract_articles(articles[:2], extractor)),
        shard_of(extract_articles(articles[2:], extractor)),
    ]

    for checkpoint in (False, True):
        with open_store(tmp_path / f"c{checkpoint}.duckdb") as con:
            added = write_shards(con, shards, checkpoint=checkpoint)
            assert [a.articles for a in added] == [2, 2]
            held = _index_bytes(con)
            assert (held == 0) if checkpoint else (held > 2**20), (checkpoint, held)


def test_an_ingest_extracts_without_the_indexes_of_its_writes(
    tmp_path: Path, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # after every write of an ingest (and the settling of large parts some writes are followed by) the
    # store is checkpointed: DuckDB holds (next to) no index in memory while the next batches are extracted
    monkeypatch.setattr(ingest_module, "WRITE_BATCHES", 2)
    monkeypatch.setattr(ingest_module, "SETTLE_BATCHES", 4)
    held: list[int] = []
    blocks: list[int] = []
    with open_store(tmp_path / "i.duckdb") as con:

        def seen(_: object, con: duckdb.DuckDBPyConnection = con) -> None:
            held.append(_index_bytes(con))
            blocks.append(_index_bytes(con, "BASE_TABLE"))

        ingest([str(FIXTURE)], con, extractor=extractor, batch_size=2, on_batch=seen)
    # (a write of nothing but a failure can leave one buffer, half a MiB; a write not checkpointed, 16)
    assert len(held) == 7 and max(held) <= 2**20, str(held)
    # nor the table blocks the writing read (9 MiB when the checkpoint after settling kept them)
    assert max(blocks) <= 2**20, str(blocks)


def _index_bytes(con: duckdb.DuckDBPyConnection, tag: str = "ART_INDEX") -> int:
    """The memory DuckDB holds for indexes (or by another tag of `duckdb_memory()`)."""
    row = con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory() WHERE tag = ?", [tag]).fetchall()
    return int(row[0][0] or 0)


def test_stored_ids_are_content_ids() -> None:
    one = Article(id="x", text="Police arrested ten protesters.")
    two = Article(id="y", text="Police arrested ten protesters.")
    assert stored_article_id(one) == stored_article_id(two)
    assert stored_article_id(one).startswith("sha256:") and len(stored_article_id(one)) == 23


def test_store_records_match_extract_output(store: Path, extractor: Extractor) -> None:
    """An event read back from the store is the event `tidings extract` writes, ids aside."""
    from tidings.ingest import read_inputs
    from tidings.output import result_dict

    articles = [a for a in read_inputs([str(FIXTURE)]) if isinstance(a, Article)][:12]
    expected = {}
    for result in extract_articles(articles, extractor):
        for event in result_dict(result)["events"]:  # type: ignore[union-attr]
            expected[(event["evidence"]["sentence"], event["evidence"]["trigger_span"][0])] = event
    with open_store(store, read_only=True) as con:
        stored = list(event_records(con, EventQuery()))
    assert len(stored) == len(expected)
    for record in stored:
        want = dict(expected[(record["evidence"]["sentence"], record["evidence"]["trigger_span"][0])])
        # the store adds the article, and the record and story the event is in (tidings.store.records)
        got = {k: v for k, v in record.items() if k not in ("article", "record_id", "story_id")}
        assert record["record_id"].startswith("rec_") and record["story_id"].startswith("st_")
        for event in (want, got):
            event.pop("id")
            event["links"] = [link["relation"] for link in event["links"]]
        assert got == want


def _has(refs: object, **want: str) -> bool:
    assert isinstance(refs, list)
    return any(all(ref[k] == v for k, v in want.items()) for ref in refs)


# Each filter, and what every event it returns must satisfy (checked on the records read back).
FILTERS = [
    (EventQuery(event_type="protest"), lambda r: r["event_type"] == "PROTEST"),
    (
        EventQuery(actor="IGO", event_type="REQUEST"),
        lambda r: r["event_type"] == "REQUEST" and _has(r["actors"], country="IGO"),
    ),
    (EventQuery(actor="RUS/GOV"), lambda r: _has(r["actors"], country="RUS", sector="GOV")),
    (EventQuery(actor="putin"), lambda r: "Putin" in str(r["actors"])),
    (EventQuery(recipient="VEN"), lambda r: _has(r["recipients"], country="VEN")),
    (
        EventQuery(country="KEN"),
        lambda r: "KEN" in str([r["location"], [a["country"] for a in r["actors"] + r["recipients"]]]),
    ),
    (EventQuery(text="tear gas"), lambda r: "tear gas" in r["evidence"]["sentence"]),
    (
        EventQuery(since=dt.date(2023, 1, 1), until=dt.date(2023, 12, 31)),
        lambda r: r["date"] is not None and "2023-01-01" <= r["date"] <= "2023-12-31",
    ),
]


@pytest.mark.parametrize(("query", "holds"), FILTERS)
def test_event_filters(store: Path, query: EventQuery, holds: object) -> None:
    with open_store(store, read_only=True) as con:
        records = list(event_records(con, query))
        every = list(event_records(con, EventQuery()))
    assert records and all(holds(r) for r in records)  # type: ignore[operator]
    assert [r["id"] for r in every if holds(r)] == [r["id"] for r in records]  # type: ignore[operator]
    dates = [r["date"] for r in records if r["date"]]
    assert dates == sorted(dates, reverse=True)


def test_events_by_ids_are_the_records_of_tidings_events(store: Path) -> None:
    with open_store(store, read_only=True) as con:
        every = list(event_records(con, EventQuery()))
        ids = [r["id"] for r in every]
        picked = [ids[5], ids[0], "ev_missing", ids[5], ids[-1]]
        assert events_by_ids(con, ids) == every
        assert [r["id"] for r in events_by_ids(con, picked)] == [ids[5], ids[0], ids[-1]]
        assert events_by_ids(con, []) == [] and events_by_ids(con, ["ev_missing"]) == []


@pytest.mark.parametrize(("query", "holds"), FILTERS)
def test_matching_sql_counts_the_filtered_events(store: Path, query: EventQuery, holds: object) -> None:
    with open_store(store, read_only=True) as con:
        sql, params = matching_sql(query)
        ids = [row[0] for row in con.execute(sql, params).fetchall()]
        assert sorted(ids) == sorted(r["id"] for r in event_records(con, query))


def test_limit_and_newest_first(store: Path) -> None:
    with open_store(store, read_only=True) as con:
        records = list(event_records(con, EventQuery(limit=3)))
    assert len(records) == 3
    assert records[0]["date"] == "2024-06-25"
    assert records[0]["article"]["input_id"] == "kenya-protest"  # type: ignore[index]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "plover-json", "parquet"])
def test_exports_hold_every_event(store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    with open_store(store, read_only=True) as con:
        count = write_events(con, EventQuery(), fmt, str(out))
        total = con.execute("SELECT count(*) FROM events").fetchone()
    assert total == (count,)
    if fmt == "parquet":
        table = pq.read_table(out)
        assert table.num_rows == count
        with duckdb.connect() as con:
            sql = "SELECT count(*), count(*) FILTER (len(actors) > 0) FROM read_parquet(?)"
            rows, with_actors = con.execute(sql, [str(out)]).fetchone() or (0, 0)
        assert rows == count and with_actors > 0
    elif fmt == "csv":
        with out.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert len(rows) == count and tuple(rows[0]) == CSV_COLUMNS
    else:
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(lines) == count
        key = "event" if fmt == "plover-json" else "event_type"
        assert all(line[key] for line in lines)


def test_plover_record_layout(store: Path) -> None:
    with open_store(store, read_only=True) as con:
        record = next(event_records(con, EventQuery(actor="Putin")))
    plover = plover_record(record)
    assert plover["event"] == ["MOBILIZE"]  # an order of troops into a region is the deployment
    assert plover["actor"][0]["code"] == "RUS"  # type: ignore[index]
    assert plover["date"] == "2022-02-21"
    assert {"id", "date", "actor", "recipient", "event", "mode", "context", "text", "cite_info"} <= set(
        plover
    )


def test_csv_to_a_stream(store: Path) -> None:
    with open_store(store, read_only=True) as con:
        out = io.StringIO()
        assert write_csv(event_records(con, EventQuery(limit=2)), out) == 2
    assert out.getvalue().startswith("id,date,event_type")


def test_missing_or_locked_store_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(TidingsError, match="no such store"):
        open_store(tmp_path / "absent.duckdb", read_only=True)
    bad = tmp_path / "bad.duckdb"
    bad.write_text("not a database")
    with pytest.raises(TidingsError, match="bad.duckdb"):
        open_store(bad)


def test_stored_rows_do_not_depend_on_input_order(store: Path, tmp_path: Path, extractor: Extractor) -> None:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()[:12]  # the distinct articles
    reversed_input = tmp_path / "reversed.jsonl"
    reversed_input.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    with open_store(tmp_path / "r.duckdb") as con:
        ingest([str(reversed_input)], con, extractor=extractor, batch_size=5)
        got = table_rows(con)
    with open_store(store, read_only=True) as con:
        expected = table_rows(con)
    for name in ("events", "actors", "links", "flags"):
        assert got[name] == expected[name], name
    strip_origin = [(r[0], r[1], *r[3:]) for r in expected["articles"]]
    assert [(r[0], r[1], *r[3:]) for r in got["articles"]] == strip_origin
