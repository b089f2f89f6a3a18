"""Writing shards into the store: one transaction per write (one batch's shard or several), each text
and failure stored once.

A write is either wholly in the store or not at all, so a run killed at any moment and started again
ends with the same rows as a run never interrupted. Articles already stored (by an earlier run or an
earlier batch) are left out with their events.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from tidings.store.blocks import drop_cached_blocks
from tidings.store.check import stored_rows
from tidings.store.derived import copy_derived
from tidings.store.rows import TABLE_NAMES, Shard
from tidings.store.stories import link_articles, settle_stories, unsettled_parts
from tidings.store.transaction import transaction

__all__ = ["REWRITTEN_TABLES", "StoredCounts", "settle", "stored_article_ids", "write_shard", "write_shards"]

_BY_EVENT = ("actors", "links", "flags")
# the tables whose rows linking deletes and writes again (tidings.store.stories, records): their deleted
# rows stay in the file, since a writer's checkpoints do not vacuum (schema.WRITER_SETTINGS), until the
# table is written again whole (`_compact`), once the file holds more than twice its live rows and more
REWRITTEN_TABLES = ("story_parts", "story_members", "record_members")
_SLACK = 10_000  # than this many besides


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredCounts:
    """What one write added: articles and events stored, articles left out as already there, failures."""

    articles: int = 0
    already_stored: int = 0
    events: int = 0
    failures: int = 0


def stored_article_ids(con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    """Those of `ids` that are already in the store."""
    if not ids:
        return set()
    rows = con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    return {row[0] for row in rows}


def write_shard(con: duckdb.DuckDBPyConnection, shard: Shard, *, stories: bool = True) -> StoredCounts:
    """Store the shard's rows in one transaction; returns what was added. `stories=False` leaves the new
    articles out of stories (bench/identity_cost.py measures ingest without them; the store links them
    when next opened)."""
    return write_shards(con, [shard], stories=stories)[0]


def write_shards(
    con: duckdb.DuckDBPyConnection,
    shards: Sequence[Shard],
    *,
    stories: bool = True,
    checkpoint: bool = False,
) -> list[StoredCounts]:
    """Store the rows of `shards` in one transaction, shard after shard (each shard's articles linked to
    the store as it is with the shards before it), as `write_shard` stores each; returns what each
    added. `checkpoint` checkpoints the store after the commit, which frees what DuckDB holds in memory
    for the writes since the last one: the indexes it loaded (a batch's inserts, whose keys are content
    hashes, load nearly all of each) and the table blocks not yet in the file (docs/reliability.md)."""
    with transaction(con):
        added = [_insert(con, shard, stories=stories) for shard in shards]
    if not _compact(con) and checkpoint:  # (a table written again was checkpointed already)
        _checkpoint(con)
    drop_cached_blocks(con)
    return added


def _insert(con: duckdb.DuckDBPyConnection, shard: Shard, *, stories: bool) -> StoredCounts:
    """Insert the shard's new rows and link its articles, in the caller's transaction."""
    tables, known = _new_rows(con, shard.tables)
    for name in TABLE_NAMES:
        table = tables[name]
        if table.num_rows == 0:
            continue
        con.register("shard_rows", table)
        # the same bad input fails again on every run: keep its first failure
        ignore = " OR IGNORE" if name == "failures" else ""
        con.execute(f"INSERT{ignore} INTO {name} BY NAME SELECT * FROM shard_rows")
        con.unregister("shard_rows")
    if tables["events"].num_rows:
        copy_derived(con, tables["articles"].column("id").to_pylist())
    if stories:  # stories and records (tidings.store.stories)
        link_articles(con, tables["articles"].column("id").to_pylist())
    return StoredCounts(
        articles=tables["articles"].num_rows,
        already_stored=known,
        events=tables["events"].num_rows,
        failures=tables["failures"].num_rows,
    )


def settle(con: duckdb.DuckDBPyConnection, *, checkpoint: bool = False) -> int:
    """Decide exactly, in one transaction, the stories of the large parts whose newest articles joined
    stories provisionally (`tidings.store.stories.LARGE_PART`); returns how many parts. An ingest does it
    every few batches and at its end; a store left with such parts (a run killed in between) is settled
    when next opened for writing. `checkpoint` checkpoints the store after it (as `write_shards`), whether
    or not there was a part to settle."""
    if not unsettled_parts(con):
        if checkpoint:
            _checkpoint(con)
            drop_cached_blocks(con)  # the blocks the checkpoint read
        return 0
    with transaction(con):
        parts = settle_stories(con)
    if not _compact(con) and checkpoint:
        _checkpoint(con)
    drop_cached_blocks(con)
    return parts


def _new_rows(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> tuple[dict[str, pa.Table], int]:
    """The rows of the articles not stored yet, and how many were stored already."""
    known = stored_article_ids(con, tables["articles"].column("id").to_pylist())
    if not known:
        return tables, 0
    known_ids = pa.array(sorted(known), type=pa.string())
    out = dict(tables)
    out["articles"] = tables["articles"].filter(
        pc.invert(pc.is_in(tables["articles"].column("id"), known_ids))
    )
    out["events"] = tables["events"].filter(
        pc.invert(pc.is_in(tables["events"].column("article_id"), known_ids))
    )
    event_ids = out["events"].column("id")
    for name in _BY_EVENT:
        out[name] = tables[name].filter(pc.is_in(tables[name].column("event_id"), event_ids))
    return out, len(known)


def _compact(con: duckdb.DuckDBPyConnection) -> bool:
    """Write again, whole and in one transaction, each of the tables linking rewrites whose file holds
    more than twice its live rows (and `_SLACK` more): its live rows are copied aside, all its rows
    deleted (a row group with no live row is dropped at the next checkpoint, vacuum or not) and the
    live ones written back in the same order; then the store is checkpointed (returns whether it was).
    Its rows and indexes are as before. Without the checkpoint the deleted rows stay counted until
    DuckDB's own checkpoint (at 16 MB of log), each batch till then writes the table again, and the
    copies share row groups that never empty: 99,891 rows of `story_parts` were held for 20,000 live
    after a 20,000-article ingest."""
    compacted = False
    for table, (live, held) in stored_rows(con, REWRITTEN_TABLES).items():
        if held <= 2 * live + _SLACK:
            continue
        compacted = True
        with transaction(con):
            con.execute(f"CREATE TEMP TABLE live_rows AS SELECT * FROM {table}")
            con.execute(f"DELETE FROM {table}")
            con.execute(f"INSERT INTO {table} SELECT * FROM live_rows")
            con.execute("DROP TABLE live_rows")
    if compacted:
        _checkpoint(con)
    return compacted


def _checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    # another cursor's transaction is open: DuckDB's own checkpoint, later; a failure to write (a full
    # disk) is raised, as the write's would be
    with contextlib.suppress(duckdb.TransactionException):
        con.execute("CHECKPOINT")
