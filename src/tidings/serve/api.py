"""The JSON API under /api/v1: events, actors, stats, articles, places, health, and (when allowed)
adding articles. Parameters are validated here, so a bad date or type gets a 422 naming it."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from tidings.codes import CERTAINTIES, EventType
from tidings.errors import InputError
from tidings.store.query import EventQuery, certainty_filter

from .models import EventDetail, EventPage
from .quick import QuickRoute
from .reader import PageKey, RawJSON, StoreReader, dumps

__all__ = [
    "MAX_PAGE",
    "Certainty",
    "api_router",
    "certainties",
    "event_filters",
    "ingest_refusal",
]

MAX_PAGE = 200  # events (or rows) per response at most
_CURSOR_CHARS = 500  # a cursor holds the key of a page's last event (ids, dates, offsets), well under this
Country = Annotated[str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO 3166 alpha-3 (or IGO, NGO)")]
Certainty = Annotated[
    str | None,
    Query(
        max_length=200,
        description="occurred (the default: asserted, reported, alleged, claimed, denied, promised), all"
        f" (planned, hypothetical and negated events too), or some of {', '.join(CERTAINTIES)} separated"
        " by commas",
    ),
]


# the dependencies are async: a sync one is run in the thread pool, a hop that cost each request about
# a millisecond of CPU, more than these take
async def reader(request: Request) -> StoreReader:
    return request.app.state.reader  # type: ignore[no-any-return]


async def event_filters(
    actor: Annotated[
        str | None, Query(max_length=200, description="Code (USA, USA/GOV, GOV), entity id or name")
    ] = None,
    recipient: Annotated[str | None, Query(max_length=200, description="As for actor")] = None,
    type: Annotated[EventType | None, Query(description="PLOVER event type")] = None,
    since: Annotated[dt.date | None, Query(description="Events on or after (YYYY-MM-DD)")] = None,
    until: Annotated[dt.date | None, Query(description="Events on or before (YYYY-MM-DD)")] = None,
    undated: Annotated[bool, Query(description="With since or until: events without a date too")] = False,
    country: Country = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the evidence or the title")] = None,
    certainty: Certainty = None,
) -> EventQuery:
    """The filters of `tidings events`, from query parameters."""
    return EventQuery(
        actor=actor or None,
        recipient=recipient or None,
        event_type=type.value if type else None,
        since=since,
        until=until,
        undated=undated,
        country=country or None,
        text=q or None,
        certainty=certainties(certainty),
    )


def certainties(value: str | None) -> tuple[str, ...] | None:
    """The certainties a `certainty` parameter asks for (a 422 naming the values when it is not one)."""
    try:
        return certainty_filter(value)
    except ValueError as error:
        raise HTTPException(422, f"certainty: {error}") from None


Filters = Annotated[EventQuery, Depends(event_filters)]
Reader = Annotated[StoreReader, Depends(reader)]


class ArticleIn(BaseModel):
    """An article to extract and store."""

    text: str = Field(min_length=1, max_length=5_000_000)
    id: str | None = Field(default=None, max_length=500)
    title: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = None
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=500)


def _cursor(key: PageKey, shown: int, sort: str) -> str:
    """The cursor of the page after the event whose key is `key`, `shown` events into the list."""
    payload = {"after": list(key), "shown": shown, "sort": sort}
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def _after(cursor: str | None, sort: str) -> tuple[PageKey | None, int]:
    """The key a cursor starts after and how many events came before its page ((None, 0): the first)."""
    if not cursor:
        return None, 0
    bad = HTTPException(422, "cursor: not a cursor this API returned")
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        rank, within = payload["after"]
        shown = payload["shown"]
        given_sort = payload["sort"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise bad from None
    numbers = (rank, within, shown)
    if not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n < 2**127 for n in numbers):
        raise bad
    if given_sort not in ("date_desc", "date_asc"):
        raise bad
    if given_sort != sort:
        raise HTTPException(422, f"cursor: a cursor of the {given_sort} list, not of {sort}")
    return (rank, within), shown


class Answer(JSONResponse):
    """A JSON answer written by `json.dumps` straight from the rows (dates in ISO format), without
    FastAPI's value-by-value encoding pass, which costs more than the queries for a page of events.
    Records kept as JSON text (`RawJSON`, alone or in a list, as a value of the answer's top level) are
    written as they are: the same bytes as the records parsed and written again."""

    def render(self, content: Any) -> bytes:
        if isinstance(content, dict) and any(_raw(value) for value in content.values()):
            fields = (f"{dumps(key)}:{_raw(value) or dumps(value)}" for key, value in content.items())
            return ("{" + ",".join(fields) + "}").encode("utf-8")
        return dumps(content).encode("utf-8")


def _raw(value: object) -> str | None:
    """The JSON of a `RawJSON` or of a non-empty list of them, as it is; None for other values."""
    if isinstance(value, RawJSON):
        return value
    if isinstance(value, list) and value and all(isinstance(item, RawJSON) for item in value):
        return "[" + ",".join(value) + "]"
    return None


# plain requests read without FastAPI's validation of parameters (tidings.serve.quick): the same values
api_router = APIRouter(default_response_class=Answer, route_class=QuickRoute)


@api_router.get("/health")
def health(store: Reader) -> Answer:
    """The store's counts; 200 while the store answers."""
    with store.session() as session:
        return Answer(
            {"status": "ok", "store": store.path.name, "read_only": not store.writable, **session.counts()}
        )


# typed models of the answers, made from the declaration of an event (tidings.serve.models), for the
# OpenAPI document: the answer is the stored JSON, not validated again (the models' docstring says why)
@api_router.get("/events", response_model=EventPage)
def events(
    store: Reader,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    cursor: Annotated[
        str | None, Query(max_length=_CURSOR_CHARS, description="next_cursor of the previous page")
    ] = None,
    sort: Annotated[str, Query(pattern="^(date_desc|date_asc)$")] = "date_desc",
) -> Answer:
    """Events that match, newest first (or oldest first), a page at a time."""
    after, shown = _after(cursor, sort)
    with store.session() as session:
        page = session.events_page(filters, after=after, limit=limit, oldest_first=sort == "date_asc")
    return Answer(
        {
            "total": page.total,
            "count": len(page.records),
            "events": page.records,
            "next_cursor": _cursor(page.next, shown + len(page.records), sort) if page.next else None,
        }
    )


@api_router.get("/events/{event_id}", response_model=EventDetail)
def event(store: Reader, event_id: str) -> Answer:
    """The event with its evidence, links both ways, flags and the articles that report it."""
    with store.session() as session:
        found = session.event(event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id}")
    return Answer(found)


@api_router.get("/actors")
def actors(
    store: Reader,
    q: Annotated[str | None, Query(max_length=200, description="Entity id or part of a name")] = None,
    country: Country = None,
    sector: Annotated[str | None, Query(pattern="^[A-Za-z]{3}$")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    certainty: Certainty = None,
) -> Answer:
    """Resolved actors that match, most events first (events of the certainties asked for)."""
    kept = certainties(certainty)
    with store.session() as session:
        found = session.actors(text=q, country=country, sector=sector, limit=limit, certainty=kept)
    return Answer({"actors": found})


@api_router.get("/actors/{entity_id:path}")
def actor(
    store: Reader,
    entity_id: str,
    period: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
    certainty: Certainty = None,
) -> Answer:
    """An actor's events by period and type, as actor and as recipient, and its main counterparts
    (events of the certainties asked for)."""
    kept = certainties(certainty)
    with store.session() as session:
        found = session.actor(entity_id, period=period, certainty=kept)
    if found is None:
        raise HTTPException(404, f"no actor {entity_id}")
    return Answer(found)


@api_router.get("/stats")
def stats(
    store: Reader,
    filters: Filters,
    by: Annotated[str, Query(pattern="^(day|week|month|type|country|dyad)$")] = "month",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
) -> Answer:
    """Counts of the matching events by day, week, month, type, country or dyad (with how many of a
    dyad's events are cooperative)."""
    with store.session() as session:
        return Answer({"by": by, "counts": session.stats(filters, by, limit=limit)})


@api_router.get("/places")
def places(store: Reader, filters: Filters, limit: Annotated[int, Query(ge=1, le=1000)] = 500) -> Answer:
    """Where the matching events happened: place, country, coordinates and event counts."""
    with store.session() as session:
        return Answer({"places": session.places(filters, limit=limit)})


@api_router.get("/articles/{article_id:path}")
def article(store: Reader, article_id: str) -> Answer:
    """The article's text and the spans of every event extracted from it."""
    with store.session() as session:
        found = session.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return Answer(found)


def ingest_refusal(
    allow_ingest: bool, token: str | None, authorization: str | None
) -> tuple[int, str] | None:
    """Why a request to add an article with this Authorization header is refused (status, message), or
    None when it is allowed: checked from the headers, before the body is read."""
    if not allow_ingest or token is None:
        return 403, "adding articles is off; start `tidings serve --allow-ingest` to allow it"
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), token.encode()):
        return 401, "a bearer token (TIDINGS_TOKEN) is required"
    return None


