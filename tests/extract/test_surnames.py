"""A bare surname stands for the person the article named in full with it (extract/surnames.py), on
sentences written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.pipeline import Extractor, extract_articles
from tidings.records import ActorRef, Article

PUBLISHED = date(2016, 7, 11)


def _recipient(extractor: Extractor, text: str) -> ActorRef:
    result = next(extract_articles([Article(id="t", text=text, published=PUBLISHED)], extractor))
    attacks = [e for e in result.events if e.evidence.trigger == "attacked"]
    assert attacks and attacks[-1].recipients, result.events
    return attacks[-1].recipients[0]


def test_a_surname_is_the_person_named_in_full_before(extractor: Extractor) -> None:
    ref = _recipient(
        extractor, "Hillary Clinton spoke in Ohio on Monday. Trump attacked Clinton for her remarks on Iraq."
    )
    assert (ref.name, ref.country) == ("Hillary Clinton", "USA")
    assert ref.resolution is not None and ref.resolution.method == "surname"


def test_a_person_the_knowledge_base_lacks_keeps_the_name_given_in_full(extractor: Extractor) -> None:
    ref = _recipient(extractor, "Jeb Bush campaigned in Iowa on Monday. Trump attacked Bush over the war.")
    assert ref.name == "Jeb Bush"
    assert ref.entity_id is None  # not George W. Bush


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the knowledge base's person is the one named in full
        ("Bill Clinton spoke in Ohio. Trump attacked Clinton for his record.", "Bill Clinton"),
        # no one named in full: the knowledge base's reading stands
        ("Trump attacked Clinton for her remarks on Iraq.", "Bill Clinton"),
        # a title is not a first name
        ("President Obama spoke in Ohio. Putin attacked Obama over Syria.", "Barack Obama"),
        ("Secretary Clinton spoke in Ohio. Trump attacked Clinton for her remarks.", "Bill Clinton"),
    ],
)
def test_counter_examples_keep_the_knowledge_base_person(extractor: Extractor, text: str, name: str) -> None:
    assert _recipient(extractor, text).name == name
