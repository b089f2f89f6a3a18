"""Mentions of one act in one story -> one record; contradicting facts keep acts apart."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tidings.link.records import (
    Mention,
    actor_name_key,
    group_mentions,
    named_period,
    names_a_day,
    record_id_of,
)


def mention(ident: str, **fields: object) -> Mention:
    values: dict[str, object] = {"article_id": "a" + ident, "event_type": "ASSAULT", "certainty": "asserted"}
    values.update(fields)
    return Mention(event_id=ident, **values)  # type: ignore[arg-type]


USA = frozenset({"USA"})


def test_same_act_in_several_reports_is_one_record() -> None:
    mentions = [
        mention("e1", date=date(2014, 2, 12), date_named=True, actors=USA, actor_countries=USA),
        mention("e2", date=date(2014, 2, 13)),  # the publication date: says nothing against
        mention("e3", date=date(2014, 2, 12), date_named=True, place="Gary", place_country="USA"),
    ]
    assert group_mentions(mentions) == [["e1", "e2", "e3"]]


def test_types_certainty_days_places_and_actors_keep_acts_apart() -> None:
    mentions = [
        mention("e1", date=date(2014, 2, 12), date_named=True),
        mention("e2", date=date(2014, 2, 20), date_named=True),  # another day named
        mention("e3", event_type="COERCE"),  # another type
        mention("e4", certainty="planned"),  # did not happen (yet)
        mention("e5", actor_countries=frozenset({"RUS"}), date=date(2014, 2, 12), date_named=True),
        mention("e6", actor_countries=frozenset({"UKR"}), date=date(2014, 2, 12), date_named=True),
    ]
    groups = group_mentions(mentions)
    assert ["e3"] in groups and ["e4"] in groups
    assert not any({"e1", "e2"} <= set(g) for g in groups)
    assert not any({"e5", "e6"} <= set(g) for g in groups)
    assert sorted(x for g in groups for x in g) == ["e1", "e2", "e3", "e4", "e5", "e6"]


def test_places_in_two_countries_are_two_acts_but_a_town_and_its_country_are_not() -> None:
    apart = [
        mention("e1", place="Minsk", place_country="BLR"),
        mention("e2", place="Vilnius", place_country="LTU"),
    ]
    assert group_mentions(apart) == [["e1"], ["e2"]]
    together = [
        mention("e1", place="Minsk", place_country="BLR"),
        mention("e2", place="Belarus", place_country="BLR"),
    ]
    assert group_mentions(together) == [["e1", "e2"]]


def test_records_ignore_the_order_of_mentions() -> None:
    mentions = [
        mention(f"e{i}", date=date(2020, 1, 1 + i % 3), date_named=bool(i % 2), actor_countries=USA)
        for i in range(12)
    ]
    expected = group_mentions(mentions)
    for seed in range(5):
        shuffled = list(mentions)
        random.Random(seed).shuffle(shuffled)
        assert group_mentions(shuffled) == expected


def test_record_id_is_the_hash_of_its_smallest_event() -> None:
    assert record_id_of(["ev_b", "ev_a"]) == record_id_of(["ev_a"])
    assert record_id_of(["ev_a"]).startswith("rec_") and len(record_id_of(["ev_a"])) == 20


def test_an_article_tells_two_acts_apart_by_a_link_or_two_counts() -> None:
    linked = [mention("e1", article_id="a"), mention("e2", article_id="a", distinct=frozenset({"e1"}))]
    assert group_mentions(linked) == [["e1"], ["e2"]]
    counts = [
        mention("e1", article_id="a", size=("released", 123)),
        mention("e2", article_id="a", size=("released", 33)),
    ]
    assert group_mentions(counts) == [["e1"], ["e2"]]
    # two reports giving two counts of one release: one act, reported two ways
    reports = [
        mention("e1", article_id="a", size=("released", 123)),
        mention("e2", article_id="b", size=("released", 114)),
    ]
    assert group_mentions(reports) == [["e1", "e2"]]


def test_a_day_outside_the_month_or_year_another_mention_names_is_another_act() -> None:
    # "Last July alone, three minors were shot" beside the shooting of 19 January 2016: two acts
    july = (date(2015, 7, 1), date(2015, 7, 31))
    mentions = [
        mention("e1", date=date(2016, 1, 19), date_named=True),
        mention("e2", period=july),
        mention("e3", period=(date(2015, 1, 1), date(2015, 12, 31))),  # "in 2015": holds July
    ]
    assert group_mentions(mentions) == [["e1"], ["e2", "e3"]]
    # not so a day within it, or a day beside its edge (a night across the month's end)
    inside = [mention("e1", date=date(2015, 7, 4), date_named=True), mention("e2", period=july)]
    assert group_mentions(inside) == [["e1", "e2"]]
    edge = [mention("e1", date=date(2015, 8, 1), date_named=True), mention("e2", period=july)]
    assert group_mentions(edge) == [["e1", "e2"]]


def test_named_periods() -> None:
    assert named_period("2015-07") == (date(2015, 7, 1), date(2015, 7, 31))
    assert named_period("2016-02") == (date(2016, 2, 1), date(2016, 2, 29))
    assert named_period("2016-W02") == (date(2016, 1, 11), date(2016, 1, 17))
    assert named_period("2016-W02-WE") == (date(2016, 1, 16), date(2016, 1, 17))
    assert named_period("2016-Q2") == (date(2016, 4, 1), date(2016, 6, 30))
    assert named_period("2016-H2") == (date(2016, 7, 1), date(2016, 12, 31))
    assert named_period("2015") == (date(2015, 1, 1), date(2015, 12, 31))
    # a day is no period; a season's edges are loose; references and decades name no span; nor does nonsense
    for value in (
        "2016-01-19",
        "2016-01-19T00:48",
        "2016-SU",
        "PAST_REF",
        "201",
        "2016-13",
        "2016-W60",
        None,
    ):
        assert named_period(value) is None


def test_a_clock_time_alone_names_no_day() -> None:
    for text in ("12:48 a.m.", "at around 12:48 a.m.", "6:15 p.m.", "5:30p.m.", "noon", "about 11 p.m. EST"):
        assert not names_a_day(text), text
    for text in (
        "12:48 a.m. Thursday",
        "Thursday",
        "early Thursday morning",
        "yesterday",
        "Aug. 25",
        "tonight",
    ):
        assert names_a_day(text), text
    assert not names_a_day(None) and not names_a_day("")
    # a follow-up's "Norton was shot at around 12:48 a.m." (dated its publication day) joins the shooting
    mentions = [
        mention("e1", date=date(2016, 8, 25), date_named=True),
        mention("e2", date=date(2016, 10, 26), date_named=names_a_day("12:48 a.m.")),
    ]
    assert group_mentions(mentions) == [["e1", "e2"]]


def test_two_people_named_as_actors_are_two_acts() -> None:
    """One story's accusations by two people are two records; one person by two forms of the name is one."""
    mentions = [
        mention("e1", event_type="ACCUSE", actor_names=frozenset({"clinton"}), actor_countries=USA),
        mention("e2", event_type="ACCUSE", actor_names=frozenset({"trump"}), actor_countries=USA),
        mention("e3", event_type="ACCUSE", actor_names=frozenset({"clinton"}), article_id="other"),
        mention("e4", event_type="ACCUSE", actor_countries=USA),  # no one named: joins a record
    ]
    groups = group_mentions(mentions)
    assert not any({"e1", "e2"} <= set(g) for g in groups)
    assert any({"e1", "e3"} <= set(g) for g in groups)
    assert sorted(x for g in groups for x in g) == ["e1", "e2", "e3", "e4"]
    assert len(groups) == 2


