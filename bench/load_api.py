"""Load check of `tidings serve`: mixed API requests from concurrent clients against a real server on
loopback; prints p50/p95/p99 latency per kind of request and overall, the errors by status, and the
server's peak memory. Not a test.

    python bench/load_api.py                      # builds a store of >= 50,000 events, then 10,000 requests
    python bench/load_api.py --db news.duckdb     # an existing store, as it is
    python bench/load_api.py --workers 1          # one server process (default: one per CPU)
    python bench/load_api.py --corpus ../shared/corpus/news.jsonl --articles 20000 --keep big.duckdb
    python bench/load_api.py --db big.duckdb --uncached --clients 16 --requests 20000
    python bench/load_api.py --db copy.duckdb --grow --events 175000 --build-only   # grows copy.duckdb

By default the store is built by `tidings ingest` of the fixture corpus and the bundled example; with
`--corpus` by an ingest of that corpus (real extraction; `--base` keeps that ingest for the next run).
Then its rows are copied under new ids, with dates shifted by whole weeks, until it holds `--events`
events (or `--articles` articles): the queries see the volume and spread of a large store without hours
of extraction. `--uncached` runs the server with `--no-cache` (every answer computed afresh) and draws
every request's parameters at random (filters, dates, actors, pages deep into the list), so that the
figures are those of the queries, not of the answer cache. `--grow` copies the rows of the store `--db`
names (in place: give it a copy) the same way, the last copy a share of its articles, until it holds
about `--events` events.

Besides latency it prints the CPU time the server processes and the clients used over the run, per
request, and what the rest of the machine used meanwhile: on a machine the clients share with the server
(and with other jobs), latency under load is the CPU a request costs times the requests in flight.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

import duckdb
import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "tests" / "store" / "fixtures", ROOT / "examples" / "belarus-pardon.txt"]
# the ingest and the server run this checkout's code, whatever the environment has installed
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
}
WORDS = ["sanctions", "protest", "police", "talks", "killed", "arrested", "minister", "border", "aid", "the"]


def ingest(path: Path, sources: list[Path]) -> None:
    subprocess.run(
        [sys.executable, "-m", "tidings.cli", "ingest", "--quiet", "--db", str(path), "--published"]
        + ["2025-12-13", *map(str, sources)],
        check=True,
        env=ENV,
    )


def replicate(path: Path, *, events: int | None = None, articles: int | None = None) -> None:
    """Copy the store's rows under new ids (hex digits of a hash of the id and the copy's number, as
    stored ids are), dates shifted back k weeks in copy k, until it holds about `events` events or
    `articles` articles (the last copy holds a share of the articles); then the derived columns of
    every event are computed again, as an upgrade does."""
    from tidings.store.schema import DERIVED_COLUMNS

    con = duckdb.connect(str(path))
    base_events, base_articles = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles)"
    ).fetchone()  # type: ignore[misc]
    wanted = events / base_events if events else (articles or 0) / base_articles
    copies = max(wanted - 1, 0.0)  # e.g. 1.42: one whole copy and 42% of the articles in a second
    # copy k of an article when k <= copies, or k is the last and the article's hash falls in its share
    con.execute(
        "CREATE TEMP TABLE k AS SELECT range AS k, least(? - (range - 1), 1.0) AS share FROM range(1, ?)",
        [copies, int(-(-copies // 1)) + 1],
    )
    con.execute("CREATE TEMP TABLE originals AS SELECT id FROM articles")
    con.execute(
        "CREATE TEMP TABLE copied AS SELECT o.id, k.k FROM originals o, k"
        " WHERE hash(o.id) % 1000000 < k.share * 1000000"
    )

    def new_id(column: str, prefix: str) -> str:
        return f"'{prefix}' || substr(md5({column} || '~' || k), 1, 16)"

    def cleared(table: str) -> str:
        return "".join(f", NULL AS {column}" for column, _ in DERIVED_COLUMNS.get(table, ()))

    shift = "7 * k::INTEGER"

    # the rows of a table by event, once for each copy of their event's article
    def by_event(table: str) -> str:
        return (
            f"(SELECT {table}.*, c.k FROM {table} JOIN events e ON e.id = {table}.event_id"
            " JOIN copied c ON c.id = e.article_id)"
        )

    con.execute("BEGIN")
    con.execute(
        f"INSERT INTO articles SELECT * EXCLUDE (k) REPLACE ({new_id('id', 'sha256:')} AS id,"
        f" published - {shift} AS published)"
        " FROM (SELECT articles.*, c.k FROM articles JOIN copied c ON c.id = articles.id)"
    )
    con.execute(
        f"INSERT INTO events SELECT * EXCLUDE (k) REPLACE ({new_id('id', 'ev_')} AS id,"
        f" {new_id('article_id', 'sha256:')} AS article_id, date - {shift} AS date{cleared('events')})"
        " FROM (SELECT events.*, c.k FROM events JOIN copied c ON c.id = events.article_id)"
    )
    con.execute(
        f"INSERT INTO actors SELECT * EXCLUDE (k) REPLACE ({new_id('event_id', 'ev_')} AS event_id"
        f"{cleared('actors')}) FROM {by_event('actors')}"
    )
    for table in ("links", "flags"):
        extra = f", {new_id('target_id', 'ev_')} AS target_id" if table == "links" else ""
        con.execute(
            f"INSERT INTO {table} SELECT * EXCLUDE (k)"
            f" REPLACE ({new_id('event_id', 'ev_')} AS event_id{extra})"
            f" FROM {by_event(table)}"
        )
    con.execute("DELETE FROM layout")  # the next open computes every derived column again
    con.execute("COMMIT")
    con.close()
    _open_for_writing(path)


def _open_for_writing(path: Path) -> None:
    """Open the store for writing with this checkout's code: a store of another layout is upgraded."""
    code = f"from tidings.store.schema import open_store; open_store({str(path)!r}).close()"
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)


