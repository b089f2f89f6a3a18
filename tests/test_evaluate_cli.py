"""`tidings eval` on small gold files of both formats, told apart by their items."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.test_cli import tidings
from tidings.cli import cli
from tidings.errors import InputError
from tidings.evaluate import load_gold

TEXT = (
    "Rebels attacked an army base in the north on Monday. The weather was mild that day. "
    "Police did not arrest anyone. Thousands of students protested in the capital on Tuesday."
)
SENTENCES = [
    # (first words, gold events); the extraction gives ASSAULT, a negated COERCE and PROTEST
    (
        "Rebels attacked",
        [{"type": "ASSAULT", "actor": "Rebels", "actor_country": "COL", "background": False}],
    ),
    ("The weather", []),
    ("Police did not", []),  # the negated arrest is left out: no false event
    ("Thousands of", [{"type": "REQUEST", "actor": "students", "actor_country": None, "background": False}]),
]


def _document() -> dict[str, Any]:
    starts = [TEXT.index(words) for words, _ in SENTENCES] + [len(TEXT) + 1]
    return {
        "id": "doc1",
        "dataset": "handmade",
        "published": "2024-03-06",
        "title": "Rebels attack a base",
        "text": TEXT,
        "sentences": [
            {"span": [starts[i], starts[i + 1] - 1], "events": events}
            for i, (_, events) in enumerate(SENTENCES)
        ],
    }


def _write(path: Path, items: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return str(path)


@pytest.fixture
def documents(tmp_path: Path) -> str:
    return _write(tmp_path / "documents.jsonl", [_document()])


def _eval(*args: str) -> str:
    result = CliRunner().invoke(cli, ["eval", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_document_figures_as_json(documents: str) -> None:
    figures = json.loads(_eval("--json", "--by-dataset", documents))
    assert list(figures) == ["all", "handmade"]
    assert figures["all"]["counts"] == {"tp": 1, "fp": 1, "fn": 1, "empty_sentences": 2}
    assert (figures["all"]["event_precision"], figures["all"]["event_recall"]) == (0.5, 0.5)
    assert figures["all"]["false_event_sentence_rate"] == 0.0
    assert figures["all"]["actor_country_accuracy"] == 0.0  # 'Rebels' names no country
    assert figures["all"]["per_type"]["PROTEST"] == {
        "precision": 0.0,
        "recall": None,
        "tp": 0,
        "fp": 1,
        "fn": 0,
    }


def test_document_table_and_errors(documents: str) -> None:
    out = _eval("--errors", "5", documents)
    assert out.startswith("1 articles, 4 sentences\n")
    assert "\nall " in out and "handmade" not in out  # the datasets only with --by-dataset
    assert "\nPROTEST " in out  # the table by type
    errors = out.split("\n[")[1:]
    assert len(errors) == 1  # only the last sentence differs
    assert errors[0].startswith("doc1 #3] gold: REQUEST  |  predicted: PROTEST\n")
    assert "  Thousands of students protested in the capital on Tuesday.\n" in errors[0]
    assert "got: PROTEST 'protested'" in errors[0]


def test_sentence_format_is_told_from_the_file(tmp_path: Path) -> None:
    item = {
        "id": "s1",
        "dataset": "handmade",
        "text": "Rebels attacked an army base in the north on Monday.",
        "published": None,
        "gold": {"no_event": False, "events": [{"plover_any": ["ASSAULT"], "sources": [], "targets": []}]},
    }
    figures = json.loads(_eval("--json", _write(tmp_path / "sentences.jsonl", [item])))
    assert figures["all"]["plover_micro_f1"] == 1.0
    assert figures["all"]["items"] == 1


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"id": 1, "text": "no gold here"}'], "gold.jsonl:1: not a gold item"),
        (["", "{not json"], "gold.jsonl:2: not valid JSON"),
        ([], "gold.jsonl: no gold items"),
        (
            [json.dumps(_document()), '{"id": "s", "text": "x", "gold": {"events": []}}'],
            "gold.jsonl:2: an item in the sentences format in a file of the documents format",
        ),
    ],
)
def test_a_file_that_is_no_gold_is_refused(tmp_path: Path, lines: list[str], message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_gold(path)
    assert message in str(refused.value)


@pytest.mark.slow
def test_a_bad_gold_file_is_one_line_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    done = tidings("eval", str(path))
    assert done.returncode == 1
    assert (
        done.stderr
        == f"tidings: error: {path}:1: not valid JSON (Expecting property name enclosed in double quotes)\n"
    )


@pytest.mark.slow
def test_eval_through_the_real_entry_point(documents: str) -> None:
    done = tidings("eval", "--json", documents)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["all"]["counts"]["tp"] == 1
