"""Our scorers give the figures of the shared scorers (`../shared/eval/score*.py`) on the same predictions.

The shared scripts are run, not imported from the package: the package never depends on ../shared.
"""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import shared_file
from tests.test_evaluate_documents import article, gold, predicted
from tests.test_evaluate_sentences import ITEMS, PREDICTIONS
from tidings.evaluate import compare_documents, load_gold, score, score_documents
from tidings.evaluate.command import extract_gold


def _shared_scorer(name: str) -> ModuleType:
    path = shared_file(f"eval/{name}.py")
    spec = importlib.util.spec_from_file_location(f"shared_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_pred_jsonl(predictions: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The predictions as the shared scripts read them from `tidings extract --format jsonl`."""
    lines = [json.dumps({"article": {"id": k}, "events": v}) for k, v in predictions.items()]
    return [json.loads(line) for line in lines]


def _same_as_score_documents(items: list[dict[str, Any]], predictions: dict[str, Any]) -> dict[str, Any]:
    shared = _shared_scorer("score_documents")
    their_errors: list[dict[str, Any]] = []
    theirs = shared.score(items, _as_pred_jsonl(predictions), their_errors)
    outcomes = compare_documents(items, predictions)
    assert score_documents(outcomes) == theirs
    assert [o.error_dict() for o in outcomes if o.differs] == their_errors
    return dict(theirs)


def test_documents_hand_written() -> None:
    items = [
        article(
            [
                [gold("ASSAULT", actor_country="RUS")],
                [gold("COERCE", alt=["ASSAULT"]), gold("ASSAULT"), gold("PROTEST", background=True)],
                [],
                [gold("AID", optional=True, alt=["SUPPORT"])],
                [gold("REQUEST", actor_country="FRA"), gold("REQUEST")],
            ],
            article_id="x",
            dataset="one",
        ),
        article([[], [gold("ACCUSE")]], article_id="y", dataset="two"),
        article([[gold("AGREE")]], article_id="z", dataset="two"),  # nothing predicted
    ]
    predictions = {
        "x": [
            predicted("ASSAULT", 0, countries=("RUS",)),
            predicted("ASSAULT", 1),
            predicted("PROTEST", 1),
            predicted("COERCE", 2, certainty="negated"),
            predicted("REJECT", 2, certainty="reported"),
            predicted("SUPPORT", 3),
            predicted("REQUEST", 4, countries=("DEU",)),
        ],
        "y": [predicted("ACCUSE", 1, certainty="planned"), predicted("ACCUSE", 0)],
    }
    theirs = _same_as_score_documents(items, predictions)
    assert list(theirs) == ["all", "one", "two"]


@pytest.mark.slow
def test_documents_dev_as_extracted(extractor) -> None:
    """The whole-article gold, extracted as `tidings eval` extracts it: both scorers, the same figures."""
    gold_file = load_gold(shared_file("eval/events-documents-dev.jsonl"))
    predictions = extract_gold(gold_file, extractor)
    theirs = _same_as_score_documents(list(gold_file.items), predictions)
    assert theirs["all"]["counts"]["tp"] > 0 and theirs["all"]["counts"]["fp"] > 0  # figures worth comparing


def test_sentences_hand_written() -> None:
    shared = _shared_scorer("score")
    assert score(ITEMS, PREDICTIONS) == shared.score(ITEMS, _as_pred_jsonl(PREDICTIONS))