def test_two_people_named_as_targets_are_two_acts_except_of_an_attack() -> None:
    """One story's endorsements of two people are two records, and so are two arrests of two people; one
    report naming one of two arrested and the next both is one; an attack's victims are named one in one
    report, another in the next, so they keep one attack whole."""
    mentions = [
        mention("e1", event_type="SUPPORT", recipient_names=frozenset({"kasich"}), actor_countries=USA),
        mention("e2", event_type="SUPPORT", recipient_names=frozenset({"trump"}), actor_countries=USA),
        mention("e3", event_type="SUPPORT", recipient_names=frozenset({"trump"}), article_id="other"),
        mention("e4", event_type="COERCE", mode="arrest", recipient_names=frozenset({"jackson"})),
        mention("e5", event_type="COERCE", mode="arrest", recipient_names=frozenset({"williams"})),
        mention("e6", event_type="COERCE", mode="arrest", recipient_names=frozenset({"jackson", "smith"})),
        mention("e7", event_type="COERCE", mode="arrest", recipient_names=frozenset({"smith"})),
        mention("e8", mode="firearms", recipient_names=frozenset({"banky"})),
        mention("e9", mode="firearms", recipient_names=frozenset({"tennant"})),
    ]
    groups = group_mentions(mentions)
    assert ["e1"] in groups and ["e2", "e3"] in groups
    assert ["e5"] in groups and ["e8", "e9"] in groups
    assert any({"e4", "e6"} <= set(g) for g in groups) or any({"e6", "e7"} <= set(g) for g in groups)
    assert not any({"e4", "e7"} <= set(g) for g in groups)  # nobody arrested in both


