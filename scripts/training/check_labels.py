"""Check a labeller's file against its batch index, and turn it into training/labels lines.

usage: python scripts/training/check_labels.py BATCH.index.jsonl BATCH.labels.jsonl [--write OUT.jsonl]

BATCH.labels.jsonl: one line per article, {"article": id, "labels": {"0": [event, ...], "1": [], ...}},
every sentence number of the batch file present. Prints each problem; with --write and no problems,
writes one line per sentence, {"article", "span", "sha1", "events"}, which holds no corpus text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tidings.codes import EVENT_TYPES

TYPES = set(EVENT_TYPES)
FIELDS = {
    "type",
    "mode",
    "actor",
    "actor_country",
    "recipient",
    "recipient_country",
    "background",
    "optional",
}
SPECIAL = {"IGO", "NGO", "IMG", "MNC"}


def problems_of(event: object, where: str) -> list[str]:
    if not isinstance(event, dict):
        return [f"{where}: an event must be an object"]
    out = []
    if event.get("type") not in TYPES:
        out.append(f"{where}: unknown type {event.get('type')!r}")
    if set(event) - FIELDS:
        out.append(f"{where}: unknown fields {sorted(set(event) - FIELDS)}")
    for key in ("actor_country", "recipient_country"):
        code = event.get(key)
        if code is not None and not (
            isinstance(code, str) and (code in SPECIAL or (len(code) == 3 and code.isupper()))
        ):
            out.append(f"{where}: {key} {code!r} is no ISO alpha-3 code")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("labels", type=Path)
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    index = [json.loads(line) for line in args.index.open(encoding="utf-8") if line.strip()]
    labels: dict[str, dict] = {}
    problems: list[str] = []
    for n, line in enumerate(args.labels.open(encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {n}: not JSON ({e})")
            continue
        labels[row["article"]] = row["labels"]
    out = []
    for rec in index:
        got = labels.get(rec["article"])
        if got is None:
            problems.append(f"article {rec['article']}: missing")
            labels[rec["article"]] = {}
            continue
        events = got.get(str(rec["k"]))
        if events is None:
            problems.append(f"article {rec['article']} sentence {rec['k']}: missing")
            continue
        for e in events:
            problems += problems_of(e, f"article {rec['article']} sentence {rec['k']}")
        out.append({"article": rec["article"], "span": rec["span"], "sha1": rec["sha1"], "events": events})
    unique = sorted(set(problems))
    for p in unique[:50]:
        print(p)
    print(
        f"{len(index)} sentences, {sum(bool(o['events']) for o in out)} with events, {len(unique)} problems"
    )
    if unique:
        sys.exit(1)
    if args.write:
        with args.write.open("w", encoding="utf-8") as f:
            for o in out:
                f.write(json.dumps(o, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
