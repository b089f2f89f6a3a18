"""The one declaration of an event's fields, and the JSON record read and written from it.

Each field of an `Event` and of its parts (actors, location, size, attribution, evidence, links, flags) is
declared once here: its JSON name, the Python type of its JSON value, its column and DuckDB type in the
store, whether it may be null, and what it means. From these tuples come `Event.to_dict` and
`Event.from_row` (here), the store's tables, rows and record query (`tidings.store.schema`,
`tidings.store.rows`, `tidings.store.query`), the CSV, Parquet and PLOVER JSON exports
(`tidings.store.export`, whose layouts `CSV` and `PLOVER` below name declared fields), the API's models
(`tidings.serve.models`) and the tables of docs/schema.md (`scripts/schema_doc.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .records import ActorRef, Article, Attribution, Event, Evidence, Flag, Link, Location, Resolution, Size

__all__ = [
    "ACTOR",
    "ARTICLE",
    "ATTRIBUTION",
    "CSV",
    "EVENT",
    "EVIDENCE",
    "FLAG",
    "LINK",
    "LOCATION",
    "PARTS",
    "PLOVER",
    "PLOVER_ENTITY",
    "SIZE",
    "Csv",
    "Field",
    "Part",
    "Plover",
    "PloverKey",
    "Shape",
    "attribute_type",
    "from_record",
    "to_record",
]


class Shape(StrEnum):
    """How a field's value is laid out in JSON and in the store."""

    VALUE = "value"  # one value: a JSON scalar, one column
    SPAN = "span"  # (start, end): [start, end] in JSON, two INTEGER columns `<column>_start`, `<column>_end`
    VALUES = "values"  # a tuple of strings: a JSON list, a VARCHAR[] column
    PART = "part"  # one record of a `Part`: a JSON object, its fields' columns in the same table
    PARTS = "parts"  # a tuple of records of a `Part`: a JSON list of objects, rows of their own table
    MAPPING = "mapping"  # lists of records of a `Part` by name: a JSON object of lists (records' `values`)


@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    """One field of a record, as the JSON record, the store and the docs have it."""

    name: str  # the JSON name
    type: Any  # the Python type of the JSON value, None aside (PART, PARTS: the part's record)
    doc: str  # what it means, one line (docs/schema.md)
    shape: Shape = Shape.VALUE
    nullable: bool = False  # the value may be null (JSON null, a NULL column)
    attr: str | None = ""  # the record's attribute ("": as `name`); None: a field only the store has
    json: bool = True  # written in the JSON record
    # its column ("": as `name`; a SPAN's stem of two; a PART's prefix of its fields' columns, "" for
    # none); None: not in the table
    column: str | None = ""
    sql: str = ""  # the DuckDB type of its column(s); "" for none
    not_null: bool = False  # the column is NOT NULL (as the first stores declared it)
    primary: bool = False  # the table's primary key
    part: Part | None = None  # the part of a PART or PARTS field
    present: tuple[str, ...] = ()  # a nullable PART is there when one of these fields' columns is set
    table: str = ""  # PARTS: the table of their rows
    role: str = ""  # PARTS that share a table: their rows' `role`
    encode: Callable[[Any], Any] | None = None  # the attribute -> the JSON value, when not itself
    decode: Callable[[Any], Any] | None = None  # the JSON value -> the attribute, when not itself

    def __post_init__(self) -> None:  # "" means "as the name": a frozen dataclass sets it so
        if self.attr == "":
            object.__setattr__(self, "attr", self.name)
        if self.column == "" and self.shape not in (Shape.PART, Shape.PARTS):
            object.__setattr__(self, "column", self.name)

    @property
    def columns(self) -> tuple[str, ...]:
        """The names of its columns in its table (a SPAN's two; none for a part)."""
        if self.column is None or self.shape in (Shape.PART, Shape.PARTS):
            return ()
        if self.shape is Shape.SPAN:
            return (f"{self.column}_start", f"{self.column}_end")
        return (self.column,)


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """A record type and its declared fields, in the order of the JSON record and of the columns."""

    name: str
    record: type
    fields: tuple[Field, ...]
    doc: str

    def field(self, name: str) -> Field:
        """The field with this JSON name (KeyError naming it when there is none)."""
        for declared in self.fields:
            if declared.name == name:
                return declared
        raise KeyError(f"{self.name} has no field {name!r}")

    @property
    def json_fields(self) -> tuple[Field, ...]:
        """The fields of the record's JSON (`to_record`): declared JSON fields the record has."""
        return tuple(f for f in self.fields if f.json and f.attr is not None)


