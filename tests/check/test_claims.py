"""Titles and administrations checked against the knowledge base, as of the article's date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tidings.check.claims import ClaimFlag, attach_claim_flags, check_claims, title_mentions
from tidings.nlp import parse_articles
from tidings.pipeline import Extractor
from tidings.records import Article, ParsedArticle

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "belarus-pardon.txt"


@pytest.fixture(scope="module")
def check(extractor: Extractor):
    def _check(text: str, published: date | None) -> tuple[ClaimFlag, ...]:
        return check_claims(_parse(extractor, text, published), extractor.kb)

    return _check


def _parse(extractor: Extractor, text: str, published: date | None) -> ParsedArticle:
    return next(parse_articles([Article(id="t", text=text, published=published)], extractor.nlp))


@pytest.mark.parametrize(
    ("text", "published", "flagged", "says"),
    [
        # 2019: Trump in office
        ("President Trump met Kim Jong Un in Hanoi.", date(2019, 2, 28), None, None),
        (
            "Former President Trump criticised the ruling.",
            date(2019, 2, 28),
            "Former President Trump",
            "since 2017-01-20",
        ),
        # 2022: Trump out of office, Biden in
        (
            "President Trump said the election was stolen.",
            date(2022, 6, 1),
            "President Trump",
            "left that office on 2021-01-20",
        ),
        ("Former U.S. President Donald Trump spoke in Ohio.", date(2022, 6, 1), None, None),
        ("In 2018, President Trump withdrew from the Iran deal.", date(2022, 6, 1), None, None),
        ("then-President Trump signed the order.", date(2022, 6, 1), None, None),
        ("President Biden announced new sanctions.", date(2022, 6, 1), None, None),
        # 2025: Trump back in office
        (
            "President Biden announced new sanctions.",
            date(2025, 6, 1),
            "President Biden",
            "left that office on 2025-01-20",
        ),
        ("President Trump announced new tariffs.", date(2025, 6, 1), None, None),
        (
            "The Biden administration says it will lift the sanctions.",
            date(2025, 6, 1),
            "The Biden administration",
            "term as President ended on 2025-01-20; Donald Trump held that office",
        ),
        ("The sanctions were imposed by the Biden administration in 2021.", date(2025, 6, 1), None, None),
        # other countries and titles
        ("Prime Minister Boris Johnson resigned.", date(2022, 7, 7), None, None),
        (
            "Prime Minister Boris Johnson visited Kyiv.",
            date(2023, 7, 7),
            "Prime Minister Boris Johnson",
            "2022-09-06",
        ),
        (
            "President Netanyahu addressed the Knesset.",
            date(2023, 6, 1),
            "President Netanyahu",
            "no such office",
        ),
        ("Russian President Vladimir Putin met Chinese President Xi Jinping.", date(2024, 7, 7), None, None),
        (
            "Russian President Vladimir Putin spoke.",
            date(2010, 7, 7),
            "Russian President Vladimir Putin",
            "2008-05-07",
        ),
        ("The Belarusian leader Alexander Lukashenko pardoned 20 people.", date(2024, 7, 7), None, None),
        # no date, no claim to check
        ("Former President Trump criticised the ruling.", None, None, None),
    ],
)
def test_titles_at_the_article_date(check, text: str, published: date | None, flagged, says) -> None:
    flags = check(text, published)
    if flagged is None:
        assert flags == (), [f.flag.message for f in flags]
        return
    assert len(flags) == 1, [f.flag.message for f in flags]
    start, end = flags[0].span
    assert text[start:end] == flagged
    assert flags[0].flag.kind == "title_inconsistent"
    assert says in flags[0].flag.message


def test_flagship_article(check) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    flags = check(text, date(2025, 12, 13))
    found = {text[f.span[0] : f.span[1]]: f.flag.message for f in flags}
    assert found == {
        "former U.S. President Donald Trump": (
            "Donald Trump is called former U.S. President, but held that office on 2025-12-13"
            " (since 2025-01-20)"
        ),
        "the Biden administration": (
            "the Biden administration is presented as the current United States administration, but Joe "
            "Biden's term as President ended on 2025-01-20; Donald Trump held that office on 2025-12-13"
        ),
    }


def test_flagship_article_in_2022_has_nothing_to_flag(check) -> None:
    # Under Biden, "former President Trump" and "the Biden administration" are both right.
    assert check(EXAMPLE.read_text(encoding="utf-8"), date(2022, 6, 1)) == ()


def test_title_mentions_name_the_country_and_office(extractor: Extractor) -> None:
    parsed = _parse(extractor, "Belarusian President Alexander Lukashenko met Prime Minister Modi.", None)
    found = [(m.text, m.country, sorted(m.offices), m.former) for m in title_mentions(parsed, extractor.kb)]
    assert found == [
        ("Belarusian President Alexander Lukashenko", "BLR", ["head_of_state"], False),
        ("Prime Minister Modi", None, ["head_of_government"], False),
    ]


def test_flags_go_to_the_events_of_their_sentence(run, extractor: Extractor) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    published = date(2025, 12, 13)
    result = run(text, published=published, article_id="belarus-pardon")
    claims = check_claims(_parse(extractor, text, published), extractor.kb)
    events = attach_claim_flags(result.events, claims)
    flagged = {
        e.evidence.trigger: [f.message for f in e.flags if f.kind == "title_inconsistent"] for e in events
    }
    assert any("Donald Trump is called former U.S. President" in m for m in flagged["releasing"])
    assert any("the Biden administration is presented" in m for m in flagged["sanctions"])
    assert not flagged["condemned"]
    assert attach_claim_flags(events, claims) == events  # attaching twice adds nothing
