"""Time and peak memory of Tidings on the inputs that once cost a batch or hung it (see
docs/reliability.md). Each case runs in a fresh process: `extract_each` on one article after the model
is loaded (the parse included), or the HTML reader on one page; wall-clock and CPU seconds (on a shared
machine the CPU time is the steadier figure).

    python bench/hostile_inputs.py [--big]

Cases: a 30 KB run-on sentence with a date in each clause; 1.2 MB of real prose (the flagship article
repeated, over spaCy's 1,000,000-character limit); an HTML element with 300,000 attributes (4.9 MB);
with --big, 5 MB of prose (the documented cap).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = (ROOT / "examples" / "belarus-pardon.txt").read_text(encoding="utf-8")
CLAUSE = "rebels attacked an army base near Donetsk on March 3, 2024, police arrested 40 protesters in Minsk"


def _prose(chars: int) -> str:
    return "\n\n".join([FLAGSHIP] * (chars // (len(FLAGSHIP) + 2) + 1))[:chars]


def _run_on(chars: int) -> str:
    return "Officials said that " + ", and ".join([CLAUSE] * (chars // (len(CLAUSE) + 6))) + "."


def _attributes(count: int) -> bytes:
    attributes = " ".join(f'data-a{i}="x"' for i in range(count))
    return f"<html><body><div {attributes}><p>{FLAGSHIP}</p></div></body></html>".encode()


CASES = {
    "sentence-30kb": lambda: _run_on(30_000),
    "prose-1.2mb": lambda: _prose(1_200_000),
    "html-300k-attributes": lambda: _attributes(300_000),
    "prose-5mb": lambda: _prose(5 * 1024 * 1024 - 1000),
}


def run_case(name: str) -> dict[str, object]:
    """One case in this process: seconds, peak RSS (MB) and what came out."""
    data = CASES[name]()
    if isinstance(data, bytes):
        from tidings.ingest.html import extract_page

        started, cpu = time.perf_counter(), time.process_time()
        page = extract_page(data, name)
        seconds, size, out = time.perf_counter() - started, len(data), f"{len(page.text)} characters of text"
    else:
        from tidings.pipeline import extract_each, load_extractor
        from tidings.records import Article

        extractor = load_extractor()
        list(extract_each([Article(id="warm", text="Rebels attacked a base on Monday.")], extractor))
        article = Article(id=name, text=data, published=dt.date(2025, 12, 13))
        started, cpu = time.perf_counter(), time.process_time()
        (result,) = extract_each([article], extractor)
        seconds, size = time.perf_counter() - started, len(data)
        out = getattr(result, "reason", None) or f"{len(getattr(result, 'events', ()))} events"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu_seconds = round(time.process_time() - cpu, 2)
    return {
        "case": name,
        "size": size,
        "seconds": round(seconds, 2),
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": round(peak),
        "out": out,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also 5 MB of prose (minutes)")
    parser.add_argument("--case", choices=sorted(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case)))
        return
    names = [n for n in CASES if args.big or n != "prose-5mb"]
    for name in names:
        done = subprocess.run(
            [sys.executable, __file__, "--case", name], capture_output=True, text=True, check=True
        )
        row = json.loads(done.stdout.splitlines()[-1])
        print(
            f"{row['case']:<22} {row['size']:>9} chars/bytes  {row['seconds']:>7.2f} s "
            f"({row['cpu_seconds']:.2f} s CPU)  peak RSS {row['peak_rss_mb']:>5} MB  {row['out']}"
        )


if __name__ == "__main__":
    main()
