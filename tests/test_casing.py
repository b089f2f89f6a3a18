"""Title-case headlines are read in sentence case (`tidings.casing`), and their tokens keep the letters
as written (`tidings.nlp`)."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.casing import headline_span, in_title_case, sentence_case
from tidings.nlp import parse_articles
from tidings.records import Article

FREQUENCIES = {"arrest": 4.6, "two": 6.0, "men": 5.5, "after": 6.2, "deadly": 4.0, "shooting": 4.6,
               "chicago": 4.8, "says": 5.6, "expels": 2.9, "expel": 3.5, "diplomats": 3.7, "threat": 4.8,
               "pose": 4.1, "chance": 5.0, "win": 5.3, "over": 6.0, "spy": 4.0, "case": 5.5,
               "ruin": 4.0}  # fmt: skip


def _known(word: str) -> bool:
    return word in {"Russia", "British"}


def _cased(text: str) -> str:
    span = headline_span(text, None)
    assert span is not None
    return sentence_case(text, span, FREQUENCIES, _known)[: span[1]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the body writes "arrested" but not "arrest": the frequency tells; "Chicago" the body capitalises
        (
            "Police Arrest Two Men After Deadly Shooting in Chicago\nChicago police said two men were held",
            "Police arrest two men after deadly shooting in Chicago",
        ),
        # "Expels" as "expel" (a plural or third person), known names kept, a number untouched
        (
            "Russia Expels 23 British Diplomats Over Spy Case\nMoscow will expel the diplomats, it said.",
            "Russia expels 23 British diplomats over spy case",
        ),
        # the first word after a colon starts again; an acronym stays; a name the body writes stays
        (
            "Graham: Trump's Rhetoric Ruins GOP's Chance to Win\nSenator Graham said Trump's rhetoric hurts.",
            "Graham: Trump's rhetoric ruins GOP's chance to win",
        ),
    ],
)
def test_a_title_case_headline_is_read_in_sentence_case(text: str, expected: str) -> None:
    assert _cased(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Police arrest two men after deadly shooting in Chicago\nThe body.",  # sentence case already
        "POLICE ARREST TWO MEN AFTER SHOOTING\nThe body.",  # all capitals: not title case
        "Two Men Held\nThe body.",  # too short to tell
    ],
)
def test_a_headline_not_in_title_case_is_left_as_it_is(text: str) -> None:
    span = headline_span(text, None)
    assert span is not None
    assert sentence_case(text, span, FREQUENCIES, _known) == text


def test_where_the_headline_is() -> None:
    assert headline_span("Title Here\nBody text.", None) == (0, 10)
    assert headline_span("Title Here. Body text.", "Title Here.") == (0, 11)
    assert headline_span("One long paragraph with no line break.", None) is None
    assert headline_span("Only a line\n", None) is None  # nothing after it
    assert in_title_case("Police Arrest Two Men After Deadly Shooting")
    assert not in_title_case("Police arrest two men after a deadly shooting")


def test_the_parse_keeps_the_letters_as_written() -> None:
    text = "Police Arrest Two Men After Deadly Shooting in Chicago\nPolice said two men were arrested."
    (parsed,) = parse_articles([Article(id="a", text=text, published=date(2024, 5, 3))])
    headline = parsed.sentences[0]
    assert headline.text == text[: len(headline.text)]
    assert [t.text for t in headline.tokens][:4] == ["Police", "Arrest", "Two", "Men"]
    assert all(text[t.start : t.start + len(t.text)] == t.text for s in parsed.sentences for t in s.tokens)
    arrest = headline.tokens[1]
    assert arrest.pos == "VERB" and arrest.lemma == "arrest"  # read as the verb it is
