"""How common pairs of one story are among a store's candidates, and the model's probabilities adjusted to it.

The identity model (`tidings.link.similarity`) is trained on pairs of real news (`../shared/corpus`),
where of all candidate pairs few are two reports of one happening: its probabilities carry that
collection's share (the model's `prior`, the mean probability of its candidates). A store of another
kind, many reports of each happening (a collection gathered around a few events, a news agency's
coverage of one war), has far more, and the same two reports are then likelier one story. Its share is
estimated from the store's own candidates, without labels, by the EM procedure of Saerens, Latinne and
Decaestecker (2002, "Adjusting the outputs of a classifier to new a priori probabilities"), and each
probability adjusted to it by Bayes' rule (the model's odds times the ratio of the two shares' odds).

The estimate is a function of the histogram of the store's candidate probabilities only (a sum over
pairs, the same whatever the order of ingest), pulled towards the model's prior by `PRIOR_WEIGHT`
pseudo-pairs (a store of a few articles says little of its kind), at most `PRIOR_MAX`, and rounded to
`PRIOR_STEP` in log-odds so that a store's stories are clustered again only when it moves by a step.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

__all__ = [
    "BIN_WIDTH",
    "PRIOR_MAX",
    "PRIOR_STEP",
    "PRIOR_WEIGHT",
    "adjusted",
    "bin_of",
    "estimate_prior",
    "histogram",
    "unadjusted",
]

BIN_WIDTH = 0.1  # of the histogram of candidate probabilities, in log-odds
PRIOR_WEIGHT = 200.0  # pseudo-pairs at the model's prior: a store of a few candidates keeps it
PRIOR_MAX = 0.5  # no store is taken to have more pairs of one story than of two among its candidates
PRIOR_STEP = 0.25  # the estimate's log-odds are rounded to this
_ITERATIONS = 500
_TOLERANCE = 1e-9
_EDGE = 1e-9  # probabilities are kept off 0 and 1


def _logit(p: float) -> float:
    p = min(max(p, _EDGE), 1 - _EDGE)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def bin_of(probability: float) -> int:
    """The histogram bin of a candidate's probability (its log-odds over `BIN_WIDTH`, rounded)."""
    return round(_logit(probability) / BIN_WIDTH)


def histogram(probabilities: Iterable[float]) -> dict[int, int]:
    """How many candidates fall in each bin."""
    out: dict[int, int] = {}
    for p in probabilities:
        b = bin_of(p)
        out[b] = out.get(b, 0) + 1
    return out


def adjusted(probability: float, prior: float, reference: float) -> float:
    """The probability the model gives under its `reference` share of same-story pairs, for a store
    whose share is `prior` (Bayes' rule: odds times the ratio of the shares' odds)."""
    if prior == reference:
        return probability
    return _sigmoid(_logit(probability) + _logit(prior) - _logit(reference))


def unadjusted(probability: float, prior: float, reference: float) -> float:
    """The model's probability that `adjusted` turns into this one (to select stored pairs by it)."""
    if prior == reference:
        return probability
    return _sigmoid(_logit(probability) - _logit(prior) + _logit(reference))


def estimate_prior(bins: Mapping[int, int], reference: float) -> float:
    """The share of same-story pairs among the candidates whose histogram is `bins`, for a model whose
    own share is `reference`: EM with `PRIOR_WEIGHT` pseudo-pairs at `reference`, at most `PRIOR_MAX`,
    rounded to `PRIOR_STEP` in log-odds (exactly `reference` when it rounds to its step)."""
    total = sum(bins.values())
    if not total:
        return reference
    shift = _logit(reference)
    cells = [(b * BIN_WIDTH, n) for b, n in sorted(bins.items())]
    prior = reference
    for _ in range(_ITERATIONS):
        move = _logit(prior) - shift
        expected = sum(n * _sigmoid(z + move) for z, n in cells)
        new = (expected + PRIOR_WEIGHT * reference) / (total + PRIOR_WEIGHT)
        new = min(new, PRIOR_MAX)
        if abs(new - prior) < _TOLERANCE:
            prior = new
            break
        prior = new
    steps = round((_logit(prior) - shift) / PRIOR_STEP)
    if steps == 0:
        return reference
    return min(_sigmoid(shift + steps * PRIOR_STEP), PRIOR_MAX)
