"""The document scorer of `tidings eval` on small hand-written articles, each figure computed by hand."""

from __future__ import annotations

from typing import Any

import pytest

from tidings.evaluate.documents import compare_documents, score_documents

Gold = dict[str, Any]
Events = dict[str, list[dict[str, Any]]]


def article(sentences: list[list[Gold]], article_id: str = "a1", dataset: str = "d") -> Gold:
    """A gold article of one sentence per list of gold events; sentence i is 'Sentence i.' (11 characters
    and a space), so sentence i spans [12 i, 12 i + 11)."""
    text = " ".join(f"Sentence {i}." for i in range(len(sentences)))
    return {
        "id": article_id,
        "dataset": dataset,
        "text": text,
        "sentences": [
            {"span": [12 * i, 12 * i + 11], "events": events} for i, events in enumerate(sentences)
        ],
    }


def gold(event_type: str, **extra: Any) -> Gold:
    return {"type": event_type, "actor_country": None, "background": False, **extra}


def predicted(event_type: str, sentence: int, certainty: str = "asserted", countries: tuple[str, ...] = ()):
    start = 12 * sentence + 2
    return {
        "event_type": event_type,
        "certainty": certainty,
        "rule": "test.rule",
        "evidence": {"span": [12 * sentence, 12 * sentence + 11], "trigger_span": [start, start + 3]},
        "actors": [{"text": c, "country": c} for c in countries],
    }


def figures(items: list[Gold], predictions: Events, by_dataset: bool = False) -> dict[str, Any]:
    return score_documents(compare_documents(items, predictions), by_dataset)


def counts(items: list[Gold], predictions: Events) -> tuple[int, int, int]:
    c = figures(items, predictions)["all"]["counts"]
    return c["tp"], c["fp"], c["fn"]


@pytest.mark.parametrize(
    ("gold_events", "predicted_types", "expected"),
    [
        ([gold("ASSAULT")], ["ASSAULT"], (1, 0, 0)),  # the type found
        ([gold("ASSAULT")], ["COERCE"], (0, 1, 1)),  # another type: one wrong, one missed
        ([gold("ASSAULT")], [], (0, 0, 1)),
        ([], ["ASSAULT"], (0, 1, 0)),
        ([gold("ASSAULT")], ["ASSAULT", "ASSAULT"], (1, 0, 0)),  # a sentence's types are a set
        ([gold("ASSAULT"), gold("ASSAULT")], [], (0, 0, 1)),  # one required event per type
        ([gold("ASSAULT"), gold("PROTEST")], ["PROTEST", "REQUEST"], (1, 1, 1)),
        # an alternative type matches
        ([gold("COERCE", alt=["ASSAULT"])], ["ASSAULT"], (1, 0, 0)),
        ([gold("COERCE", alt=["ASSAULT"])], ["ASSAULT", "COERCE"], (1, 1, 0)),  # one type per event
        # events with fewer alternatives are matched first: ASSAULT takes the only ASSAULT
        ([gold("COERCE", alt=["ASSAULT"]), gold("ASSAULT")], ["ASSAULT"], (1, 0, 1)),
        ([gold("COERCE", alt=["ASSAULT"]), gold("ASSAULT")], ["ASSAULT", "COERCE"], (2, 0, 0)),
        # background and optional events are neither required nor penalised, alternatives included
        ([gold("ASSAULT", background=True)], ["ASSAULT"], (0, 0, 0)),
        ([gold("ASSAULT", background=True)], [], (0, 0, 0)),
        ([gold("PROTEST", optional=True, alt=["ASSAULT"])], ["ASSAULT"], (0, 0, 0)),
        ([gold("ASSAULT", background=True)], ["COERCE"], (0, 1, 0)),  # but excuse no other type
        ([gold("ASSAULT", background=True), gold("ASSAULT")], ["ASSAULT"], (1, 0, 0)),
    ],
)
def test_types_matched_per_sentence(
    gold_events: list[Gold], predicted_types: list[str], expected: tuple[int, int, int]
) -> None:
    predictions = {"a1": [predicted(t, 0) for t in predicted_types]}
    assert counts([article([gold_events])], predictions) == expected


@pytest.mark.parametrize(
    ("certainty", "counted"),
    [
        ("negated", False),
        ("hypothetical", False),
        ("planned", False),
        ("asserted", True),
        ("reported", True),
        ("promised", True),
    ],
)
def test_what_did_not_happen_is_left_out(certainty: str, counted: bool) -> None:
    items = [article([[gold("ASSAULT")], []])]
    predictions = {"a1": [predicted("ASSAULT", 0, certainty), predicted("COERCE", 1, certainty)]}
    result = figures(items, predictions)["all"]
    assert (result["counts"]["tp"], result["counts"]["fp"], result["counts"]["fn"]) == (
        (1, 1, 0) if counted else (0, 0, 1)
    )
    # an event left out does not make an event-free sentence a false event either
    assert result["false_event_sentence_rate"] == (1.0 if counted else 0.0)


