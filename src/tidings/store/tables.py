"""The store's tables of events as `tidings.event_schema` declares them: columns, CREATE TABLE, Arrow
schemas, rows of records, and the SQL and Python that put an event's record together from its rows.

An event is one row of `events` (its parts flattened: `location_name`, `evidence_start`, ...) and rows of
`actors` (actors and recipients, `role` says which), `links` and `flags`, each with its event's id and its
`position` in the event's list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from tidings.event_schema import EVENT, Field, Part, Shape

__all__ = [
    "EVENT_TABLES",
    "Column",
    "arrow_schema",
    "child_fields",
    "create_table",
    "flat_row",
    "part_from_columns",
    "part_sql",
    "struct_sql",
]

_ARROW = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "SMALLINT": pa.int16(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "VARCHAR[]": pa.list_(pa.string()),
}
BITS = {"SMALLINT": 16, "INTEGER": 32, "BIGINT": 64}  # a value outside is stored as NULL


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a table: name, DuckDB type, constraints."""

    name: str
    sql: str
    not_null: bool = False
    primary: bool = False

    def ddl(self) -> str:
        return f"{self.name} {self.sql}" + " NOT NULL" * self.not_null + " PRIMARY KEY" * self.primary


def _columns(part: Part, prefix: str = "") -> Iterator[Column]:
    """The columns of a part's fields in its table, its PART fields' flattened in place."""
    for field in part.fields:
        if field.shape is Shape.PART and field.column is not None and field.part is not None:
            yield from _columns(field.part, prefix + field.column)
        for name in field.columns:
            yield Column(prefix + name, field.sql, field.not_null, field.primary)


def child_fields() -> dict[str, tuple[Field, ...]]:
    """The PARTS fields of an event by the table their rows are in (actors and recipients share one)."""
    tables: dict[str, tuple[Field, ...]] = {}
    for field in EVENT.fields:
        if field.shape is Shape.PARTS:
            tables[field.table] = (*tables.get(field.table, ()), field)
    return tables


def _child_columns(fields: Sequence[Field]) -> tuple[Column, ...]:
    keys = [Column("event_id", "VARCHAR", not_null=True)]
    if any(f.role for f in fields):
        keys.append(Column("role", "VARCHAR", not_null=True))  # actor or recipient
    keys.append(Column("position", "SMALLINT", not_null=True))  # order within the event's list
    assert fields[0].part is not None
    return (*keys, *_columns(fields[0].part))


# the columns of each table of events, in the store's order (the first stores' too)
EVENT_TABLES: dict[str, tuple[Column, ...]] = {
    "events": tuple(_columns(EVENT)),
    **{table: _child_columns(fields) for table, fields in child_fields().items()},
}


def create_table(table: str, also: Sequence[tuple[str, str]] = ()) -> str:
    """CREATE TABLE IF NOT EXISTS of one of `EVENT_TABLES`, with the columns `also` (name, type) after."""
    lines = [c.ddl() for c in EVENT_TABLES[table]] + [f"{name} {kind}" for name, kind in also]
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    " + ",\n    ".join(lines) + "\n);\n"


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a table's rows (`tidings.store.rows`)."""
    return pa.schema([(c.name, _ARROW[c.sql]) for c in EVENT_TABLES[table]])


def _fits(value: object, sql: str) -> bool:
    bits = BITS.get(sql)
    return bits is None or value is None or -(1 << (bits - 1)) <= value < 1 << (bits - 1)  # type: ignore[operator]


