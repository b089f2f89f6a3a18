"""Scoring whole articles against sentence-level gold: precision on real text.

The gold format is one article a line: `{"id", "dataset", "published", "text", "sentences": [{"span":
[start, end], "events": [{"type", "alt", "mode", "actor", "actor_country", "recipient",
"recipient_country", "background", "optional"}]}]}`, every sentence listed, most with no event. The
definitions are those of the shared `score_documents.py`, so the figures are the same:

- Each predicted event belongs to the gold sentence holding the start of its trigger (else of its
  evidence); predictions whose certainty is negated, hypothetical or planned claim no event and are left
  out.
- event precision / recall / F1 over (article, sentence, type): each required gold event (neither
  `background` nor `optional`; one per type and alternatives in a sentence) is matched by at most one
  predicted type among its type and `alt`, events with fewer alternatives first; a predicted type that
  matches only a background or optional event is neither right nor wrong.
- false-event sentence rate: share of the sentences with no gold event at all where anything is predicted.
- actor country accuracy: over matched events whose gold names an actor country, the share where a
  predicted event of the matching type in that sentence has that country among its actors.
- per type: precision, recall and counts, a match counted under the gold event's own type.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..codes import NOT_OCCURRED

__all__ = [
    "Prediction",
    "SentenceOutcome",
    "compare_documents",
    "compare_sentences",
    "document_figures",
    "score_documents",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Prediction:
    """A predicted event as the scorer sees it."""

    event_type: str
    certainty: str
    trigger: str
    rule: str
    actor_countries: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceOutcome:
    """Gold and prediction compared on one sentence of one article."""

    article_id: str
    dataset: str
    index: int  # the sentence's position in the article's gold
    text: str
    gold: tuple[str, ...]  # the types of the required gold events, sorted
    neutral: tuple[str, ...]  # types (and alternatives) of background and optional events, sorted
    predicted: tuple[Prediction, ...]  # in text order, those left out included
    matched: tuple[str, ...]  # gold types of the matched required events
    missed: tuple[str, ...]  # gold types of the required events no prediction matched
    wrong: tuple[str, ...]  # predicted types that match no gold event, sorted
    empty: bool  # the gold lists no event at all (not even a background one)
    country_checks: tuple[bool, ...]  # per matched event with a gold actor country: whether it was found

    @property
    def predicted_types(self) -> tuple[str, ...]:
        """The types scored: those of the predictions not left out, sorted."""
        return tuple(sorted({p.event_type for p in self.predicted if p.certainty not in NOT_OCCURRED}))

    @property
    def differs(self) -> bool:
        return bool(self.wrong or self.missed)

    def error_dict(self) -> dict[str, object]:
        """The sentence as the shared scorer lists its errors."""
        return {
            "id": self.article_id,
            "sentence": self.index,
            "text": self.text,
            "gold": [*self.gold, *(f"({t})" for t in self.neutral)],
            "predicted": list(self.predicted_types),
        }


def _prediction(event: Mapping[str, Any]) -> Prediction:
    evidence = event.get("evidence") or {}
    return Prediction(
        event_type=str(event.get("event_type")),
        certainty=str(event.get("certainty")),
        trigger=str(evidence.get("trigger") or ""),
        rule=str(event.get("rule") or ""),
        actor_countries=tuple(str(a.get("country")) for a in event.get("actors") or [] if a.get("country")),
    )


def _anchor(event: Mapping[str, Any]) -> int | None:
    evidence = event.get("evidence") or {}
    span = evidence.get("trigger_span") or evidence.get("span")
    return int(span[0]) if span else None


def _sentence_of(spans: Sequence[Sequence[int]], offset: int) -> int | None:
    return next((i for i, (start, end) in enumerate(spans) if start <= offset < end), None)


def _match(
    required: Sequence[Mapping[str, Any]], predicted: set[str]
) -> tuple[list[tuple[Mapping[str, Any], str]], list[Mapping[str, Any]], set[str]]:
    """Required events matched one to one by predicted types, those with fewer alternatives first:
    ((event, type that matched) pairs, events unmatched, predicted types left over)."""
    left = set(predicted)
    matched: list[tuple[Mapping[str, Any], str]] = []
    unmatched: list[Mapping[str, Any]] = []
    for event in sorted(required, key=lambda e: len(e.get("alt", []))):
        hit = next((t for t in [event["type"], *event.get("alt", [])] if t in left), None)
        if hit is None:
            unmatched.append(event)
        else:
            left.discard(hit)
            matched.append((event, hit))
    return matched, unmatched, left


def _required(events: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """One required event per type and alternatives: a sentence's types are what is scored."""
    unique: dict[tuple[str, tuple[str, ...]], Mapping[str, Any]] = {}
    for event in events:
        if not (event.get("background") or event.get("optional")):
            unique[(event["type"], tuple(sorted(event.get("alt", []))))] = event
    return list(unique.values())


