"""Ingest: input paths -> batches -> an engine -> the store, with a tally for progress and the summary.

The input is streamed and coded in bounded batches; articles already in the store are left out before
extraction, and every `WRITE_BATCHES` batches are written in one transaction, in input order, whatever
the engine, and the store is checkpointed after each write.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import duckdb

from tidings.engines.batch import Batch, batches
from tidings.ingest import read_inputs
from tidings.pipeline import Extractor
from tidings.records import Article
from tidings.store.rows import Shard, stored_article_id
from tidings.store.stories import SETTLE_BATCHES, add_inputs
from tidings.store.write import StoredCounts, settle, stored_article_ids, write_shards

__all__ = ["INPUT_SUFFIXES", "IngestTally", "expand_paths", "ingest"]

Engine = Literal["local", "dask"]
BATCH_SIZE = 32
# batches written in one transaction, after which the store is checkpointed: the indexes and table blocks
# DuckDB holds for what was written since its last checkpoint are freed before the next batches are
# extracted (docs/reliability.md, "Stop 29"); a run killed loses the extraction of at most this many
# batches, never a row
WRITE_BATCHES = 10
MAX_REASONS = 1000  # distinct failure reasons kept for the summary; the failures table keeps them all
OTHER_REASONS = "other reasons (see the failures table)"
# The files a directory contributes (a .gz of any of them too); a file named on the command line is
# always read, whatever its name.
INPUT_SUFFIXES = (
    ".txt",
    ".html",
    ".htm",
    ".jsonl",
    ".ndjson",
    ".csv",
    ".rss",
    ".atom",
    ".xml",
    ".warc",
    ".arc",
)


@dataclass(slots=True)
class IngestTally:
    """What an ingest has done so far: articles read, stored, failed, events stored, failure reasons."""

    read: int = 0
    stored: int = 0
    events: int = 0
    input_failed: int = 0  # inputs or records that could not be read as articles
    extract_failed: int = 0  # articles that extraction could not handle
    reasons: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # reason -> the first record failing so
    undated: int = 0  # articles read without a date: their relative dates stay unresolved
    first_undated: str = ""
    dates_unread: int = 0  # articles whose input gave a date that could not be read
    first_date_unread: str = ""  # "origin: note"

    @property
    def failed(self) -> int:
        return self.input_failed + self.extract_failed

    @property
    def already_stored(self) -> int:
        """Articles read but not stored because their text is in the store (or earlier in the input)."""
        return self.read - self.stored - self.extract_failed


def expand_paths(paths: Sequence[str]) -> Iterator[str]:
    """The files of `paths`: a directory gives its input files, recursively, in name order."""
    for path in paths:
        if path != "-" and Path(path).is_dir():
            for child in sorted(Path(path).rglob("*")):
                name = child.name.lower().removesuffix(".gz")
                if child.is_file() and name.endswith(INPUT_SUFFIXES) and not child.name.startswith("."):
                    yield str(child)
        else:
            yield path


def ingest(
    paths: Sequence[str],
    con: duckdb.DuckDBPyConnection,
    *,
    engine: Engine = "local",
    scheduler: str | None = None,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    published: dt.date | None = None,
    extractor: Extractor | None = None,
    on_batch: Callable[[IngestTally], None] | None = None,
) -> IngestTally:
    """Read `paths` (files, directories, `-`), code the articles not yet stored and store them.

    `workers` is the number of processes: 1 with the local engine codes in this process, more runs a
    local Dask cluster (as `engine="dask"` does; `scheduler` uses an existing cluster instead).
    `on_batch` is called with the tally after each batch is stored (`WRITE_BATCHES` batches are stored
    together, from standard input each alone).
    """
    tally = IngestTally()
    items = read_inputs(list(expand_paths(paths)), published=published)
    fresh = _fresh_batches(batches(items, batch_size), con, tally)
    shards: Iterable[Shard]
    if engine == "dask" or scheduler or workers > 1:
        from tidings.engines.dask import run_dask

        shards = run_dask(fresh, scheduler=scheduler, workers=max(workers, 1))
    else:
        from tidings.engines.local import run_local

        shards = run_local(fresh, extractor)
    # standard input comes at its own pace (a feed piped in): each batch is stored as soon as it is coded,
    # and checkpointed by DuckDB (a checkpoint leaves each table a row group: not one a batch)
    streamed = "-" in paths
    written = 0
    for group in _groups(shards, 1 if streamed else WRITE_BATCHES):
        due = (written + len(group)) // SETTLE_BATCHES > written // SETTLE_BATCHES
        added = write_shards(con, group, checkpoint=not streamed and not due)
        if due:  # large parts' stories decided exactly (tidings.store.stories), then the checkpoint
            settle(con, checkpoint=not streamed)
        written += len(group)
        for shard, counts in zip(group, added, strict=True):
            _count_shard(shard, counts, tally)
            if on_batch:
                on_batch(tally)
    settle(con)
    return tally


def _groups(shards: Iterable[Shard], size: int) -> Iterator[list[Shard]]:
    """The shards, `size` at a time (the last group fewer), each group as soon as it is whole."""
    group: list[Shard] = []
    for shard in shards:
        group.append(shard)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group


def _count_shard(shard: Shard, counts: StoredCounts, tally: IngestTally) -> None:
    """Count a stored shard: its articles read and stored, events, failures and their reasons."""
    tally.read += shard.articles_read
    tally.stored += counts.articles
    tally.events += counts.events
    failures = shard.tables["failures"]
    stages = failures.column("stage").to_pylist()
    tally.input_failed += stages.count("ingest")
    tally.extract_failed += len(stages) - stages.count("ingest")
    for record_id, reason in zip(
        failures.column("record_id").to_pylist(), failures.column("reason").to_pylist(), strict=True
    ):
        if reason in tally.reasons or len(tally.reasons) < MAX_REASONS:
            tally.reasons[reason] += 1
            tally.examples.setdefault(reason, record_id)
        else:
            tally.reasons[OTHER_REASONS] += 1


def _count_dates(article: Article, tally: IngestTally) -> None:
    if article.notes:
        tally.first_date_unread = tally.first_date_unread or f"{article.origin}: {article.notes[0]}"
        tally.dates_unread += 1
    if article.published is None:
        tally.first_undated = tally.first_undated or article.origin
        tally.undated += 1


def _fresh_batches(
    items: Iterable[Batch], con: duckdb.DuckDBPyConnection, tally: IngestTally
) -> Iterator[Batch]:
    """The batches without the articles already stored (not coded again; counted as read with their
    batch's shard, `Batch.articles_read`); a batch left empty still goes on, so that progress is
    reported."""
    for batch in items:
        for article in batch.articles:
            _count_dates(article, tally)
        # every input id a text comes under: a story lists them all (tidings.store.stories)
        add_inputs(con, [(stored_article_id(a), a.id, a.origin) for a in batch.articles])
        known = stored_article_ids(con, [stored_article_id(a) for a in batch.articles])
        if known:
            articles: tuple[Article, ...] = tuple(
                a for a in batch.articles if stored_article_id(a) not in known
            )
            batch = replace(batch, articles=articles)
        yield batch
