"""How a statement of the store picks the rows of some articles or events by their ids."""

from __future__ import annotations

__all__ = ["among_ids"]


def among_ids(column: str, parameter: str = "?") -> str:
    """A filter for the rows whose `column` is one of the ids given as the statement's next parameter (a
    list of strings), or as the named `parameter` ("$ids"). DuckDB pushes `list_contains` into the table
    scan, which then reads only the parts of the table that hold such rows, and the rows of one batch lie
    together (stored together, or close in date); `column IN (SELECT unnest(?))` is a join, which reads
    every row of every column the statement uses: a batch's read of 300 profiles among 20,000 took 21 MiB
    of DuckDB's memory that way, 4.5 MiB this way, in a third of the time (docs/identity.md, "Cost")."""
    return f"list_contains({parameter}::VARCHAR[], {column})"
