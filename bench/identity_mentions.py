"""Records against ECB+'s event coreference: are the event mentions of one act one record?

    .venv/bin/python bench/identity_mentions.py [--work DIR] [--all-mentions] [--json]

Reads the ECB+ store that `bench/identity.py` writes (DIR/ecbplus.duckdb; run it first) and
`../shared/eval/identity/ecbplus/mentions.jsonl`, whose event mentions carry their cross-document
coreference chain (`cluster`). Each stored event mention whose trigger overlaps an annotated event
mention of the same article is aligned to it (the most overlap; one of ours to each annotated one, the
others counted as extra). Over the aligned mentions the partition into records (`record_members`) is
scored against the annotators' chains with the metrics of `../shared/eval/score_identity.py` (B3, MUC,
CEAFe, LEA, CoNLL F1, pairwise), and the pairwise figures split into pairs within one article and pairs
across articles. Two partitions of the same mentions are scored beside it for scale: every mention a
record of its own, and every mention of a story one record. Only the annotations of the validated
sentences (`scored`, the standard evaluation set) unless `--all-mentions`.

ECB+ annotates every event mention (a star's role in a film, a check-in to rehab, an earthquake); Tidings
extracts the political events of PLOVER, so only a part of either side aligns, and the figures say how
well the records group what both see, not how many events either finds (`tidings eval` measures
extraction). Nothing here is trained or tuned on: it measures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
MENTIONS = EVAL / "identity" / "ecbplus" / "mentions.jsonl"
DOCUMENTS = EVAL / "identity" / "ecbplus" / "documents.jsonl"

Mention = tuple[str, int, int]  # an annotated mention: its article, its first character and its end


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_identity", EVAL / "score_identity.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def annotated(all_mentions: bool) -> dict[str, list[tuple[int, int, str]]]:
    """The annotated event mentions of each article, (start, end, chain), whose offsets hold their text."""
    texts = {}
    with DOCUMENTS.open(encoding="utf-8") as lines:
        for line in lines:
            document = json.loads(line)
            texts[document["id"]] = document["text"]
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    with MENTIONS.open(encoding="utf-8") as lines:
        for line in lines:
            m = json.loads(line)
            if m["kind"] != "event" or not (m["scored"] or all_mentions):
                continue
            if texts.get(m["doc"], "")[m["start"] : m["end"]] != m["text"]:
                continue  # offsets that do not hold the mention's text: not alignable
            out[m["doc"]].append((m["start"], m["end"], m["cluster"]))
    return out


def stored(db: Path) -> list[tuple[str, str, int, int, str, str]]:
    """Our event mentions: (event, article's input id, trigger start, trigger end, record, story)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT e.id, i.input_id, e.trigger_start, e.trigger_end, r.record_id, r.story_id FROM events e"
            " JOIN article_inputs i ON i.article_id = e.article_id JOIN record_members r ON r.event_id = e.id"
            " WHERE e.trigger_start IS NOT NULL ORDER BY e.id"
        ).fetchall()


def align(
    ours: list[tuple[str, str, int, int, str, str]], gold: dict[str, list[tuple[int, int, str]]]
) -> tuple[dict[Mention, tuple[str, str, str]], int]:
    """Each annotated mention and the (chain, record, story) of the one of our mentions aligned to it; and
    how many of ours overlap an annotated mention another of ours took."""
    aligned: dict[Mention, tuple[str, str, str]] = {}
    extra = 0
    for _, doc, start, end, record, story in ours:
        overlaps = [
            (min(end, g_end) - max(start, g_start), -g_start, -g_end, chain)
            for g_start, g_end, chain in gold.get(doc, [])
            if min(end, g_end) > max(start, g_start)
        ]
        if not overlaps:
            continue
        _, first, last, chain = max(overlaps)
        if (doc, -first, -last) in aligned:
            extra += 1
            continue
        aligned[(doc, -first, -last)] = (chain, record, story)
    return aligned, extra


def clusters(aligned: dict[Mention, tuple[str, str, str]], field: int) -> list[list[Mention]]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention, values in sorted(aligned.items()):
        groups[values[field]].append(mention)
    return list(groups.values())


