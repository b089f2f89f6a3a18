"""The tense a time expression is read in (`extract.times.time_tense`): an infinitive under a word of
plans lies ahead; a participle clause takes the time of the clause it hangs from. Each rule with the
counter-examples it must leave alone."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.extract.times import story_times
from tidings.nlp import parse_articles
from tidings.pipeline import Extractor
from tidings.records import Article

THU = dt.date(1989, 11, 2)
FRI = dt.date(1989, 10, 27)
MON = dt.date(1989, 10, 30)


def _times(extractor: Extractor, text: str, published: dt.date) -> list[tuple[str, str | None]]:
    parsed = next(parse_articles([Article(id="t", text=text, published=published)], extractor.nlp))
    return [(m.text, m.value) for ms in story_times(parsed.sentences, published) for m in ms]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # an infinitive under a word of plans or schedules lies ahead
        ("The sale is scheduled to close Monday.", THU, [("Monday", "1989-11-06")]),
        ("Shares are to resume trading in Paris Tuesday.", FRI, [("Tuesday", "1989-10-31")]),
        ("The company agreed to purchase the line in February.", MON, [("February", "1990-02")]),
        # counter-examples: the plan's own time, and an infinitive under other words, stay in the past
        ("The company agreed to the purchase on Monday.", THU, [("Monday", "1989-10-30")]),
        ("Two bidders extended their offers to acquire the maker Friday.", MON, [("Friday", "1989-10-27")]),
        ("Troops moved to retake the town on Sunday.", THU, [("Sunday", "1989-10-29")]),
        # a participle clause takes the time of its clause
        ("Stocks rose, leaving the index near its record high set on Aug. 6.", dt.date(1998, 2, 6),
         [("Aug. 6", "1997-08-06")]),
        ("He will fly to Cairo on Saturday, arriving Tuesday.", THU,
         [("Saturday", "1989-11-04"), ("Tuesday", "1989-11-07")]),
    ],
)  # fmt: skip
def test_time_tense(extractor: Extractor, text: str, published: dt.date, expected: list) -> None:
    assert _times(extractor, text, published) == expected


def test_an_anaphoric_expression_follows_the_dates_as_read_in_their_own_tense(extractor: Extractor) -> None:
    # "March" is read in the past; "The following month" (in a present-tense clause) is the April after it
    text = "In March the firm got an offer, and the following month it puts itself up for sale."
    assert _times(extractor, text, FRI) == [("March", "1989-03"), ("the following month", "1989-04")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # class: a gerund after a preposition, or an "-ing" word used as one, has no tense: its time is read
        # in the tense of the clause it hangs from ("accused": done), not as the nearest such day
        (
            "Police say they arrested a man accused of fatally shooting his nephew following an argument on"
            " Friday afternoon.",
            [("Friday afternoon", "1989-10-27TAF")],
        ),
        (
            "Gonzalez is accused of fatally shooting a woman at a hiking trail on Sunday.",
            [("Sunday", "1989-10-29")],
        ),
        # counter-example: "-ing" with its own auxiliary keeps its tense (and a participle that modifies a
        # noun, below)
        ("The two leaders are meeting on Sunday.", [("Sunday", "1989-11-05")]),
    ],
)
def test_a_gerund_takes_the_tense_of_its_clause(extractor: Extractor, text: str, expected: list) -> None:
    assert _times(extractor, text, THU) == expected


def test_a_participle_that_modifies_a_noun_keeps_its_own_tense(extractor: Extractor) -> None:
    text = "All signs pointed to Obama endorsing Clinton on Thursday after he meets Sanders."
    assert _times(extractor, text, dt.date(2016, 6, 8)) == [("Thursday", "2016-06-09")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a conjoined verb with no tense of its own shares the first verb's: the modal's future here
        ("The inquiry could drag on and not be completed by the Nov. 8 election.", dt.date(2016, 4, 15),
         [("Nov. 8", "2016-11-08")]),
        # counter-example: a conjoined verb in the past tense keeps it
        ("He will speak today and spoke on Nov. 8 too.", dt.date(2016, 4, 15), [("today", "2016-04-15"),
         ("Nov. 8", "2015-11-08")]),
    ],
)  # fmt: skip
def test_conjoined_verbs(extractor: Extractor, text: str, published: dt.date, expected: list) -> None:
    assert _times(extractor, text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a modal of possibility puts what may happen ahead
        ("Shares may resume trading Tuesday.", [("Tuesday", "1989-10-31")]),
        # counter-examples: a perfect "have", or "could not" (was not able), stay in the past
        ("He could have voted Tuesday.", [("Tuesday", "1989-10-24")]),
        ("He could not attend on Tuesday.", [("Tuesday", "1989-10-24")]),
    ],
)
def test_modals_of_possibility(extractor: Extractor, text: str, expected: list) -> None:
    assert _times(extractor, text, FRI) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a time that a word of schedules modifies lies ahead, whatever the clause's tense
        ("The filings due Sunday night showed gains.", [("Sunday night", "1989-10-29TNI")]),
        ("The vote scheduled for Tuesday was postponed.", [("Tuesday", "1989-10-31")]),
        # counter-example: a participle that is no schedule stays in the past
        ("The record set on Tuesday was broken.", [("Tuesday", "1989-10-24")]),
    ],
)
def test_scheduled_times(extractor: Extractor, text: str, expected: list) -> None:
    assert _times(extractor, text, FRI) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a plan told in the past may have come true before the story: the nearest such day
        ("As Trump prepared to speak on Tuesday, a girl was hurt.", dt.date(2016, 3, 30),
         [("Tuesday", "2016-03-29")]),
        # a weekday's possessive dates its noun: the nearest such day, not the future verb's
        ("He said Monday's decision will reverberate.", dt.date(2016, 6, 28), [("Monday", "2016-06-27")]),
        # counter-example: a weekday that dates the future verb itself is ahead
        ("The court will decide on Monday.", dt.date(2016, 6, 28), [("Monday", "2016-07-04")]),
    ],
)  # fmt: skip
def test_past_plans_and_possessive_weekdays(
    extractor: Extractor, text: str, published: dt.date, expected: list
) -> None:
    assert _times(extractor, text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a schedule in the present passive lies ahead; in the past passive it is the nearest such day
        ("A service is planned Friday in Louisville.", dt.date(2016, 6, 5), [("Friday", "2016-06-10")]),
        ("A memorial service was planned for Friday.", dt.date(2016, 6, 5), [("Friday", "2016-06-03")]),
        # a bare participle under a verb takes that verb's time
        ("Voters will have a chance to make their voice known on Tuesday.", dt.date(2016, 3, 10),
         [("Tuesday", "2016-03-15")]),
        # a weekday's possessive is the nearest such day, whatever the verb's tense
        ("They hoped to see her before Monday's caucuses.", dt.date(2016, 1, 31), [("Monday", "2016-02-01")]),
        # a weekday in the subject of a future verb dates the subject: the nearest such day
        ("His address Sunday will be a major test.", dt.date(2015, 12, 7), [("Sunday", "2015-12-06")]),
        # counter-example: a weekday that dates the future verb is ahead
        ("He will address the nation Sunday.", dt.date(2015, 12, 7), [("Sunday", "2015-12-13")]),
    ],
)  # fmt: skip
def test_schedules_participles_and_subjects(
    extractor: Extractor, text: str, published: dt.date, expected: list
) -> None:
    assert _times(extractor, text, published) == expected
