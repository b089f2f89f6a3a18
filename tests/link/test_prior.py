"""The share of same-story pairs among a store's candidates, estimated without labels (tidings.link.prior)."""

from __future__ import annotations

import math

import pytest

from tidings.link.prior import (
    BIN_WIDTH,
    PRIOR_MAX,
    PRIOR_STEP,
    adjusted,
    bin_of,
    estimate_prior,
    histogram,
    unadjusted,
)

BINS = range(-120, 60)  # log-odds -12 .. 6
# news at large as the model sees it: how many candidates in each bin (any shape will do), and the
# probability of one story there (the bin's own: the model is calibrated on it)
NEWS = {b: math.exp(-((b * BIN_WIDTH + 7) ** 2) / 8) for b in BINS}
POSTERIOR = {b: 1 / (1 + math.exp(-b * BIN_WIDTH)) for b in BINS}
REFERENCE = sum(NEWS[b] * POSTERIOR[b] for b in BINS) / sum(NEWS.values())  # the model's share


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def collection(share: float, size: int = 1_000_000) -> dict[int, int]:
    """The histogram of the model's probabilities over `size` candidates of which `share` are one story:
    each kind scored as in news at large, mixed in another proportion."""
    same = {b: NEWS[b] * POSTERIOR[b] for b in BINS}
    other = {b: NEWS[b] * (1 - POSTERIOR[b]) for b in BINS}
    s, o = sum(same.values()), sum(other.values())
    return {b: round(size * (share * same[b] / s + (1 - share) * other[b] / o)) for b in BINS}


@pytest.mark.parametrize("share", [0.02, 0.1, 0.3])
def test_the_share_of_a_collection_is_found_from_its_scores_alone(share: float) -> None:
    """Class: a collection of many reports of each happening has more same-story candidates than news at
    large; the histogram of the model's probabilities shows how many, within a step."""
    found = estimate_prior(collection(share), REFERENCE)
    assert abs(logit(found) - logit(share)) <= PRIOR_STEP / 2 + 0.05


def test_news_like_the_training_corpus_keeps_the_models_share() -> None:
    """Counter-example: a collection mixed as the corpus the model was trained on is left as it is, so its
    probabilities are the model's own."""
    assert estimate_prior(collection(REFERENCE), REFERENCE) == REFERENCE
    assert estimate_prior({}, REFERENCE) == REFERENCE


def test_a_few_candidates_say_little() -> None:
    """Counter-example: five likely pairs are not a collection of one happening's coverage; five
    thousand are."""
    likely = bin_of(0.9)
    assert estimate_prior({likely: 5}, REFERENCE) < 0.05
    assert estimate_prior({likely: 5000}, REFERENCE) >= 0.3


def test_no_collection_is_taken_for_more_than_even() -> None:
    assert estimate_prior({bin_of(0.999): 100_000}, REFERENCE) == PRIOR_MAX


def test_adjusting_moves_the_odds_by_the_shares_odds() -> None:
    p = 0.04
    assert adjusted(p, REFERENCE, REFERENCE) == p
    up = adjusted(p, 0.1, REFERENCE)
    assert logit(up) - logit(p) == pytest.approx(logit(0.1) - logit(REFERENCE))
    assert unadjusted(up, 0.1, REFERENCE) == pytest.approx(p)
    assert adjusted(0.01, 0.1, REFERENCE) < adjusted(0.02, 0.1, REFERENCE)  # the order of pairs is kept


def test_the_histogram_counts_each_candidate_once() -> None:
    bins = histogram([0.5, 0.5, 0.9, 1e-12])
    assert sum(bins.values()) == 4
    assert bins[0] == 2
