"""What each kind of API request costs the server: the uncached mix of `bench/load_api.py` sent one at a
time through the app in this process (no HTTP, DuckDB on one thread), the CPU time of each kind per
request and its share of the whole. Not a test.

    python bench/api_costs.py --db big.duckdb
    python bench/api_costs.py --db big.duckdb --requests 2000
    python bench/api_costs.py --db big.duckdb --requests 4000 --kind actor   # the actor pages of 4,000
    python bench/api_costs.py --db big.duckdb --quick-params both --rounds 5  # with and without
        # tidings.serve.quick, in alternate rounds in one process (the median round of each)

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


async def costs(
    db: Path, requests: list[tuple[str, str]], modes: list[bool], rounds: int
) -> dict[bool, list[dict[str, list[float]]]]:
    """CPU seconds of each request, by kind, in each round of each mode (quick parameters or not; the
    first 30 requests warm up, not counted)."""
    app = create_app(db, cache=False, threads=1)
    spent: dict[bool, list[dict[str, list[float]]]] = {mode: [] for mode in modes}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for _, path in requests[:30]:
            await client.get(path)
        for _ in range(rounds):
            for mode in modes:
                app.state.quick_params = mode
                spent[mode].append(defaultdict(list))
                for kind, path in requests:
                    started = time.process_time()
                    response = await client.get(path)
                    spent[mode][-1][kind].append(time.process_time() - started)
                    if response.status_code not in (200, 404):
                        raise SystemExit(f"{response.status_code} {path}: {response.text[:200]}")
    return spent


def report(rounds: list[dict[str, list[float]]], count: int) -> None:
    """Each kind's CPU a request in the median round (by the whole round's CPU)."""
    spent = sorted(rounds, key=lambda r: sum(map(sum, r.values())))[len(rounds) // 2]
    total = sum(sum(values) for values in spent.values())
    print(f"{count} requests: {1000 * total / count:.2f} ms of CPU a request")
    for kind in sorted(spent, key=lambda k: -sum(spent[k])):
        values = spent[kind]
        print(
            f"  {kind:8} {len(values):5}  {1000 * sum(values) / len(values):7.2f} ms"
            f"  {sum(values) / total:6.1%} of the CPU"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True, help="The store")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--kind", action="append", help="Only the requests of this kind (repeatable)")
    parser.add_argument(
        "--quick-params",
        choices=["on", "off", "both"],
        default="on",
        help="Plain parameters read by tidings.serve.quick (on), by FastAPI (off), or both in turn",
    )
    parser.add_argument("--rounds", type=int, default=1, help="Times the mix is sent (the median is shown)")
    args = parser.parse_args()
    mix = Mix(args.db)
    # the next pages of lists are left out: they need the list before them
    requests = [
        (kind, path)
        for kind, path in mix.requests(random.Random(args.seed), args.requests, varied=True)
        if kind != "next" and (not args.kind or kind in args.kind)
    ]
    modes = {"on": [True], "off": [False], "both": [False, True]}[args.quick_params]
    spent = asyncio.run(costs(args.db, requests, modes, args.rounds))
    for mode in modes:
        if len(modes) > 1:
            print("quick parameters" if mode else "FastAPI's parameters")
        report(spent[mode], len(requests))


if __name__ == "__main__":
    main()
