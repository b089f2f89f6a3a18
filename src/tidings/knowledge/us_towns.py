"""The towns of the United States by their post offices (`us_towns.tsv`, from the zipcodes package; rebuilt
by `scripts/build_us_towns.py`): the states and counties a town's name is found in, for the small towns
the gazetteer lacks; and the post office that serves a place with none of its own (`us_localities.tsv`).
Also the cities news agencies write alone in a dateline, in the US and abroad (`dateline_cities.json`)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from tidings.knowledge.gazetteer import name_key

__all__ = ["dateline_city", "office_name", "post_office_of", "us_states", "us_town_states"]


@cache
def _index() -> tuple[dict[str, frozenset[tuple[str, str]]], dict[tuple[str, str], frozenset[str]]]:
    """From one reading of the file: the (state, county) pairs of each town name's key, and the forms the
    post offices of a state write a name of that key in."""
    path = resources.files("tidings") / "knowledge" / "us_towns.tsv"
    towns: dict[str, set[tuple[str, str]]] = {}
    forms: dict[tuple[str, str], set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, state, county = line.split("\t")
            key = name_key(name)
            towns.setdefault(key, set()).add((state, county))
            forms.setdefault((key, state), set()).add(name)
    return (
        {k: frozenset(v) for k, v in towns.items()},
        {k: frozenset(v) for k, v in forms.items()},
    )


def office_name(name: str, state: str) -> str | None:
    """A town's name as its state's post office writes it ("The Bronx" -> "Bronx", "Dalles" -> "The
    Dalles", "Saint Paul" -> "St. Paul"); None where no post office of the state bears it, or two forms."""
    forms = _index()[1].get((name_key(name), state), frozenset())
    return next(iter(forms)) if len(forms) == 1 else None


def us_town_states(name: str) -> frozenset[tuple[str, str]]:
    """The (state, county) pairs of the US towns of this name with a post office ("Montfort" ->
    {("Wisconsin", "Grant County")}); empty for a name no post office bears."""
    return _index()[0].get(name_key(name), frozenset())


@cache
def _localities() -> dict[tuple[str, str], str]:
    path = resources.files("tidings") / "knowledge" / "us_localities.tsv"
    out: dict[tuple[str, str], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, state, office = line.split("\t")
            out[(name_key(name), state)] = office
    return out


def post_office_of(name: str, state: str) -> str | None:
    """The post office that serves a place of this name and state with none of its own, where one alone
    does ("Benbrook", "Texas" -> "Fort Worth"); None for a town with its own ("Katy") and for a place
    several serve or none lists."""
    return _localities().get((name_key(name), state))


@cache
def us_states() -> frozenset[str]:
    """The states (and the District of Columbia) as the post office names them."""
    return frozenset(state for found in _index()[0].values() for state, _ in found)


@cache
def _dateline_cities() -> dict[str, tuple[str, str | None]]:
    path = resources.files("tidings") / "knowledge" / "dateline_cities.json"
    cities = json.loads(path.read_text(encoding="utf-8"))["cities"]
    return {name: (country, region) for name, (country, region) in cities.items()}


def dateline_city(name: str) -> tuple[str, str | None] | None:
    """The country and region (the gazetteer's) of a city that news agencies write alone in a dateline
    (`dateline_cities.json`, the AP Stylebook's lists: "Washington" -> ("USA", "Washington, D.C."),
    "London" -> ("GBR", "England")); None for any other name."""
    return _dateline_cities().get(name)