def build_store(path: Path, args: argparse.Namespace) -> None:
    if args.corpus is None:
        ingest(path, SOURCES)
    elif args.base is not None and args.base.exists():
        shutil.copy(args.base, path)
    else:
        ingest(path, [args.corpus])
        if args.base is not None:
            shutil.copy(path, args.base)
    _open_for_writing(path)  # a store of an earlier layout gets this one's
    replicate(path, events=None if args.articles else args.events, articles=args.articles)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Mix:
    """What the store holds, to draw requests from."""

    def __init__(self, db: Path):
        con = duckdb.connect(str(db), read_only=True)
        con.execute("SET threads = 1")  # the samples are the same on every run (REPEATABLE) on one thread
        self.event_ids = [
            r[0]
            for r in con.execute(
                "SELECT id FROM events USING SAMPLE reservoir(5000 ROWS) REPEATABLE (6)"
            ).fetchall()
        ]
        self.article_ids = [
            r[0]
            for r in con.execute(
                "SELECT id FROM articles USING SAMPLE reservoir(2000 ROWS) REPEATABLE (6)"
            ).fetchall()
        ]
        # actors weighted by their events, as users would follow them from the lists
        self.actor_ids = [
            r[0]
            for r in con.execute(
                "SELECT entity_id FROM actors WHERE entity_id IS NOT NULL"
                " USING SAMPLE reservoir(5000 ROWS) REPEATABLE (6)"
            ).fetchall()
        ]
        self.countries = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT country FROM actors WHERE country IS NOT NULL ORDER BY country"
            ).fetchall()
        ]
        self.types = [
            r[0] for r in con.execute("SELECT DISTINCT event_type FROM events ORDER BY event_type").fetchall()
        ]
        first, last = con.execute("SELECT min(date), max(date) FROM events").fetchone()  # type: ignore[misc]
        self.first, self.days = first, max((last - first).days, 1)
        con.close()

    def requests(self, rng: random.Random, n: int, *, varied: bool) -> list[tuple[str, str]]:
        """(kind, path) for `n` requests; `varied`: parameters drawn at random from wide ranges, and a
        share of requests that follow the previous list's next page ("next", filled in by the client)."""

        def events() -> str:
            if not varied:
                params = rng.choice(
                    [
                        "",
                        f"type={rng.choice(self.types)}",
                        f"country={rng.choice(self.countries)}",
                        f"actor={rng.choice(self.countries)}",
                        "since=2024-01-01&until=2024-12-31",
                        "q=sanctions",
                        f"type={rng.choice(self.types)}&since=2020-01-01",
                    ]
                )
                return f"/api/v1/events?limit=50&{params}"
            params: dict[str, str | int] = {"limit": rng.choice([20, 50, 100])}
            for name, share, value in (
                ("type", 0.4, lambda: rng.choice(self.types)),
                ("country", 0.3, lambda: rng.choice(self.countries)),
                ("actor", 0.15, lambda: rng.choice(self.countries)),
                ("since", 0.3, lambda: self._day(rng)),
                ("q", 0.1, lambda: rng.choice(WORDS)),
                ("sort", 0.2, lambda: "date_asc"),
                ("certainty", 0.1, lambda: "all"),
            ):
                if rng.random() < share:
                    params[name] = value()
            if "since" in params and rng.random() < 0.5:
                params["until"] = self._day(rng, after=str(params["since"]))
            return "/api/v1/events?" + urlencode(params)

        def stats() -> str:
            by = rng.choice(["month", "week", "type", "country", "dyad"])
            if not varied:
                return f"/api/v1/stats?by={by}"
            params = {"by": by}
            if rng.random() < 0.5:
                params["type"] = rng.choice(self.types)
            if rng.random() < 0.3:
                params["country"] = rng.choice(self.countries)
            return "/api/v1/stats?" + urlencode(params)

        def actors() -> str:
            if not varied:
                return f"/api/v1/actors?q={rng.choice(['gov', 'union', 'russia', 'b'])}"
            return "/api/v1/actors?" + urlencode({"q": rng.choice(WORDS[:-1] + ["gov", "union", "b", "ru"])})

        makers = [
            ("events", events, 30),
            ("event", lambda: f"/api/v1/events/{rng.choice(self.event_ids)}", 25),
            ("article", lambda: f"/api/v1/articles/{rng.choice(self.article_ids)}", 10),
            ("actors", actors, 8),
            ("actor", lambda: f"/api/v1/actors/{rng.choice(self.actor_ids)}", 10),
            ("stats", stats, 12),
            ("health", lambda: "/api/v1/health", 5),
        ]
        if varied:
            makers.append(("next", lambda: "", 10))
        kinds = [(name, make) for name, make, weight in makers for _ in range(weight)]
        return [(name, make()) for name, make in (rng.choice(kinds) for _ in range(n))]

    def _day(self, rng: random.Random, after: str | None = None) -> str:
        import datetime as dt

        start = dt.date.fromisoformat(after) if after else self.first
        span = max((self.first + dt.timedelta(days=self.days) - start).days, 1)
        return (start + dt.timedelta(days=rng.randrange(span))).isoformat()


