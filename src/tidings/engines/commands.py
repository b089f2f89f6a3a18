"""`tidings ingest`: the command over `tidings.engines.ingest`, with a progress bar and a summary."""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import TYPE_CHECKING

import click

from ..cli_options import parse_date_option

if TYPE_CHECKING:
    from tidings.engines.ingest import IngestTally

__all__ = ["ingest_command"]

SHOWN_REASONS = 10


@click.command(name="ingest")
@click.option("--db", default="tidings.duckdb", show_default=True, help="The DuckDB store to write.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Code in this process, or on Dask workers.",
)
@click.option("--scheduler", help="Address of an existing Dask scheduler (implies --engine dask).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes of the local Dask cluster; more than 1 implies --engine dask.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    help="Articles per batch (ten batches are stored per transaction).",
)
@click.option(
    "--published",
    callback=parse_date_option,
    help="Publication date (2016-12-01, 'December 1, 2016', RFC 2822) of inputs without one.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.argument("paths", nargs=-1, required=True)
def ingest_command(
    db: str,
    engine: str,
    scheduler: str | None,
    workers: int,
    batch_size: int | None,
    published: date | None,
    quiet: bool,
    paths: tuple[str, ...],
) -> None:
    """Code articles into a DuckDB store: files, directories (recursively), feeds, WARC files, or -.

    Re-running stores nothing twice; an interrupted run picks up where it stopped.

    Example: tidings ingest --db news.duckdb ../shared/corpus/news.jsonl
    """
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from tidings.engines.ingest import BATCH_SIZE, ingest
    from tidings.store.schema import open_store

    console = Console(stderr=True)
    started = time.monotonic()
    with open_store(db) as con:
        progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            disable=quiet,
            transient=False,
        )
        with progress:
            task = progress.add_task("starting", total=None)

            def show(tally: IngestTally) -> None:
                rate = tally.read / max(time.monotonic() - started, 1e-9)
                progress.update(
                    task,
                    description=(
                        f"{tally.read} articles read, {rate:.1f} articles/s, "
                        f"{tally.events} events found, {tally.failed} failed"
                    ),
                )

            tally = ingest(
                list(paths),
                con,
                engine="dask" if engine == "dask" else "local",
                scheduler=scheduler,
                workers=workers,
                batch_size=batch_size or BATCH_SIZE,
                published=published,
                on_batch=show,
            )
    _summary(tally, db, time.monotonic() - started)
    if tally.failed and tally.stored + tally.already_stored == 0:  # nothing got through: as one bad input
        sys.exit(1)


def _summary(tally: IngestTally, db: str, seconds: float) -> None:
    echo = click.echo
    echo(
        f"tidings: {tally.read} articles read, {tally.stored} stored, {tally.already_stored} skipped "
        f"as already stored, {tally.failed} failed; {tally.events} events stored in {db} "
        f"({seconds:.1f} s)",
        err=True,
    )
    if tally.dates_unread:
        echo(f"tidings:   {tally.dates_unread} dates not read (first: {tally.first_date_unread})", err=True)
    if tally.undated:
        echo(
            f'tidings:   {tally.undated} articles without a date: their relative dates ("on Thursday") '
            f"stay unresolved; give --published (first: {tally.first_undated})",
            err=True,
        )
    for reason, count in tally.reasons.most_common(SHOWN_REASONS):
        first = tally.examples.get(reason)
        where = f" (first: {first})" if first else ""
        echo(f"tidings:   {count} failed: {reason}{where}", err=True)
    if len(tally.reasons) > SHOWN_REASONS:
        echo(
            f"tidings:   ... {len(tally.reasons) - SHOWN_REASONS} other reasons (see the failures table)",
            err=True,
        )
