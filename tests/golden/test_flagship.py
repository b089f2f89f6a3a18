"""Golden test: the flagship article (examples/belarus-pardon.txt, published 2025-12-13).

The same rules that code every other article must produce these facts; nothing here is special-cased.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tidings.records import ArticleResult, Event

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "belarus-pardon.txt"
SEVEN = {"GBR", "USA", "LTU", "UKR", "LVA", "AUS", "JPN"}


@pytest.fixture(scope="module")
def result(run) -> ArticleResult:
    return run(EXAMPLE.read_text(encoding="utf-8"), published=date(2025, 12, 13), article_id="belarus-pardon")


@pytest.fixture(scope="module")
def release(result: ArticleResult) -> Event:
    found = [e for e in result.events if e.event_type == "RETREAT" and e.mode == "release" and e.size]
    assert found, [(e.event_type, e.mode, e.evidence.trigger) for e in result.events]
    return found[0]


def test_release_actor_is_lukashenko_of_belarus_government(release: Event) -> None:
    actor = release.actors[0]
    assert "Lukashenko" in (actor.name or "")
    assert (actor.country, actor.sector) == ("BLR", "GOV")
    assert actor.entity_id


def test_release_size_date_and_cameo(release: Event) -> None:
    assert release.size is not None
    assert (release.size.count, release.size.unit) == (123, "people")
    assert release.date == date(2025, 12, 13)
    assert release.cameo.startswith("084")


def test_release_recipients_are_the_seven_named_countries(release: Event) -> None:
    assert {r.country for r in release.recipients} == SEVEN


def test_release_is_attributed_to_belta_as_state_media(release: Event) -> None:
    assert release.attribution is not None
    assert "belta" in release.attribution.name.lower()
    assert release.attribution.kind == "state_media"
    assert release.certainty == "reported"


def test_us_sanctions_on_belarus(result: ArticleResult) -> None:
    sanctions = [
        e
        for e in result.events
        if e.event_type in ("SANCTION", "COERCE") and any(a.country == "USA" for a in e.actors)
    ]
    assert sanctions, [(e.event_type, e.evidence.trigger) for e in result.events]
    assert any(r.country == "BLR" for r in sanctions[0].recipients)


def test_release_is_linked_to_the_sanctions_relief(result: ArticleResult, release: Event) -> None:
    by_id = {e.id: e for e in result.events}
    partners = [by_id[link.event] for link in release.links if link.event in by_id]
    assert any("sanction" in e.evidence.sentence.lower() for e in partners), release.links


def test_running_total_is_checked(release: Event) -> None:
    checked = [f for f in release.flags if f.kind == "total_checked"]
    assert checked and "123 + 33 = 156" in checked[0].message


def test_spans_point_into_the_text(result: ArticleResult) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for event in result.events:
        lo, hi = event.evidence.span
        assert text[lo:hi] == event.evidence.sentence
        for ref in event.actors + event.recipients:
            assert text[ref.span[0] : ref.span[1]] == ref.text


def test_titles_inconsistent_with_the_date_are_flagged(result: ArticleResult, release: Event) -> None:
    messages = [f.message for f in release.flags if f.kind == "title_inconsistent"]
    assert any("Trump" in m and "former" in m for m in messages), release.flags
    sanctions = [e for e in result.events if e.event_type == "SANCTION" and e.actors]
    assert any("Biden" in f.message for e in sanctions for f in e.flags if f.kind == "title_inconsistent")
