"""The JSON API through FastAPI's test client, against a store built by `tidings ingest`."""

from __future__ import annotations

import base64
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tidings.errors import TidingsError
from tidings.pipeline import Extractor
from tidings.serve import create_app
from tidings.serve.pages import marked_segments
from tidings.store.query import EventQuery, event_records
from tidings.store.schema import open_store


@pytest.fixture(scope="module")
def client(served_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(served_db)) as client:
        yield client


def test_health_and_openapi(client: TestClient, served_db: Path) -> None:
    health = client.get("/api/v1/health").json()
    con = open_store(served_db, read_only=True)
    try:
        row = con.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(DISTINCT entity_id) FROM actors)"
        ).fetchone()
    finally:
        con.close()
    assert row is not None and row[0] > 0
    assert health == {
        "status": "ok",
        "store": "news.duckdb",
        "read_only": True,
        "articles": 13,
        "events": row[0],
        "actors": row[1],
    }
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/events",
        "/api/v1/events/{event_id}",
        "/api/v1/actors",
        "/api/v1/stats",
        "/api/v1/health",
    ):
        assert path in paths


def test_events_pages_cover_the_store_once(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        page = client.get(
            "/api/v1/events", params={"limit": 7, **({"cursor": cursor} if cursor else {})}
        ).json()
        assert page["total"] == 35
        seen += [event["id"] for event in page["events"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 35
    dates = [
        e["date"] for e in client.get("/api/v1/events", params={"limit": 200}).json()["events"] if e["date"]
    ]
    assert dates == sorted(dates, reverse=True)
    oldest = [
        e["date"]
        for e in client.get("/api/v1/events", params={"sort": "date_asc", "limit": 200}).json()["events"]
    ]
    assert [d for d in oldest if d] == sorted(dates)


def _all_pages(client: TestClient, params: dict[str, str], limit: int) -> list[dict[str, object]]:
    events: list[dict[str, object]] = []
    cursor = None
    while True:
        page = client.get(
            "/api/v1/events", params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        ).json()
        events += page["events"]
        assert page["count"] == len(page["events"]) and page["total"] >= len(events)
        cursor = page["next_cursor"]
        if cursor is None:
            assert page["total"] == len(events)
            return events


def test_events_are_those_of_tidings_events(client: TestClient, served_db: Path) -> None:
    """The list (whose records are put together from a page's rows) is `tidings events`' output."""
    with open_store(served_db, read_only=True) as con:
        every = list(event_records(con, EventQuery()))
    assert any(e["links"] for e in every) and any(e["flags"] for e in every)
    assert client.get("/api/v1/events", params={"limit": 200}).json()["events"] == every
    assert _all_pages(client, {}, 5) == every


@pytest.mark.parametrize(
    "params",
    [{}, {"sort": "date_asc"}, {"type": "REQUEST"}, {"country": "RUS", "sort": "date_asc"}, {"q": "the"}],
)
def test_cursor_pages_are_the_list_in_slices(client: TestClient, params: dict[str, str]) -> None:
    whole = client.get("/api/v1/events", params={**params, "limit": 200}).json()["events"]
    assert whole
    for limit in (1, 3, 50):
        assert [e["id"] for e in _all_pages(client, params, limit)] == [e["id"] for e in whole]


def test_cursor_of_another_list_is_refused(client: TestClient) -> None:
    cursor = client.get("/api/v1/events", params={"limit": 2}).json()["next_cursor"]
    mixed = client.get("/api/v1/events", params={"limit": 2, "cursor": cursor, "sort": "date_asc"})
    assert mixed.status_code == 422 and "date_desc" in mixed.text
    forged = base64.urlsafe_b64encode(b'{"after": [1, 2, 3], "shown": 0, "sort": "date_desc"}').decode()
    for bad in (forged, cursor[:-8]):
        response = client.get("/api/v1/events", params={"cursor": bad})
        assert response.status_code == 422 and "not a cursor this API returned" in response.text


@pytest.mark.parametrize(
    ("params", "holds"),
    [
        ({"type": "SANCTION"}, lambda e: e["event_type"] == "SANCTION"),
        (
            {"country": "RUS"},
            lambda e: (
                "RUS"
                in {a["country"] for a in e["actors"] + e["recipients"]}
                | {(e["location"] or {}).get("country")}
            ),
        ),
        ({"since": "2023-01-01", "until": "2023-12-31"}, lambda e: "2023-01-01" <= e["date"] <= "2023-12-31"),
        ({"actor": "IGO"}, lambda e: any(a["country"] == "IGO" or a["sector"] == "IGO" for a in e["actors"])),
        (
            {"q": "parliament"},
            lambda e: (
                "parliament" in e["evidence"]["sentence"].lower()
                or "parliament" in (e["article"]["title"] or "").lower()
            ),
        ),
    ],
)
def test_event_filters_are_those_of_tidings_events(
    client: TestClient, params: dict[str, str], holds: object
) -> None:
    events = client.get("/api/v1/events", params=params).json()["events"]
    assert events and all(holds(e) for e in events)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "2024-13-01"}, "month value is outside expected range"),
        ({"until": "yesterday"}, "valid date"),
        ({"type": "INVADE"}, "Input should be 'AGREE'"),
        ({"limit": "10000"}, "less than or equal to 200"),
        ({"limit": "0"}, "greater than or equal to 1"),
        ({"country": "RU'; DROP TABLE events; --"}, "String should match pattern"),
        ({"cursor": "not-a-cursor"}, "not a cursor this API returned"),
        ({"sort": "title"}, "String should match pattern"),
    ],
)
def test_bad_parameters_get_422_with_a_message(
    client: TestClient, params: dict[str, str], message: str
) -> None:
    response = client.get("/api/v1/events", params=params)
    assert response.status_code == 422
    assert message in response.text


