"""Whether two articles report the same happening: a probability from what their profiles share.

The features of a pair are the cosines of their three channels (words, names, numbers), whether the years
they name agree, how far apart they were published (and, far apart, how much they still share: a
follow-up), how much of the people each is about the other names, whether the days their leads name agree
or lie apart (two features: our labels weigh agreement far more than disagreement), whether they tell of
the same town (tidings.link.when, tidings.link.setting), and the cosines of the
three channels of their titles and leads alone; a logistic model turns them into the probability that
both belong to one story. Its weights and threshold are data, `knowledge/models/identity.json`, fitted
by `scripts/training/train_identity.py` (`make identity-model`) on pairs of corpus articles the project
labelled itself (training/labels/identity/), never on a benchmark.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from importlib import resources

__all__ = ["FEATURE_NAMES", "IdentityModel", "PairFeatures", "load_identity_model", "pair_features"]

NEAR_DAYS = 3  # published within this many days of each other: likely the same news cycle
FAR_DAYS = 30  # further apart than this: a follow-up at best
SAME_DAY = 1  # the days two leads name, this close: one happening
OTHER_DAY = 3  # further apart than this: two


@dataclass(frozen=True, slots=True, kw_only=True)
class PairFeatures:
    """What two articles share (each cosine in 0..1)."""

    words: float = 0.0
    names: float = 0.0
    numbers: float = 0.0
    years: float = 0.0  # +1 they name a year in common, -1 both name years and none in common, else 0
    near: float = 0.0  # 1 when both are dated and published within NEAR_DAYS days
    far: float = 0.0  # 1 when both are dated and published more than FAR_DAYS days apart
    leads: float = 0.0  # the shares of each one's lead people the other names, summed, less 1 (-1..1)
    followup: float = 0.0  # names and numbers in common, when far apart: a follow-up of the same case
    # 1 the days their leads name agree (within a day; not in two towns); without the days, 1 their leads
    # name a weekday in common
    same_day: float = 0.0
    # 1 the days their leads name are further apart (OTHER_DAY): apart from agreement, since our labels weigh
    # the two unlike (a follow-up's lead names its own day: disagreement is weak evidence, agreement strong)
    other_day: float = 0.0
    town: float = 0.0  # +1 they tell of the same town, -1 of two towns
    lead_words: float = 0.0  # the cosines of the channels of their titles and leads alone
    lead_names: float = 0.0
    lead_numbers: float = 0.0

    def vector(self) -> tuple[float, ...]:
        return (
            self.words,
            self.names,
            self.numbers,
            self.years,
            self.near,
            self.far,
            self.leads,
            self.followup,
            self.same_day,
            self.other_day,
            self.town,
            self.lead_words,
            self.lead_names,
            self.lead_numbers,
        )


def pair_features(
    cosines: dict[str, float],
    years: tuple[tuple[int, ...], tuple[int, ...]],
    published: tuple[date | None, date | None],
    leads: tuple[float, float] = (0.5, 0.5),
    lead_days: tuple[date | None, date | None] = (None, None),
    towns: tuple[str | None, str | None] = (None, None),
    weekdays: tuple[int, int] = (0, 0),
) -> PairFeatures:
    """The features of a pair from its channel cosines ("w", "n", "d", and of the leads "lw", "ln",
    "ld"), years, publication dates and the
    share of each one's lead names that the other names (0.5 for an article without names); the days
    their leads name and the towns they tell of; and the weekdays their leads name, as bits
    (tidings.link.when.lead_weekdays), compared only where a lead's days cannot be (a report without a
    date)."""
    first, second = years
    year_agreement = 0.0
    if first and second:
        year_agreement = 1.0 if set(first) & set(second) else -1.0
    near = far = 0.0
    if published[0] is not None and published[1] is not None:
        days = abs((published[0] - published[1]).days)
        near = 1.0 if days <= NEAR_DAYS else 0.0
        far = 1.0 if days > FAR_DAYS else 0.0
    town = 0.0 if not (towns[0] and towns[1]) else (1.0 if towns[0] == towns[1] else -1.0)
    day = _same_day(lead_days)
    # reports without a date to resolve their days against: the weekday both leads name is the day they
    # share ("on Sunday" in both); naming other weekdays says nothing (one tells of the day after)
    if (lead_days[0] is None or lead_days[1] is None) and weekdays[0] & weekdays[1]:
        day = 1.0
    # a follow-up's lead names its own day (a charge, a trial): days disagree only within a news cycle
    if far:
        day = max(day, 0.0)
    # one day's happenings in two towns are two happenings (two shootings on one Saturday): the day the
    # leads share is evidence of one happening only where they do not place it in two towns
    if town < 0:
        day = min(day, 0.0)
    return PairFeatures(
        words=cosines.get("w", 0.0),
        names=cosines.get("n", 0.0),
        numbers=cosines.get("d", 0.0),
        years=year_agreement,
        near=near,
        far=far,
        # graded: one report naming the other's lead person but not all of its own is evidence too
        leads=leads[0] + leads[1] - 1.0,
        followup=far * (cosines.get("n", 0.0) + cosines.get("d", 0.0)),
        same_day=1.0 if day > 0 else 0.0,
        other_day=1.0 if day < 0 else 0.0,
        town=town,
        lead_words=cosines.get("lw", 0.0),
        lead_names=cosines.get("ln", 0.0),
        lead_numbers=cosines.get("ld", 0.0),
    )


def _same_day(days: tuple[date | None, date | None]) -> float:
    if days[0] is None or days[1] is None:
        return 0.0
    apart = abs((days[0] - days[1]).days)
    return 1.0 if apart <= SAME_DAY else (-1.0 if apart > OTHER_DAY else 0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class IdentityModel:
    """A logistic model over `PairFeatures`, and the thresholds identity uses."""

    weights: tuple[float, ...]  # one per feature of PairFeatures.vector()
    bias: float
    same_story: float  # average-link merges stories whose pairs average at least this
    kept: float  # pairs below this probability in a store of the highest share are not stored (count 0)
    # the mean probability of the training corpus's candidates: its share of same-story pairs, to which
    # a store's own is compared (tidings.link.prior)
    prior: float

    def probability(self, features: PairFeatures) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-z))


FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in fields(PairFeatures))


@cache
def load_identity_model() -> IdentityModel:
    """The identity model of the package (`knowledge/models/identity.json`), read once."""
    path = resources.files("tidings") / "knowledge" / "models" / "identity.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    weights = data["weights"]
    if set(weights) != set(FEATURE_NAMES):
        raise ValueError(f"{path}: weights for {sorted(weights)}, expected {sorted(FEATURE_NAMES)}")
    return IdentityModel(
        weights=tuple(float(weights[name]) for name in FEATURE_NAMES),
        bias=float(data["bias"]),
        same_story=float(data["same_story"]),
        kept=float(data["kept"]),
        prior=float(data["prior"]),
    )
