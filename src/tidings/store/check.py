"""Verifying a store: is every block readable, are the tables whole, do the rows hold together.

`check_store` opens the store read-only and reads every column of every table (DuckDB verifies each
block's checksum as it reads it), compares the file's size with the blocks it declares (a truncated
file), counts the rows of each table, finds rows whose parent is missing (events without their article,
actor rows, links and flags without their event, links to no event) and reads the layout of the derived
columns. `tidings check` prints the report; `tidings serve` refuses a store that `unreadable` finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from .derived import LAYOUT
from .faults import StoreError, is_store_fault, reason_of, store_faults
from .schema import OFFLINE
from .stories import IDENTITY_VERSION, stored_identity_version

__all__ = ["StoreReport", "TableCheck", "check_store", "format_report", "stored_rows", "verify_readable"]

HEADER_BYTES = 3 * 4096  # DuckDB's file header and its two database headers, before the first block
REQUIRED_TABLES = ("articles", "events", "actors", "links", "flags", "failures", "layout")
# (what is wrong, the tables it reads, the query counting such rows)
ORPHANS = (
    (
        "events without their article",
        ("events", "articles"),
        "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = e.article_id)",
    ),
    (
        "actor rows without their event",
        ("actors", "events"),
        "SELECT count(*) FROM actors x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = x.event_id)",
    ),
    (
        "links without their event",
        ("links", "events"),
        "SELECT count(*) FROM links x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = x.event_id)",
    ),
    (
        "links to an event not in the store",
        ("links", "events"),
        "SELECT count(*) FROM links x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = x.target_id)",
    ),
    (
        "flags without their event",
        ("flags", "events"),
        "SELECT count(*) FROM flags x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = x.event_id)",
    ),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class TableCheck:
    """One table: its rows, and why it could not be read (None when every block of it was read)."""

    name: str
    rows: int | None
    damage: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreReport:
    """What `check_store` found: the tables, what is wrong (`problems`) and what is worth knowing."""

    path: str
    size: int
    layout: int | None
    tables: tuple[TableCheck, ...]
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()
    truncated: bool = False

    @property
    def sound(self) -> bool:
        return not self.problems

    @property
    def unreadable(self) -> str | None:
        """The first reason part of the store cannot be read (None when all of it can)."""
        if self.truncated:
            return next(p for p in self.problems if p.startswith("truncated"))
        return next((f"table {t.name}: {t.damage}" for t in self.tables if t.damage), None)


def check_store(path: str | Path) -> StoreReport:
    """Verify the store at `path` (read-only); a store that cannot even be opened raises `StoreError`."""
    path = Path(path)
    if not path.exists():
        raise StoreError(path, "no such store")
    if path.is_dir():
        raise StoreError(path, "a directory, not a store")
    with store_faults(path):
        con = duckdb.connect(str(path), read_only=True, config=dict(OFFLINE))
    try:
        with store_faults(path):
            return _check(con, path)
    finally:
        con.close()


def _check(con: duckdb.DuckDBPyConnection, path: Path) -> StoreReport:
    problems: list[str] = []
    notes: list[str] = []
    size = path.stat().st_size
    block_size, blocks, used = con.execute(
        "SELECT block_size, total_blocks, used_blocks FROM pragma_database_size()"
    ).fetchall()[0]
    # the blocks in use must all fit in the file; free blocks at its end may have been cut off by DuckDB
    # itself (after tables are dropped), which is no damage: reading every table below checks the rest
    needed = HEADER_BYTES + int(block_size) * int(used)
    truncated = size < needed
    if truncated:
        problems.append(f"truncated: the file has {size:,} bytes, its {used} blocks in use need {needed:,}")
    elif size < HEADER_BYTES + int(block_size) * int(blocks):
        notes.append(f"the file ends before {int(blocks) - int(used)} free block(s); every table reads whole")
    names = [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
            " AND schema_name = 'main' ORDER BY table_name"
        ).fetchall()
    ]
    missing = [name for name in REQUIRED_TABLES if name not in names]
    if missing:
        problems.append(f"not a Tidings store: no table {', '.join(missing)}")
    tables = tuple(_read_table(con, name) for name in names)
    problems.extend(f"table {t.name}: {t.damage}" for t in tables if t.damage)
    whole = {t.name for t in tables if not t.damage}
    for what, needs, query in ORPHANS:
        if all(name in whole for name in needs):
            count = con.execute(query).fetchall()[0][0]
            if count:
                problems.append(f"{count:,} {what}")
    layout = _layout(con) if "layout" in whole else None
    if "layout" in whole and layout != LAYOUT:
        notes.append(
            f"layout {layout} of the derived columns, this Tidings writes {LAYOUT}: filled again when the"
            " store is next opened with write access"
        )
    elif "events" in whole:
        empty = con.execute("SELECT count(*) FROM events WHERE record IS NULL").fetchall()[0][0]
        if empty:
            problems.append(f"{empty:,} events without their derived columns (record)")
    if "article_profiles" in whole:
        version = stored_identity_version(con) if "identity_layout" in whole else None
        if version != IDENTITY_VERSION:
            written = "no identity version" if version is None else f"identity version {version}"
            notes.append(
                f"{written}, this Tidings writes {IDENTITY_VERSION}: its articles are linked into stories"
                " again when the store is next opened with write access"
            )
    if "story_unsettled" in whole:
        unsettled = con.execute("SELECT count(DISTINCT part) FROM story_unsettled").fetchall()[0][0]
        if unsettled:
            notes.append(
                f"{unsettled:,} large part(s) of stories not settled yet (their newest articles are in the"
                " story of their likeliest pair): settled when the store is next opened with write access"
            )
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        notes.append(
            f"a write-ahead log of {wal.stat().st_size:,} bytes (writes not yet in the file, applied when"
            " the store is opened: a run that was stopped or is still running)"
        )
    return StoreReport(
        path=str(path),
        size=size,
        layout=layout,
        tables=tables,
        problems=tuple(problems),
        notes=tuple(notes),
        truncated=truncated,
    )


def _read_table(con: duckdb.DuckDBPyConnection, name: str) -> TableCheck:
    """Read every column of every row (a hash of each row), so that DuckDB reads each block of it."""
    try:
        rows, _ = con.execute(f'SELECT count(*), sum(hash(t)) FROM "{name}" AS t').fetchall()[0]
    except duckdb.Error as error:
        if not is_store_fault(error):
            raise
        return TableCheck(name=name, rows=None, damage=reason_of(error))
    return TableCheck(name=name, rows=int(rows))


def _layout(con: duckdb.DuckDBPyConnection) -> int | None:
    version = con.execute("SELECT max(version) FROM layout").fetchall()[0][0]
    return int(version) if version is not None else None


def format_report(report: StoreReport) -> list[str]:
    """The report as lines: the file, each table and its rows, the problems and notes, the verdict."""
    layout = "no layout" if report.layout is None else f"layout {report.layout}"
    lines = [f"{report.path}: {report.size:,} bytes, {len(report.tables)} tables, {layout}"]
    for table in report.tables:
        state = f"unreadable: {table.damage}" if table.damage else "ok"
        rows = "?" if table.rows is None else f"{table.rows:,}"
        lines.append(f"  {table.name:<16} {rows:>12} rows  {state}")
    lines.extend(f"problem: {problem}" for problem in report.problems)
    lines.extend(f"note: {note}" for note in report.notes)
    count = len(report.problems)
    lines.append("sound" if report.sound else f"not sound: {count} problem{'s' if count > 1 else ''}")
    return lines


def verify_readable(path: str | Path) -> None:
    """Raise `StoreError` unless every block of the store at `path` can be read (what `tidings serve`
    asks before it starts: a damaged store would answer 500s)."""
    report = check_store(path)
    damage = report.unreadable
    if damage:
        raise StoreError(path, f"{damage} (see `tidings check --db {path}`)")


def stored_rows(con: duckdb.DuckDBPyConnection, tables: tuple[str, ...]) -> dict[str, list[int]]:
    """Each table's live rows and the rows its file holds, deleted ones the vacuum has not reclaimed
    included (what bench/scale.py and bench/identity_cost.py print about the identity tables)."""
    out = {}
    for table in tables:
        live = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        held = con.execute(
            "SELECT coalesce(sum(count), 0) FROM pragma_storage_info(?)"
            " WHERE column_id = 0 AND segment_type <> 'VALIDITY'",
            [table],
        ).fetchone()
        out[table] = [live[0] if live else 0, held[0] if held else 0]
    return out
