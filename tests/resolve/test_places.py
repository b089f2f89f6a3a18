"""Places: the gazetteer, resolution in context, and toponyms found in parsed articles."""

from __future__ import annotations

import pytest

from tidings.knowledge.base import KnowledgeBase, load_knowledge
from tidings.knowledge.gazetteer import Gazetteer, abbreviated_keys, load_gazetteer, name_key, place_key
from tidings.nlp import parse_articles
from tidings.pipeline import Extractor
from tidings.records import Article
from tidings.resolve.places import (
    ArticleContext,
    article_context,
    distance_km,
    find_places,
    resolve_in_context,
    resolve_place,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def test_gazetteer_loads_once() -> None:
    """Loaded once per process (its load time is measured by bench/, not asserted here)."""
    load_gazetteer.cache_clear()
    gaz = load_gazetteer()
    assert load_gazetteer() is gaz


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("the U.S.", "us"),
        ("Kraków", "krakow"),
        ("Washington's", "washington"),
        ("Al-Qamishli", "al qamishli"),
    ],
)
def test_place_key(name: str, key: str) -> None:
    assert place_key(name) == key


@pytest.mark.parametrize(
    ("name", "other", "same"),
    [
        ("St. Paul", "Saint Paul", True),
        ("Mt. Vernon", "Mount Vernon", True),
        ("Ft. Worth", "Fort Worth", True),
        ("Ste. Genevieve", "Sainte Genevieve", True),
        # counter-examples: the words only, not as parts of others; two names stay two
        ("Fortville", "Ftville", False),
        ("Mountain View", "Mtain View", False),
        ("St. Paul", "St. Pauls", False),
    ],
)
def test_name_key_joins_the_abbreviated_forms_of_a_town(name: str, other: str, same: bool) -> None:
    assert (name_key(name) == name_key(other)) is same


def test_abbreviated_keys_give_the_other_forms_of_a_town() -> None:
    assert abbreviated_keys("saint paul") == ["st paul"]
    assert abbreviated_keys("st paul") == ["saint paul"]
    assert abbreviated_keys("mount st helens") == ["mt st helens", "mount saint helens"]
    assert abbreviated_keys("fortville") == []


@pytest.mark.parametrize(
    ("name", "context", "country", "kind", "near"),
    [
        ("Paris", [], "FRA", "city", (48.85, 2.35)),
        ("Paris", ["USA"], "FRA", "city", (48.85, 2.35)),  # the capital, even in an American article
        ("London", ["USA"], "GBR", "city", (51.51, -0.13)),
        ("Birmingham", ["USA"], "USA", "city", (33.52, -86.8)),  # Alabama's, in an American article
        ("Kiev", [], "UKR", "city", (50.45, 30.52)),  # an alternate name
        ("Minsk", [], "BLR", "city", (53.9, 27.57)),
        ("Washington", [], "USA", "city", (38.9, -77.04)),  # the capital, by the knowledge base
        ("U.S.", [], "USA", "country", (39.83, -98.58)),
        ("Russian", [], "RUS", "country", (60.0, 100.0)),  # a demonym names its country
        ("Georgia", [], "GEO", "country", (42.0, 43.5)),
        ("Georgia", ["USA"], "USA", "region", (32.7, -83.4)),  # the state, in an American article
        ("England", [], "GBR", "region", (52.5, -1.5)),
        ("Tamil Nadu", [], "IND", "region", (11.0, 78.5)),
        ("Va.", [], "USA", "region", (37.5, -78.5)),  # AP abbreviation of Virginia
        ("Orange County", ["USA"], "USA", "county", (33.7, -117.8)),  # the county with the most towns
        ("European", [], None, "continent", (48.69, 9.14)),
        ("EU", [], None, "continent", (48.69, 9.14)),
    ],
)
def test_resolve_place(gaz: Gazetteer, kb: KnowledgeBase, name, context, country, kind, near) -> None:
    place = resolve_place(name, context, gazetteer=gaz, kb=kb)
    assert place is not None
    assert (place.country, place.kind) == (country, kind)
    assert distance_km(place.lat, place.lon, *near) < 161, place


def test_unknown_names_resolve_to_nothing(gaz: Gazetteer, kb: KnowledgeBase) -> None:
    assert resolve_place("Xyzzyville", gazetteer=gaz, kb=kb) is None


