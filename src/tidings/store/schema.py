"""The store: one DuckDB file with a table per record kind, opened and created in one place.

Tables: `articles` (one row per distinct text), `events` (every field of the extract schema, flat),
`actors` (actors and recipients, `role` says which, in order), `links`, `flags` and `failures`. Anyone
can query the file with DuckDB, pandas or polars without Tidings.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tidings.errors import TidingsError

__all__ = ["DDL", "open_store"]

DDL = """
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
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,       -- ev_ + 16 hex digits of the article id and the extracted id
    article_id VARCHAR NOT NULL,
    extract_id VARCHAR NOT NULL,  -- the id `tidings extract` prints for the same event
    event_type VARCHAR NOT NULL,
    mode VARCHAR,
    context VARCHAR[],
    cameo VARCHAR,
    date DATE,
    date_text VARCHAR,
    date_value VARCHAR,           -- TIMEX3 value of date_text (a day, or a coarser period)
    location_text VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    size_count BIGINT,
    size_unit VARCHAR,
    size_text VARCHAR,
    attribution_text VARCHAR,
    attribution_name VARCHAR,
    attribution_kind VARCHAR,
    attribution_cue VARCHAR,
    attribution_country VARCHAR,
    certainty VARCHAR,
    evidence_sentence VARCHAR,
    evidence_start INTEGER,
    evidence_end INTEGER,
    trigger VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    rule VARCHAR,
    tense VARCHAR
);
CREATE TABLE IF NOT EXISTS actors (
    event_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,        -- actor or recipient
    position SMALLINT NOT NULL,   -- order within the role
    text VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    name VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    entity_id VARCHAR,
    resolved_by VARCHAR
);
CREATE TABLE IF NOT EXISTS links (
    event_id VARCHAR NOT NULL,
    position SMALLINT NOT NULL,
    relation VARCHAR NOT NULL,
    target_id VARCHAR NOT NULL    -- another event of the same article
);
CREATE TABLE IF NOT EXISTS flags (
    event_id VARCHAR NOT NULL,
    position SMALLINT NOT NULL,
    kind VARCHAR NOT NULL,
    message VARCHAR
);
CREATE TABLE IF NOT EXISTS failures (
    record_id VARCHAR NOT NULL,   -- the input (file, file:line) or article that failed
    stage VARCHAR NOT NULL,       -- ingest or extract
    reason VARCHAR NOT NULL,
    PRIMARY KEY (record_id, stage, reason)
);
-- an event's rows in the other tables, and an article's events, found without a scan
CREATE INDEX IF NOT EXISTS actors_event_id ON actors (event_id);
CREATE INDEX IF NOT EXISTS links_event_id ON links (event_id);
CREATE INDEX IF NOT EXISTS links_target_id ON links (target_id);
CREATE INDEX IF NOT EXISTS flags_event_id ON flags (event_id);
CREATE INDEX IF NOT EXISTS events_article_id ON events (article_id);
"""


def open_store(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at `path`, created with its tables unless `read_only`.

    Raises `TidingsError` when the file is missing (read-only), locked by another process or not a
    DuckDB database.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise TidingsError(f"{path}: no such store (create it with `tidings ingest --db {path} ...`)")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        reason = "in use by another process" if "lock" in str(error).lower() else "cannot open"
        raise TidingsError(f"{path}: {reason} ({str(error).splitlines()[0]})") from None
    except duckdb.Error as error:
        raise TidingsError(f"{path}: not a Tidings store ({str(error).splitlines()[0]})") from None
    if not read_only:
        con.execute(DDL)
    return con
