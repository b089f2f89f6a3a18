"""Golden tests on real sentences of the shared gold data, one or more per PLOVER type.

The sentences stay in ../shared (their licences forbid copying); this folder keeps only their ids and
the expected coding. Regenerate after a reviewed change with TIDINGS_REGEN_GOLDEN=1 and read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import shared_file

EXPECTED = Path(__file__).with_name("events_dev_expected.json")
IDS = [
    "PLOVER-GSR01-AGREE-0013",
    "PLOVER-GSR01-CONSULT-0001",
    "PLOVER-GSR01-SUPPORT-0002",
    "PLOVER-GSR01-COOPERATE-0004",
    "PLOVER-GSR01-AID-0003",
    "PLOVER-GSR01-RETREAT-0009",
    "PLOVER-GSR01-DISAPPROVE-0003",
    "PLOVER-GSR01-REJECT-0001",
    "PLOVER-GSR01-THREATEN-0002",
    "PLOVER-GSR01-PROTEST-0009",
    "PLOVER-GSR01-SANCTION-0003",
    "PLOVER-GSR01-COERCE-0009",
    "PLOVER-GSR01-ASSAULT-0003",
]


def _coding(result) -> list[dict[str, object]]:
    return [
        {
            "event_type": e.event_type,
            "cameo": e.cameo,
            "actors": sorted({a.country for a in e.actors if a.country}),
            "recipients": sorted({r.country for r in e.recipients if r.country}),
        }
        for e in result.events
    ]


@pytest.fixture(scope="module")
def items() -> dict[str, dict[str, object]]:
    path = shared_file("eval/events-dev.jsonl")
    wanted = set(IDS)
    with path.open(encoding="utf-8") as handle:
        rows = (json.loads(line) for line in handle)
        return {row["id"]: row for row in rows if row["id"] in wanted}


def test_golden_sentences(items: dict[str, dict[str, object]], run) -> None:
    got = {i: _coding(run(str(items[i]["text"]), article_id=i)) for i in IDS}
    if os.environ.get("TIDINGS_REGEN_GOLDEN"):
        EXPECTED.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert got == expected


def test_golden_sentences_agree_with_the_annotators(items: dict[str, dict[str, object]]) -> None:
    """The expected coding itself matches the human gold: type, actor and recipient countries."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    for item_id in IDS:
        gold = items[item_id]["gold"]
        assert isinstance(gold, dict)
        gold_types = {t for g in gold["events"] for t in g["plover_any"]}
        assert {e["event_type"] for e in expected[item_id]} & gold_types, item_id
        gold_sources = {a["country"] for g in gold["events"] for a in g["sources"]}
        assert gold_sources <= {c for e in expected[item_id] for c in e["actors"]}, item_id
