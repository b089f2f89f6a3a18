"""Records -> the rows of the store's tables, as Arrow tables: one `Shard` per batch of articles.

A shard is what a batch hands to the store, in-process (local engine) or as Parquet bytes from a Dask
worker. Stored ids are content ids: an article is named by its text (`sha256:` + 16 hex digits, the
input's own id kept as `input_id`), and an event by its article's content id and its extracted id, so
the same text read from two inputs, or twice, is stored once.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq

from tidings.ingest.articles import content_id
from tidings.ingest.checks import clean_text
from tidings.records import ActorRef, Article, ArticleResult, Event, Failure

__all__ = ["TABLE_NAMES", "Shard", "shard_of", "stored_article_id", "stored_event_id"]

_DATE = pa.date32()
_SPAN = pa.int32()
# What each integer column holds (bits); a value outside is stored as NULL, so one odd record never
# costs its batch (extraction bounds sizes and texts far inside these: this is defence in depth).
SPAN_BITS, POSITION_BITS, COUNT_BITS = 32, 16, 64

# One schema per table, in the store's column order (see `tidings.store.schema`).
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", pa.string()),
            ("input_id", pa.string()),
            ("origin", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("published", _DATE),
            ("text", pa.string()),
        ]
    ),
    "events": pa.schema(
        [
            ("id", pa.string()),
            ("article_id", pa.string()),
            ("extract_id", pa.string()),
            ("event_type", pa.string()),
            ("mode", pa.string()),
            ("context", pa.list_(pa.string())),
            ("cameo", pa.string()),
            ("date", _DATE),
            ("date_text", pa.string()),
            ("date_value", pa.string()),
            ("location_text", pa.string()),
            ("location_name", pa.string()),
            ("location_country", pa.string()),
            ("size_count", pa.int64()),
            ("size_unit", pa.string()),
            ("size_text", pa.string()),
            ("attribution_text", pa.string()),
            ("attribution_name", pa.string()),
            ("attribution_kind", pa.string()),
            ("attribution_cue", pa.string()),
            ("attribution_country", pa.string()),
            ("certainty", pa.string()),
            ("evidence_sentence", pa.string()),
            ("evidence_start", _SPAN),
            ("evidence_end", _SPAN),
            ("trigger", pa.string()),
            ("trigger_start", _SPAN),
            ("trigger_end", _SPAN),
            ("rule", pa.string()),
            ("tense", pa.string()),
            ("trail", pa.list_(pa.string())),
            ("confidence", pa.float64()),
        ]
    ),
    "actors": pa.schema(
        [
            ("event_id", pa.string()),
            ("role", pa.string()),
            ("position", pa.int16()),
            ("text", pa.string()),
            ("span_start", _SPAN),
            ("span_end", _SPAN),
            ("name", pa.string()),
            ("country", pa.string()),
            ("sector", pa.string()),
            ("entity_id", pa.string()),
            ("resolved_by", pa.string()),
        ]
    ),
    "links": pa.schema(
        [
            ("event_id", pa.string()),
            ("position", pa.int16()),
            ("relation", pa.string()),
            ("target_id", pa.string()),
        ]
    ),
    "flags": pa.schema(
        [
            ("event_id", pa.string()),
            ("position", pa.int16()),
            ("kind", pa.string()),
            ("message", pa.string()),
        ]
    ),
    "failures": pa.schema(
        [
            ("record_id", pa.string()),
            ("stage", pa.string()),
            ("reason", pa.string()),
        ]
    ),
}
TABLE_NAMES: tuple[str, ...] = tuple(SCHEMAS)
_POSITIONS = (1 << (POSITION_BITS - 1)) - 1  # actors, links and flags kept per event (a SMALLINT position)


def stored_article_id(article: Article) -> str:
    """The store's id of an article: its content id, whatever id the input gave it."""
    return content_id(article.text)


def stored_event_id(article_key: str, event_id: str) -> str:
    """The store's id of an event: unique per stored article, the same on every run."""
    digest = hashlib.sha256(f"{article_key}\x1f{event_id}".encode()).hexdigest()
    return f"ev_{digest[:16]}"


@dataclass(frozen=True, slots=True)
class Shard:
    """The rows of one batch, one Arrow table per store table (`TABLE_NAMES`), plus its counts."""

    tables: dict[str, pa.Table]
    articles_read: int = 0  # articles the batch was given, stored or not

    def to_parquet(self) -> dict[str, bytes]:
        """Each table as Parquet bytes: what a Dask worker sends back."""
        out = {}
        for name, table in self.tables.items():
            buffer = io.BytesIO()
            pq.write_table(table, buffer, compression="zstd")
            out[name] = buffer.getvalue()
        return out

    @classmethod
    def from_parquet(cls, parts: dict[str, bytes], articles_read: int) -> Shard:
        tables = {name: pq.read_table(pa.BufferReader(data)) for name, data in parts.items()}
        return cls(tables=tables, articles_read=articles_read)


