"""Score time expressions on TimeBank-style TIMEX3 gold: exact match of `value` for DATE expressions.

Usage: .venv/bin/python bench/score_dates.py PATH/dates-timebank.jsonl [--errors N]

Each gold row holds a sentence (`context`), the expression `text` with its offsets in the document, its
TIMEX3 `type` and `value`, and the document creation date `dct`. Each document is rebuilt from its gold
sentences in order (every sentence that holds a time expression, so every date the story sets) and given
to `tidings annotate --format json` with `dct` as its publication date: what is scored is what the
command prints. A gold DATE expression is right when the time mention at its exact span has the gold
value; a mention that only overlaps it is scored too (TempEval-3's relaxed match) and counted apart; a
gold expression with no mention over it is wrong.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from pathlib import Path

from through_cli import Mention, annotate

Row = dict[str, str]
# The gold sentences are joined as paragraphs: the text between them in the original is not in the gold,
# and a sentence that TimeBank cut short ("5% stake in Connaught, said ...") must not run into the next.
SEPARATOR = "\n\n"


def documents(rows: list[Row]) -> dict[str, tuple[str, dt.date, dict[int, int]]]:
    """Each document id -> (its text rebuilt from its gold sentences, its date, original sentence start ->
    start in the rebuilt text)."""
    by_doc: dict[str, dict[str, int]] = {}
    dct: dict[str, dt.date] = {}
    for row in rows:
        within = row["context"].find(row["text"])
        start = int(row["char_start"]) - max(within, 0)
        sentences = by_doc.setdefault(row["doc"], {})
        sentences[row["context"]] = min(sentences.get(row["context"], start), start)
        dct[row["doc"]] = dt.date.fromisoformat(row["dct"][:10])
    out = {}
    for doc, sentences in by_doc.items():
        ordered = sorted(sentences, key=sentences.__getitem__)
        offsets: dict[int, int] = {}
        at = 0
        for sentence in ordered:
            offsets[sentences[sentence]] = at
            at += len(sentence) + len(SEPARATOR)
        out[doc] = (SEPARATOR.join(ordered), dct[doc], offsets)
    return out


def gold_span(row: Row, text: str, offsets: dict[int, int]) -> tuple[int, int] | None:
    """Where the gold expression lies in the rebuilt document."""
    start = int(row["char_start"])
    for original, rebuilt in offsets.items():
        lo = rebuilt + start - original
        if 0 <= start - original < len(row["context"]) and text[lo : lo + len(row["text"])] == row["text"]:
            return lo, lo + len(row["text"])
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--errors", type=int, default=0, help="list the first N mistakes")
    args = parser.parse_args()

    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = documents(rows)
    printed = annotate([(doc, text, published) for doc, (text, published, _) in docs.items()])
    tally: Counter[str] = Counter()
    mistakes = []
    dates = [r for r in rows if r["type"] == "DATE"]
    for row in dates:
        text, _, offsets = docs[row["doc"]]
        span = gold_span(row, text, offsets)
        times: list[Mention] = [m for m in printed[row["doc"]] if m["kind"] == "time"]
        exact = next((m for m in times if span is not None and tuple(m["span"]) == span), None)  # type: ignore[arg-type]
        overlap = None
        if exact is None and span is not None:
            overlap = next(
                (m for m in times if min(span[1], m["span"][1]) > max(span[0], m["span"][0])),  # type: ignore[index]
                None,
            )
        found = exact or overlap
        how = "exact" if exact else "overlap" if overlap else "missed"
        tally[how] += 1
        value = found["value"] if found else None
        ok = value == row["value"]
        tally["ok"] += ok
        tally[f"{how}_ok"] += ok
        if not ok:
            mistakes.append((row, value, how, found["text"] if found else ""))

    total = len(dates)
    print(f"DATE expressions: {total} in {len(docs)} documents, through `tidings annotate --format json`")
    print(f"exact value match: {tally['ok']}/{total} = {tally['ok'] / total:.3f}")
    for how in ("exact", "overlap", "missed"):
        print(f"  {how + ' span:':14} {tally[how]:5}  right {tally[how + '_ok']}")
    for row, value, how, said in mistakes[: args.errors]:
        print(
            f"  {row['dct'][:10]}  {row['text']!r:36} gold={row['value']:<12} got={value!s:<12} ({how}"
            f"{': ' + repr(said) if how == 'overlap' else ''})"
        )


if __name__ == "__main__":
    main()
