"""The API keeps what did not happen apart: planned, hypothetical and negated events are left out of
lists, counts, stats, places and actors' figures unless `certainty` asks for them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tidings.serve import create_app
from tidings.store.derived import copy_derived
from tidings.store.schema import open_store

# by evidence words: the European Union's events (an actor with a page) and the Nairobi protest (a place)
MARKED = {"planned": "%European Union%", "negated": "%stormed%"}


@pytest.fixture(scope="module")
def client(served_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("certainty") / "marked.duckdb"
    shutil.copy(served_db, db)
    with open_store(db) as con:
        for certainty, words in MARKED.items():
            con.execute("UPDATE events SET certainty = ? WHERE evidence_sentence ILIKE ?", [certainty, words])
        copy_derived(con)
    with TestClient(create_app(db)) as client:
        yield client


def _events(client: TestClient, **params: str) -> list[dict[str, object]]:
    return client.get("/api/v1/events", params={"limit": "200", **params}).json()["events"]  # type: ignore[no-any-return]


def test_lists_and_counts(client: TestClient) -> None:
    default, every = _events(client), _events(client, certainty="all")
    left_out = [e for e in every if e["certainty"] in MARKED]
    assert left_out and len(default) == len(every) - len(left_out)
    assert {e["certainty"] for e in default}.isdisjoint(MARKED)
    assert client.get("/api/v1/events").json()["total"] == len(default)
    assert client.get("/api/v1/events", params={"certainty": "all"}).json()["total"] == len(every)
    planned = _events(client, certainty="planned")
    assert planned and {e["certainty"] for e in planned} == {"planned"}
    assert len(_events(client, certainty="planned,negated")) == len(left_out)


def test_stats_and_places(client: TestClient) -> None:
    def by_type(**params: str) -> int:
        counts = client.get("/api/v1/stats", params={"by": "type", **params}).json()["counts"]
        return sum(row["events"] for row in counts)  # type: ignore[no-any-return]

    assert (
        by_type() == len(_events(client)) < by_type(certainty="all") == len(_events(client, certainty="all"))
    )
    places = {p["name"] for p in client.get("/api/v1/places").json()["places"]}
    assert "Nairobi" not in places
    assert "Nairobi" in {p["name"] for p in client.get("/api/v1/places?certainty=all").json()["places"]}


def test_actors(client: TestClient) -> None:
    eu = client.get("/api/v1/actors/Q458").json()
    assert eu["as_actor"] == 0 and eu["events"] == [] and eu["timeline"] == []
    every = client.get("/api/v1/actors/Q458", params={"certainty": "all"}).json()
    assert every["as_actor"] == 4 and {e["certainty"] for e in every["events"]} == {"planned"}
    search = client.get("/api/v1/actors", params={"q": "european"}).json()["actors"]
    assert all(a["id"] != "Q458" for a in search)
    assert (
        client.get("/api/v1/actors", params={"q": "european", "certainty": "all"}).json()["actors"][0]["id"]
        == "Q458"
    )


@pytest.mark.parametrize(
    "path", ["/api/v1/events", "/api/v1/stats", "/api/v1/actors", "/api/v1/actors/Q458", "/"]
)
def test_an_unknown_certainty_gets_422(client: TestClient, path: str) -> None:
    response = client.get(path, params={"certainty": "perhaps"})
    assert response.status_code == 422 and "perhaps: not a certainty" in response.text


def test_pages_keep_the_choice(client: TestClient) -> None:
    page = client.get("/", params={"certainty": "all"}).text
    assert '<option value="all" selected>' in page
    assert "certainty=all" in page  # the type counts link to the same choice
    assert '<option value="all" selected>' not in client.get("/").text
