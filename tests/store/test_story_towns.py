"""Whether two reports tell of one town, as identity compares them (tidings.store.stories)."""

from __future__ import annotations

import pytest

from tidings.store.stories import _one_town


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # the same name, one read in a region its report does not name (the gazetteer's guess): one town
        ("Naples|Campania|ITA|guessed", "Naples|Florida|USA|named", True),
        ("Cleveland|Ohio|USA|guessed", "Cleveland|Tennessee|USA|guessed", True),
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
