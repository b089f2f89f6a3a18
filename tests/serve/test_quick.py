"""Plain query parameters read without FastAPI's validation (`tidings.serve.quick`) give the answers
FastAPI gives, byte for byte (status, headers, body): for plain requests, for values FastAPI refuses or
reads otherwise (left to it), and for query strings drawn at random."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import fastapi.routing
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.serve import create_app

PLAIN = [
    "/api/v1/health",
    "/api/v1/events",
    "/api/v1/events?limit=20&type=ASSAULT&since=2016-01-01&until=2025-12-31&undated=true&sort=date_asc",
    "/api/v1/events?country=rus&actor=GOV&recipient=USA&q=police&certainty=all",
    "/api/v1/events?certainty=negated,planned&limit=200",
    "/api/v1/stats?by=country&type=PROTEST&limit=5",
    "/api/v1/stats?by=dyad",
    "/api/v1/actors?q=gov&country=USA&sector=GOV&limit=3",
    "/api/v1/places?limit=10&type=ASSAULT",
]
# left to FastAPI: its 422s, and values it reads that this lane does not
NOT_PLAIN = [
    "/api/v1/events?limit=0",
    "/api/v1/events?limit=201",
    "/api/v1/events?limit=050",
    "/api/v1/events?limit=%2B5",
    "/api/v1/events?limit=5&limit=6",
    "/api/v1/events?since=2024-13-01",
    "/api/v1/events?since=2024-02-30",
    "/api/v1/events?since=20240101",
    "/api/v1/events?since=2024-01-01T00:00:00",
    "/api/v1/events?since=",
    "/api/v1/events?undated=1",
    "/api/v1/events?undated=yes",
    "/api/v1/events?type=assault",
    "/api/v1/events?type=NOPE",
    "/api/v1/events?country=US",
    "/api/v1/events?country=USA%0A",
    "/api/v1/events?country=%C3%89SA",
    "/api/v1/events?sort=newest",
    "/api/v1/events?certainty=maybe",
    "/api/v1/events?q=" + "x" * 201,
    "/api/v1/events?cursor=nonsense",
    "/api/v1/stats?by=year",
    "/api/v1/actors/nobody?period=year",
    "/api/v1/events/nothing",
]
KEYS = ["limit", "type", "since", "until", "undated", "country", "actor", "q", "sort", "by", "period", "x"]
VALUES = st.one_of(
    st.sampled_from(["", "0", "1", "20", "200", "201", "true", "false", "ASSAULT", "PROTEST", "USA", "rus"]),
    st.sampled_from(["2016-12-01", "2024-02-29", "2023-02-29", "date_asc", "dyad", "week", "all", "é"]),
    st.text(alphabet="0123456789-+ TAUSaeé\n%_,", max_size=12),
)
PATHS = ["/api/v1/events", "/api/v1/stats", "/api/v1/actors", "/api/v1/places", "/api/v1/health"]


@pytest.fixture(scope="module")
def client(served_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(served_db, cache=False)) as client:
        yield client


def _both(client: TestClient, url: str) -> tuple[Any, Any]:
    answers = []
    for quick in (True, False):
        client.app.state.quick_params = quick  # type: ignore[attr-defined]
        response = client.get(url)
        answers.append((response.status_code, response.headers.multi_items(), response.content))
    client.app.state.quick_params = True  # type: ignore[attr-defined]
    return answers[0], answers[1]


@pytest.fixture(scope="module")
def ids(client: TestClient) -> tuple[str, str, str]:
    """An event's id, its article's and an actor's."""
    [event] = client.get("/api/v1/events?limit=1").json()["events"]
    [actor] = client.get("/api/v1/actors?limit=1").json()["actors"]
    return event["id"], event["article"]["id"], actor["id"]


def test_plain_requests_skip_fastapis_validation(
    client: TestClient, ids: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    solved: list[str] = []
    solve = fastapi.routing.solve_dependencies

    async def counted(*args: Any, **kwargs: Any) -> Any:
        solved.append(kwargs["request"].url.path)
        return await solve(*args, **kwargs)

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", counted)
    event, article, entity = ids
    for url in [*PLAIN, f"/api/v1/events/{event}", f"/api/v1/articles/{article}", f"/api/v1/actors/{entity}"]:
        assert client.get(url).status_code == 200, url
    assert solved == []
    client.get("/api/v1/events?limit=0")
    assert solved == ["/api/v1/events"]


@pytest.mark.parametrize("url", PLAIN + NOT_PLAIN)
def test_the_same_answers(client: TestClient, url: str) -> None:
    quick, full = _both(client, url)
    assert quick == full


def test_the_same_answers_by_id(client: TestClient, ids: tuple[str, str, str]) -> None:
    event, article, entity = ids
    for url in [
        f"/api/v1/events/{event}",
        f"/api/v1/articles/{article}",
        f"/api/v1/actors/{entity}?period=week&certainty=all",
        f"/api/v1/actors/{entity}?certainty=nonsense",
    ]:
        quick, full = _both(client, url)
        assert quick == full, url


def test_the_same_next_page(client: TestClient) -> None:
    cursor = client.get("/api/v1/events?limit=3").json()["next_cursor"]
    quick, full = _both(client, "/api/v1/events?" + urlencode({"limit": 3, "cursor": cursor}))
    assert quick == full and quick[0] == 200


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(PATHS), pairs=st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=4))
def test_the_same_answers_to_any_query(client: TestClient, path: str, pairs: list[tuple[str, str]]) -> None:
    quick, full = _both(client, f"{path}?{urlencode(pairs)}")
    assert quick == full
