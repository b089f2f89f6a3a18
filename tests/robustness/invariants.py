"""The schema's invariants, checked on whatever extraction and annotation give: every span inside the
text and slicing to its `text`, sizes in range, ISO dates, known PLOVER types and CAMEO codes."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources

import duckdb

from tidings.annotate import Annotated
from tidings.extract.size import MAX_COUNT
from tidings.records import ArticleResult, Event

__all__ = ["cameo_codes", "check_annotated", "check_result", "check_stored", "plover_types"]


@cache
def _cameo_table() -> dict[str, dict[str, object]]:
    text = (resources.files("tidings") / "knowledge" / "cameo.json").read_text(encoding="utf-8")
    table: dict[str, dict[str, object]] = json.loads(text)
    return table


def cameo_codes() -> frozenset[str]:
    return frozenset(_cameo_table())


def plover_types() -> frozenset[str]:
    return frozenset(str(v["plover"]) for v in _cameo_table().values() if v.get("plover"))


def _slices(text: str, span: tuple[int, int] | list[int] | None, expected: str, what: str) -> None:
    assert span is not None, f"{what}: no span"
    start, end = span
    assert 0 <= start <= end <= len(text), f"{what}: span {span} outside the text ({len(text)} characters)"
    assert text[start:end] == expected, f"{what}: span {span} is {text[start:end]!r}, not {expected!r}"


def check_event(text: str, event: Event) -> None:
    where = f"event {event.id} ({event.rule})"
    assert event.event_type in plover_types(), f"{where}: unknown PLOVER type {event.event_type}"
    assert event.cameo in cameo_codes(), f"{where}: unknown CAMEO code {event.cameo}"
    for ref in (*event.actors, *event.recipients):
        _slices(text, ref.span, ref.text, f"{where}: actor")
    evidence = event.evidence
    _slices(text, evidence.span, evidence.sentence, f"{where}: evidence")
    _slices(text, evidence.trigger_span, evidence.trigger, f"{where}: trigger")
    if event.size is not None:
        assert isinstance(event.size.count, int) and 0 <= event.size.count <= MAX_COUNT, f"{where}: size"
        assert event.size.text, f"{where}: a size without text"
        _slices(text, event.size.span, event.size.text, f"{where}: size")
    if event.location is not None and event.location.span is not None:
        _slices(text, event.location.span, event.location.text, f"{where}: location")
    if event.attribution is not None and event.attribution.span is not None:
        _slices(text, event.attribution.span, event.attribution.text, f"{where}: attribution")
    if event.date_text is not None:
        assert event.date_text in evidence.sentence or event.date is not None, f"{where}: date text"
    record = event.to_dict()
    if record["date"] is not None:
        assert dt.date.fromisoformat(str(record["date"])) == event.date, f"{where}: date not ISO"
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # valid Unicode throughout


def check_result(result: ArticleResult) -> None:
    for event in result.events:
        check_event(result.article.text, event)


def check_annotated(annotated: Annotated) -> None:
    text = annotated.article.text
    for mention in (*annotated.mentions, *annotated.flags):
        where = f"{mention.kind} mention"
        _slices(text, mention.span, mention.text, where)
        details = dict(mention.details)
        for part in ("source", "cue", "content"):
            value = details.get(part)
            if isinstance(value, dict):
                _slices(text, value["span"], value["text"], f"{where}: {part}")
        if mention.kind == "quantity":
            count = details["count"]
            assert isinstance(count, int) and 0 <= count <= MAX_COUNT, f"{where}: count {count}"
    json.dumps([m.to_dict() for m in annotated.mentions], ensure_ascii=False).encode("utf-8")


def check_stored(con: duckdb.DuckDBPyConnection) -> None:
    """The store's spans slice its articles' texts to the stored text, and every row is in range."""
    rows = con.execute(
        "SELECT a.text, e.evidence_start, e.evidence_end, e.evidence_sentence, e.trigger_start,"
        " e.trigger_end, e.trigger, e.size_count, e.event_type, e.cameo"
        " FROM events e JOIN articles a ON a.id = e.article_id"
    ).fetchall()
    for text, start, end, sentence, t_start, t_end, trigger, size, event_type, cameo in rows:
        _slices(text, (start, end), sentence, "stored evidence")
        _slices(text, (t_start, t_end), trigger, "stored trigger")
        assert size is None or 0 <= size <= MAX_COUNT, f"stored size {size}"
        assert event_type in plover_types() and cameo in cameo_codes()
    actors = con.execute(
        "SELECT a.text, r.span_start, r.span_end, r.text FROM actors r JOIN events e ON e.id = r.event_id"
        " JOIN articles a ON a.id = e.article_id"
    ).fetchall()
    for text, start, end, actor in actors:
        _slices(text, (start, end), actor, "stored actor")
    orphans = con.execute(
        "SELECT count(*) FROM events e LEFT JOIN articles a ON a.id = e.article_id WHERE a.id IS NULL"
    ).fetchone()
    assert orphans == (0,), "events without their article"
