"""What pairs of stored profiles share, computed over their columns, against the sums term by term."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from tidings.link.shared_terms import shared_terms

CHANNELS = ("w", "n", "d", "lw", "ln", "ld")


def _table(profiles: dict[str, tuple[dict[str, float], list[str]]]) -> pa.Table:
    return pa.table(
        {
            "article_id": list(profiles),
            "terms": [list(terms) for terms, _ in profiles.values()],
            "weights": pa.array(
                [list(terms.values()) for terms, _ in profiles.values()], pa.list_(pa.float32())
            ),
            "leads": [leads for _, leads in profiles.values()],
        }
    )


def _by_hand(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    sums = dict.fromkeys(CHANNELS, 0.0)
    for term in sorted(a.keys() & b.keys()):
        sums[term.split(":")[0]] += a[term] * b[term]
    return sums


def _float32(value: float) -> float:
    return float(pa.array([value], pa.float32())[0].as_py())


def test_sums_and_lead_shares_of_a_small_batch() -> None:
    profiles = {
        "a": ({"w:shot": 0.6, "n:akron": 0.8, "lw:shot": 1.0}, ["n:akron"]),
        "b": ({"w:shot": 0.5, "n:akron": 0.5, "n:ohio": 0.7, "d:3": 1.0}, ["n:akron", "n:ohio"]),
        "c": ({"w:vote": 1.0}, []),
    }
    found = shared_terms(_table(profiles), [("a", "b"), ("a", "c")], frozenset({"a"}), CHANNELS)
    ab = found[("a", "b")]
    assert ab.cosines["w"] == _float32(0.6) * _float32(0.5)
    assert ab.cosines["n"] == _float32(0.8) * _float32(0.5)
    assert ab.cosines["lw"] == 0.0 and ab.cosines["d"] == 0.0
    # all of a's lead people are in b; half of b's are in a
    assert ab.leads == (1.0, 0.5)
    ac = found[("a", "c")]
    assert all(value == 0.0 for value in ac.cosines.values())
    # a names a lead person c lacks; c names none, which counts as half
    assert ac.leads == (0.0, 0.5)


def test_the_same_sums_whichever_is_new_and_whatever_else_is_read() -> None:
    rng = random.Random(3)
    vocabulary = [f"{c}:{word}" for c in CHANNELS for word in ("a", "b", "c", "d", "e", "f", "g")]
    profiles = {}
    for number in range(12):
        chosen = rng.sample(vocabulary, 15)
        terms = {term: _float32(rng.random()) for term in chosen}
        leads = [t for t in chosen if t.startswith("n:")][:2]
        profiles[f"art{number:02d}"] = (terms, leads)
    table = _table(profiles)
    ids = sorted(profiles)
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    with_first_new = shared_terms(table, pairs, frozenset(ids[:6]) | {ids[0]}, CHANNELS)
    all_new = shared_terms(table, pairs, frozenset(ids), CHANNELS)
    one_pair = shared_terms(table.slice(4, 3), [(ids[5], ids[6])], frozenset({ids[6]}), CHANNELS)
    for pair in pairs:
        if pair[0] not in ids[:6] and pair[1] not in ids[:6]:
            continue
        assert with_first_new[pair] == all_new[pair]
        assert all_new[pair].cosines == _by_hand(profiles[pair[0]][0], profiles[pair[1]][0])
    assert one_pair[(ids[5], ids[6])] == all_new[(ids[5], ids[6])]


def test_a_term_of_no_known_channel_is_refused() -> None:
    table = _table({"a": ({"x:odd": 1.0}, []), "b": ({"w:shot": 1.0}, [])})
    with pytest.raises(ValueError, match="channel"):
        shared_terms(table, [("a", "b")], frozenset({"a"}), CHANNELS)


def test_no_pairs_no_work() -> None:
    assert shared_terms(_table({"a": ({"w:shot": 1.0}, [])}), [], frozenset({"a"}), CHANNELS) == {}
