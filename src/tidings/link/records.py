"""Event mentions -> real-world event records: the mentions of one act in one story, however many reports.

Within a story (tidings.store.stories), two mentions can be one act when they are of the same PLOVER type,
both happened (or both did not), and nothing they report contradicts the other: days named in the text more
than `DAY_TOLERANCE` apart, or a day outside a week, month, quarter or year the other names (a clock time
alone names no day: "at 12:48 a.m." in a follow-up is not of its publication day), places of different names
in different countries, two modes of a type other than ASSAULT (`MODES_TOGETHER`: an inquiry and an
allegation), actors of disjoint countries, actors who are two people by name ("Bill Clinton accused Sanders"
and "Trump accused Cruz": one story's two accusations), targets who are two people by name, of a type other
than ASSAULT (`TARGETS_VARY`: "Putin praised Trump" and "Putin praised Kerry"), a link of their article that
tells them apart (a part of a total, an exchange), or two counts of one kind in one report (123 and 33
released). Mentions merge greedily, the pairs that share the most first (actors, recipients, the named day,
the place, the mode), two groups only when no mention of one contradicts one of the other; a mention that says
nothing against a group joins the group it shares most with. Ties go by event id, so the records are a
function of the set of mentions, in any order.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tidings.codes import NOT_OCCURRED as _NOT_HAPPENED
from tidings.knowledge.base import load_knowledge
from tidings.knowledge.gazetteer import load_gazetteer, place_key
from tidings.knowledge.person_names import load_person_names
from tidings.knowledge.word_frequencies import load_word_frequencies
from tidings.link.setting import LARGE_TOWN

__all__ = [
    "DAY_TOLERANCE",
    "Mention",
    "actor_name_key",
    "group_mentions",
    "named_period",
    "names_a_day",
    "record_id_of",
]

DAY_TOLERANCE = 1  # reports put the same night's act on consecutive days
# the types whose modes tell how one act was done, so that reports of it may name different ones ("shot and
# beaten", "gunned down" and "stabbed" in a brawl): of every other type two modes are two acts (ACCUSE's
# investigate and allege, an inquiry and an allegation; COERCE's arrest and seize, an arrest and a seizure)
MODES_TOGETHER = frozenset({"ASSAULT"})
# the types whose reports of one act name different people as its targets (the victims of one attack, one
# report naming one, the next another): of every other type, two people by name as targets are two acts
# ("endorsed Kasich" and "endorsed Trump", "arrested Jackson" and "arrested Williams"), as two people by
# name as actors are of every type
TARGETS_VARY = frozenset({"ASSAULT"})
Span = tuple[date, date]  # a first and a last day
# a clock time alone, with the words that place an act around it ("at around 12:48 a.m.", "noon", "5:30p.m.
# EST"): an hour, whose day is the report's by default, not one the text names
_CLOCK_ONLY = re.compile(
    r"(?:(?:at|around|about|approximately|roughly|nearly|shortly|just|after|before|until|by)\s+)*"
    r"(?:\d{1,2}(?::\d\d)?\s*[ap]\.?\s?m\.?|noon|midnight)(?:\s+[A-Z]{1,2}T)?",
    re.IGNORECASE,
)
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_PART = re.compile(r"^(\d{4})-([QH])(\d)$")
_YEAR = re.compile(r"^(\d{4})$")


# how an actor was resolved when it may be a person named by the text (tidings.resolve): not a country, a
# group, an institution, a sector noun ("police") or an actor the text leaves implicit
_PERSONAL = frozenset(
    {
        "surname",
        "person_in_office",
        "person_former_office",
        "coreference",
        "apposition",
        "title_holder",
        "article_country",
        "unresolved",
    }
)
# how an actor was resolved when the knowledge base or a full name earlier in the article says it is a person
# ("Morales" of President Evo Morales; "Morales" after "Gabriel Morales"): its surname is a name, even one
# that reads as a plural of a common word
_NAMED_PEOPLE = frozenset({"person_in_office", "person_former_office", "surname"})
_NOT_NAMES = frozenset(
    ("a", "an", "the", "he", "she", "it", "they", "we", "you", "i", "his", "her", "their", "its", "this")
    + ("that", "these", "those", "who", "which", "there", "one", "some", "many", "both", "others", "all")
    + ("several", "most", "few", "everyone", "nobody", "someone", "each")
)
NAME_ZIPF = 4.0  # one word alone, as frequent in English as this, is a common word ("Teen"), not a surname
COMMON_ZIPF = 3.5  # a plural whose singular English uses this often is a common noun ("Witnesses"), no name


def actor_name_key(text: str | None, name: str | None, resolved_by: str | None) -> str | None:
    """The surname by which an actor who is a person named in the text is told apart from another (folded:
    "Enrique Peña Nieto" -> "nieto", "Mr. Trump" -> "trump"), from the actor's resolved name if any, else its
    text; None for an actor that is no named person: a country, group, institution or sector noun (by how
    it was resolved, or a sector noun: "Toronto Police"), a description ("Clinton's husband", "the
    gunman": not every word capitalised), a pronoun or quantifier ("He", "Some"), a plural common noun
    ("Witnesses said", "Critics say": a capital opening the sentence says nothing), and one word alone
    that is a common English word or a place ("Teen", "Maryland"). Recipients are compared so too, but not
    an attack's (`TARGETS_VARY`): its victims are named one in one report, another in the next."""
    if resolved_by not in _PERSONAL:
        return None
    words = (name or text or "").split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        words = _name_after_description(words)
        if not words:
            return None
    if words[0].lower() in _NOT_NAMES:
        return None
    last = place_key(words[-1]).strip(",'")  # folded as names are for look-up: "Peña" -> "pena"
    if not last or last in _NOT_NAMES or load_knowledge().sector_of(last):
        return None  # "Toronto Police", "Officials": a sector, not a person
    frequencies = load_word_frequencies()
    if len(words) == 1 and not name and (frequencies.get(last, 0.0) >= NAME_ZIPF or _a_place(words[0])):
        return None  # "Teen is shot", "Gun used", "Maryland": one common word or a place, no one's name
    if (
        last.endswith("s")
        and not (name and resolved_by in _NAMED_PEOPLE)
        and not _given_name_and_surname(words)
        and max(frequencies.get(last[:-1], 0.0), frequencies.get(last[:-2], 0.0)) >= COMMON_ZIPF
    ):
        # "Witnesses", "Critics", "Republicans": a plural common noun (so "Williams" alone too, unless
        # the knowledge base or the article's full name says who: "Evo Morales", "Gabriel Morales", or a
        # given name comes before it: "Jamal Williams")
        return None
    return last


def _name_after_description(words: list[str]) -> list[str]:
    """The full name a description ends with, of two or three capitalised words after a lower-case noun of the
    description ("former Massachusetts congressman Barney Frank", "Cruz spokesman Rick Tyler", "The judge
    Stephen C. Robinson"; after a title's abbreviation, one word will do: "former Florida Gov. Jeb Bush",
    "both Gov. McCrory"), else nothing: not after an article, a preposition or a conjunction ("the billionaire
    owner of the Dallas Mavericks", "Representative Peter T. King of New York", "the Supreme Court"), nor one
    capitalised word ("one Sanders supporter" ends in lower case; "his rival Capriles" is left out, as a word
    alone may be a place or a thing)."""
    words = list(words)
    while words and words[-1].lower().rstrip(",") in _NAME_SUFFIXES:
        words.pop()
    size = 0
    for word in reversed(words):
        if not word[:1].isupper() or word.endswith((",", "'s", "\u2019s")):
            break
        size += 1
    name, before = words[len(words) - size :], words[: len(words) - size]
    titles = [i for i, word in enumerate(name) if _TITLE_ABBREVIATION.fullmatch(word)]
    if titles:  # "Gov. Jeb Bush", "state Sen. Darren Soto", "both Gov. McCrory": a person's, after the title
        name = name[titles[-1] + 1 :]
        return name if 1 <= len(name) <= 3 else []
    if not 2 <= len(name) <= 3 or not before:
        return []
    last = before[-1]
    if not last[:1].islower() or last.endswith((".", ",")) or last.lower() in _NOT_BEFORE_NAMES:
        return []
    return name


_NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
# a title's abbreviation ("Gov.", "Sen.", "Dr.", "Lt."), not an initial ("C.", "H.R.")
_TITLE_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,4}\.")
# words after which capitals are a body's or a place's name, not a person's
_NOT_BEFORE_NAMES = frozenset(
    ("the", "a", "an", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "from", "as", "than")
)


