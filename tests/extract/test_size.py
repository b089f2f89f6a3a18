from __future__ import annotations

import pytest

from tidings.extract.size import parse_number


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("123", 123),
        ("5,000", 5000),
        ("twenty-three", 23),
        ("two hundred", 200),
        ("2.5 million", 2_500_000),
        ("one hundred and fifty six", 156),
        ("a dozen", 12),
        ("seven", 7),
        ("several", None),
        ("", None),
    ],
)
def test_parse_number(words: str, value: int | None) -> None:
    assert parse_number(words) == value
