"""DuckDB's cache of table blocks, emptied where a writer has read much of the store.

DuckDB keeps every block of a table it reads in memory until its limit, 80% of the machine's memory; a
writer that reads a little of a large store at each step would otherwise hold all of it in the end."""

from __future__ import annotations

import functools

import duckdb

__all__ = ["drop_cached_blocks", "drop_table_blocks"]

# what DuckDB may hold besides the blocks of tables while they are dropped within a transaction
IN_USE_MARGIN = 32 * 2**20


def drop_cached_blocks(con: duckdb.DuckDBPyConnection) -> None:
    """Let DuckDB drop the table blocks it keeps in memory after a batch, outside a transaction (they are
    read again from the file when needed): the memory limit is lowered for a moment, which evicts every
    block not in use, and set back to DuckDB's default (a limit the caller chose is left alone, and so
    are its blocks). Without it every block a batch reads (all of `article_keys` for blocking, the
    largest story's pairs) stays until DuckDB's limit: in a 4,000-article ingest the RSS after each 2,000
    articles grew 95 MiB, with it 43 (docs/identity.md, "Cost")."""
    if not _default_limit_set(con):
        return  # a limit the caller chose: left as it is (its text is rounded, so not set again)
    try:
        con.execute("SET memory_limit = '1MB'")  # refused when blocks in use exceed it: it evicts first
    except duckdb.Error:
        pass
    finally:
        con.execute("RESET memory_limit")


def drop_table_blocks(con: duckdb.DuckDBPyConnection, margin: int = IN_USE_MARGIN) -> None:
    """Within a transaction, let DuckDB drop the blocks of stored tables it keeps in memory: the memory
    limit is lowered for a moment to what it holds besides them (the transaction's own rows, its hash
    tables) and `margin` more, never below, so that the setting is not refused (a refused statement
    would abort the transaction), and set back to DuckDB's default. Through a relink of a whole store a
    few parts at a time, DuckDB's memory grew from 37 to 116 MiB at 20,000 articles without it
    (docs/identity.md, "Stop 43")."""
    if not _default_limit_set(con):
        return
    held = con.execute(
        "SELECT coalesce(sum(memory_usage_bytes) FILTER (WHERE tag <> 'BASE_TABLE'), 0),"
        " coalesce(sum(memory_usage_bytes) FILTER (WHERE tag = 'BASE_TABLE'), 0) FROM duckdb_memory()"
    ).fetchall()[0]
    other, tables = int(held[0]), int(held[1])
    if tables <= margin:
        return  # little to drop
    con.execute(f"SET memory_limit = '{(other + margin) // 2**20 + 1}MiB'")
    con.execute("RESET memory_limit")


def _default_limit_set(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT current_setting('memory_limit')").fetchall() == _default_limit()


@functools.cache
def _default_limit() -> list[tuple[str]]:
    with duckdb.connect() as con:
        return con.execute("SELECT current_setting('memory_limit')").fetchall()
