"""The declaration of a real-world event record's fields (tidings.store.record_query), as
`tidings.event_schema` declares an event's: the record's JSON, its CSV export (`RECORD_CSV`,
tidings.store.record_export) and the API's model of it (tidings.serve.models) are made from it.

A record is put together when asked, from the mentions of one act in one story; its reports reuse the
event's declared parts (article, location, attribution, evidence).
"""

from __future__ import annotations

import datetime as dt

from tidings.event_schema import (
    ARTICLE,
    ATTRIBUTION,
    EVIDENCE,
    LOCATION,
    SIZE,
    Csv,
    Field,
    Part,
    Shape,
)

__all__ = ["COUNT_FIELDS", "PARTY", "RECORD", "RECORD_CSV", "RECORD_SIZE", "REPORT", "VOTE"]

COUNT_FIELDS = ("killed", "injured", "arrested", "released")


def _value(name: str, kind: object, doc: str, *, nullable: bool = False, shape: Shape = Shape.VALUE) -> Field:
    """A field of a record that is a dict put together when asked: no attribute, no column."""
    return Field(name=name, type=kind, doc=doc, nullable=nullable, shape=shape, attr=None, column=None)


def _part(name: str, part: Part, doc: str, *, shape: Shape = Shape.PART, nullable: bool = False) -> Field:
    return Field(
        name=name, type=dict, doc=doc, shape=shape, part=part, nullable=nullable, attr=None, column=None
    )


PARTY = Part(
    name="party",
    record=dict,
    doc="an actor (or recipient) of the record, once, the most often named first",
    fields=(
        _value("entity_id", str, "Wikidata QID or tidings: id", nullable=True),
        _value("name", str, "the entity's name, else the phrase as written", nullable=True),
        _value("country", str, "ISO 3166 alpha-3, or IGO, NGO, IMG", nullable=True),
        _value("sector", str, "PLOVER sector (GOV, MIL, ...)", nullable=True),
        _value("mentions", int, "the record's mentions that name it"),
    ),
)

VOTE = Part(
    name="vote",
    record=dict,
    doc="a value of a field that some reports give",
    fields=(
        _value("value", str | int, "the value (a date, a place, a count)"),
        _value("articles", str, "the articles that give it", shape=Shape.VALUES),
        _value("sources", str, "their outlets", shape=Shape.VALUES),
    ),
)

RECORD_SIZE = Part(
    name="record_size",
    record=dict,
    doc="the size a report gives, and who it counts",
    fields=(
        *(_value(f.name, f.type, f.doc) for f in SIZE.json_fields),
        _value("status", str, "who the count is of: killed, injured, arrested, released", nullable=True),
    ),
)

REPORT = Part(
    name="record_report",
    record=dict,
    doc="one mention of the record's act: its article and what it says",
    fields=(
        _value("event_id", str, "the mention (an event of the store)"),
        _part("article", ARTICLE, "the article"),
        _value(
            "outlet", str, "who says so: the attribution's name, else the article's source", nullable=True
        ),
        _value("certainty", str, "the mention's certainty"),
        _value("date", dt.date, "the mention's date", nullable=True),
        _value("date_text", str, "the time expression used", nullable=True),
        _part("location", LOCATION, "where it happened", nullable=True),
        _part("size", RECORD_SIZE, "how many it involved", nullable=True),
        _part("attribution", ATTRIBUTION, "who says so", nullable=True),
        _part("evidence", EVIDENCE, "the sentence and the word that triggered it"),
        _value("trigger", str, "the word that triggered it"),
    ),
)

_COUNTS = {
    "killed": "the dead",
    "injured": "the wounded",
    "arrested": "the arrested",
    "released": "the released",
}
RECORD = Part(
    name="record",
    record=dict,
    doc="a real-world event: the mentions of one act in one story (docs/identity.md)",
    fields=(
        _value("id", str, "rec_ + 16 hex digits"),
        _value("story_id", str, "the story it is part of"),
        _value("event_type", str, "PLOVER root: its mentions' most common"),
        _value("mode", str, "PLOVER mode: its mentions' most common", nullable=True),
        _value("certainty", str, "its mentions' most common certainty"),
        _value("date", dt.date, "the best-supported date", nullable=True),
        _value("place", str, "the best-supported place", nullable=True),
        *(_value(c, int, f"the best-supported count of {_COUNTS[c]}", nullable=True) for c in COUNT_FIELDS),
        _part("actors", PARTY, "who acted", shape=Shape.PARTS),
        _part("recipients", PARTY, "whom it was directed at", shape=Shape.PARTS),
        _value("report_count", int, "the articles that report it"),
        _value("mention_count", int, "its mentions"),
        _part(
            "values",
            VOTE,
            "per field, every value the reports give, best-supported first",
            shape=Shape.MAPPING,
        ),
        _value("conflicts", str, "the fields whose reports disagree", shape=Shape.VALUES),
        _part("reports", REPORT, "its mentions, oldest first", shape=Shape.PARTS),
    ),
)

# the CSV of records (tidings.store.record_export), lists joined by "; " (nulls left out); `sources` is
# each report's outlet else its article's source, distinct and sorted, `articles` the articles, distinct
RECORD_CSV: tuple[Csv, ...] = (
    Csv("id", ("id",)),
    Csv("story_id", ("story_id",)),
    Csv("date", ("date",)),
    Csv("event_type", ("event_type",)),
    Csv("mode", ("mode",)),
    Csv("certainty", ("certainty",)),
    Csv("actors", ("actors.name",)),
    Csv("actor_countries", ("actors.country",)),
    Csv("recipients", ("recipients.name",)),
    Csv("recipient_countries", ("recipients.country",)),
    Csv("place", ("place",)),
    *(Csv(c, (c,)) for c in COUNT_FIELDS),
    Csv("report_count", ("report_count",)),
    Csv("mention_count", ("mention_count",)),
    Csv("conflicts", ("conflicts",)),
    Csv("sources", ("reports.outlet", "reports.article.source")),
    Csv("articles", ("reports.article.id",)),
)
