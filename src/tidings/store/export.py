"""The store's events in formats other tools read: JSON Lines, CSV, Parquet, PLOVER JSON, a table.

JSON Lines keeps the extract layout (one event a line, with its article); PLOVER JSON follows the field
names of the PLOVER manual's data chapter; CSV is flat (lists joined by "; "); Parquet keeps the nested
layout, for pandas, polars, DuckDB and Spark. All stream, whatever the size of the store.

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
from tidings.store.query import EventQuery, event_reader, event_records

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "csv_cell",
    "plover_record",
    "write_csv",
    "write_events",
    "write_jsonl",
    "write_parquet",
]

FORMATS = ("jsonl", "csv", "parquet", "plover-json")
CSV_COLUMNS = (
    "id",
    "date",
    "event_type",
    "mode",
    "cameo",
    "context",
    "actors",
    "actor_countries",
    "actor_sectors",
    "recipients",
    "recipient_countries",
    "recipient_sectors",
    "location",
    "location_country",
    "size_count",
    "size_unit",
    "attribution",
    "attribution_kind",
    "certainty",
    "evidence",
    "trigger",
    "links",
    "flags",
    "rule",
    "article_id",
    "article_title",
    "article_url",
    "article_published",
    "record_id",
    "story_id",
)

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
    """One event in the PLOVER JSON record layout (PLOVER manual, "Data Fields")."""
    article = _dict(record["article"])
    evidence = _dict(record["evidence"])
    location = record["location"]
    out: Record = {
        "id": record["id"],
        "has_event": True,
        "date": record["date"],
        "actor": [_plover_entity(a) for a in _dicts(record["actors"])],
        "recipient": [_plover_entity(r) for r in _dicts(record["recipients"])],
        "event": [record["event_type"]],
        "mode": [record["mode"]] if record["mode"] else [],
        "context": record["context"],
        "cameo": record["cameo"],
        "event_loc": (
            {"place_name": _dict(location)["name"], "country_code": _dict(location)["country"]}
            if location
            else None
        ),
        "event_text": [evidence["trigger"]],
        "text": evidence["sentence"],
        "text_info": {"start": _span(evidence)[0], "end": _span(evidence)[1]},
        "cite_info": {
            "article_id": article["id"],
            "input_id": article["input_id"],
            "title": article["title"],
            "url": article["url"],
            "source": article["source"],
            "published": article["published"],
        },
        "link": [f"{link['relation']}:{link['event']}" for link in _dicts(record["links"])],
        "size": record["size"],
        "attribution": record["attribution"],
        "certainty": record["certainty"],
        "record_id": record.get("record_id"),  # the real-world event it is a report of
        "story_id": record.get("story_id"),
        "coder": f"tidings {__version__}",
    }
    return out


def _plover_entity(actor: Record) -> Record:
    return {
        "code": actor["country"],
        "sector": actor["sector"],
        "entity_text": actor["text"],
        "identifier_id": actor["entity_id"],
        "identifier_text": actor["name"],
    }


def _csv_row(record: Record) -> list[object]:
    actors, recipients = _dicts(record["actors"]), _dicts(record["recipients"])
    location = _dict(record["location"]) if record["location"] else {}
    size = _dict(record["size"]) if record["size"] else {}
    source = _dict(record["attribution"]) if record["attribution"] else {}
    evidence, article = _dict(record["evidence"]), _dict(record["article"])
    return [
        record["id"],
        record["date"],
        record["event_type"],
        record["mode"],
        record["cameo"],
        _join(record["context"]),
        _join(a["name"] or a["text"] for a in actors),
        _join(a["country"] for a in actors),
        _join(a["sector"] for a in actors),
        _join(r["name"] or r["text"] for r in recipients),
        _join(r["country"] for r in recipients),
        _join(r["sector"] for r in recipients),
        location.get("name"),
        location.get("country"),
        size.get("count"),
        size.get("unit"),
        source.get("name"),
        source.get("kind"),
        record["certainty"],
        evidence["sentence"],
        evidence["trigger"],
        _join(f"{link['relation']} {link['event']}" for link in _dicts(record["links"])),
        _join(f["kind"] for f in _dicts(record["flags"])),
        record["rule"],
        article["id"],
        article["title"],
        article["url"],
        article["published"],
        record.get("record_id"),
        record.get("story_id"),
    ]


def _join(values: object) -> str:
    assert isinstance(values, Iterable)
    return "; ".join("" if v is None else str(v) for v in values)


def _dict(value: object) -> Record:
    assert isinstance(value, dict)
    return value


def _dicts(value: object) -> list[Record]:
    assert isinstance(value, list)
    return value


def _span(evidence: Record) -> list[int]:
    span = evidence["span"]
    assert isinstance(span, list)
    return span
