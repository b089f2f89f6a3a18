"""Identity across articles on the benchmarks of ../shared/eval/identity (ECB+ and GVC, dev parts).

    .venv/bin/python bench/identity.py [--work DIR] [--relink] [--dataset ecbplus|gvc]

For each dataset: `tidings ingest` of its documents.jsonl into DIR/NAME.duckdb (kept, so a second run
only reads the input again), then `tidings stories --format jsonl` into DIR/NAME.stories.jsonl, scored by
`../shared/eval/score_identity.py`. `--relink` forgets the stored stories and links every article again
(the identity model changed, the extraction did not).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
TIDINGS = str(Path(sys.executable).parent / "tidings")
IDENTITY_TABLES = (
    "article_profiles",
    "article_keys",
    "article_facts",
    "story_pairs",
    "story_parts",
    "story_members",
)


def relink(db: Path) -> float:
    from tidings.store.schema import open_store

    with open_store(db) as con:
        for table in IDENTITY_TABLES + ("record_members",):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    start = time.perf_counter()
    open_store(db).close()  # links every article again
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default="/tmp/tidings-identity", help="Where the stores are kept.")
    parser.add_argument("--relink", action="store_true", help="Link the stored articles again.")
    parser.add_argument("--dataset", action="append", choices=["ecbplus", "gvc"])
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    for name in args.dataset or ["ecbplus", "gvc"]:
        folder = EVAL / "identity" / name
        if not folder.exists():
            sys.exit(f"no benchmark at {folder}")
        db = work / f"{name}.duckdb"
        start = time.perf_counter()
        documents = str(folder / "documents.jsonl")
        subprocess.run([TIDINGS, "ingest", "--quiet", "--db", str(db), documents], check=True)
        print(f"{name}: ingest {time.perf_counter() - start:.1f} s")
        if args.relink:
            print(f"{name}: linked again in {relink(db):.1f} s")
        stories = work / f"{name}.stories.jsonl"
        with stories.open("w") as out:
            subprocess.run([TIDINGS, "stories", "--db", str(db), "--format", "jsonl"], stdout=out, check=True)
        gold = str(folder / "gold.jsonl")
        subprocess.run([sys.executable, str(EVAL / "score_identity.py"), gold, str(stories)], check=True)


if __name__ == "__main__":
    main()
