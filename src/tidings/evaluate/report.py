"""Scores and errors as text for people (`tidings eval` without `--json`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..codes import NOT_OCCURRED
from .documents import Prediction, SentenceOutcome

__all__ = ["document_errors", "document_table", "sentence_errors", "type_table"]

DOCUMENT_COLUMNS = (
    ("precision", "event_precision"),
    ("recall", "event_recall"),
    ("F1", "event_f1"),
    ("false-event", "false_event_sentence_rate"),  # share of event-free sentences given an event
    ("actor-ctry", "actor_country_accuracy"),
)
COUNT_COLUMNS = ("tp", "fp", "fn", "empty_sentences")


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


def document_table(results: Mapping[str, Mapping[str, Any]]) -> str:
    """One row per set: event precision, recall, F1, false-event sentence rate, actor country accuracy
    and the counts they come from."""
    header = [label for label, _ in DOCUMENT_COLUMNS] + ["tp", "fp", "fn", "no-event"]
    lines = ["set".ljust(26) + "".join(h.rjust(12) for h in header)]
    for name, figures in results.items():
        cells = [_cell(figures[key]) for _, key in DOCUMENT_COLUMNS]
        cells += [str(figures["counts"][key]) for key in COUNT_COLUMNS]
        lines.append(name[:25].ljust(26) + "".join(c.rjust(12) for c in cells))
    return "\n".join(lines)


def type_table(figures: Mapping[str, Any]) -> str:
    """Precision, recall and counts per PLOVER type."""
    lines = ["type".ljust(12) + "".join(h.rjust(11) for h in ("precision", "recall", "tp", "fp", "fn"))]
    for name, row in figures["per_type"].items():
        cells = [_cell(row[key]) for key in ("precision", "recall", "tp", "fp", "fn")]
        lines.append(name.ljust(12) + "".join(c.rjust(11) for c in cells))
    return "\n".join(lines)


def _prediction(p: Prediction) -> str:
    countries = "/".join(p.actor_countries) or "-"
    return f"{p.event_type} '{p.trigger}' {p.rule} {p.certainty} actor {countries}"


def document_errors(outcomes: Iterable[SentenceOutcome], limit: int) -> Iterator[str]:
    """The first `limit` sentences where gold and prediction differ: the gold types (background and
    optional ones in parentheses) beside the predicted ones, the sentence, and each predicted event."""
    shown = 0
    for outcome in outcomes:
        if shown >= limit:
            return
        if not outcome.differs:
            continue
        shown += 1
        gold = " ".join([*outcome.gold, *(f"({t})" for t in outcome.neutral)]) or "-"
        predicted = " ".join(outcome.predicted_types) or "-"
        yield f"\n[{outcome.article_id} #{outcome.index}] gold: {gold}  |  predicted: {predicted}"
        yield f"  {' '.join(outcome.text.split())}"
        for p in outcome.predicted:
            left_out = " (left out)" if p.certainty in NOT_OCCURRED else ""
            yield f"  got: {_prediction(p)}{left_out}"


def _names(refs: Sequence[Mapping[str, Any]]) -> str:
    return "[" + ", ".join(f"{r.get('text')}/{r.get('country')}" for r in refs) + "]"


def _gold_actors(item: Mapping[str, Any]) -> str:
    return "; ".join(
        _names(g.get("sources") or []) + " -> " + _names(g.get("targets") or [])
        for g in item["gold"].get("events") or []
    )


def sentence_errors(
    items: Iterable[Mapping[str, Any]], predictions: Mapping[str, Sequence[Mapping[str, Any]]], limit: int
) -> Iterator[str]:
    """The first `limit` annotated sentences whose predicted types differ from the gold ones (or that
    have a gold CAMEO class and no prediction), gold beside predicted, with each predicted event."""
    shown = 0
    for item in items:
        if shown >= limit:
            return
        gold_events = item["gold"].get("events") or []
        gold_types = sorted({t for g in gold_events for t in (g.get("plover_any") or [])[:1]})
        gold_cameo = sorted({str(g.get("cameo") or g.get("penta")) for g in gold_events})
        got = predictions.get(str(item["id"]), [])
        got_types = {str(e["event_type"]) for e in got}
        if (gold_types and set(gold_types) != got_types) or (not gold_types and not got and gold_cameo):
            shown += 1
            yield f"\n[{item['id']}] {item.get('text')}"
            yield f"  gold: {gold_types or gold_cameo}  {_gold_actors(item)}"
            for e in got:
                yield (
                    f"  got:  {e['event_type']} {e['cameo']} {e.get('rule')} "
                    f"{_names(e['actors'])} -> {_names(e['recipients'])}"
                )
            if not got:
                yield "  got:  nothing"
