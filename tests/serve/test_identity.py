"""Stories and real-world event records in the API and the pages (FastAPI's test client)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tidings.serve import create_app


@pytest.fixture(scope="module")
def client(served_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(served_db)) as client:
        yield client


def test_stories_cover_every_article_once(client: TestClient) -> None:
    answer = client.get("/api/v1/stories", params={"limit": 200}).json()
    documents = [d for story in answer["stories"] for d in story["documents"]]
    assert len(documents) == len(set(documents)) == 14  # 13 texts, one read under two ids
    assert answer["count"] == len(answer["stories"])
    second = client.get("/api/v1/stories", params={"limit": 2, "offset": 1}).json()["stories"]
    assert [s["id"] for s in second] == [s["id"] for s in answer["stories"][1:3]]
    assert client.get("/api/v1/stories", params={"limit": 0}).status_code == 422


def test_a_story_has_its_timeline_and_a_record_its_reports(client: TestClient) -> None:
    stories = client.get("/api/v1/stories", params={"limit": 200}).json()["stories"]
    belarus = next(s for s in stories if "belarus-pardon" in s["documents"])
    story = client.get(f"/api/v1/stories/{belarus['id']}").json()
    timeline = story["timeline"]
    assert [r["id"] for r in timeline] == [e["id"] for e in belarus["events"]]
    releases = {r["released"]: r for r in timeline if r["event_type"] == "RETREAT" and r["released"]}
    # the pardon's release and the earlier one its total adds up with: two acts, each with its count
    assert set(releases) == {123, 33}
    release = releases[123]
    record = client.get(f"/api/v1/records/{release['id']}").json()
    assert record == release
    assert all(r["event_id"].startswith("ev_") and r["evidence"]["sentence"] for r in record["reports"])
    assert record["values"]["released"][0]["value"] == 123
    # the event's own record points back at it
    event = client.get(f"/api/v1/events/{record['reports'][0]['event_id']}").json()
    assert event["record_id"] == record["id"] and event["story_id"] == story["id"]
    assert client.get("/api/v1/records/rec_missing").status_code == 404
    assert client.get("/api/v1/stories/st_missing").status_code == 404


def test_pages_show_stories_records_and_their_conflicts(client: TestClient) -> None:
    listing = client.get("/stories")
    assert listing.status_code == 200 and 'id="stories"' in listing.text
    stories = client.get("/api/v1/stories", params={"limit": 200}).json()["stories"]
    belarus = next(s for s in stories if "belarus-pardon" in s["documents"])
    page = client.get(f"/stories/{belarus['id']}")
    assert page.status_code == 200 and 'id="timeline"' in page.text
    for event in belarus["events"]:
        assert f'href="/records/{event["id"]}"' in page.text
    record = client.get(f"/records/{belarus['events'][0]['id']}")
    assert record.status_code == 200 and 'id="record-reports"' in record.text
    assert "<script" not in record.text and "style=" not in record.text  # the CSP forbids inline code
    assert client.get("/records/rec_missing").status_code == 404