def test_precision_recall_f1_and_per_type() -> None:
    # sentence 0: ASSAULT found; 1: COERCE missed, REQUEST wrong; 2: PROTEST found; 3: AGREE wrong
    items = [article([[gold("ASSAULT")], [gold("COERCE")], [gold("PROTEST")], []])]
    predictions = {
        "a1": [
            predicted("ASSAULT", 0),
            predicted("REQUEST", 1),
            predicted("PROTEST", 2),
            predicted("AGREE", 3),
        ]
    }
    result = figures(items, predictions)["all"]
    assert result["counts"] == {"tp": 2, "fp": 2, "fn": 1, "empty_sentences": 1}
    assert result["event_precision"] == 0.5  # 2 / 4
    assert result["event_recall"] == 0.6667  # 2 / 3
    assert result["event_f1"] == 0.5714  # 2 * 0.5 * 0.6667 / 1.1667 = 4 / 7, from the unrounded figures
    assert result["per_type"] == {
        "AGREE": {"precision": 0.0, "recall": None, "tp": 0, "fp": 1, "fn": 0},
        "ASSAULT": {"precision": 1.0, "recall": 1.0, "tp": 1, "fp": 0, "fn": 0},
        "COERCE": {"precision": None, "recall": 0.0, "tp": 0, "fp": 0, "fn": 1},
        "PROTEST": {"precision": 1.0, "recall": 1.0, "tp": 1, "fp": 0, "fn": 0},
        "REQUEST": {"precision": 0.0, "recall": None, "tp": 0, "fp": 1, "fn": 0},
    }


def test_a_match_through_an_alternative_counts_under_the_gold_type() -> None:
    items = [article([[gold("COERCE", alt=["ASSAULT"])]])]
    per_type = figures(items, {"a1": [predicted("ASSAULT", 0)]})["all"]["per_type"]
    assert per_type == {"COERCE": {"precision": 1.0, "recall": 1.0, "tp": 1, "fp": 0, "fn": 0}}


def test_events_with_fewer_alternatives_are_matched_first() -> None:
    # COERCE (or ASSAULT) and ASSAULT, with one ASSAULT predicted: the ASSAULT event takes it, whatever
    # the order of the gold events
    for events in (
        [gold("COERCE", alt=["ASSAULT"]), gold("ASSAULT")],
        [gold("ASSAULT"), gold("COERCE", alt=["ASSAULT"])],
    ):
        per_type = figures([article([events])], {"a1": [predicted("ASSAULT", 0)]})["all"]["per_type"]
        assert (per_type["ASSAULT"]["tp"], per_type["COERCE"]["tp"], per_type["COERCE"]["fn"]) == (1, 0, 1)


def test_nothing_right_is_f1_zero_and_nothing_predicted_is_no_precision() -> None:
    items = [article([[gold("ASSAULT")]])]
    wrong = figures(items, {"a1": [predicted("COERCE", 0)]})["all"]
    assert (wrong["event_precision"], wrong["event_recall"], wrong["event_f1"]) == (0.0, 0.0, 0.0)
    silent = figures(items, {})["all"]  # an article missing from the predictions predicts nothing
    assert (silent["event_precision"], silent["event_recall"], silent["event_f1"]) == (None, 0.0, 0.0)


def test_false_event_sentence_rate_counts_sentences_with_no_gold_event_at_all() -> None:
    # 0 and 1 have no gold event, 2 only a background one, 3 a required one
    items = [article([[], [], [gold("ASSAULT", background=True)], [gold("ASSAULT")]])]
    predictions = {
        "a1": [predicted("COERCE", 1), predicted("REQUEST", 1), predicted("COERCE", 2), predicted("AID", 3)]
    }
    result = figures(items, predictions)["all"]
    assert result["counts"]["empty_sentences"] == 2
    assert result["false_event_sentence_rate"] == 0.5  # sentence 1 of 0 and 1, however many types
    assert figures([article([[gold("ASSAULT")]])], {})["all"]["false_event_sentence_rate"] is None


def test_an_event_belongs_to_the_sentence_of_its_trigger() -> None:
    items = [article([[], [gold("ASSAULT")]])]
    event = predicted("ASSAULT", 1)
    event["evidence"]["span"] = [0, 23]  # evidence over both sentences, trigger in the second
    assert counts(items, {"a1": [event]}) == (1, 0, 0)
    del event["evidence"]["trigger_span"]  # no trigger: the start of the evidence decides
    assert counts(items, {"a1": [event]}) == (0, 1, 1)
    event["evidence"]["span"] = [11, 12]  # the space between two sentences: in none, not scored
    assert counts(items, {"a1": [event]}) == (0, 0, 1)


