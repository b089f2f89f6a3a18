"""The judging and role passes, each on sentences written for the test (not from any gold set): the class
of text a pass covers, and counter-examples of that class's neighbours that it must leave alone. The
rules alone run here (no event judge), so that each pass is seen by itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tidings.extract.events import code_article
from tidings.nlp import parse_articles
from tidings.pipeline import Extractor, extract_articles
from tidings.records import Article, ArticleResult

PUBLISHED = date(2025, 12, 13)


@pytest.fixture(scope="module")
def rules(extractor: Extractor) -> Extractor:
    return replace(extractor, judge=None)


@pytest.fixture(scope="module")
def rules_run(rules: Extractor):
    def _run(text: str) -> ArticleResult:
        return next(extract_articles([Article(id="t", text=text, published=PUBLISHED)], rules))

    return _run


def _counted(result: ArticleResult) -> list[str]:
    """The types a researcher would count: events that happened."""
    return [e.event_type for e in result.events if e.certainty not in ("negated", "hypothetical", "planned")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # factuality: an act asked about is not asserted
        ("Did the cartel boss order the murder of the prosecutor?", []),
        ("Police arrested the cartel boss who ordered the murder of the prosecutor.", ["COERCE"]),
        # specificity: habits, trends and statistics are no particular act
        ("In the north, rival gangs often kidnap migrants for ransom.", []),
        ("Kidnappings rose sharply in the province last year.", []),
        ("The number of arrests has fallen since the new governor took office.", []),
        ("Gunmen kidnapped three migrants in the province on Friday.", ["ASSAULT"]),
        # literal sense: harm done by an abstraction is a figure of speech
        ("Inflation hits the poorest households hardest.", []),
        ("Rebels hit an army convoy near the border on Tuesday.", ["ASSAULT"]),
        # relevance: an interview is no consultation
        ("The senator spoke with a Washington Post reporter about the budget.", []),
        ("The senator spoke with the Mexican foreign minister about the border.", ["CONSULT"]),
    ],
)
def test_judging_passes(rules_run, text: str, expected: list[str]) -> None:
    assert _counted(rules_run(text)) == expected


def test_habitual_present_is_judged_outside_the_headline_only(rules_run) -> None:
    headline = "Police arrest gang leader in Tegucigalpa. "
    body = "Local gangs fight over the drug trade in the capital. Police say the leader was armed."
    result = rules_run(headline + body)
    triggers = [e.evidence.trigger for e in result.events]
    assert "arrest" in triggers  # a headline tells a single act in the present
    assert "fight" not in triggers  # the body's present tells a habit


def test_a_dropped_draft_names_the_pass_that_dropped_it(rules: Extractor) -> None:
    article = Article(id="d", text="In the north, rival gangs often kidnap migrants for ransom.")
    parsed = next(parse_articles([article], rules.nlp, rules.needs_entities))
    coded = code_article(parsed, rules.lexicon, rules.kb)
    assert not coded.events
    assert [(d.trigger, d.dropped_by) for d in coded.dropped] == [("kidnap", "specificity")]


def test_an_event_shows_its_trail(rules_run) -> None:
    (event,) = rules_run("The minister said Italy would not send troops to the mission.").events
    assert event.trail[0].startswith("pattern:")
    assert "refusal" in event.trail  # the negated promise was recoded as a rejection


STORY = (
    "Venezuelan security forces clashed with a gang in Caracas. "
    "The army killed three gang members in the clash, officials in Caracas said. "
    "Two other men were arrested. "
    "Venezuela's interior minister praised the operation."
)


def test_an_actor_named_without_country_takes_the_article_country(rules_run) -> None:
    result = rules_run(STORY)
    killing = next(e for e in result.events if e.evidence.trigger == "killed")
    (army,) = killing.actors
    assert (army.text, army.country) == ("The army", "VEN")
    assert army.resolution is not None and army.resolution.method == "article_country"


def test_an_arrest_told_without_its_doer_has_the_authorities_as_implicit_actor(rules_run) -> None:
    result = rules_run(STORY)
    arrest = next(e for e in result.events if e.evidence.trigger == "arrested")
    (actor,) = arrest.actors
    assert (actor.text, actor.name, actor.country, actor.sector) == ("", "authorities", "VEN", "COP")
    assert actor.span == (arrest.evidence.trigger_span or (0, 0))[:1] * 2
    assert actor.resolution is not None and actor.resolution.method == "implicit_actor"


def test_a_lone_sentence_has_no_article_country(rules_run) -> None:
    (arrest,) = rules_run("Two men were arrested on Friday.").events
    assert arrest.actors == ()  # no article around it: whose authorities is not said


def test_criticism_has_no_implicit_actor(rules_run) -> None:
    text = STORY + " The plan was condemned as reckless."
    condemned = next(e for e in rules_run(text).events if e.evidence.trigger == "condemned")
    assert condemned.actors == ()  # who criticised is not the state's to fill in


def test_a_package_of_sanctions_adopted_is_a_sanction(rules_run) -> None:
    (event,) = rules_run(
        "The European Union adopted a new package of sanctions against Russia on Friday."
    ).events
    assert event.event_type == "SANCTION"
    assert [a.text for a in event.actors] == ["The European Union"]
    assert [r.country for r in event.recipients] == ["RUS"]


def test_a_nominal_act_takes_the_tense_of_its_clause(rules_run) -> None:
    # "will take effect on Wednesday", published on Saturday 13 December: the Wednesday after
    result = rules_run("The sanctions will take effect on Wednesday, officials said.")
    assert [(e.event_type, e.date) for e in result.events] == [("SANCTION", date(2025, 12, 17))]


def test_nationalities_stated_later_reach_the_released(rules_run) -> None:
    result = rules_run(
        "The junta released 40 prisoners on Saturday. Six of them are Lithuanian and two are Latvian."
    )
    (release,) = result.events
    assert [(r.text, r.country) for r in release.recipients] == [("Lithuanian", "LTU"), ("Latvian", "LVA")]


def test_a_company_sanctioned_is_the_recipient(rules_run) -> None:
    (event,) = rules_run(
        "The United States lifted sanctions on Belaruskali, the state potash producer."
    ).events
    assert [(r.text, r.sector) for r in event.recipients] == [("Belaruskali", "BUS")]


def test_people_acted_on_keep_their_own_country(rules_run) -> None:
    text = "Venezuelan police freed 40 prisoners in Caracas on Friday. Venezuela's interior minister spoke."
    release = next(e for e in rules_run(text).events if e.evidence.trigger == "freed")
    assert [r.country for r in release.recipients] == [None]  # freed in Venezuela, of any nationality


def test_a_practice_of_state_forces_is_an_event(rules_run) -> None:
    result = rules_run(
        "Israeli soldiers routinely beat Palestinian detainees in the prison, a court was told."
    )
    assert _counted(result) == ["ASSAULT"]  # unlike "rival gangs often kidnap migrants" (above)
