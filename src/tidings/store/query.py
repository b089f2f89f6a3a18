"""Asking the store for events: filters -> SQL, newest first, each event in the extract schema's layout.

Records are streamed from DuckDB in chunks, so a query over the whole store keeps memory flat.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from tidings.codes import CERTAINTIES, OCCURRED
from tidings.event_schema import ARTICLE, EVENT, Field

from .tables import EVENT_TABLES, child_fields, part_from_columns, part_sql, struct_sql

__all__ = [
    "EventQuery",
    "actor_codes",
    "assembled_records",
    "certainty_filter",
    "event_reader",
    "event_records",
    "event_sql",
    "events_by_ids",
    "matching_sql",
    "record",
]

FETCH_ROWS = 1000
_CODES = re.compile(r"(?P<country>[A-Za-z]{3})?(?:/(?P<sector>[A-Za-z]{3}))?")

_ARTICLE_COLUMNS = tuple(f.name for f in ARTICLE.fields if f.json)  # the record's `article`
_ARTICLE_STRUCT = struct_sql(ARTICLE, "a")
# the columns of `events` an event's record is put together from (`assembled_records`)
_EVENT_COLUMNS = tuple(c.name for c in EVENT_TABLES["events"] if c.name not in ("extract_id", "tense"))
_CHILDREN = child_fields()


def _list_sql(field: Field) -> str:
    """The SQL of a PARTS field's list for the event `e`, in order."""
    assert field.part is not None
    role = f" AND x.role = '{field.role}'" if field.role else ""
    return (
        f"(SELECT list({struct_sql(field.part, 'x')} ORDER BY x.position) FROM {field.table} x"
        f" WHERE x.event_id = e.id{role})"
    )


# the real-world event record and story of the event (tidings.store.records), decided at ingest
_IDENTITY = "(SELECT first(m.{0}) FROM record_members m WHERE m.event_id = e.id)"
_STORE_SQL = {
    "article": _ARTICLE_STRUCT,
    "record_id": _IDENTITY.format("record_id"),
    "story_id": _IDENTITY.format("story_id"),
}
_LISTS_SQL = {f.name: _list_sql(f) for fields in _CHILDREN.values() for f in fields}
_FROM = "FROM events e JOIN articles a ON a.id = e.article_id"
# every event's record, as `tidings.event_schema.EVENT` lays it out, from its columns (alias `e`), its
# article's (`a`) and its lists by correlated subqueries, which DuckDB joins once over the whole store;
# `assembled_records` builds the same in Python
_SELECT = (
    "SELECT\n    "
    + ",\n    ".join(
        part_sql(
            EVENT,
            "e",
            given={**{f.name: _list_sql(f) for fs in _CHILDREN.values() for f in fs}, **_STORE_SQL},
        )
    )
    + "\n"
    + _FROM
)
# newest first (dates, then publication dates, missing ones last); then by article id and, within an
# article, in text order: the order `rank_newest, rank_within` hold (tidings.store.derived)
_ORDER = " ORDER BY e.rank_newest, e.rank_within"
_LIST_FIELDS = ("actors", "recipients", "links", "flags", "context")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventQuery:
    """Which events to return; every filter given must hold. Empty: every event that occurred (by default
    `certainty` leaves out planned, hypothetical and negated events; None keeps them)."""

    actor: str | None = None  # a code in capitals (USA, USA/GOV, GOV), an entity id, or part of a name
    recipient: str | None = None
    event_type: str | None = None  # PLOVER root
    since: dt.date | None = None  # event date, inclusive
    until: dt.date | None = None
    undated: bool = False  # events without a date pass `since` and `until` too
    country: str | None = None  # an actor's, a recipient's or the location's country
    text: str | None = None  # words in the evidence sentence or the article's title
    certainty: tuple[str, ...] | None = OCCURRED  # certainties to return; None: every event
    limit: int | None = None


