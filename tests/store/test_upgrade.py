"""A store written before the derived columns (`tidings.store.derived`) is upgraded the first time it is
opened, for writing or for reading, and reads back the same events."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tidings.store.query import EventQuery, event_records
from tidings.store.schema import DDL, DERIVED_COLUMNS, open_store

from .test_certainty import marked  # noqa: F401  (the module's store, reused)


def _as_before(source: Path, path: Path) -> None:
    """A copy of `source` in the layout of the stores written before these columns."""
    path.write_bytes(source.read_bytes())
    con = duckdb.connect(str(path))
    indexes = [line for line in DDL.splitlines() if line.startswith("CREATE INDEX")]
    for index in indexes:  # DuckDB drops no column of a table with an index
        con.execute(f"DROP INDEX {index.split()[5]}")
    for table, columns in DERIVED_COLUMNS.items():
        for column, _ in columns:
            con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("DROP TABLE layout")
    for index in indexes:
        con.execute(index)
    con.close()


def test_an_old_store_is_upgraded_when_read(marked: Path, tmp_path: Path) -> None:  # noqa: F811
    old = tmp_path / "old.duckdb"
    _as_before(marked, old)
    with open_store(old, read_only=True) as con:
        upgraded = list(event_records(con, EventQuery(certainty=None)))
        missing = con.execute(
            "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id"
            " WHERE e.published IS DISTINCT FROM a.published"
        ).fetchone()
        copied = con.execute(
            "SELECT count(*) FROM actors x JOIN events e ON e.id = x.event_id"
            " WHERE x.event_type = e.event_type AND x.event_date IS NOT DISTINCT FROM e.date"
            " AND x.certainty = e.certainty"
        ).fetchone()
        actors = con.execute("SELECT count(*) FROM actors").fetchone()
    with open_store(marked, read_only=True) as con:
        assert upgraded == list(event_records(con, EventQuery(certainty=None)))
    assert missing == (0,) and copied == actors


def test_an_ingest_fills_the_copied_columns(marked: Path) -> None:  # noqa: F811
    with open_store(marked, read_only=True) as con:
        row = con.execute(
            "SELECT count(*) FILTER (WHERE e.published IS DISTINCT FROM a.published),"
            " count(*) FILTER (WHERE a.published IS NOT NULL)"
            " FROM events e JOIN articles a ON a.id = e.article_id"
        ).fetchone()
        actors = con.execute(
            "SELECT count(*) FILTER (WHERE event_type IS NULL), count(*) FROM actors"
        ).fetchone()
    assert row is not None and row[0] == 0 and row[1] > 0
    assert actors is not None and actors[0] == 0 and actors[1] > 0
