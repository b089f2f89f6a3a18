"""Measure the identity model (tidings.link.similarity) on the identity benchmarks' dev parts, fast.

    .venv/bin/python bench/identity_pairs.py [--all-pairs]

Profiles every article of ../shared/eval/identity/{ecbplus,gvc}/documents.jsonl as ingest does, scores
every pair with the package's model (knowledge/models/identity.json, trained on our own corpus labels by
scripts/training/train_identity.py), and reports, per dataset: how many same-event pairs blocking finds
(share MIN_SHARED_KEYS key terms, within WINDOW_DAYS), and B3 and pairwise figures of average link over
those pairs at the model's threshold: the stories of `bench/identity.py` without extraction, in seconds.

It only measures. Nothing here fits or chooses a weight or a threshold: the benchmarks are for checking,
never for training (training/labels/identity/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from tidings.link.clustering import average_link
from tidings.link.prior import adjusted, estimate_prior, histogram
from tidings.link.profile import Profile, profile_of
from tidings.link.similarity import IdentityModel, PairFeatures, load_identity_model, pair_features
from tidings.link.when import dateline_date, lead_date, lead_weekdays
from tidings.store.stories import (
    CHANNELS,
    FAR_SHARED_KEYS,
    MIN_SHARED_KEYS,
    NEAR_DAYS,
    WINDOW_DAYS,
    stored_floor,
)

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_identity", EVAL / "score_identity.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    folder = EVAL / "identity" / name
    docs = [json.loads(line) for line in (folder / "documents.jsonl").open()]
    gold = [json.loads(line) for line in (folder / "gold.jsonl").open()]
    return docs, gold


def published(d: dict[str, Any]) -> dt.date | None:
    """An article's date, or its dateline's, as ingest profiles it (tidings.store.stories.add_profiles)."""
    if d.get("published"):
        return dt.date.fromisoformat(d["published"])
    return dateline_date(d["text"], d.get("title"))


def profiles(docs: list[dict[str, Any]]) -> list[Profile]:
    return [profile_of(d["id"], d["text"], title=d.get("title"), published=published(d)) for d in docs]


def facts(docs: list[dict[str, Any]]) -> list[tuple[dt.date | None, str | None, int]]:
    """Each article's lead date, town and lead weekdays, as ingest stores them (article_facts)."""
    from tidings.knowledge.gazetteer import load_gazetteer
    from tidings.link.setting import place_of

    gazetteer = load_gazetteer()
    out = []
    for d in docs:
        place = place_of(d["text"], gazetteer, d.get("title"))
        out.append(
            (
                lead_date(d["text"], published(d), d.get("title")),
                _town(place),
                lead_weekdays(d["text"], d.get("title")),
            )
        )
    return out


def _town(place: Any) -> str | None:
    return f"{place.name}|{place.region}|{place.country}" if place else None


def all_pairs(
    found: list[Profile], known: list[tuple[dt.date | None, str | None, int]] | None = None
) -> dict[tuple[int, int], tuple[PairFeatures, bool]]:
    """Features of every pair that shares a key term, and whether blocking finds it (as the store does:
    enough keys in common within the time window), with exact cosines."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(found):
        for t in p.terms:
            if t.key:
                index[t.term].append(i)
    keys: dict[tuple[int, int], int] = defaultdict(int)
    for postings in index.values():
        for i, j in combinations(postings, 2):
            keys[(min(i, j), max(i, j))] += 1
    vectors = [{c: {t.term: t.weight for t in p.terms if t.channel == c} for c in CHANNELS} for p in found]
    out = {}
    for pair, shared in keys.items():
        a, b = found[pair[0]], found[pair[1]]
        days = abs((a.published - b.published).days) if a.published and b.published else 0
        needed = MIN_SHARED_KEYS if days <= NEAR_DAYS else FAR_SHARED_KEYS
        blocked = shared >= needed and days <= WINDOW_DAYS
        va, vb = vectors[pair[0]], vectors[pair[1]]
        cos = {c: sum(w * vb[c].get(t, 0.0) for t, w in va[c].items()) for c in CHANNELS}
        leads = (lead_share(a, b), lead_share(b, a))
        fa, fb = (known[pair[0]], known[pair[1]]) if known else ((None, None, 0), (None, None, 0))
        features = pair_features(
            cos,
            (a.years, b.years),
            (a.published, b.published),
            leads,
            (fa[0], fb[0]),
            (fa[1], fb[1]),
            (fa[2], fb[2]),
        )
        out[pair] = (features, blocked)
    return out


def lead_share(a: Profile, b: Profile) -> float:
    leads = {t.text for t in a.terms if t.lead}
    if not leads:
        return 0.5
    return len(leads & {t.text for t in b.terms if t.channel == "n"}) / len(leads)


def evaluate(name: str, model: IdentityModel, only_blocked: bool = True) -> None:
    docs, gold = load(name)
    found = profiles(docs)
    pairs = all_pairs(found, facts(docs))
    event = {d: i for i, g in enumerate(gold) for d in g["documents"]}
    same = [event[docs[i]["id"]] == event[docs[j]["id"]] for i, j in pairs]
    positives = sum(len(g["documents"]) * (len(g["documents"]) - 1) // 2 for g in gold)
    blocked_pos = sum(s and b for s, (_, b) in zip(same, pairs.values(), strict=True))
    blocked_all = sum(b for _, b in pairs.values())
    scores = {
        (docs[i]["id"], docs[j]["id"]): round(model.probability(f), 6)
        for (i, j), (f, b) in pairs.items()
        if b or not only_blocked
    }
    # as ingest: the probabilities adjusted to the collection's share of same-story pairs (its candidates')
    prior = estimate_prior(histogram(scores.values()), model.prior)
    floor = stored_floor(model)
    scores = {k: adjusted(v, prior, model.prior) for k, v in scores.items() if v >= floor}
    groups = average_link([d["id"] for d in docs], scores, model.same_story)
    s = scorer().score(gold, [{"documents": g} for g in groups])
    print(
        f"{name:8} blocking finds {blocked_pos}/{positives} same-event pairs ({blocked_all} candidates);"
        f" B3 {s['b3']['f1']:.3f} (P {s['b3']['p']:.3f} R {s['b3']['r']:.3f}),"
        f" pairwise P {s['pairwise']['p']:.3f} R {s['pairwise']['r']:.3f}; {len(groups)} stories;"
        f" share of same-story pairs {prior:.4f} (the model's {model.prior})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--all-pairs", action="store_true", help="Score every pair with a key in common, blocked or not."
    )
    args = parser.parse_args()
    if not EVAL.exists():
        sys.exit(f"no benchmarks at {EVAL}")
    model = load_identity_model()
    for name in ("ecbplus", "gvc"):
        evaluate(name, model, only_blocked=not args.all_pairs)


if __name__ == "__main__":
    main()
