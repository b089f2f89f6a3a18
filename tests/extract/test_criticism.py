"""Criticism told as what someone said (extract/criticism.py), on sentences written for the test: the
class it covers, and the neighbours it must leave alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tidings.pipeline import Extractor, extract_articles
from tidings.records import Article, ArticleResult

PUBLISHED = date(2025, 12, 13)


@pytest.fixture(scope="module")
def run(extractor: Extractor):
    rules = replace(extractor, judge=None)

    def _run(text: str) -> ArticleResult:
        return next(extract_articles([Article(id="t", text=text, published=PUBLISHED)], rules))

    return _run


def _criticism(result: ArticleResult) -> list[tuple[list[str], list[str]]]:
    return [
        ([a.text for a in e.actors], [r.text for r in e.recipients])
        for e in result.events
        if e.rule == "criticism.said"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"The governor is a liar," the senator said.', [(["the senator"], ["The governor"])]),
        (
            "The senator said the administration had mishandled the crisis.",
            [(["The senator"], ["the administration"])],
        ),
        ("The opposition called the president a liar.", [(["The opposition"], ["the president"])]),
        ('The mayor called the minister "a reckless, dishonest man."', [(["The mayor"], ["the minister"])]),
        (
            "The senator said the government's failures had cost lives.",
            [(["The senator"], ["the government's"])],
        ),
    ],
)
def test_words_that_judge_a_party_badly_are_criticism(run, text: str, expected) -> None:
    assert _criticism(run(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"I was wrong," the minister said.',  # the speaker on himself: an admission
        '"The weather was terrible," the mayor said.',  # no party judged
        "The minister said the economy is weak.",
        "The senator said the president is not a dictator.",  # a judgement denied
        "He said it would be a disaster if the bill failed.",  # only supposed
        "The senator said he had been wrong to back the bill.",  # "he" is most often the speaker
        "The report shows that the minister was careless.",  # a text does not speak
        "The spokesman said China would resist the administration's threats.",  # a threat made, not a fault
        "Green said that persuading voters to say the governor is corrupt is hard.",  # the voters say it
        "Police said they arrested two men who were dangerous.",  # the act said is coded, not the saying
    ],
)
def test_what_is_not_criticism(run, text: str) -> None:
    assert _criticism(run(text)) == []


def _blame(result: ArticleResult) -> list[tuple[list[str], list[str]]]:
    return [
        ([a.text for a in e.actors], [r.text for r in e.recipients])
        for e in result.events
        if e.rule == "blame.said"
    ]


def test_who_is_said_to_be_behind_an_attack_is_accused(run) -> None:
    result = run("Officials said the rebel group was responsible for the bombing of the market.")
    assert _blame(result) == [(["Officials"], ["the rebel group"])]
    bombing = next(e for e in result.events if e.event_type == "ASSAULT")
    assert [a.text for a in bombing.actors] == ["the rebel group"]  # the act is told with its doer
    assert _blame(run("Police said Hamas was behind the attack.")) == [(["Police"], ["Hamas"])]


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the agency was responsible for the reforms.",  # no act of harm
        "Police said the gang was not behind the attack.",  # denied
        "He said it would be responsible for any attack.",  # only supposed, and "it" is no party
    ],
)
def test_what_is_no_blame(run, text: str) -> None:
    assert _blame(run(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The analysis shows that Russia was responsible for the attack.",  # a text does not speak
        "An expert said he saw no evidence that the government was behind the hack.",  # denied on the way
        "An expert said he did not think the minister was corrupt.",
    ],
)
def test_no_speaker_or_a_denial_on_the_way(run, text: str) -> None:
    result = run(text)
    assert _blame(result) == [] and _criticism(result) == []


def _praise(result: ArticleResult) -> list[tuple[list[str], list[str]]]:
    return [
        ([a.text for a in e.actors], [r.text for r in e.recipients])
        for e in result.events
        if e.rule == "praise.said"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The senator affirmed that he likes the governor.", [(["The senator"], ["the governor"])]),
        ('"She is a great leader," the senator said of the governor.', [(["the senator"], ["She"])]),
        ('"The governor is a hero," the mayor said.', [(["the mayor"], ["The governor"])]),
    ],
)
def test_words_that_approve_of_a_party_are_praise(run, text: str, expected) -> None:
    assert _praise(run(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"I like the idea," the senator said.',  # no party
        "The senator said voters like the governor.",  # not the speaker's own liking
        '"He is a man," the senator said.',  # no approving word
        '"I do not like him," the senator said.',  # denied
    ],
)
def test_what_is_not_praise(run, text: str) -> None:
    assert _praise(run(text)) == []


def _denial(result: ArticleResult) -> list[tuple[str, list[str], list[str]]]:
    return [
        (e.event_type, [a.text for a in e.actors], [r.text for r in e.recipients])
        for e in result.events
        if e.rule == "denial.said"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # class: an allegation the speaker calls untrue is a denial (REJECT), aimed at who made it if named
        ("The ministry said the allegations were baseless.", [("REJECT", ["The ministry"], [])]),
        ("The lawyer says the claims against his client are ridiculous.", [("REJECT", ["The lawyer"], [])]),
        ("The government called the report false.", [("REJECT", ["The government"], [])]),
        (
            "The spokeswoman said the senator's claim that the governor backs the plan is simply not true.",
            [("REJECT", ["The spokeswoman"], ["the senator's"])],
        ),
        ('"The accusations are a lie," the mayor said.', [("REJECT", ["the mayor"], [])]),
    ],
)
def test_an_allegation_called_untrue_is_a_denial(run, text: str, expected) -> None:
    result = run(text)
    assert _denial(result) == expected
    assert _criticism(result) == []  # a denial, not criticism of the claim


@pytest.mark.parametrize(
    "text",
    [
        "The court said the allegations were serious.",  # no word of untruth
        "The minister said the claims would be false if the law changed.",  # only supposed
        "The minister said the claims were not baseless.",  # untruth denied
        "The minister said he did not believe the claims were false.",  # a denial on the way
        "The senator said the weather was wrong for a picnic.",  # no allegation
    ],
)
def test_what_is_no_denial(run, text: str) -> None:
    assert _denial(run(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # class: a merit said to be lacking is a fault ("not fit", "not qualified", "not honest")
        ("The senator said the governor isn't fit to be governor.", [(["The senator"], ["the governor"])]),
        ('"He is not qualified to be president," the senator said.', [(["the senator"], ["He"])]),
    ],
)
def test_a_merit_denied_is_criticism(run, text: str, expected) -> None:
    assert _criticism(run(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The senator said the governor is qualified.",  # a merit granted
        "The senator said he did not think the governor was qualified.",  # a denial on the way
        "The senator said the governor would not be fit to serve if he lost the vote.",  # only supposed
    ],
)
def test_a_merit_not_denied_is_no_criticism(run, text: str) -> None:
    assert _criticism(run(text)) == []