def certainty_filter(value: str | None) -> tuple[str, ...] | None:
    """`EventQuery.certainty` for what a user typed: `occurred` (and nothing: the default, the events the
    text reports as done), `all` (None), or certainty values separated by commas ("negated,planned").

    Raises ValueError naming the values when one is not a certainty."""
    words = [w.strip().lower() for w in (value or "occurred").split(",") if w.strip()]
    if words == ["all"]:
        return None
    if words in ([], ["occurred"]):
        return OCCURRED
    unknown = [w for w in words if w not in CERTAINTIES]
    if unknown:
        raise ValueError(
            f"{', '.join(unknown)}: not a certainty; use occurred (the default), all, or some of"
            f" {', '.join(CERTAINTIES)} separated by commas"
        )
    return tuple(c for c in CERTAINTIES if c in words)


def event_sql(query: EventQuery) -> tuple[str, list[object]]:
    """The SELECT of `query`'s events (newest first) in the extract layout, and its parameters."""
    where, params = _where(query)
    sql = _SELECT + where + _ORDER
    if query.limit is not None:
        sql += f" LIMIT {int(query.limit)}"
    return sql, params


def matching_sql(
    query: EventQuery,
    columns: str = "e.id",
    *,
    also: str = "",
    also_params: Sequence[object] = (),
    folded: bool = False,
) -> tuple[str, list[object]]:
    """`SELECT columns` of the events that match `query` (its limit aside) and the condition `also`
    (with its parameters), unordered, and the parameters: the events are `e`, their articles `a`
    (joined only when `columns` use them); no actor, link or flag lists are built. `folded`: the store
    has `events.evidence_folded` (schema.SEARCH_COLUMNS), which text search then reads."""
    where, params = _where(query, folded=folded)
    if also:
        where = f"{where} AND {also}" if where else f" WHERE {also}"
        params = [*params, *also_params]
    source = _FROM if "a." in columns else "FROM events e"
    return f"SELECT {columns} {source}{where}", params


def events_by_ids(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[dict[str, object]]:
    """The records (as `event_records` gives them) of the events with these ids, in the order given,
    leaving out ids not in the store: read from `events.record`, put together from the tables for an
    event without one."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return []
    marks = ", ".join("?" for _ in unique)
    found = dict(con.execute(f"SELECT id, record FROM events WHERE id IN ({marks})", unique).fetchall())
    missing = [i for i in unique if i in found and found[i] is None]
    by_id = {i: json.loads(r) for i, r in found.items() if r is not None}
    by_id.update((r["id"], r) for r in assembled_records(con, missing))
    identity = {
        event: (record, story)
        for event, record, story in con.execute(
            f"SELECT event_id, record_id, story_id FROM record_members WHERE event_id IN ({marks})", unique
        ).fetchall()
    }
    for ident, event in by_id.items():  # as `_IDENTITY` gives them (not kept in `events.record`)
        event["record_id"], event["story_id"] = identity.get(ident, (None, None))
    return [by_id[i] for i in unique if i in by_id]


def assembled_records(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[dict[str, object]]:
    """`events_by_ids`, put together from the tables: each is asked only for these events' rows, in
    plain queries DuckDB answers from its indexes (the layout of `_SELECT`)."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return []
    marks = ", ".join("?" for _ in unique)
    events = con.execute(f"SELECT {', '.join(_EVENT_COLUMNS)} FROM events WHERE id IN ({marks})", unique)
    rows = [dict(zip(_EVENT_COLUMNS, row, strict=True)) for row in events.fetchall()]
    if not rows:
        return []
    article_ids = list(dict.fromkeys(row["article_id"] for row in rows))
    article_marks = ", ".join("?" for _ in article_ids)
    found = con.execute(
        f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id IN ({article_marks})", article_ids
    ).fetchall()
    articles = {row[0]: row for row in found}
    lists: dict[tuple[object, str], list[tuple[int, dict[str, object]]]] = {}
    for table, fields in _CHILDREN.items():
        part = fields[0].part
        assert part is not None
        names = {f.role: f.name for f in fields}  # the list of a row, by its role ("" for none)
        columns = [c.name for c in EVENT_TABLES[table]]
        for found_row in con.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE event_id IN ({marks})", unique
        ).fetchall():
            row = dict(zip(columns, found_row, strict=True))
            item = part_from_columns(part, row)
            lists.setdefault((row["event_id"], names[row.get("role", "")]), []).append(
                (row["position"], item)
            )

    def listed(event_id: object, field: str) -> list[dict[str, object]] | None:
        items = lists.get((event_id, field))
        return [item for _, item in sorted(items, key=lambda pair: pair[0])] if items else None

    by_id = {}
    for e in rows:
        event_id = e["id"]
        given: dict[str, object] = {f.name: listed(event_id, f.name) for fs in _CHILDREN.values() for f in fs}
        given["article"] = dict(zip(_ARTICLE_COLUMNS, articles[e["article_id"]], strict=True))
        by_id[event_id] = record(part_from_columns(EVENT, e, given=given))
    return [by_id[i] for i in unique if i in by_id]