def _given_name_and_surname(words: list[str]) -> bool:
    """Whether the last word is a surname after a given name, initials between them ("Jamal Williams",
    "Jeff Sessions", "Devin G. Nunes"; not "Lehman Brothers", "Christian Democrats": the census lists
    know no "lehman" as a given name and no "democrats" as a surname)."""
    before = [w for w in words[:-1] if not _INITIAL.fullmatch(w)]
    return bool(before) and load_person_names().full_name(before[-1], words[-1])


_INITIAL = re.compile(r"(?:[A-Z]\.)+")


def _a_place(word: str) -> bool:
    """Whether a word is the name of a country, a region or a large town (the gazetteer's)."""
    return any(
        own and (p.kind in ("country", "region") or p.population >= LARGE_TOWN)
        for p, own in load_gazetteer().named(word)
    )


def names_a_day(text: str | None) -> bool:
    """Whether a mention's time expression names its day: any but a clock time alone ("12:48 a.m." names an
    hour; "12:48 a.m. Thursday", "Thursday" and "yesterday" name the day)."""
    if not text:
        return False
    return _CLOCK_ONLY.fullmatch(" ".join(text.split())) is None


def named_period(value: str | None) -> Span | None:
    """The first and last day of a time coarser than a day that a mention's text names (its TIMEX3 value):
    a week or its weekend ("2016-W02", "2016-W02-WE"), a month, a quarter or half, a year. None for a day,
    a season (whose edges news draws loosely), a decade or a reference ("PAST_REF")."""
    if not value:
        return None
    try:
        if week := _WEEK.match(value):
            year, number = int(week[1]), int(week[2])
            if week[3]:
                return date.fromisocalendar(year, number, 6), date.fromisocalendar(year, number, 7)
            return date.fromisocalendar(year, number, 1), date.fromisocalendar(year, number, 7)
        if month := _MONTH.match(value):
            year, number = int(month[1]), int(month[2])
            return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])
        if part := _PART.match(value):
            year, months = int(part[1]), 3 if part[2] == "Q" else 6
            first = (int(part[3]) - 1) * months + 1
            last = first + months - 1
            return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
        if whole := _YEAR.match(value):
            return date(int(whole[1]), 1, 1), date(int(whole[1]), 12, 31)
    except ValueError:
        return None  # "2016-W60", "2016-13": no such time
    return None