def _method(resolution: Resolution | None) -> str | None:
    return resolution.method if resolution else None


def _resolution(method: str | None) -> Resolution | None:
    return Resolution(method=method) if method else None


_TEXT = "the phrase as written"
_NOT_KEPT = "kept on the record, not written or stored"

ACTOR = Part(
    name="actor",
    record=ActorRef,
    doc="an actor or recipient of an event, as written and as resolved",
    fields=(
        Field(name="text", type=str, sql="VARCHAR", doc=_TEXT),
        Field(name="span", type=int, shape=Shape.SPAN, sql="INTEGER", doc="[start, end) of `text`"),
        Field(name="name", type=str, nullable=True, sql="VARCHAR", doc="the entity's canonical name"),
        Field(
            name="country", type=str, nullable=True, sql="VARCHAR", doc="ISO 3166 alpha-3, or IGO, NGO, IMG"
        ),
        Field(name="sector", type=str, nullable=True, sql="VARCHAR", doc="PLOVER sector (GOV, MIL, ...)"),
        Field(name="entity_id", type=str, nullable=True, sql="VARCHAR", doc="Wikidata QID or tidings: id"),
        Field(
            name="resolved_by",
            attr="resolution",
            type=str,
            nullable=True,
            sql="VARCHAR",
            doc="the rule that resolved it (tidings.codes.ResolutionMethod)",
            encode=_method,
            decode=_resolution,
        ),
    ),
)

LOCATION = Part(
    name="location",
    record=Location,
    doc="where the event took place",
    fields=(
        Field(name="text", type=str, sql="VARCHAR", doc=_TEXT),
        Field(name="name", type=str, sql="VARCHAR", doc="the place's name"),
        Field(name="country", type=str, nullable=True, sql="VARCHAR", doc="its country, ISO 3166 alpha-3"),
        Field(name="span", type=int, shape=Shape.SPAN, nullable=True, json=False, column=None, doc=_NOT_KEPT),
    ),
)

SIZE = Part(
    name="size",
    record=Size,
    doc="how many the event involved",
    fields=(
        Field(name="count", type=int, sql="BIGINT", doc="the number"),
        Field(name="unit", type=str, sql="VARCHAR", doc="of what (people, ...)"),
        Field(name="text", type=str, sql="VARCHAR", doc=_TEXT),
        Field(name="span", type=int, shape=Shape.SPAN, nullable=True, json=False, column=None, doc=_NOT_KEPT),
    ),
)

ATTRIBUTION = Part(
    name="attribution",
    record=Attribution,
    doc="who says the event happened",
    fields=(
        Field(name="text", type=str, sql="VARCHAR", doc=_TEXT),
        Field(name="name", type=str, sql="VARCHAR", doc="the source's name"),
        Field(name="kind", type=str, sql="VARCHAR", doc="what the source is (state_media, official, ...)"),
        Field(name="cue", type=str, sql="VARCHAR", doc="the words that attribute (according to, said)"),
        Field(name="span", type=int, shape=Shape.SPAN, nullable=True, json=False, column=None, doc=_NOT_KEPT),
        Field(name="country", type=str, nullable=True, sql="VARCHAR", doc="the source's country"),
    ),
)

# flattened into `events` as they are named here (no prefix)
EVIDENCE = Part(
    name="evidence",
    record=Evidence,
    doc="the sentence and the word that triggered the event",
    fields=(
        Field(name="sentence", type=str, column="evidence_sentence", sql="VARCHAR", doc="the sentence"),
        Field(
            name="span",
            type=int,
            shape=Shape.SPAN,
            column="evidence",
            sql="INTEGER",
            doc="the sentence's span",
        ),
        Field(name="trigger", type=str, sql="VARCHAR", doc="the word that triggered the event"),
        Field(
            name="trigger_span",
            type=int,
            shape=Shape.SPAN,
            nullable=True,
            column="trigger",
            sql="INTEGER",
            doc="the trigger's span",
        ),
    ),
)

LINK = Part(
    name="link",
    record=Link,
    doc="a relation to another event of the same article",
    fields=(
        Field(name="relation", type=str, sql="VARCHAR", not_null=True, doc="in_exchange_for, follows, ..."),
        # the store writes the other event's stored id here (tidings.store.rows.stored_event_id)
        Field(
            name="event", type=str, column="target_id", sql="VARCHAR", not_null=True, doc="the other event"
        ),
    ),
)

