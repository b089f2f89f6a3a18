"""Train the event judge on training/labels/ and write it into the package (`make model`).

usage: python scripts/training/train_judge.py [--folds 5] [--out src/tidings/knowledge/models] [--dry-run]

1. Reads the labels (article id, sentence span, events) and the labelled articles from
   ../shared/corpus/news.jsonl, and parses them with Tidings' own pipeline, as extraction will.
2. Turns each labelled sentence into the judge's features (tidings.extract.judge.sentence_features)
   and its targets: a type is positive when an event of it that is neither background nor optional is
   labelled; a type labelled only as background or optional is left out of the loss for that sentence.
3. Trains a multi-label logistic regression (Adam on the masked cross-entropy with an L2 penalty, fixed
   seed: the same labels give the same weights), first on k-1 folds of articles k times to predict
   each held-out fold, then on everything.
4. Chooses the two thresholds (`keep` a rule's event, `add` an event no rule found) on the held-out
   predictions, combined with what the rules extract from the same sentences: the pair with the best F1
   among those whose precision is at least --min-precision (else the best F0.5), scored as the
   whole-article scorer does (types per sentence; background and optional labels neither right nor
   wrong; negated, hypothetical and planned events left out).
5. Writes judge.npz (weights as float16) and judge.json (thresholds, label counts, held-out figures).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np

from tidings.codes import EVENT_TYPES, NOT_OCCURRED
from tidings.extract.events import code_article
from tidings.extract.judge import ANY, DIMENSIONS, hashed, sentence_features
from tidings.extract.triggers import find_triggers
from tidings.nlp import parse_articles
from tidings.pipeline import load_extractor
from tidings.records import Article
from tidings.syntax import QUOTE_MARKS, Tree

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
OUTPUTS = (*EVENT_TYPES, ANY)
SEED = 20261204


@dataclass(frozen=True, slots=True)
class Sample:
    article: str
    span: tuple[int, int]
    columns: np.ndarray
    dense: np.ndarray  # the sentence's embedding (float32), empty when the parser gives none
    target: np.ndarray  # (outputs,) 0/1
    mask: np.ndarray  # (outputs,) 1 where the target counts
    required: frozenset[str]  # labelled types that must be found
    tolerated: frozenset[str]  # labelled only as background or optional
    ruled: frozenset[str]  # types the rules extract here, before the judge


def fingerprint(samples: list[Sample]) -> str:
    """A digest of what the judge learns from, but for the embeddings (floats another CPU may round
    otherwise): each sample's sentence, feature columns, targets and the rules' types. The shipped
    judge.json records it; a change to the rules, the features, the sentences the parser cuts or the
    labels changes it, and `make model` must run again (tests/extract/test_judge.py)."""
    digest = hashlib.sha256()
    for sample in sorted(samples, key=lambda x: (x.article, x.span)):
        parts = (
            sample.article,
            str(list(sample.span)),
            ",".join(str(c) for c in sample.columns.tolist()),  # sorted and unique (judge.hashed)
            "".join(str(int(v)) for v in sample.target),
            "".join(str(int(v)) for v in sample.mask),
            ",".join(sorted(sample.ruled)),
        )
        digest.update(("\x1f".join(parts) + "\n").encode("utf-8"))
    return digest.hexdigest()


def article_key(a: dict) -> str:
    return a.get("id") or "text:" + hashlib.sha1(a["text"].encode("utf-8")).hexdigest()[:16]


def load_labels(folder: Path) -> dict[str, dict[tuple[int, int], list[dict]]]:
    labels: dict[str, dict[tuple[int, int], list[dict]]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                if line.strip():
                    row = json.loads(line)
                    labels.setdefault(row["article"], {})[tuple(row["span"])] = row["events"]
    return labels


_EDGES = QUOTE_MARKS | frozenset(" \t\r\n'\u2018\u2019()[]")


def _core(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span without the white space and quote marks or brackets at its ends."""
    lo, hi = span[0], min(span[1], len(text))
    while lo < hi and text[lo] in _EDGES:
        lo += 1
    while hi > lo and text[hi - 1] in _EDGES:
        hi -= 1
    return lo, hi


