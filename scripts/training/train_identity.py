"""Train the identity model on training/labels/identity/ and write it into the package (`make model`).

usage: python scripts/training/train_identity.py [--out src/tidings/knowledge/models/identity.json]
       python scripts/training/train_identity.py --sample N [--seed S] [--stratum K] [--dated] > to-label

1. Reads the articles of ../shared/corpus/news.jsonl (each once), profiles them and finds the candidate
   pairs exactly as ingest does (tidings.store.stories: add_profiles, candidate_features), in an
   in-memory DuckDB.
2. `--sample N` draws N candidate pairs to label, stratified by how much the two share (STRATA: the mean
   of their word and name cosines), more from the strata where same-story pairs are, and prints each
   with the titles and leads an annotator reads (training/labels/identity/README.md says how to label).
3. Otherwise it reads the labels (pairs.jsonl), weighs each labelled pair by how many candidates of its
   cell (its stratum, and whether both articles are dated) it stands for (so that the figures and the
   threshold are those of all candidates, not of the sample), and fits an L2-regularised logistic
   regression by Newton's method (no randomness: the same labels give the same weights). The penalty is
   the one of PENALTIES with the lowest weighted log-loss on held-out folds of labelled pairs (folds by
   a hash of the pair).
   Each weight keeps the sign its feature's meaning gives it (SIGNS: agreement never counts against one
   story); a feature whose weight comes out of the wrong sign is left out and the rest fitted again.
4. Chooses the threshold `same_story` on those held-out predictions: the one with the highest weighted
   F1 of same-story pairs, unless `--same-story` gives it (`make identity-model` does: see
   docs/identity.md, "The threshold"); pairs that stay under half of it (`kept`) even in a store of the
   highest share of same-story pairs are not stored (tidings.store.stories.stored_floor). Writes
   identity.json: weights by feature, bias, thresholds, the model's share of same-story pairs among all
   candidates (`prior`, the mean of their probabilities: tidings.link.prior), label counts and the
   held-out figures.

Only our own labels are read: nothing under ../shared/eval/ or ../shared/heldout/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from tidings.link.similarity import FEATURE_NAMES, PairFeatures
from tidings.store.stories import STORIES_DDL, add_profiles, candidate_features

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
LABELS = ROOT / "training" / "labels" / "identity" / "pairs.jsonl"
OUT = ROOT / "src" / "tidings" / "knowledge" / "models" / "identity.json"
STRATA = (0.0, 0.1, 0.2, 0.3, 0.35, 0.45, 1.01)  # bounds of the mean of word and name cosines
SHARES = (0.08, 0.12, 0.2, 0.2, 0.15, 0.25)  # of a sample, per stratum (README: how each round drew)
FOLDS = 5
PENALTIES = (1.0, 0.1, 0.01, 0.001)  # L2 penalties tried (weights are normalised to a mean of 1)
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 19))  # 0.05 .. 0.9
# pairs below this share of the threshold in a store of the highest share of same-story pairs are not
# stored at ingest (counted 0 in average link): a pair under half the threshold adds little to any average
# that reaches it (a cost bound, not fitted)
KEPT_SHARE = 0.5
# the sign each feature's weight must have, from what it means: agreement (shared words, names, numbers,
# years, lead people, the day, the town, publication within days) never counts against one story, and
# publication far apart, or leads naming days apart, never counts for it. With few same-story labels a
# weight of the wrong sign is noise of the sample (towns shared by reports of different crimes in one
# country), not a finding.
SIGNS = {
    "words": 1,
    "names": 1,
    "numbers": 1,
    "years": 1,
    "near": 1,
    "far": -1,
    "leads": 1,
    "followup": 1,
    "same_day": 1,
    "other_day": -1,
    "town": 1,
    "lead_words": 1,
    "lead_names": 1,
    "lead_numbers": 1,
}
SEED = 20261204
LEAD_CHARACTERS = 320


def article_key(a: dict) -> str:
    """As the judge's labels name corpus articles: the corpus id, or a hash of the text without one."""
    return a.get("id") or "text:" + hashlib.sha1(a["text"].encode("utf-8")).hexdigest()[:16]


def load_corpus() -> dict[str, dict]:
    if not CORPUS.exists():
        sys.exit(f"train_identity: no corpus at {CORPUS}")
    out: dict[str, dict] = {}
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            a = json.loads(line)
            out.setdefault(article_key(a), a)  # the corpus holds a few articles twice (the first is kept)
    return out


