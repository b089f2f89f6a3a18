"""Real-world event records in the store: each stored event (a mention) in exactly one record.

A record groups the mentions of one act within one story (tidings.link.records); whenever a story changes
at ingest, its records are grouped again, in the batch's transaction. `record_members` holds, for each
event, its record and story; what a record says (its reports, the values each gives, the best-supported
ones, conflicts) is put together when asked (tidings.store.record_query).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import duckdb
import pyarrow as pa

from tidings.link.casualties import size_status
from tidings.link.records import (
    Mention,
    actor_name_key,
    group_mentions,
    named_period,
    names_a_day,
    record_id_of,
)

from .ids import among_ids

__all__ = ["RECORDS_DDL", "group_records", "write_changed"]

# links of an article that tell two of its events apart: a part of a total, two sides of an exchange
DISTINCT_RELATIONS = ("adds_to_total", "in_exchange_for", "in_response_to", "condition_of", "follows")

RECORDS_DDL = """
CREATE TABLE IF NOT EXISTS record_members (
    event_id VARCHAR NOT NULL,    -- a stored event (one mention of an act)
    record_id VARCHAR NOT NULL,   -- rec_ + 16 hex digits of its smallest event id
    story_id VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS record_members_event ON record_members (event_id);
CREATE INDEX IF NOT EXISTS record_members_record ON record_members (record_id);
CREATE INDEX IF NOT EXISTS record_members_story ON record_members (story_id);
"""


def _names(actors: list[dict[str, str | None]] | None) -> frozenset[str]:
    """The surnames of the people among an event's actors or recipients
    (tidings.link.records.actor_name_key)."""
    return frozenset(
        key for a in actors or () if (key := actor_name_key(a["text"], a["name"], a["resolved"]))
    )


def group_records(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> int:
    """Group again the events of these articles (whole stories: the caller passes every article of the
    stories that changed) into records; returns how many records."""
    if not article_ids:
        return 0
    # the events' ids first, then their rows: filters in the scans (store.ids), not joins that read all
    # of events and actors
    event_ids = [
        row[0]
        for row in con.execute(
            f"SELECT id FROM events WHERE {among_ids('article_id')}", [article_ids]
        ).fetchall()
    ]
    rows = con.execute(
        f"""
        SELECT e.id, e.article_id, m.story_id, e.event_type, e.certainty, e.mode, e.date,
               e.date_text, e.date_value, e.location_name, e.location_country,
               list(x.entity_id) FILTER (WHERE x.role = 'actor' AND x.entity_id IS NOT NULL),
               list(x.country) FILTER (WHERE x.role = 'actor' AND x.country IS NOT NULL),
               list(coalesce(x.entity_id, x.country)) FILTER (WHERE x.role = 'recipient'),
               e.size_count, e.size_unit, e.trigger,
               list(struct_pack(text := x.text, name := x.name, resolved := x.resolved_by))
                   FILTER (WHERE x.role = 'actor'),
               list(struct_pack(text := x.text, name := x.name, resolved := x.resolved_by))
                   FILTER (WHERE x.role = 'recipient'),
               (SELECT list(l.target_id) FROM links l WHERE l.event_id = e.id
                  AND l.relation IN (SELECT unnest($relations::VARCHAR[])))
               || (SELECT coalesce(list(l.event_id), []) FROM links l WHERE l.target_id = e.id
                  AND l.relation IN (SELECT unnest($relations::VARCHAR[])))
        FROM events e
        JOIN story_members m ON m.article_id = e.article_id
        LEFT JOIN (SELECT * FROM actors WHERE {among_ids("event_id", "$events")}) x ON x.event_id = e.id
        WHERE {among_ids("e.id", "$events")}
        GROUP BY ALL
        """,
        {"events": event_ids, "relations": list(DISTINCT_RELATIONS)},
    ).fetchall()
    by_story: dict[str, list[Mention]] = defaultdict(list)
    for row in rows:
        ident, article, story, kind, certainty, mode, day, named, value, place, country, ents, ctrs = row[:13]
        recs, count, unit, trigger, people, targets, distinct = row[13:]
        countries = frozenset(ctrs or ())
        whom = size_status(kind, mode, trigger) or unit
        by_story[story].append(
            Mention(
                event_id=ident,
                article_id=article,
                event_type=kind,
                certainty=certainty or "asserted",
                mode=mode,
                date=day,
                date_named=names_a_day(named),
                period=named_period(value) if named else None,
                place=place,
                place_country=country,
                actors=frozenset(ents or ()) | countries,
                actor_countries=countries,
                actor_names=_names(people),
                recipient_names=_names(targets),
                recipients=frozenset(r for r in recs or () if r),
                size=(whom, count) if count is not None and whom else None,
                distinct=frozenset(d for d in distinct or () if d),
            )
        )
    events, records, stories = [], [], []
    for story in sorted(by_story):
        for group in group_mentions(by_story[story]):
            record = record_id_of(group)
            events += group
            records += [record] * len(group)
            stories += [story] * len(group)
    stored = con.execute(
        f"SELECT event_id, record_id, story_id FROM record_members WHERE {among_ids('event_id')}",
        [event_ids],
    ).fetchall()
    write_changed(con, "record_members", stored, list(zip(events, records, stories, strict=True)))
    return len(set(records))


def write_changed(
    con: duckdb.DuckDBPyConnection,
    table: str,
    stored: Sequence[tuple[str, ...]],
    rows: Sequence[tuple[str, ...]],
) -> list[str]:
    """Make the rows of `table` whose first column (its key) is one of `stored`'s or `rows`' equal to
    `rows`, writing only what changed: the rows of a key whose rows differ are deleted, and its new rows
    inserted; a key whose rows are the same is not touched. `stored` are the table's rows of those keys
    as they are, columns in the table's order. Returns the keys written (sorted).

    Linking groups every member of each story a batch touches again; writing them all back would delete
    and insert thousands of unchanged rows a batch, which DuckDB's vacuum then rewrites (docs/identity.md,
    "Cost")."""
    before: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    after: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for row in stored:
        before[row[0]].append(tuple(row))
    for row in rows:
        after[row[0]].append(tuple(row))
    changed = sorted(k for k in before.keys() | after.keys() if sorted(before[k]) != sorted(after[k]))
    if not changed:
        return []
    columns = [name for name, *_ in con.execute(f"DESCRIBE {table}").fetchall()]
    gone = [k for k in changed if k in before]
    if gone:
        con.execute(f"DELETE FROM {table} WHERE {columns[0]} IN (SELECT unnest(?::VARCHAR[]))", [gone])
    new = [row for k in changed for row in after[k]]
    if new:
        data = pa.table({name: [row[i] for row in new] for i, name in enumerate(columns)})
        con.register("changed_rows", data)
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM changed_rows")
        finally:
            con.unregister("changed_rows")
    return changed
