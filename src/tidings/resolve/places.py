"""Places: toponyms -> coordinates, country and GeoNames id, ambiguity resolved by the article's context.

The gazetteer (`knowledge/places.json`, built by `scripts/build_places.py` from GeoNames data and the
hand-written `scripts/kb_facts/features.tsv`) holds countries, continents, features (seas, rivers, ranges,
named areas), first- and second-level regions and cities. A name is resolved by scoring every entry that bears
it: population (or a prior by kind), plus a bonus when the entry lies in a country the article names
("Paris" next to "Texas" and "U.S." is Paris, Texas). Country names, demonyms and capitals come from the
knowledge base first, so "U.S.", "Britain" and "Russian" reach their country.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..codes import COUNTRY_KINDS, METONYM_KINDS, PLACE_LABELS
from ..knowledge.base import KnowledgeBase
from ..knowledge.gazetteer import Gazetteer, Place, load_gazetteer, place_key
from ..records import ParsedArticle, ParsedSentence
from ..syntax import Tree

__all__ = [
    "ArticleContext",
    "article_context",
    "PlaceMention",
    "context_countries",
    "distance_km",
    "find_places",
    "resolve_in_context",
    "resolve_place",
]

# Score priors (log10 of a population, roughly) for entries without a comparable population: a sea or an
# area of the world outranks the towns named after it ("Atlantic", Iowa), a first-level region most towns.
FEATURE_PRIOR = {
    "ocean": 8.5, "sea": 7.5, "area": 7.5, "desert": 7.0, "peninsula": 7.0, "mountains": 6.5, "river": 6.5,
    "lake": 6.0, "island": 6.0,
}  # fmt: skip
KIND_PRIOR = {"country": 7.5, "continent": 8.0, "region": 5.5, "county": 4.0, **FEATURE_PRIOR}
CONTEXT_BONUS = 2.0  # the entry lies in a country the article names: worth 100 times the population
REGION_BONUS = 1.0  # a town or county in a region (state, province) the article names
CAPITAL_BONUS = 1.0  # a national capital of that name (the knowledge base's): "Paris" is Paris, France
NEAR_BONUS = 2.0  # a town or region within NEAR_KM of another place of the article
NEAR_KM = 150.0
LIKELY_NEAR_BONUS = 1.0  # within NEAR_KM of where another, ambiguous, name of the article was first put
# A town named like a first-level region of its own country that it does not lie in is rather the region
# ("California" is the state, not California, Maryland), unless the article's context says otherwise.
REGION_NAMESAKE_PENALTY = 2.0
MAIN_COUNTRY_BONUS = 1.0  # the entry lies in the country of the article's focus (its places lie there most)
# Words that name the kind of a place rather than the place ("Orange County", "Oaxaca State").
GENERIC_HEADS = frozenset(
    {"county", "state", "city", "district", "province", "region", "township", "municipality", "parish"}
)
STOP_WORDS = frozenset({"the", "of", "and", "a", "an", "in", "at", "for", "university", "college", "school"})
# Words that are town names somewhere but, alone inside a longer name, rarely mean the town.
VAGUE_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "royal",
     "new", "old", "upper", "lower", "great", "little", "air", "point", "white", "house", "wing", "city",
     "county", "state", "coast", "valley", "river", "lake", "mount", "saint", "st", "port", "fort", "beach"}
)  # fmt: skip
# Words that name a kind of building, road or body: a town of that name is not what a longer name means
# ("Royal Street", "Barclays Center"), and the longer name is rather a place in the article's focus.
FACILITY_WORDS = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "drive", "lane", "boulevard", "way", "square", "place",
     "plaza", "bridge", "centre", "center", "church", "chapel", "cathedral", "basilica", "court", "hotel",
     "inn", "hospital", "tower", "bank", "castle", "palace", "stadium", "arena", "park", "academy",
     "club", "theatre", "theater", "hall", "market", "farm", "farms", "airport", "station", "office",
     "embassy", "ministry", "library", "prison", "museum", "campus", "trust", "republic", "federal",
     "supreme", "national", "international", "plantation", "canal", "estate", "gateway", "metro",
     "building", "restaurant", "studio", "studios", "union", "institute", "council", "village", "town",
     "heights", "bend", "hill", "memorial", "graveyard", "cemetery", "mall"}
)  # fmt: skip
ALTERNATE_PENALTY = 1.5  # matched by an alternate name, not the place's own ("Franklin" for Columbus)
# A city this large is what its other names mean too ("New York" for New York City, not the state).
METROPOLIS = 1_000_000
# Codes of the knowledge base that stand for a continent ("EU" -> Europe).
CONTINENT_OF_CODE = {"EUR": "Europe"}
PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "across",
        "throughout",
        "outside",
        "inside",
        "around",
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceMention:
    """A toponym in an article and the place it was resolved to."""

    text: str
    span: tuple[int, int]
    place: Place
    metonym: bool = False  # "Minsk said": the name stands for a government
    method: str = "gazetteer"  # or "article_focus": a street or building located at the article's focus


def _score(
    place: Place, main_name: bool, countries: frozenset[str], regions: frozenset[tuple[str, str]]
) -> float:
    prior = KIND_PRIOR.get(place.kind, math.log10(place.population + 10))
    # a feature's variants are names written for it by hand ("Atlantic" for the Atlantic Ocean)
    metropolis = place.kind == "city" and place.population >= METROPOLIS
    own = main_name or metropolis or place.kind in FEATURE_PRIOR
    score = prior - (0.0 if own else ALTERNATE_PENALTY)
    if place.country in countries:
        score += CONTEXT_BONUS
    if (
        place.kind in ("city", "county")
        and place.country
        and place.region
        and (place.country, place.region) in regions
    ):
        score += REGION_BONUS
    return score


def _from_knowledge(
    name: str, kb: KnowledgeBase, gazetteer: Gazetteer, countries: frozenset[str]
) -> Place | None:
    """Countries, territories, demonyms and capitals as the knowledge base knows them.

    A region or feature of the same name wins over its country ("England", "Wales" are regions of GBR;
    "Gaza Strip" is an area of PSE), and a region over
    another country when the article names the region's country but not that one ("Georgia" next to
    "Atlanta, U.S.").
    """
    for entry in kb.lookup(name):
        if entry.kind in COUNTRY_KINDS:
            code = entry.code or entry.country
            country = gazetteer.country(code) if code else None
            named = gazetteer.named(name)
            regions = [p for p, main in named if (main and p.kind == "region") or p.kind in FEATURE_PRIOR]
            inside = [p for p in regions if p.country == code]
            alias = place_key(entry.name) != place_key(name) and entry.kind != "demonym"
            if inside and alias:
                return inside[0]
            elsewhere = [p for p in regions if p.country in countries]
            if elsewhere and code not in countries and entry.kind != "demonym":
                return elsewhere[0]
            return country
        if entry.kind == "capital":
            return None  # a capital is a city among the others, with a bonus (see `_capitals`)
        if entry.country in CONTINENT_OF_CODE:
            return gazetteer.continent(CONTINENT_OF_CODE[entry.country])
    return None


def resolve_place(
    name: str,
    context_countries: Iterable[str] = (),
    *,
    context_regions: Iterable[tuple[str, str]] = (),
    context_points: Iterable[tuple[float, float]] = (),
    likely_points: Iterable[tuple[float, float]] = (),
    strict: bool = False,
    main_country: str | None = None,
    gazetteer: Gazetteer | None = None,
    kb: KnowledgeBase | None = None,
) -> Place | None:
    """The place a toponym most likely names, given the countries (ISO alpha-3) the article mentions and,
    optionally, its regions as (country, region name), the points of its other places and the points where
    its ambiguous names most likely lie (`likely_points`, a smaller bonus).

    A name the gazetteer lacks falls back to its head ("Orange County" -> Orange, "Oaxaca State" ->
    Oaxaca), then to the longest place named inside it ("University of California" -> California); if
    `strict` (the article has a focus to fall back to), only to one that agrees with the article's
    countries, regions or points ("Liverpool Academy" in Cairo is not in Liverpool). An entry in
    `main_country` (the country of the article's focus) scores higher.
    """
    gaz = gazetteer or load_gazetteer()
    countries, regions = frozenset(context_countries), frozenset(context_regions)
    points, likely = tuple(context_points), tuple(likely_points)
    for n, variant in enumerate(_variants(name)):
        if kb is not None:
            known = _from_knowledge(variant, kb, gaz, countries)
            if known is not None:
                return known
        candidates = gaz.named(variant) or (_capital_named(variant, kb, gaz) if kb is not None else ())
        capitals = _capitals(variant, kb, candidates) if kb is not None else frozenset()
        if n > 0:  # a part of the name must be a place's own name, not an alternate one
            candidates = tuple(c for c in candidates if c[1])
        if candidates:
            shadowed = _region_namesakes(candidates, capitals)
            best = max(
                candidates,
                key=lambda c: (
                    _score(c[0], c[1], countries, regions)
                    + _near(c[0], points, likely)
                    - (REGION_NAMESAKE_PENALTY if c[0].gazetteer_id in shadowed else 0.0)
                    + (CAPITAL_BONUS if c[0].gazetteer_id in capitals else 0.0)
                    + (MAIN_COUNTRY_BONUS if main_country and c[0].country == main_country else 0.0),
                    c[0].population,
                ),
            )[0]
            if n == 0 or not strict or _agrees(best, countries, regions, points):
                return best
    return None


def _agrees(
    place: Place,
    countries: frozenset[str],
    regions: frozenset[tuple[str, str]],
    points: tuple[tuple[float, float], ...],
) -> bool:
    """Whether a place lies in a country or region the article names, or near one of its places."""
    if place.country in countries or (place.country, place.region) in regions:
        return True
    return any(distance_km(place.lat, place.lon, *p) <= NEAR_KM for p in points)


def _capital_named(name: str, kb: KnowledgeBase, gaz: Gazetteer) -> tuple[tuple[Place, bool], ...]:
    """The towns named like a capital the knowledge base knows by this name ("Washington, D.C.")."""
    return tuple(
        (p, main)
        for e in kb.lookup(name)
        if e.kind == "capital" and place_key(e.name) != place_key(name)
        for p, main in gaz.named(e.name)
        if p.kind == "city" and p.country == e.country
    )


def _capitals(name: str, kb: KnowledgeBase, candidates: tuple[tuple[Place, bool], ...]) -> frozenset[str]:
    """The gazetteer ids of the candidates that the knowledge base knows as a capital by this name."""
    states = {e.country for e in kb.lookup(name) if e.kind == "capital"}
    in_states = [p for p, _ in candidates if p.kind == "city" and p.country in states]
    best: dict[str | None, Place] = {}
    for place in in_states:  # the largest town of that name in the country: Washington, D.C.
        if place.country not in best or place.population > best[place.country].population:
            best[place.country] = place
    return frozenset(p.gazetteer_id for p in best.values())


def _variants(name: str) -> list[str]:
    """The name, then without a generic head word, then the capitalised word sequences inside it."""
    words = name.replace("/", " ").split()
    out = [name]
    if len(words) > 1 and words[-1].lower() in GENERIC_HEADS:
        out.append(" ".join(words[:-1]))
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = words[start : start + size]
            if not (part[0][:1].isupper() and part[-1][:1].isupper()):
                continue
            first = place_key(part[0])
            if first in STOP_WORDS or (size == 1 and first in VAGUE_WORDS | FACILITY_WORDS):
                continue
            out.append(" ".join(part))
    return out


def _near(
    place: Place, points: tuple[tuple[float, float], ...], likely: tuple[tuple[float, float], ...] = ()
) -> float:
    """A bonus for a town, county or region near the article's other places (spatial coherence)."""
    if place.kind not in POINT_KINDS or not (points or likely):
        return 0.0
    if any(distance_km(place.lat, place.lon, *p) <= NEAR_KM for p in points):
        return NEAR_BONUS
    return LIKELY_NEAR_BONUS if any(distance_km(place.lat, place.lon, *p) <= NEAR_KM for p in likely) else 0.0


def _region_namesakes(candidates: tuple[tuple[Place, bool], ...], capitals: frozenset[str]) -> frozenset[str]:
    """The gazetteer ids of the towns (neither capitals nor metropolises) named like a first-level region
    of their country that they do not lie in."""
    regions = {(p.country, place_key(p.name)) for p, main in candidates if main and p.kind == "region"}
    return frozenset(
        p.gazetteer_id
        for p, _ in candidates
        if p.kind == "city"
        and p.population < METROPOLIS
        and p.gazetteer_id not in capitals
        and any(c == p.country and k != place_key(p.region or "") for c, k in regions)
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """The countries and regions an article names, each with the names that named it."""

    countries: dict[str, frozenset[str]]  # ISO alpha-3 -> keys of the names that point to it
    regions: dict[tuple[str, str], frozenset[str]]
    points: tuple[tuple[str, float, float], ...] = ()  # where the article's towns and regions lie, by name
    focus: Place | None = None  # the town (else county, region, country) the article names most
    focus_names: frozenset[str] = frozenset()  # keys of the names that resolved to the focus
    likely_points: tuple[tuple[str, float, float], ...] = ()  # where the ambiguous names were first put

    def excluding(
        self, name: str
    ) -> tuple[frozenset[str], frozenset[tuple[str, str]], tuple[tuple[float, float], ...]]:
        """The context a name is resolved in: what the *other* names of the article point to
        ("Georgia" must not vouch for the country Georgia by itself, nor "Maywood" named twice for the
        Maywood it first resolved to, through the focus it made)."""
        key = place_key(name)
        mine = {key, FOCUS_KEY} if key in self.focus_names else {key}
        countries = frozenset(c for c, keys in self.countries.items() if keys - {key})
        regions = frozenset(r for r, keys in self.regions.items() if keys - mine)
        points = tuple((lat, lon) for k, lat, lon in self.points if k not in mine)
        return countries, regions, points

    def likely_near(self, name: str) -> tuple[tuple[float, float], ...]:
        """Where the article's *other* ambiguous names most likely lie."""
        key = place_key(name)
        return tuple((lat, lon) for k, lat, lon in self.likely_points if k != key)


# The kinds of place whose point vouches for the towns near it (a country or a sea is too large).
POINT_KINDS = frozenset({"city", "county", "region"})


def article_context(
    parsed: ParsedArticle, kb: KnowledgeBase, gazetteer: Gazetteer | None = None
) -> ArticleContext:
    """Countries (countries, territories, demonyms, capitals) and regions the article's entities name,
    where its places lie, and its focus.

    Names are resolved twice: first in the countries and regions the article names and the points of its
    unambiguous names; then also near where the first pass put the other names ("Gloucester" next to
    "Cheltenham" is Gloucester, England), which settles the focus."""
    gaz = gazetteer or load_gazetteer()
    countries: dict[str, set[str]] = defaultdict(set)
    region_names: list[tuple[str, tuple[Place, ...]]] = []
    points: list[tuple[str, float, float]] = []
    for sentence in parsed.sentences:
        for ent in sentence.entities:
            if ent.label not in PLACE_LABELS | {"NORP"}:
                continue
            key = place_key(ent.text)
            named = [p for p, main in gaz.named(ent.text) if main and p.kind in ("city", "region")]
            if len(named) == 1 and not kb.lookup(ent.text):
                points.append((key, named[0].lat, named[0].lon))
            for entry in kb.lookup(ent.text)[:1]:
                code = entry.code or entry.country
                if entry.kind in METONYM_KINDS and code:
                    countries[code].add(key)
            found = tuple(dict.fromkeys(p for p, _ in gaz.named(ent.text) if p.kind == "region"))
            if found:
                region_names.append((key, found))
    regions: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, found in region_names:
        likely = [p for p in found if p.country in countries] or (list(found) if len(found) == 1 else [])
        for place in likely:
            if place.country:
                regions[(place.country, place.name)].add(key)
                countries[place.country].add(key)
    for (code, region), keys in regions.items():
        seat = next((p for p, _ in gaz.named(region) if p.kind == "region" and p.country == code), None)
        if seat is not None:
            points.extend((k, seat.lat, seat.lon) for k in keys)
    context = ArticleContext(
        countries={c: frozenset(k) for c, k in countries.items()},
        regions={r: frozenset(k) for r, k in regions.items()},
        points=tuple(points),
    )
    first = _resolve_names(parsed, context, kb, gaz)
    context = dataclasses.replace(
        context,
        likely_points=tuple(
            (key, place.lat, place.lon) for key, (place, _) in first.items() if place.kind in POINT_KINDS
        ),
    )
    focus, focus_names = _focus(_resolve_names(parsed, context, kb, gaz), gaz)
    if focus is None or focus.kind == "country":
        return dataclasses.replace(context, focus=focus)
    # the towns of an article cluster: a name is likelier near its focus and in the focus's region
    near = (*context.points, (FOCUS_KEY, focus.lat, focus.lon))
    around = {**context.regions}
    if focus.country and focus.region:
        around[(focus.country, focus.region)] = around.get((focus.country, focus.region), frozenset()) | {
            FOCUS_KEY
        }
    return dataclasses.replace(context, points=near, regions=around, focus=focus, focus_names=focus_names)


FOCUS_KEY = "\x00focus"  # the name key of the focus's point and region
FOCUS_KINDS = ("city", "county", "region")  # the narrowest kind named wins the focus


def _resolve_names(
    parsed: ParsedArticle, context: ArticleContext, kb: KnowledgeBase, gaz: Gazetteer
) -> dict[str, tuple[Place, int]]:
    """The article's GPE and LOC names (by key) resolved in the context, each with how often it is named."""
    out: dict[str, tuple[Place, int]] = {}
    for sentence in parsed.sentences:
        for ent in sentence.entities:
            if ent.label not in ("GPE", "LOC"):
                continue
            key = place_key(ent.text)
            if key in out:
                out[key] = (out[key][0], out[key][1] + 1)
                continue
            found = resolve_in_context(ent.text, context, gazetteer=gaz, kb=kb)
            if found is not None and found[0].country is not None:
                out[key] = (found[0], 1)
    return out


def _focus(resolved: dict[str, tuple[Place, int]], gaz: Gazetteer) -> tuple[Place | None, frozenset[str]]:
    """Where a street or building the article does not locate most likely is: the country its places
    lie in most often, and in it the town (else county, region) it names most often; with the keys of the
    names that resolved to it."""
    counts: dict[str, int] = defaultdict(int)
    in_country: dict[str | None, int] = defaultdict(int)
    places: dict[str, Place] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for key, (place, times) in resolved.items():
        counts[place.gazetteer_id] += times
        in_country[place.country] += times
        places.setdefault(place.gazetteer_id, place)
        names[place.gazetteer_id].add(key)
    if not in_country:
        return None, frozenset()
    country = max(in_country, key=lambda c: in_country[c])  # the first named wins a tie
    for kind in FOCUS_KINDS:
        named = [p for p in places.values() if p.kind == kind and p.country == country]
        if named:
            focus = max(named, key=lambda p: counts[p.gazetteer_id])
            return focus, frozenset(names[focus.gazetteer_id])
    return (gaz.country(country) if country else None), frozenset()


def resolve_in_context(
    name: str, context: ArticleContext, *, gazetteer: Gazetteer | None = None, kb: KnowledgeBase | None = None
) -> tuple[Place, str] | None:
    """A toponym resolved in what the article's other names point to, with how: `gazetteer`, or
    `article_focus` for a name the gazetteer lacks (a street, a building), placed at the article's focus."""
    countries, regions, points = context.excluding(name)
    place = resolve_place(
        name,
        countries,
        context_regions=regions,
        context_points=points,
        likely_points=context.likely_near(name),
        strict=context.focus is not None,
        main_country=context.focus.country if context.focus else None,
        gazetteer=gazetteer,
        kb=kb,
    )
    if place is not None:
        return place, "gazetteer"
    return None if context.focus is None else (context.focus, "article_focus")


def context_countries(parsed: ParsedArticle, kb: KnowledgeBase) -> frozenset[str]:
    """The countries an article names (countries, territories, demonyms, capitals, regions), ISO alpha-3."""
    return frozenset(article_context(parsed, kb).countries)


def _is_metonym(tree: Tree, root: int, kb: KnowledgeBase, text: str) -> bool:
    """Whether a country or capital stands for its state here: anywhere but under a preposition of place
    ("protests in Minsk" is a place; "Minsk said", "sanctions against Belarus", "U.S. officials" are not)."""
    if not any(e.kind in METONYM_KINDS for e in kb.lookup(text)[:1]):
        return False
    tok = tree.tokens[root]
    while tok.dep == "conj" and tree.head(tok.i) is not None:
        head = tree.head(tok.i)
        assert head is not None
        tok = head
    head = tree.head(tok.i)
    return not (tok.dep == "pobj" and head is not None and head.lemma in PLACE_PREPS)


def _entity_root(sentence: ParsedSentence, start: int, end: int) -> int:
    tokens = sentence.tokens
    for i in range(start, end):
        if not start <= tokens[i].head < end or tokens[i].head == i:
            return i
    return end - 1


def find_places(
    parsed: ParsedArticle,
    kb: KnowledgeBase,
    gazetteer: Gazetteer | None = None,
    *,
    include_metonyms: bool = False,
    labels: frozenset[str] = PLACE_LABELS,
) -> tuple[PlaceMention, ...]:
    """The toponyms of an article (spaCy GPE/LOC/FAC entities found in the gazetteer), resolved in context.

    A country or capital anywhere but under a preposition of place ("Minsk said", "Washington's stance",
    "sanctions against Belarus") stands for its state, not a place: it is left out unless
    `include_metonyms` (then marked `metonym=True`).
    """
    gaz = gazetteer or load_gazetteer()
    context = article_context(parsed, kb, gaz)
    out: list[PlaceMention] = []
    for sentence in parsed.sentences:
        tree = Tree.of(sentence)
        for ent in sentence.entities:
            if ent.label not in labels:
                continue
            found = resolve_in_context(ent.text, context, gazetteer=gaz, kb=kb)
            if found is None or (found[1] == "article_focus" and ent.label not in PLACE_LABELS):
                continue  # a NORP the gazetteer lacks ("Democrats") is nowhere
            place, method = found
            root = _entity_root(sentence, ent.start, ent.end)
            metonym = ent.label == "GPE" and _is_metonym(tree, root, kb, ent.text)
            if metonym and not include_metonyms:
                continue
            out.append(
                PlaceMention(text=ent.text, span=ent.char_span, place=place, metonym=metonym, method=method)
            )
    return tuple(out)
