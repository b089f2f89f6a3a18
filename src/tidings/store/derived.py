"""What the store keeps twice, for speed: columns computed at ingest from the rows of the other tables.

- `events.published`: the article's publication date.
- `events.rank_newest`, `events.rank_oldest`, `events.rank_within`: the event's place in the list of
  `tidings events` (newest first, or oldest first), as integers: the date, the publication date, the
  article and the evidence's start packed into one 123-bit number, then the trigger's start and the
  event's id. A page of events is then the first rows by two integer columns, which DuckDB finds
  without reading or sorting strings.
- `events.number`: the event id's 64-bit number, and `actors.event_number` the same: events are
  matched with their actors by an integer, not a string.
- `events.record`: the event as `tidings events --format jsonl` writes it (JSON text), so that a page
  of events is read from one column instead of being put together from five tables.
- `actors.event_type`, `actors.event_date`, `actors.certainty`, `actors.rank_newest`,
  `actors.rank_within`: the event's, so that an actor's figures and latest events need no join.
- the tables of `tidings.store.figures`: actors' figures, added to by each batch.

`copy_derived` fills them for the events of the articles just written (in the same transaction), or for
the whole store when a store of an earlier layout is upgraded.
"""

from __future__ import annotations

import json

import duckdb
import pyarrow as pa

from .figures import add_figures
from .ids import among_ids

__all__ = ["LAYOUT", "RANK_COLUMNS", "copy_derived", "record_json"]

LAYOUT = 5  # the layout of the derived columns; a store of another is filled again when opened
RANK_COLUMNS = {"newest": "rank_newest", "oldest": "rank_oldest"}
_CHUNK = 2000  # events whose records are put together at a time

# a date as days since 1600-01-01 in 18 bits (to 2317), missing dates last: 262143
_DAYS = "least(greatest({0} - DATE '1600-01-01', 0), 262142)"
_NEWEST = f"CASE WHEN {{0}} IS NULL THEN 262143 ELSE 262142 - {_DAYS} END"
_OLDEST = f"CASE WHEN {{0}} IS NULL THEN 262143 ELSE {_DAYS} END"
# an offset in 23 bits (texts are at most 5,000,000 characters), missing ones last
_OFFSET = "CASE WHEN {0} IS NULL OR {0} >= 8388607 THEN 8388607 ELSE greatest({0}, 0) END"
# a stored id ("sha256:" or "ev_" and 16 hex digits) as the 64-bit number of its digits, which sorts as
# the id does; an id of another form by its hash
_NUMBER = (
    "coalesce(CASE WHEN length({0}) = {1} + 16 THEN try_cast('0x' || substr({0}, {1} + 1) AS UBIGINT) END,"
    " hash({0}))"
)


def _rank(days: str) -> str:
    return (
        f"(({days.format('date')})::HUGEINT << 105) | (({days.format('published')})::HUGEINT << 87)"
        f" | ({_NUMBER.format('article_id', 7)}::HUGEINT << 23)"
        f" | ({_OFFSET.format('evidence_start')})::HUGEINT"
    )


_RANKS = (
    "evidence_folded = lower(evidence_sentence),"  # schema.SEARCH_COLUMNS
    f" number = {_NUMBER.format('id', 3)}, rank_newest = {_rank(_NEWEST)}, rank_oldest = {_rank(_OLDEST)},"
    f" rank_within = (({_OFFSET.format('trigger_start')})::HUGEINT << 64)"
    f" | {_NUMBER.format('id', 3)}::HUGEINT"
)


def copy_derived(con: duckdb.DuckDBPyConnection, article_ids: list[str] | None = None) -> None:
    """Fill the derived columns (see the module) for the events of these articles (of all when None)."""
    scope = "" if article_ids is None else " AND " + among_ids("{}")
    params = [] if article_ids is None else [article_ids]
    # each side of a join filtered in its own scan (store.ids), so that neither reads the whole table
    con.execute(
        "UPDATE events SET published = a.published FROM articles a"
        " WHERE a.id = events.article_id" + scope.format("a.id") + scope.format("events.article_id"),
        params * 2,
    )
    # the ranks read the event's own columns (published included, now set)
    con.execute(f"UPDATE events SET {_RANKS} WHERE true" + scope.format("article_id"), params)
    ids = [
        row[0]
        for row in con.execute(
            "SELECT id FROM events WHERE true" + scope.format("article_id"), params
        ).fetchall()
    ]
    con.execute(
        "UPDATE actors SET event_type = e.event_type, event_date = e.date, certainty = e.certainty,"
        " event_number = e.number, rank_newest = e.rank_newest, rank_within = e.rank_within"
        " FROM events e WHERE e.id = actors.event_id"
        + scope.format("e.id")
        + scope.format("actors.event_id"),
        [] if article_ids is None else [ids, ids],
    )
    for start in range(0, len(ids), _CHUNK):
        _write_records(con, ids[start : start + _CHUNK])
    add_figures(con, None if article_ids is None else ids)


def _write_records(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    from .query import assembled_records

    records = assembled_records(con, ids)
    table = pa.table(
        {"id": [r["id"] for r in records], "record": [record_json(r) for r in records]},
        schema=pa.schema([("id", pa.string()), ("record", pa.string())]),
    )
    con.register("event_records", table)
    try:
        con.execute("UPDATE events SET record = r.record FROM event_records r WHERE r.id = events.id")
    finally:
        con.unregister("event_records")


def record_json(record: dict[str, object]) -> str:
    """An event record as the API and `events.record` write it: compact JSON, not ASCII-escaped."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
