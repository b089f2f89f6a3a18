"""One transaction on a store's connection: everything in it is written, or nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import duckdb

__all__ = ["transaction"]


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN; COMMIT when the block ends, ROLLBACK when it (or the COMMIT) raises. A COMMIT that failed
    (a full disk) has ended the transaction already: its error is the one raised, not the ROLLBACK's."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
