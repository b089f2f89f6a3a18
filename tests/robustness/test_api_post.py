"""`POST /api/v1/articles` with an absurd number (it gave 500: the size overflowed pyarrow)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tidings.pipeline import Extractor
from tidings.serve import create_app
from tidings.store.schema import open_store

from .cli import ABSURD


def test_an_absurd_number_is_stored_over_http_without_a_size(tmp_path: Path, extractor: Extractor) -> None:
    db = tmp_path / "api.duckdb"
    open_store(db).close()
    app = create_app(db, allow_ingest=True, token="s3cret", extractor=lambda: extractor)
    with TestClient(app) as client:
        answer = client.post(
            "/api/v1/articles",
            json={"text": ABSURD, "published": "2024-03-06"},
            headers={"Authorization": "Bearer s3cret"},
        )
        assert answer.status_code == 201, answer.text
        body = answer.json()
        assert body["stored"] is True and body["events"]
        event = client.get(f"/api/v1/events/{body['events'][0]}").json()
        assert event["event_type"] == "ASSAULT" and event["size"] is None