def run(
    url: str, requests: list[tuple[str, str]], clients: int
) -> tuple[dict[str, list[float]], list[str], float]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    queue = iter(requests)

    def client() -> None:
        following: str | None = None  # the next page of this client's last list
        with httpx.Client(base_url=url, timeout=60) as http:
            while True:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                kind, path = item
                if kind == "next":
                    if following is None:
                        kind, path = "events", "/api/v1/events?limit=50"
                    else:
                        path = following
                start = time.perf_counter()
                try:
                    response = http.get(path)
                    ok = response.status_code == 200
                    reason = f"{response.status_code} {path}"
                    if ok and path.startswith("/api/v1/events?"):
                        cursor = response.json().get("next_cursor")
                        base = path.split("&cursor=")[0]
                        following = f"{base}&{urlencode({'cursor': cursor})}" if cursor else None
                except httpx.HTTPError as error:
                    ok, reason = False, f"{type(error).__name__} {path}"
                elapsed = time.perf_counter() - start
                with lock:
                    latencies[kind].append(elapsed)
                    if not ok:
                        errors.append(reason)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - start


def _percentiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {q[49] * 1000:7.1f} ms  p95 {q[94] * 1000:7.1f} ms  p99 {q[98] * 1000:7.1f} ms"


def _rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the worker processes), in MB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _server_pids(pid: int) -> list[int]:
    """The server process and its children (the worker processes)."""
    try:
        return [pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    except OSError:
        return [pid]


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """CPU time (user and system) each of these processes has used so far, in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return found


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle, iowait
    return (sum(values[:8]) - idle) / tick, sum(values[:8]) / tick


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, help="An existing store (default: build one)")
    parser.add_argument("--corpus", type=Path, help="Build the store from an ingest of this corpus")
    parser.add_argument("--base", type=Path, help="With --corpus: keep (or reuse) its ingest here")
    parser.add_argument("--events", type=int, default=50_000, help="Events in the built store")
    parser.add_argument("--articles", type=int, help="Articles in the built store (instead of --events)")
    parser.add_argument("--keep", type=Path, help="Keep the built store here")
    parser.add_argument("--build-only", action="store_true", help="Build the store (with --keep), no load")
    parser.add_argument(
        "--grow", action="store_true", help="Copy the rows of --db (in place) until --events or --articles"
    )
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--uncached", action="store_true", help="Server without its answer cache; varied mix")
    parser.add_argument(
        "--workers", type=int, help="Server processes (default: that of `tidings serve`, the CPU count)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db
        if args.grow:
            if db is None:
                parser.error("--grow needs --db (a copy: it is changed in place)")
            started = time.perf_counter()
            replicate(db, events=None if args.articles else args.events, articles=args.articles)
            print(f"grew {db} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            if args.build_only:
                return
        if db is None:
            db = args.keep or Path(folder) / "load.duckdb"
            started = time.perf_counter()
            build_store(db, args)
            print(f"built {db} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            if args.build_only:
                return
        con = duckdb.connect(str(db), read_only=True)
        counts = con.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles),"
            " (SELECT count(*) FROM actors)"
        ).fetchone()
        con.close()
        assert counts is not None
        mix = Mix(db)
        requests = mix.requests(random.Random(args.seed), args.requests, varied=args.uncached)
        port = _free_port()
        workers = args.workers or os.cpu_count() or 1
        server = subprocess.Popen(
            [sys.executable, "-m", "tidings.cli", "serve", "--db", str(db), "--port", str(port)]
            + ["--workers", str(workers)]
            + (["--no-cache"] if args.uncached else []),
            stderr=subprocess.DEVNULL,
            env=ENV,
        )
        url = f"http://127.0.0.1:{port}"
        peak = 0.0
        sampling = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not sampling.wait(0.5):
                peak = max(peak, _rss_mb(server.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        try:
            for _ in range(300):
                try:
                    httpx.get(url + "/api/v1/health", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            sampler.start()
            warm = mix.requests(random.Random(0), 200, varied=args.uncached)
            run(url, warm, args.clients)  # warm-up, not counted
            pids = _server_pids(server.pid)
            server_before, client_before, machine_before = (
                _cpu_seconds(pids),
                time.process_time(),
                _machine_busy(),
            )
            latencies, errors, seconds = run(url, requests, args.clients)
            server_after, client_after, machine_after = (
                _cpu_seconds(pids),
                time.process_time(),
                _machine_busy(),
            )
        finally:
            sampling.set()
            server.terminate()
            server.wait(timeout=20)
    every = [v for values in latencies.values() for v in values]
    print(
        f"store: {counts[0]} events, {counts[1]} articles, {counts[2]} actor rows; {len(every)} requests from"
        f" {args.clients} clients, {workers} server process{'es' if workers > 1 else ''}"
        f"{', uncached' if args.uncached else ''}, in {seconds:.1f} s"
        f" ({len(every) / seconds:.0f} requests/s); server peak RSS {peak:.0f} MB"
    )
    served = sum(server_after[p] - server_before.get(p, 0.0) for p in server_after)
    clients = client_after - client_before
    busy = machine_after[0] - machine_before[0]
    cores = (machine_after[1] - machine_before[1]) / seconds
    print(
        f"CPU over the run: server {served:.1f} s ({served / len(every) * 1000:.2f} ms a request),"
        f" clients {clients:.1f} s ({clients / len(every) * 1000:.2f} ms a request), the rest of the"
        f" machine {max(busy - served - clients, 0.0):.1f} s; {cores:.0f} cores busy"
        f" {busy / (cores * seconds):.0%} of the run"
    )
    for kind in sorted(latencies, key=lambda k: -len(latencies[k])):
        print(f"  {kind:8} {len(latencies[kind]):5}  {_percentiles(latencies[kind])}")
    print(f"  {'all':8} {len(every):5}  {_percentiles(every)}")
    statuses = Counter(error.split()[0] for error in errors)
    print(
        f"errors: {len(errors)}"
        + (
            f" ({', '.join(f'{n} {s}' for s, n in statuses.most_common())}; first: {errors[0]})"
            if errors
            else ""
        )
    )


if __name__ == "__main__":
    main()
