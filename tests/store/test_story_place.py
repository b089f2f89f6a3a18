"""A story's place from its reports' places: a county gives way to a town of its state."""

from __future__ import annotations

import duckdb
import pytest

from tidings.knowledge.gazetteer import load_gazetteer
from tidings.link.setting import place_of
from tidings.store.story_query import _lead_dates, _places, anchored_places, story_facts, story_place


@pytest.mark.parametrize(
    ("ranked", "expected"),
    [
        (
            [("St. Johns County", "Florida", "USA"), ("St. Augustine", "Florida", "USA")],
            ("St. Augustine", "Florida", "USA"),
        ),
        # counter-examples: a town of another state; a county alone; a town first stays first
        (
            [("Harris County", "Texas", "USA"), ("Tulsa", "Oklahoma", "USA")],
            ("Harris County", "Texas", "USA"),
        ),
        ([("Polk County", "Florida", "USA")], ("Polk County", "Florida", "USA")),
        # a town that lies in a county of the name, whatever state the county was read in
        (
            [("Washington County", "Pennsylvania", "USA"), ("Campbellsburg", "Indiana", "USA")],
            ("Campbellsburg", "Indiana", "USA"),
        ),
        # counter-example: a town of another state in no county of the name
        (
            [("Washington County", "Pennsylvania", "USA"), ("Tulsa", "Oklahoma", "USA")],
            ("Washington County", "Pennsylvania", "USA"),
        ),
        (
            [("Lakeland", "Florida", "USA"), ("Polk County", "Florida", "USA")],
            ("Lakeland", "Florida", "USA"),
        ),
        # a county named without its word, by a name no town of its state bears ("Miami-Dade")
        (
            [("Miami-Dade", "Florida", "USA"), ("Miami", "Florida", "USA")],
            ("Miami", "Florida", "USA"),
        ),
        # counter-examples: a town's name is no county's, even where a county bears it too, nor is a town
        # with a post office the gazetteer lacks
        (
            [("Miami", "Florida", "USA"), ("Homestead", "Florida", "USA")],
            ("Miami", "Florida", "USA"),
        ),
        (
            [("Madison", "Tennessee", "USA"), ("Nashville", "Tennessee", "USA")],
            ("Madison", "Tennessee", "USA"),
        ),
    ],
)
def test_story_place(
    ranked: list[tuple[str, str | None, str | None]], expected: tuple[str, str | None, str | None]
) -> None:
    assert story_place(ranked) == expected


@pytest.mark.parametrize(
    ("voted", "expected"),
    [
        # a town read in a state its report does not name is its namesake in the one state the story's
        # reports name ("Cleveland" beside "Cleveland, Tenn."; "outside Dallas" beside Paulding County, Ga.)
        (
            [("Cleveland", "Ohio", "USA", 5.5, False), ("Cleveland", "Tennessee", "USA", 3.5, True)],
            ("Cleveland", "Tennessee", "USA"),
        ),
        (
            [("Dallas", "Texas", "USA", 6.0, False), ("Paulding County", "Georgia", "USA", 2.0, True)],
            ("Dallas", "Georgia", "USA"),
        ),
        # ... a post office's town too (Madison, Tennessee, a part of Nashville the gazetteer lacks)
        (
            [("Madison", "Wisconsin", "USA", 6.0, False), ("Nashville", "Tennessee", "USA", 4.0, True)],
            ("Madison", "Tennessee", "USA"),
        ),
        # counter-examples: no report names a state; reports name two; no namesake in the named state
        (
            [("Cleveland", "Ohio", "USA", 5.5, False), ("Cleveland", "Tennessee", "USA", 3.5, False)],
            ("Cleveland", "Ohio", "USA"),
        ),
        (
            [("Cleveland", "Ohio", "USA", 5.5, True), ("Cleveland", "Tennessee", "USA", 3.5, True)],
            ("Cleveland", "Ohio", "USA"),
        ),
        (
            [("Tulsa", "Oklahoma", "USA", 5.0, False), ("Cleveland", "Tennessee", "USA", 3.0, True)],
            ("Tulsa", "Oklahoma", "USA"),
        ),
    ],
)
def test_a_story_place_is_anchored_in_the_state_its_reports_name(
    voted: list[tuple[str, str | None, str | None, float, bool]], expected: tuple[str, str | None, str | None]
) -> None:
    assert anchored_places(voted)[0] == expected


