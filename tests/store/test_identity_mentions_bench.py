"""bench/identity_mentions.py: how stored event mentions are aligned to annotated ones, and scored."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "identity_mentions.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("identity_mentions", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_stored_mention_aligns_to_the_annotated_mention_it_overlaps_most() -> None:
    bench = _bench()
    gold = {"d1": [(10, 18, "shooting"), (20, 26, "arrest")], "d2": [(0, 5, "shooting")]}
    ours = [
        ("ev1", "d1", 12, 22, "rec_a", "st_1"),  # overlaps both: 6 characters of the first, 2 of the second
        ("ev2", "d1", 21, 25, "rec_b", "st_1"),
        ("ev3", "d1", 11, 13, "rec_a", "st_1"),  # the first again: another of ours took it
        ("ev4", "d2", 30, 35, "rec_a", "st_1"),  # overlaps nothing annotated
        ("ev5", "d2", 1, 4, "rec_a", "st_1"),
    ]
    aligned, extra = bench.align(ours, gold)
    assert aligned == {
        ("d1", 10, 18): ("shooting", "rec_a", "st_1"),
        ("d1", 20, 26): ("arrest", "rec_b", "st_1"),
        ("d2", 0, 5): ("shooting", "rec_a", "st_1"),
    }
    assert extra == 1


def test_pairs_are_counted_within_one_article_and_across_articles_apart() -> None:
    bench = _bench()
    key = [[("d1", 0, 5), ("d1", 9, 14), ("d2", 0, 5)]]  # one act: a pair within d1, two across
    resp = [[("d1", 0, 5), ("d1", 9, 14)], [("d2", 0, 5)]]  # the pair within found, those across not
    pairs = bench.pairs_by_scope(key, resp)
    assert pairs["within"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "gold_pairs": 1}
    assert pairs["across"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "gold_pairs": 2}
