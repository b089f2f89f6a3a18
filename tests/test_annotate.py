"""`tidings annotate`: the library on small texts, and the command through its real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tidings.annotate import Annotated, Annotator, annotate_articles
from tidings.knowledge.gazetteer import load_gazetteer
from tidings.pipeline import Extractor
from tidings.records import Article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "belarus-pardon.txt"


@pytest.fixture(scope="module")
def annotate(extractor: Extractor):
    tools = Annotator(
        nlp=extractor.nlp, lexicon=extractor.lexicon, kb=extractor.kb, gazetteer=load_gazetteer()
    )

    def _annotate(text: str, published: date | None = None) -> Annotated:
        return next(annotate_articles([Article(id="t", text=text, published=published)], tools))

    return _annotate


def _by_kind(result: Annotated, kind: str) -> dict[str, dict[str, object]]:
    return {m.text: m.to_dict() for m in result.mentions if m.kind == kind}


def test_every_kind_of_mention(annotate) -> None:
    text = "The Kremlin said on Monday that 40 soldiers were killed in Donetsk."
    result = annotate(text, date(2024, 3, 4))
    actors, times = _by_kind(result, "actor"), _by_kind(result, "time")
    places, quantities = _by_kind(result, "place"), _by_kind(result, "quantity")
    attributions = _by_kind(result, "attribution")
    assert actors["The Kremlin"]["country"] == "RUS"
    assert actors["The Kremlin"]["sector"] == "GOV"
    assert actors["40 soldiers"]["sector"] == "MIL"
    assert actors["40 soldiers"]["resolved_by"] == "sector_noun"
    assert times["Monday"]["value"] == "2024-03-04"
    assert places["Donetsk"]["country"] == "UKR"
    assert places["Donetsk"]["gazetteer_id"] == "geonames:709717"
    assert abs(float(str(places["Donetsk"]["lat"])) - 48.0) < 0.1
    assert quantities["40 soldiers"]["count"] == 40
    assert quantities["40 soldiers"]["unit"] == "people"
    said = attributions["The Kremlin said"]
    assert said["source"] == {"text": "The Kremlin", "span": [0, 11]}
    assert said["cue"] == {"text": "said", "span": [12, 16]}
    assert said["content"] == {"text": "that 40 soldiers were killed in Donetsk", "span": [27, 66]}


def test_spans_are_the_texts(annotate) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    result = annotate(text, date(2025, 12, 13))
    assert result.mentions
    for m in (*result.mentions, *result.flags):
        assert text[m.span[0] : m.span[1]] == m.text
    starts = [m.span[0] for m in result.mentions]
    assert starts == sorted(starts)


def test_capital_as_actor_and_as_place(annotate) -> None:
    result = annotate("Minsk said the protests in Minsk were illegal.", date(2024, 1, 1))
    kinds = [(m.kind, m.span) for m in result.mentions if m.text == "Minsk"]
    assert kinds == [("actor", (0, 5)), ("place", (27, 32))]
    assert _by_kind(result, "actor")["Minsk"]["resolved_by"] == "capital_metonym"


@pytest.mark.slow
def test_annotate_json_on_the_flagship_article() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tidings.cli",
            "annotate",
            "--published",
            "2025-12-13",
            "--format",
            "json",
            str(EXAMPLE),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["article"]["id"] == "belarus-pardon"
    assert doc["article"]["published"] == "2025-12-13"
    actors = {m["text"]: m for m in doc["mentions"] if m["kind"] == "actor"}
    lukashenko = actors["Belarusian President Alexander Lukashenko"]
    assert (lukashenko["country"], lukashenko["sector"], lukashenko["resolved_by"]) == (
        "BLR",
        "GOV",
        "person_in_office",
    )
    assert actors["Minsk"]["resolved_by"] == "capital_metonym"
    assert actors["the state-controlled Belta news agency"]["name"] == "BelTA"
    named = [m for m in actors.values() if m["name"]]
    assert all(m["country"] and m["sector"] for m in named)
    times = [m for m in doc["mentions"] if m["kind"] == "time"]
    assert {"text": "Saturday", "value": "2025-12-13"}.items() <= times[0].items()
    quantities = {m["count"] for m in doc["mentions"] if m["kind"] == "quantity"}
    assert {123, 33} <= quantities
    sources = [m["source"]["text"] for m in doc["mentions"] if m["kind"] == "attribution"]
    assert "the state-controlled Belta news agency" in sources
    assert {f["text"] for f in doc["flags"]} == {
        "former U.S. President Donald Trump",
        "the Biden administration",
    }


@pytest.mark.slow
def test_annotate_table_reads_stdin() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tidings.cli", "annotate", "--published", "2024-03-06", "-"],
        input="Rebels attacked an army base in Goma on Monday.",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Goma" in done.stdout and "COD" in done.stdout
    assert "2024-03-04" in done.stdout
    assert "REB" in done.stdout


def test_time_expressions_take_the_tense_of_their_clause(annotate) -> None:
    text = "The minister said on Friday that she will meet the envoy on Tuesday."
    times = _by_kind(annotate(text, date(2025, 12, 13)), "time")  # a Saturday
    # the Friday before the publication date, the Tuesday after it
    assert {t: m["value"] for t, m in times.items()} == {"Friday": "2025-12-12", "Tuesday": "2025-12-16"}
