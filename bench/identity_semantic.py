"""An experiment kept for the record: would a cosine of word vectors help the identity model?

    .venv/bin/python bench/identity_semantic.py

Each article's title and first 700 characters become one vector: the mean of the spaCy pipeline's word
vectors (en_core_web_md, the package's model) of its words, each weighing as rare as it is in English
(tidings.link.profile.word_weight), less the corpus's mean vector (without it every pair of news reports
scores about 0.9). A pair's feature is the cosine of its two vectors ("semantic").

1. On our own labels (training/labels/identity/pairs.jsonl), as scripts/training/train_identity.py
   trains: held-out log-loss and best F1 over 5 folds, with and without the feature.
2. On the identity benchmarks' dev parts, as bench/identity_pairs.py measures (blocked candidates, the
   store's share of same-story pairs estimated, average link at 0.5): B3 and pairwise figures of the
   model trained on all labels, with and without the feature.

It only measures; nothing it prints is written anywhere. Stop 40 found the feature better on our labels
and worse for precision on the benchmarks (docs/identity.md, "Stop 40"), and did not keep it.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from tidings.link.clustering import average_link
from tidings.link.prior import adjusted, estimate_prior, histogram
from tidings.link.profile import load_word_frequencies, word_weight
from tidings.link.similarity import FEATURE_NAMES, load_identity_model
from tidings.store.stories import stored_floor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from identity_labels import trainer  # noqa: E402  # bench/ is no package
from identity_pairs import all_pairs, facts, load, profiles, scorer  # noqa: E402

LEAD_CHARACTERS = 700
WORD = re.compile(r"[A-Za-z]+")
NAMES = [*FEATURE_NAMES, "semantic"]


def vectors(texts: list[tuple[str | None, str]]) -> np.ndarray:
    """One unit vector per (title, text): rarity-weighted mean of the word vectors, not yet centred."""
    import spacy

    from tidings.nlp import model_name

    vocab = spacy.load(
        model_name(), exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    ).vocab
    freq = load_word_frequencies()
    out = np.zeros((len(texts), vocab.vectors.shape[1]))
    for row, (title, text) in enumerate(texts):
        body = f"{title or ''}\n{' '.join(text.split())[:LEAD_CHARACTERS]}"
        for word in WORD.findall(body):
            word = word.lower()
            if len(word) < 3 or not vocab.has_vector(word):
                continue
            vector = vocab.get_vector(word)
            norm = float(np.linalg.norm(vector))
            if norm:
                out[row] += word_weight(word, freq) * vector / norm
    return out


def centred(raw: np.ndarray, mean: np.ndarray) -> np.ndarray:
    shifted = raw - mean
    return shifted / np.maximum(np.linalg.norm(shifted, axis=1, keepdims=True), 1e-12)


def fit(t: Any, x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float) -> np.ndarray:
    """train_identity.fit with the extra feature's sign (agreement never counts against one story)."""
    signs = {**t.SIGNS, "semantic": 1}
    kept = list(range(x.shape[1]))
    while True:
        w = np.zeros(x.shape[1])
        w[kept] = t._fit(x[:, kept], y, weight, l2)
        wrong = [k for k in kept[:-1] if signs[NAMES[k]] * w[k] < 0]
        if not wrong:
            return w
        kept.remove(max(wrong, key=lambda k: (abs(w[k]), k)))


def main() -> None:
    t = trainer()
    corpus = t.load_corpus()
    pairs = t.candidates(corpus)
    labels = [r for r in t.read_labels() if (r["first"], r["second"]) in pairs]
    keys = sorted(corpus)
    row = {k: i for i, k in enumerate(keys)}
    raw = vectors([(corpus[k].get("title"), corpus[k]["text"]) for k in keys])
    mean = raw.mean(axis=0)
    vec = centred(raw, mean)
    cells = {pair: t.cell(pair, f, corpus) for pair, f in pairs.items()}
    population = Counter(cells.values())
    labelled = Counter(cells[(r["first"], r["second"])] for r in labels)
    y = np.array([1.0 if r["label"] == "same" else 0.0 for r in labels])
    weight = np.array([population[cells[(r["first"], r["second"])]] for r in labels], dtype=float)
    weight /= np.array([labelled[cells[(r["first"], r["second"])]] for r in labels], dtype=float)
    weight *= len(labels) / weight.sum()
    fold = np.array(
        [int(hashlib.sha1(f"{r['first']}|{r['second']}".encode()).hexdigest(), 16) % t.FOLDS for r in labels]
    )
    semantic = np.array([float(vec[row[r["first"]]] @ vec[row[r["second"]]]) for r in labels])
    base = np.array([[*pairs[(r["first"], r["second"])].vector(), 0.0, 1.0] for r in labels])
    models = {}
    for name, x in (("without", base), ("with", np.column_stack([base[:, :-2], semantic, base[:, -1]]))):
        l2 = 0.01
        held_out = np.zeros(len(labels))
        for k in range(t.FOLDS):
            w = fit(t, x[fold != k], y[fold != k], weight[fold != k], l2)
            held_out[fold == k] = 1 / (1 + np.exp(-x[fold == k] @ w))
        p = np.clip(held_out, 1e-9, 1 - 1e-9)
        loss = float(-(weight * (y * np.log(p) + (1 - y) * np.log(1 - p))).sum() / weight.sum())
        best = max((t.figures(held_out, y, weight, c)["f1"], c) for c in t.THRESHOLDS)
        w = fit(t, x, y, weight, l2)
        every = np.array(
            [
                [*f.vector(), float(vec[row[a]] @ vec[row[b]]) if name == "with" else 0.0, 1.0]
                for (a, b), f in pairs.items()
            ]
        )
        prior = float((1 / (1 + np.exp(-every @ w))).mean())
        models[name] = (w, prior)
        weights = ", ".join(f"{n} {v:.2f}" for n, v in zip(NAMES, w[:-1], strict=True) if v)
        print(f"labels, {name} the feature: held-out log-loss {loss:.5f}, best F1 {best[0]:.3f} at {best[1]}")
        print(f"    weights {weights}; bias {w[-1]:.2f}; share {prior:.6f}")
    floor = stored_floor(load_identity_model())
    for dataset in ("ecbplus", "gvc"):
        docs, gold = load(dataset)
        found = all_pairs(profiles(docs), facts(docs))
        dvec = centred(vectors([(d.get("title"), d["text"]) for d in docs]), mean)
        ids = [d["id"] for d in docs]
        for name, (w, prior) in models.items():
            scores = {}
            for (i, j), (features, blocked) in found.items():
                if blocked:
                    extra = float(dvec[i] @ dvec[j]) if name == "with" else 0.0
                    z = float(np.array([*features.vector(), extra, 1.0]) @ w)
                    scores[(ids[i], ids[j])] = round(1 / (1 + np.exp(-z)), 6)
            share = estimate_prior(histogram(scores.values()), prior)
            kept = {k: adjusted(v, share, prior) for k, v in scores.items() if v >= floor}
            s = scorer().score(gold, [{"documents": g} for g in average_link(ids, kept, 0.5)])
            print(
                f"{dataset:8} {name:7} the feature: B3 {s['b3']['f1']:.3f} (P {s['b3']['p']:.3f} R"
                f" {s['b3']['r']:.3f}), pairwise P {s['pairwise']['p']:.3f} R {s['pairwise']['r']:.3f};"
                f" share {share:.3f}"
            )


if __name__ == "__main__":
    main()
