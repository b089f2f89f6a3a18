"""A story's place from its reports' places: a county gives way to a town of its state."""

from __future__ import annotations

import pytest

from tidings.store.story_query import story_place


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
    ],
)
def test_story_place(
    ranked: list[tuple[str, str | None, str | None]], expected: tuple[str, str | None, str | None]
) -> None:
    assert story_place(ranked) == expected
