"""The declaration of an event's fields (tidings.event_schema) is complete, and what is made from it
reads back what it wrote."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import re
import typing
from pathlib import Path
from types import ModuleType

import pytest

from tidings.event_schema import ACTOR, CSV, EVENT, PARTS, PLOVER, Part, Shape, attribute_type
from tidings.records import (
    ActorRef,
    Attribution,
    Event,
    Evidence,
    Flag,
    Link,
    Location,
    Resolution,
    Size,
)


def full_event(**changes: object) -> Event:
    """An event with every field set (what the store does not keep at its default)."""
    actor = ActorRef(
        text="Belarusian President Alexander Lukashenko",
        span=(0, 41),
        name="Alexander Lukashenko",
        country="BLR",
        sector="GOV",
        entity_id="tidings:person:alexander-lukashenko",
        resolution=Resolution(method="person_in_office"),
    )
    event = Event(
        id="ev_3de80fe3d673f71e",
        article_id="belarus-pardon",
        event_type="RETREAT",
        mode="release",
        context=("legal", "military"),
        cameo="0841",
        actors=(actor,),
        recipients=(
            ActorRef(text="the United Kingdom", span=(660, 678), country="GBR"),
            ActorRef(text="Japan", span=(737, 742), name="Japan", country="JPN", sector="CVL"),
        ),
        date=dt.date(2025, 12, 13),
        date_text="on Saturday",
        date_value="2025-12-13",
        location=Location(text="in Minsk", name="Minsk", country="BLR"),
        size=Size(count=123, unit="people", text="123 foreign nationals"),
        attribution=Attribution(
            text="the state-controlled Belta news agency",
            name="BelTA",
            kind="state_media",
            cue="according to",
        ),
        certainty="reported",
        evidence=Evidence(
            sentence="Lukashenko released 123.", span=(0, 266), trigger="releasing", trigger_span=(73, 82)
        ),
        links=(Link(relation="in_exchange_for", event="ev_94f65bc2dcf48f90"),),
        flags=(Flag(kind="total_checked", message="123 + 33 = 156, as the article states"),),
        rule="release.persons",
        tense="present",
        trail=("pattern:release.persons", "recode"),
        confidence=0.875,
    )
    return dataclasses.replace(event, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.name)
def test_every_attribute_is_declared_with_its_type(part: Part) -> None:
    """Adding a field to a record without declaring it (or declaring one it lacks) fails here."""
    attributes = {f.name for f in dataclasses.fields(part.record)}
    declared = {f.attr for f in part.fields if f.attr is not None}
    assert declared == attributes, f"declare in tidings.event_schema.{part.name.upper()}"
    hints = typing.get_type_hints(part.record)
    for field in part.fields:
        kind = attribute_type(field)
        if field.attr is not None and kind is not None:
            assert hints[field.attr] == kind, field.name
    names = [f.name for f in part.fields]
    assert len(names) == len(set(names))


def test_parts_and_columns_are_declared_whole() -> None:
    for part in PARTS:
        for field in part.fields:
            assert (field.part is not None) == (field.shape in (Shape.PART, Shape.PARTS)), field.name
            assert bool(field.sql) == bool(field.columns), field.name
            assert bool(field.table) == (field.shape is Shape.PARTS), field.name
    columns = [c for f in EVENT.fields for c in f.columns]
    assert len(columns) == len(set(columns))


@pytest.mark.parametrize(
    "event",
    [
        full_event(),
        full_event(location=None, size=None, attribution=None, mode=None, date=None, confidence=None),
        full_event(actors=(), recipients=(), links=(), flags=(), context=(), trail=(), tense="past"),
        full_event(evidence=Evidence(sentence="x", span=(0, 1))),
    ],
)
def test_the_json_record_reads_back(event: Event) -> None:
    record = json.loads(json.dumps(event.to_dict()))
    assert Event.from_row(record, article_id=event.article_id, tense=event.tense) == event
    assert [k for k in record] == [f.name for f in EVENT.json_fields]


def test_the_json_record_is_the_declared_one() -> None:
    record = full_event().to_dict()
    assert list(record) == [
        "id", "event_type", "mode", "context", "cameo", "actors", "recipients", "date", "date_text",
        "date_value", "location", "size", "attribution", "certainty", "evidence", "links", "flags", "rule",
        "trail", "confidence",
    ]  # fmt: skip
    assert record["actors"] == [
        {
            "text": "Belarusian President Alexander Lukashenko",
            "span": [0, 41],
            "name": "Alexander Lukashenko",
            "country": "BLR",
            "sector": "GOV",
            "entity_id": "tidings:person:alexander-lukashenko",
            "resolved_by": "person_in_office",
        }
    ]
    assert record["evidence"] == {
        "sentence": "Lukashenko released 123.",
        "span": [0, 266],
        "trigger": "releasing",
        "trigger_span": [73, 82],
    }
    assert record["size"] == {"count": 123, "unit": "people", "text": "123 foreign nationals"}
    assert record["date"] == "2025-12-13"


def test_from_row_needs_the_article() -> None:
    with pytest.raises(ValueError, match="article_id"):
        Event.from_row(full_event().to_dict())


def _declared(path: str) -> bool:
    """Whether a dotted path of JSON names (with list indices) names a declared field."""
    part: Part | None = EVENT
    for name in path.split("."):
        if name.isdigit():
            continue
        if part is None:
            return False
        field = part.field(name)
        part = field.part
    return True


def test_exports_name_declared_fields() -> None:
    for column in CSV:
        assert all(_declared(p) for p in column.paths), column.name
    for key in PLOVER:
        assert all(_declared(p) for p in key.paths), key.key


def _script(name: str) -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_doc_is_current() -> None:
    """docs/schema.md's table of declared fields is the declaration's (`python scripts/schema_fields.py`)."""
    fields = _script("schema_fields")
    assert fields.DOC.read_text(encoding="utf-8") == fields.current_doc(), (
        "run python scripts/schema_fields.py"
    )


def _prose_fields(doc: str, heading: str) -> set[str]:
    """The field names in the first column of the table under `heading`."""
    table = doc.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`(\w+)`", row.split("|")[1])}


def test_the_prose_explains_every_declared_field() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "schema.md").read_text(encoding="utf-8")
    assert _prose_fields(doc, "An event") == {f.name for f in EVENT.json_fields}
    assert _prose_fields(doc, "An actor") == {f.name for f in ACTOR.json_fields}
