"""Score the date resolver on TimeBank-style TIMEX3 gold: exact match of `value` for DATE expressions.

Usage: python bench/score_dates.py PATH/dates-timebank.jsonl [--errors N] [--tense parse|past|guess]

Each gold row holds a sentence (`context`), the expression `text`, its TIMEX3 `type` and `value`, and the
document creation date `dct`, used as the anchor. The finder runs on the sentence; when it returns the gold
span its value is scored, otherwise `normalize_time` is given the gold text. The tense that picks the
Friday before or after the anchor is, by default (`--tense parse`), the one `tidings annotate` uses: the
sentence is parsed and each expression takes the tense of the verb it modifies. `--tense past` (or
present, future) assumes one tense everywhere; `--tense guess` tests cue words on the sentence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

from tidings.annotate import time_expressions
from tidings.extract.certainty import tense_around
from tidings.extract.syntax import Tree
from tidings.nlp import parse_articles
from tidings.records import Article
from tidings.resolve.dates import TimeMention, find_time_expressions, normalize_time

_FUTURE = re.compile(
    r"\b(?:will|won't|'ll|shall|going to|expected to|scheduled|plans? to|intends? to|is to|are to|payable"
    r"|due|next|tomorrow|coming)\b",
    re.IGNORECASE,
)


_PAST = re.compile(r"\b(?:said|was|were|had|did|\w+ed)\b", re.IGNORECASE)


def guess_tense(sentence: str) -> str:
    if _FUTURE.search(sentence):
        return "future"
    return "past" if _PAST.search(sentence) else "present"


def _document_texts(rows: list[dict[str, str]]) -> dict[str, tuple[str, int]]:
    """Each sentence -> (its document rebuilt from the gold sentences in order, the sentence's offset)."""
    by_doc: dict[str, dict[str, int]] = {}
    for row in rows:
        start = int(row["char_start"]) - max(row["context"].find(row["text"]), 0)
        sentences = by_doc.setdefault(row["doc"], {})
        sentences[row["context"]] = min(sentences.get(row["context"], start), start)
    texts: dict[str, tuple[str, int]] = {}
    for sentences in by_doc.values():
        ordered = sorted(sentences, key=sentences.__getitem__)
        joined = " ".join(ordered)
        offset = 0
        for sentence in ordered:
            texts[sentence] = (joined, offset)
            offset += len(sentence) + 1
    return texts


def _parsed_values(rows: list[dict[str, str]]) -> list[tuple[str | None, str, bool]]:
    """Per row: (value, tense, whether the finder found it), as `tidings annotate` gives them."""
    keys = list(dict.fromkeys((row["context"], row["dct"][:10]) for row in rows))
    articles = [
        Article(id=str(n), text=text, published=dt.date.fromisoformat(dct))
        for n, (text, dct) in enumerate(keys)
    ]
    parsed = {key: p for key, p in zip(keys, parse_articles(articles), strict=True)}
    out = []
    for row in rows:
        article = parsed[(row["context"], row["dct"][:10])]
        anchor = article.article.published
        start = max(row["context"].find(row["text"]), 0)
        sentence = next(
            (s for s in article.sentences if s.span[0] <= start < s.span[1]), article.sentences[-1]
        )
        tree = Tree.of(sentence)
        found = next(
            (m for m in time_expressions(sentence, tree, anchor) if m.text == row["text"]),
            None,
        )
        token = next((t for t in tree.tokens if t.start >= start), tree.tokens[-1])
        tense = tense_around(tree, token.i)
        value = found.value if found is not None else normalize_time(row["text"], anchor, tense)
        out.append((value, tense, found is not None))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--errors", type=int, default=0, help="list the first N mistakes")
    parser.add_argument(
        "--documents", action="store_true", help="run the finder on each document's sentences joined in order"
    )
    parser.add_argument("--tense", choices=("parse", "past", "present", "future", "guess"), default="parse")
    args = parser.parse_args()

    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["type"] == "DATE"]
    texts = _document_texts(rows) if args.documents else {}
    found_cache: dict[tuple[str, str, str], tuple[TimeMention, ...]] = {}
    tally: Counter[str] = Counter()
    mistakes = []
    parsed = _parsed_values(rows) if args.tense == "parse" else []
    for n, row in enumerate(rows):
        anchor = dt.date.fromisoformat(row["dct"][:10])
        if parsed:
            value, tense, was_found = parsed[n]
            tally["found"] += was_found
            ok = value == row["value"]
            tally[f"{'finder' if was_found else 'normalize'}_ok"] += ok
            tally["ok"] += ok
            tally["normalize_only_ok"] += normalize_time(row["text"], anchor, tense) == row["value"]
            if not ok:
                mistakes.append((row, value, "finder" if was_found else "normalize"))
            continue
        tense = guess_tense(row["context"]) if args.tense == "guess" else args.tense
        text, offset = texts.get(row["context"], (row["context"], 0))
        key = (text, row["dct"], tense)
        if key not in found_cache:
            found_cache[key] = find_time_expressions(text, anchor, tense)
        end = offset + len(row["context"])
        found = next(
            (m for m in found_cache[key] if m.text == row["text"] and offset <= m.span[0] < end), None
        )
        if found is not None:
            tally["found"] += 1
            value, how = found.value, "finder"
        else:
            value, how = normalize_time(row["text"], anchor, tense), "normalize"
        ok = value == row["value"]
        tally[f"{how}_ok"] += ok
        tally["ok"] += ok
        tally["normalize_only_ok"] += normalize_time(row["text"], anchor, tense) == row["value"]
        if not ok:
            mistakes.append((row, value, how))

    total = len(rows)
    print(f"DATE expressions: {total}  (tense: {args.tense})")
    print(f"exact value match: {tally['ok']}/{total} = {tally['ok'] / total:.3f}")
    found = tally["found"]
    print(
        f"  found by the finder (exact span): {found}/{total} = {found / total:.3f};"
        f" correct {tally['finder_ok']}"
    )
    print(f"  normalised from the gold text only: {total - found}; correct {tally['normalize_ok']}")
    print(f"normalize_time on every gold text: {tally['normalize_only_ok'] / total:.3f}")
    for row, value, how in mistakes[: args.errors]:
        print(f"  {row['dct'][:10]}  {row['text']!r:40} gold={row['value']:<12} got={value!s:<12} ({how})")


if __name__ == "__main__":
    main()
