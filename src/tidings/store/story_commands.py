"""`tidings stories`: the store's stories, each with its articles, its facts and its event records."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .commands import MAX_LIMIT

__all__ = ["stories_command"]


@click.command(name="stories")
@click.option("--db", default="tidings.duckdb", show_default=True, help="The DuckDB store to read.")
@click.option("--limit", type=click.IntRange(0, MAX_LIMIT), help="At most N stories (default: all).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def stories_command(db: str, limit: int | None, fmt: str) -> None:
    """The store's stories, newest first: every article is in one, with the input ids it was read under,
    and the story's date, place, killed and injured (of its main assault) and event records.

    Example: tidings stories --db news.duckdb --format jsonl > stories.jsonl
    """
    from tidings.store.schema import open_store
    from tidings.store.story_query import StoryQuery, story_records

    with open_store(db, read_only=True) as con:
        records = story_records(con, StoryQuery(limit=limit))
        if fmt == "jsonl":
            for record in records:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            _write_table(list(records))


def _write_table(records: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(records)} stories, newest first", show_lines=True)
    for column in ("published", "articles", "title", "date", "place", "events", "id"):
        table.add_column(column, overflow="fold")
    for record in records:
        first, last = record["first_published"], record["last_published"]
        table.add_row(
            first if first == last else f"{first or '?'} .. {last or '?'}",
            str(len(record["articles"])),
            record["title"] or "-",
            record.get("date") or "-",
            record.get("place") or "-",
            str(len(record.get("events") or [])),
            record["id"],
        )
    Console(file=sys.stdout, width=200, soft_wrap=False).print(table)