FLAG = Part(
    name="flag",
    record=Flag,
    doc="a check on the event's claims",
    fields=(
        Field(
            name="kind", type=str, sql="VARCHAR", not_null=True, doc="total_checked, title_inconsistent, ..."
        ),
        Field(name="message", type=str, sql="VARCHAR", doc="what was found, for people"),
    ),
)

# the article an event of the store carries (its `article`); `tidings extract` writes it beside the events.
# Its table, `articles`, orders these columns its own way (tidings.store.schema)
ARTICLE = Part(
    name="article",
    record=Article,
    doc="the article that reports the event",
    fields=(
        Field(
            name="id",
            type=str,
            sql="VARCHAR",
            primary=True,
            doc="the store's: sha256: + 16 hex digits of the text",
        ),
        Field(
            name="input_id",
            type=str,
            attr=None,
            sql="VARCHAR",
            not_null=True,
            doc="the id the input gave (JSONL id, file stem)",
        ),
        Field(name="title", type=str, nullable=True, sql="VARCHAR", doc="as given by the input"),
        Field(name="published", type=dt.date, nullable=True, sql="DATE", doc="ISO date of publication"),
        Field(name="url", type=str, nullable=True, sql="VARCHAR", doc="as given by the input"),
        Field(name="source", type=str, nullable=True, sql="VARCHAR", doc="as given by the input"),
        Field(name="text", type=str, json=False, sql="VARCHAR", not_null=True, doc="the article's text"),
        Field(name="origin", type=str, json=False, sql="VARCHAR", doc="the input it was first read from"),
        Field(
            name="notes",
            type=str,
            shape=Shape.VALUES,
            json=False,
            column=None,
            doc="what reading the input noted",
        ),
    ),
)

EVENT = Part(
    name="event",
    record=Event,
    doc="one political event as coded from one sentence of one article",
    fields=(
        Field(
            name="id",
            type=str,
            sql="VARCHAR",
            primary=True,
            doc="deterministic: a hash of the article id, trigger offset, type and actors",
        ),
        Field(name="article_id", type=str, json=False, sql="VARCHAR", not_null=True, doc="the article's id"),
        Field(
            name="extract_id",
            type=str,
            attr=None,
            json=False,
            sql="VARCHAR",
            not_null=True,
            doc="the id `tidings extract` prints for the same event (the store's `id` is unique per text)",
        ),
        Field(name="event_type", type=str, sql="VARCHAR", not_null=True, doc="PLOVER root (AGREE, ...)"),
        Field(name="mode", type=str, nullable=True, sql="VARCHAR", doc="the PLOVER mode of that type"),
        Field(name="context", type=str, shape=Shape.VALUES, sql="VARCHAR[]", doc="PLOVER contexts"),
        Field(name="cameo", type=str, sql="VARCHAR", doc="the CAMEO code"),
        Field(
            name="actors",
            type=ActorRef,
            shape=Shape.PARTS,
            part=ACTOR,
            table="actors",
            role="actor",
            column=None,
            doc="who acted",
        ),
        Field(
            name="recipients",
            type=ActorRef,
            shape=Shape.PARTS,
            part=ACTOR,
            table="actors",
            role="recipient",
            column=None,
            doc="whom the event was directed at",
        ),
        Field(name="date", type=dt.date, nullable=True, sql="DATE", doc="ISO date of the event"),
        Field(name="date_text", type=str, nullable=True, sql="VARCHAR", doc="the time expression used"),
        Field(
            name="date_value",
            type=str,
            nullable=True,
            sql="VARCHAR",
            doc="TIMEX3 value of date_text (a day, or a coarser period)",
        ),
        Field(
            name="location",
            type=Location,
            shape=Shape.PART,
            part=LOCATION,
            nullable=True,
            column="location_",  # location_text, location_name, location_country
            present=("name", "text"),
            doc="where it happened",
        ),
        Field(
            name="size",
            type=Size,
            shape=Shape.PART,
            part=SIZE,
            nullable=True,
            column="size_",
            present=("count",),
            doc="how many it involved",
        ),
        Field(
            name="attribution",
            type=Attribution,
            shape=Shape.PART,
            part=ATTRIBUTION,
            nullable=True,
            column="attribution_",
            present=("name", "text"),
            doc="who says so",
        ),
        Field(name="certainty", type=str, sql="VARCHAR", doc="asserted, reported, ..., negated"),
        Field(
            name="evidence",
            type=Evidence,
            shape=Shape.PART,
            part=EVIDENCE,
            column="",  # evidence_sentence, evidence_start, ..., trigger, trigger_start, ...
            doc="the sentence and the word that triggered it",
        ),
        Field(
            name="links",
            type=Link,
            shape=Shape.PARTS,
            part=LINK,
            table="links",
            column=None,
            doc="relations to other events of the same article",
        ),
        Field(
            name="flags",
            type=Flag,
            shape=Shape.PARTS,
            part=FLAG,
            table="flags",
            column=None,
            doc="checks of its claims against the article and the knowledge base",
        ),
        Field(name="rule", type=str, sql="VARCHAR", doc="the lexicon pattern that produced the event"),
        Field(name="tense", type=str, json=False, sql="VARCHAR", doc="past, present, future: of the trigger"),
        Field(name="trail", type=str, shape=Shape.VALUES, sql="VARCHAR[]", doc="the pattern and the passes"),
        Field(
            name="confidence",
            type=float,
            nullable=True,
            sql="DOUBLE",
            doc="the event judge's probability that the sentence reports an event",
        ),
        # the store's own, joined when an event is read (no column of `events`)
        Field(
            name="article",
            type=Article,
            shape=Shape.PART,
            part=ARTICLE,
            attr=None,
            column=None,
            doc="the article that reports it (the store's record)",
        ),
        Field(
            name="record_id",
            type=str,
            nullable=True,
            attr=None,
            column=None,
            doc="the real-world event it is a report of (docs/identity.md)",
        ),
        Field(
            name="story_id",
            type=str,
            nullable=True,
            attr=None,
            column=None,
            doc="the story it is part of (docs/identity.md)",
        ),
    ),
)

