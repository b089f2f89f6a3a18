"""`tidings check`: verify a store and say what is wrong with it."""

from __future__ import annotations

import json
import sys

import click

__all__ = ["check_command"]


@click.command(name="check")
@click.option("--db", default="tidings.duckdb", show_default=True, help="The DuckDB store to verify.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def check_command(db: str, as_json: bool) -> None:
    """Verify a store: read every block of every table (DuckDB checks their checksums), count the rows,
    find rows whose event or article is missing, and read the layout version. Exit status 0 when the store
    is sound, 1 when not (or when it cannot be opened).

    Example: tidings check --db news.duckdb
    """
    from dataclasses import asdict

    from tidings.store.check import check_store, format_report

    report = check_store(db)
    if as_json:
        click.echo(json.dumps({**asdict(report), "sound": report.sound}))
    else:
        for line in format_report(report):
            click.echo(line)
    if not report.sound:
        sys.exit(1)
