"""`POST /api/v1/articles` with hostile input: an absurd number (it gave 500: the size overflowed pyarrow), a
lone surrogate in the JSON (500: the 422 echoed it), an article whose extraction fails (201, not stored)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tidings.pipeline import Extractor
from tidings.serve import create_app
from tidings.store.schema import open_store

from .cli import ABSURD

TOKEN = "s3cret"
HEADERS = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


def _writable_app(db: Path, extractor: Extractor) -> FastAPI:
    """A server of a new store at `db` that accepts articles with the token."""
    open_store(db).close()
    return create_app(db, allow_ingest=True, token=TOKEN, extractor=lambda: extractor)


def test_an_absurd_number_is_stored_over_http_without_a_size(tmp_path: Path, extractor: Extractor) -> None:
    with TestClient(_writable_app(tmp_path / "api.duckdb", extractor)) as client:
        answer = client.post(
            "/api/v1/articles", json={"text": ABSURD, "published": "2024-03-06"}, headers=HEADERS
        )
        assert answer.status_code == 201, answer.text
        body = answer.json()
        assert body["stored"] is True and body["events"]
        event = client.get(f"/api/v1/events/{body['events'][0]}").json()
        assert event["event_type"] == "ASSAULT" and event["size"] is None


def test_a_lone_surrogate_in_a_json_body_is_a_422_naming_the_field(
    tmp_path: Path, extractor: Extractor
) -> None:
    # it was a 500: FastAPI's 422 echoed the invalid value back and could not encode it
    app = _writable_app(tmp_path / "api.duckdb", extractor)
    with TestClient(app, raise_server_exceptions=False) as client:
        answer = client.post(
            "/api/v1/articles", content=b'{"text": "Police arrested 3 men. \\ud800"}', headers=HEADERS
        )
        assert answer.status_code == 422, answer.text
        (error,) = answer.json()["detail"]
        assert error["loc"] == ["body", "text"] and "unicode" in error["msg"]
        # the refused value is never echoed back (a 5 MB text would come back whole)
        answer = client.post(
            "/api/v1/articles", json={"text": "x" * 1000, "published": "not a date"}, headers=HEADERS
        )
        assert answer.status_code == 422
        detail = answer.json()["detail"]
        assert all("input" not in e for e in detail) and "x" * 100 not in answer.text
        assert detail[0]["loc"] == ["body", "published"]


def test_an_article_whose_extraction_fails_is_a_422_and_a_recorded_failure(
    tmp_path: Path, extractor: Extractor
) -> None:
    # it was a 201 with "stored": false; the reason was only in the store's failures table
    hurried = dataclasses.replace(extractor, time_limit=1e-6)  # every article runs over its time limit
    db = tmp_path / "api.duckdb"
    with TestClient(_writable_app(db, hurried)) as client:
        answer = client.post(
            "/api/v1/articles",
            json={"text": "Police arrested three protesters in Minsk on Monday.", "published": "2024-03-06"},
            headers=HEADERS,
        )
    assert answer.status_code == 422, answer.text
    assert "failed" in answer.json()["detail"]
    with open_store(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM failures").fetchall() == [(1,)]
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(0,)]
