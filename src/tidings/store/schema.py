"""The store: one DuckDB file with a table per record kind, opened and created in one place.

Tables: `articles` (one row per distinct text), `events` (every field of the extract schema, flat),
`actors` (actors and recipients, `role` says which, in order), `links`, `flags` and `failures`; those of
events as `tidings.event_schema` declares them (`tidings.store.tables`). Anyone
can query the file with DuckDB, pandas or polars without Tidings.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tidings.errors import TidingsError

from .derived import LAYOUT, copy_derived
from .faults import describe
from .figures import FIGURES_DDL
from .stories import (
    IDENTITY_VERSION,
    PLACE_VOTES,
    STORIES_DDL,
    identity_outdated,
    link_pending,
    relink_outdated,
    settle_stories,
    unsettled_parts,
)
from .tables import EVENT_TABLES, create_table
from .transaction import transaction

__all__ = [
    "DDL",
    "DERIVED_COLUMNS",
    "OFFLINE",
    "SEARCH_COLUMNS",
    "WRITER_SETTINGS",
    "has_search_columns",
    "open_store",
]

# the derived columns (tidings.store.derived), added since the first stores: `_upgrade` adds them to a
# store that lacks them
DERIVED_COLUMNS = {
    "events": (
        ("number", "UBIGINT"),
        ("published", "DATE"),
        ("rank_newest", "HUGEINT"),
        ("rank_oldest", "HUGEINT"),
        ("rank_within", "HUGEINT"),
        ("record", "VARCHAR"),
    ),
    "actors": (
        ("event_type", "VARCHAR"),
        ("event_date", "DATE"),
        ("certainty", "VARCHAR"),
        ("event_number", "UBIGINT"),
        ("rank_newest", "HUGEINT"),
        ("rank_within", "HUGEINT"),
    ),
}


# columns of extraction's output added since the first stores (left empty in the events stored before)
RECORDED_COLUMNS = {
    "events": tuple((c.name, c.sql) for c in EVENT_TABLES["events"] if c.name in ("trail", "confidence")),
    # the day a report says its happening happened (stories fall back on `lead_date` where it is null);
    # whether the report names its place's region (stories anchor their place's state on it where true);
    # the weekdays its lead names (identity compares them for reports without a date; null: none known)
    # every town a report names as its place, with its votes (a story weighs them all; null: its winner)
    "article_facts": (
        ("event_day", "DATE"),
        ("region_named", "BOOLEAN"),
        ("lead_weekdays", "UTINYINT"),
        ("places", PLACE_VOTES),
    ),
}


# columns that only make reading quicker, added to a store that lacks them when it is opened for writing
# (filled from its own columns) and kept by each batch (`tidings.store.derived`); a store without them is
# still read, more slowly (`tidings.serve` says so), and not upgraded for them when opened to be read
SEARCH_COLUMNS = {"events": (("evidence_folded", "VARCHAR", "lower(evidence_sentence)"),)}


DDL = (
    """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,       -- sha256: + 16 hex digits of the text
    input_id VARCHAR NOT NULL,    -- the id the input gave (JSONL id, file stem, ...)
    origin VARCHAR,               -- the file (or file:line) it was first read from
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    published DATE,
    text VARCHAR NOT NULL
);
"""
    # the tables of events as tidings.event_schema declares them, then the columns added since
    + create_table("events", (*DERIVED_COLUMNS["events"], *((c, t) for c, t, _ in SEARCH_COLUMNS["events"])))
    + create_table("actors", DERIVED_COLUMNS["actors"])
    + create_table("links")
    + create_table("flags")
    + """CREATE TABLE IF NOT EXISTS layout (
    version INTEGER NOT NULL      -- of the derived columns (tidings.store.derived.LAYOUT)
);
CREATE TABLE IF NOT EXISTS failures (
    record_id VARCHAR NOT NULL,   -- the input (file, file:line) or article that failed
    stage VARCHAR NOT NULL,       -- ingest or extract
    reason VARCHAR NOT NULL,
    PRIMARY KEY (record_id, stage, reason)
);
-- an event's rows in the other tables, an article's events and an actor's rows, found without a scan
CREATE INDEX IF NOT EXISTS actors_event_id ON actors (event_id);
CREATE INDEX IF NOT EXISTS links_event_id ON links (event_id);
CREATE INDEX IF NOT EXISTS links_target_id ON links (target_id);
CREATE INDEX IF NOT EXISTS flags_event_id ON flags (event_id);
CREATE INDEX IF NOT EXISTS events_article_id ON events (article_id);
CREATE INDEX IF NOT EXISTS actors_entity_id ON actors (entity_id);
"""
    + FIGURES_DDL  # actors' figures (tidings.store.figures)
    + STORIES_DDL  # stories (tidings.store.stories)
)


# DuckDB would fetch an extension from the network to open some files (a SQLite database): not Tidings
OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

# What a writer of the store sets (docs/identity.md, "Cost"): no vacuum at its checkpoints. DuckDB's
# vacuum merges a table's small row groups into the one before them once they fit in fewer, reading every
# row of them into memory: `articles` with its texts and `article_profiles` whole at some checkpoints, a
# jump of the RSS that grew with the store (225 MiB at 15,664 articles linked; with it on again at stop
# 23, bench/identity_cost.py --memory-only 1.48 against 1.13). The price is the file: without the
# vacuum each checkpoint leaves every table a row group none merges (304 MiB against 211 for 12,000
# articles written by bench/write_cost.py, at the same CPU time), and the rows that linking deletes stay
# in it; `store.write._compact` writes those tables again whole once their file holds twice their live
# rows. A `memory_limit` low enough to bound DuckDB's cache of blocks (64 MB) made an ingest fail, so
# none is set.
WRITER_SETTINGS: dict[str, object] = {"max_vacuum_tasks": 0}


def open_store(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at `path`, created with its tables unless `read_only`; a writer's
    connection has `WRITER_SETTINGS`.

    Raises `TidingsError` when the file is missing (read-only), locked by another process or not a
    DuckDB database.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise TidingsError(f"{path}: no such store (create it with `tidings ingest --db {path} ...`)")
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=dict(OFFLINE))
    except duckdb.Error as error:  # damaged, truncated, foreign, locked, unwritable: one line
        raise describe(path, error) from None
    con.execute("SET enable_progress_bar = false")  # DuckDB's own bar, on a long upgrade, is not ours
    if not read_only:
        for name, value in WRITER_SETTINGS.items():
            con.execute(f"SET {name} = '{value}'")
        if _has_events(con):
            con.execute(DDL)
            _add_search_columns(con)
            _upgrade(con)
            _relink_outdated(con)
            _link_unlinked(con)
            _settle_unsettled(con)
        else:  # a new store: its tables and layout in one transaction
            con.execute(
                f"BEGIN TRANSACTION; {DDL} INSERT INTO layout VALUES ({LAYOUT});"
                f" INSERT INTO identity_layout VALUES ({IDENTITY_VERSION}); COMMIT"
            )
    elif _needs_upgrade(con):
        # a store written before `events.published`: upgraded once, then opened as asked
        con.close()
        try:
            open_store(path).close()
        except TidingsError as error:
            raise TidingsError(
                f"{path}: written by an older Tidings and cannot be upgraded here ({error}); open it once"
                " with write access (`tidings ingest --db ...`)"
            ) from None
        return open_store(path, read_only=True)
    return con


def has_search_columns(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store holds `SEARCH_COLUMNS`."""
    present = _columns(con)
    return all((table, column) in present for table, added in SEARCH_COLUMNS.items() for column, *_ in added)


