from __future__ import annotations

import pytest

from tidings.extract.size import MAX_COUNT, MAX_PEOPLE, parse_count, parse_number


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


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("3.5", 3),  # parse_number cuts a fraction to its whole part (totals compare whole numbers)
        ("1.1 million", 1_100_000),
        ("2.3 million", 2_300_000),  # exact: a float would make it 2,299,999
        ("99999999999999999999", None),  # above 10^18: no number, no overflow
        ("9" * 400, None),  # no float infinity
        ("hundred " * 20, None),
    ],
)
def test_parse_number_is_exact_and_bounded(words: str, value: int | None) -> None:
    assert parse_number(words) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("0.5", None),
        ("3.14159", None),
        ("2.5 million", 2_500_000),
        ("1.5 dozen", 18),
        ("40", 40),
        ("zero", 0),
    ],
)
def test_parse_count_takes_whole_numbers_only(words: str, value: int | None) -> None:
    assert parse_count(words) == value


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("Rebels killed 99999999999999999999 soldiers in Donetsk.", None),
        (f"Rebels killed {'9' * 400} soldiers in Donetsk.", None),
        ("Police arrested 0.5 protesters in Minsk.", None),
        ("Rebels attacked 3.14159 tanks near Kharkiv.", None),
        ("Rebels attacked 3 tanks near Kharkiv.", (3, "tank", "3 tanks")),
        ("Rebels killed 2,000,000,000 civilians in the north.", None),  # above MAX_PEOPLE
        ("Police arrested 40 protesters in Minsk.", (40, "people", "40 protesters")),
        ("Rebels killed 2,000 civilians in the north.", (2000, "people", "2,000 civilians")),
        (
            "The United States sent 2.5 million dollars to Kenya.",
            (2_500_000, "dollar", "2.5 million dollars"),
        ),
    ],
)
def test_a_size_is_a_whole_number_a_report_can_state(
    run, text: str, size: tuple[int, str, str] | None
) -> None:
    events = run(text).events
    assert events, text
    found = events[0].size
    assert (found.count, found.unit, found.text) == size if found else size is None
    if found is not None:
        assert found.count <= (MAX_PEOPLE if found.unit == "people" else MAX_COUNT)
        assert found.span is not None and text[found.span[0] : found.span[1]] == found.text


def test_a_number_after_its_noun_is_no_size(run) -> None:
    text = "New Zealand donated USD1 million to the World Food Program on March 26."
    assert all(e.size is None for e in run(text).events)
