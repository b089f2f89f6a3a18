"""Attribution finding: sources, cues and contents of reported speech in one sentence."""

from __future__ import annotations

import pytest

from tidings.extract.attribution import AttributionMention, find_attributions, load_attribution_words
from tidings.nlp import parse_articles
from tidings.pipeline import Extractor
from tidings.records import Article
from tidings.resolve.actors import ActorResolver
from tidings.syntax import Tree


def mentions(extractor: Extractor, text: str) -> list[AttributionMention]:
    parsed = next(parse_articles([Article(id="t", text=text)], extractor.nlp))
    resolver = ActorResolver(
        kb=extractor.kb, on=None, persons=extractor.lexicon.classes.get("persons", frozenset())
    )
    out: list[AttributionMention] = []
    for k, sentence in enumerate(parsed.sentences):
        out.extend(
            find_attributions(
                Tree.of(sentence), extractor.lexicon.cues, resolver, context=parsed.sentences[:k]
            )
        )
    return out


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("The senator said that the bill would pass.", "The senator", "said"),
        ("The bill will pass, the senator said.", "the senator", "said"),
        ('"The bill will pass," said Senator John Smith.', "Senator John Smith", "said"),
        ("The race is tied, according to a new poll.", "a new poll", "according to"),
        ("The aide told reporters the vote was delayed.", "The aide", "told"),
        ("The campaign denied that it had paid the firm.", "The campaign", "denied"),
        ("Economists warned that the tariffs would raise prices.", "Economists", "warned"),
        ("The governor announced that the plant would stay open.", "The governor", "announced"),
        ("The rebels claimed they had won the vote.", "The rebels", "claimed"),
        ("The lawsuit alleged that the firm misled investors.", "The lawsuit", "alleged"),
        ("The candidate's claim that the vote was rigged drew criticism.", "The candidate's", "claim"),
        (
            "Dan McAdams, a professor at Northwestern University, writes that Trump is unusual.",
            "Dan McAdams, a professor at Northwestern University",
            "writes",
        ),
    ],
)
def test_source_and_cue(extractor: Extractor, text: str, source: str, cue: str) -> None:
    found = [m for m in mentions(extractor, text) if not m.nested]
    assert [(m.source_text, m.cue_text) for m in found] == [(source, cue)]
    assert found[0].source is not None and text[found[0].source[0] : found[0].source[1]] == source


def test_content_is_the_reported_clause(extractor: Extractor) -> None:
    (found,) = mentions(extractor, "The senator said that the bill would pass.")
    assert found.content_text == "that the bill would pass"


def test_nested_attribution_is_marked(extractor: Extractor) -> None:
    found = mentions(extractor, "The aide said the senator believes that the bill will pass.")
    assert [(m.source_text, m.nested) for m in found] == [("The aide", False), ("the senator", True)]


def test_pronoun_source_keeps_the_pronoun_and_names_the_referent(extractor: Extractor) -> None:
    found = mentions(extractor, "Bernie Sanders spoke in Iowa. He said the system was rigged.")
    assert [m.source_text for m in found] == ["He"]
    assert found[0].attribution is not None and found[0].attribution.name == "Bernie Sanders"


def test_relative_clause_with_its_own_attribution_is_not_part_of_the_source(extractor: Extractor) -> None:
    found = mentions(extractor, "Borges, who predicted a close race, said turnout would be high.")
    assert [m.source_text for m in found] == ["who", "Borges"]


def test_a_second_cue_without_subject_has_no_source(extractor: Extractor) -> None:
    found = mentions(extractor, "The mayor said the road was closed, adding that it would reopen soon.")
    assert [m.source_text for m in found] == ["The mayor", ""]


def test_plain_statements_have_no_attribution(extractor: Extractor) -> None:
    assert mentions(extractor, "Troops withdrew from the town on Monday.") == []


def test_a_speakers_hedge_is_no_source(extractor: Extractor) -> None:
    # "I think", "you know": the speaker's own hedge; a speech verb still cites ("I said")
    assert mentions(extractor, "I think the senator will lose the vote.") == []
    assert [m.source_text for m in mentions(extractor, "We said the vote would be close.")] == ["We"]


def test_a_speaker_named_before_a_colon_at_a_line_start(extractor: Extractor) -> None:
    text = 'Will the senator attend the debate?\n\n"SMITH: Well, she will be there tomorrow night.'
    found = [m for m in mentions(extractor, text) if m.rule == "colon"]
    assert [m.source_text for m in found] == ["SMITH"]


def test_every_lexicon_word_has_an_example() -> None:
    words = load_attribution_words()
    assert "say" in words.speech_verbs and "according to" in words.markers
    assert not (words.speech_verbs & words.cognition_verbs)
