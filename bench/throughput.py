"""Throughput of Tidings against spaCy's full pipeline, and of ingest into DuckDB (run by `make bench`).

For the same texts, in this process: spaCy's full pipeline alone (`nlp.pipe`), Tidings extraction
(parse, extract, resolve, link) and Tidings ingest into a fresh DuckDB store, each as articles/s,
tokens/s and peak RSS during the stage; then the ratio of extraction time to spaCy's. Then, each in a
fresh `tidings ingest` process: peak RSS at 1x and 10x a corpus (distinct texts, so nothing is skipped),
and ingest throughput with --workers 2 against 1.

    python bench/throughput.py [CORPUS.jsonl] [--articles 500] [--rss-articles 100] [--skip-processes]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
BUNDLED = ROOT / "tests" / "store" / "fixtures" / "articles.jsonl"


class PeakRSS:
    """The peak resident set size of this process while the block runs, sampled every 20 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._process = psutil.Process()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._process.memory_info().rss)
            self._stop.wait(0.02)

    @contextmanager
    def measure(self) -> Iterator[PeakRSS]:
        self.peak = self._process.memory_info().rss
        thread = threading.Thread(target=self._sample, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()
            self._stop.clear()


def _lines(path: Path, limit: int) -> list[str]:
    with path.open(encoding="utf-8") as stream:
        return [line for line in islice(stream, limit) if line.strip()]


def _row(name: str, articles: int, tokens: int, seconds: float, rss: int) -> str:
    return (
        f"{name:<34} {articles / seconds:9.1f} articles/s {tokens / seconds:11.0f} tokens/s "
        f"{rss / 2**20:8.0f} MiB peak RSS  ({seconds:.1f} s)"
    )


def _timed(stage: Callable[[], object]) -> tuple[float, int]:
    meter = PeakRSS()
    with meter.measure():
        start = time.perf_counter()
        stage()
        seconds = time.perf_counter() - start
    return seconds, meter.peak


def in_process(corpus: Path, limit: int) -> None:
    from tidings.engines.ingest import ingest
    from tidings.ingest import read_inputs
    from tidings.pipeline import extract_articles, load_extractor
    from tidings.records import Article
    from tidings.store.schema import open_store

    extractor = load_extractor()
    sample = Path(tempfile.mkdtemp()) / "sample.jsonl"
    sample.write_text("".join(_lines(corpus, limit)), encoding="utf-8")
    articles = [a for a in read_inputs([str(sample)]) if isinstance(a, Article)]
    texts = [a.text for a in articles]
    nlp = extractor.nlp
    list(nlp.pipe(texts[:8]))  # warm up
    tokens = 0

    def spacy_only() -> None:
        nonlocal tokens
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))

    def extraction() -> None:
        for _ in extract_articles(articles, extractor):
            pass

    def into_duckdb() -> None:
        with open_store(sample.with_suffix(".duckdb")) as con:
            ingest([str(sample)], con, extractor=extractor)

    print(f"corpus: {len(articles)} articles of {corpus} ({sum(map(len, texts)):,} characters)")
    print(f"spaCy pipeline: {', '.join(nlp.pipe_names)}")
    spacy_s, spacy_rss = _timed(spacy_only)
    print(_row("spaCy full pipeline (nlp.pipe)", len(texts), tokens, spacy_s, spacy_rss))
    extract_s, extract_rss = _timed(extraction)
    print(_row("Tidings extraction", len(texts), tokens, extract_s, extract_rss))
    ingest_s, ingest_rss = _timed(into_duckdb)
    print(_row("Tidings ingest into DuckDB", len(texts), tokens, ingest_s, ingest_rss))
    ratio = extract_s / spacy_s
    print(f"ratio of Tidings extraction time to spaCy's full pipeline: {ratio:.2f} (goal <= 1.0)")


def _copies(corpus: Path, limit: int, times: int, out: Path) -> int:
    """`times` copies of the first `limit` articles, each copy's texts made distinct by an edition line."""
    lines = [json.loads(line) for line in _lines(corpus, limit)]
    with out.open("w", encoding="utf-8") as stream:
        for copy in range(times):
            for number, record in enumerate(lines):
                text = record["text"] if copy == 0 else f"{record['text']}\n\nEdition {copy + 1}."
                stream.write(json.dumps({**record, "id": f"{copy}-{number}", "text": text}) + "\n")
    return len(lines) * times


def _ingest_process(corpus: Path, *extra: str) -> tuple[float, int, str]:
    """Seconds, peak RSS (bytes, the process and its worker children) and the summary of one ingest."""
    db = corpus.with_name(f"{corpus.stem}-{'-'.join(extra) or 'local'}.duckdb")
    command = [sys.executable, "-m", "tidings.cli", "ingest", "--quiet", "--db", str(db), *extra, str(corpus)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    parent = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            family = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in family if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    err = process.stderr.read() if process.stderr else ""
    if process.returncode:
        raise SystemExit(f"ingest failed: {err}")
    return seconds, peak, err.strip().splitlines()[0]


def processes(corpus: Path, limit: int, rss_articles: int) -> None:
    work = Path(tempfile.mkdtemp())
    print(f"\npeak RSS of `tidings ingest` (one process, first {rss_articles} articles as 1x):")
    for times in (1, 10):
        path = work / f"x{times}.jsonl"
        count = _copies(corpus, rss_articles, times, path)
        seconds, peak, summary = _ingest_process(path)
        size = f"{times:>2}x {count:6} articles"
        print(f"  {size}: {peak / 2**20:6.0f} MiB, {count / seconds:5.1f} articles/s [{summary}]")
    print(f"\n`tidings ingest` of {limit} articles, wall time including start-up and model loading:")
    path = work / "workers.jsonl"
    count = _copies(corpus, limit, 1, path)
    for workers in ("1", "2"):
        seconds, peak, summary = _ingest_process(path, "--workers", workers)
        print(
            f"  --workers {workers}: {count / seconds:5.1f} articles/s, {seconds:6.1f} s, "
            f"{peak / 2**20:6.0f} MiB peak RSS (all processes)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="JSONL articles (default: the shared corpus)")
    parser.add_argument("--articles", type=int, default=500, help="articles to measure (default 500)")
    parser.add_argument("--rss-articles", type=int, default=100, help="articles of the 1x RSS corpus")
    parser.add_argument("--skip-processes", action="store_true", help="only the in-process figures")
    args = parser.parse_args()
    corpus = args.corpus or (SHARED_CORPUS if SHARED_CORPUS.exists() else BUNDLED)
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    in_process(corpus, args.articles)
    if not args.skip_processes:
        processes(corpus, args.articles, args.rss_articles)


if __name__ == "__main__":
    main()
