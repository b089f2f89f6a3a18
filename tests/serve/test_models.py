"""The API's models of an event are the declaration's (tidings.event_schema), OpenAPI documents them, and
the answers, written from the stored JSON without validation, are what the models say."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tidings.event_schema import EVENT, PARTS, Shape
from tidings.serve import create_app
from tidings.serve.models import EventDetail, EventModel, EventPage, RecordModel, model_of
from tidings.store.record_schema import RECORD, REPORT


@pytest.fixture(scope="module")
def client(served_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(served_db)) as client:
        yield client


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.name)
def test_the_models_are_the_declaration(part: object) -> None:
    from tidings.event_schema import Part

    assert isinstance(part, Part)
    model = model_of(part)
    declared = [f for f in part.fields if f.json]
    assert list(model.model_fields) == [f.name for f in declared]
    for field in declared:
        info = model.model_fields[field.name]
        assert info.description == field.doc
        assert info.is_required()
        nullable = type(None) in getattr(info.annotation, "__args__", ())
        assert nullable == field.nullable or field.shape is Shape.PARTS, field.name
    assert model_of(EVENT) is EventModel


def test_openapi_documents_the_event_fields(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert list(schemas["Event"]["properties"]) == [f.name for f in EVENT.fields if f.json]
    assert schemas["Event"]["properties"]["certainty"]["description"] == EVENT.field("certainty").doc
    assert schemas["Actor"]["properties"]["resolved_by"]["anyOf"] == [{"type": "string"}, {"type": "null"}]

    def answer(path: str) -> str:
        content = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        return str(content["schema"]["$ref"])

    assert answer("/api/v1/events") == "#/components/schemas/EventPage"
    assert answer("/api/v1/events/{event_id}") == "#/components/schemas/EventDetail"


def test_the_answers_are_what_the_models_say(client: TestClient) -> None:
    page = client.get("/api/v1/events", params={"limit": 200, "certainty": "all"}).json()
    EventPage.model_validate(page)
    assert page["events"]
    for event in page["events"]:
        detail = client.get(f"/api/v1/events/{event['id']}").json()
        EventDetail.model_validate(detail)


def test_the_records_are_the_declaration(client: TestClient) -> None:
    """A real-world event record's answer is what `tidings.store.record_schema.RECORD` declares, and
    OpenAPI documents it."""
    page = client.get("/api/v1/events", params={"limit": 200, "certainty": "all"}).json()
    record_ids = sorted({e["record_id"] for e in page["events"] if e["record_id"]})
    assert record_ids
    for record_id in record_ids:
        record = client.get(f"/api/v1/records/{record_id}").json()
        RecordModel.model_validate(record)
        assert list(record) == [f.name for f in RECORD.fields]
        assert all(list(r) == [f.name for f in REPORT.fields] for r in record["reports"])
    document = client.get("/api/v1/openapi.json").json()
    content = document["paths"]["/api/v1/records/{record_id}"]["get"]["responses"]["200"]["content"]
    assert content["application/json"]["schema"]["$ref"] == "#/components/schemas/Record"
    assert list(document["components"]["schemas"]["Record"]["properties"]) == [f.name for f in RECORD.fields]
