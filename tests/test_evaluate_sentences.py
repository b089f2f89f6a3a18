"""The sentence scorer of `tidings eval` on small hand-written items, each figure computed by hand."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from tidings.evaluate.report import sentence_errors
from tidings.evaluate.sentences import score, score_by_dataset

Item = dict[str, Any]


def item(item_id: str, events: list[dict[str, Any]], no_event: bool = False, dataset: str = "d") -> Item:
    return {
        "id": item_id,
        "dataset": dataset,
        "text": f"Text of {item_id}.",
        "gold": {"no_event": no_event, "events": events},
    }


def gold(
    plover: list[str] | None = None,
    penta: int | None = None,
    cameo: str | None = None,
    sources: Sequence[tuple[str, str | None]] = (),
    targets: Sequence[tuple[str, str | None]] = (),
) -> dict[str, Any]:
    return {
        "plover_any": plover or [],
        "penta": penta,
        "cameo": cameo,
        "sources": [{"text": t, "country": c} for t, c in sources],
        "targets": [{"text": t, "country": c} for t, c in targets],
    }


def event(
    event_type: str,
    cameo: str | None = None,
    actors: Sequence[tuple[str, str | None]] = (),
    recipients: Sequence[tuple[str, str | None]] = (),
) -> dict[str, Any]:
    return {
        "event_type": event_type,
        "cameo": cameo,
        "actors": [{"text": t, "country": c} for t, c in actors],
        "recipients": [{"text": t, "country": c} for t, c in recipients],
    }


ITEMS = [
    # PLOVER, actors, countries
    item("i1", [gold(["AGREE"], sources=[("the Russian army", "RUS")], targets=[("Ukraine", "UKR")])]),
    item("i2", [gold(["ASSAULT", "COERCE"], sources=[("police", None)])]),  # two acceptable roots
    item("i3", [gold(["PROTEST"], sources=[("students", "SRB")])]),
    # no event
    item("i4", [], no_event=True),
    item("i5", [], no_event=True),
    # CAMEO five classes
    item("i6", [gold(penta=4)]),
    item("i7", [gold(penta=1)]),
    item("i8", [gold(penta=3)]),
    # CAMEO roots
    item("i9", [gold(cameo="0841")]),
    item("i10", [gold(cameo="190")]),
]
PREDICTIONS = {
    "i1": [event("AGREE", "057", actors=[("Russian troops", "RUS")], recipients=[("Kyiv", "UKR")])],
    "i2": [event("COERCE", "173"), event("REQUEST", "020"), event("AID", "070")],
    "i4": [event("ASSAULT", "190")],
    "i6": [event("ASSAULT", "190")],
    "i8": [event("REJECT", None)],  # no CAMEO code: the class of its PLOVER root
    "i9": [event("RETREAT", "084")],
    "i10": [event("COERCE", "173")],
}


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return score(ITEMS, PREDICTIONS)


def test_counts_of_items_scored_per_metric(result: dict[str, Any]) -> None:
    assert result["items"] == 10
    assert result["counts"] == {
        "plover": 3,
        "penta": 3,
        "cameo": 2,
        "source": 3,
        "target": 1,
        "country": 2,
        "no_event": 2,
    }


def test_plover_micro_and_macro(result: dict[str, Any]) -> None:
    # (item, root): AGREE and COERCE (one of i2's roots) right, REQUEST and AID wrong, PROTEST missed
    assert result["plover_micro_f1"] == 0.5714  # 2 tp, 2 fp, 1 fn: 4 / 7
    # macro over the roots of the gold: AGREE 1, COERCE 1, PROTEST 0 (REQUEST, AID are in no gold)
    assert result["plover_macro_f1"] == 0.6667
    assert result["per_type_f1"] == {"AGREE": 1.0, "COERCE": 1.0, "PROTEST": 0.0}


def test_a_gold_event_with_several_roots_missed_counts_its_first() -> None:
    missed = score([item("x", [gold(["ASSAULT", "COERCE"])])], {"x": [event("AID")]})
    assert missed["per_type_f1"] == {"ASSAULT": 0.0}


def test_penta_macro(result: dict[str, Any]) -> None:
    # i6 {4} got {4}; i7 {1} got nothing, which predicts {0}; i8 {3} got REJECT -> {3}
    # per class F1: 0: 0 (one fp), 1: 0 (one fn), 2: 0 (nothing), 3: 1, 4: 1
    assert result["penta_macro_f1"] == 0.4


def test_cameo_root(result: dict[str, Any]) -> None:
    assert result["cameo_root_f1"] == 0.5  # i9 08 = 08; i10 19 against 17: 1 tp, 1 fp, 1 fn


def test_sources_and_targets_by_content_words(result: dict[str, Any]) -> None:
    # i1 'the Russian army' ~ 'Russian troops': half of {russian, army} -> hit; i2 'police', i3
    # 'students' with no predicted actor -> missed
    assert result["source_f1"] == 0.5  # 1 tp, 2 fn
    # i1 'Ukraine' against 'Kyiv': a wrong recipient is a fp and a fn
    assert result["target_f1"] == 0.0


def test_country_and_no_event_rate(result: dict[str, Any]) -> None:
    assert result["country_f1"] == 0.8  # i1 RUS, UKR found; i3 SRB missed: 2 tp, 1 fn
    assert result["no_event_fp_rate"] == 0.5  # i4 of i4 and i5


def test_figures_without_gold_of_their_kind_are_none() -> None:
    only_no_event = score([item("x", [], no_event=True)], {})
    assert only_no_event["no_event_fp_rate"] == 0.0
    assert [
        only_no_event[k] for k in ("plover_micro_f1", "plover_macro_f1", "penta_macro_f1", "source_f1")
    ] == [None] * 4


def test_by_dataset_groups_items() -> None:
    items = [item("a", [gold(["AGREE"])], dataset="one"), item("b", [gold(["AID"])], dataset="two")]
    result = score_by_dataset(items, {"a": [event("AGREE")]})
    assert list(result) == ["all", "one", "two"]
    assert [result[k]["plover_micro_f1"] for k in result] == [0.6667, 1.0, 0.0]
    assert list(score_by_dataset(items, {}, by_dataset=False)) == ["all"]


def test_errors_list_items_whose_types_differ() -> None:
    lines = list(sentence_errors(ITEMS, PREDICTIONS, 2))
    assert lines[0] == "\n[i2] Text of i2."
    assert lines[1].startswith("  gold: ['ASSAULT']")  # the first root stands for the event
    assert [line.split()[1] for line in lines[2:5]] == ["COERCE", "REQUEST", "AID"]
    assert lines[5:7] == ["\n[i3] Text of i3.", "  gold: ['PROTEST']  [students/SRB] -> []"]
    assert lines[7] == "  got:  nothing"
    assert len(lines) == 8
