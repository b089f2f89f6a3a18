"""Real-world event records for `tidings events`: a table, JSON Lines (each record whole, with its
reports) or CSV (one row per record; cells a spreadsheet would run as formulas behind a quote)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from typing import IO, Any

import duckdb

from tidings.event_schema import Csv, Shape
from tidings.store.export import csv_cell, value_at
from tidings.store.query import EventQuery
from tidings.store.record_query import matching_records
from tidings.store.record_schema import RECORD, RECORD_CSV

__all__ = ["RECORD_CSV_COLUMNS", "record_row", "write_records"]

RECORD_CSV_COLUMNS = tuple(column.name for column in RECORD_CSV)  # tidings.store.record_schema
# the columns whose values are collected, not listed: outlets once each, sorted; articles once each
_COLLECT: dict[str, Callable[[list[Any]], list[Any]]] = {
    "sources": lambda values: sorted({str(v or "") for v in values} - {""}),
    "articles": lambda values: list(dict.fromkeys(str(v) for v in values)),
}


def write_records(
    con: duckdb.DuckDBPyConnection, query: EventQuery, fmt: str, out: IO[str] | None = None
) -> int:
    """Write the records of `query` in `fmt` (table, jsonl, csv); returns how many."""
    stream = out or sys.stdout
    records = matching_records(con, query)
    if fmt == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(RECORD_CSV_COLUMNS)
        for record in records:
            writer.writerow([csv_cell(v) for v in record_row(record)])
    else:
        _write_table(records, stream)
    return len(records)


def record_row(record: dict[str, Any]) -> list[object]:
    """A record as a flat row of `RECORD_CSV_COLUMNS` (lists joined by "; "), as
    `tidings.store.record_schema.RECORD_CSV` lays it out."""
    return [_cell(record, column) for column in RECORD_CSV]


def _cell(record: dict[str, Any], column: Csv) -> object:
    """The first set of the column's paths; over a list, for each item, joined (or `_COLLECT`ed)."""
    head = column.paths[0].partition(".")[0]
    if RECORD.field(head).shape not in (Shape.PARTS, Shape.VALUES):
        return record[head]
    inner = [p.partition(".")[2] for p in column.paths]
    values = []
    for item in record[head]:
        found = [value_at(item, p) if p else item for p in inner]
        values.append(next((v for v in found if v), found[-1]))
    collect = _COLLECT.get(column.name)
    return _join(collect(values) if collect else values)


def _join(values: Any) -> str:
    return "; ".join(str(v) for v in values if v is not None)


def _write_table(records: list[dict[str, Any]], out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(records)} events, newest first", show_lines=True)
    for column in ("date", "actor", "type/mode", "recipient", "reports", "disagree on", "first report", "id"):
        table.add_column(column, overflow="fold")
    for record in records:
        first = record["reports"][0] if record["reports"] else None
        table.add_row(
            record["date"] or "-",
            _join(a["name"] or a["country"] for a in record["actors"][:3]) or "-",
            record["event_type"] + (f"/{record['mode']}" if record["mode"] else ""),
            _join(a["name"] or a["country"] for a in record["recipients"][:3]) or "-",
            str(record["report_count"]),
            _join(_conflict(record, f) for f in record["conflicts"]) or "-",
            first["evidence"]["sentence"] if first else "-",
            record["id"],
        )
    Console(file=out, width=200, soft_wrap=False).print(table)


def _conflict(record: dict[str, Any], field: str) -> str:
    """'killed: 3 (2 reports) vs 4 (1)'."""
    values = record["values"][field]
    return f"{field}: " + " vs ".join(f"{v['value']} ({len(v['articles'])})" for v in values)