def _where(query: EventQuery, *, folded: bool = False) -> tuple[str, list[object]]:
    """The WHERE clause of the filters (empty without any) over `e` and `a`, and its parameters;
    `folded`: text search reads the lower-cased evidence (as ILIKE compares, without folding each row)."""
    where: list[str] = []
    params: list[object] = []
    # events are matched with their actors' rows by the integer `number` (tidings.store.derived)
    for role, value in (("actor", query.actor), ("recipient", query.recipient)):
        if value:
            condition, values = _actor_condition(value)
            where.append(
                f"e.number IN (SELECT x.event_number FROM actors x WHERE x.role = '{role}' AND ({condition}))"
            )
            params += values
    if query.event_type:
        where.append("e.event_type = ?")
        params.append(query.event_type.upper())
    or_undated = " OR e.date IS NULL" if query.undated else ""
    if query.since:
        where.append(f"(e.date >= ?{or_undated})")
        params.append(query.since)
    if query.until:
        where.append(f"(e.date <= ?{or_undated})")
        params.append(query.until)
    if query.country:
        where.append(
            "(e.location_country = ?"
            " OR e.number IN (SELECT x.event_number FROM actors x WHERE x.country = ?))"
        )
        params += [query.country.upper()] * 2
    if query.text:
        # the titles of the articles (few) first, then the evidence of every event: a full scan
        evidence = "e.evidence_folded LIKE lower(?)" if folded else "e.evidence_sentence ILIKE ?"
        where.append(f"({evidence} OR e.article_id IN (SELECT id FROM articles WHERE title ILIKE ?))")
        params += [f"%{query.text}%"] * 2
    if query.certainty is not None:
        where.append(
            f"e.certainty IN ({', '.join('?' for _ in query.certainty)})" if query.certainty else "false"
        )
        params += query.certainty
    return (" WHERE " + " AND ".join(where) if where else ""), params


def actor_codes(value: str) -> tuple[str, str, bool] | None:
    """What an actor filter asks of an actor's codes: (country, sector, True) for both (USA/GOV),
    (value, value, False) for either (USA, GOV); None for an entity id or a name (any other value)."""
    value = value.strip()
    codes = _CODES.fullmatch(value)
    if codes and value.isupper() and codes["country"] and codes["sector"]:
        return codes["country"], codes["sector"], True
    if codes and value.isupper():
        return value, value, False
    return None


def _actor_condition(value: str) -> tuple[str, list[object]]:
    """A code in capitals (USA, GOV, USA/GOV) matches codes; anything else an entity id or a name."""
    codes = actor_codes(value)
    if codes is not None:
        country, sector, both = codes
        return f"x.country = ? {'AND' if both else 'OR'} x.sector = ?", [country, sector]
    pattern = f"%{value.strip()}%"
    return "x.entity_id = ? OR x.name ILIKE ? OR x.text ILIKE ?", [value.strip(), pattern, pattern]


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
            yield record(row)


def record(row: dict[str, object]) -> dict[str, object]:
    """A row of the event query as a record: empty lists for none, dates in ISO format."""
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
