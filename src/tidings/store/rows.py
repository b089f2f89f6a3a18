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
from tidings.records import ActorRef, Article, ArticleResult, Event, Failure

__all__ = ["TABLE_NAMES", "Shard", "shard_of", "stored_article_id", "stored_event_id"]

_DATE = pa.date32()
_SPAN = pa.int32()

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
            {"record_id": failure.record_id, "stage": failure.stage, "reason": failure.reason}
        )
    tables = {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLE_NAMES}
    return Shard(tables=tables, articles_read=articles_read)


def _article_row(article: Article, key: str) -> dict[str, object]:
    return {
        "id": key,
        "input_id": article.id,
        "origin": article.origin,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "text": article.text,
    }


def _add_event(rows: dict[str, list[dict[str, object]]], article_key: str, event: Event) -> None:
    event_id = stored_event_id(article_key, event.id)
    location, size, source, evidence = event.location, event.size, event.attribution, event.evidence
    trigger_span = evidence.trigger_span
    rows["events"].append(
        {
            "id": event_id,
            "article_id": article_key,
            "extract_id": event.id,
            "event_type": event.event_type,
            "mode": event.mode,
            "context": list(event.context),
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
            "evidence_start": evidence.span[0],
            "evidence_end": evidence.span[1],
            "trigger": evidence.trigger,
            "trigger_start": trigger_span[0] if trigger_span else None,
            "trigger_end": trigger_span[1] if trigger_span else None,
            "rule": event.rule,
            "tense": event.tense,
            "trail": list(event.trail),
            "confidence": event.confidence,
        }
    )
    for role, refs in (("actor", event.actors), ("recipient", event.recipients)):
        for position, ref in enumerate(refs):
            rows["actors"].append(_actor_row(event_id, role, position, ref))
    for position, link in enumerate(event.links):
        rows["links"].append(
            {
                "event_id": event_id,
                "position": position,
                "relation": link.relation,
                "target_id": stored_event_id(article_key, link.event),
            }
        )
    for position, flag in enumerate(event.flags):
        rows["flags"].append(
            {"event_id": event_id, "position": position, "kind": flag.kind, "message": flag.message}
        )


def _actor_row(event_id: str, role: str, position: int, ref: ActorRef) -> dict[str, object]:
    return {
        "event_id": event_id,
        "role": role,
        "position": position,
        "text": ref.text,
        "span_start": ref.span[0],
        "span_end": ref.span[1],
        "name": ref.name,
        "country": ref.country,
        "sector": ref.sector,
        "entity_id": ref.entity_id,
        "resolved_by": ref.resolution.method if ref.resolution else None,
    }
