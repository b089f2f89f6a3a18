"""Asking the store for events: filters -> SQL, newest first, each event in the extract schema's layout.

Records are streamed from DuckDB in chunks, so a query over the whole store keeps memory flat.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
import pyarrow as pa

__all__ = ["EventQuery", "event_reader", "event_records", "event_sql"]

FETCH_ROWS = 1000
_CODES = re.compile(r"(?P<country>[A-Za-z]{3})?(?:/(?P<sector>[A-Za-z]{3}))?")

_ACTOR_STRUCT = (
    "struct_pack(text := x.text, span := [x.span_start, x.span_end], name := x.name, country := x.country, "
    "sector := x.sector, entity_id := x.entity_id, resolved_by := x.resolved_by)"
)
_SELECT = f"""
SELECT
    e.id, e.event_type, e.mode, e.context, e.cameo,
    (SELECT list({_ACTOR_STRUCT} ORDER BY x.position) FROM actors x
        WHERE x.event_id = e.id AND x.role = 'actor') AS actors,
    (SELECT list({_ACTOR_STRUCT} ORDER BY x.position) FROM actors x
        WHERE x.event_id = e.id AND x.role = 'recipient') AS recipients,
    e.date, e.date_text, e.date_value,
    CASE WHEN e.location_name IS NULL AND e.location_text IS NULL THEN NULL ELSE struct_pack(
        text := e.location_text, name := e.location_name, country := e.location_country) END AS location,
    CASE WHEN e.size_count IS NULL THEN NULL ELSE struct_pack(
        count := e.size_count, unit := e.size_unit, text := e.size_text) END AS size,
    CASE WHEN e.attribution_name IS NULL AND e.attribution_text IS NULL THEN NULL ELSE struct_pack(
        text := e.attribution_text, name := e.attribution_name, kind := e.attribution_kind,
        cue := e.attribution_cue, country := e.attribution_country) END AS attribution,
    e.certainty,
    struct_pack(sentence := e.evidence_sentence, span := [e.evidence_start, e.evidence_end],
        trigger := e.trigger, trigger_span := CASE WHEN e.trigger_start IS NULL THEN NULL
        ELSE [e.trigger_start, e.trigger_end] END) AS evidence,
    (SELECT list(struct_pack(relation := l.relation, event := l.target_id) ORDER BY l.position)
        FROM links l WHERE l.event_id = e.id) AS links,
    (SELECT list(struct_pack(kind := f.kind, message := f.message) ORDER BY f.position)
        FROM flags f WHERE f.event_id = e.id) AS flags,
    e.rule,
    struct_pack(id := a.id, input_id := a.input_id, title := a.title, published := a.published,
        url := a.url, source := a.source) AS article
FROM events e JOIN articles a ON a.id = e.article_id
"""
# newest first; within an article, in text order
_ORDER = (
    " ORDER BY e.date DESC NULLS LAST, a.published DESC NULLS LAST, a.id,"
    " e.evidence_start, e.trigger_start, e.id"
)
_LIST_FIELDS = ("actors", "recipients", "links", "flags", "context")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventQuery:
    """Which events to return; every filter given must hold. Empty: the whole store."""

    actor: str | None = None  # a code in capitals (USA, USA/GOV, GOV), an entity id, or part of a name
    recipient: str | None = None
    event_type: str | None = None  # PLOVER root
    since: dt.date | None = None  # event date, inclusive
    until: dt.date | None = None
    country: str | None = None  # an actor's, a recipient's or the location's country
    text: str | None = None  # words in the evidence sentence or the article's title
    limit: int | None = None


def event_sql(query: EventQuery) -> tuple[str, list[object]]:
    """The SELECT of `query`'s events (newest first) in the extract layout, and its parameters."""
    where: list[str] = []
    params: list[object] = []
    for role, value in (("actor", query.actor), ("recipient", query.recipient)):
        if value:
            condition, values = _actor_condition(value)
            where.append(
                "EXISTS (SELECT 1 FROM actors x WHERE x.event_id = e.id"
                f" AND x.role = '{role}' AND ({condition}))"
            )
            params += values
    if query.event_type:
        where.append("e.event_type = ?")
        params.append(query.event_type.upper())
    if query.since:
        where.append("e.date >= ?")
        params.append(query.since)
    if query.until:
        where.append("e.date <= ?")
        params.append(query.until)
    if query.country:
        where.append(
            "(e.location_country = ?"
            " OR EXISTS (SELECT 1 FROM actors x WHERE x.event_id = e.id AND x.country = ?))"
        )
        params += [query.country.upper()] * 2
    if query.text:
        where.append("(e.evidence_sentence ILIKE ? OR a.title ILIKE ?)")
        params += [f"%{query.text}%"] * 2
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + _ORDER
    if query.limit is not None:
        sql += f" LIMIT {int(query.limit)}"
    return sql, params


def _actor_condition(value: str) -> tuple[str, list[object]]:
    """A code in capitals (USA, GOV, USA/GOV) matches codes; anything else an entity id or a name."""
    value = value.strip()
    codes = _CODES.fullmatch(value)
    if codes and value.isupper() and codes["country"] and codes["sector"]:
        return "x.country = ? AND x.sector = ?", [codes["country"], codes["sector"]]
    if codes and value.isupper():
        return "x.country = ? OR x.sector = ?", [value, value]
    pattern = f"%{value}%"
    return "x.entity_id = ? OR x.name ILIKE ? OR x.text ILIKE ?", [value, pattern, pattern]


def event_reader(con: duckdb.DuckDBPyConnection, query: EventQuery) -> pa.RecordBatchReader:
    """The events of `query` as Arrow record batches (nested columns), streamed."""
    sql, params = event_sql(query)
    relation = con.sql(sql, params=params)
    assert relation is not None
    return relation.to_arrow_reader(FETCH_ROWS)


def event_records(con: duckdb.DuckDBPyConnection, query: EventQuery) -> Iterator[dict[str, object]]:
    """The events of `query` as dicts in the layout of `tidings extract` (ids as stored), each with its
    `article` (`id`, `input_id`, `title`, `published`, `url`, `source`)."""
    for batch in event_reader(con, query):
        for row in batch.to_pylist():
            yield _record(row)


def _record(row: dict[str, object]) -> dict[str, object]:
    for key in _LIST_FIELDS:
        if row[key] is None:
            row[key] = []
    for key in ("date",):
        value = row[key]
        row[key] = value.isoformat() if isinstance(value, dt.date) else value
    article = row["article"]
    assert isinstance(article, dict)
    if isinstance(article.get("published"), dt.date):
        article["published"] = article["published"].isoformat()
    return row