def _authorised(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    refused = ingest_refusal(request.app.state.allow_ingest, request.app.state.token, authorization)
    if refused is not None:
        status, message = refused
        raise HTTPException(status, message, {"WWW-Authenticate": "Bearer"} if status == 401 else None)


@api_router.post("/articles", status_code=201, dependencies=[Depends(_authorised)])
def add_article(request: Request, store: Reader, body: ArticleIn) -> dict[str, Any]:
    """Extract the article's events and store them (only with --allow-ingest and the bearer token)."""
    from tidings.engines.batch import Batch, code_batch
    from tidings.ingest import read_text_input
    from tidings.store.rows import stored_article_id
    from tidings.store.write import settle, write_shard

    try:
        article = read_text_input(
            body.text,
            origin="POST /api/v1/articles",
            article_id=body.id,
            title=body.title,
            published=body.published,
            url=body.url,
            source=body.source,
        )
    except InputError as error:
        raise HTTPException(422, str(error)) from None
    shard = code_batch(Batch(number=0, articles=(article,), articles_read=1), request.app.state.extractor())
    key = stored_article_id(article)
    with store.writer() as con:
        counts = write_shard(con, shard)
        settle(con)
        ids = [row[0] for row in con.execute("SELECT id FROM events WHERE article_id = ?", [key]).fetchall()]
    failures = shard.tables["failures"]
    if not counts.articles and not counts.already_stored and failures.num_rows:
        # its extraction failed: recorded in `failures` (as `tidings ingest` records it), and said here
        stage, reason = failures.column("stage")[0].as_py(), failures.column("reason")[0].as_py()
        raise HTTPException(422, f"POST /api/v1/articles: {stage} failed: {reason}")
    return {"article": key, "stored": bool(counts.articles), "events": ids}