def test_text_is_a_parameter_not_sql(client: TestClient) -> None:
    response = client.get(
        "/api/v1/events", params={"q": "x' OR 1=1 --", "actor": "%'; DROP TABLE events; --"}
    )
    assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/api/v1/health").json()["events"] == 35


def test_event_with_evidence_links_flags_and_reports(client: TestClient) -> None:
    linked = next(
        e for e in client.get("/api/v1/events", params={"limit": 200}).json()["events"] if e["links"]
    )
    event = client.get(f"/api/v1/events/{linked['id']}").json()
    assert event["evidence"] == linked["evidence"]
    assert {link["event"] for link in event["links"]} <= {item["id"] for item in event["linked"]}
    assert all(item.get("event_type") for item in event["linked"])
    assert event["reports"][0]["id"] == linked["article"]["id"]
    target = client.get(f"/api/v1/events/{event['links'][0]['event']}").json()
    assert any(item["id"] == linked["id"] and item["direction"] == "from" for item in target["linked"])
    assert client.get("/api/v1/events/ev_0000000000000000").status_code == 404


def test_article_holds_every_event_span(client: TestClient) -> None:
    event = client.get("/api/v1/events", params={"q": "stormed"}).json()["events"][0]
    article = client.get(f"/api/v1/articles/{event['article']['id']}").json()
    assert article["text"].startswith("Thousands of protesters stormed")
    spans = {s["kind"]: article["text"][s["span"][0] : s["span"][1]] for s in article["events"][0]["spans"]}
    assert spans == {
        "evidence": event["evidence"]["sentence"],
        "trigger": "stormed",
        "actor": "Thousands of protesters",
        "recipient": "the parliament in Nairobi",
        "place": "Nairobi",
        "date": "Tuesday",
    }
    assert client.get("/api/v1/articles/sha256:nothing").status_code == 404


def test_actors_search_and_detail(client: TestClient) -> None:
    actors = client.get("/api/v1/actors", params={"q": "european"}).json()["actors"]
    assert actors[0]["id"] == "Q458" and actors[0]["as_actor"] == 4
    assert client.get("/api/v1/actors", params={"country": "IGO"}).json()["actors"][0]["id"] == "Q458"
    eu = client.get("/api/v1/actors/Q458").json()
    assert sum(row["events"] for row in eu["timeline"] if row["role"] == "actor") == 4
    assert {row["event_type"] for row in eu["timeline"]} <= {e["event_type"] for e in eu["events"]}
    assert eu["counterparts"] and all(c["id"] != "Q458" for c in eu["counterparts"])
    assert client.get("/api/v1/actors/tidings:nobody").status_code == 404


