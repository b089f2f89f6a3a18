"""DuckDB's cache of table blocks, dropped within a transaction (tidings.store.blocks)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tidings.store.blocks import drop_table_blocks


def _table_blocks(con: duckdb.DuckDBPyConnection) -> int:
    rows = con.execute("SELECT memory_usage_bytes FROM duckdb_memory() WHERE tag = 'BASE_TABLE'").fetchall()
    return int(rows[0][0]) if rows else 0


def test_the_blocks_of_stored_tables_are_dropped_within_a_transaction_which_goes_on(tmp_path: Path) -> None:
    """Class: blocks of a stored table read within a transaction are dropped from DuckDB's memory and the
    transaction's own rows are kept and committed; counter-example: with little held (below the
    margin), nothing is set."""
    with duckdb.connect(str(tmp_path / "blocks.duckdb")) as con:
        con.execute("CREATE TABLE t AS SELECT i, repeat('x', 100) || i AS s FROM range(300000) r(i)")
        con.execute("CHECKPOINT")
        con.execute("BEGIN")
        con.execute("INSERT INTO t SELECT i + 1000000, 'new' FROM range(1000) r(i)")
        assert con.execute("SELECT count(*), max(length(s)) FROM t").fetchall() == [(301000, 106)]
        read = _table_blocks(con)
        assert read > 2**20
        drop_table_blocks(con, margin=2**20)
        assert _table_blocks(con) < read
        with duckdb.connect() as fresh:  # and the limit is DuckDB's default again
            default = fresh.execute("SELECT current_setting('memory_limit')").fetchall()
        assert con.execute("SELECT current_setting('memory_limit')").fetchall() == default
        con.execute("COMMIT")
        assert con.execute("SELECT count(*) FROM t WHERE s = 'new'").fetchall() == [(1000,)]
        # little held: nothing is set, nothing dropped
        con.execute("SELECT count(*) FROM t WHERE i < 10").fetchall()
        before = _table_blocks(con)
        drop_table_blocks(con, margin=2**40)
        assert _table_blocks(con) == before