@pytest.mark.parametrize(
    ("text", "name", "resolved_by", "key"),
    [
        ("Miguel Maldonado", None, "unresolved", "maldonado"),
        (
            "Pena Nieto",
            "Enrique Pe\u00f1a Nieto",
            "person_in_office",
            "nieto",
        ),  # folded, by the resolved name
        ("He", "Bill Clinton", "coreference", "clinton"),
        ("Kasich", None, "article_country", "kasich"),
        # a surname that reads as a plural of a common word, of a person the knowledge base or the
        # article's full name knows
        ("Morales", "Evo Morales", "person_in_office", "morales"),
        ("Morales", "Gabriel Morales", "surname", "morales"),
        # a surname that reads as a plural, after a given name (the census lists, person_names.tsv)
        ("Chargers defensive tackle Jamal Williams", None, "unresolved", "williams"),
        ("Jeff Sessions", None, "article_country", "sessions"),
        ("Devin G. Nunes", None, "unresolved", "nunes"),
        # the full name a description ends with, after a noun of the description or a title
        ("former Massachusetts congressman Barney Frank", None, "article_country", "frank"),
        ("The judge Stephen C. Robinson", None, "unresolved", "robinson"),
        ("Democratic presidential candidate Sen. Bernie Sanders", None, "article_country", "sanders"),
        ("former Florida Gov. Jeb Bush", None, "unresolved", "bush"),
        ("both Gov. McCrory", None, "unresolved", "mccrory"),
        # counter-examples: no one's name
        ("He", None, "unresolved", None),  # a pronoun
        ("the gunman", None, "unresolved", None),  # a description
        ("Clinton's husband", None, "modifier:person", None),
        ("Witnesses", None, "unresolved", None),  # a plural common noun
        ("Hedge Funds", None, "article_country", None),
        ("Lehman Brothers", None, "unresolved", None),  # "brothers" is a surname, "lehman" no given name
        ("Christian Democrats", None, "unresolved", None),  # "democrats" is no surname
        ("Williams", None, "unresolved", None),  # one word: a common word's plural, for all we know
        ("New Yorkers", "New Yorkers", "coreference", None),  # a coreference is no knowledge of a person
        ("Toronto Police", None, "article_country", None),  # a sector
        ("Teen", None, "unresolved", None),  # one common word ("Teen is shot")
        ("Maryland", None, "article_country", None),  # a place
        ("Colombia", "Colombia", "country_as_state", None),  # a country, by how it was resolved
        ("The TTC", None, "article_country", None),
        # capitals after an article, a preposition or a conjunction are a body's or a place's
        ("the billionaire owner of the Dallas Mavericks", None, "unresolved", None),
        ("Representative Peter T. King of New York", None, "article_country", None),
        ("a deadlocked Supreme Court", None, "article_country", None),
        ("one Sanders supporter", None, "unresolved", None),  # a description ending in lower case
        ("his rival Capriles", None, "unresolved", None),  # one word with no title: maybe a place
    ],
)
def test_actor_name_key(text: str, name: str | None, resolved_by: str, key: str | None) -> None:
    assert actor_name_key(text, name, resolved_by) == key


def test_two_modes_are_two_acts_except_of_an_attack() -> None:
    """An inquiry and a charge (ACCUSE), an arrest and a search (COERCE) are two acts; an attack told as a
    shooting in one sentence and a beating in another may be one (ASSAULT's modes tell how)."""
    mentions = [
        mention("e1", event_type="ACCUSE", mode="investigate"),
        mention("e2", event_type="ACCUSE", mode="allege"),
        mention("e3", event_type="ACCUSE", mode="allege", article_id="other"),
        mention("e4", event_type="COERCE", mode="arrest"),
        mention("e5", event_type="COERCE", mode="seize"),
        mention("e6", mode="firearms"),
        mention("e7", mode="beat"),
    ]
    assert group_mentions(mentions) == [["e1"], ["e2", "e3"], ["e4"], ["e5"], ["e6", "e7"]]
