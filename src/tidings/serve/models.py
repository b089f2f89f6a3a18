"""The API's typed models of an event, made with pydantic from the declaration of its fields
(tidings.event_schema): each declared JSON field a typed field with its meaning, so that
/api/v1/openapi.json documents what an event holds.

The routes declare them as their `response_model` and answer with the stored JSON as it is
(`tidings.serve.api.Answer`): FastAPI does not validate an answer that is already a response, so the
models cost nothing per request (bench/api_costs.py), and tests/serve/test_models.py checks that the
answers are what they say.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, create_model
from pydantic import Field as Described

from tidings.event_schema import ARTICLE, EVENT, Field, Part, Shape
from tidings.store.record_schema import RECORD

__all__ = ["EventDetail", "EventModel", "EventPage", "LinkedEvent", "RecordModel", "Report", "model_of"]

_MODELS: dict[str, type[BaseModel]] = {}


def model_of(part: Part) -> type[BaseModel]:
    """The pydantic model of a part's JSON record (store-only fields too), named by the part."""
    name = "".join(word.capitalize() for word in part.name.split("_"))
    if name not in _MODELS:
        fields: dict[str, Any] = {
            field.name: (_annotation(field), Described(description=field.doc))
            for field in part.fields
            if field.json
        }
        _MODELS[name] = create_model(
            name,
            __config__=ConfigDict(extra="forbid"),
            __doc__=part.doc[:1].upper() + part.doc[1:] + ".",
            **fields,
        )
    return _MODELS[name]


def _annotation(field: Field) -> Any:
    kind: Any
    if field.shape is Shape.SPAN:
        kind = tuple[int, int]
    elif field.shape is Shape.VALUES:
        kind = list[str]
    elif field.shape is Shape.PART:
        assert field.part is not None
        kind = model_of(field.part)
    elif field.shape is Shape.PARTS:
        assert field.part is not None
        kind = list[model_of(field.part)]  # type: ignore[misc]
    elif field.shape is Shape.MAPPING:
        assert field.part is not None
        kind = dict[str, list[model_of(field.part)]]  # type: ignore[misc]
    else:
        kind = field.type
    return kind | None if field.nullable else kind


EventModel = model_of(EVENT)
RecordModel = model_of(RECORD)  # a real-world event record (tidings.store.record_schema)
_ArticleModel = model_of(ARTICLE)


class EventPage(BaseModel):
    """A page of events, newest first (or oldest first)."""

    total: int = Described(description="events that match")
    count: int = Described(description="events on this page")
    events: list[EventModel]  # type: ignore[valid-type]
    next_cursor: str | None = Described(description="the cursor of the next page; null on the last")


class LinkedEvent(BaseModel):
    """An event linked to this one, either way, in brief."""

    direction: str = Described(description="to: this event's link; from: the other event's")
    relation: str = Described(description=EVENT.field("links").part.field("relation").doc)  # type: ignore[union-attr]
    id: str
    event_type: str | None = None
    mode: str | None = None
    date: str | None = None
    trigger: str | None = None
    sentence: str | None = None
    certainty: str | None = None


class Report(_ArticleModel):  # type: ignore[valid-type,misc]
    """An article that reports the event; `event`: its event, for the reports of other articles."""

    event: str | None = None


class EventDetail(EventModel):  # type: ignore[valid-type,misc]
    """An event with the events it is linked to (both ways) and the articles that report it (its own
    first)."""

    linked: list[LinkedEvent]
    reports: list[Report]
