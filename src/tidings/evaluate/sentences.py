"""Scoring annotated sentences (`tidings eval` on a file in the sentence format).

The gold format is one item a line: `{"id", "dataset", "text", "published", "gold": {"no_event",
"events": [{"plover_any", "mode", "cameo", "penta", "sources": [{"text", "country"}], "targets"}]}}`.
The metrics follow the definitions of the shared evaluation scorer, so the figures are the same:

- PLOVER micro/macro F1 over (item, root) pairs; a gold event with several acceptable roots counts as
  matched by any one of them; macro averages over the roots present in the gold data.
- CAMEO five-class macro F1 (0 statement 01-02, 1 verbal cooperation 03-05, 2 material cooperation
  06-08, 3 verbal conflict 09-13, 4 material conflict 14-20), as a set per item, {0} when nothing is
  predicted; from each event's CAMEO code, else its PLOVER root.
- CAMEO root F1 over (item, two-digit root) pairs.
- Source/target F1: per item, a hit when a gold actor text shares at least half its content words with
  a predicted actor (recipient) text.
- Country F1 over (item, country) pairs, actors and recipients together.
- No-event false-positive rate: share of no-event items where anything was predicted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Tally", "format_table", "score", "score_by_dataset"]

PENTA_OF_ROOT = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "of", "and", "'s", "s", "its", "his", "her", "their", "to", "in", "on", "for"}
)
WORD = re.compile(r"[a-z0-9]+")


@dataclass(slots=True)
class Tally:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[Any], predicted: set[Any]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


@dataclass(slots=True)
class _Scores:
    plover: Tally = field(default_factory=Tally)
    penta: Tally = field(default_factory=Tally)
    cameo: Tally = field(default_factory=Tally)
    source: Tally = field(default_factory=Tally)
    target: Tally = field(default_factory=Tally)
    country: Tally = field(default_factory=Tally)
    per_type: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    per_penta: dict[int, Tally] = field(default_factory=lambda: defaultdict(Tally))
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("plover", "penta", "cameo", "source", "target", "country", "no_event"), 0
        )
    )
    false_alarms: int = 0


def _content_words(text: str | None) -> set[str]:
    return {w for w in WORD.findall((text or "").lower()) if w not in FUNCTION_WORDS}


def _text_matches(gold_text: str, predicted: Sequence[str | None]) -> bool:
    wanted = _content_words(gold_text)
    return bool(wanted) and any(2 * len(wanted & _content_words(p)) >= len(wanted) for p in predicted)


def penta_class(event: Mapping[str, Any]) -> int | None:
    code = str(event.get("cameo") or "")
    if len(code) >= 2 and code[:2].isdigit():
        root = int(code[:2])
        return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
    return PENTA_OF_ROOT.get(str(event.get("event_type")))


def _score_item(s: _Scores, item: Mapping[str, Any], events: list[Mapping[str, Any]]) -> None:
    gold = item["gold"]
    gold_events = gold.get("events") or []
    if gold.get("no_event") and not gold_events:
        s.counts["no_event"] += 1
        s.false_alarms += bool(events)
        return
    predicted_types = {str(e["event_type"]) for e in events if e.get("event_type")}
    typed = [g for g in gold_events if g.get("plover_any")]
    if typed:
        s.counts["plover"] += 1
        wanted: set[str] = set()
        for g in typed:
            hit = [t for t in g["plover_any"] if t in predicted_types]
            wanted.add(hit[0] if hit else g["plover_any"][0])
        s.plover.add(wanted, predicted_types)
        for t in wanted | predicted_types:
            s.per_type[t].add(wanted & {t}, predicted_types & {t})
    gold_penta = {g["penta"] for g in gold_events if g.get("penta") is not None}
    if gold_penta:
        s.counts["penta"] += 1
        got = {c for c in (penta_class(e) for e in events) if c is not None} or {0}
        s.penta.add(gold_penta, got)
        for c in range(5):
            s.per_penta[c].add(gold_penta & {c}, got & {c})
    gold_roots = {str(g["cameo"])[:2] for g in gold_events if g.get("cameo")}
    if gold_roots:
        s.counts["cameo"] += 1
        s.cameo.add(gold_roots, {str(e.get("cameo"))[:2] for e in events if e.get("cameo")})
    for key, tally, gold_key, role in (
        ("source", s.source, "sources", "actors"),
        ("target", s.target, "targets", "recipients"),
    ):
        texts = [r.get("text") for e in events for r in e.get(role) or []]
        gold_texts = [a["text"] for g in gold_events for a in g.get(gold_key) or [] if a.get("text")]
        if gold_texts:
            s.counts[key] += 1
            matched = any(_text_matches(t, texts) for t in gold_texts)
            tally.add({"hit"}, {"hit"} if matched else ({"miss"} if texts else set()))
    gold_countries = {
        a["country"]
        for g in gold_events
        for k in ("sources", "targets")
        for a in g.get(k) or []
        if a.get("country")
    }
    if gold_countries:
        s.counts["country"] += 1
        got_countries = {
            r.get("country")
            for e in events
            for k in ("actors", "recipients")
            for r in e.get(k) or []
            if r.get("country")
        }
        s.country.add(gold_countries, got_countries)


def score(
    gold_items: Iterable[Mapping[str, Any]], predictions: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, Any]:
    """Metrics of `predictions` (article id -> events) on the gold items; see the module docstring."""
    s = _Scores()
    items = list(gold_items)
    for item in items:
        _score_item(s, item, list(predictions.get(str(item["id"]), [])))
    present = [t for t, tally in s.per_type.items() if tally.tp + tally.fn > 0]
    n = s.counts

    def maybe(value: float, key: str) -> float | None:
        return round(value, 4) if n[key] else None

    return {
        "items": len(items),
        "plover_micro_f1": maybe(s.plover.f1(), "plover"),
        "plover_macro_f1": round(sum(s.per_type[t].f1() for t in present) / len(present), 4)
        if present
        else None,
        "penta_macro_f1": maybe(sum(s.per_penta[c].f1() for c in range(5)) / 5, "penta"),
        "cameo_root_f1": maybe(s.cameo.f1(), "cameo"),
        "source_f1": maybe(s.source.f1(), "source"),
        "target_f1": maybe(s.target.f1(), "target"),
        "country_f1": maybe(s.country.f1(), "country"),
        "no_event_fp_rate": round(s.false_alarms / n["no_event"], 4) if n["no_event"] else None,
        "counts": dict(n),
        "per_type_f1": {t: round(s.per_type[t].f1(), 3) for t in sorted(present)},
    }


def score_by_dataset(
    gold_items: Sequence[Mapping[str, Any]],
    predictions: Mapping[str, Sequence[Mapping[str, Any]]],
    by_dataset: bool = True,
) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Mapping[str, Any]]] = {"all": list(gold_items)}
    if by_dataset:
        for item in gold_items:
            groups.setdefault(str(item.get("dataset")), []).append(item)
    return {name: score(items, predictions) for name, items in groups.items()}


TABLE_KEYS = (
    "items",
    "plover_micro_f1",
    "plover_macro_f1",
    "penta_macro_f1",
    "cameo_root_f1",
    "source_f1",
    "target_f1",
    "country_f1",
    "no_event_fp_rate",
)


def format_table(results: Mapping[str, Mapping[str, Any]]) -> str:
    def short(key: str) -> str:
        return key.replace("_f1", "").replace("_rate", "")[:12]

    lines = ["set".ljust(26) + "".join(short(k).rjust(13) for k in TABLE_KEYS)]
    for name, r in results.items():
        cells = ("-" if r[k] is None else str(r[k]) for k in TABLE_KEYS)
        lines.append(name[:25].ljust(26) + "".join(c.rjust(13) for c in cells))
    return "\n".join(lines)