def pairs_by_scope(key: list[list[Mention]], resp: list[list[Mention]]) -> dict[str, dict[str, float]]:
    """Pairwise precision and recall of the response, for pairs within one article and across articles."""
    out = {}
    for scope in ("within", "across"):

        def links(partition: list[list[Mention]], scope: str = scope) -> set[tuple[Mention, Mention]]:
            return {
                (a, b)
                for c in partition
                for a, b in combinations(sorted(c), 2)
                if (a[0] == b[0]) == (scope == "within")
            }

        k, r = links(key), links(resp)
        p = len(k & r) / len(r) if r else 0.0
        rec = len(k & r) / len(k) if k else 0.0
        out[scope] = {
            "p": p,
            "r": rec,
            "f1": 2 * p * rec / (p + rec) if p + rec else 0.0,
            "gold_pairs": len(k),
        }
    return out


def score(module: ModuleType, key: list[list[Mention]], resp: list[list[Mention]]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "b3": module.b3(key, resp),
        "muc": module.muc(key, resp),
        "ceafe": module.ceafe(key, resp),
        "lea": module.lea(key, resp),
        "pairwise": module.pairwise(key, resp),
    }
    out["conll_f1"] = (out["muc"]["f1"] + out["b3"]["f1"] + out["ceafe"]["f1"]) / 3
    out["pairs"] = pairs_by_scope(key, resp)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--work", default="/tmp/tidings-identity", help="Where bench/identity.py keeps its stores."
    )
    parser.add_argument(
        "--all-mentions", action="store_true", help="Also the mentions outside scored sentences."
    )
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    db = Path(args.work) / "ecbplus.duckdb"
    if not db.exists():
        raise SystemExit(
            f"no store at {db}: run bench/identity.py --dataset ecbplus --work {args.work} first"
        )
    if not MENTIONS.exists():
        raise SystemExit(f"no ECB+ mentions at {MENTIONS}")
    module = scorer()
    gold = annotated(args.all_mentions)
    ours = stored(db)
    aligned, extra = align(ours, gold)
    key = clusters(aligned, 0)
    results = {
        "mentions": {
            "annotated": sum(len(v) for v in gold.values()),
            "ours": len(ours),
            "aligned": len(aligned),
            "ours_on_a_taken_mention": extra,
            "annotated_chains_aligned": len(key),
        },
        "records": score(module, key, clusters(aligned, 1)),
        "each_mention_alone": score(module, key, [[m] for m in sorted(aligned)]),
        "each_story_one_record": score(module, key, clusters(aligned, 2)),
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    counts = results["mentions"]
    annotated_count, ours_count, aligned_count = counts["annotated"], counts["ours"], counts["aligned"]
    print(
        f"event mentions: {annotated_count} annotated, {ours_count} stored, {aligned_count} aligned"
        f" ({counts['annotated_chains_aligned']} annotated chains;"
        f" {counts['ours_on_a_taken_mention']} of ours on a mention another of ours took)"
    )
    print(
        f"{'partition':24} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'CoNLL':>6} {'LEA':>6}"
        f" {'within P':>8} {'within R':>8} {'across P':>8} {'across R':>8}"
    )
    for name in ("records", "each_mention_alone", "each_story_one_record"):
        s = results[name]
        within, across = s["pairs"]["within"], s["pairs"]["across"]
        print(
            f"{name:24} {100 * s['b3']['p']:6.2f} {100 * s['b3']['r']:6.2f} {100 * s['b3']['f1']:6.2f}"
            f" {100 * s['conll_f1']:6.2f} {100 * s['lea']['f1']:6.2f} {100 * within['p']:8.2f}"
            f" {100 * within['r']:8.2f} {100 * across['p']:8.2f} {100 * across['r']:8.2f}"
        )
    print(
        f"gold pairs: {results['records']['pairs']['within']['gold_pairs']} within an article,"
        f" {results['records']['pairs']['across']['gold_pairs']} across articles"
    )


if __name__ == "__main__":
    main()