def label_of(
    spans: dict[tuple[int, int], list[dict]],
    span: tuple[int, int],
    text: str,
    sentences: list[tuple[int, int]],
) -> list[dict] | None:
    """The events labelled for the sentence at `span` of `text` (`sentences`: every sentence's span). The
    labels were written on the parser's sentences of their day; where it now cuts otherwise (at a blank
    line, tidings.nlp.PARAGRAPH_BREAKS): a sentence that differs from a labelled one only by white space,
    quote marks or brackets at its ends has its events; a part of a labelled sentence has the events
    whose actor (else recipient) is named in it and in no other part, when every event of the whole is
    so placed, and is no sample otherwise (which part holds an event is not known)."""
    if span in spans:
        return spans[span]
    lo, hi = core = _core(text, span)
    if lo == hi:
        return [] if any(start <= lo and hi <= end for start, end in spans) else None
    for whole, events in spans.items():
        if _core(text, whole) == core:
            return events
    for (start, end), events in spans.items():
        if start <= lo and hi <= end:
            parts = [p for p in sentences if start <= p[0] and p[1] <= end]
            placed = [_part_naming(e, parts, text) for e in events]
            if any(p is None for p in placed):
                return None
            return [e for e, p in zip(events, placed, strict=True) if p == span]
    return None


def _part_naming(event: dict, parts: list[tuple[int, int]], text: str) -> tuple[int, int] | None:
    """The one part of a labelled sentence that names the event's actor (else its recipient)."""
    name = event.get("actor") or event.get("recipient")
    if not name:
        return None
    naming = [p for p in parts if name in text[p[0] : p[1]]]
    return naming[0] if len(naming) == 1 else None


