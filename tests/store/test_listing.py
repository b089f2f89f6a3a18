"""Listing events says what it leaves out: `tidings events` tells how many matched when it shows fewer (on
stderr, so jsonl and csv stay clean), and `--undated` (the API's `undated`) keeps undated events in
date filters."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tidings.cli import cli
from tidings.engines.ingest import ingest
from tidings.pipeline import Extractor
from tidings.serve import create_app
from tidings.store.query import EventQuery, event_records
from tidings.store.schema import open_store

ARTICLES = [
    {"id": "dated", "published": "2024-03-06", "text": "Rebels attacked an army base on Monday."},
    {"id": "early", "published": "2023-01-10", "text": "Police arrested twelve protesters on Sunday."},
    # no publication date and no date in the text: its event has no date
    {"id": "undated", "text": "Soldiers shelled the village and killed three farmers."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    folder = tmp_path_factory.mktemp("listing")
    source = folder / "news.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = folder / "news.duckdb"
    with open_store(path) as con:
        ingest([str(source)], con, extractor=extractor)
    return path


@pytest.fixture(scope="module")
def con(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with open_store(db, read_only=True) as con:
        yield con


def dates(con: duckdb.DuckDBPyConnection, **filters: object) -> list[tuple[str, str | None]]:
    records = event_records(con, EventQuery(**filters))  # type: ignore[arg-type]
    return [(r["article"]["input_id"], r["date"]) for r in records]  # type: ignore[index]


def test_the_store_has_dated_and_undated_events(con: duckdb.DuckDBPyConnection) -> None:
    assert dates(con) == [("dated", "2024-03-04"), ("early", "2023-01-08"), ("undated", None)]


@pytest.mark.parametrize(
    ("filters", "articles"),
    [
        ({"since": "2024-01-01"}, ["dated"]),
        ({"since": "2024-01-01", "undated": True}, ["dated", "undated"]),
        ({"until": "2023-12-31", "undated": True}, ["early", "undated"]),
        ({"since": "2023-01-01", "until": "2023-12-31"}, ["early"]),
        ({"since": "2023-01-01", "until": "2023-12-31", "undated": True}, ["early", "undated"]),
        ({"undated": True}, ["dated", "early", "undated"]),  # no date filter: every event anyway
    ],
)
def test_undated_events_in_date_filters(
    con: duckdb.DuckDBPyConnection, filters: dict[str, object], articles: list[str]
) -> None:
    query = {k: dt.date.fromisoformat(v) if isinstance(v, str) else v for k, v in filters.items()}
    assert [article for article, _ in dates(con, **query)] == articles


def events(db: Path, *args: str, mentions: bool = True) -> tuple[str, str]:
    flags = ["--mentions"] if mentions else []
    result = CliRunner().invoke(cli, ["events", "--db", str(db), *flags, *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout, result.stderr


def test_events_says_how_many_matched_when_it_shows_fewer(db: Path) -> None:
    out, err = events(db, "--limit", "2", "--format", "jsonl")
    assert [json.loads(line)["article"]["input_id"] for line in out.splitlines()] == ["dated", "early"]
    assert err == "tidings: showing 2 of 3 events; use --limit to see more\n"
    out, err = events(db, "--limit", "1", "--format", "csv", "--since", "2023-01-01", "--undated")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 1
    assert err == "tidings: showing 1 of 3 events; use --limit to see more\n"
    _, err = events(db, "--limit", "1", "--since", "2024-01-01")  # one matched, one shown
    assert err == ""
    _, err = events(db, "--limit", "3")
    assert err == ""
    out, err = events(db, "--limit", "0", "--format", "jsonl")
    assert out == "" and err == "tidings: showing 0 of 3 events; use --limit to see more\n"


def test_the_records_listing_says_so_too(db: Path) -> None:
    out, err = events(db, "--limit", "1", "--format", "jsonl", mentions=False)
    assert len(out.splitlines()) == 1
    assert err == "tidings: showing 1 of 3 events; use --limit to see more\n"
    _, err = events(db, "--limit", "3", mentions=False)
    assert err == ""


def test_events_table_says_so_too(db: Path) -> None:
    out, err = events(db, "--limit", "1", "--until", "December 31, 2023", "--undated")
    assert "1 events, newest first" in out and "early" not in err
    assert err == "tidings: showing 1 of 2 events; use --limit to see more\n"


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as client:
        yield client


def test_the_api_keeps_undated_events_when_asked(client: TestClient) -> None:
    def articles(**params: str) -> list[str]:
        answer = client.get("/api/v1/events", params=params)
        assert answer.status_code == 200, answer.text
        return [e["article"]["input_id"] for e in answer.json()["events"]]

    assert articles(since="2024-01-01") == ["dated"]
    assert articles(since="2024-01-01", undated="true") == ["dated", "undated"]
    assert articles(until="2023-12-31", undated="true") == ["early", "undated"]
