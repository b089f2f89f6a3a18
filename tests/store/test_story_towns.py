"""Whether two reports tell of one town, as identity compares them (tidings.store.stories)."""

from __future__ import annotations

import pytest

from tidings.store.stories import _one_in_the_other, _one_town


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # the same name, one read in a region its report does not name (the gazetteer's guess): one town
        ("Naples|Campania|ITA|guessed", "Naples|Florida|USA|named", True),
        ("Cleveland|Ohio|USA|guessed", "Cleveland|Tennessee|USA|guessed", True),
        ("Rosário|Maranhao|BRA|guessed", "Rosario|Santa Fe|ARG|named", True),  # one name in two forms
        # counter-examples: both reports name their regions (two towns of one name); two names
        ("Naples|Campania|ITA|named", "Naples|Florida|USA|named", False),
        ("Benton|Arkansas|USA|guessed", "Little Rock|Arkansas|USA|named", False),
    ],
)
def test_a_town_read_in_a_region_its_report_does_not_name_is_the_other_reports(
    first: str, second: str, expected: bool
) -> None:
    """Class: two reports naming a town of one name tell of one town unless both name its region; a report
    naming "Naples" alone is read as Naples, Italy (the largest), beside another's "Naples, Florida"
    (GVC's reports of a shooting at the Coastland Center mall)."""
    assert _one_town(first, second) is expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # a county and a town whose post office lies in it, as either report names them
        ("Traer|Iowa|USA|named", "Tama County|Iowa|USA|named", True),
        ("Tama County|Iowa|USA|named", "Traer|Iowa|USA|guessed", True),
        ("Saint Augustine|Florida|USA|guessed", "Saint Johns County|Florida|USA|named", True),  # St. Johns
        ("Miami|Florida|USA|guessed", "Miami-Dade|Florida|USA|named", True),  # a county without its word
        # counter-examples: a town of another county, a county of that name in another state, two towns,
        # two counties
        ("Waterloo|Iowa|USA|named", "Tama County|Iowa|USA|named", False),
        ("Traer|Iowa|USA|named", "Tama County|Kansas|USA|named", False),
        ("Katy|Texas|USA|named", "Houston|Texas|USA|named", False),
        ("Polk County|Iowa|USA|named", "Tama County|Iowa|USA|named", False),
    ],
)
def test_a_county_and_a_town_of_it_are_neither_one_town_nor_two(
    first: str, second: str, expected: bool
) -> None:
    """Class: one report names the county, another the town in it (GVC's "Glen Flora" and "Rusk County",
    "Lakeland" and "Polk County"); identity's town feature counts them as neither agreeing nor apart
    (`candidate_features`), where it counted two towns."""
    assert _one_in_the_other(first, second) is expected