@pytest.mark.parametrize(
    ("gold_countries", "predicted_countries", "accuracy"),
    [
        (["RUS"], [("RUS",)], 1.0),
        (["RUS"], [("UKR", "RUS")], 1.0),  # among the actors
        (["RUS"], [("UKR",)], 0.0),
        (["RUS"], [("UKR",), ("RUS",)], 1.0),  # any predicted event of the type in the sentence
        (["RUS"], [()], 0.0),
        ([None], [("RUS",)], None),  # no gold actor country: not counted
    ],
)
def test_actor_country(
    gold_countries: list[str | None], predicted_countries: list[tuple[str, ...]], accuracy: float | None
) -> None:
    items = [article([[gold("ASSAULT", actor_country=c) for c in gold_countries]])]
    predictions = {"a1": [predicted("ASSAULT", 0, countries=c) for c in predicted_countries]}
    assert figures(items, predictions)["all"]["actor_country_accuracy"] == accuracy


def test_actor_country_is_judged_on_matched_events_only() -> None:
    # 0: matched, country right; 1: matched, country wrong; 2: missed (not counted); 3: matched via alt
    items = [
        article(
            [
                [gold("ASSAULT", actor_country="RUS")],
                [gold("ASSAULT", actor_country="RUS")],
                [gold("PROTEST", actor_country="FRA")],
                [gold("COERCE", alt=["ASSAULT"], actor_country="COL")],
            ]
        )
    ]
    predictions = {
        "a1": [
            predicted("ASSAULT", 0, countries=("RUS",)),
            predicted("ASSAULT", 1, countries=("UKR",)),
            predicted("REQUEST", 2, countries=("FRA",)),
            predicted("ASSAULT", 3, countries=("COL",)),
            predicted("ASSAULT", 3, certainty="negated", countries=("VEN",)),
        ]
    }
    assert figures(items, predictions)["all"]["actor_country_accuracy"] == 0.6667  # 2 of 3
    predictions["a1"][3]["certainty"] = "hypothetical"  # only the left-out event remains in sentence 3
    assert figures(items, predictions)["all"]["actor_country_accuracy"] == 0.5  # 1 of 2, 3 now missed


def test_figures_by_dataset_and_all() -> None:
    items = [
        article([[gold("ASSAULT")], []], article_id="x", dataset="news"),
        article([[gold("PROTEST")]], article_id="y", dataset="wire"),
    ]
    predictions = {"x": [predicted("ASSAULT", 0), predicted("AID", 1)], "y": [predicted("REQUEST", 0)]}
    result = figures(items, predictions, by_dataset=True)
    assert list(result) == ["all", "news", "wire"]
    assert result["news"]["counts"] == {"tp": 1, "fp": 1, "fn": 0, "empty_sentences": 1}
    assert result["wire"]["counts"] == {"tp": 0, "fp": 1, "fn": 1, "empty_sentences": 0}
    assert result["all"]["counts"] == {"tp": 1, "fp": 2, "fn": 1, "empty_sentences": 1}
    assert (result["all"]["event_precision"], result["all"]["event_recall"]) == (0.3333, 0.5)
    assert list(figures(items, predictions, by_dataset=False)) == ["all"]


def test_errors_are_the_sentences_that_differ() -> None:
    items = [
        article(
            [
                [gold("ASSAULT")],  # right
                [gold("COERCE", alt=["ASSAULT"]), gold("PROTEST", background=True)],  # COERCE missed
                [],  # a left-out event: nothing differs
                [gold("AID", optional=True)],  # AID neutral, REQUEST wrong
            ]
        )
    ]
    predictions = {
        "a1": [
            predicted("ASSAULT", 0),
            predicted("PROTEST", 1),
            predicted("ASSAULT", 2, certainty="negated"),
            predicted("AID", 3),
            predicted("REQUEST", 3),
        ]
    }
    outcomes = compare_documents(items, predictions)
    assert [o.error_dict() for o in outcomes if o.differs] == [
        {
            "id": "a1",
            "sentence": 1,
            "text": "Sentence 1.",
            "gold": ["COERCE", "(PROTEST)"],
            "predicted": ["PROTEST"],
        },
        {
            "id": "a1",
            "sentence": 3,
            "text": "Sentence 3.",
            "gold": ["(AID)"],
            "predicted": ["AID", "REQUEST"],
        },
    ]
    assert [p.certainty for p in outcomes[2].predicted] == ["negated"]  # kept to show, not scored
