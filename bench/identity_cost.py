"""What identity (stories and records, tidings.store.stories) costs at ingest (run by `make bench`).

1. Ingest time with and without identity on the same articles (the first 2,000 of the shared corpus):
   the articles are extracted once, in batches of 32 as `tidings ingest` codes them, and the same shards
   are then written into two fresh stores, without identity and with it, in this process, as the ingest
   writes them (ten batches a transaction, a checkpoint after each). Ingest time is
   extraction plus writing; the ratio is (extraction + writing with identity) / (extraction + writing
   without), goal <= 1.25.
2. Identity alone, in a fresh process each, at 1x and 10x the articles (the copies' texts made distinct
   by an edition line): articles linked per second and the process's peak RSS, goal: within 20% of each
   other. The articles are given dates (the corpus has none): the nth article of copy k the day n mod 365
   of year 2k, so that each copy's stories are as the first's and the copies never meet.

    python bench/identity_cost.py [CORPUS.jsonl] [--articles 2000] [--scale 10]
        [--skip-memory | --memory-only]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
BUNDLED = ROOT / "tests" / "store" / "fixtures" / "articles.jsonl"
BATCH = 32


def _articles(corpus: Path, limit: int) -> list[object]:
    from tidings.ingest import read_inputs
    from tidings.records import Article

    sample = Path(tempfile.mkdtemp()) / "sample.jsonl"
    with corpus.open(encoding="utf-8") as stream:
        sample.write_text("".join(islice(stream, limit)), encoding="utf-8")
    return [a for a in read_inputs([str(sample)]) if isinstance(a, Article)]


def with_and_without(corpus: Path, limit: int) -> None:
    from tidings.engines.batch import Batch, code_batch
    from tidings.engines.ingest import WRITE_BATCHES
    from tidings.pipeline import load_extractor
    from tidings.store.schema import open_store
    from tidings.store.write import write_shards

    articles = _articles(corpus, limit)
    extractor = load_extractor()
    start = time.perf_counter()
    shards = [
        code_batch(Batch(number=n, articles=tuple(articles[i : i + BATCH])), extractor)  # type: ignore[arg-type]
        for n, i in enumerate(range(0, len(articles), BATCH))
    ]
    extraction = time.perf_counter() - start
    work = Path(tempfile.mkdtemp())
    seconds = {}
    for stories in (False, True):
        with open_store(work / f"stories-{stories}.duckdb") as con:
            start = time.perf_counter()
            for i in range(0, len(shards), WRITE_BATCHES):
                write_shards(con, shards[i : i + WRITE_BATCHES], stories=stories, checkpoint=True)
            seconds[stories] = time.perf_counter() - start
            if stories:
                found = con.execute(
                    "SELECT count(DISTINCT story_id), count(*), (SELECT count(DISTINCT record_id) FROM"
                    " record_members), (SELECT count(*) FROM events) FROM story_members"
                ).fetchone()
    assert found is not None
    without, with_ = extraction + seconds[False], extraction + seconds[True]
    identity = seconds[True] - seconds[False]
    count = len(articles)
    print(f"corpus: {count} articles of {corpus}; {found[1]} in {found[0]} stories, {found[3]} events in")
    print(f"  {found[2]} records")
    print(f"extraction (once, shared by both)   {extraction:8.1f} s")
    print(f"writing without identity            {seconds[False]:8.1f} s")
    print(f"writing with identity               {seconds[True]:8.1f} s  (identity {identity:.1f} s)")
    print(f"ingest without identity             {without:8.1f} s  ({count / without:.1f} articles/s)")
    print(f"ingest with identity                {with_:8.1f} s  ({count / with_:.1f} articles/s)")
    print(f"ratio with / without identity: {with_ / without:.3f} (goal <= 1.25)")


def link_only(corpus: Path, limit: int, copies: int) -> None:
    """In this process: write `copies` copies of the articles, without events, with identity."""
    from tidings.records import Article, ArticleResult
    from tidings.store.check import stored_rows
    from tidings.store.rows import shard_of
    from tidings.store.schema import open_store
    from tidings.store.write import write_shard

    base = _articles(corpus, limit)
    db = Path(tempfile.mkdtemp()) / "linked.duckdb"
    count = 0
    peaks: list[int] = []  # MiB
    start = time.perf_counter()
    with open_store(db) as con:
        for copy in range(copies):
            # each batch's copies made as it is written: a whole copy's texts held at once would be memory
            # the 10x run holds and the 1x run (whose copy is the corpus itself) does not
            for i in range(0, len(base), BATCH):
                shifted = [
                    Article(
                        id=f"{copy}-{a.id}",  # type: ignore[attr-defined]
                        text=a.text if copy == 0 else f"{a.text}\n\nEdition {copy + 1}.",  # type: ignore[attr-defined]
                        title=a.title,  # type: ignore[attr-defined]
                        published=dt.date(2000, 1, 1) + dt.timedelta(days=730 * copy + n % 365),
                    )
                    for n, a in enumerate(base[i : i + BATCH], start=i)
                ]
                write_shard(con, shard_of([ArticleResult(article=a) for a in shifted]))
                count += len(shifted)
            # the peak so far, after each copy: a steady climb is memory kept, a step one batch's spike
            peaks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
        stories = con.execute("SELECT count(DISTINCT story_id) FROM story_members").fetchone()
        held = stored_rows(con, ("story_parts", "story_members"))  # live rows, and rows the file holds
    seconds = time.perf_counter() - start
    found = {
        "articles": count,
        "seconds": seconds,
        "stories": stories[0] if stories else 0,
        "peaks": peaks,
        "held": held,
        "store": db.stat().st_size,
    }
    print(json.dumps(found))


def memory(corpus: Path, limit: int, scale: int) -> None:
    print(f"\nidentity alone (no extraction), in a fresh process each, first {limit} articles as 1x:")
    peaks = []
    for copies in (1, scale):
        command = [
            sys.executable,
            __file__,
            str(corpus),
            "--articles",
            str(limit),
            "--link-only",
            str(copies),
        ]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env={**os.environ})
        watched = psutil.Process(process.pid)
        peak = 0
        while process.poll() is None:
            with contextlib.suppress(psutil.Error):
                peak = max(peak, watched.memory_info().rss)
            time.sleep(0.05)
        out = process.stdout.read() if process.stdout else ""
        if process.returncode:
            raise SystemExit(f"link-only run failed ({process.returncode})")
        found = json.loads(out.strip().splitlines()[-1])
        peaks.append(peak)
        print(
            f"  {copies:>2}x {found['articles']:6} articles: {peak / 2**20:6.0f} MiB peak RSS,"
            f" {found['articles'] / found['seconds']:6.1f} articles/s, {found['stories']} stories"
        )
        if copies > 1:
            print(f"       peak after each {limit} articles (MiB): {found['peaks']}")
        rows = ", ".join(f"{t} {live} live / {kept} in the file" for t, (live, kept) in found["held"].items())
        print(f"       store {found['store'] / 2**20:.0f} MiB; {rows}")
    print(f"peak RSS at {scale}x / 1x: {peaks[1] / peaks[0]:.2f} (goal within 20%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="JSONL articles (default: the shared corpus)")
    parser.add_argument("--articles", type=int, default=2000, help="articles to measure (default 2000)")
    parser.add_argument("--scale", type=int, default=10, help="copies for the memory check (default 10)")
    parser.add_argument("--skip-memory", action="store_true", help="only the ingest times")
    parser.add_argument("--memory-only", action="store_true", help="only the peak RSS at 1x and --scale")
    parser.add_argument("--link-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    corpus = args.corpus or (SHARED_CORPUS if SHARED_CORPUS.exists() else BUNDLED)
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    if args.link_only:
        link_only(corpus, args.articles, args.link_only)
        return
    if not args.memory_only:
        with_and_without(corpus, args.articles)
    if not args.skip_memory:
        memory(corpus, args.articles, args.scale)


if __name__ == "__main__":
    main()
