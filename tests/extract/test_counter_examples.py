"""Every lexicon pattern's counter-examples (events.json, `counter`) run through the real extraction, all in
one batch, and must not produce the pattern's event (`event.rule`). Counter-examples that need a judgement the
lexicon cannot express are listed in counter_examples_pending.json: they are expected to fire (xfail,
strict), so that one a judging pass fixes fails here until it is moved out of the list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tidings.extract.lexicon import load_lexicon
from tidings.pipeline import Extractor, extract_articles
from tidings.records import Article

PENDING_FILE = Path(__file__).with_name("counter_examples_pending.json")
JUDGEMENTS = {"factuality", "specificity", "literal_sense", "relevance"}
PENDING_DOC: dict[str, Any] = json.loads(PENDING_FILE.read_text(encoding="utf-8"))
PENDING: dict[tuple[str, str], dict[str, str]] = {
    (p["pattern"], p["sentence"]): p for p in PENDING_DOC["pending"]
}
COUNTERS = [(p.id, sentence) for p in load_lexicon().patterns for sentence in p.counter]


def _id(pattern_id: str, sentence: str) -> str:
    return f"{pattern_id}:{sentence[:40]}"


@pytest.fixture(scope="module")
def rules_fired(extractor: Extractor) -> dict[tuple[str, str], set[str]]:
    """The rules of the events extracted from each counter-example, one article a sentence, one batch."""
    articles = [Article(id=str(i), text=sentence) for i, (_, sentence) in enumerate(COUNTERS)]
    return {
        COUNTERS[int(result.article.id)]: {event.rule for event in result.events}
        for result in extract_articles(articles, extractor)
    }


@pytest.mark.parametrize(
    ("pattern_id", "sentence"),
    [c for c in COUNTERS if c not in PENDING],
    ids=[_id(*c) for c in COUNTERS if c not in PENDING],
)
def test_counter_example_does_not_fire(
    pattern_id: str, sentence: str, rules_fired: dict[tuple[str, str], set[str]]
) -> None:
    assert pattern_id not in rules_fired[(pattern_id, sentence)]


@pytest.mark.parametrize(
    ("pattern_id", "sentence"),
    [
        pytest.param(
            pattern_id,
            sentence,
            marks=pytest.mark.xfail(strict=True, reason=f"{entry['judgement']}: {entry['reason']}"),
            id=_id(pattern_id, sentence),
        )
        for (pattern_id, sentence), entry in PENDING.items()
    ],
)
def test_pending_counter_example_does_not_fire(
    pattern_id: str, sentence: str, rules_fired: dict[tuple[str, str], set[str]]
) -> None:
    assert pattern_id not in rules_fired[(pattern_id, sentence)]


def test_pending_list_is_clean() -> None:
    counters = set(COUNTERS)
    assert len(PENDING) == len(PENDING_DOC["pending"]), "an entry is listed twice"
    assert set(PENDING_DOC["judgements"]) == JUDGEMENTS
    for (pattern_id, sentence), entry in PENDING.items():
        assert (pattern_id, sentence) in counters, f"not a counter-example of {pattern_id}: {sentence}"
        assert entry["judgement"] in JUDGEMENTS, entry
        assert entry["reason"].strip(), entry
        assert set(entry) == {"pattern", "sentence", "judgement", "reason"}, entry


def test_every_pattern_has_a_counter_example() -> None:
    patterns = load_lexicon().patterns
    assert all(p.counter for p in patterns)
    assert len(COUNTERS) >= len(patterns)
