"""Storylines: the stories that tell of the same act by the same party, in time order (a store written by
a real `tidings ingest` of three releases of prisoners by Belarus months apart, one by Venezuela, a
rally of Belarusian exiles and two unrelated arrests by FBI agents)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from tests.conftest import ingested
from tidings.pipeline import Extractor
from tidings.serve import create_app
from tidings.store.story_query import StoryQuery, story_records
from tidings.store.storylines import storyline

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "store" / "storyline" / "articles.jsonl"
EXAMPLE = ROOT / "examples" / "belarus-pardon.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    path = tmp_path_factory.mktemp("storyline") / "news.duckdb"
    ingested(path, ARTICLES, EXAMPLE)
    return path


@pytest.fixture(scope="module")
def con(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(db), read_only=True) as connection:
        yield connection


def _stories(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each document's story id."""
    return {d: s["id"] for s in story_records(con, StoryQuery()) for d in s["documents"]}


def test_releases_months_apart_are_three_stories_of_one_storyline(con: duckdb.DuckDBPyConnection) -> None:
    story_of = _stories(con)
    releases = [story_of[d] for d in ("belarus-june", "belarus-september", "belarus-pardon")]
    assert len(set(releases)) == 3  # each release its own story: counted as three acts
    chain = storyline(con, story_of["belarus-pardon"])
    # in time order, the story itself among them; another government's release and a rally are not
    assert [s["id"] for s in chain] == releases
    assert [s["this"] for s in chain] == [False, False, True]
    assert [s["first_published"] for s in chain] == ["2025-06-22", "2025-09-12", "2025-12-13"]
    act = {"event_type": "RETREAT", "mode": "release", "country": "BLR", "sector": "GOV"}
    assert all(act in s["shared"] and s["weight"] > 0 for s in chain[:2])
    assert chain[0]["title"] == "Belarus frees 14 prisoners after visit by US envoy"
    # seen from the first release, the chain is the same
    assert [s["id"] for s in storyline(con, releases[0])] == releases


def test_another_government_release_is_not_in_the_storyline(con: duckdb.DuckDBPyConnection) -> None:
    story_of = _stories(con)
    venezuela = story_of["venezuela-release"]
    assert [s["id"] for s in storyline(con, venezuela)] == [venezuela]
    assert venezuela not in {s["id"] for s in storyline(con, story_of["belarus-pardon"])}


def test_the_same_act_by_the_same_party_about_other_things_is_no_storyline(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # two arrests by FBI agents a week apart, of other people in other states for other crimes: the same
    # act by the same party, but the stories share one name of those they are most about ("Justice"), not two
    story_of = _stories(con)
    ohio, texas = story_of["arrest-ohio"], story_of["arrest-texas"]
    assert ohio != texas
    assert [s["id"] for s in storyline(con, ohio)] == [ohio]
    assert [s["id"] for s in storyline(con, texas)] == [texas]


def test_a_storyline_keeps_the_heaviest_stories_and_knows_only_stored_ones(
    con: duckdb.DuckDBPyConnection,
) -> None:
    story_of = _stories(con)
    chain = storyline(con, story_of["belarus-pardon"], limit=1)
    assert len(chain) == 2 and chain[-1]["this"]
    assert storyline(con, "st_missing") == []


def test_the_api_and_the_story_page_show_the_storyline(db: Path, tmp_path: Path) -> None:
    served = tmp_path / "served.duckdb"  # a copy: this module's connection holds the store read-only
    shutil.copyfile(db, served)
    with TestClient(create_app(served)) as client:
        stories = client.get("/api/v1/stories", params={"limit": 50}).json()["stories"]
        story_of = {d: s["id"] for s in stories for d in s["documents"]}
        pardon = story_of["belarus-pardon"]
        chain = client.get(f"/api/v1/stories/{pardon}").json()["storyline"]
        assert [s["id"] for s in chain] == [
            story_of[d] for d in ("belarus-june", "belarus-september", "belarus-pardon")
        ]
        page = client.get(f"/stories/{pardon}").text
        assert 'id="storyline"' in page and f'href="/stories/{story_of["belarus-june"]}"' in page
        assert "RETREAT/release by BLR GOV" in page
        # a story alone in its storyline shows none
        assert 'id="storyline"' not in client.get(f"/stories/{story_of['venezuela-release']}").text