def test_region_context_picks_the_town(gaz: Gazetteer, kb: KnowledgeBase) -> None:
    texas = resolve_place("Paris", ["USA"], context_regions=[("USA", "Texas")], gazetteer=gaz, kb=kb)
    assert texas is not None and texas.region == "Texas"
    ontario = resolve_place("London", ["CAN"], context_regions=[("CAN", "Ontario")], gazetteer=gaz, kb=kb)
    assert ontario is not None and ontario.region == "Ontario"
    plain = resolve_place("Charleston", ["USA"], gazetteer=gaz)
    in_wv = resolve_place("Charleston", ["USA"], context_regions=[("USA", "West Virginia")], gazetteer=gaz)
    assert plain is not None and plain.region == "South Carolina"
    assert in_wv is not None and in_wv.region == "West Virginia"


def test_nearby_places_and_regions_disambiguate(gaz: Gazetteer, kb: KnowledgeBase) -> None:
    cheltenham = (51.9, -2.08)  # where another name of the article was first put
    plain = resolve_place("Gloucester", gazetteer=gaz, kb=kb)
    near = resolve_place("Gloucester", likely_points=[cheltenham], gazetteer=gaz, kb=kb)
    assert plain is not None and plain.country == "CAN"  # Gloucester, Ontario is the larger
    assert near is not None and near.country == "GBR"
    # a town named like a state it does not lie in is rather the state, even near the article's places
    washington = (38.9, -77.04)
    state = resolve_place("California", ["USA"], context_points=[washington], gazetteer=gaz, kb=kb)
    assert state is not None and state.kind == "region" and state.name == "California"


def test_counties_follow_the_article_regions_and_places(gaz: Gazetteer, kb: KnowledgeBase) -> None:
    florida = resolve_place(
        "Orange County", ["USA"], context_regions=[("USA", "Florida")], gazetteer=gaz, kb=kb
    )
    assert florida is not None and florida.region == "Florida"
    orlando = (28.54, -81.38)
    near = resolve_place("Orange County", ["USA"], context_points=[orlando], gazetteer=gaz, kb=kb)
    assert near is not None and near.region == "Florida"


def _places(extractor: Extractor, text: str, **kw):
    parsed = next(parse_articles([Article(id="t", text=text)], extractor.nlp))
    return {m.text: m for m in find_places(parsed, extractor.kb, **kw)}


def test_metonyms_are_governments_not_places(extractor: Extractor) -> None:
    found = _places(extractor, "Minsk said the protests in Minsk and Gomel were illegal.")
    assert list(found) == ["Minsk", "Gomel"]
    assert found["Minsk"].span == (27, 32)  # the second Minsk, under "in"
    assert found["Gomel"].place.country == "BLR"
    with_metonyms = _places(extractor, "Minsk said the protests were illegal.", include_metonyms=True)
    assert with_metonyms["Minsk"].metonym


def test_article_context_disambiguates(extractor: Extractor) -> None:
    found = _places(extractor, "Storms hit Texas on Monday. Roads in Paris were closed.")
    assert found["Paris"].place.country == "USA"
    found = _places(extractor, "Traffic was diverted between Gloucester and Cheltenham after the crash.")
    assert found["Gloucester"].place.country == "GBR"  # near Cheltenham, England, not Gloucester, Ontario


@pytest.mark.parametrize(
    ("name", "context", "regions", "kind", "near"),
    [
        (
            "Suffolk County",
            ["USA"],
            [("USA", "New York")],
            "county",
            (40.94, -72.69),
        ),  # a second-level region
        ("Hampshire", ["GBR"], [], "county", (51.0, -1.25)),  # an English county, not Hampshire, Illinois
        ("B.C.", ["CAN"], [], "region", (54.0, -125.0)),  # ISO 3166-2 code of British Columbia
        ("NSW", ["AUS"], [], "region", (-32.0, 147.0)),
        ("Washington DC", [], [], "city", (38.9, -77.04)),  # the knowledge base's capital, by its alias
        ("New York", ["USA"], [], "city", (40.71, -74.01)),  # a metropolis over the state of that name
    ],
)
def test_resolve_counties_codes_and_aliases(
    gaz: Gazetteer, kb: KnowledgeBase, name, context, regions, kind, near
):
    place = resolve_place(name, context, context_regions=regions, gazetteer=gaz, kb=kb)
    assert place is not None and place.kind == kind, place
    assert distance_km(place.lat, place.lon, *near) < 161, place


