"""The typed, immutable records that every stage of the pipeline passes on.

An `Article` goes in; `Event`s come out. In between, the parser's output is held in `ParsedArticle`
(tokens and entities as plain records, so nothing after `nlp.py` depends on spaCy's API).
Spans are always character offsets `(start, end)` into `Article.text`. The fields of an event and of its
parts are declared once, in `tidings.event_schema`, which writes their JSON (`to_dict`) and reads it back
(`Event.from_row`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "Article",
    "ActorRef",
    "Attribution",
    "Entity",
    "Event",
    "Evidence",
    "Failure",
    "Flag",
    "Link",
    "Location",
    "ParsedArticle",
    "ParsedSentence",
    "Resolution",
    "Size",
    "Token",
    "ArticleResult",
]

Span = tuple[int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news report: its text and what is known about where it came from."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    origin: str = "-"  # the input (file name, file:line) it was read from, for error messages
    notes: tuple[str, ...] = ()  # what reading the input noted for the user: a date it could not read


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """One token of the parse, with its head as an index into the same sentence's tokens."""

    i: int  # index in the sentence
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index in the sentence; the root points at itself
    start: int  # character offset in the article
    ent_type: str = ""
    ent_iob: str = "O"
    ws: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A named-entity span of the parser, in token indices of its sentence."""

    start: int
    end: int  # exclusive
    label: str
    text: str
    char_span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedSentence:
    text: str
    span: Span
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...] = ()
    embedding: bytes = b""  # float32: the parser's token vectors pooled (mean, max) and mean word vector


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedArticle:
    article: Article
    sentences: tuple[ParsedSentence, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """How a value was resolved: which method, with what confidence and why."""

    method: str
    score: float = 1.0
    reason: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRef:
    """An actor or recipient of an event as written in the text and as resolved."""

    text: str
    span: Span
    name: str | None = None
    country: str | None = None  # ISO 3166 alpha-3 or a PLOVER special code (IGO, NGO, ...)
    sector: str | None = None  # PLOVER sector code (GOV, MIL, REB, ...)
    entity_id: str | None = None
    resolution: Resolution | None = None

    def to_dict(self) -> dict[str, object]:
        from .event_schema import ACTOR, to_record

        return to_record(ACTOR, self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Size:
    count: int
    unit: str
    text: str
    span: Span | None = None

    def to_dict(self) -> dict[str, object]:
        from .event_schema import SIZE, to_record

        return to_record(SIZE, self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    text: str
    name: str
    country: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, object]:
        from .event_schema import LOCATION, to_record

        return to_record(LOCATION, self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    """Who says that the event happened; absent when the article asserts it itself."""

    text: str
    name: str
    kind: str  # state_media, public_media, media, channel, document, government, organization, official,
    # witness, anonymous, person (docs/schema.md)
    cue: str = ""
    span: Span | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, object]:
        from .event_schema import ATTRIBUTION, to_record

        return to_record(ATTRIBUTION, self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    sentence: str
    span: Span
    trigger: str = ""
    trigger_span: Span | None = None

    def to_dict(self) -> dict[str, object]:
        from .event_schema import EVIDENCE, to_record

        return to_record(EVIDENCE, self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    relation: str  # in_exchange_for, in_response_to, condition_of, follows, adds_to_total
    event: str  # the id of the other event

    def to_dict(self) -> dict[str, object]:
        from .event_schema import LINK, to_record

        return to_record(LINK, self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Flag:
    kind: str  # arithmetic_mismatch, total_checked, title_inconsistent, date_after_publication, ...
    message: str

    def to_dict(self) -> dict[str, object]:
        from .event_schema import FLAG, to_record

        return to_record(FLAG, self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One political event as coded from one sentence of one article."""

    id: str
    article_id: str
    event_type: str  # PLOVER root
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    actors: tuple[ActorRef, ...]
    recipients: tuple[ActorRef, ...]
    date: date | None
    date_text: str | None
    date_value: str | None  # TIMEX3 value of date_text: a day, or a coarser period ("2025-W49")
    location: Location | None
    size: Size | None
    attribution: Attribution | None
    certainty: str
    evidence: Evidence
    links: tuple[Link, ...] = ()
    flags: tuple[Flag, ...] = ()
    rule: str = ""  # the lexicon entry that produced the event
    tense: str = "past"  # past, present, future: of the trigger, used by checks on dates
    trail: tuple[str, ...] = ()  # the pattern, then each coding or judging pass that changed the event
    confidence: float | None = None  # the event judge's probability that the sentence reports this type

    def to_dict(self) -> dict[str, object]:
        """The event as `tidings extract` writes it (the fields of `tidings.event_schema.EVENT`)."""
        from .event_schema import EVENT, to_record

        return to_record(EVENT, self)

    @classmethod
    def from_row(cls, row: Mapping[str, Any], **known: Any) -> Event:
        """The event of its JSON record (`to_dict`) or of a row of the store's event query
        (`tidings.store.query`, ids the store's), by `tidings.event_schema.EVENT`; `known` gives attributes
        outright. Its `article_id` is the row's or its article's; its `tense`, not in the record, the
        row's if it has one, else "past"."""
        from .event_schema import EVENT, from_record

        if "article_id" not in known and "article_id" not in row:
            article = row.get("article")
            if not isinstance(article, Mapping):
                raise ValueError("an event's row without article_id or article: give article_id=...")
            known["article_id"] = article["id"]
        event = from_record(EVENT, row, **known)
        assert isinstance(event, Event)
        return event


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """An input or record that could not be processed, and why; the batch goes on."""

    record_id: str
    stage: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleResult:
    article: Article
    events: tuple[Event, ...] = field(default_factory=tuple)
