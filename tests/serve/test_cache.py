"""The cache of answers: bounded, copies out, emptied by every write; cached answers are the uncached ones."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tidings.pipeline import Extractor
from tidings.serve import create_app
from tidings.serve.cache import AnswerCache
from tidings.serve.reader import CACHE_SIZES

TOKEN = {"Authorization": "Bearer s3cret"}


def test_the_least_recently_used_value_goes_first() -> None:
    cache = AnswerCache({"figure": 2})
    for key in ("a", "b"):
        cache.fetch("figure", key, lambda key=key: key.upper())
    assert cache.fetch("figure", "a", lambda: "recomputed") == "A"  # a is now the most recent
    cache.fetch("figure", "c", lambda: "C")
    assert cache.sizes() == {"figure": 2}
    assert cache.lookup("figure", ["a", "b", "c"])[0] == {"a": "A", "c": "C"}


def test_callers_get_copies_they_may_change() -> None:
    cache = AnswerCache({"event": 10})
    first = cache.fetch("event", "ev_1", lambda: {"id": "ev_1", "actors": [{"name": "EU"}]})
    first["actors"][0]["name"] = "changed by the caller"
    second = cache.fetch("event", "ev_1", lambda: {})
    assert second == {"id": "ev_1", "actors": [{"name": "EU"}]}
    second["linked"] = []
    assert cache.fetch("event", "ev_1", lambda: {}) == {"id": "ev_1", "actors": [{"name": "EU"}]}


def test_a_value_computed_before_a_write_is_not_kept() -> None:
    cache = AnswerCache({"figure": 10})
    found, generation = cache.lookup("figure", ["counts"])
    assert found == {}
    cache.clear()  # a write while the value was being computed
    cache.keep("figure", {"counts": {"events": 36}}, generation)
    assert cache.sizes() == {"figure": 0}
    assert cache.fetch("figure", "counts", lambda: {"events": 37}) == {"events": 37}


URLS = [
    "/api/v1/health",
    "/api/v1/events?limit=7",
    "/api/v1/events?limit=200&sort=date_asc",
    "/api/v1/events?type=REQUEST&country=rus",
    "/api/v1/events?actor=IGO&q=the",
    "/api/v1/actors?q=european",
    "/api/v1/actors?country=igo",
    "/api/v1/actors/Q458",
    "/api/v1/actors/Q458?period=week",
    "/api/v1/stats?by=type",
    "/api/v1/stats?by=dyad&since=2020-01-01",
    "/api/v1/stats?by=country&type=ASSAULT",
    "/api/v1/places",
    "/",
    "/actors/Q458",
]


@pytest.fixture(scope="module")
def clients(served_db: Path) -> Iterator[tuple[TestClient, TestClient]]:
    """Two clients over the same store: one with the cache, one that keeps nothing."""
    uncached = create_app(served_db)
    uncached.state.reader.cache = AnswerCache({kind: 0 for kind in CACHE_SIZES})
    with TestClient(create_app(served_db)) as cached, TestClient(uncached) as plain:
        yield cached, plain


def test_cached_answers_are_the_uncached_ones(clients: tuple[TestClient, TestClient]) -> None:
    cached, plain = clients
    events = cached.get("/api/v1/events", params={"limit": 200}).json()["events"]
    urls = URLS + [f"/api/v1/events/{e['id']}" for e in events[:10]]
    urls += [f"/api/v1/articles/{e['article']['id']}" for e in events[:10]]
    urls += [f"/events/{events[0]['id']}"]
    second_page = cached.get("/api/v1/events", params={"limit": 7}).json()["next_cursor"]
    urls += [f"/api/v1/events?limit=7&cursor={second_page}"]
    for url in urls:
        expected = plain.get(url)
        assert expected.status_code == 200, url
        for _ in range(2):  # the first answer is computed and kept, the second comes from the cache
            answer = cached.get(url)
            assert answer.status_code == 200, url
            assert answer.content == expected.content, url
    assert cached.app.state.reader.cache.sizes()["record"] > 0  # type: ignore[attr-defined]
    assert plain.app.state.reader.cache.sizes() == {kind: 0 for kind in CACHE_SIZES}  # type: ignore[attr-defined]


def test_a_write_empties_the_cache(served_db: Path, tmp_path: Path, extractor: Extractor) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(served_db, db)
    app = create_app(db, allow_ingest=True, token="s3cret", extractor=lambda: extractor)
    article = {"text": "The European Union imposed sanctions on Russia on Monday.", "published": "2024-03-06"}
    with TestClient(app) as client:

        def answers() -> dict[str, object]:
            return {
                "health": client.get("/api/v1/health").json(),
                "events": client.get("/api/v1/events", params={"limit": 200}).json(),
                "sanctions": client.get("/api/v1/events", params={"type": "SANCTION"}).json(),
                "by_type": client.get("/api/v1/stats", params={"by": "type"}).json()["counts"],
                "by_dyad": client.get("/api/v1/stats", params={"by": "dyad"}).json()["counts"],
                "eu": client.get("/api/v1/actors/Q458").json(),
                "eu_page": client.get("/actors/Q458").text,
                "actors": client.get("/api/v1/actors", params={"q": "european"}).json()["actors"],
            }

        before = answers()
        assert answers() == before  # now from the cache
        stored = client.post("/api/v1/articles", json=article, headers=TOKEN)
        assert stored.status_code == 201, stored.text
        [new] = stored.json()["events"]
        after = answers()

    assert after["health"]["articles"] == before["health"]["articles"] + 1  # type: ignore[index]
    assert after["health"]["events"] == before["health"]["events"] + 1  # type: ignore[index]
    assert after["events"]["total"] == before["events"]["total"] + 1  # type: ignore[index]
    assert new in [e["id"] for e in after["events"]["events"]]  # type: ignore[index]
    assert new in [e["id"] for e in after["sanctions"]["events"]]  # type: ignore[index]
    assert _count(after["by_type"], "SANCTION") == _count(before["by_type"], "SANCTION") + 1
    assert after["by_dyad"] != before["by_dyad"]
    eu_before, eu_after = before["eu"], after["eu"]
    assert eu_after["as_actor"] == eu_before["as_actor"] + 1  # type: ignore[index]
    assert new in [e["id"] for e in eu_after["events"]]  # type: ignore[index]
    assert _as_actor(eu_after["timeline"]) == _as_actor(eu_before["timeline"]) + 1  # type: ignore[index]
    assert new in str(after["eu_page"]) and new not in str(before["eu_page"])
    assert after["actors"][0]["as_actor"] == before["actors"][0]["as_actor"] + 1  # type: ignore[index]


def _count(rows: object, key: str) -> int:
    assert isinstance(rows, list)
    return sum(row["events"] for row in rows if row["key"] == key)


def _as_actor(timeline: list[dict[str, object]]) -> int:
    return sum(int(row["events"]) for row in timeline if row["role"] == "actor")  # type: ignore[call-overload]
