"""Where a report puts what it tells of: the town (or county) and its state, from the dateline and the
places its title and lead name after "in", "at" or "near".

A story's place is the best-supported of its reports' (tidings.store.story_query). Names are resolved by
the gazetteer (tidings.resolve.places); a town in a state the report names, or that its dateline gives,
wins over a namesake elsewhere.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from tidings.resolve.places import Gazetteer, Place

__all__ = ["ReportPlace", "place_of"]

LEAD_CHARACTERS = 1200
DATELINE_WEIGHT = 3.0
TITLE_WEIGHT = 2.0
STATE_BONUS = 2.0  # the town lies in a state the report names
_KINDS = ("city", "county")
_WORD = r"(?:St\.|Ft\.|Mt\.|[A-Z][A-Za-z'\-]+)"
_NAME = rf"{_WORD}(?: (?:{_WORD}|of|de|la))*"  # words of one line, no sentence end inside
_VAGUE = frozenset(
    {"west", "east", "north", "south", "central", "northern", "southern", "eastern", "western"}
)
# "HOUSTON -", "BENTON, Ark. (KTHV) --", "NEW STANTON (KDKA) –", "TACOMA, Wash. -"
_DATELINE = re.compile(
    r"^\s*(?P<name>[A-Z][A-Za-z.' ]{1,40}?)(?:,\s*(?P<state>[A-Z][A-Za-z.]{1,14}(?:\s[A-Z][a-z.]+)?))?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:--|[-\u2013\u2014])\s"
)
_AFTER_PREPOSITION = re.compile(rf"\b(?:in|at|near|outside)\s+(?:the\s+)?(?P<name>{_NAME})")
# "a 22-year-old Wichita man", "Rock Falls teen": a town named as where someone is from
_OF_PERSON = re.compile(
    rf"(?P<name>{_NAME})(?:'s?)?\s+(?:man|woman|men|women|boy|girl|teen|teens|teenager|child|toddler|mother"
    r"|father|family|resident|residents|student|officer|police)\b"
)
ADJECTIVE_WEIGHT = 1.5
FOREIGN_PENALTY = 3.0  # a town outside the countries of the regions the report names
# a state as a report names it: in full ("Indiana"), or abbreviated after a town ("Gary, Ind.")
_STATE_WORDS = re.compile(rf"(?P<name>{_NAME})|, (?P<short>[A-Z][A-Za-z]{{1,4}}\.(?: ?[A-Z][a-z]?\.)?)")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportPlace:
    """The town or county a report tells of, and its first-level region (a US state) and country."""

    name: str
    region: str | None = None
    country: str | None = None
    kind: str = "city"
    score: float = 0.0


def _title_case(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in name.split())


def _regions_named(text: str, gazetteer: Gazetteer) -> set[tuple[str, str]]:
    """The (country, region) of the first-level regions the text names: "Indiana", ", Ind."."""
    out = set()
    for match in _STATE_WORDS.finditer(text):
        if match.group("short"):
            names, own_only = [match.group("short")], False
        else:
            words = match.group("name").split()
            names = [
                " ".join(words[start : start + size])
                for size in range(min(3, len(words)), 0, -1)
                for start in range(len(words) - size + 1)
            ]
            own_only = True
        for name in names:
            if name.lower() in _VAGUE:
                continue
            for place, own in gazetteer.named(name):
                if place.kind == "region" and place.country and place.region and (own or not own_only):
                    out.add((place.country, place.region))
    return out


def _towns(name: str, gazetteer: Gazetteer) -> list[tuple[Place, bool]]:
    if len(name) <= 5 and any(p.kind == "region" for p, _ in gazetteer.named(name)):
        return []  # "Va.", "Ind.": a state, not a town
    name = name.rstrip(".'")
    found = [(p, own) for p, own in gazetteer.named(name) if p.kind in _KINDS]
    if not found and " " in name:  # "Rock Falls Police" -> "Rock Falls"
        words = name.split()
        for size in range(len(words) - 1, 0, -1):
            found = [(p, own) for p, own in gazetteer.named(" ".join(words[:size])) if p.kind in _KINDS]
            if found:
                break
    return found


def place_of(text: str, gazetteer: Gazetteer, title: str | None = None) -> ReportPlace | None:
    """The town a report tells of, or None when its title and lead name none the gazetteer knows."""
    lead = text[:LEAD_CHARACTERS]
    regions = _regions_named(f"{title or ''}\n{lead}", gazetteer)
    countries = {country for country, _ in regions}
    votes: dict[str, float] = defaultdict(float)
    places: dict[str, Place] = {}
    written: dict[str, str] = {}  # the name as the report writes it ("Greenacres", not "Greenacres City")

    def vote(name: str, weight: float, state: str | None = None) -> None:
        name = _title_case(name)
        towns = _towns(name, gazetteer)
        if not towns:
            return
        wanted = set()
        if state:
            wanted = {(p.country, p.region) for p, _ in gazetteer.named(state) if p.kind == "region"}

        def score(candidate: tuple[Place, bool]) -> float:
            place, own = candidate
            value = math.log10(place.population + 10) + (0.0 if own else -1.5)
            if (place.country, place.region) in regions:
                value += STATE_BONUS
            if (place.country, place.region) in wanted:
                value += 2 * STATE_BONUS
            if countries and place.country not in countries:
                value -= FOREIGN_PENALTY
            return value

        best = max(towns, key=lambda c: (score(c), c[0].population, c[0].gazetteer_id))[0]
        places[best.gazetteer_id] = best
        votes[best.gazetteer_id] += weight
        if gazetteer.named(name) and best.gazetteer_id not in written:
            written[best.gazetteer_id] = name

    dateline = _DATELINE.match(lead)
    if dateline:
        vote(dateline.group("name"), DATELINE_WEIGHT, dateline.group("state"))
    for source, weight in ((title or "", TITLE_WEIGHT), (lead, 1.0)):
        for match in _AFTER_PREPOSITION.finditer(source):
            vote(match.group("name"), weight)
        for match in _OF_PERSON.finditer(source):
            vote(match.group("name"), weight * ADJECTIVE_WEIGHT)
    if not votes:
        return None
    ident = max(votes, key=lambda k: (votes[k], places[k].population, k))
    place = places[ident]
    return ReportPlace(
        name=written.get(ident, place.name),
        region=place.region,
        country=place.country,
        kind=place.kind,
        score=votes[ident],
    )