@pytest.mark.parametrize("by", ["day", "week", "month", "type", "country", "dyad"])
def test_stats(client: TestClient, by: str) -> None:
    counts = client.get("/api/v1/stats", params={"by": by}).json()["counts"]
    assert counts
    if by == "type":
        assert sum(row["events"] for row in counts) == 35
    if by == "dyad":
        assert all(0 <= row["cooperative"] <= row["events"] for row in counts)
        assert {"actor": "ECU", "recipient": "VEN", "events": 2, "cooperative": 0} in counts


def test_places_have_coordinates(client: TestClient) -> None:
    places = {p["name"]: p for p in client.get("/api/v1/places").json()["places"]}
    assert places["Nairobi"]["country"] == "KEN"
    assert places["Nairobi"]["lat"] == pytest.approx(-1.28, abs=0.01)


def test_pages_render(client: TestClient) -> None:
    event = client.get("/api/v1/events", params={"q": "stormed"}).json()["events"][0]
    for url in (
        "/",
        "/?type=ASSAULT&since=2020-01-01",
        "/actors",
        "/actors/Q458",
        "/network",
        "/map",
        f"/events/{event['id']}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<title>" in response.text
    page = client.get(f"/events/{event['id']}").text
    assert '<span class="m-evidence m-trigger">stormed</span>' in page
    assert client.get("/?since=tomorrow").status_code == 422


def test_marked_segments_nest_overlapping_spans() -> None:
    spans = [
        {"kind": "evidence", "span": [0, 11]},
        {"kind": "recipient", "span": [4, 11]},
        {"kind": "size", "span": [4, 7]},
    ]
    assert marked_segments("the 123 men go", spans) == [
        ("the ", "m-evidence"),
        ("123", "m-evidence m-recipient m-size"),
        (" men", "m-evidence m-recipient"),
        (" go", ""),
    ]


def test_ingest_over_http_is_off_by_default(client: TestClient) -> None:
    response = client.post("/api/v1/articles", json={"text": "Rebels attacked an army base on Monday."})
    assert response.status_code == 403 and "--allow-ingest" in response.text


def test_allow_ingest_needs_a_token(served_db: Path) -> None:
    with pytest.raises(TidingsError, match="TIDINGS_TOKEN"):
        create_app(served_db, allow_ingest=True, token=None)


def test_ingest_over_http_with_the_token(served_db: Path, tmp_path: Path, extractor: Extractor) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(served_db, db)
    app = create_app(db, allow_ingest=True, token="s3cret", extractor=lambda: extractor)
    article = {
        "text": "Rebels attacked an army base in Mali on Monday.",
        "published": "2024-03-06",
        "id": "mali",
    }
    with TestClient(app) as client:
        # figures over the whole store are cached: a write must refresh them
        assert client.get("/api/v1/health").json()["articles"] == 13
        assert sum(row["events"] for row in client.get("/api/v1/stats?by=type").json()["counts"]) == 35
        assert client.post("/api/v1/articles", json=article).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert client.post("/api/v1/articles", json=article, headers=wrong).status_code == 401
        good = {"Authorization": "Bearer s3cret"}
        stored = client.post("/api/v1/articles", json=article, headers=good)
        assert stored.status_code == 201, stored.text
        body = stored.json()
        assert body["stored"] is True and len(body["events"]) == 1
        assert client.get(f"/api/v1/events/{body['events'][0]}").json()["event_type"] == "ASSAULT"
        assert client.get("/api/v1/health").json()["articles"] == 14
        assert sum(row["events"] for row in client.get("/api/v1/stats?by=type").json()["counts"]) == 36
        assert client.get("/api/v1/events").json()["total"] == 36
        again = client.post("/api/v1/articles", json=article, headers=good).json()
        assert again["stored"] is False and again["events"] == body["events"]
        assert client.post("/api/v1/articles", json={"text": ""}, headers=good).status_code == 422


def test_serve_is_a_documented_command() -> None:
    from tidings.cli import cli

    assert "Example: tidings serve" in (cli.commands["serve"].help or "")
