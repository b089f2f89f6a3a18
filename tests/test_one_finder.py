"""One finder per kind of mention: what `extract` puts in an event is what `annotate` shows.

Both run on the same articles; every attribution, time, place and actor an event carries must be the
mention `annotate` reports at the same span, resolved the same way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tidings.annotate import Annotated, Annotator, annotate_articles
from tidings.knowledge.gazetteer import load_gazetteer
from tidings.pipeline import Extractor, extract_articles
from tidings.records import ActorRef, Article, ArticleResult

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = [
    Article(
        id="flagship",
        text=(ROOT / "examples" / "belarus-pardon.txt").read_text(encoding="utf-8"),
        published=date(2025, 12, 13),
    ),
    Article(
        id="anchored",
        text=(
            "Rebels attacked an army base near Goma on Tuesday night, the army said. The next morning, "
            "government troops shelled rebel positions in North Kivu, according to Reuters. Later that day, "
            "the United Nations condemned the fighting. Congo's president said he would meet rebel leaders "
            "the following week."
        ),
        published=date(2024, 3, 8),
    ),
    Article(
        id="quarter",
        text=(
            "Police arrested 40 protesters in Caracas on Saturday, Venezuela's interior minister said. "
            "Opposition leaders accused the government of repression. On Christmas Day, troops had fired "
            "on marchers in Maracaibo, witnesses told reporters."
        ),
        published=date(2024, 1, 15),
    ),
]


@pytest.fixture(scope="module")
def both(extractor: Extractor) -> list[tuple[ArticleResult, Annotated]]:
    tools = Annotator(
        nlp=extractor.nlp, lexicon=extractor.lexicon, kb=extractor.kb, gazetteer=load_gazetteer()
    )
    extracted = list(extract_articles(ARTICLES, extractor))
    annotated = list(annotate_articles(ARTICLES, tools))
    assert sum(len(r.events) for r in extracted) >= 8
    return list(zip(extracted, annotated, strict=True))


def _mentions(annotated: Annotated, kind: str) -> list[dict[str, object]]:
    return [m.to_dict() for m in annotated.mentions if m.kind == kind]


def test_attributions_agree(both) -> None:
    checked = 0
    for result, annotated in both:
        shown = {tuple(m["source"]["span"]): m for m in _mentions(annotated, "attribution") if m["source"]}  # type: ignore[index]
        for event in result.events:
            said = event.attribution
            if said is None or said.span is None:
                continue
            mention = shown.get(said.span)
            assert mention is not None, f"{event.evidence.sentence!r}: {said.text!r} not shown by annotate"
            assert (mention["name"], mention["source_kind"], mention["country"]) == (
                said.name,
                said.kind,
                said.country,
            )
            checked += 1
    assert checked >= 3


def test_times_agree(both) -> None:
    checked = 0
    for result, annotated in both:
        times = _mentions(annotated, "time")
        for event in result.events:
            if event.date_text is None:
                continue
            lo, hi = event.evidence.span
            inside = [m for m in times if m["text"] == event.date_text and lo <= m["span"][0] < hi]  # type: ignore[index]
            assert inside, f"{event.date_text!r} of {event.evidence.sentence!r} not shown by annotate"
            assert event.date_value in {m["value"] for m in inside}
            checked += 1
    assert checked >= 4


def test_places_agree(both) -> None:
    checked = 0
    for result, annotated in both:
        places = {tuple(m["span"]): m for m in _mentions(annotated, "place")}  # type: ignore[arg-type]
        for event in result.events:
            where = event.location
            if where is None or where.span is None or where.span not in places:
                continue
            assert (places[where.span]["name"], places[where.span]["country"]) == (where.name, where.country)
            checked += 1
    assert checked >= 2


def _same_resolution(ref: ActorRef, mention: dict[str, object]) -> bool:
    return ref.resolution is not None and ref.resolution.method == mention["resolved_by"]


def test_actors_agree(both) -> None:
    """An actor resolved by the same rule is the same actor; a coding pass may resolve it further (the
    country of the place or of the article: `place_country`, `article_country`), and says so."""
    checked = 0
    for result, annotated in both:
        actors = {tuple(m["span"]): m for m in _mentions(annotated, "actor")}  # type: ignore[arg-type]
        for event in result.events:
            for ref in (*event.actors, *event.recipients):
                mention = actors.get(ref.span)
                if mention is None or not _same_resolution(ref, mention):
                    continue
                assert (mention["name"], mention["country"], mention["sector"], mention["entity_id"]) == (
                    ref.name,
                    ref.country,
                    ref.sector,
                    ref.entity_id,
                ), ref.text
                checked += 1
    assert checked >= 5
