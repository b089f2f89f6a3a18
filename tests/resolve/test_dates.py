"""Unit tests for the time-expression finder and TIMEX3 normaliser."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.resolve.dates import TimeMention, find_time_expressions, normalize_time, to_date

SAT = dt.date(2025, 12, 13)  # a Saturday
D98 = dt.date(1998, 8, 10)  # a Monday


@pytest.mark.parametrize(
    ("expression", "anchor", "tense", "expected"),
    [
        ("Saturday", SAT, "past", "2025-12-13"),  # a story dated Saturday: "delivered on Saturday"
        ("Saturday", D98, "past", "1998-08-08"),
        ("Saturday", D98, "future", "1998-08-15"),
        ("Monday", D98, "future", "1998-08-10"),
        ("last Saturday", D98, "past", "1998-08-08"),
        ("last Monday", D98, "past", "1998-08-03"),
        ("next Friday", D98, "past", "1998-08-14"),
        ("yesterday", D98, "past", "1998-08-09"),
        ("today", D98, "past", "1998-08-10"),
        ("tomorrow", D98, "past", "1998-08-11"),
        ("last week", D98, "past", "1998-W32"),
        ("this week", D98, "past", "1998-W33"),
        ("this month", D98, "past", "1998-08"),
        ("next month", D98, "past", "1998-09"),
        ("last month", dt.date(1998, 1, 8), "past", "1997-12"),
        ("last year", D98, "past", "1997"),
        ("this year", D98, "past", "1998"),
        ("earlier this year", D98, "past", "1998"),
        ("earlier this month", D98, "past", "1998-08"),
        ("two years ago", D98, "past", "1996"),
        ("two weeks ago", D98, "past", "1998-07-27"),
        ("five months ago", D98, "past", "1998-03"),
        ("a few years ago", D98, "past", "PAST_REF"),
        ("on December 12", SAT, "past", "2025-12-12"),
        ("December 12", dt.date(2026, 1, 5), "past", "2025-12-12"),
        ("Dec. 15", dt.date(1989, 10, 26), "past", "1989-12-15"),  # a near date named in a past report
        ("Jan. 31", dt.date(1989, 10, 31), "past", "1989-01-31"),
        ("Jan. 2", dt.date(1989, 11, 2), "future", "1990-01-02"),
        ("on December 12, 2025", None, "past", "2025-12-12"),
        ("Dec. 12, 2025", None, "past", "2025-12-12"),
        ("12 December 2025", None, "past", "2025-12-12"),
        ("2025-12-12", None, "past", "2025-12-12"),
        ("Saturday, April 25", dt.date(1998, 4, 24), "past", "1998-04-25"),
        ("mid-December", SAT, "past", "2025-12"),
        ("October", dt.date(1998, 1, 8), "past", "1997-10"),
        ("January", dt.date(1989, 10, 26), "future", "1990-01"),
        ("June last year", dt.date(1998, 2, 19), "past", "1997-06"),
        ("August 1988", None, "past", "1988-08"),
        ("in 1998", None, "past", "1998"),
        ("fiscal 1989", None, "past", "1989"),
        ("nineteen ninety-six", None, "past", "1996"),
        ("the year two thousand", None, "past", "2000"),
        ("the 1990s", None, "past", "199"),
        ("the late 1970s", None, "past", "197"),
        ("the nineties", dt.date(1998, 3, 3), "past", "199"),
        ("the 20th century", None, "past", "19"),
        ("the third quarter", D98, "past", "1998-Q3"),
        ("third-quarter", dt.date(1989, 10, 26), "past", "1989-Q3"),
        ("the fourth quarter", dt.date(1998, 1, 26), "past", "1997-Q4"),
        ("the third quarter of 1990", None, "past", "1990-Q3"),
        ("the latest quarter", dt.date(1989, 10, 26), "past", "1989-Q3"),
        ("the year-earlier quarter", dt.date(1989, 10, 26), "past", "1988-Q3"),
        ("the last half of 1989", None, "past", "1989-H2"),
        ("this summer", D98, "past", "1998-SU"),
        ("last fall", dt.date(1998, 2, 6), "past", "1997-FA"),
        ("the winter of nineteen ninety-four", None, "past", "1994-WI"),
        ("the weekend", dt.date(1990, 8, 13), "past", "1990-W32-WE"),
        ("now", D98, "past", "PRESENT_REF"),
        ("currently", D98, "past", "PRESENT_REF"),
        ("recently", D98, "past", "PAST_REF"),
        ("the future", D98, "past", "FUTURE_REF"),
        ("three years", D98, "past", "P3Y"),
        ("a week", D98, "past", "P1W"),
        ("the past three months", D98, "past", "P3M"),
        ("several years", D98, "past", "PXY"),
        ("two-hour", D98, "past", "PT2H"),
        ("every month", D98, "past", "P1M"),
        ("last night", D98, "past", "1998-08-09TNI"),
        ("this morning", D98, "past", "1998-08-10TMO"),
    ],
)
def test_normalize_time(expression: str, anchor: dt.date | None, tense: str, expected: str) -> None:
    assert normalize_time(expression, anchor, tense) == expected


@pytest.mark.parametrize(
    "expression", ["yesterday", "last week", "Saturday", "December 12", "two years ago", "this summer"]
)
def test_relative_expressions_need_an_anchor(expression: str) -> None:
    assert normalize_time(expression, None) is None


@pytest.mark.parametrize("expression", ["the protesters", "123 people", "prices fall", ""])
def test_not_time_expressions(expression: str) -> None:
    assert normalize_time(expression, D98) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The announcement, delivered on Saturday, came two weeks ago in effect.",
            [("Saturday", "DATE", "2025-12-13"), ("two weeks ago", "DATE", "2025-11-29")],
        ),
        (
            "Police said 123 people and the 33 individuals were held in 1998 for three years.",
            [("1998", "DATE", "1998"), ("three years", "DURATION", "P3Y")],
        ),
        (
            "Talks began last Saturday and resumed on December 12, 2025, earlier this month.",
            [
                ("last Saturday", "DATE", "2025-12-06"),
                ("December 12, 2025", "DATE", "2025-12-12"),
                ("earlier this month", "DATE", "2025-12"),
            ],
        ),
        ("Some 2000 troops may arrive in May.", [("May", "DATE", "2025-05")]),
        (
            "Profit rose in the third quarter from a year earlier.",
            [("the third quarter", "DATE", "2025-Q3"), ("a year earlier", "DATE", "2024-Q3")],
        ),
    ],
)
def test_find_time_expressions(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = find_time_expressions(text, SAT)
    assert [(m.text, m.kind, m.value) for m in found] == expected
    for mention in found:
        assert text[mention.span[0] : mention.span[1]] == mention.text


def test_mentions_do_not_overlap_and_are_in_order() -> None:
    text = "On Saturday, April 25 and last week and the third quarter of 1990 and 10 p.m. Wednesday."
    found = find_time_expressions(text, dt.date(1998, 4, 24))
    ends = [0] + [m.span[1] for m in found]
    assert all(m.span[0] >= end for m, end in zip(found, ends, strict=False))
    assert all(isinstance(m, TimeMention) for m in found)


def test_without_anchor_absolute_dates_still_resolve() -> None:
    found = find_time_expressions("It happened yesterday, not on Dec. 12, 2025.", None)
    assert [(m.text, m.value) for m in found] == [("yesterday", None), ("Dec. 12, 2025", "2025-12-12")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1998-08-08", dt.date(1998, 8, 8)),
        ("1998-08-08TNI", dt.date(1998, 8, 8)),
        ("1998-08", None),
        ("1998-W32", None),
        ("PRESENT_REF", None),
        ("1998-02-30", None),
    ],
)
def test_to_date(value: str, expected: dt.date | None) -> None:
    assert to_date(value) == expected


# A time zone after a clock time is written in capitals ("7 p.m. EDT"): a word after the clock that only
# looks like one in lower case ("Sept", "Oct", "last", "that") is not one, and keeps its own meaning.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It happened about 11:20 p.m. Sept. 19 at a residence.",
            [("11:20 p.m.", "TIME", "2016-09-19T23:20"), ("Sept. 19", "DATE", "2016-09-19")],
        ),
        (
            "shot at 9 p.m. last night",
            [("9 p.m.", "TIME", "2016-09-21T21:00"), ("last night", "TIME", "2016-09-21TNI")],
        ),
        ("at 2 p.m. that day", [("2 p.m.", "TIME", "2016-09-22T14:00"), ("that day", "DATE", "2016-09-22")]),
        # counter-examples: a zone is still part of the time
        (
            "at 7 p.m. EDT Friday",
            [("7 p.m. EDT", "TIME", "2016-09-16T19:00"), ("Friday", "DATE", "2016-09-16")],
        ),
        ("at 7 pm PT.", [("7 pm PT", "TIME", "2016-09-22T19:00")]),
    ],
)
def test_a_time_zone_is_written_in_capitals(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = find_time_expressions(text, dt.date(2016, 9, 22))
    assert [(m.text, m.kind, m.value) for m in found] == expected


# A clock time written beside a day is a time of that day, not of the day the text is read as of.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("officers arrived around 11:30 p.m. Wednesday.", "2016-09-21T23:30"),
        ("It happened about 11:20 p.m. Sept. 19 at a residence.", "2016-09-19T23:20"),
        ("Saturday at 11:15 p.m. someone opened fire.", "2016-09-17T23:15"),
        ("Police were called at 10 p.m. Friday night.", "2016-09-16T22:00"),
        # counter-examples: a clock time with no day beside it is of the day the text is read as of
        ("Posted: 02:23 PM", "2016-09-22T14:23"),
        ("The shooting happened at 3:30 a.m. at the home, after Monday's meeting.", "2016-09-22T03:30"),
    ],
)
def test_a_clock_time_beside_a_day_is_of_that_day(text: str, expected: str) -> None:
    found = find_time_expressions(text, dt.date(2016, 9, 22))
    clocks = [m for m in found if m.kind == "TIME" and m.value and m.value[11:12].isdigit()]
    assert clocks[0].value == expected


@pytest.mark.parametrize(
    "text",
    [
        "On 0001-01-02 they met. Three weeks earlier they left.",
        "On 0001-01-05 they met; the previous Friday they left.",
        "On 9999-12-31 they met. The following week they left.",
        "On 0001-01-01 they met. The previous week they left. The next month.",
        "In the first quarter of 9999. The next quarter.",
        "They met on 27 September.",
    ],
)
@pytest.mark.parametrize("anchor", [dt.date(2024, 3, 6), dt.date(9999, 12, 30), dt.date(1, 1, 2)])
def test_a_date_at_the_calendars_ends_anchors_nothing(text: str, anchor: dt.date) -> None:
    # fuzzing found "9999-12-09" in a text: stepping from it fell off Python's calendar (OverflowError)
    for mention in find_time_expressions(text, anchor):
        assert mention.value is None or not mention.value.startswith(("0000", "10000", "-"))


def test_a_date_at_the_calendars_ends_leaves_other_dates_alone() -> None:
    found = find_time_expressions("On March 3, 2024 they met. The next day they left.", dt.date(2024, 3, 6))
    assert [m.value for m in found] == ["2024-03-03", "2024-03-04"]
    assert normalize_time("next week", dt.date(9999, 12, 30), "future") is None  # no anchor to step from
    assert normalize_time("next week", dt.date(2024, 3, 6), "future") == "2024-W11"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weekday of a month the nearest such weekday is not in: a day of that month the text leaves open
        ("The shot rang out on a rainy Friday afternoon in mid-July.", None),
        ("He was killed last Friday in March.", None),
        # counter-examples: the nearest weekday lies in the month named; a place after "in"
        ("He was killed on Friday in December.", "2025-12-12"),
        ("He was killed on Friday in Paris.", "2025-12-12"),
    ],
)
def test_a_weekday_of_another_month_is_not_the_nearest(text: str, expected: str | None) -> None:
    """Class: "Friday in mid-July" in a report of late August is a Friday of July (GVC's follow-up of a
    July shooting was dated the Friday before its publication)."""
    found = [m for m in find_time_expressions(text, SAT) if "Friday" in m.text]
    assert [m.value and m.value[:10] for m in found] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a web page's time stamp writes the short month without its point: with its day and year it is a date
        ("Posted on Thu Jun 13, 2013 08:45 AM PDT", [("Jun 13, 2013", "2013-06-13")]),
        ("Posted: Jul 07, 2012 7:40 PM ET", [("Jul 07, 2012", "2012-07-07")]),
        ("Friday, Sep 10, 2010 | Updated", [("Friday, Sep 10, 2010", "2010-09-10")]),
        ("Apr 12, 2007", [("Apr 12, 2007", "2007-04-12")]),
        ("It closed on Mar 31, 2020.", [("Mar 31, 2020", "2020-03-31")]),
    ],
)
def test_a_short_month_with_its_day_and_year_is_a_date(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_time_expressions(text, None)
    assert [(m.text, m.value) for m in found if m.kind == "DATE"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jun Li said the talks would go on.",  # a given name
        "The march reached Mar del Plata.",  # a town's name
        "Jun 13 was the day, she said.",  # without its year the short form stays a name
    ],
)
def test_a_short_month_alone_is_no_date(text: str) -> None:
    assert [m for m in find_time_expressions(text, None) if m.kind == "DATE"] == []
