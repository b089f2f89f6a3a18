"""Ingest at scale (run by `make bench-scale`): a long `ingest` of articles made by varying the corpus,
with throughput and peak RSS per step.

The corpus's articles are varied into as many distinct ones as asked (20,000 by default): each variant
of an article keeps its first sentence (or paragraph), shuffles the rest, takes in one sentence (or
paragraph) of another article, has its counts changed (numbers that are not years) and is dated some
weeks later, under a new id. The first step and the last hold variants of the same articles (an early
variant of each first, a late one of each last, in the same shuffled order), so that the two steps the
verdict compares ask the same work of extraction, batch by batch, and differ in what the store already
holds; the other articles come between them in shuffled order. (Until stop 26 every step was a random
draw of the whole: 20,000 articles, seed 13, gave a last step with 2.3% more text than the first, and
steps of one run ranged 5.38-6.13 articles per CPU second. Until stop 28 the last step had an order of
its own: its batches, other sets of articles, reached 35 MiB more at extraction's peak than the first
step's did, each ingested alone into an empty store (1,206 against 1,171 MiB); in the first step's
order, 1,169.) Steps are whole writes of the ingest, which stores `WRITE_BATCHES` batches of
`BATCH_SIZE` articles together (320): `--step` and `--articles` are rounded up to them (2,240 and 20,160
by default), so that a step's time is the extraction and the writing of its own articles. The articles
are then ingested into a new store by one process (the local engine, as `tidings ingest` runs it; the
model is loaded before the clock starts) which reports, for each step of `--step` articles: wall time,
CPU time of the process (what other jobs on the machine do not change), peak RSS during the step and
while writing (the store's writes and settling), and the store's size. The figures
must hold: throughput (wall, and per CPU second) falls by at most 10% from the first step to the last,
and the last step's peak RSS is within 10% of the first's. Exit status 1 when one does not hold.
At the end it prints, for the tables linking writes, the rows live and the rows the file holds
(deleted ones the vacuum has not reclaimed included).
Ctrl-C ends the run early with the verdict over the steps done.

    python bench/scale.py [CORPUS.jsonl] [--articles 20000] [--step 2000] [--work DIR] [--seed 13]
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import psutil

if TYPE_CHECKING:
    import duckdb
    from spacy.language import Language

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
BUNDLED = ROOT / "tests" / "store" / "fixtures" / "articles.jsonl"
BASE_DATE = date(2016, 1, 4)  # the date of an article without one, before its variants' weeks are added
ALLOWED_FALL = 0.10  # throughput may fall by at most this from the first step to the last
ALLOWED_GROWTH = 0.10  # and the peak RSS grow by at most this

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_COUNT = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d\b)\d{1,4}(?![\d.,]\d)")  # a count, not a year or 1.5


def pieces(text: str) -> tuple[list[str], str]:
    """The text's paragraphs (when it has three or more) or sentences, and the separator to join them."""
    paragraphs = [p for p in _PARAGRAPH.split(text) if p.strip()]
    if len(paragraphs) >= 3:
        return paragraphs, "\n\n"
    return [s for s in _SENTENCE_END.split(text) if s.strip()], " "


def variant(text: str, donor: str, rng: random.Random) -> str:
    """The text with all but its first piece shuffled, one piece of `donor` put in at random, and its
    counts (numbers that are not years) changed."""
    own, separator = pieces(text)
    other, _ = pieces(donor)
    rest = own[1:]
    rng.shuffle(rest)
    rest.insert(rng.randint(0, len(rest)), rng.choice(other) if other else donor)
    return _COUNT.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), separator.join([*own[:1], *rest]))