def flat_row(part: Part, record: Any, text: Callable[[str], str], prefix: str = "") -> dict[str, object]:
    """The columns of `record` (of `part`, or None for a missing part: every column NULL) in its table:
    strings through `text`, numbers a column cannot hold as NULL, a part with such a count as missing."""
    row: dict[str, object] = {}
    for field in part.fields:
        if field.attr is None or field.column is None or field.shape is Shape.PARTS:
            continue
        value = None if record is None else getattr(record, field.attr)
        if field.shape is Shape.PART:
            assert field.part is not None
            if value is not None and not all(
                _fits(getattr(value, f.attr), f.sql)
                for f in field.part.fields
                if f.attr and f.shape is Shape.VALUE
            ):
                value = None
            row.update(flat_row(field.part, value, text, prefix + field.column))
        elif field.shape is Shape.SPAN:
            start, end = value if value is not None else (None, None)
            row[f"{prefix}{field.column}_start"] = start if _fits(start, field.sql) else None
            row[f"{prefix}{field.column}_end"] = end if _fits(end, field.sql) else None
        elif field.shape is Shape.VALUES:
            row[prefix + field.column] = [text(v) for v in value] if value is not None else None
        else:
            if field.encode is not None:
                value = field.encode(value)
            row[prefix + field.column] = (
                text(value) if isinstance(value, str) else value if _fits(value, field.sql) else None
            )
    return row


def _value_sql(field: Field, alias: str, prefix: str) -> str:
    column = f"{alias}.{prefix}{field.column}"
    if field.shape is Shape.SPAN:
        span = f"[{column}_start, {column}_end]"
        return f"CASE WHEN {column}_start IS NULL THEN NULL ELSE {span} END" if field.nullable else span
    if field.shape is Shape.VALUES:
        return f"coalesce({column}, []::VARCHAR[])"
    return column


def part_sql(part: Part, alias: str, prefix: str = "", *, given: Mapping[str, str] = {}) -> list[str]:
    """`expression AS name` of each JSON field of `part`, its record's value from the columns of table
    `alias`; the expression of a PARTS field or of a field only the store has is `given` (by JSON name)."""
    return [f"{value} AS {name}" for name, value in _exprs(part, alias, prefix, given)]


def struct_sql(part: Part, alias: str, prefix: str = "") -> str:
    """The record of `part` as a DuckDB struct of the columns of table `alias`."""
    return (
        "struct_pack("
        + ", ".join(f"{name} := {value}" for name, value in _exprs(part, alias, prefix, {}))
        + ")"
    )


def _exprs(part: Part, alias: str, prefix: str, given: Mapping[str, str]) -> list[tuple[str, str]]:
    out = []
    for field in part.fields:
        if not field.json:
            continue
        if field.name in given:
            value = given[field.name]
        elif field.shape is Shape.PART:
            assert field.part is not None and field.column is not None
            inner, sub = field.part, prefix + field.column
            value = struct_sql(inner, alias, sub)
            if field.nullable:
                absent = " AND ".join(f"{alias}.{sub}{inner.field(n).column} IS NULL" for n in field.present)
                value = f"CASE WHEN {absent} THEN NULL ELSE {value} END"
        else:
            value = _value_sql(field, alias, prefix)
        out.append((field.name, value))
    return out


def part_from_columns(
    part: Part, row: Mapping[str, Any], prefix: str = "", *, given: Mapping[str, object] = {}
) -> dict[str, object]:
    """The JSON record of `part` from a row of its table's columns, as `part_sql` gives it (a missing
    part None: none of its `present` columns set); the value of a PARTS field or of a field only the
    store has is `given` (by JSON name), or else left out."""
    out: dict[str, object] = {}
    for field in part.fields:
        if field.name in given:
            out[field.name] = given[field.name]
            continue
        if not field.json or field.column is None:
            continue
        column = prefix + field.column
        if field.shape is Shape.PART:
            assert field.part is not None
            inner = field.part
            if field.nullable and all(row[f"{column}{inner.field(n).column}"] is None for n in field.present):
                out[field.name] = None
            else:
                out[field.name] = part_from_columns(inner, row, column)
        elif field.shape is Shape.SPAN:
            start, end = row[f"{column}_start"], row[f"{column}_end"]
            out[field.name] = None if field.nullable and start is None else [start, end]
        elif field.shape is Shape.VALUES:
            out[field.name] = list(row[column] or [])
        else:
            out[field.name] = row[column]
    return out
