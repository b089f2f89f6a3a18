"""Move the pending counter-examples that no longer fire out of tests/extract/counter_examples_pending.json.

usage: python scripts/update_pending_counters.py [--check]

A pending counter-example is one on which its pattern still fires because telling it apart needs a
judgement the lexicon cannot express (tests/extract/test_counter_examples.py expects it to fire). When a
judging pass or the event judge comes to drop it, it is no longer pending: this script runs every pending
one through the real extraction, in one batch, and rewrites the file without those that pass. With
--check it only lists them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tidings.pipeline import extract_articles, load_extractor
from tidings.records import Article

PENDING_FILE = Path(__file__).resolve().parents[1] / "tests" / "extract" / "counter_examples_pending.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="list what passes now, change nothing")
    args = ap.parse_args()
    doc = json.loads(PENDING_FILE.read_text(encoding="utf-8"))
    pending = doc["pending"]
    articles = [Article(id=str(i), text=p["sentence"]) for i, p in enumerate(pending)]
    fired = {
        int(r.article.id): {e.rule for e in r.events} for r in extract_articles(articles, load_extractor())
    }
    passing = [p for i, p in enumerate(pending) if p["pattern"] not in fired[i]]
    for p in passing:
        print(f"{p['judgement']:13s} {p['pattern']:30s} {p['sentence']}")
    print(f"{len(passing)} of {len(pending)} pending counter-examples no longer fire")
    if not args.check and passing:
        gone = {(p["pattern"], p["sentence"]) for p in passing}
        doc["pending"] = [p for p in pending if (p["pattern"], p["sentence"]) not in gone]
        PENDING_FILE.write_text(_layout(doc), encoding="utf-8")


def _layout(doc: dict) -> str:
    """The file as it is kept: the head indented, one pending entry a line (reviewable diffs)."""
    head = {k: v for k, v in doc.items() if k != "pending"}
    text = json.dumps(head, indent=2, ensure_ascii=False)[:-2]
    rows = ",\n".join("    " + json.dumps(p, ensure_ascii=False) for p in doc["pending"])
    return text + ',\n  "pending": [\n' + rows + "\n  ]\n}\n"


if __name__ == "__main__":
    main()
