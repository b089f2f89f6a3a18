"""What each kind of API request costs the server: the uncached mix of `bench/load_api.py` sent one at a
time through the app in this process (no HTTP, DuckDB on one thread), the CPU time of each kind per
request and its share of the whole. Not a test.

    python bench/api_costs.py --db big.duckdb
    python bench/api_costs.py --db big.duckdb --requests 2000
    python bench/api_costs.py --db big.duckdb --requests 4000 --kind actor   # the actor pages of 4,000

Under load, latency is this cost (plus HTTP's and the clients') times the requests in flight, divided by
the cores the server has.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import httpx2 as httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_api import Mix  # noqa: E402
from tidings.serve import create_app  # noqa: E402


async def costs(db: Path, requests: list[tuple[str, str]]) -> dict[str, list[float]]:
    """CPU seconds of each request, by kind (the first 30 requests warm up, not counted)."""
    app = create_app(db, cache=False, threads=1)
    spent: dict[str, list[float]] = defaultdict(list)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for _, path in requests[:30]:
            await client.get(path)
        for kind, path in requests:
            started = time.process_time()
            response = await client.get(path)
            spent[kind].append(time.process_time() - started)
            if response.status_code not in (200, 404):
                raise SystemExit(f"{response.status_code} {path}: {response.text[:200]}")
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True, help="The store")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--kind", action="append", help="Only the requests of this kind (repeatable)")
    args = parser.parse_args()
    mix = Mix(args.db)
    # the next pages of lists are left out: they need the list before them
    requests = [
        (kind, path)
        for kind, path in mix.requests(random.Random(args.seed), args.requests, varied=True)
        if kind != "next" and (not args.kind or kind in args.kind)
    ]
    spent = asyncio.run(costs(args.db, requests))
    total = sum(sum(values) for values in spent.values())
    print(f"{len(requests)} requests: {1000 * total / len(requests):.2f} ms of CPU a request")
    for kind in sorted(spent, key=lambda k: -sum(spent[k])):
        values = spent[kind]
        print(
            f"  {kind:8} {len(values):5}  {1000 * sum(values) / len(values):7.2f} ms"
            f"  {sum(values) / total:6.1%} of the CPU"
        )


if __name__ == "__main__":
    main()
