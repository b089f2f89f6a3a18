"""TIMEX3 classes the finder resolves, one table each, with the counter-examples each rule must not fire on:
holidays, anaphoric expressions anchored on the story, decades and centuries, weeks, parts of day."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.resolve.dates import NO_STORY, StoryTime, find_time_expressions, grain_of
from tidings.resolve.timex import easter_sunday, holiday_day, orthodox_easter

TUE = dt.date(2024, 12, 10)  # a Tuesday
D98 = dt.date(1998, 8, 10)  # a Monday


def _values(text: str, anchor: dt.date | None, tense: str = "past", story: StoryTime = NO_STORY):
    return [(m.text, m.value) for m in find_time_expressions(text, anchor, tense, story)]


@pytest.mark.parametrize(
    ("year", "western", "orthodox"),
    [
        (1998, dt.date(1998, 4, 12), dt.date(1998, 4, 19)),
        (2024, dt.date(2024, 3, 31), dt.date(2024, 5, 5)),
        (2025, dt.date(2025, 4, 20), dt.date(2025, 4, 20)),
        (2038, dt.date(2038, 4, 25), dt.date(2038, 4, 25)),
    ],
)
def test_moveable_feasts_are_computed(year: int, western: dt.date, orthodox: dt.date) -> None:
    assert easter_sunday(year) == western
    assert orthodox_easter(year) == orthodox


@pytest.mark.parametrize(
    ("rule", "year", "day"),
    [
        ("11-thu-4", 2024, dt.date(2024, 11, 28)),  # Thanksgiving
        ("11-thu-4", 2018, dt.date(2018, 11, 22)),
        ("05-mon-last", 2024, dt.date(2024, 5, 27)),  # Memorial Day
        ("09-mon-1", 2025, dt.date(2025, 9, 1)),  # Labor Day
        ("easter-2", 2024, dt.date(2024, 3, 29)),  # Good Friday
        ("12-25", 2024, dt.date(2024, 12, 25)),
        ("11-mon-1+1", 2016, dt.date(2016, 11, 8)),  # US Election Day: the Tuesday after the first Monday
        ("11-mon-1+1", 2015, dt.date(2015, 11, 3)),  # ... not the first Tuesday (Nov. 1, 2016 was one)
        ("11-thu-4+1", 2015, dt.date(2015, 11, 27)),  # Black Friday
    ],
)
def test_holiday_rules(rule: str, year: int, day: dt.date) -> None:
    assert holiday_day(rule, year) == day


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("They marched on Thanksgiving Day.", TUE, "past", [("Thanksgiving Day", "2024-11-28")]),
        ("He will speak on Christmas.", TUE, "future", [("Christmas", "2024-12-25")]),
        ("He spoke on Christmas.", TUE, "past", [("Christmas", "2023-12-25")]),
        ("Talks resume after Easter.", TUE, "future", [("Easter", "2025-04-20")]),
        ("It rained during Easter week.", D98, "past", [("Easter week", "1998-W16")]),
        ("It rained during Holy Week.", D98, "past", [("Holy Week", "1998-W15")]),
        ("They met last Christmas.", dt.date(2025, 3, 1), "past", [("last Christmas", "2024-12-25")]),
        ("Good Friday 1998 brought a deal.", None, "past", [("Good Friday 1998", "1998-04-10")]),
        ("Christmas weekend was calm.", TUE, "past", [("Christmas weekend", "2023-W52-WE")]),
        (
            "Voters will vote on Election Day.",
            dt.date(2016, 9, 1),
            "future",
            [("Election Day", "2016-11-08")],
        ),
    ],
)
def test_holidays(text: str, anchor: dt.date | None, tense: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, anchor, tense) == expected


@pytest.mark.parametrize(
    "text",
    [
        "They bought a Christmas tree.",  # a thing named after the feast
        "Ships sailed to Easter Island.",
        "The Easter Rising is remembered.",
        "a prayer of thanksgiving",  # the common noun
        "Children hunted for Easter eggs.",
    ],
)
def test_not_holidays(text: str) -> None:
    assert _values(text, TUE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rebels attacked on Saturday. That same day, police arrived.",
            [("Saturday", "2024-12-07"), ("That same day", "2024-12-07")],
        ),
        (
            "Rebels attacked on Saturday. The next morning, troops arrived.",
            [("Saturday", "2024-12-07"), ("The next morning", "2024-12-08TMO")],
        ),
        (
            "Rebels attacked on Saturday. Earlier that day, troops left.",
            [("Saturday", "2024-12-07"), ("Earlier that day", "2024-12-07")],
        ),
        (
            "The deal was signed on March 3, 1995. The following week, it collapsed.",
            [("March 3, 1995", "1995-03-03"), ("The following week", "1995-W10")],
        ),
        (
            "In 1995 prices fell. The following year, they rose.",
            [("1995", "1995"), ("The following year", "1996")],
        ),
        (
            "They met on June 2, 2001. The day before, talks had failed.",
            [("June 2, 2001", "2001-06-02"), ("The day before", "2001-06-01")],
        ),
        (
            "In May 2001 the rebels split. The following month, they",
            [("May 2001", "2001-05"), ("The following month", "2001-06")],
        ),
        (
            "The vote was on Oct. 25, 2024. The previous Friday, talks failed.",
            [("Oct. 25, 2024", "2024-10-25"), ("The previous Friday", "2024-10-18")],
        ),
        (
            "Rebels took the town on March 3, 2024. Three days later, troops retook it.",
            [("March 3, 2024", "2024-03-03"), ("Three days later", "2024-03-06")],
        ),
        # with no date set yet, an anaphoric expression falls back on the publication date
        ("The next day, troops arrived.", [("The next day", "2024-12-11")]),
    ],
)
def test_anaphoric_expressions_take_the_story_date(text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, TUE) == expected


def test_story_dates_carry_across_sentences() -> None:
    first = find_time_expressions("The ceasefire began on Nov. 3, 2019.", TUE)
    story = NO_STORY.after(first)
    assert _values("That same day, shelling resumed.", TUE, story=story) == [("That same day", "2019-11-03")]
    # deictic expressions stay on the publication date whatever the story set
    assert _values("Yesterday, shelling resumed.", TUE, story=story) == [("Yesterday", "2024-12-09")]
    assert _values("Last week, shelling resumed.", TUE, story=story) == [("Last week", "2024-W49")]


def test_a_comparison_sets_no_story_date() -> None:
    text = "Profit rose in the third quarter from a year earlier; sales fell from a year ago."
    assert _values(text, D98) == [
        ("the third quarter", "1998-Q3"),
        ("a year earlier", "1997-Q3"),
        ("a year ago", "1997-Q3"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He said that day would come.",  # no noun of time after the determiner: "that day" is still one,
        "the following years of war",  # plural: a span of years, not one
        "the following month-long siege",  # a compound adjective
    ],
)
def test_anaphoric_counter_examples(text: str) -> None:
    found = {m.text for m in find_time_expressions(text, TUE)}
    if text.startswith("He said"):
        assert found == {"that day"}
    else:
        assert not any(t.lower().startswith("the following") for t in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a decade ago", "201"),
        ("this century", "20"),
        ("the 1990s", "199"),
        ("the late 1970s", "197"),
        ("the 20th century", "19"),
        ("last week", "2024-W49"),
        ("early this week", "2024-W50"),
        ("next week", "2024-W51"),
        ("this year's election", "2024"),
    ],
)
def test_decades_centuries_and_weeks(text: str, expected: str) -> None:
    assert find_time_expressions(text, TUE)[0].value == expected


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Tuesday night", "TIME", "2024-12-10TNI"),
        ("Monday morning", "TIME", "2024-12-09TMO"),
        ("last night", "TIME", "2024-12-09TNI"),
        ("this afternoon", "TIME", "2024-12-10TAF"),
    ],
)
def test_parts_of_day(text: str, kind: str, value: str) -> None:
    found = find_time_expressions(text, TUE)
    assert [(m.kind, m.value) for m in found] == [(kind, value)]


@pytest.mark.parametrize(
    ("value", "grain"),
    [("2024-12-10", "D"), ("2024-12-10TNI", "D"), ("2024-W50", "W"), ("2024-12", "M"), ("2024-Q3", "Q"),
     ("2024-H1", "Q"), ("2024-SU", "S"), ("2024", "Y"), ("199", None), ("PAST_REF", None), ("P3Y", None)],
)  # fmt: skip
def test_grains(value: str, grain: str | None) -> None:
    assert grain_of(value) == grain


NOV = dt.date(1989, 11, 2)  # a Thursday


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        # a month just ahead of the publication date is the coming one, across the year's end too
        ("The deal closes in January.", "past", [("January", "1990-01")]),
        ("The vote was set for December.", "past", [("December", "1989-12")]),
        # counter-examples: further ahead it is the last one; behind, this year's
        ("The plant opened in March.", "past", [("March", "1989-03")]),
        ("Sales fell in October.", "past", [("October", "1989-10")]),
        ("Sales fell in February.", "past", [("February", "1989-02")]),
    ],
)
def test_months_near_the_years_end(text: str, tense: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, NOV, tense) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date before a colon is still a date ("in an editorial on Saturday, April 25: ...")
        ("The paper said on Saturday, April 25: the court erred.", [("Saturday, April 25", "1998-04-25")]),
        # counter-example: a clock time after the day is not part of it (it is a time of that day)
        (
            "The talks began April 25 10:30 a.m.",
            [("April 25", "1998-04-25"), ("10:30 a.m.", "1998-04-25T10:30")],
        ),
    ],
)
def test_a_date_before_a_colon(text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, dt.date(1998, 4, 24)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at the then current market price", [("then current", "PAST_REF")]),
        ("at the current market price", [("current", "PRESENT_REF")]),  # counter-example
        ("The plant will close over the next year or so.", [("the next year or so", "1990")]),
        ("The plant will close over the next year or two.", []),  # counter-example: a span, no date
        (
            "He arrived on Feb. 13, 1998, and later in the day he spoke.",
            [("Feb. 13, 1998", "1998-02-13"), ("later in the day", "1998-02-13")],
        ),
        (
            "In 1995 prices fell. Later in the year, they rose.",
            [("1995", "1995"), ("Later in the year", "1995")],
        ),
        ("Trading was thin later in the day's session.", [("later", "FUTURE_REF")]),  # counter-example
    ],
)
def test_vague_and_anchored_phrases(text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, NOV, "future") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the story's quarter (or period) in another year: the year the phrase gives
        (
            "Profit rose in the third quarter from $5 million in the 1988 quarter.",
            [("the third quarter", "1989-Q3"), ("the 1988 quarter", "1988-Q3")],
        ),
        (
            "Sales in the third quarter were $3 million; sales for last year's quarter were $2 million.",
            [("the third quarter", "1989-Q3"), ("last year's quarter", "1988-Q3")],
        ),
        (
            "Net rose in the first half from the corresponding period last year.",
            [("the first half", "1989-H1"), ("the corresponding period last year", "1988-H1")],
        ),
        (
            "Exports rose in September from the same period last year.",
            [("September", "1989-09"), ("the same period last year", "1988-09")],
        ),
        # ... and it is a comparison: "the quarter" after it is still the story's
        (
            "Profit rose in the second quarter, against a loss in the 1988 quarter. The quarter was strong.",
            [("the second quarter", "1989-Q2"), ("the 1988 quarter", "1988-Q2"), ("The quarter", "1989-Q2")],
        ),
        # counter-examples: with no period in the story, the year alone; no "period" without a determiner
        ("Profit rose from the 1988 period.", [("the 1988 period", "1988")]),
        ("In that period he was ill.", []),
        ("The same period saw no rain.", []),
    ],
)
def test_periods_of_other_years(text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, NOV) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quarter or half of a year named by its words or its possessive
        ("Growth slows in the first half of next year.", [("the first half of next year", "1990-H1")]),
        ("in the third quarter of last year", [("the third quarter of last year", "1988-Q3")]),
        ("in 1990's first quarter", [("1990's first quarter", "1990-Q1")]),
        ("1988's budget", [("1988", "1988")]),  # a year's possessive is the year
        ("the 1980's", [("the 1980's", "198")]),  # counter-example: a decade stays one
        # a step from the story's week, month or year
        ("In 1985 prices fell; the year before, they had risen.",
         [("1985", "1985"), ("the year before", "1984")]),
        ("The vote was in May 1981. The month after, riots began.",
         [("May 1981", "1981-05"), ("The month after", "1981-06")]),
        ("the year before last", [("the year", "1989")]),  # counter-example: not a step from the story
        # vague spans of the recent past or near future
        ("Prices rose in recent weeks.", [("recent weeks", "PAST_REF")]),
        ("Talks resume in the coming weeks.", [("the coming weeks", "FUTURE_REF")]),
    ],
)  # fmt: skip
def test_parts_of_named_years_and_steps_from_the_story(text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, NOV) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        # "the past year", "the last decade": the span up to now, a duration (TIMEX3), not a date
        ("Prices rose over the past year.", "past", [("the past year", "DURATION", "P1Y")]),
        ("It grew in the past decade.", "past", [("the past decade", "DURATION", "P1E")]),
        # ... but "the last decade" and "the last century" are the ones before this (counter-examples)
        ("It grew in the last decade.", "past", [("the last decade", "DATE", "197")]),
        ("It was built in the last century.", "past", [("the last century", "DATE", "18")]),
        # counter-examples: "last year", "this past week", "the previous year", "the past weekend" are dates
        ("Prices rose last year.", "past", [("last year", "DATE", "1988")]),
        ("Prices rose this past week.", "past", [("this past week", "DATE", "1989-W43")]),
        ("Prices rose the previous year.", "past", [("the previous year", "DATE", "1988")]),
        ("Riots broke out over the past weekend.", "past", [("the past weekend", "DATE", "1989-W43-WE")]),
        # a vague count of units just past is PAST_REF, like "recent years"; an exact count a duration
        ("Sales fell over the past several quarters.", "past",
         [("the past several quarters", "DATE", "PAST_REF")]),
        ("Rates have fallen in the last few months.", "past", [("the last few months", "DATE", "PAST_REF")]),
        ("Sales fell over the past three quarters.", "past",
         [("the past three quarters", "DURATION", "P3Q")]),
        ("Talks go on over the next few days.", "future", [("the next few days", "DURATION", "PXD")]),
        # "one day" after a modal is some day to come; a day's length otherwise
        ("Islam will one day be the second religion.", "future", [("one day", "DATE", "FUTURE_REF")]),
        ("He stayed for one day.", "past", [("one day", "DURATION", "P1D")]),
        # "later" in a past-tense clause is no time of its own; in a future one it is FUTURE_REF
        ("He was later freed.", "past", []),
        ("He will decide later.", "future", [("later", "DATE", "FUTURE_REF")]),
    ],
)  # fmt: skip
def test_spans_up_to_now_and_vague_references(text: str, tense: str, expected: list) -> None:
    found = find_time_expressions(text, NOV, tense)
    assert [(m.text, m.kind, m.value) for m in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left on 1/15/1989.", [("1/15/1989", "1989-01-15")]),  # only the US order makes a date
        ("He left on 15/1/1989.", [("15/1/1989", "1989-01-15")]),  # only the British order does
        ("He left on 01/12/1989.", [("01/12/1989", None)]),  # both do: two dates, no value
        # counter-examples: fractions, scores and impossible dates are no dates
        ("Three of 3/4 of voters agreed.", []),
        ("The score was 12/7/5.", []),
        ("The code 13/31/1989 is wrong.", []),
    ],
)
def test_numeric_dates(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _values(text, NOV) == expected


DEC = dt.date(2015, 12, 21)
MAR = dt.date(2013, 3, 20)
OCT89 = dt.date(1989, 10, 30)


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        # December opens the next year's winter: the seasons ahead are next year's
        ("Next summer, she will be a big sister.", DEC, "future", [("Next summer", "2016-SU")]),
        ("The child is expected this summer.", DEC, "future", [("this summer", "2016-SU")]),
        # ... and those behind, this year's (counter-examples)
        ("It rained this summer.", DEC, "past", [("this summer", "2015-SU")]),
        ("They met last summer.", DEC, "past", [("last summer", "2015-SU")]),
        # a season told in the past that has not come yet this year is last year's; planned, the next one
        ("Prices rose in the summer.", MAR, "past", [("the summer", "2012-SU")]),
        ("Prices rose in the summer.", OCT89, "past", [("the summer", "1989-SU")]),
        ("The plant opens this fall.", MAR, "future", [("this fall", "2013-FA")]),
        # a bare season is a time after a preposition, not as a noun's modifier
        ("Snow fell in winter.", OCT89, "past", [("winter", "1989-WI")]),
        ("He took summer fishing trips.", OCT89, "past", []),
    ],
)
def test_seasons(text: str, anchor: dt.date, tense: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, anchor, tense) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        # a date after "since" lies behind the writer whatever the clause's tense
        ("She will build on gains since their Oct. 13 debate.", "future", [("Oct. 13", "2015-10-13")]),
        ("Talks will resume on Oct. 13.", "future", [("Oct. 13", "2016-10-13")]),  # counter-example
        # a vague count of units after the story's time is how long after, not a time to come
        ("A few hours later, he left.", "past", [("A few hours later", "PTXH")]),
        ("Three days later, he left.", "past", [("Three days later", "2015-11-16")]),  # counter-example
        ("He will return a few days from now.", "future", [("a few days from now", "FUTURE_REF")]),
    ],
)
def test_since_and_vague_counts_after_the_story(
    text: str, tense: str, expected: list[tuple[str, str]]
) -> None:
    assert _values(text, dt.date(2015, 11, 13), tense) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # a four-digit number before 1500 with no word of time is a count, not a year
        ("Agents looked at Section 1001 of the code.", NOV, []),
        ("Of 1,590 votes, 1128 were for Cruz.", NOV, []),
        ("The Normans came in the year 1066.", NOV, [("the year 1066", "1066")]),  # counter-example
        ("The town was founded in 1642.", NOV, [("1642", "1642")]),  # counter-example
        # "this weekend" late in the week is the coming one even in a past-tense clause
        (
            "That set the stage for a rout this weekend.",
            dt.date(2016, 4, 15),
            [("this weekend", "2016-W15-WE")],
        ),
        ("Protests this weekend drew crowds.", dt.date(2016, 6, 6), [("this weekend", "2016-W22-WE")]),
    ],
)
def test_bare_numbers_and_this_weekend(text: str, anchor: dt.date, expected: list[tuple[str, str]]) -> None:
    assert _values(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a half or quarter of something other than a year is no half or quarter of the year
        ("It is due in the second half of July.", [("July", "1990-07")]),
        ("He scored in the first half of the game.", []),
        ("It grew in the last half of the '80s.", [("the '80s", "198")]),
        # counter-examples: of a year, or a figure after "of"
        ("It grew in the second half of 1988.", [("the second half of 1988", "1988-H2")]),
        ("It lost money in the third quarter of $2 million.", [("the third quarter", "1989-Q3")]),
    ],
)
def test_halves_of_other_things(text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, NOV, "future" if "due" in text else "past") == expected


def test_a_past_step_is_taken_from_a_date_already_come() -> None:
    # "next Tuesday" lies ahead: "A day earlier" (past tense) steps from the rally the story told before it
    story = StoryTime(("2016-03-29", "2016-04-05"))
    wed = dt.date(2016, 3, 30)
    assert _values("A day earlier, six protesters were arrested.", wed, story=story) == [
        ("A day earlier", "2016-03-28")
    ]
    # counter-example: told as what will come, it steps from the date ahead
    assert _values("The next day, they will vote.", wed, "future", story) == [("The next day", "2016-04-06")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a month name after a capitalised word that makes it a name is no month
        ("Theresa May said no.", []),
        ("The NYC Pride March drew crowds.", []),
        # counter-examples: after a capitalised preposition or a weekday it is one
        ("In May, he left.", [("May", "1989-05")]),
        ("Since March, they fought.", [("March", "1989-03")]),
        # names that hold a time word are no time (time_words.json "names")
        ("She told USA TODAY on Monday.", [("Monday", "1989-10-30")]),
        ("The Sunday Times reported it.", []),
    ],
)
def test_names_that_hold_time_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert _values(text, NOV) == expected
