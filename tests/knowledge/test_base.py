"""The knowledge base: alias look-ups, sector words, media, and leaders resolved as of a date."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.knowledge.base import Entry, KnowledgeBase, Office, load_knowledge, normalize_alias
from tidings.knowledge.gazetteer import load_gazetteer


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def best(kb: KnowledgeBase, phrase: str) -> Entry:
    found = kb.lookup(phrase)
    assert found, f"no entry for {phrase!r}"
    return found[0]


def test_loads_once() -> None:
    load_knowledge.cache_clear()
    kb = load_knowledge()
    assert load_knowledge() is kb


@pytest.mark.parametrize(
    ("phrase", "kind", "country", "sector"),
    [
        ("Minsk", "capital", "BLR", "GOV"),
        ("Washington", "capital", "USA", "GOV"),
        ("Kiev", "capital", "UKR", "GOV"),
        ("Belarusian", "demonym", "BLR", None),
        ("Belarusians", "demonym", "BLR", None),
        ("Belorussian", "demonym", "BLR", None),
        ("Britons", "demonym", "GBR", None),
        ("Israelis", "demonym", "ISR", None),
        ("Palestinians", "demonym", "PSE", None),
        ("the Kremlin", "institution", "RUS", "GOV"),
        ("Pentagon", "institution", "USA", "MIL"),
        ("Knesset", "institution", "ISR", "LEG"),
        ("Mossad", "institution", "ISR", "SPY"),
        ("FBI", "institution", "USA", "COP"),
        ("KGB", "institution", "BLR", "SPY"),
        ("IDF", "institution", "ISR", "MIL"),
        ("U.S.", "country", "USA", None),
        ("US", "country", "USA", None),
        ("United States", "country", "USA", None),
        ("America", "country", "USA", None),
        ("U.K.", "country", "GBR", None),
        ("Great Britain", "country", "GBR", None),
        ("Ivory Coast", "country", "CIV", None),
        ("Burma", "country", "MMR", None),
        ("DPRK", "country", "PRK", None),
        ("North Korea", "country", "PRK", None),
        ("Taiwan", "country", "TWN", None),
        ("Kosovo", "country", "KOS", None),
        ("Gaza", "territory", "PSE", None),
        ("West Bank", "territory", "PSE", None),
        ("Puerto Rico", "territory", "USA", None),
        ("Transnistria", "territory", "MDA", "PRE"),
        ("UN", "igo", "UNO", "GOV"),
        ("European Commission", "igo", "EUR", "GOV"),
        ("NATO", "igo", "IGO", "GOV"),
        ("ICC", "igo", "IGO", "JUD"),
        ("Amnesty International", "ngo", "NGO", "SOC"),
        ("Hamas", "group", "PSE", "REB"),
        ("ISIS", "group", "IMG", "REB"),
        ("Daesh", "group", "IMG", "REB"),
        ("al Qaeda", "group", "IMG", "REB"),
        ("Sinaloa cartel", "group", "MEX", "CRM"),
        ("Wagner", "group", "RUS", "PRM"),
        ("Rapid Support Forces", "group", "SDN", "REB"),
        ("Reuters", "media", "GBR", "JRN"),
        ("Rohingya", "people", "MMR", None),
        ("Uighurs", "people", "CHN", None),
        ("Chechens", "people", "RUS", None),
    ],
)
def test_lookup_best_entry(
    kb: KnowledgeBase, phrase: str, kind: str, country: str, sector: str | None
) -> None:
    entry = best(kb, phrase)
    assert (entry.kind, entry.country, entry.sector) == (kind, country, sector)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lukashenka", "Lukashenko"),
        ("Aleksandr Lukashenko", "Alexander Lukashenko"),
        ("Trump", "Donald J. Trump"),
        ("Zelenskyy", "Zelensky"),
        ("U.S.", "USA"),
        ("Élysée", "Elysee"),
        ("Trump\u2019s", "Trump"),
    ],
)
def test_variants_name_the_same_entity(kb: KnowledgeBase, a: str, b: str) -> None:
    assert best(kb, a).entity_id == best(kb, b).entity_id


@pytest.mark.parametrize("word", ["us", "is", "who"])
def test_acronyms_that_are_words_need_their_case(kb: KnowledgeBase, word: str) -> None:
    assert kb.lookup(word) == ()
    assert kb.lookup(word.upper())


@pytest.mark.parametrize(
    ("raw", "key"),
    [("The Kremlin", "kremlin"), ("  Trump\u2019s ", "trump"), ("U.S.", "u.s."), ("Hague", "hague")],
)
def test_normalize_alias(raw: str, key: str) -> None:
    assert normalize_alias(raw) == key


@pytest.mark.parametrize(("code", "name"), [("BLR", "Belarus"), ("usa", "United States"), ("XKX", "Kosovo")])
def test_country_by_code(kb: KnowledgeBase, code: str, name: str) -> None:
    entry = kb.country(code)
    assert entry is not None and entry.name == name


def test_every_country_has_a_capital_or_is_a_city_state(kb: KnowledgeBase) -> None:
    blr = kb.country("BLR")
    assert blr is not None and blr.capital == "Minsk" and blr.entity_id == "Q184"
    assert kb.country("ZZZ") is None


def test_every_seat_is_a_town_of_its_institutions_country(kb: KnowledgeBase) -> None:
    """An institution's seat ("Washington|Washington, D.C.") names a town of the gazetteer, in that region
    and in the institution's own country; a name other bodies share has none ("Congress")."""
    gazetteer = load_gazetteer()
    seats = {e.name: e for e in kb.entries if e.seat}
    assert {"White House", "Kremlin", "Downing Street"} <= set(seats)
    assert "US Congress" not in seats
    for entry in seats.values():
        town, region = (entry.seat or "").split("|")
        assert any(
            p.kind == "city" and p.region == region and p.country == entry.country
            for p, own in gazetteer.named(town)
            if own
        ), entry.name


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("president", "GOV"),
        ("prime minister", "GOV"),
        ("troops", "MIL"),
        ("security forces", "MIL"),
        ("rebels", "REB"),
        ("protesters", "CVL"),
        ("human rights activists", "CVL"),
        ("police", "COP"),
        ("policemen", "COP"),
        ("judge", "JUD"),
        ("lawmakers", "LEG"),
        ("journalists", "JRN"),
        ("refugees", "REF"),
        ("militias", "PRM"),
        ("smugglers", "CRM"),
        ("spy", "SPY"),
        ("opposition", "OPP"),
        ("clerics", "REL"),
        ("students", "EDU"),
        ("gunmen", "UAF"),
        ("banana", None),
    ],
)
def test_sector_of(kb: KnowledgeBase, word: str, sector: str | None) -> None:
    assert kb.sector_of(word) == sector


