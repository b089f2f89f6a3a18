"""Load check of `tidings serve`: mixed API requests from concurrent clients against a real server on
loopback; prints p50/p95/p99 latency per kind of request and overall, and the errors. Not a test.

    python bench/load_api.py                      # builds a store of >= 50,000 events, then 10,000 requests
    python bench/load_api.py --db news.duckdb     # an existing store, as it is
    python bench/load_api.py --workers 1          # one server process (default: one per CPU)

The store is built by `tidings ingest` of the fixture corpus and the bundled example, then its rows are
copied under new ids (and dates shifted by whole weeks) until it holds `--events` events: the queries see
the volume and the spread of a large store without hours of extraction.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import duckdb
import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "tests" / "store" / "fixtures", ROOT / "examples" / "belarus-pardon.txt"]
TABLES_BY_EVENT = ("actors", "links", "flags")
# the ingest and the server run this checkout's code, whatever the environment has installed
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
}


def build_store(path: Path, events: int) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tidings.cli",
            "ingest",
            "--quiet",
            "--db",
            str(path),
            "--published",
            "2025-12-13",
        ]
        + [str(s) for s in SOURCES],
        check=True,
        capture_output=True,
        env=ENV,
    )
    con = duckdb.connect(str(path))
    base = con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
    copies = -(-events // base) - 1
    con.execute("CREATE TEMP TABLE k AS SELECT range AS k FROM range(1, ?)", [copies + 1])
    suffix = "'~' || k"
    con.execute("BEGIN")
    con.execute(
        f"INSERT INTO articles SELECT * EXCLUDE (k) REPLACE (id || {suffix} AS id,"
        " published - 7 * k::INTEGER AS published)"
        " FROM (SELECT * FROM articles WHERE NOT contains(id, '~')), k"
    )
    con.execute(
        f"INSERT INTO events SELECT * EXCLUDE (k) REPLACE (id || {suffix} AS id,"
        f" article_id || {suffix} AS article_id, date - 7 * k::INTEGER AS date)"
        " FROM (SELECT * FROM events WHERE NOT contains(id, '~')), k"
    )
    con.execute(
        f"INSERT INTO actors SELECT * EXCLUDE (k) REPLACE (event_id || {suffix} AS event_id)"
        " FROM (SELECT * FROM actors WHERE NOT contains(event_id, '~')), k"
    )
    for table in ("links", "flags"):
        extra = f", target_id || {suffix} AS target_id" if table == "links" else ""
        con.execute(
            f"INSERT INTO {table} SELECT * EXCLUDE (k) REPLACE (event_id || {suffix} AS event_id{extra})"
            f" FROM (SELECT * FROM {table} WHERE NOT contains(event_id, '~')), k"
        )
    con.execute("COMMIT")
    con.execute("CHECKPOINT")
    con.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request_mix(db: Path, rng: random.Random, n: int) -> list[tuple[str, str]]:
    """(kind, path) for requests drawn from what the store holds."""
    con = duckdb.connect(str(db), read_only=True)
    event_ids = [r[0] for r in con.execute("SELECT id FROM events USING SAMPLE 2000").fetchall()]
    article_ids = [r[0] for r in con.execute("SELECT id FROM articles USING SAMPLE 500").fetchall()]
    actor_ids = [
        r[0]
        for r in con.execute("SELECT DISTINCT entity_id FROM actors WHERE entity_id IS NOT NULL").fetchall()
    ]
    countries = [
        r[0] for r in con.execute("SELECT DISTINCT country FROM actors WHERE country IS NOT NULL").fetchall()
    ]
    types = [r[0] for r in con.execute("SELECT DISTINCT event_type FROM events").fetchall()]
    con.close()

    def events() -> str:
        params = rng.choice(
            [
                "",
                f"type={rng.choice(types)}",
                f"country={rng.choice(countries)}",
                f"actor={rng.choice(countries)}",
                "since=2024-01-01&until=2024-12-31",
                "q=sanctions",
                f"type={rng.choice(types)}&since=2020-01-01",
            ]
        )
        return f"/api/v1/events?limit=50&{params}"

    makers = [
        ("events", events, 30),
        ("event", lambda: f"/api/v1/events/{rng.choice(event_ids)}", 25),
        ("article", lambda: f"/api/v1/articles/{rng.choice(article_ids)}", 10),
        ("actors", lambda: f"/api/v1/actors?q={rng.choice(['gov', 'union', 'russia', 'b'])}", 8),
        ("actor", lambda: f"/api/v1/actors/{rng.choice(actor_ids)}", 10),
        ("stats", lambda: f"/api/v1/stats?by={rng.choice(['month', 'week', 'type', 'country', 'dyad'])}", 12),
        ("health", lambda: "/api/v1/health", 5),
    ]
    kinds = [(name, make) for name, make, weight in makers for _ in range(weight)]
    return [(name, make()) for name, make in (rng.choice(kinds) for _ in range(n))]


def run(
    url: str, requests: list[tuple[str, str]], clients: int
) -> tuple[dict[str, list[float]], list[str], float]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    queue = iter(requests)

    def client() -> None:
        with httpx.Client(base_url=url, timeout=30) as http:
            while True:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                kind, path = item
                start = time.perf_counter()
                try:
                    response = http.get(path)
                    ok = response.status_code == 200
                    reason = f"{response.status_code} {path}"
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, help="An existing store (default: build one)")
    parser.add_argument("--events", type=int, default=50_000, help="Events in the built store")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--workers", type=int, help="Server processes (default: that of `tidings serve`, the CPU count)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db
        if db is None:
            db = Path(folder) / "load.duckdb"
            started = time.perf_counter()
            build_store(db, args.events)
            print(f"built {db.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        con = duckdb.connect(str(db), read_only=True)
        counts = con.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles),"
            " (SELECT count(*) FROM actors)"
        ).fetchone()
        con.close()
        assert counts is not None
        requests = request_mix(db, random.Random(args.seed), args.requests)
        port = _free_port()
        workers = args.workers or os.cpu_count() or 1
        server = subprocess.Popen(
            [sys.executable, "-m", "tidings.cli", "serve", "--db", str(db), "--port", str(port)]
            + ["--workers", str(workers)],
            stderr=subprocess.DEVNULL,
            env=ENV,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    httpx.get(url + "/api/v1/health", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            run(url, request_mix(db, random.Random(0), 200), args.clients)  # warm-up, not counted
            latencies, errors, seconds = run(url, requests, args.clients)
        finally:
            server.terminate()
            server.wait(timeout=10)
    every = [v for values in latencies.values() for v in values]
    print(
        f"store: {counts[0]} events, {counts[1]} articles, {counts[2]} actor rows; {len(every)} requests from"
        f" {args.clients} clients, {workers} server process{'es' if workers > 1 else ''}, in {seconds:.1f} s"
        f" ({len(every) / seconds:.0f} requests/s)"
    )
    for kind in sorted(latencies, key=lambda k: -len(latencies[k])):
        print(f"  {kind:8} {len(latencies[kind]):5}  {_percentiles(latencies[kind])}")
    print(f"  {'all':8} {len(every):5}  {_percentiles(every)}")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))


if __name__ == "__main__":
    main()
