"""The gazetteer: places by name with coordinates, country and GeoNames id, loaded once from
`knowledge/places.json` (built by `scripts/build_places.py` from GeoNames data and the hand-written
`scripts/kb_facts/features.tsv`). Resolving a toponym in its article is `tidings.resolve.places`."""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Gazetteer", "Place", "abbreviated_keys", "load_gazetteer", "name_key", "place_key"]

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})
# the words town names abbreviate, and their abbreviations (as look-up keys: no dots, lower case)
_ABBREVIATIONS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
_IN_FULL = {short: word for word, short in _ABBREVIATIONS.items()}


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A gazetteer entry: `country` is ISO 3166 alpha-3 (None for a continent)."""

    name: str
    kind: str  # country | continent | region | county | city, or a feature: ocean | sea | river | area ...
    lat: float
    lon: float
    country: str | None
    gazetteer_id: str  # "geonames:625144", or "tidings:region:IND:Tamil Nadu" where GeoNames gives no id
    population: int = 0
    region: str | None = None  # the first-level region (state, province) of a city or region

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "region": self.region,
            "gazetteer_id": self.gazetteer_id,
        }


def place_key(name: str) -> str:
    """The look-up key of a name: case, accents, dots, hyphens and a leading "the" do not matter."""
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES).replace(".", "").replace("-", " "))
    text = _SPACES.sub(" ", "".join(c for c in text if not unicodedata.combining(c))).strip().lower()
    text = text.removesuffix("'s")
    return text[4:] if text.startswith("the ") and len(text) > 4 else text


def name_key(name: str) -> str:
    """The key two names of one town share however the words town names abbreviate are written ("Saint
    Paul" and "St. Paul", "Mount Vernon" and "Mt. Vernon", "Fort Worth" and "Ft. Worth")."""
    return " ".join(_ABBREVIATIONS.get(word, word) for word in place_key(name).split(" "))


def abbreviated_keys(key: str) -> list[str]:
    """The other forms of a town's look-up key whose words are abbreviated, or written in full ("saint
    paul" -> ["st paul"], "st paul" -> ["saint paul"]): GeoNames lists only some forms of some towns
    (St. Joseph, Missouri only as "Saint Joseph"). For towns only: "St. Louis" names no region of Senegal.
    """
    words = key.split(" ")
    short = [_ABBREVIATIONS.get(w, w) for w in words]
    full = [_IN_FULL.get(w, w) for w in words]
    return [" ".join(form) for form in (short, full) if form != words]


class Gazetteer:
    """Places by name; build it with `load_gazetteer()`. Places come as tab-separated lines and the index as
    sorted keys with their place numbers: a line becomes a `Place` only when a look-up reaches it."""

    def __init__(self, rows: list[str], keys: list[str], refs: list[str]):
        self._rows = rows
        self._keys = keys
        self._refs = refs
        # the places made once and kept: the countries and continents, which come first in the rows and
        # are looked up all the time; any other place is made at each look-up and lives as long as what
        # holds it, so that a long ingest does not accumulate the places its articles named (166,268 rows)
        self._made: dict[int, Place] = {}
        self._countries: dict[str, int] = {}
        self._continents: dict[str, int] = {}
        self._kept = 0
        for n, row in enumerate(rows):
            kind, name, country = row.split("\t", 3)[:3]
            if kind == "country":
                self._countries[country] = n
            elif kind == "continent":
                self._continents[name] = n
            else:
                break
            self._kept = n + 1

    def _place(self, n: int) -> Place:
        place = self._made.get(n)
        if place is None:
            kind, name, country, lat, lon, gid, population, region = self._rows[n].split("\t")
            within = f"{country}:{region}" if kind == "county" else country
            ident = f"geonames:{gid}" if gid else f"tidings:{kind}:{within}:{name}"
            place = Place(
                name=name,
                kind=kind,
                lat=float(lat),
                lon=float(lon),
                country=country or None,
                gazetteer_id=ident,
                population=int(population or 0),
                region=region or None,
            )
            if n < self._kept:
                self._made[n] = place
        return place

    def _numbers(self, key: str) -> list[int]:
        i = bisect.bisect_left(self._keys, key)
        if i == len(self._keys) or self._keys[i] != key:
            return []
        return [int(n) for n in self._refs[i].split(",")]

    def named(self, name: str) -> tuple[tuple[Place, bool], ...]:
        """Every place bearing this name, each with whether it is the place's main name."""
        return tuple(
            (self._place(n), True) if n >= 0 else (self._place(-n - 1), False)
            for n in self._numbers(place_key(name))
        )

    def country(self, code: str) -> Place | None:
        n = self._countries.get(code)
        return None if n is None else self._place(n)

    def continent(self, name: str) -> Place | None:
        n = self._continents.get(name)
        return None if n is None else self._place(n)


@cache
def load_gazetteer() -> Gazetteer:
    """Load `knowledge/places.json` once per process."""
    path = resources.files("tidings") / "knowledge" / "places.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return Gazetteer(data["places"], data["keys"], data["refs"])
