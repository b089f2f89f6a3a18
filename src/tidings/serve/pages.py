"""The web UI: server-rendered pages over the same queries as the API; the network and the map draw
their SVG in the browser from the API (static/network.js, static/map.js)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from tidings.codes import CERTAINTIES, CONFLICTUAL, COOPERATIVE, EVENT_TYPES, OCCURRED
from tidings.store.query import EventQuery

from .api import _CURSOR_CHARS, MAX_PAGE, Certainty, Reader, _after, _cursor, certainties, event_filters
from .reader import event_spans, parsed

__all__ = ["certainty_field", "marked_segments", "pages_router", "safe_url", "type_colour"]

templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")


def type_colour(event_type: str) -> str:
    """Cooperative types in greens and blues, conflictual ones in reds and oranges."""
    if event_type in COOPERATIVE:
        return f"hsl({110 + 18 * COOPERATIVE.index(event_type)}, 55%, 42%)"
    index = CONFLICTUAL.index(event_type) if event_type in CONFLICTUAL else 0
    return f"hsl({45 - 5 * index}, 85%, {62 - 3 * index}%)"


def safe_url(url: object) -> str | None:
    """`url` when it is an http(s) address, the only kind a page links to; None for anything else
    ("javascript:...", "data:...", relative paths), which the page shows as text."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def certainty_field(certainty: tuple[str, ...] | None) -> str | None:
    """The `certainty` form field and query parameter of a filter (None for the default)."""
    if certainty == OCCURRED:
        return None
    return "all" if certainty is None else ",".join(certainty)


templates.env.globals.update(
    safe_url=safe_url,
    certainties=CERTAINTIES,
    type_colour=type_colour,
    event_types=EVENT_TYPES,
    cooperative=COOPERATIVE,
    conflictual=CONFLICTUAL,
    urlencode=urlencode,
)
pages_router = APIRouter(default_response_class=HTMLResponse)
Filters = Annotated[EventQuery, Depends(event_filters)]


def _form(query: EventQuery) -> dict[str, str]:
    """The filters as the list page's form fields (and query string)."""
    fields = {
        "actor": query.actor,
        "recipient": query.recipient,
        "type": query.event_type,
        "since": query.since.isoformat() if query.since else None,
        "until": query.until.isoformat() if query.until else None,
        "country": query.country,
        "q": query.text,
        "certainty": certainty_field(query.certainty),
    }
    return {k: v for k, v in fields.items() if v}


@pages_router.get("/")
def events_page(
    request: Request,
    store: Reader,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    cursor: Annotated[str | None, Query(max_length=_CURSOR_CHARS)] = None,
    sort: Annotated[str, Query(pattern="^(date_desc|date_asc)$")] = "date_desc",
) -> HTMLResponse:
    after, shown = _after(cursor, sort)
    with store.session() as session:
        page = session.events_page(filters, after=after, limit=limit, oldest_first=sort == "date_asc")
        by_type = session.stats(replace(filters, event_type=None), "type", limit=len(EVENT_TYPES))
    form = _form(filters)
    end = shown + len(page.events)
    return templates.TemplateResponse(
        request,
        "events.html",
        {
            "page": page,
            "form": form,
            "by_type": by_type,
            "sort": sort,
            "first": shown + 1,
            "last": end,
            "next": urlencode({**form, "sort": sort, "cursor": _cursor(page.next, end, sort)})
            if page.next
            else None,
            "resort": urlencode({**form, "sort": "date_asc" if sort == "date_desc" else "date_desc"}),
        },
    )


@pages_router.get("/events/{event_id}")
def event_page(request: Request, store: Reader, event_id: str) -> HTMLResponse:
    with store.session() as session:
        event = session.event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id}")
        article = session.article(event["article"]["id"])
    assert article is not None
    spans = event_spans(event, article["text"])
    return templates.TemplateResponse(
        request,
        "event.html",
        {"event": event, "article": article, "segments": marked_segments(article["text"], spans)},
    )


@pages_router.get("/actors")
def actors_page(
    request: Request,
    store: Reader,
    q: Annotated[str | None, Query(max_length=200)] = None,
    certainty: Certainty = None,
) -> HTMLResponse:
    kept = certainties(certainty)
    with store.session() as session:
        found = session.actors(text=q, country=None, sector=None, limit=100, certainty=kept)
    form = {"q": q or "", "certainty": certainty_field(kept)}
    return templates.TemplateResponse(request, "actors.html", {"actors": found, "form": form})


@pages_router.get("/actors/{entity_id:path}")
def actor_page(request: Request, store: Reader, entity_id: str, certainty: Certainty = None) -> HTMLResponse:
    kept = certainties(certainty)
    with store.session() as session:
        actor = session.actor(entity_id, certainty=kept)
    if actor is None:
        raise HTTPException(404, f"no actor {entity_id}")
    return templates.TemplateResponse(
        request,
        "actor.html",
        {
            "form": {"certainty": certainty_field(kept)},
            "actor": actor,
            "timelines": {role: _timeline(actor["timeline"], role) for role in ("actor", "recipient")},
            "recent": parsed(actor["events"]),
            "received": parsed(actor["events_as_recipient"]),
        },
    )


@pages_router.get("/types.css")
def type_styles() -> Response:
    """The colour of each event type, as classes (`t-ASSAULT`): the pages carry no inline style, which
    the Content-Security-Policy forbids."""
    rules = [f".t-{t} {{ border-color: {type_colour(t)}; }}" for t in EVENT_TYPES]
    return Response(
        "\n".join(rules) + "\n", media_type="text/css", headers={"Cache-Control": "max-age=86400"}
    )


@pages_router.get("/api/v1/docs")
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI over the OpenAPI document, from the npm package swagger-ui-dist (no CDN)."""
    return templates.TemplateResponse(request, "api_docs.html", {})


@pages_router.get("/network")
def network_page(request: Request, filters: Filters) -> HTMLResponse:
    return templates.TemplateResponse(request, "network.html", {"form": _form(filters)})


@pages_router.get("/map")
def map_page(request: Request, filters: Filters) -> HTMLResponse:
    return templates.TemplateResponse(request, "map.html", {"form": _form(filters)})


def _timeline(rows: list[dict[str, Any]], role: str) -> dict[str, Any]:
    """Stacked bars: for each period, its events of `role` by type, with the largest period's total."""
    periods: dict[str, dict[str, int]] = {}
    for row in rows:
        if row["role"] == role:
            periods.setdefault(row["period"], {})[row["event_type"]] = row["events"]
    top = max((sum(types.values()) for types in periods.values()), default=0)
    return {"periods": periods, "top": top}


def marked_segments(text: str, spans: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """`text` cut at every span boundary: (piece, CSS classes of the spans covering it), so overlapping
    marks (a recipient holding a size) nest without breaking the HTML."""
    cuts = {0, len(text)}
    for span in spans:
        start, end = span["span"]
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    edges = sorted(cuts)
    segments = []
    for lo, hi in zip(edges, edges[1:], strict=False):
        kinds = sorted({s["kind"] for s in spans if s["span"][0] <= lo and hi <= s["span"][1]})
        segments.append((text[lo:hi], " ".join(f"m-{k}" for k in kinds)))
    return segments
