"""The typed, immutable records that every stage of the pipeline passes on.

An `Article` goes in; `Event`s come out. In between, the parser's output is held in `ParsedArticle`
(tokens and entities as plain records, so nothing after `nlp.py` depends on spaCy's API).
Spans are always character offsets `(start, end)` into `Article.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
        return {
            "text": self.text,
            "span": list(self.span),
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "entity_id": self.entity_id,
            "resolved_by": self.resolution.method if self.resolution else None,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Size:
    count: int
    unit: str
    text: str
    span: Span | None = None

    def to_dict(self) -> dict[str, object]:
        return {"count": self.count, "unit": self.unit, "text": self.text}


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    text: str
    name: str
    country: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "name": self.name, "country": self.country}


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
        return {
            "text": self.text,
            "name": self.name,
            "kind": self.kind,
            "cue": self.cue,
            "country": self.country,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    sentence: str
    span: Span
    trigger: str = ""
    trigger_span: Span | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "sentence": self.sentence,
            "span": list(self.span),
            "trigger": self.trigger,
            "trigger_span": list(self.trigger_span) if self.trigger_span else None,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    relation: str  # in_exchange_for, in_response_to, condition_of, follows, adds_to_total
    event: str  # the id of the other event

    def to_dict(self) -> dict[str, object]:
        return {"relation": self.relation, "event": self.event}


@dataclass(frozen=True, slots=True, kw_only=True)
class Flag:
    kind: str  # arithmetic_mismatch, total_checked, title_inconsistent, date_after_publication, ...
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "message": self.message}


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
        return {
            "id": self.id,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [r.to_dict() for r in self.recipients],
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "date_value": self.date_value,
            "location": self.location.to_dict() if self.location else None,
            "size": self.size.to_dict() if self.size else None,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "certainty": self.certainty,
            "evidence": self.evidence.to_dict(),
            "links": [link.to_dict() for link in self.links],
            "flags": [flag.to_dict() for flag in self.flags],
            "rule": self.rule,
            "trail": list(self.trail),
            "confidence": self.confidence,
        }


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