@pytest.mark.parametrize(
    ("country", "office", "on", "name"),
    [
        ("USA", "head_of_state", date(2019, 6, 1), "Donald Trump"),
        ("USA", "head_of_state", date(2022, 6, 1), "Joe Biden"),
        ("USA", "head_of_state", date(2025, 12, 13), "Donald Trump"),
        ("USA", "head_of_state", date(2025, 1, 20), "Donald Trump"),
        ("USA", "head_of_state", date(2025, 1, 19), "Joe Biden"),
        ("USA", "head_of_government", date(2005, 1, 1), "George W. Bush"),
        ("USA", "foreign_minister", date(2023, 3, 1), "Antony Blinken"),
        ("BLR", "head_of_state", date(2025, 12, 13), "Alexander Lukashenko"),
        ("BLR", "head_of_state", date(2001, 1, 1), "Alexander Lukashenko"),
        ("RUS", "head_of_state", date(2010, 1, 1), "Dmitry Medvedev"),
        ("RUS", "head_of_government", date(2010, 1, 1), "Vladimir Putin"),
        ("RUS", "foreign_minister", date(2025, 12, 13), "Sergei Lavrov"),
        ("UKR", "head_of_state", date(2016, 1, 1), "Petro Poroshenko"),
        ("GBR", "head_of_government", date(2022, 10, 1), "Liz Truss"),
        ("ISR", "head_of_government", date(2022, 1, 1), "Naftali Bennett"),
        ("SYR", "head_of_state", date(2015, 1, 1), "Bashar al-Assad"),
        ("DEU", "head_of_government", date(2015, 1, 1), "Angela Merkel"),
    ],
)
def test_holder_as_of_date(kb: KnowledgeBase, country: str, office: str, on: date, name: str) -> None:
    holder = kb.holder(country, office, on)
    assert holder is not None and holder.name == name


def test_no_holder_outside_known_terms(kb: KnowledgeBase) -> None:
    assert kb.holder("USA", "head_of_state", date(1900, 1, 1)) is None


def test_offices_on_a_date(kb: KnowledgeBase) -> None:
    trump = best(kb, "Trump")
    assert kb.offices(trump, date(2022, 1, 1)) == ()
    held = kb.offices(trump, date(2019, 1, 1))
    assert {o.office for o in held} == {"head_of_state", "head_of_government"}
    assert all(isinstance(o, Office) and o.country == "USA" and o.sector == "GOV" for o in held)
    assert len(kb.offices(trump)) == 4
    putin = best(kb, "Putin")
    assert [o.title for o in kb.offices(putin, date(2010, 1, 1))] == ["Prime Minister"]


def test_medium(kb: KnowledgeBase) -> None:
    belta = kb.medium("Belta")
    assert belta is not None
    assert (belta.kind, belta.country, belta.media_kind) == ("media", "BLR", "state_media")
    bbc = kb.medium("BBC")
    assert bbc is not None and bbc.media_kind == "public_media"
    ap = kb.medium("Associated Press")
    assert ap is not None and ap.media_kind == "media"
    assert kb.medium("Minsk") is None


def test_entries_are_well_formed(kb: KnowledgeBase) -> None:
    kinds = {
        "country",
        "territory",
        "capital",
        "demonym",
        "igo",
        "ngo",
        "institution",
        "group",
        "media",
        "people",
        "person",
    }
    assert {e.kind for e in kb.entries} <= kinds
    ids = [e.entity_id for e in kb.entries]
    assert len(ids) == len(set(ids))
    for entry in kb.entries:
        for office in entry.offices:
            assert office.start is None or office.end is None or office.start < office.end


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Ethopia", "ETH"),
        ("Afganistan", "AFG"),
        ("Quatar", "QAT"),
        ("Phillippines", "PHL"),
        ("Austrai", "AUT"),
    ],
)
def test_a_country_name_with_one_typo(kb: KnowledgeBase, word: str, country: str) -> None:
    found = kb.misspelled_country(word)
    assert found is not None and found.country == country


@pytest.mark.parametrize("word", ["Ethiopia", "Nigeri", "Smithson", "Iraqi", "Peru"])
def test_no_typo_reading_for_names_exact_ambiguous_or_short(kb: KnowledgeBase, word: str) -> None:
    assert kb.misspelled_country(word) is None


def test_leaders_before_2000(kb: KnowledgeBase) -> None:
    mitterrand = best(kb, "Mitterrand")
    assert [o.country for o in kb.offices(mitterrand, date(1990, 6, 1))] == ["FRA"]
    assert kb.offices(mitterrand, date(1996, 6, 1)) == ()
    holder = kb.holder("ZAF", "head_of_state", date(1992, 1, 1))
    assert holder is not None and holder.name == "F. W. de Klerk"