def shard_of(
    results: Iterable[ArticleResult], failures: Sequence[Failure] = (), articles_read: int = 0
) -> Shard:
    """The rows of extracted articles and of failures, ready for `tidings.store.write_shard`.

    An article whose text came earlier in `results` is left out, as is a repeated event id.
    """
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in TABLE_NAMES}
    keys: set[str] = set()
    for result in results:
        key = stored_article_id(result.article)
        if key in keys:  # the same text twice in a batch: the first is stored
            continue
        keys.add(key)
        rows["articles"].append(_article_row(result.article, key))
        event_ids: set[str] = set()
        for event in result.events:
            if event.id not in event_ids:
                event_ids.add(event.id)
                _add_event(rows, key, event)
    for failure in failures:
        rows["failures"].append(
            {"record_id": _text(failure.record_id), "stage": failure.stage, "reason": _text(failure.reason)}
        )
    tables = {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLE_NAMES}
    return Shard(tables=tables, articles_read=articles_read)


def _article_row(article: Article, key: str) -> dict[str, object]:
    return {
        "id": key,
        "input_id": _text(article.id),
        "origin": _text(article.origin),
        "source": _text(article.source),
        "url": _text(article.url),
        "title": _text(article.title),
        "published": article.published,
        "text": _text(article.text),
    }


def _text(value: str | None) -> str | None:
    """A string as the store can hold it: valid Unicode (a lone surrogate becomes U+FFFD)."""
    return clean_text(value) if value is not None else None


def _int(value: int | None, bits: int) -> int | None:
    """`value` if a signed integer column of `bits` bits holds it, else None."""
    return value if value is not None and -(1 << (bits - 1)) <= value < 1 << (bits - 1) else None


def _add_event(rows: dict[str, list[dict[str, object]]], article_key: str, event: Event) -> None:
    event_id = stored_event_id(article_key, event.id)
    location, source, evidence = event.location, event.attribution, event.evidence
    size = event.size if event.size and _int(event.size.count, COUNT_BITS) is not None else None
    trigger_span = evidence.trigger_span or (None, None)
    row: dict[str, object] = {
        "id": event_id,
        "article_id": article_key,
        "extract_id": event.id,
        "event_type": event.event_type,
        "mode": event.mode,
        "context": [_text(c) for c in event.context],
        "cameo": event.cameo,
        "date": event.date,
        "date_text": event.date_text,
        "date_value": event.date_value,
        "location_text": location.text if location else None,
        "location_name": location.name if location else None,
        "location_country": location.country if location else None,
        "size_count": size.count if size else None,
        "size_unit": size.unit if size else None,
        "size_text": size.text if size else None,
        "attribution_text": source.text if source else None,
        "attribution_name": source.name if source else None,
        "attribution_kind": source.kind if source else None,
        "attribution_cue": source.cue if source else None,
        "attribution_country": source.country if source else None,
        "certainty": event.certainty,
        "evidence_sentence": evidence.sentence,
        "evidence_start": _int(evidence.span[0], SPAN_BITS),
        "evidence_end": _int(evidence.span[1], SPAN_BITS),
        "trigger": evidence.trigger,
        "trigger_start": _int(trigger_span[0], SPAN_BITS),
        "trigger_end": _int(trigger_span[1], SPAN_BITS),
        "rule": event.rule,
        "tense": event.tense,
        "trail": [_text(step) for step in event.trail],
        "confidence": event.confidence,
    }
    rows["events"].append({k: _text(v) if isinstance(v, str) else v for k, v in row.items()})
    for role, refs in (("actor", event.actors), ("recipient", event.recipients)):
        for position, ref in enumerate(refs[:_POSITIONS]):
            rows["actors"].append(_actor_row(event_id, role, position, ref))
    for position, link in enumerate(event.links[:_POSITIONS]):
        rows["links"].append(
            {
                "event_id": event_id,
                "position": position,
                "relation": _text(link.relation),
                "target_id": stored_event_id(article_key, link.event),
            }
        )
    for position, flag in enumerate(event.flags[:_POSITIONS]):
        rows["flags"].append(
            {
                "event_id": event_id,
                "position": position,
                "kind": _text(flag.kind),
                "message": _text(flag.message),
            }
        )


def _actor_row(event_id: str, role: str, position: int, ref: ActorRef) -> dict[str, object]:
    return {
        "event_id": event_id,
        "role": role,
        "position": position,
        "text": _text(ref.text),
        "span_start": _int(ref.span[0], SPAN_BITS),
        "span_end": _int(ref.span[1], SPAN_BITS),
        "name": _text(ref.name),
        "country": _text(ref.country),
        "sector": _text(ref.sector),
        "entity_id": _text(ref.entity_id),
        "resolved_by": ref.resolution.method if ref.resolution else None,
    }