def _apart(first: Span, second: Span) -> bool:
    """Whether two spans of days lie more than DAY_TOLERANCE apart."""
    tolerance = timedelta(days=DAY_TOLERANCE)
    return first[1] + tolerance < second[0] or second[1] + tolerance < first[0]


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
    period: Span | None = None  # the week, month, quarter or year the text names, if no day
    place: str | None = None
    place_country: str | None = None
    actors: frozenset[str] = frozenset()  # entity ids and country codes
    actor_countries: frozenset[str] = frozenset()
    actor_names: frozenset[str] = frozenset()  # its actors' surnames (actor_name_key)
    recipient_names: frozenset[str] = frozenset()  # its recipients' surnames, where they tell acts apart
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
    spans = [[(m.date, m.date)] if m.date_named and m.date else [] for m in (a, b)]
    if a.period and any(_apart(a.period, span) for span in [*spans[1], *([b.period] if b.period else [])]):
        return True
    if b.period and any(_apart(b.period, span) for span in spans[0]):
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
    if a.actor_names and b.actor_names and not a.actor_names & b.actor_names:
        return True  # two people by name: two acts
    if _targets_apart(a) and _targets_apart(b) and not a.recipient_names & b.recipient_names:
        return True  # two people by name as targets of an act other than an attack: two acts
    if a.mode and b.mode and a.mode != b.mode and a.event_type not in MODES_TOGETHER:
        return True  # an inquiry and an allegation, an arrest and a seizure: two acts
    return bool(a.actor_countries and b.actor_countries and not a.actor_countries & b.actor_countries)


def _targets_apart(m: Mention) -> bool:
    """Whether a mention's targets' names tell it apart from another's: it names some, and its type is
    not one whose reports name different victims of one act."""
    return bool(m.recipient_names) and m.event_type not in TARGETS_VARY


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
    periods: set[Span]
    places: set[tuple[str, str]]
    countries: set[frozenset[str]]
    names: set[frozenset[str]]  # each mention's actors' surnames
    targets: set[frozenset[str]]  # each mention's recipients' surnames, where they tell acts apart
    modes: set[str]  # the modes of its mentions, where two modes are two acts (MODES_APART)
    events: set[str]
    distinct: set[str]
    sizes: set[tuple[str, str, int]]  # (article, whom, how many)

    @classmethod
    def of(cls, index: int, m: Mention) -> _Group:
        day = m.date if m.date_named else None
        places = {(m.place, m.place_country)} if m.place and m.place_country else set()
        countries = {m.actor_countries} if m.actor_countries else set()
        sizes = {(m.article_id, *m.size)} if m.size else set()
        periods = {m.period} if m.period else set()
        names = {m.actor_names} if m.actor_names else set()
        targets = {m.recipient_names} if _targets_apart(m) else set()
        modes = {m.mode} if m.mode and m.event_type not in MODES_TOGETHER else set()
        return cls(
            members=[index],
            first_day=day,
            last_day=day,
            periods=periods,
            places=places,
            countries=countries,
            names=names,
            targets=targets,
            modes=modes,
            events={m.event_id},
            distinct=set(m.distinct),
            sizes=sizes,
        )

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
        if self._apart_in_time(other) or other._apart_in_time(self):
            return True
        if any(p != q and c != d for p, c in self.places for q, d in other.places):
            return True
        if self.modes and other.modes and self.modes != other.modes:
            return True
        if any(not a & b for a in self.names for b in other.names):
            return True
        if any(not a & b for a in self.targets for b in other.targets):
            return True
        return any(not a & b for a in self.countries for b in other.countries)

    def _apart_in_time(self, other: _Group) -> bool:
        """Whether a period one names lies apart from the other's days or periods."""
        days = [(other.first_day, other.last_day)] if other.first_day and other.last_day else []
        return any(_apart(mine, theirs) for mine in self.periods for theirs in [*days, *other.periods])

    def absorb(self, other: _Group) -> None:
        self.members += other.members
        self.periods |= other.periods
        days = [d for d in (self.first_day, self.last_day, other.first_day, other.last_day) if d]
        self.first_day, self.last_day = (min(days), max(days)) if days else (None, None)
        self.places |= other.places
        self.countries |= other.countries
        self.names |= other.names
        self.targets |= other.targets
        self.modes |= other.modes
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
