"""Stories and real-world event records over HTTP: the JSON API (`/api/v1/stories`, `/api/v1/stories/{id}`,
`/api/v1/records/{id}`) and the pages (`/stories`, `/stories/{id}` with its timeline and storyline,
`/records/{id}` with every report and the values reports disagree on), over `tidings.store.story_query`,
`tidings.store.storylines` and `tidings.store.record_query`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from tidings.store.record_query import record_details
from tidings.store.story_query import StoryQuery, story_records
from tidings.store.storylines import storyline

from .api import MAX_PAGE, Answer, Reader
from .models import RecordModel
from .pages import templates
from .reader import Session

__all__ = ["identity_api", "identity_pages"]

MAX_OFFSET = 100_000
identity_api = APIRouter(default_response_class=Answer)
identity_pages = APIRouter(default_response_class=HTMLResponse)


def _stories(session: Session, limit: int, offset: int) -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        found = list(story_records(session.con, StoryQuery(limit=limit + offset)))[offset:]
        return [{k: v for k, v in story.items() if k != "articles"} | {"articles": len(story["articles"])}
                for story in found]  # fmt: skip

    return session.cache.fetch("figure", ("stories", limit, offset), compute)


def _story(session: Session, story_id: str) -> dict[str, Any] | None:
    def compute() -> dict[str, Any] | None:
        found = list(story_records(session.con, StoryQuery(story_ids=(story_id,))))
        if not found:
            return None
        story = found[0]
        story["timeline"] = record_details(session.con, [e["id"] for e in story["events"]])
        story["storyline"] = storyline(session.con, story_id)
        return story

    return session.cache.fetch("event", ("story", story_id), compute)


def _record(session: Session, record_id: str) -> dict[str, Any] | None:
    def compute() -> dict[str, Any] | None:
        found = record_details(session.con, [record_id])
        return found[0] if found else None

    return session.cache.fetch("event", ("record", record_id), compute)


@identity_api.get("/stories")
def stories(
    store: Reader,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Answer:
    """Stories, newest first (by their latest article): each with its documents, date, place, toll and
    its records in time order (summaries); `articles` counts its articles."""
    with store.session() as session:
        found = _stories(session, limit, offset)
    return Answer({"count": len(found), "offset": offset, "stories": found})


@identity_api.get("/stories/{story_id}")
def story(store: Reader, story_id: str) -> Answer:
    """A story with its articles and its timeline: every record in time order, with all its reports; and
    its storyline: the stories that tell of the same act by the same party (tidings.store.storylines), in
    time order, the story itself among them."""
    with store.session() as session:
        found = _story(session, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    return Answer(found)


@identity_api.get("/records/{record_id}", response_model=RecordModel)  # for OpenAPI (models.py)
def record(store: Reader, record_id: str) -> Answer:
    """A real-world event: its best-supported values, every report (article, outlet, evidence, values)
    and, per field, every value reported and who reported it; `conflicts` names the fields in dispute."""
    with store.session() as session:
        found = _record(session, record_id)
    if found is None:
        raise HTTPException(404, f"no record {record_id}")
    return Answer(found)


@identity_pages.get("/stories")
def stories_page(
    request: Request,
    store: Reader,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    limit = 50
    with store.session() as session:
        found = _stories(session, limit, offset)
    return templates.TemplateResponse(
        request,
        "stories.html",
        {"stories": found, "offset": offset, "next": offset + limit if len(found) == limit else None},
    )


@identity_pages.get("/stories/{story_id}")
def story_page(request: Request, store: Reader, story_id: str) -> HTMLResponse:
    with store.session() as session:
        found = _story(session, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    return templates.TemplateResponse(request, "story.html", {"story": found})


@identity_pages.get("/records/{record_id}")
def record_page(request: Request, store: Reader, record_id: str) -> HTMLResponse:
    with store.session() as session:
        found = _record(session, record_id)
    if found is None:
        raise HTTPException(404, f"no record {record_id}")
    return templates.TemplateResponse(request, "record.html", {"record": found})
