"""The identity model: what it ships, that its training is reproducible, and that it is trained only on
our own labels of corpus pairs, none of them an article of the identity benchmarks."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import ROOT, shared_file
from tidings.link.similarity import FEATURE_NAMES, PairFeatures, load_identity_model

LABELS = ROOT / "training" / "labels" / "identity" / "pairs.jsonl"


def _train_module():
    path = ROOT / "scripts" / "training" / "train_identity.py"
    spec = importlib.util.spec_from_file_location("train_identity", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_identity"] = module
    spec.loader.exec_module(module)
    return module


def test_the_model_ships_with_its_provenance() -> None:
    meta = json.loads(
        (resources.files("tidings") / "knowledge" / "models" / "identity.json").read_text(encoding="utf-8")
    )
    assert meta["trained_on"].startswith("training/labels/identity/pairs.jsonl")
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line]
    assert meta["pairs"] + meta["left_out"] == len(labels) >= 600  # left out: no longer candidates
    assert meta["same"] == sum(r["label"] == "same" for r in labels)
    model = load_identity_model()
    assert len(model.weights) == len(FEATURE_NAMES) == len(PairFeatures().vector())
    assert 0 < model.kept < model.same_story < 1


def test_labels_are_well_formed() -> None:
    seen = set()
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert set(row) == {"first", "second", "label", "reason"}
        assert row["label"] in ("same", "different") and row["reason"].strip()
        assert row["first"] < row["second"] and (row["first"], row["second"]) not in seen
        seen.add((row["first"], row["second"]))


def test_fitting_is_deterministic() -> None:
    ti = _train_module()
    rng = np.random.default_rng(0)
    x = np.hstack([rng.random((200, len(FEATURE_NAMES))), np.ones((200, 1))])
    y = (x[:, 0] + x[:, 1] + 0.3 * rng.standard_normal(200) > 1.0).astype(float)
    weight = rng.random(200) + 0.5
    a = ti.fit(x, y, weight, 0.01)
    b = ti.fit(x, y, weight, 0.01)
    assert np.array_equal(a, b)
    assert a[0] > 1 and a[1] > 1  # it learnt what tells the classes apart


def test_no_labelled_article_is_a_benchmark_article() -> None:
    """The benchmarks measure; they never train. No labelled pair holds an identity benchmark's text."""
    benchmark_texts = set()
    for name in ("ecbplus", "gvc"):
        path = shared_file(f"eval/identity/{name}/documents.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines():
            benchmark_texts.add(" ".join(json.loads(line)["text"].split())[:300])
    corpus = shared_file("corpus/news.jsonl")
    ti = _train_module()
    texts = {}
    for line in corpus.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        texts.setdefault(ti.article_key(article), " ".join(article["text"].split())[:300])
    labelled = {
        key
        for line in LABELS.read_text(encoding="utf-8").splitlines()
        for key in (json.loads(line)["first"], json.loads(line)["second"])
    }
    assert labelled <= set(texts)
    assert not {texts[key] for key in labelled} & benchmark_texts


def test_a_weight_of_the_wrong_sign_is_left_out() -> None:
    """Agreement never counts against one story: a feature that the sample ties to two stories (the town
    here) gets weight 0, and the others are fitted without it; `far` may only count against."""
    ti = _train_module()
    rng = np.random.default_rng(1)
    names = list(FEATURE_NAMES)
    x = np.hstack([rng.random((300, len(names))), np.ones((300, 1))])
    town, words, far = names.index("town"), names.index("words"), names.index("far")
    noise = 0.2 * rng.standard_normal(300)
    y = (x[:, words] - 0.8 * x[:, town] + 0.8 * x[:, far] + noise > 0.3).astype(float)
    w = ti.fit(x, y, np.ones(300), 0.01)
    assert w[words] > 0
    assert w[town] == 0.0 and w[far] == 0.0
    assert all(ti.SIGNS[n] * w[k] >= 0 for k, n in enumerate(names))


def test_a_labelled_pair_stands_for_the_candidates_of_its_cell() -> None:
    """A cell is a stratum of shared words and names and whether the corpus dates both articles: a pair
    with one undated article is not in a dated cell, whatever it shares (round 4 drew dated pairs only)."""
    ti = _train_module()
    corpus = {"a": {"pub_date": "2016-03-01"}, "b": {"pub_date": "2016-03-02"}, "c": {"pub_date": None}}
    close = PairFeatures(words=0.5, names=0.6)
    far = PairFeatures(words=0.05, names=0.05)
    assert ti.cell(("a", "b"), close, corpus) == (5, True)
    assert ti.cell(("a", "c"), close, corpus) == (5, False)
    assert ti.cell(("b", "c"), far, corpus) == (0, False)
    assert ti.cell(("a", "b"), far, corpus) == (0, True)


@pytest.mark.slow
def test_the_shipped_model_is_what_make_identity_model_writes(tmp_path: Path) -> None:
    """The package's identity.json is the trainer's output on the labels and the code as they are: a
    change to what the features read (the town and day readers, blocking) must retrain the model."""
    shared_file("corpus/news.jsonl")
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    threshold = re.search(r"train_identity\.py --same-story ([\d.]+)", make)
    assert threshold is not None
    shipped = json.loads(
        (resources.files("tidings") / "knowledge" / "models" / "identity.json").read_text(encoding="utf-8")
    )
    assert shipped["same_story"] == float(threshold.group(1))
    out = tmp_path / "identity.json"
    _train_module().train(out, float(threshold.group(1)))
    # the same keys and values; numbers to their last written digit (another BLAS may round otherwise)
    assert _flat(json.loads(out.read_text(encoding="utf-8"))) == pytest.approx(_flat(shipped), abs=2e-4)


def _flat(value: object, key: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        return {k: v for name, item in value.items() for k, v in _flat(item, f"{key}/{name}").items()}
    return {key: value}
