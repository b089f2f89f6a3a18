"""The writer's cost over a long ingest, without extraction: the rows of a store an ingest made
(`bench/scale.py --work DIR` leaves one) are written again, in the order they were stored and in batches
of 32 articles as `tidings ingest` writes them, into a fresh store by `store.write.write_shard` (stories,
records and derived columns included; large parts settled as often as an ingest settles them). Per
step of `--step` articles it prints the CPU seconds of
`write_shard` per 1,000 articles, the RSS, the file's size and its row groups in `actors` (one more at each
checkpoint while they are not merged), then DuckDB's memory by tag (those over 1 MiB); at the end, the
rows held by the tables linking rewrites. What it shows is how the writer's cost grows with the store,
which bench/scale.py's per-CPU throughput mixes with extraction's.

    python bench/write_cost.py SOURCE.duckdb [--articles N] [--step 2000] [--work DIR]
        [--setting NAME=VALUE ...]

`--setting` changes a writer setting (`store.schema.WRITER_SETTINGS`) for the run, to compare them.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import psutil
import pyarrow as pa

if TYPE_CHECKING:
    from tidings.store.rows import Shard


def batches(source: duckdb.DuckDBPyConnection, limit: int | None) -> list[list[str]]:
    """The source's article ids in the order stored, in batches of `tidings ingest`'s size."""
    from tidings.engines.ingest import BATCH_SIZE

    ids = [row[0] for row in source.execute("SELECT id FROM articles ORDER BY rowid").fetchall()]
    ids = ids[:limit] if limit else ids
    return [ids[start : start + BATCH_SIZE] for start in range(0, len(ids), BATCH_SIZE)]


def shard(source: duckdb.DuckDBPyConnection, ids: list[str]) -> Shard:
    """The stored rows of these articles as the shard an ingest would have written."""
    from tidings.store.rows import SCHEMAS, Shard

    def rows(table: str, where: str, values: list[str]) -> pa.Table:
        schema = SCHEMAS[table]
        columns = ", ".join(f'"{name}"' for name in schema.names)
        query = f"SELECT {columns} FROM {table} WHERE list_contains(?::VARCHAR[], {where}) ORDER BY rowid"
        found = source.sql(query, params=[values]).to_arrow_table()
        return found.cast(schema)

    tables = {"articles": rows("articles", "id", ids), "events": rows("events", "article_id", ids)}
    event_ids = tables["events"].column("id").to_pylist()
    for table in ("actors", "links", "flags"):
        tables[table] = rows(table, "event_id", event_ids)
    tables["failures"] = SCHEMAS["failures"].empty_table()
    return Shard(tables=tables, articles_read=len(ids))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", type=Path, help="a store an ingest made")
    parser.add_argument("--articles", type=int, help="articles to write again (default: all)")
    parser.add_argument("--step", type=int, default=2000, help="articles per reported step (default 2000)")
    parser.add_argument("--work", type=Path, help="folder for the new store (default: a new one)")
    parser.add_argument(
        "--setting", action="append", default=[], help="NAME=VALUE: a writer setting for the run"
    )
    args = parser.parse_args()

    from tidings.store import schema
    from tidings.store.check import stored_rows
    from tidings.store.stories import SETTLE_BATCHES
    from tidings.store.write import REWRITTEN_TABLES, settle, write_shard

    for setting in args.setting:
        name, _, value = setting.partition("=")
        schema.WRITER_SETTINGS[name] = value
    print(f"writer settings: {schema.WRITER_SETTINGS}")
    work = args.work or Path(tempfile.mkdtemp(prefix="write-cost-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "write-cost.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    source = duckdb.connect(str(args.source), read_only=True)
    process = psutil.Process()
    print(f"{'articles':>9} {'CPU s/1000':>10} {'RSS':>9} {'file':>9} {'actors row groups':>18}")
    written, done, mark, spent = 0, 0, args.step, 0.0
    first: float | None = None
    last: float | None = None
    with schema.open_store(db) as con:
        every = batches(source, args.articles)
        for number, ids in enumerate(every, start=1):
            rows = shard(source, ids)
            start = time.process_time()
            write_shard(con, rows)
            if number % SETTLE_BATCHES == 0 or number == len(every):  # as `tidings ingest` settles
                settle(con)
            spent += time.process_time() - start
            written += len(ids)
            if written < mark:
                continue
            cost = spent * 1000 / (written - done)
            groups = con.execute(
                "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('actors')"
            ).fetchall()[0][0]
            size = sum(p.stat().st_size for p in (db, db.with_name(db.name + ".wal")) if p.exists())
            print(
                f"{written:>9} {cost:>10.1f} {process.memory_info().rss / 2**20:>5.0f} MiB "
                f"{size / 2**20:>5.0f} MiB {groups:>18}",
                flush=True,
            )
            tags = con.execute(
                "SELECT tag, memory_usage_bytes // 1048576 AS mib FROM duckdb_memory() WHERE mib >= 1"
            ).fetchall()
            print(
                "          held: " + ", ".join(f"duckdb {tag.lower()} {mib}" for tag, mib in tags), flush=True
            )
            first = cost if first is None else first
            last = cost
            spent, done, mark = 0.0, written, (written // args.step + 1) * args.step
        for table, (live, held) in stored_rows(con, REWRITTEN_TABLES).items():
            print(f"{table}: {live} rows live, {held} in the file (deleted ones included)")
    print(f"closed: {db.stat().st_size / 2**20:.0f} MiB")
    if first and last:
        print(f"CPU seconds per 1,000 articles, last step / first step: {last / first:.2f}")


if __name__ == "__main__":
    main()
