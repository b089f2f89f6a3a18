"""Score attribution sources on PolNeAR (Newell et al. 2018): brat standoff `.ann` files with their `.txt`.

Usage: .venv/bin/python bench/score_attribution.py ../shared/eval/attribution-polnear/dev [--errors N]

The folder holds `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann` (or `.ann` beside `.txt`). An
article annotated by several people is scored once, against the first annotation file in name order.
Gold sources are the `Source` spans of the attributions; Tidings' sources are those that
`tidings annotate --format json` prints (the attribution mentions' `source` spans; attributions inside the
content of another, `nested`, are left out: PolNeAR labels a token in one attribution at most).
Both are compared after trimming white space and punctuation at their ends. Two matching rules, each
one-to-one:
- exact: the same character span;
- overlap: the spans share at least one character (greedy, largest overlap first).
Precision is matched / predicted, recall matched / gold, F1 their harmonic mean.
The data is read in place, never copied.
"""

from __future__ import annotations

import argparse
import re
import string
import sys
from collections import Counter
from pathlib import Path

from through_cli import annotate
from tidings.records import Article

Span = tuple[int, int]
TRIM = set(string.whitespace + string.punctuation + "“”‘’—–\u00a0")
ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")


def trim(text: str, span: Span) -> Span:
    lo, hi = span
    while lo < hi and text[lo] in TRIM:
        lo += 1
    while hi > lo and text[hi - 1] in TRIM:
        hi -= 1
    return lo, hi


def read_sources(ann: Path, text: str) -> list[Span]:
    """The Source spans of a brat file (a discontinuous span counts from its first to its last part)."""
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not re.fullmatch(r"T\d+", parts[0]):
            continue
        kind, _, offsets = parts[1].partition(" ")
        if kind != "Source":
            continue
        segments = [tuple(int(x) for x in seg.split()) for seg in offsets.split(";")]
        span = trim(text, (segments[0][0], segments[-1][1]))
        if span[0] < span[1]:
            out.append(span)
    return out


def read_folder(folder: Path) -> list[tuple[Article, list[Span]]]:
    chosen: dict[str, Path] = {}
    for ann in sorted(folder.rglob("*.ann")):
        chosen.setdefault(ANNOTATOR.sub("", ann.stem), ann)
    out = []
    for stem, ann in sorted(chosen.items()):
        candidates = [ann.with_name(stem + ".txt"), ann.parent.parent / "text" / (stem + ".txt")]
        txt = next((p for p in candidates if p.exists()), None)
        if txt is None:
            sys.exit(f"no text for {ann}: looked for {', '.join(map(str, candidates))}")
        text = txt.read_text(encoding="utf-8")
        out.append((Article(id=stem, text=text), read_sources(ann, text)))
    return out


def match(gold: list[Span], pred: list[Span], *, exact: bool) -> int:
    if exact:
        return len(set(gold) & set(pred))
    pairs = []
    for gi, (a, b) in enumerate(gold):
        for pi, (c, d) in enumerate(pred):
            shared = min(b, d) - max(a, c)
            if shared > 0:
                pairs.append((shared, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return len(used_g)


def prf(matched: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = matched / n_pred if n_pred else 0.0
    r = matched / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--errors", type=int, default=0, help="print this many misses and false sources")
    args = parser.parse_args()
    data = read_folder(args.folder)
    totals = Counter[str]()
    rules = Counter[str]()
    misses: list[str] = []
    false: list[str] = []
    printed = annotate([(article.id, article.text, None) for article, _ in data])
    for article, gold in data:
        mentions = [
            m
            for m in printed[article.id]
            if m["kind"] == "attribution" and not m.get("nested") and isinstance(m["source"], dict)
        ]
        found: list[tuple[Span, str]] = []
        for m in mentions:
            source, cue = m["source"], m["cue"]
            assert isinstance(source, dict) and isinstance(cue, dict)
            lo, hi = source["span"]
            found.append((trim(article.text, (lo, hi)), f"{cue['text']}/{m.get('rule')}"))
        pred = [span for span, _ in found]
        rules.update(str(m.get("rule")) for m in mentions)
        totals["gold"] += len(gold)
        totals["pred"] += len(pred)
        totals["exact"] += match(gold, pred, exact=True)
        totals["overlap"] += match(gold, pred, exact=False)
        text = article.text
        for a, b in gold:
            if not any(min(b, d) > max(a, c) for c, d in pred):
                misses.append(f"MISS  {text[a:b]!r} in …{text[max(0, a - 60) : b + 40]!r}".replace("\n", " "))
        for (a, b), how in found:
            if not any(min(b, d) > max(a, c) for c, d in gold):
                false.append(f"FALSE {text[a:b]!r} [{how}] in …{text[max(0, a - 60) : b + 60]!r}")
    print(
        f"PolNeAR {args.folder}: {len(data)} articles, {totals['gold']} gold sources, {totals['pred']} found"
    )
    for rule in ("exact", "overlap"):
        p, r, f = prf(totals[rule], totals["pred"], totals["gold"])
        print(f"source span, {rule:7s} match: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print("found by rule: " + ", ".join(f"{k} {v}" for k, v in rules.most_common()))
    for line in misses[: args.errors] + false[: args.errors]:
        print(line.replace("\n", " "))


if __name__ == "__main__":
    main()