@pytest.mark.parametrize(
    ("masthead", "expected"),
    [
        # class: a report's outlet names a town of a state (tidings.link.setting.ANCHOR_KM): the story's
        # other reports' towns named without their state are that state's namesakes
        (" - | WBTV Charlotte", ("Boiling Springs", "North Carolina", "USA")),
        # counter-example: an outlet no town names anchors nothing: the larger namesake stays
        (" - | WBTV", ("Boiling Springs", "South Carolina", "USA")),
    ],
)
def test_a_story_place_is_anchored_in_the_state_of_an_outlets_town(
    masthead: str, expected: tuple[str, str, str]
) -> None:
    gazetteer = load_gazetteer()
    first = place_of(
        "BOILING SPRINGS \u2014 A 17-year-old died Saturday at his home in Boiling Springs in what police are"
        " calling an accidental shooting.",
        gazetteer,
    )
    second = place_of(
        "The 17-year-old, a senior at Crest High School in Shelby, was an avid hunter.",
        gazetteer,
        f"After teen accidentally shoots himself, family has a message{masthead}",
    )
    assert first is not None and second is not None
    assert anchored_places([*first.votes, *second.votes])[0] == expected


@pytest.mark.parametrize(
    ("name", "state", "expected"),
    [
        # a place served by one post office of another name: the office's town, the place in parentheses
        ("Benbrook", "Texas", "Fort Worth (Benbrook)"),
        ("Florida City", "Florida", "Homestead (Florida City)"),
        # a place within a ZIP code's area whose name the Postal Service does not accept on mail
        ("Hanley Hills", "Missouri", "Saint Louis (Hanley Hills)"),
        # the town's formal name with "City" is the office's own town, no place within it
        ("New York City", "New York", "New York"),
        ("Absecon City", "New Jersey", "Absecon"),
        # counter-examples: a town with a post office of its own (in any state but the one asked for, a
        # Bucksport is Maine's), a place several offices serve, a county, and a place no list holds
        ("Katy", "Texas", "Katy"),
        ("St. Augustine", "Florida", "St. Augustine"),  # its own office's name, abbreviated
        ("Bucksport", "Maine", "Bucksport"),
        ("Bucksport", "South Carolina", "Conway (Bucksport)"),
        ("Killingly", "Connecticut", "Killingly"),
        # a county: as the archive writes one ("Polk (county)", "Marion (county)"); not a parish or borough
        ("Polk County", "Florida", "Polk (county)"),
        ("St. Louis County", "Missouri", "St. Louis (county)"),
        ("Caddo Parish", "Louisiana", "Caddo Parish"),
        ("Euharlee", "Georgia", "Euharlee"),  # Cartersville's and Kingston's codes both hold it
        ("Lower East Side", "New York", "Lower East Side"),
    ],
)
def test_city_or_county_names_the_post_office_that_serves_a_place(
    name: str, state: str, expected: str
) -> None:
    """Class: a US place with no post office of its own, that one post office of another name alone
    serves, is written as the Gun Violence Archive writes it: "Fort Worth (Benbrook)"."""
    assert story_facts([], (name, state, "USA"), [])["city_or_county"] == expected


def test_city_or_county_is_for_us_places_only() -> None:
    assert story_facts([], ("Homestead", "Montana", "USA"), [])["city_or_county"] == "Homestead"
    assert story_facts([], ("Benbrook", None, "GBR"), [])["city_or_county"] is None


