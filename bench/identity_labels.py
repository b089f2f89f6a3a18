"""What our own labels say of the stories of the whole corpus: labelled pairs put in one story.

    .venv/bin/python bench/identity_labels.py [--model identity.json] [--thresholds 0.03 0.05]

Finds the candidates of every article of ../shared/corpus/news.jsonl as ingest does (as
scripts/training/train_identity.py does), scores them with the model (the package's unless --model),
clusters them by average link as ingest does, and counts the labelled pairs of
training/labels/identity/pairs.jsonl put in one story: same-story pairs (the more the better) and
different-story pairs (the fewer), and the precision, recall and F1 of same-story pairs weighted to all
candidates (each labelled pair standing for the candidates of its sampling cell: its stratum, and whether
both articles are dated). The model was trained on these labels: the figures compare models and
thresholds, in-sample; they are not a held-out measure.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections import Counter
from pathlib import Path
from typing import Any

from tidings.link.clustering import average_link
from tidings.link.prior import PRIOR_MAX, adjusted, estimate_prior, histogram, unadjusted
from tidings.link.similarity import FEATURE_NAMES, IdentityModel, load_identity_model

TRAINER = Path(__file__).resolve().parents[1] / "scripts" / "training" / "train_identity.py"


def trainer() -> Any:
    spec = importlib.util.spec_from_file_location("train_identity", TRAINER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_model(path: Path) -> IdentityModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return IdentityModel(
        weights=tuple(float(data["weights"].get(name, 0.0)) for name in FEATURE_NAMES),
        bias=float(data["bias"]),
        same_story=float(data["same_story"]),
        kept=float(data["kept"]),
        prior=float(data["prior"]),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="An identity.json (default: the package's).")
    parser.add_argument(
        "--thresholds", type=float, nargs="*", help="Cluster at these (default: the model's)."
    )
    args = parser.parse_args()
    model = read_model(args.model) if args.model else load_identity_model()
    train = trainer()
    corpus = train.load_corpus()
    pairs = train.candidates(corpus)
    labels = [r for r in train.read_labels() if (r["first"], r["second"]) in pairs]
    cells = {pair: train.cell(pair, f, corpus) for pair, f in pairs.items()}
    population = Counter(cells.values())
    labelled = Counter(cells[(r["first"], r["second"])] for r in labels)
    probability = {pair: round(model.probability(f), 6) for pair, f in pairs.items()}
    # as ingest: adjusted to the corpus's share of same-story pairs (the model's own, as it was trained here)
    prior = estimate_prior(histogram(probability.values()), model.prior)
    for threshold in args.thresholds or [model.same_story]:
        # as ingest: pairs under the trainer's share of the threshold where the share of same-story pairs is
        # highest are not stored, and count 0 in averages
        floor = unadjusted(threshold * train.KEPT_SHARE, PRIOR_MAX, model.prior)
        scores = {pair: adjusted(p, prior, model.prior) for pair, p in probability.items() if p >= floor}
        stories = average_link(corpus, scores, threshold)
        story = {a: k for k, members in enumerate(stories) for a in members}
        together: Counter[str] = Counter()
        weighted: Counter[str] = Counter()
        for r in labels:
            where = cells[(r["first"], r["second"])]
            weight = population[where] / labelled[where]
            joined = story[r["first"]] == story[r["second"]]
            together[r["label"]] += joined
            if r["label"] == "same":
                weighted["tp" if joined else "fn"] += weight
            else:
                weighted["fp" if joined else "tn"] += weight
        p = weighted["tp"] / (weighted["tp"] + weighted["fp"])
        r_ = weighted["tp"] / (weighted["tp"] + weighted["fn"])
        total = Counter(r["label"] for r in labels)
        print(
            f"threshold {threshold}: {len(corpus)} articles in {len(stories)} stories; labelled same-story"
            f" pairs together {together['same']} of {total['same']}, different-story pairs together"
            f" {together['different']} of {total['different']}; weighted P {p:.4f} R {r_:.4f}"
            f" F1 {2 * p * r_ / (p + r_):.3f}"
        )


if __name__ == "__main__":
    main()