PARTS: tuple[Part, ...] = (EVENT, ACTOR, LOCATION, SIZE, ATTRIBUTION, EVIDENCE, LINK, FLAG, ARTICLE)


def to_record(part: Part, record: Any) -> dict[str, object]:
    """`record` (of `part.record`) as its JSON record: `part.json_fields` in order, spans and lists as
    lists, dates in ISO format, parts as objects."""
    out: dict[str, object] = {}
    for field in part.json_fields:
        value = getattr(record, field.attr)  # type: ignore[arg-type]
        out[field.name] = _encoded(field, value)
    return out


def _encoded(field: Field, value: Any) -> object:
    if field.encode is not None:
        return field.encode(value)
    if value is None:
        return None
    shape = field.shape
    if shape is Shape.PART:
        assert field.part is not None
        return to_record(field.part, value)
    if shape is Shape.PARTS:
        assert field.part is not None
        return [to_record(field.part, item) for item in value]
    if shape is Shape.SPAN or shape is Shape.VALUES:
        return list(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def from_record(part: Part, row: Mapping[str, Any], **known: Any) -> Any:
    """A record of `part` from its JSON record or the store's row of it (dates as dates or ISO text,
    spans and lists as lists or tuples, parts as mappings). A declared attribute the row lacks takes the
    record's default; `known` gives attributes outright."""
    values: dict[str, Any] = {}
    for field in part.fields:
        if field.attr is None or field.attr in known or field.name not in row:
            continue
        values[field.attr] = _decoded(field, row[field.name])
    return part.record(**values, **known)


def _decoded(field: Field, value: Any) -> Any:
    if field.decode is not None:
        return field.decode(value)
    shape = field.shape
    if shape is Shape.PARTS or shape is Shape.VALUES:
        items = value or ()
        return tuple(from_record(field.part, x) for x in items) if field.part else tuple(items)
    if value is None:
        return None
    if shape is Shape.PART:
        assert field.part is not None
        return from_record(field.part, value)
    if shape is Shape.SPAN:
        start, end = value
        return (start, end)
    if field.type is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


@dataclass(frozen=True, slots=True)
class Csv:
    """A column of the CSV export: the first set of `paths` (dotted JSON names of declared fields; over a
    list, each item's, joined by "; "), or with `joined` every path's value joined by a space."""

    name: str
    paths: tuple[str, ...]
    joined: bool = False


# the CSV export's columns, in order (tidings.store.export.write_csv); `article.*` and the ids are the store's
CSV: tuple[Csv, ...] = (
    Csv("id", ("id",)),
    Csv("date", ("date",)),
    Csv("event_type", ("event_type",)),
    Csv("mode", ("mode",)),
    Csv("cameo", ("cameo",)),
    Csv("context", ("context",)),
    Csv("actors", ("actors.name", "actors.text")),
    Csv("actor_countries", ("actors.country",)),
    Csv("actor_sectors", ("actors.sector",)),
    Csv("recipients", ("recipients.name", "recipients.text")),
    Csv("recipient_countries", ("recipients.country",)),
    Csv("recipient_sectors", ("recipients.sector",)),
    Csv("location", ("location.name",)),
    Csv("location_country", ("location.country",)),
    Csv("size_count", ("size.count",)),
    Csv("size_unit", ("size.unit",)),
    Csv("attribution", ("attribution.name",)),
    Csv("attribution_kind", ("attribution.kind",)),
    Csv("certainty", ("certainty",)),
    Csv("evidence", ("evidence.sentence",)),
    Csv("trigger", ("evidence.trigger",)),
    Csv("links", ("links.relation", "links.event"), joined=True),
    Csv("flags", ("flags.kind",)),
    Csv("rule", ("rule",)),
    Csv("article_id", ("article.id",)),
    Csv("article_title", ("article.title",)),
    Csv("article_url", ("article.url",)),
    Csv("article_published", ("article.published",)),
    Csv("record_id", ("record_id",)),
    Csv("story_id", ("story_id",)),
)


class Plover(StrEnum):
    """How a PLOVER JSON key is made from its declared paths."""

    SAME = "same"  # the value as it is
    LISTED = "listed"  # in a list of one
    LISTED_IF_ANY = "listed_if_any"  # in a list of one, or [] for none (null or empty)
    ENTITIES = "entities"  # each actor as a PLOVER entity (`PLOVER_ENTITY`)
    OBJECT = "object"  # an object of the paths' values, under the keys given
    LINKS = "links"  # each "relation:event"
    CONSTANT = "constant"  # a value of the exporter's (has_event, coder)


@dataclass(frozen=True, slots=True)
class PloverKey:
    """A key of the PLOVER JSON record and the declared fields (dotted JSON paths) it is made of."""

    key: str
    how: Plover
    paths: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()  # OBJECT: the key of each path's value


# the PLOVER JSON record (PLOVER manual, "Data Fields"), in order (tidings.store.export.plover_record)
PLOVER: tuple[PloverKey, ...] = (
    PloverKey("id", Plover.SAME, ("id",)),
    PloverKey("has_event", Plover.CONSTANT),
    PloverKey("date", Plover.SAME, ("date",)),
    PloverKey("actor", Plover.ENTITIES, ("actors",)),
    PloverKey("recipient", Plover.ENTITIES, ("recipients",)),
    PloverKey("event", Plover.LISTED, ("event_type",)),
    PloverKey("mode", Plover.LISTED_IF_ANY, ("mode",)),
    PloverKey("context", Plover.SAME, ("context",)),
    PloverKey("cameo", Plover.SAME, ("cameo",)),
    PloverKey(
        "event_loc", Plover.OBJECT, ("location.name", "location.country"), ("place_name", "country_code")
    ),
    PloverKey("event_text", Plover.LISTED, ("evidence.trigger",)),
    PloverKey("text", Plover.SAME, ("evidence.sentence",)),
    PloverKey("text_info", Plover.OBJECT, ("evidence.span.0", "evidence.span.1"), ("start", "end")),
    PloverKey(
        "cite_info",
        Plover.OBJECT,
        (
            "article.id",
            "article.input_id",
            "article.title",
            "article.url",
            "article.source",
            "article.published",
        ),
        ("article_id", "input_id", "title", "url", "source", "published"),
    ),
    PloverKey("link", Plover.LINKS, ("links",)),
    PloverKey("size", Plover.SAME, ("size",)),
    PloverKey("attribution", Plover.SAME, ("attribution",)),
    PloverKey("certainty", Plover.SAME, ("certainty",)),
    PloverKey("record_id", Plover.SAME, ("record_id",)),
    PloverKey("story_id", Plover.SAME, ("story_id",)),
    PloverKey("coder", Plover.CONSTANT),
)

# a PLOVER entity from an actor: its key <- the actor's field
PLOVER_ENTITY: tuple[tuple[str, str], ...] = (
    ("code", "country"),
    ("sector", "sector"),
    ("entity_text", "text"),
    ("identifier_id", "entity_id"),
    ("identifier_text", "name"),
)


def attribute_type(field: Field) -> Any:
    """The Python type of the record's attribute that `field` declares (None for a field that is
    `encode`d: its attribute is of another type than its JSON value)."""
    if field.encode is not None:
        return None
    kind: Any
    if field.shape is Shape.SPAN:
        kind = tuple[int, int]
    elif field.shape in (Shape.VALUES, Shape.PARTS):
        kind = tuple[field.type, ...]  # type: ignore[name-defined]
    else:
        kind = field.type
    return kind | None if field.nullable else kind