def _dated_story(reports: list[tuple[str, str | None, str | None]]) -> duckdb.DuckDBPyConnection:
    """A store of one story "s" whose reports are (article id, published, event day)."""
    con = duckdb.connect()
    con.execute("CREATE TABLE story_members (story_id VARCHAR, article_id VARCHAR)")
    con.execute("CREATE TABLE articles (id VARCHAR, published DATE)")
    con.execute("CREATE TABLE article_facts (article_id VARCHAR, event_day DATE, lead_date DATE)")
    for ident, published, day in reports:
        con.execute("INSERT INTO story_members VALUES ('s', ?)", [ident])
        con.execute("INSERT INTO articles VALUES (?, ?)", [ident, published])
        con.execute("INSERT INTO article_facts VALUES (?, ?, ?)", [ident, day, day])
    return con


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # the day most reports name
        (
            [("a", "2016-09-07", "2016-09-04"), ("b", "2016-09-05", "2016-09-05"), ("c", None, "2016-09-05")],
            "2016-09-05",
        ),
        # a tie: the first report published names the day (a follow-up names what followed too)
        ([("a", "2016-09-07", "2016-09-04"), ("b", "2016-09-05", "2016-09-05")], "2016-09-05"),
        # counter-examples: a tie between reports published together, or undated, is the earliest day
        ([("a", "2016-08-31", "2016-08-31"), ("b", "2016-08-31", "2016-08-30")], "2016-08-30"),
        ([("a", None, "2016-08-31"), ("b", None, "2016-08-30")], "2016-08-30"),
    ],
)
def test_a_story_day_is_most_reports_then_the_first_reports(
    reports: list[tuple[str, str | None, str | None]], expected: str
) -> None:
    """Class: a story's day is the one most of its reports name; on a tie, the first published report's."""
    assert _lead_dates(_dated_story(reports), ["s"]) == {"s": expected}


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # the first report (22 June) names no day; a follow-up's lead names the coroner's ruling (30 June)
        ([("a", "2016-06-22", None), ("b", "2016-06-30", "2016-06-30")], {}),
        # two follow-ups outvote the first report's day: theirs are after it was published
        (
            [
                ("a", "2016-06-22", "2016-06-21"),
                ("b", "2016-06-30", "2016-06-30"),
                ("c", "2016-07-01", "2016-06-30"),
            ],
            {"s": "2016-06-21"},
        ),
        # counter-examples: days on or before the first report's publication stay, and so do the days of a
        # story none of whose reports is dated
        ([("a", "2016-06-22", None), ("b", "2016-06-30", "2016-06-22")], {"s": "2016-06-22"}),
        ([("a", None, None), ("b", None, "2016-06-30")], {"s": "2016-06-30"}),
    ],
)
def test_a_story_day_is_never_after_its_first_report(
    reports: list[tuple[str, str | None, str | None]], expected: dict[str, str]
) -> None:
    """Class: a day a story's report names after the story's first report was published is the day of
    what followed (a ruling, a charge), not of the happening the first report told of already."""
    assert _lead_dates(_dated_story(reports), ["s"]) == expected


def _assault_on(day: str) -> dict[str, object]:
    """A story's one record: an assault dated `day`, told by one report."""
    return {
        "date": day,
        "event_type": "ASSAULT",
        "report_count": 1,
        "mention_count": 1,
        "id": "r",
        "killed": 1,
        "injured": 0,
    }


