"""Grouping by scored pairs: the groups depend on the set of items and scores, never on their order."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tidings.link.clustering import average_link, connected_parts


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([], [["a"], ["b"], ["c"], ["d"]]),
        ([("a", "b")], [["a", "b"], ["c"], ["d"]]),
        ([("c", "d"), ("b", "c")], [["a"], ["b", "c", "d"]]),
        ([("d", "a"), ("b", "c")], [["a", "d"], ["b", "c"]]),
    ],
)
def test_connected_parts(pairs: list[tuple[str, str]], expected: list[list[str]]) -> None:
    assert connected_parts(["d", "c", "b", "a"], pairs) == expected


@pytest.mark.parametrize(
    ("scores", "threshold", "expected"),
    [
        # a chain: single link would join all three; the average of a and c's pairs is (0.9 + 0) / 2
        ({("a", "b"): 0.9, ("b", "c"): 0.8}, 0.5, [["a", "b"], ["c"]]),
        ({("a", "b"): 0.9, ("b", "c"): 0.8, ("a", "c"): 0.3}, 0.5, [["a", "b", "c"]]),
        ({("a", "b"): 0.9, ("b", "c"): 0.8, ("a", "c"): 0.3}, 0.6, [["a", "b"], ["c"]]),
        ({("a", "b"): 0.4}, 0.5, [["a"], ["b"], ["c"]]),
        # two tight pairs that a weak pair between them does not join
        ({("a", "b"): 0.9, ("c", "d"): 0.9, ("b", "c"): 0.6}, 0.5, [["a", "b"], ["c", "d"]]),
    ],
)
def test_average_link(
    scores: dict[tuple[str, str], float], threshold: float, expected: list[list[str]]
) -> None:
    items = sorted({x for pair in scores for x in pair} | {"a", "b", "c"})
    assert average_link(items, scores, threshold) == expected


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.sampled_from("abcdefgh"), st.sampled_from("abcdefgh")).filter(lambda p: p[0] < p[1]),
        st.sampled_from([0.1, 0.3, 0.45, 0.5, 0.7, 0.9, 1.0]),
        max_size=20,
    ),
    st.randoms(use_true_random=False),
)
def test_average_link_ignores_order(scores: dict[tuple[str, str], float], rng: random.Random) -> None:
    items = list("abcdefgh")
    expected = average_link(items, scores, 0.5)
    shuffled = list(scores.items())
    rng.shuffle(shuffled)
    rng.shuffle(items)
    assert average_link(items, dict(shuffled), 0.5) == expected
    assert sorted(x for group in expected for x in group) == sorted(items)
