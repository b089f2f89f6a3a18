"""Event mentions -> real-world event records: the mentions of one act in one story, however many reports.

Within a story (tidings.store.stories), two mentions can be one act when they are of the same PLOVER type,
both happened (or both did not), and nothing they report contradicts the other: days named in the text
more than `DAY_TOLERANCE` apart, places of different names in different countries, actors of disjoint
countries, a link of their article that tells them apart (a part of a total, an exchange), or two counts
of one kind in one report (123 and 33 released). Mentions merge greedily, the pairs that share the most
first (actors, recipients, the named day, the place, the mode), two groups only when no mention of one
contradicts one of the other; a mention that says nothing against a group joins the group it shares most
with. Ties go by event id, so the records are a function of the set of mentions, in any order.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from tidings.codes import NOT_OCCURRED as _NOT_HAPPENED

__all__ = ["DAY_TOLERANCE", "Mention", "group_mentions", "record_id_of"]

DAY_TOLERANCE = 1  # reports put the same night's act on consecutive days


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """What record grouping reads of a stored event."""

    event_id: str
    article_id: str
    event_type: str
    certainty: str
    mode: str | None = None
    date: date | None = None
    date_named: bool = False  # the text names the day (not the publication date by default)
    place: str | None = None
    place_country: str | None = None
    actors: frozenset[str] = frozenset()  # entity ids and country codes
    actor_countries: frozenset[str] = frozenset()
    recipients: frozenset[str] = frozenset()
    size: tuple[str, int] | None = None  # whom the size counts (killed, released, ...; or its unit), how many
    distinct: frozenset[str] = (
        frozenset()
    )  # events its article tells apart from it (links: totals, exchanges)

    @property
    def happened(self) -> bool:
        return self.certainty not in _NOT_HAPPENED


def record_id_of(event_ids: Iterable[str]) -> str:
    """A record's id: a hash of its smallest event id (stable across runs and orders of ingest)."""
    digest = hashlib.sha256(min(event_ids).encode()).hexdigest()
    return f"rec_{digest[:16]}"


def contradicts(a: Mention, b: Mention) -> bool:
    """Whether two mentions of one type report incompatible facts (then they are two acts)."""
    if a.event_id in b.distinct or b.event_id in a.distinct:
        return True
    if a.article_id == b.article_id and a.size and b.size and a.size[0] == b.size[0] and a.size != b.size:
        return True  # one report giving two counts of one kind tells of two acts (123 and 33 released)
    if a.date_named and b.date_named and a.date and b.date and abs((a.date - b.date).days) > DAY_TOLERANCE:
        return True
    if (
        a.place
        and b.place
        and a.place != b.place
        and a.place_country
        and b.place_country
        and a.place_country != b.place_country
    ):
        return True
    return bool(a.actor_countries and b.actor_countries and not a.actor_countries & b.actor_countries)


def shared(a: Mention, b: Mention) -> float:
    """How much two mentions share: actors, recipients, the named day, the place, the mode."""
    score = 0.0
    score += 2.0 * bool(a.actors & b.actors)
    score += 1.5 * bool(a.recipients & b.recipients)
    score += 1.0 * bool(a.date_named and b.date_named and a.date == b.date)
    score += 1.0 * bool(a.place and a.place == b.place)
    score += 0.5 * bool(a.mode and a.mode == b.mode)
    return score


def group_mentions(mentions: Sequence[Mention]) -> list[list[str]]:
    """The records of a story's mentions: lists of event ids, each sorted, sorted by first id."""
    groups: list[list[str]] = []
    by_kind: dict[tuple[str, bool], list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.event_id):
        by_kind.setdefault((m.event_type, m.happened), []).append(m)
    for kind in sorted(by_kind):
        groups += _greedy(by_kind[kind])
    return sorted(groups)


@dataclass(slots=True)
class _Group:
    """What a group's mentions report that another group's could contradict."""

    members: list[int]
    first_day: date | None
    last_day: date | None
    places: set[tuple[str, str]]
    countries: set[frozenset[str]]
    events: set[str]
    distinct: set[str]
    sizes: set[tuple[str, str, int]]  # (article, whom, how many)

    @classmethod
    def of(cls, index: int, m: Mention) -> _Group:
        day = m.date if m.date_named else None
        places = {(m.place, m.place_country)} if m.place and m.place_country else set()
        countries = {m.actor_countries} if m.actor_countries else set()
        sizes = {(m.article_id, *m.size)} if m.size else set()
        return cls([index], day, day, places, countries, {m.event_id}, set(m.distinct), sizes)

    def contradicts(self, other: _Group) -> bool:
        """As `contradicts` over every pair of their mentions, from the groups' summaries."""
        if self.events & other.distinct or other.events & self.distinct:
            return True
        if any(a == b and s == t and n != m for a, s, n in self.sizes for b, t, m in other.sizes):
            return True
        if self.first_day and other.first_day and self.last_day and other.last_day:
            spread = max(self.last_day, other.last_day) - min(self.first_day, other.first_day)
            if spread.days > DAY_TOLERANCE:
                return True
        if any(p != q and c != d for p, c in self.places for q, d in other.places):
            return True
        return any(not a & b for a in self.countries for b in other.countries)

    def absorb(self, other: _Group) -> None:
        self.members += other.members
        days = [d for d in (self.first_day, self.last_day, other.first_day, other.last_day) if d]
        self.first_day, self.last_day = (min(days), max(days)) if days else (None, None)
        self.places |= other.places
        self.countries |= other.countries
        self.events |= other.events
        self.distinct |= other.distinct
        self.sizes |= other.sizes


def _greedy(mentions: list[Mention]) -> list[list[str]]:
    n = len(mentions)
    group = list(range(n))  # each mention's group: the index of its first mention
    groups = {i: _Group.of(i, m) for i, m in enumerate(mentions)}
    # the pairs that share the most first, ties by the mentions' event ids: the mentions are in event id
    # order, so a bucket's pairs (i < j), listed in order of i then j, are already in that order
    by_score: dict[float, list[tuple[int, int]]] = defaultdict(list)
    for i in range(n):
        for j in range(i + 1, n):
            by_score[shared(mentions[i], mentions[j])].append((i, j))
    pairs = [pair for score in sorted(by_score, reverse=True) for pair in by_score[score]]
    for i, j in pairs:
        if len(groups) == 1:
            break  # one group holds every mention: nothing is left to merge
        gi, gj = group[i], group[j]
        if gi == gj or groups[gi].contradicts(groups[gj]):
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        merged = groups.pop(gone)
        for x in merged.members:
            group[x] = keep
        groups[keep].absorb(merged)
    return [sorted(mentions[x].event_id for x in g.members) for g in groups.values()]