def load_articles(wanted: set[str]) -> list[Article]:
    out = []
    seen: set[str] = set()
    with CORPUS.open(encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    for a in records:
        key = article_key(a)
        if key in wanted and key not in seen:  # the corpus holds a few articles twice
            seen.add(key)
            published = date.fromisoformat(a["pub_date"][:10]) if a.get("pub_date") else None
            out.append(Article(id=key, text=a["text"], title=a.get("title"), published=published))
    return sorted(out, key=lambda a: a.id)


def samples_of(labels: dict[str, dict[tuple[int, int], list[dict]]]) -> list[Sample]:
    extractor = replace(load_extractor(), judge=None)
    articles = load_articles(set(labels))
    missing = set(labels) - {a.id for a in articles}
    if missing:
        sys.exit(f"train_judge: {len(missing)} labelled articles are not in {CORPUS}")
    out: list[Sample] = []
    for parsed in parse_articles(articles, extractor.nlp, extractor.needs_entities):
        spans = labels[parsed.article.id]
        coded = code_article(parsed, extractor.lexicon, extractor.kb)
        sentence_spans = [sentence.span for sentence in parsed.sentences]
        for k, sentence in enumerate(parsed.sentences):
            events = label_of(spans, sentence.span, parsed.article.text, sentence_spans)
            if events is None:
                continue
            tree = Tree.of(sentence)
            feats = sentence_features(tree, find_triggers(tree, extractor.lexicon), k, extractor.lexicon.cues)
            required = {e["type"] for e in events if not e.get("background") and not e.get("optional")}
            tolerated = {e["type"] for e in events} - required
            target = np.array([t in required for t in EVENT_TYPES] + [bool(required)], np.float32)
            mask = np.array(
                [t not in tolerated for t in EVENT_TYPES] + [bool(required) or not tolerated], np.float32
            )
            lo, hi = sentence.span
            ruled = {
                e.event_type
                for e in coded.events
                if lo <= (e.evidence.trigger_span or e.evidence.span)[0] < hi
                and e.certainty not in NOT_OCCURRED
            }
            out.append(
                Sample(
                    article=parsed.article.id,
                    span=sentence.span,
                    columns=hashed(feats),
                    dense=np.frombuffer(sentence.embedding, np.float32),
                    target=target,
                    mask=mask,
                    required=frozenset(required),
                    tolerated=frozenset(tolerated),
                    ruled=frozenset(ruled),
                )
            )
    return out


@dataclass(frozen=True, slots=True)
class Model:
    weights: np.ndarray  # (DIMENSIONS, outputs)
    bias: np.ndarray
    dense: np.ndarray  # (embedding size, outputs)

    def predict(self, samples: list[Sample]) -> np.ndarray:
        logits = np.stack([self.weights[s.columns].sum(axis=0) for s in samples]) + self.bias
        if len(self.dense):
            logits += np.stack([s.dense for s in samples]) @ self.dense
        return 1 / (1 + np.exp(-np.clip(logits, -30, 30)))


def train(samples: list[Sample], epochs: int, l2: float, rate: float) -> Model:
    """Full-batch Adam on the masked binary cross-entropy (deterministic): a weight per hashed feature
    that occurs and output, and a weight per embedding dimension and output."""
    k = len(OUTPUTS)
    lengths = np.array([len(s.columns) for s in samples])
    indices = np.concatenate([s.columns for s in samples])
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    target = np.stack([s.target for s in samples])
    mask = np.stack([s.mask for s in samples])
    dense = (
        np.stack([s.dense for s in samples])
        if all(len(s.dense) for s in samples)
        else np.zeros((len(samples), 0))
    )
    used = np.unique(indices)
    local = np.searchsorted(used, indices)  # train only the columns that occur
    order = np.argsort(local, kind="stable")  # rows grouped by column, to sum gradients with reduceat
    starts = np.searchsorted(local[order], np.arange(len(used)))
    params = {
        "w": np.zeros((len(used), k), np.float32),
        "d": np.zeros((dense.shape[1], k), np.float32),
        "b": np.zeros(k, np.float32),
    }
    moments = {name: (np.zeros_like(p), np.zeros_like(p)) for name, p in params.items()}
    n = len(samples)
    for step in range(1, epochs + 1):
        logits = np.add.reduceat(params["w"][local], offsets, axis=0) + dense @ params["d"] + params["b"]
        probs = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
        grad = (probs - target) * mask / n
        grads = {
            "w": np.add.reduceat(np.repeat(grad, lengths, axis=0)[order], starts, axis=0) + l2 * params["w"],
            "d": dense.T @ grad + l2 * params["d"],
            "b": grad.sum(axis=0),
        }
        for name, p in params.items():
            m, v = moments[name]
            g = grads[name]
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    weights = np.zeros((DIMENSIONS, k), np.float32)
    weights[used] = params["w"]
    return Model(weights=weights, bias=params["b"], dense=params["d"])


def decide(sample: Sample, probs: np.ndarray, keep: float, add: float, addable: frozenset[str]) -> set[str]:
    """The types predicted for a sentence: the rules' when the judge thinks the sentence reports an event
    at all; else those it is sure of on its own (of the types it has learnt well enough to add)."""
    p = dict(zip(OUTPUTS, probs, strict=True))
    kept = set(sample.ruled) if p[ANY] >= keep else set()
    # as extraction does: the judge adds only where no rule event survives
    return kept or {t for t in addable if p[t] >= add}


def score(
    samples: list[Sample], probs: np.ndarray, keep: float, add: float, addable: frozenset[str] = frozenset()
) -> tuple[float, float, float, float]:
    """(precision, recall, F1, false-event sentence rate) as the whole-article scorer counts them."""
    tp = fp = fn = empty = empty_hit = 0
    for s, p in zip(samples, probs, strict=True):
        predicted = decide(s, p, keep, add, addable)
        tp += len(predicted & s.required)
        fn += len(s.required - predicted)
        fp += len(predicted - s.required - s.tolerated)
        if not s.required and not s.tolerated:
            empty += 1
            empty_hit += bool(predicted)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, empty_hit / empty if empty else 0.0


def held_out(samples: list[Sample], folds: int, **kw: float) -> np.ndarray:
    articles = sorted({s.article for s in samples})
    rng = np.random.default_rng(SEED)
    fold_of = dict(zip(articles, rng.permutation(len(articles)) % folds, strict=True))
    probs = np.zeros((len(samples), len(OUTPUTS)), np.float32)
    for f in range(folds):
        train_set = [s for s in samples if fold_of[s.article] != f]
        test_idx = [i for i, s in enumerate(samples) if fold_of[s.article] == f]
        model = train(train_set, int(kw["epochs"]), kw["l2"], kw["rate"])
        probs[test_idx] = model.predict([samples[i] for i in test_idx])
    return probs


def choose(
    samples: list[Sample],
    probs: np.ndarray,
    min_precision: float,
    addable: frozenset[str],
    max_keep: float,
    max_false: float,
) -> dict[str, float]:
    """The thresholds with the best F1 among those that reach `min_precision` and give events to at most
    `max_false` of the sentences that report none; failing the precision, the best F0.5 (precision
    first) among those within `max_false`; failing that too, the best F0.5."""
    grid = [round(float(x), 2) for x in np.arange(0.05, 0.96, 0.05)]
    best: tuple[tuple[int, float], dict[str, float]] | None = None
    for keep in [k for k in [0.0, *grid] if k <= max_keep]:
        for add in [*grid, 1.01]:
            p, r, f, false = score(samples, probs, keep, add, addable)
            f_half = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
            quiet = false <= max_false
            rank = (2, f) if p >= min_precision and quiet else (1, f_half) if quiet else (0, f_half)
            if best is None or rank > best[0]:
                best = (
                    rank,
                    {"keep": keep, "add": add, "precision": p, "recall": r, "f1": f, "false": false},
                )
    assert best is not None
    return best[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=ROOT / "training" / "labels")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "tidings" / "knowledge" / "models")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--rate", type=float, default=0.05)
    ap.add_argument("--min-precision", type=float, default=0.78)
    ap.add_argument(
        "--max-keep",
        type=float,
        default=0.1,
        help="the highest 'some event' threshold a rule's event may be held to: sentences written to hold"
        " an event (the codebook's examples of the sentence gold) are unlike the news the judge learnt"
        " from, and a higher one drops their events",
    )
    ap.add_argument(
        "--max-false",
        type=float,
        default=0.08,
        help="the share of event-free sentences that may get an event",
    )
    ap.add_argument("--min-examples", type=int, default=80, help="labelled events a type needs to be added")
    ap.add_argument("--dry-run", action="store_true", help="report the held-out figures, write nothing")
    args = ap.parse_args()
    labels = load_labels(args.labels)
    samples = samples_of(labels)
    counts = Counter(t for s in samples for t in s.required)
    addable = frozenset(t for t in EVENT_TYPES if counts[t] >= args.min_examples)
    print(f"{len(samples)} sentences of {len(labels)} articles; required events per type: {dict(counts)}")
    kw = {"epochs": args.epochs, "l2": args.l2, "rate": args.rate}
    probs = held_out(samples, args.folds, **kw)
    rules_only = score(samples, np.ones_like(probs), 0.0, 2.0)
    chosen = choose(samples, probs, args.min_precision, addable, args.max_keep, args.max_false)
    p, r, f, false = rules_only
    print(f"rules alone (held-out sentences): precision {p:.3f} recall {r:.3f} F1 {f:.3f} false {false:.3f}")
    c = chosen
    print(f"with the judge: keep >= {c['keep']}, add >= {c['add']}: ", end="")
    print(f"precision {c['precision']:.3f} recall {c['recall']:.3f} F1 {c['f1']:.3f} false {c['false']:.3f}")
    if args.dry_run:
        return
    model = train(samples, args.epochs, args.l2, args.rate)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "judge.npz").open("wb") as f:
        np.savez_compressed(
            f,
            weights=model.weights.astype(np.float16),
            bias=model.bias.astype(np.float16),
            dense=model.dense.astype(np.float16),
        )
    meta = {
        "keep": chosen["keep"],
        "add": {t: (chosen["add"] if t in addable else None) for t in EVENT_TYPES},
        "held_out": {k: round(v, 4) for k, v in chosen.items() if k not in ("keep", "add")},
        "rules_alone": dict(
            zip(("precision", "recall", "f1", "false"), (round(x, 4) for x in rules_only), strict=True)
        ),
        "sentences": len(samples),
        "samples_sha256": fingerprint(samples),
        "articles": len(labels),
        "required_events": dict(sorted(counts.items())),
        "training": {**kw, "folds": args.folds, "seed": SEED, "dimensions": DIMENSIONS},
        "labels": "training/labels/*.jsonl (see training/README.md)",
    }
    (args.out / "judge.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'judge.npz'} and judge.json")


if __name__ == "__main__":
    main()
