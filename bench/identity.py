"""Identity across articles on the benchmarks of ../shared/eval/identity (ECB+ and GVC, dev parts).

    .venv/bin/python bench/identity.py [--work DIR] [--relink | --refacts] [--dataset ecbplus|gvc]
                                       [--errors FACT]

For each dataset: `tidings ingest` of its documents.jsonl into DIR/NAME.duckdb (kept, so a second run
only reads the input again), then `tidings stories --format jsonl` into DIR/NAME.stories.jsonl, scored by
`../shared/eval/score_identity.py`. `--relink` forgets the stored stories and links every article again
(the identity model changed, the extraction did not). `--refacts` reads each stored report's facts again
(tidings.link.when, setting, casualties) and keeps the stories as they are: what a change to the readers
alone does to the story facts (the model compares lead days and towns, so a fresh ingest may also move a
few articles between stories; the figures to report are a fresh ingest's). `--errors FACT` prints, for
each gold event whose aligned story has FACT (date, killed, injured, state, city_or_county) wrong, the
gold value, the story's, and what each of the story's reports says (its title and stored facts).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
TIDINGS = str(Path(sys.executable).parent / "tidings")


def relink(db: Path) -> float:
    """Link every stored article again: the store is noted as of no identity version, which the next
    opening links again whole (tidings.store.stories.relink_outdated)."""
    from tidings.store.schema import open_store

    with open_store(db) as con:
        con.execute("DELETE FROM identity_layout")
    start = time.perf_counter()
    open_store(db).close()  # links every article again
    return time.perf_counter() - start


def refacts(db: Path) -> float:
    """Read every stored report's facts again (the stories and their pairs are kept)."""
    import pyarrow as pa

    from tidings.store.schema import open_store
    from tidings.store.stories import _FACTS_SCHEMA, _fact_rows, _insert

    start = time.perf_counter()
    with open_store(db) as con:
        rows = con.execute("SELECT id, title, text, published FROM articles ORDER BY id").fetchall()
        con.execute("DELETE FROM article_facts")
        _insert(con, "article_facts", pa.Table.from_pylist(_fact_rows(rows), schema=_FACTS_SCHEMA))
    return time.perf_counter() - start


def errors(db: Path, gold_path: Path, stories_path: Path, fact: str) -> None:
    """The gold events whose aligned story has `fact` wrong, with what each of its reports says."""
    from tidings.store.schema import open_store

    spec = importlib.util.spec_from_file_location("score_identity", EVAL / "score_identity.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = scorer.load(str(gold_path))
    system = scorer.load(str(stories_path))
    key, resp, _ = scorer.partition(gold, system)
    match = dict(scorer.align(key, resp))
    story_of = {}
    for record in system:
        for doc in record["documents"]:
            story_of.setdefault(doc, record)
    by_docs = {frozenset(g["documents"]): g for g in gold}
    with open_store(db, read_only=True) as con:
        facts = {
            row[0]: row[1:]
            for row in con.execute(
                "SELECT coalesce(i.input_id, a.input_id), a.title, a.published, f.event_day, f.place,"
                " f.region, f.killed, f.injured, substr(a.text, 1, 300)"
                " FROM articles a LEFT JOIN article_inputs i ON i.article_id = a.id"
                " LEFT JOIN article_facts f ON f.article_id = a.id"
            ).fetchall()
        }
    wrong = 0
    for i, cluster in enumerate(key):
        event = by_docs[frozenset(cluster)]
        if event.get(fact) is None:
            continue
        story = story_of.get(resp[match[i]][0], {}) if i in match else {}
        mine = story.get(fact)
        value = scorer._norm(fact, mine)
        if value is not None and value == scorer._norm(fact, event[fact]):
            continue
        wrong += 1
        print(f"== {event['event_id']} {fact}: gold {event[fact]!r} story {mine!r} ({event.get('place')})")
        for doc in story.get("documents", cluster):
            title, published, day, place, region, killed, injured, head = facts.get(doc, (None,) * 8)
            mark = "" if doc in cluster else " [not gold's]"
            print(f"   {published} day={day} place={place}, {region} killed={killed} injured={injured}{mark}")
            print(f"     {title!r}: {' '.join((head or '').split())[:240]}")
    print(f"{wrong} wrong {fact}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default="/tmp/tidings-identity", help="Where the stores are kept.")
    parser.add_argument("--relink", action="store_true", help="Link the stored articles again.")
    parser.add_argument("--refacts", action="store_true", help="Read the stored reports' facts again.")
    parser.add_argument("--dataset", action="append", choices=["ecbplus", "gvc"])
    parser.add_argument(
        "--errors", choices=["date", "killed", "injured", "state", "city_or_county"], help="Print wrong facts"
    )
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
        elif args.refacts:
            print(f"{name}: facts read again in {refacts(db):.1f} s")
        stories = work / f"{name}.stories.jsonl"
        with stories.open("w") as out:
            subprocess.run([TIDINGS, "stories", "--db", str(db), "--format", "jsonl"], stdout=out, check=True)
        gold = str(folder / "gold.jsonl")
        subprocess.run([sys.executable, str(EVAL / "score_identity.py"), gold, str(stories)], check=True)
        if args.errors and name == "gvc":
            errors(db, Path(gold), stories, args.errors)


if __name__ == "__main__":
    main()