def candidates(corpus: dict[str, dict]) -> dict[tuple[str, str], PairFeatures]:
    """Every candidate pair of the corpus, as ingest would find it, with its features."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE articles (id VARCHAR, title VARCHAR, text VARCHAR, published DATE);" + STORIES_DDL
    )
    rows = pa.table(
        {
            "id": list(corpus),
            "title": [a.get("title") for a in corpus.values()],
            "text": [a["text"] for a in corpus.values()],
            "published": [
                date.fromisoformat(a["pub_date"][:10]) if a.get("pub_date") else None for a in corpus.values()
            ],
        }
    )
    con.register("corpus_rows", rows)
    con.execute("INSERT INTO articles SELECT * FROM corpus_rows")
    ids = sorted(corpus)
    add_profiles(con, ids)
    return candidate_features(con, ids)


def stratum(features: PairFeatures) -> int:
    shared = (features.words + features.names) / 2
    return next(k for k in range(len(STRATA) - 1) if shared < STRATA[k + 1])


def cell(pair: tuple[str, str], features: PairFeatures, corpus: dict[str, dict]) -> tuple[int, bool]:
    """The sampling cell of a candidate pair: its stratum, and whether the corpus dates both articles.

    Rounds 1 to 3 and 6 drew at random within strata, so within each cell too; rounds 4 and 5 drew within
    cells of dated pairs (README). Each labelled pair stands for the candidates of its cell."""
    return stratum(features), all(corpus[a].get("pub_date") for a in pair)


def lead(a: dict) -> str:
    text = " ".join(a["text"].split())
    return text[:LEAD_CHARACTERS]


def sample(
    pairs: dict[tuple[str, str], PairFeatures],
    corpus: dict[str, dict],
    n: int,
    seed: int,
    only: int | None = None,
    dated: bool = False,
) -> None:
    """Print `n` candidate pairs not labelled yet, drawn by SHARES (or all from stratum `only`), of dated
    articles only if `dated`."""
    by_stratum: dict[int, list[tuple[str, str]]] = {}
    for pair, features in sorted(pairs.items()):
        k, both_dated = cell(pair, features, corpus)
        if both_dated or not dated:
            by_stratum.setdefault(k, []).append(pair)
    labelled = {(r["first"], r["second"]) for r in read_labels()} if LABELS.exists() else set()
    rng = random.Random(seed)
    for k, share in enumerate(SHARES):
        if only is not None:
            share = 1.0 if k == only else 0.0
        pool = [p for p in by_stratum.get(k, []) if p not in labelled]
        for first, second in rng.sample(pool, min(len(pool), round(n * share))):
            a, b = corpus[first], corpus[second]
            print(
                json.dumps(
                    {
                        "first": first,
                        "second": second,
                        "stratum": k,
                        "a": [a.get("pub_date"), a.get("title"), lead(a)],
                        "b": [b.get("pub_date"), b.get("title"), lead(b)],
                    },
                    ensure_ascii=False,
                )
            )


def read_labels() -> list[dict]:
    with LABELS.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    for row in rows:
        if row["label"] not in ("same", "different"):
            sys.exit(f"train_identity: {LABELS}: label {row['label']!r} is neither 'same' nor 'different'")
    return rows


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float) -> np.ndarray:
    """Weighted L2-regularised logistic regression (last column the bias, not penalised), each feature's
    weight of the sign SIGNS gives it: a feature whose weight comes out of the wrong sign is left out
    (weight 0) and the rest fitted again, the worst first, until none is."""
    kept = list(range(x.shape[1]))
    while True:
        w = np.zeros(x.shape[1])
        w[kept] = _fit(x[:, kept], y, weight, l2)
        wrong = [k for k in kept[:-1] if SIGNS[FEATURE_NAMES[k]] * w[k] < 0]
        if not wrong:
            return w
        kept.remove(max(wrong, key=lambda k: (abs(w[k]), k)))


def _fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float) -> np.ndarray:
    w = np.zeros(x.shape[1])
    penalty = l2 * np.eye(x.shape[1])
    penalty[-1, -1] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (weight * (p - y)) + penalty @ w
        hessian = x.T @ (x * (weight * p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def figures(p: np.ndarray, y: np.ndarray, weight: np.ndarray, threshold: float) -> dict[str, float]:
    said = p >= threshold
    tp = float((weight * (said & (y == 1))).sum())
    fp = float((weight * (said & (y == 0))).sum())
    fn = float((weight * (~said & (y == 1))).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def train(out: Path, same_story: float | None = None) -> None:
    corpus = load_corpus()
    pairs = candidates(corpus)
    labels = read_labels()
    # a labelled pair that blocking no longer proposes is decided without the model (two stories); a
    # same-story one would be a loss of blocking, which must not pass unseen
    missing = [r for r in labels if (r["first"], r["second"]) not in pairs]
    lost = [(r["first"], r["second"]) for r in missing if r["label"] == "same"]
    if lost:
        sys.exit(f"train_identity: {len(lost)} same-story pairs are not candidates now, e.g. {lost[0]}")
    if missing:
        print(f"{len(missing)} labelled pairs (different stories) are not candidates now: left out")
    labels = [r for r in labels if (r["first"], r["second"]) in pairs]
    cells = {pair: cell(pair, f, corpus) for pair, f in pairs.items()}
    population = Counter(cells.values())
    labelled = Counter(cells[(r["first"], r["second"])] for r in labels)
    x = np.array([[*pairs[(r["first"], r["second"])].vector(), 1.0] for r in labels])
    y = np.array([1.0 if r["label"] == "same" else 0.0 for r in labels])
    # each labelled pair stands for the candidates of its cell (normalised to a mean of 1)
    weight = np.array([population[cells[(r["first"], r["second"])]] for r in labels], dtype=float)
    weight /= np.array([labelled[cells[(r["first"], r["second"])]] for r in labels], dtype=float)
    weight *= len(labels) / weight.sum()
    fold = np.array(
        [int(hashlib.sha1(f"{r['first']}|{r['second']}".encode()).hexdigest(), 16) % FOLDS for r in labels]
    )
    held_out: dict[float, np.ndarray] = {}
    loss: dict[float, float] = {}
    for l2 in PENALTIES:
        held_out[l2] = np.zeros(len(labels))
        for k in range(FOLDS):
            w = fit(x[fold != k], y[fold != k], weight[fold != k], l2)
            held_out[l2][fold == k] = 1 / (1 + np.exp(-x[fold == k] @ w))
        p = np.clip(held_out[l2], 1e-9, 1 - 1e-9)
        loss[l2] = float(-(weight * (y * np.log(p) + (1 - y) * np.log(1 - p))).sum() / weight.sum())
    l2 = min(PENALTIES, key=lambda v: (loss[v], -v))
    scored = {t: figures(held_out[l2], y, weight, t) for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (scored[t]["f1"], scored[t]["precision"], t))
    threshold = best if same_story is None else same_story
    if threshold not in scored:
        scored[threshold] = figures(held_out[l2], y, weight, threshold)
    kept = round(threshold * KEPT_SHARE, 4)
    w = fit(x, y, weight, l2)
    weights = {name: round(float(v), 4) for name, v in zip(FEATURE_NAMES, w[:-1], strict=True)}
    bias = round(float(w[-1]), 4)
    # the corpus's share of same-story pairs as the model sees it: the mean probability of all its
    # candidates (the weights as written), to which a store's own share is compared (tidings.link.prior)
    every = np.array([[*f.vector(), 1.0] for f in pairs.values()])
    prior = float((1 / (1 + np.exp(-every @ np.array([*weights.values(), bias])))).mean())
    model = {
        "weights": weights,
        "bias": bias,
        "same_story": threshold,
        "kept": kept,
        "prior": round(prior, 6),
        "trained_on": "training/labels/identity/pairs.jsonl (corpus article pairs labelled by the project)",
        "pairs": len(labels),
        "left_out": len(missing),  # labelled, but no longer candidates (different stories)
        "same": int(y.sum()),
        "candidates": len(pairs),
        "penalty": l2,
        "held_out_log_loss": {str(v): round(loss[v], 5) for v in PENALTIES},
        "held_out": {"threshold": threshold, **scored[threshold]},
        "held_out_best_f1": {"threshold": best, **scored[best]},
        "held_out_by_threshold": {str(t): scored[t] for t in THRESHOLDS},
    }
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(
        f"{len(labels)} labelled pairs ({int(y.sum())} same story) of {len(pairs)} candidates;"
        f" held out at {threshold}: {scored[threshold]}"
    )
    print(f"weights {model['weights']} bias {model['bias']} -> {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--sample", type=int, help="Print this many candidate pairs to label.")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--same-story", type=float, help="The threshold to write (default: the best held-out F1)."
    )
    parser.add_argument("--stratum", type=int, help="Draw the sample from this stratum only.")
    parser.add_argument("--dated", action="store_true", help="Draw pairs of two dated articles only.")
    args = parser.parse_args()
    if args.sample:
        corpus = load_corpus()
        sample(candidates(corpus), corpus, args.sample, args.seed, args.stratum, args.dated)
    else:
        train(args.out, args.same_story)


if __name__ == "__main__":
    main()