def _columns(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_catalog = current_database() AND table_schema = 'main'"
    ).fetchall()
    return {(table, column) for table, column in rows}


def _add_search_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Add the `SEARCH_COLUMNS` a store lacks and fill them, in one transaction."""
    present = _columns(con)
    missing = [
        (table, column, kind, value)
        for table, added in SEARCH_COLUMNS.items()
        for column, kind, value in added
        if (table, column) not in present
    ]
    if not missing:
        return
    with transaction(con):
        for table, column, kind, value in missing:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            con.execute(f"UPDATE {table} SET {column} = {value}")


def _missing(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(table, column, type) of the added columns the store lacks (none for a store of another kind)."""
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_catalog = current_database() AND table_schema = 'main'"
    ).fetchall()
    present = {(table, column) for table, column in rows}
    tables = {table for table, _ in present}
    return [
        (table, column, kind)
        for table, added in (*RECORDED_COLUMNS.items(), *DERIVED_COLUMNS.items())
        if table in tables
        for column, kind in added
        if (table, column) not in present
    ]


def _layout(con: duckdb.DuckDBPyConnection) -> int | None:
    """The layout of the store's derived columns (None for a store without them or not of Tidings)."""
    # fetchall: a result left unfinished (fetchone) would block the next relation on `con`
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables"
        " WHERE table_catalog = current_database() AND table_name = 'layout'"
    ).fetchall()
    if not found[0][0]:
        return None
    version = con.execute("SELECT max(version) FROM layout").fetchall()[0][0]
    return int(version) if version is not None else None


def _has_events(con: duckdb.DuckDBPyConnection) -> bool:
    tables = con.execute(
        "SELECT count(*) FROM information_schema.tables"
        " WHERE table_catalog = current_database() AND table_name = 'events'"
    ).fetchall()
    return bool(tables[0][0])


def _needs_upgrade(con: duckdb.DuckDBPyConnection) -> bool:
    if not _has_events(con):
        return False  # not a store: the queries will say so
    return bool(_missing(con)) or _layout(con) != LAYOUT or _unlinked(con) or identity_outdated(con)


def _unlinked(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether some stored article has no story yet (a store written before stories)."""
    tables = con.execute(
        "SELECT count(*) FROM information_schema.tables"
        " WHERE table_catalog = current_database() AND table_name = 'article_profiles'"
    ).fetchall()
    if not tables[0][0]:
        return True
    pending = con.execute(
        "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM article_profiles)"
    ).fetchall()
    return bool(pending[0][0])


def _relink_outdated(con: duckdb.DuckDBPyConnection) -> None:
    """Link every article again, in one transaction, when the identity tables are of another version
    (tidings.store.stories.IDENTITY_VERSION)."""
    if not identity_outdated(con):
        return
    with transaction(con):
        relink_outdated(con)


def _link_unlinked(con: duckdb.DuckDBPyConnection) -> None:
    """Put the articles of a store written before stories into stories, in one transaction."""
    if not _unlinked(con):
        return
    with transaction(con):
        link_pending(con)


def _settle_unsettled(con: duckdb.DuckDBPyConnection) -> None:
    """Decide the provisional stories a run killed between its batches left (tidings.store.stories)."""
    if not unsettled_parts(con):
        return
    with transaction(con):
        settle_stories(con)


def _upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a store written by an earlier Tidings to this layout, its derived columns filled in one
    transaction (for a new store: nothing to fill)."""
    if not _needs_upgrade(con):
        return
    with transaction(con):
        for table, column, kind in _missing(con):
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        copy_derived(con)
        con.execute("DELETE FROM layout")
        con.execute("INSERT INTO layout VALUES (?)", [LAYOUT])
