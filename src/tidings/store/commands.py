"""`tidings events` and `tidings export`: the store's events for a researcher, and for other tools."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import click

from ..cli_options import parse_date_option

__all__ = ["events_command", "export_command", "plover_types"]


@cache
def plover_types() -> tuple[str, ...]:
    """The PLOVER event types (roots), as the knowledge base's CAMEO table maps codes to them."""
    table = json.loads((resources.files("tidings") / "knowledge" / "cameo.json").read_text(encoding="utf-8"))
    return tuple(sorted({v["plover"] for v in table.values() if isinstance(v, dict) and v.get("plover")}))


def _event_type(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A PLOVER type in any case, as capitals; a usage error listing the types otherwise."""
    if value is None:
        return None
    if value.upper() not in plover_types():
        raise click.BadParameter(f"{value!r} is not a PLOVER event type (one of {', '.join(plover_types())})")
    return value.upper()


MAX_LIMIT = 2**62  # --limit beyond this is a usage error, not an overflow in DuckDB


def _filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command over the store shares: which store, and which events."""
    options = [
        click.option("--db", default="tidings.duckdb", show_default=True, help="The DuckDB store to read."),
        click.option(
            "--actor", help="Actor: a code in capitals (USA, USA/GOV, GOV), an entity id or part of a name."
        ),
        click.option("--recipient", help="Recipient, as for --actor."),
        click.option(
            "--type", "event_type", callback=_event_type, help="PLOVER event type (ASSAULT, PROTEST, ...)."
        ),
        click.option(
            "--since", callback=parse_date_option, help="Events on or after this date (YYYY-MM-DD)."
        ),
        click.option(
            "--until", callback=parse_date_option, help="Events on or before this date (YYYY-MM-DD)."
        ),
        click.option("--undated", is_flag=True, help="With --since or --until: events without a date too."),
        click.option("--country", help="An actor's, a recipient's or the location's country (ISO alpha-3)."),
        click.option("--query", "text", help="Words in the evidence sentence or the article's title."),
        click.option(
            "--certainty",
            default="occurred",
            show_default=True,
            callback=_parse_certainty,
            help="occurred: events the text reports as done (asserted, reported, alleged, claimed, denied,"
            " promised); all: planned, hypothetical and negated ones too; or certainties separated by"
            " commas (negated,planned).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _parse_certainty(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...] | None:
    from tidings.store.query import certainty_filter

    try:
        return certainty_filter(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _query(limit: int | None, **filters: Any) -> Any:
    from tidings.store.query import EventQuery

    return EventQuery(limit=limit, **filters)


@click.command(name="events")
@_filters
@click.option(
    "--limit", type=click.IntRange(0, MAX_LIMIT), default=20, show_default=True, help="At most N events."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--mentions", is_flag=True, help="One row per mention (per report's sentence), not per real-world event."
)
def events_command(db: str, limit: int, fmt: str, mentions: bool, **filters: Any) -> None:
    """The real-world events with a report that matches, newest first, each with how many reports tell
    of it and the values they disagree on; --mentions lists every mention with its evidence sentence.
    Planned, hypothetical and negated events are left out unless asked for (--certainty all).

    Example: tidings events --db news.duckdb --actor RUS --type ASSAULT --since 2022-01-01
    """
    from tidings.store.export import write_csv, write_jsonl
    from tidings.store.query import event_records
    from tidings.store.schema import open_store

    if not mentions:
        from tidings.store.record_export import write_records
        from tidings.store.record_query import matching_record_count

        with open_store(db, read_only=True) as con:
            query = _query(limit, **filters)
            shown = write_records(con, query, fmt)
            if shown == limit and (matched := matching_record_count(con, query)) > shown:
                click.echo(f"tidings: showing {shown} of {matched} events; use --limit to see more", err=True)
        return
    with open_store(db, read_only=True) as con:
        query = _query(limit, **filters)
        records = event_records(con, query)
        if fmt == "jsonl":
            shown = write_jsonl(records, sys.stdout)
        elif fmt == "csv":
            shown = write_csv(records, sys.stdout)
        else:
            shown = _write_table(list(records))
        if shown == limit and (matched := _matching(con, query)) > shown:
            click.echo(f"tidings: showing {shown} of {matched} events; use --limit to see more", err=True)


def _matching(con: Any, query: Any) -> int:
    """How many events match `query`, its limit aside."""
    from tidings.store.query import matching_sql

    sql, params = matching_sql(query, "count(*)")
    return int(con.execute(sql, params).fetchone()[0])


@click.command(name="export")
@_filters
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "jsonl", "csv", "plover-json"]),
    required=True,
    help="parquet (nested columns), jsonl (the extract layout), csv (flat), plover-json (PLOVER records).",
)
@click.option("--out", required=True, help="The file to write (- for standard output, except parquet).")
@click.option("--limit", type=click.IntRange(0, MAX_LIMIT), help="At most N events (default: all).")
def export_command(db: str, fmt: str, out: str, limit: int | None, **filters: Any) -> None:
    """Write the store's events, or those that match, for other tools (planned, hypothetical and negated
    events only with --certainty all). CSV cells that a spreadsheet would run as a formula start with '.

    Example: tidings export --db news.duckdb --format parquet --out events.parquet
    """
    from tidings.errors import TidingsError
    from tidings.store.export import write_events
    from tidings.store.schema import open_store

    if fmt == "parquet" and out == "-":
        raise TidingsError("--format parquet needs a file for --out, not standard output")
    with open_store(db, read_only=True) as con:
        try:
            count = write_events(con, _query(limit, **filters), fmt, out)
        except OSError as error:
            raise TidingsError(f"{out}: cannot write ({error.strerror or error})") from None
    if out != "-":
        click.echo(f"tidings: {count} events written to {out}", err=True)


def _write_table(records: list[dict[str, Any]]) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(records)} events, newest first", show_lines=True)
    for column in ("date", "actor", "type/mode (CAMEO)", "recipient", "certainty", "evidence", "id"):
        table.add_column(column, overflow="fold")
    for record in records:
        kind = (
            record["event_type"] + (f"/{record['mode']}" if record["mode"] else "") + f" ({record['cameo']})"
        )
        table.add_row(
            record["date"] or "-",
            _names(record["actors"]),
            kind,
            _names(record["recipients"]),
            record["certainty"],
            record["evidence"]["sentence"],
            record["id"],
        )
    Console(file=sys.stdout, width=200, soft_wrap=False).print(table)
    return len(records)


def _names(refs: list[dict[str, Any]]) -> str:
    parts = []
    for ref in refs:
        code = "/".join(x for x in (ref["country"], ref["sector"]) if x)
        name = ref["name"] or ref["text"]
        parts.append(f"{name} ({code})" if code else name)
    return "; ".join(parts) or "-"