def varied_corpus(
    records: list[dict[str, object]], total: int, seed: int, probe: int = 0
) -> Iterator[dict[str, object]]:
    """`total` articles with distinct texts: the corpus's own (each text once) and variants of them (see
    the module), in an order shuffled by `seed`; with `probe`, the first `probe` are early variants and
    the last `probe` late variants of the same corpus articles (`_probe_order`)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[dict[str, object]] = []
    bases = [r for r in records if isinstance(r.get("text"), str) and str(r["text"]).strip()]
    for number, record in enumerate(bases):
        if len(out) < total and _fresh(str(record["text"]), seen):
            out.append({**record, "id": f"article-{number}-0"})
    round_ = 1
    while len(out) < total:
        for number, record in enumerate(bases):
            if len(out) >= total:
                break
            text = str(record["text"])
            for _ in range(5):  # a short text can repeat a variant: try another donor
                text = variant(text, str(rng.choice(bases)["text"]), rng)
                if _fresh(text, seen):
                    break
            else:
                continue
            published = _date(record) + timedelta(weeks=round_ * 3 + number % 3)
            out.append(
                {
                    **record,
                    "id": f"article-{number}-{round_}",
                    "text": text,
                    "pub_date": published.isoformat(),
                }
            )
        round_ += 1
    yield from _probe_order(out, probe, rng)


def _probe_order(
    articles: list[dict[str, object]], probe: int, rng: random.Random
) -> list[dict[str, object]]:
    """The articles shuffled, then, when `probe` corpus articles have both a first variant (round 1) and
    a variant of one later round, those first variants moved to the front and the later ones to the end
    (the latest round that `probe` of them reach), in the same order: the first and the last step hold
    the same articles, varied, batched alike. Fewer such articles (a small corpus): the shuffled order
    alone."""
    rng.shuffle(articles)
    if probe <= 0:
        return articles
    by_round: dict[int, dict[str, dict[str, object]]] = {}
    for article in articles:
        base, round_ = str(article["id"]).rsplit("-", 1)
        by_round.setdefault(int(round_), {})[base] = article
    early = by_round.get(1, {})
    late_rounds = [
        r for r in sorted(by_round, reverse=True) if r > 1 and len(early.keys() & by_round[r].keys()) >= probe
    ]
    if not late_rounds:
        return articles
    late = by_round[late_rounds[0]]
    chosen = sorted(early.keys() & late.keys())
    rng.shuffle(chosen)
    chosen = chosen[:probe]
    # in the same order: batch k of the last step holds variants of the articles of batch k of the first
    first, last = [early[b] for b in chosen], [late[b] for b in chosen]
    taken = {id(a) for a in first + last}
    return first + [a for a in articles if id(a) not in taken] + last


def _fresh(text: str, seen: set[str]) -> bool:
    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if key in seen:
        return False
    seen.add(key)
    return True


def _date(record: dict[str, object]) -> date:
    value = record.get("pub_date") or record.get("published") or record.get("date")
    try:
        return date.fromisoformat(str(value)[:10]) if value else BASE_DATE
    except ValueError:
        return BASE_DATE


def write_corpus(source: Path, total: int, seed: int, out: Path, probe: int = 0) -> int:
    """Write the varied corpus of `source` to `out` (JSON Lines), its first and last `probe` articles
    variants of the same ones; returns its number of articles."""
    with source.open(encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream if line.strip()]
    count = 0
    with out.open("w", encoding="utf-8") as stream:
        for record in varied_corpus(records, total, seed, probe):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


class StepMeter:
    """Peak RSS of this process since the last step, sampled every 50 ms by a thread: of the whole step,
    and of its writing alone (the store's writes and settling, which `writing` marks)."""

    def __init__(self) -> None:
        self._process = psutil.Process()
        self._lock = threading.Lock()
        self._peak = self._write_peak = self._process.memory_info().rss
        self._in_write = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            rss = self._process.memory_info().rss
            with self._lock:
                self._peak = max(self._peak, rss)
                if self._in_write:
                    self._write_peak = max(self._write_peak, rss)

    def writing(self, function: Callable[..., T]) -> Callable[..., T]:
        """`function`, its calls counted as writing."""

        def marked(*args: object, **kwargs: object) -> T:
            with self._lock:
                self._in_write = True
            try:
                return function(*args, **kwargs)
            finally:
                with self._lock:
                    self._in_write = False

        return marked

    def take_peak(self) -> tuple[int, int]:
        """The peak since the previous call (or the start), and the peak while writing (0 if it did not);
        the next step starts from the present RSS."""
        rss = self._process.memory_info().rss
        with self._lock:
            peak, self._peak = max(self._peak, rss), rss
            write_peak, self._write_peak = self._write_peak, 0
        return peak, write_peak

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def child(db: Path, corpus: Path, step: int) -> None:
    """Ingest `corpus` into `db` in this process, one JSON line on stdout per step of `step` articles."""
    import tidings.engines.ingest as ingest_module
    from tidings.engines.ingest import IngestTally, ingest
    from tidings.pipeline import load_extractor
    from tidings.store.check import stored_rows
    from tidings.store.schema import open_store
    from tidings.store.write import REWRITTEN_TABLES

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which ends this with a verdict
    extractor = load_extractor()
    meter = StepMeter()
    # the writes' share of the peak, measured: the ingest's own functions, marked (bench only)
    ingest_module.write_shards = meter.writing(ingest_module.write_shards)  # type: ignore[assignment]
    ingest_module.settle = meter.writing(ingest_module.settle)  # type: ignore[assignment]
    mark = {"read": 0, "wall": time.perf_counter(), "cpu": time.process_time(), "next": step}
    held: dict[str, duckdb.DuckDBPyConnection] = {}

    def report(tally: IngestTally, *, last: bool = False) -> None:
        if tally.read < mark["next"] and not (last and tally.read > mark["read"]):
            return
        wall, cpu = time.perf_counter(), time.process_time()
        peaks = meter.take_peak()
        line = {
            "articles": tally.read,
            "step_articles": tally.read - mark["read"],
            "wall_s": wall - mark["wall"],
            "cpu_s": cpu - mark["cpu"],
            "peak_rss": peaks[0],
            "write_peak_rss": peaks[1],
            "rss": psutil.Process().memory_info().rss,
            "events": tally.events,
            "failed": tally.failed,
            "store_bytes": db.stat().st_size + _size(db.with_name(db.name + ".wal")),
            "load": os.getloadavg()[0],
            "where": _held_memory(held["con"], extractor.nlp) if "con" in held else {},
        }
        print(json.dumps(line), flush=True)
        mark.update(read=tally.read, wall=wall, cpu=cpu, next=(tally.read // step + 1) * step)

    tally = IngestTally()
    with open_store(db) as con:
        held["con"] = con
        tally = ingest([str(corpus)], con, extractor=extractor, on_batch=report)
        # what the ingest did after its last batch (the final settling of large parts), outside every step
        print(json.dumps({"after_last_batch_cpu_s": time.process_time() - mark["cpu"]}), flush=True)
        report(tally, last=True)
        print(json.dumps({"rows": stored_rows(con, REWRITTEN_TABLES)}), flush=True)
    meter.stop()


def _held_memory(con: duckdb.DuckDBPyConnection, nlp: Language) -> dict[str, int]:
    """Where memory is held at the end of a step: DuckDB's own count by tag (those over 1 MiB) and its
    allocator's, glibc malloc's (in MiB), the interpreter's allocated blocks and spaCy's string store (both
    in thousands)."""
    tags = con.execute(
        "SELECT tag, memory_usage_bytes // 1048576 FROM duckdb_memory() WHERE memory_usage_bytes >= 1048576"
    ).fetchall()
    return {
        **{f"duckdb {tag.lower()}": int(mib) for tag, mib in tags},
        "duckdb allocated": _duckdb_allocator("stats.allocated") // 2**20,
        "duckdb resident": _duckdb_allocator("stats.resident") // 2**20,
        "malloc in use": _malloc("in use") // 2**20,
        "malloc held": _malloc("held") // 2**20,
        "python blocks (k)": sys.getallocatedblocks() // 1000,
        "spacy strings (k)": len(nlp.vocab.strings) // 1000,
    }


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def _malloc(which: str) -> int:
    """Bytes glibc's malloc has handed out and not had back ("in use": the interpreter's large objects,
    spaCy, pyarrow; not DuckDB's own allocator) or holds from the system ("held": in use and free); 0
    where there is no glibc."""
    try:
        mallinfo2 = ctypes.CDLL("libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return 0
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return int((info.uordblks if which == "in use" else info.arena) + info.hblkhd)


def _duckdb_allocator(name: str) -> int:
    """A figure of DuckDB's own allocator (jemalloc, built into its module; 0 where it is not): bytes
    handed out (`stats.allocated`) or held in memory (`stats.resident`)."""
    import _duckdb

    try:
        mallctl = ctypes.CDLL(_duckdb.__file__).duckdb_je_mallctl
    except (OSError, AttributeError):
        return 0
    epoch = ctypes.c_uint64(1)  # a new epoch: the figures as of now
    mallctl(b"epoch", None, None, ctypes.byref(epoch), ctypes.c_size_t(8))
    value, size = ctypes.c_size_t(), ctypes.c_size_t(ctypes.sizeof(ctypes.c_size_t))
    if mallctl(name.encode(), ctypes.byref(value), ctypes.byref(size), None, ctypes.c_size_t(0)):
        return 0
    return int(value.value)


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def aligned(articles: int, step: int) -> tuple[int, int]:
    """`articles` and `step` rounded up so that a step is whole writes of the ingest (`WRITE_BATCHES`
    batches of `BATCH_SIZE`, stored together) and the articles whole steps: a step's time then covers
    the extraction and the writing of its own articles."""
    from tidings.engines.ingest import BATCH_SIZE, WRITE_BATCHES

    write = BATCH_SIZE * WRITE_BATCHES
    step = -(-max(step, 1) // write) * write
    return -(-max(articles, 1) // step) * step, step


def run(corpus: Path, articles: int, step: int, work: Path, seed: int) -> bool:
    articles, step = aligned(articles, step)
    varied = work / f"varied-{articles}.jsonl"
    count = write_corpus(corpus, articles, seed, varied, probe=step)
    print(
        f"corpus: {count} distinct articles varied from {corpus} (seed {seed}) in {varied}; steps of {step}"
    )
    db = work / f"scale-{articles}.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    command = [sys.executable, __file__, "--child", str(db), str(varied), "--step", str(step)]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    print(
        f"{'articles':>9} {'articles/s':>10} {'per CPU s':>10} {'peak RSS':>10} {'writing':>9} "
        f"{'end RSS':>9} {'events':>8} {'store':>9} {'load':>5}"
    )
    steps = []
    try:
        for line in process.stdout:
            row = json.loads(line)
            if "after_last_batch_cpu_s" in row:
                settled = row["after_last_batch_cpu_s"]
                print(f"after the last batch (large parts settled): {settled:.2f} CPU s")
                continue
            if "rows" in row:
                for table, (live, held) in row["rows"].items():
                    print(f"{table}: {live} rows live, {held} in the file (deleted ones included)")
                continue
            steps.append(row)
            print(
                f"{row['articles']:>9} {row['step_articles'] / row['wall_s']:>10.2f} "
                f"{row['step_articles'] / row['cpu_s']:>10.2f} {row['peak_rss'] / 2**20:>6.0f} MiB "
                f"{row.get('write_peak_rss', 0) / 2**20:>5.0f} MiB "
                f"{row['rss'] / 2**20:>5.0f} MiB {row['events']:>8} {row['store_bytes'] / 2**20:>5.0f} MiB "
                f"{row['load']:>5.1f}",
                flush=True,
            )
            if row.get("where"):
                print("          held: " + ", ".join(f"{k} {v}" for k, v in row["where"].items()), flush=True)
    except KeyboardInterrupt:  # stopped early (Ctrl-C): the verdict over the steps done
        process.terminate()
        print(f"stopped after {len(steps)} steps")
    if process.wait() not in (0, -15) or len(steps) < 2:
        raise SystemExit(f"ingest ended with status {process.returncode} after {len(steps)} steps")
    text_per_cpu_second(varied, steps)
    return verdict(steps)


def text_per_cpu_second(varied: Path, steps: list[dict[str, float]]) -> None:
    """Print the characters of title and text ingested per CPU second at the first and last step: the
    steps hold the same mix of articles, not the same amount of text (a diagnostic; the verdict is per
    article). The articles are read in the file's order and none was stored before."""
    lengths = []
    with varied.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            lengths.append(len(record.get("text") or "") + len(record.get("title") or ""))
    done, rates = 0, []
    for step in steps:
        count = int(step["step_articles"])
        rates.append(sum(lengths[done : done + count]) / step["cpu_s"])
        done += count
    print(
        f"characters per CPU second: first step {rates[0]:,.0f}, last {rates[-1]:,.0f}, "
        f"last / first {rates[-1] / rates[0]:.3f} (a diagnostic: steps differ in length of text)"
    )


def verdict(steps: list[dict[str, float]]) -> bool:
    """Print and return whether throughput and memory held from the first full step to the last."""
    first, last = steps[0], steps[-1]
    wall = (last["step_articles"] / last["wall_s"]) / (first["step_articles"] / first["wall_s"])
    cpu = (last["step_articles"] / last["cpu_s"]) / (first["step_articles"] / first["cpu_s"])
    rss = last["peak_rss"] / first["peak_rss"]
    ok = min(wall, cpu) >= 1 - ALLOWED_FALL and rss <= 1 + ALLOWED_GROWTH
    print(
        f"last step / first step: throughput {wall:.3f} (wall), {cpu:.3f} (per CPU second), "
        f"peak RSS {rss:.3f}; goal: throughput >= {1 - ALLOWED_FALL:.2f}, "
        f"peak RSS <= {1 + ALLOWED_GROWTH:.2f} -> {'held' if ok else 'NOT HELD'}"
    )
    if wall < 1 - ALLOWED_FALL <= cpu:
        print("(wall-clock throughput fell with the machine's load, not with the work per article)")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="JSONL articles (default: the shared corpus)")
    parser.add_argument("--articles", type=int, default=20_000, help="articles to ingest (default 20000)")
    parser.add_argument("--step", type=int, default=2_000, help="articles per reported step (default 2000)")
    parser.add_argument("--work", type=Path, help="folder for the corpus and the store (default: a new one)")
    parser.add_argument("--seed", type=int, default=13, help="seed of the variation and order (default 13)")
    parser.add_argument("--child", nargs=2, metavar=("DB", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.step)
        return
    corpus = args.corpus or (SHARED_CORPUS if SHARED_CORPUS.exists() else BUNDLED)
    work = args.work or Path(tempfile.mkdtemp(prefix="tidings-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    if not run(corpus, args.articles, args.step, work, args.seed):
        sys.exit(1)


if __name__ == "__main__":
    main()