@pytest.mark.parametrize(
    ("name", "context", "kind", "near"),
    [
        ("Black Sea", [], "sea", (43.4, 34.3)),
        ("Atlantic", ["USA"], "ocean", (0.0, -30.0)),  # the ocean, not Atlantic, Iowa
        ("the Gulf", [], "sea", (27.0, 51.0)),  # the Persian Gulf
        ("Euphrates", ["SYR"], "river", (35.0, 40.5)),
        ("Himalayas", [], "mountains", (29.0, 84.0)),
        ("Sahel", [], "area", (15.0, 10.0)),
        ("Balkans", [], "area", (43.0, 21.0)),
        ("Siberian", [], "area", (60.0, 105.0)),  # an adjective names its area
        ("Darfur", ["SDN"], "area", (13.0, 24.5)),
        ("Korean Peninsula", [], "peninsula", (38.6, 127.7)),
    ],
)
def test_features_the_gazetteer_adds(gaz: Gazetteer, kb: KnowledgeBase, name, context, kind, near) -> None:
    place = resolve_place(name, context, gazetteer=gaz, kb=kb)
    assert place is not None and place.kind == kind, place
    assert distance_km(place.lat, place.lon, *near) < 50, place


@pytest.mark.parametrize(
    ("name", "context", "near"),
    [
        ("California", ["USA"], (37.25, -119.75)),  # the state's centre, not California, Maryland
        ("Florida", [], (28.75, -82.5)),
        ("Washington State", [], (47.5, -120.5)),
        ("Ontario", ["CAN"], (50.0, -86.0)),
        ("Queensland", [], (-22.0, 144.0)),
        ("Scottish", [], (56.5, -4.0)),
    ],
)
def test_states_and_provinces_at_their_centre(gaz: Gazetteer, kb: KnowledgeBase, name, context, near) -> None:
    place = resolve_place(name, context, gazetteer=gaz, kb=kb)
    assert place is not None and place.kind == "region", place
    assert distance_km(place.lat, place.lon, *near) < 50, place


@pytest.mark.parametrize(
    ("name", "near"),
    [
        ("Canada", (60.1, -113.6)),  # GeoNames' point, not countryinfo's (60, -95)
        ("Indian", (22.0, 79.0)),
        ("Japan", (35.7, 139.8)),
        ("France", (46.0, 2.0)),
    ],
)
def test_country_points(gaz: Gazetteer, kb: KnowledgeBase, name, near) -> None:
    place = resolve_place(name, gazetteer=gaz, kb=kb)
    assert place is not None and place.kind == "country", place
    assert distance_km(place.lat, place.lon, *near) < 50, place


def _context_around(gaz: Gazetteer, town: str, country: str) -> ArticleContext:
    focus = next(p for p, _ in gaz.named(town) if p.country == country)
    return ArticleContext(countries={country: frozenset({"x"})}, regions={}, focus=focus)


def test_names_the_gazetteer_lacks_are_placed_at_the_article_focus(gaz: Gazetteer, kb: KnowledgeBase) -> None:
    new_orleans = _context_around(gaz, "New Orleans", "USA")
    found = resolve_in_context("Royal Street", new_orleans, gazetteer=gaz, kb=kb)
    assert found is not None and found[1] == "article_focus" and found[0].name == "New Orleans"
    cairo = _context_around(gaz, "Cairo", "EGY")  # a town inside a longer name must agree with the article
    found = resolve_in_context("Liverpool Academy", cairo, gazetteer=gaz, kb=kb)
    assert found is not None and found == (cairo.focus, "article_focus")
    found = resolve_in_context("Alexandria", cairo, gazetteer=gaz, kb=kb)
    assert found is not None and found[1] == "gazetteer" and found[0].country == "EGY"
    assert resolve_in_context("Royal Street", ArticleContext({}, {}), gazetteer=gaz, kb=kb) is None


def test_article_focus_is_the_town_named_most_in_the_main_country(extractor: Extractor) -> None:
    text = (
        "Flooding hit Lagos on Monday. Residents of Lagos said the water rose overnight. "
        "Officials in Nigeria and Ghana promised help, and donors in London sent money."
    )
    parsed = next(parse_articles([Article(id="t", text=text)], extractor.nlp))
    focus = article_context(parsed, extractor.kb).focus
    assert focus is not None and (focus.name, focus.country) == ("Lagos", "NGA")