@pytest.mark.parametrize(
    ("record_day", "expected"), [("2016-06-30", "2016-06-22"), ("2016-06-20", "2016-06-20")]
)
def test_an_undated_story_day_is_never_after_its_first_report(record_day: str, expected: str) -> None:
    """Class: a story whose leads name no day takes its main record's day, but not one after its first
    report (a later report's record); counter-example: a record's day on or before it stays."""
    facts = story_facts([_assault_on(record_day)], None, [], first_published="2016-06-22")
    assert facts["date"] == expected


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("Washington, D.C.", "District of Columbia"),
        # counter-examples: a state keeps its name; a region the post office does not list keeps its own
        ("Washington", "Washington"),
        ("Texas", "Texas"),
        ("Puerto Rico", "Puerto Rico"),
    ],
)
def test_a_us_state_is_named_as_the_post_office_names_it(region: str, expected: str) -> None:
    """Class: a story's US state is the post office's name of it (the District of Columbia, not the
    gazetteer's "Washington, D.C.")."""
    assert story_facts([], ("Washington", region, "USA"), [])["state"] == expected


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (
            ("Washington", "Washington, D.C.", "USA"),
            "Washington, D.C., USA",
        ),  # the region's name holds the town's
        (("Mexico City", "Mexico City", "MEX"), "Mexico City, MEX"),  # a region of the town's own name
        (("Toledo", "Ohio", "USA"), "Toledo, Ohio, USA"),  # counter-example: town, region, country
        (("Kansas City", "Missouri", "USA"), "Kansas City, Missouri, USA"),
    ],
)
def test_a_story_place_names_a_region_of_the_towns_name_once(
    place: tuple[str, str, str], expected: str
) -> None:
    assert story_facts([], place, [])["place"] == expected


_Vote = tuple[str, str, str, float, bool]


def _placed_story(reports: list[tuple[str, _Vote, list[_Vote] | None]]) -> duckdb.DuckDBPyConnection:
    """A store of one story "s" whose reports are (article id, its own town, every town it votes for or
    None: a report stored before the votes were)."""
    con = duckdb.connect()
    con.execute("CREATE TABLE story_members (story_id VARCHAR, article_id VARCHAR)")
    con.execute(
        "CREATE TABLE article_facts (article_id VARCHAR, place VARCHAR, region VARCHAR, country VARCHAR,"
        " place_score DOUBLE, region_named BOOLEAN, places STRUCT(place VARCHAR, region VARCHAR,"
        " country VARCHAR, score DOUBLE, named BOOLEAN)[])"
    )
    for ident, own, votes in reports:
        con.execute("INSERT INTO story_members VALUES ('s', ?)", [ident])
        places = (
            None
            if votes is None
            else [dict(zip(("place", "region", "country", "score", "named"), v, strict=True)) for v in votes]
        )
        con.execute("INSERT INTO article_facts VALUES (?, ?, ?, ?, ?, ?, ?)", [ident, *own, places])
    return con


_BROOKLYN = ("Brooklyn", "Indiana", "USA", 4.0, True)
_PLAINFIELD = ("Plainfield", "Indiana", "USA", 5.5, True)


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # one report's dateline and lead name Brooklyn, its title's "Plainfield teen" outweighs them; the
        # other report names Brooklyn alone: the story is Brooklyn's
        (
            [
                ("a", _PLAINFIELD, [_PLAINFIELD, _BROOKLYN]),
                ("b", ("Brooklyn", "Indiana", "USA", 5.0, True), [("Brooklyn", "Indiana", "USA", 5.0, True)]),
            ],
            ("Brooklyn", "Indiana", "USA"),
        ),
        # counter-examples: the reports' own towns where none votes for another's, and a report stored
        # without its votes counts its own town alone
        (
            [
                ("a", _PLAINFIELD, [_PLAINFIELD]),
                ("b", ("Brooklyn", "Indiana", "USA", 5.0, True), [("Brooklyn", "Indiana", "USA", 5.0, True)]),
            ],
            ("Plainfield", "Indiana", "USA"),
        ),
        (
            [
                ("a", _PLAINFIELD, None),
                ("b", ("Brooklyn", "Indiana", "USA", 5.0, True), [("Brooklyn", "Indiana", "USA", 5.0, True)]),
            ],
            ("Plainfield", "Indiana", "USA"),
        ),
    ],
)
def test_a_story_place_weighs_every_town_its_reports_vote_for(
    reports: list[tuple[str, _Vote, list[_Vote] | None]], expected: tuple[str, str, str]
) -> None:
    """Class: a story's town is the one its reports' votes support most, each report's every town counted
    (a town every report names beats one report's own guess), not their own towns alone."""
    assert _places(_placed_story(reports), ["s"]) == {"s": expected}
