"""The store's events in formats other tools read: JSON Lines, CSV, Parquet, PLOVER JSON, a table.

JSON Lines keeps the extract layout (one event a line, with its article); PLOVER JSON follows the field
names of the PLOVER manual's data chapter; CSV is flat (lists joined by "; "); Parquet keeps the nested
layout, for pandas, polars, DuckDB and Spark. All stream, whatever the size of the store. Each is made
from the declaration of an event's fields (tidings.event_schema: the record, `CSV` and `PLOVER`).

CSV is for spreadsheets too, which run a cell that starts with "=", "+", "-" or "@" (or a tab or carriage
return before one) as a formula: such text cells are written with a leading single quote ("'=1+1"),
which spreadsheets show as text (OWASP's advice for CSV injection). Stored text can be anything a news
feed sent.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import duckdb
import pyarrow.parquet as pq

from tidings import __version__
from tidings.event_schema import CSV, EVENT, PLOVER, PLOVER_ENTITY, Csv, Plover, PloverKey, Shape
from tidings.store.query import EventQuery, event_reader, event_records

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "csv_cell",
    "plover_record",
    "value_at",
    "write_csv",
    "write_events",
    "write_jsonl",
    "write_parquet",
]

FORMATS = ("jsonl", "csv", "parquet", "plover-json")
CSV_COLUMNS = tuple(column.name for column in CSV)  # tidings.event_schema.CSV

Record = dict[str, object]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_events(con: duckdb.DuckDBPyConnection, query: EventQuery, fmt: str, out: str) -> int:
    """Write the events of `query` to `out` ("-" for standard output, except Parquet); returns how many."""
    if fmt == "parquet":
        return write_parquet(con, query, Path(out))
    records = event_records(con, query)
    writer = {"jsonl": write_jsonl, "csv": write_csv, "plover-json": _write_plover}[fmt]
    if out == "-":
        import sys

        return writer(records, sys.stdout)
    with open(out, "w", encoding="utf-8", newline="") as stream:
        return writer(records, stream)


def write_jsonl(records: Iterable[Record], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_plover(records: Iterable[Record], out: IO[str]) -> int:
    return write_jsonl((plover_record(r) for r in records), out)


def write_csv(records: Iterable[Record], out: IO[str]) -> int:
    """One row per event (the columns of `CSV_COLUMNS`); text that a spreadsheet would run as a formula
    is written behind a single quote (`csv_cell`)."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for record in records:
        writer.writerow([csv_cell(value) for value in _csv_row(record)])
        count += 1
    return count


def csv_cell(value: object) -> object:
    """`value` as a CSV cell that a spreadsheet shows and does not run: text starting with "=", "+",
    "-", "@", a tab or a carriage return gets a leading single quote; numbers and other text as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_parquet(con: duckdb.DuckDBPyConnection, query: EventQuery, out: Path) -> int:
    """One Parquet file of the events, nested columns kept (actors as a list of structs, ...)."""
    reader = event_reader(con, query)
    count = 0
    with pq.ParquetWriter(out, reader.schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch)
            count += batch.num_rows
    return count


def plover_record(record: Record) -> Record:
    """One event in the PLOVER JSON record layout (PLOVER manual, "Data Fields"), made as
    `tidings.event_schema.PLOVER` says from the record's declared fields."""
    return {key.key: _plover_value(record, key) for key in PLOVER}


_PLOVER_CONSTANTS: Record = {"has_event": True, "coder": f"tidings {__version__}"}


def _plover_value(record: Record, key: PloverKey) -> object:
    how = key.how
    if how is Plover.CONSTANT:
        return _PLOVER_CONSTANTS[key.key]
    values = [value_at(record, path) for path in key.paths]
    if how is Plover.SAME:
        return values[0]
    if how is Plover.LISTED:
        return [values[0]]
    if how is Plover.LISTED_IF_ANY:
        return [values[0]] if values[0] else []
    if how is Plover.ENTITIES:
        return [{name: actor[field] for name, field in PLOVER_ENTITY} for actor in _dicts(values[0])]
    if how is Plover.LINKS:
        return [f"{link['relation']}:{link['event']}" for link in _dicts(values[0])]
    # OBJECT: null when the part its paths are in is
    if record[key.paths[0].split(".")[0]] is None:
        return None
    return dict(zip(key.keys, values, strict=True))


def value_at(value: object, path: str) -> object:
    """The value at a dotted path of JSON names (list indices as digits); None past a null part, or for
    a field the record lacks (record_id and story_id outside the store)."""
    for name in path.split("."):
        if value is None:
            return None
        value = value[int(name)] if isinstance(value, list) else _dict(value).get(name)
    return value


def _csv_row(record: Record) -> list[object]:
    return [_csv_value(record, column) for column in CSV]


def _csv_value(record: Record, column: Csv) -> object:
    """A CSV cell: the first set of the column's paths (over a list, for each item, joined by "; "),
    or all of them joined by a space."""
    head = column.paths[0].split(".")[0]
    if EVENT.field(head).shape in (Shape.PARTS, Shape.VALUES):  # one per item
        inner = [p.partition(".")[2] for p in column.paths]
        items = _dicts(record[head]) if all(inner) else record[head]
        assert isinstance(items, list)
        return _join(_combined([value_at(item, p) if p else item for p in inner], column) for item in items)
    return _combined([value_at(record, p) for p in column.paths], column)


def _combined(values: list[object], column: Csv) -> object:
    if column.joined:
        return " ".join(f"{v}" for v in values)
    return next((v for v in values if v), values[-1])


def _join(values: object) -> str:
    assert isinstance(values, Iterable)
    return "; ".join("" if v is None else str(v) for v in values)


def _dict(value: object) -> Record:
    assert isinstance(value, dict)
    return value


def _dicts(value: object) -> list[Record]:
    assert isinstance(value, list)
    return value
