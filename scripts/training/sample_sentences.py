"""Choose corpus articles to label for the event judge and split them into sentences with Tidings' parser.

usage: python scripts/training/sample_sentences.py --out DIR [--batches 6] [--per-batch 40] [--seed 11]

Reads ../shared/corpus/news.jsonl. Leaves out every article of the evaluation sets (the whole-article
gold, by id and by text, and PolNeAR's dev split, which the attribution scorer uses), so that no label
is written on a sentence that is scored. Writes, per batch, BATCH.txt (the articles with numbered
sentences, for the labeller) and BATCH.index.jsonl (each sentence's article id, character span and text
hash, to turn labels into `training/labels/*.jsonl` lines that carry no corpus text).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from datetime import date
from pathlib import Path

from tidings.nlp import load_pipeline, parse_articles
from tidings.records import Article

SHARED = Path(__file__).resolve().parents[3] / "shared"
MAX_SENTENCES = 25  # the lead of each article: where its events are, and a bound on labelling work
SHARES = {"InSightCrime": 0.40, "PolNeAR-train": 0.34, "GeoVirus-Wikinews": 0.13, "GeoWebNews": 0.13}


def text_key(text: str) -> str:
    return " ".join(text.split())[:300]


def sentence_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def article_key(a: dict) -> str:
    """The corpus id, or a hash of the text for the articles that have none."""
    return a.get("id") or "text:" + hashlib.sha1(a["text"].encode("utf-8")).hexdigest()[:16]


def evaluated() -> tuple[set[str], set[str]]:
    """Ids and text keys of the articles that the whole-article gold scores."""
    ids: set[str] = set()
    keys: set[str] = set()
    with (SHARED / "eval" / "events-documents-dev.jsonl").open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            ids.add(doc["id"])
            keys.add(text_key(doc["text"]))
    return ids, keys


def labelled_before(labels: Path) -> set[str]:
    seen: set[str] = set()
    for path in labels.glob("*.jsonl"):
        with path.open(encoding="utf-8") as f:
            seen.update(json.loads(line)["article"] for line in f if line.strip())
    return seen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--batches", type=int, default=6)
    ap.add_argument("--per-batch", type=int, default=40)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--first-batch", type=int, default=1, help="number of the first batch written")
    args = ap.parse_args()
    ids, keys = evaluated()
    done = labelled_before(Path(__file__).resolve().parents[2] / "training" / "labels")
    by_set: dict[str, list[dict]] = {}
    with (SHARED / "corpus" / "news.jsonl").open(encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            a["id"] = article_key(a)
            if (
                a["id"] in ids
                or a["id"] in done
                or text_key(a["text"]) in keys
                or a["source_set"] not in SHARES
            ):
                continue
            if len(a["text"]) < 400:
                continue
            by_set.setdefault(a["source_set"], []).append(a)
    rng = random.Random(args.seed)
    total = args.batches * args.per_batch
    chosen: list[dict] = []
    for name, share in SHARES.items():
        pool = sorted(by_set[name], key=lambda a: a["id"])
        chosen += rng.sample(pool, min(len(pool), round(total * share)))
    rng.shuffle(chosen)
    args.out.mkdir(parents=True, exist_ok=True)
    nlp = load_pipeline()
    for b in range(args.batches):
        part = chosen[b * args.per_batch : (b + 1) * args.per_batch]
        name = f"batch{args.first_batch + b:02d}"
        articles = [
            Article(
                id=a["id"],
                text=a["text"],
                title=a.get("title"),
                published=date.fromisoformat(a["pub_date"][:10]) if a.get("pub_date") else None,
            )
            for a in part
        ]
        with (
            (args.out / f"{name}.txt").open("w", encoding="utf-8") as txt,
            (args.out / f"{name}.index.jsonl").open("w", encoding="utf-8") as index,
        ):
            for parsed in parse_articles(articles, nlp):
                art = parsed.article
                txt.write(f"### article {art.id}  (published {art.published}, title: {art.title})\n")
                for k, sent in enumerate(parsed.sentences[:MAX_SENTENCES]):
                    flat = " ".join(sent.text.split())
                    txt.write(f"[{k}] {flat}\n")
                    record = {
                        "article": art.id,
                        "k": k,
                        "span": list(sent.span),
                        "sha1": sentence_hash(sent.text),
                    }
                    index.write(json.dumps(record) + "\n")
                txt.write("\n")
        print(name, len(articles))


if __name__ == "__main__":
    main()