def compare_sentences(item: Mapping[str, Any], events: Iterable[Mapping[str, Any]]) -> list[SentenceOutcome]:
    """Each gold sentence of one article compared with the predicted `events` of that article."""
    sentences = item["sentences"]
    spans = [s["span"] for s in sentences]
    by_sentence: dict[int, list[Mapping[str, Any]]] = {}
    for event in events:
        anchor = _anchor(event)
        i = _sentence_of(spans, anchor) if anchor is not None else None
        if i is not None:
            by_sentence.setdefault(i, []).append(event)
    text = item.get("text") or ""
    outcomes = []
    for i, sentence in enumerate(sentences):
        gold_events = sentence.get("events") or []
        predicted = tuple(_prediction(e) for e in by_sentence.get(i, []))
        counted = [p for p in predicted if p.certainty not in NOT_OCCURRED]
        required = _required(gold_events)
        neutral = {
            t
            for e in gold_events
            if e.get("background") or e.get("optional")
            for t in [e["type"], *e.get("alt", [])]
        }
        matched, unmatched, left = _match(required, {p.event_type for p in counted})
        checks = tuple(
            any(e["actor_country"] in p.actor_countries for p in counted if p.event_type == hit)
            for e, hit in matched
            if e.get("actor_country")
        )
        start, end = sentence["span"]
        outcomes.append(
            SentenceOutcome(
                article_id=str(item["id"]),
                dataset=str(item.get("dataset", "?")),
                index=i,
                text=text[start:end],
                gold=tuple(sorted({e["type"] for e in required})),
                neutral=tuple(sorted(neutral)),
                predicted=predicted,
                matched=tuple(e["type"] for e, _ in matched),
                missed=tuple(e["type"] for e in unmatched),
                wrong=tuple(sorted(left - neutral)),
                empty=not gold_events,
                country_checks=checks,
            )
        )
    return outcomes


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def document_figures(outcomes: Sequence[SentenceOutcome]) -> dict[str, Any]:
    """The figures of a set of sentences, keyed as the shared scorer keys them."""
    tp = sum(len(o.matched) for o in outcomes)
    fp = sum(len(o.wrong) for o in outcomes)
    fn = sum(len(o.missed) for o in outcomes)
    empty = [o for o in outcomes if o.empty]
    checks = [c for o in outcomes for c in o.country_checks]
    types: dict[str, list[int]] = {}  # type -> [tp, fp, fn]
    for o in outcomes:
        for column, names in enumerate((o.matched, o.wrong, o.missed)):
            for name in names:
                types.setdefault(name, [0, 0, 0])[column] += 1
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {
        "event_precision": _round(precision),
        "event_recall": _round(recall),
        "event_f1": _round(f1),
        "false_event_sentence_rate": _round(_ratio(sum(bool(o.predicted_types) for o in empty), len(empty))),
        "actor_country_accuracy": _round(_ratio(sum(checks), len(checks))),
        "counts": {"tp": tp, "fp": fp, "fn": fn, "empty_sentences": len(empty)},
        "per_type": {
            name: {
                "precision": _round(_ratio(t, t + f)),
                "recall": _round(_ratio(t, t + n)),
                "tp": t,
                "fp": f,
                "fn": n,
            }
            for name, (t, f, n) in sorted(types.items())
        },
    }


def compare_documents(
    gold_items: Iterable[Mapping[str, Any]], predictions: Mapping[str, Sequence[Mapping[str, Any]]]
) -> list[SentenceOutcome]:
    """Every gold sentence of every article compared with `predictions` (article id -> events)."""
    return [
        outcome
        for item in gold_items
        for outcome in compare_sentences(item, predictions.get(str(item["id"]), []))
    ]


def score_documents(
    outcomes: Iterable[SentenceOutcome], by_dataset: bool = True
) -> dict[str, dict[str, Any]]:
    """The figures of all sentences ("all") and, `by_dataset`, of each dataset's sentences."""
    groups: dict[str, list[SentenceOutcome]] = {}
    for outcome in outcomes:
        for name in ("all", outcome.dataset) if by_dataset else ("all",):
            groups.setdefault(name, []).append(outcome)
    return {name: document_figures(group) for name, group in groups.items()}
